/**
 * Rules every CacheAdapter shares: what a key may be, what a value may be, how a TTL is read, the errors, and the
 * logger the adapters report through. One place, so the three implementations accept and refuse the same things.
 */
import { stderrLogger as projectStderrLogger, type Logger } from '../../log.js'
import { createHash } from 'node:crypto'
import { DEFAULT_TTL_SECONDS, type JsonValue } from '../cache.js'
import { InvalidInputError, SelfHealError } from '../../errors.js'

/** The longest key accepted, in UTF-16 code units (JavaScript string length). */
export const MAX_KEY_LENGTH = 8192

/** The largest value accepted, in bytes of its UTF-8 JSON text. */
export const MAX_VALUE_BYTES = 1024 * 1024

/** The longest time to live accepted, in seconds (ten years): longer is a mistake, not a wish. */
export const MAX_TTL_SECONDS = 10 * 365 * 24 * 3600

/** Where the cache adapters log (the project's Logger; `debug` is not needed). */
export type CacheLogger = Pick<Logger, 'info' | 'warning'>

/** The default: stderr, so a CLI's stdout stays clean. */
export const stderrLogger: CacheLogger = projectStderrLogger()

/** A key or value that the cache cannot store; nothing was written. */
export class CacheValueError extends InvalidInputError {
  static override readonly type: string = 'CacheValueError'
}

/** An operation on a cache that was closed. */
export class CacheClosedError extends SelfHealError {
  static override readonly type: string = 'CacheClosedError'

  constructor(kind: string) {
    super(`The ${kind} cache was closed and cannot be used any more: create a new one.`)
  }
}

/** The backend cannot be used here (e.g. `node:sqlite` is missing on this Node.js): the factory falls back. */
export class CacheUnavailableError extends SelfHealError {
  static override readonly type: string = 'CacheUnavailableError'
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Checks a key: a non-empty, well-formed string of at most MAX_KEY_LENGTH characters. */
export function checkKey(key: unknown): string {
  if (typeof key !== 'string') {
    throw new CacheValueError(`A cache key must be a string, not ${describeType(key)}.`)
  }
  if (key.length === 0) throw new CacheValueError('A cache key must not be empty.')
  if (key.length > MAX_KEY_LENGTH) {
    throw new CacheValueError(
      `A cache key is ${key.length} characters long; the limit is ${MAX_KEY_LENGTH}: hash long keys before using them.`
    )
  }
  // A lone surrogate cannot be encoded as UTF-8, so two different keys could be stored as the same bytes.
  if (LONE_SURROGATE.test(key)) {
    throw new CacheValueError('A cache key contains a lone UTF-16 surrogate: use well-formed Unicode text.')
  }
  return key
}

/** The fixed-length form of a key (SHA-256, hex), for backends that need one. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex')
}

/** Checks a TTL: a finite number of seconds, > 0 and <= MAX_TTL_SECONDS; undefined means the default. */
export function checkTtl(ttlSeconds: unknown): number {
  if (ttlSeconds === undefined) return DEFAULT_TTL_SECONDS
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new CacheValueError(
      `A cache TTL must be a positive number of seconds, not ${describeValue(ttlSeconds)}: omit it for ${DEFAULT_TTL_SECONDS} s.`
    )
  }
  if (ttlSeconds > MAX_TTL_SECONDS) {
    throw new CacheValueError(
      `A cache TTL of ${ttlSeconds} s is longer than the limit of ${MAX_TTL_SECONDS} s.`
    )
  }
  return ttlSeconds
}

/**
 * Serialises a value to JSON text, refusing what JSON would silently change or drop: undefined, functions,
 * symbols, BigInt, NaN and the infinities, cycles, and objects that are not plain (Date, Map, class instances).
 * -0 is accepted and reads back as 0, as JSON defines. The message names the path of the first offender.
 */
export function serializeValue(key: string, value: unknown): string {
  const refusal = findNonJson(value, [])
  if (refusal) {
    throw new CacheValueError(
      `The value for cache key ${quoteKey(key)} is not JSON: $${refusal.path.reverse().join('')} is ${refusal.what}; ${refusal.fix}. Nothing was stored.`
    )
  }
  const text = JSON.stringify(value)
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes > MAX_VALUE_BYTES) {
    throw new CacheValueError(
      `The value for cache key ${quoteKey(key)} is ${bytes} bytes of JSON; the limit is ${MAX_VALUE_BYTES}: store less, or split it.`
    )
  }
  return text
}

/** Parses JSON text that serializeValue produced. */
export function parseValue<T extends JsonValue>(text: string): T {
  return JSON.parse(text) as T
}

/** Why a value is not JSON: what and where (path segments innermost first), and what to store instead. */
interface Refusal {
  what: string
  fix: string
  path: string[]
}

function refuse(what: string, fix: string): Refusal {
  return { what, fix, path: [] }
}

/**
 * The first part of `value` that JSON.stringify would not write exactly, or undefined. The path is collected only
 * on the way back from a refusal, so a value that is JSON (every value stored) costs no string per property.
 */
function findNonJson(value: unknown, ancestors: object[]): Refusal | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined
    case 'number':
      return Number.isFinite(value) ? undefined : refuse(String(value), 'store a finite number or null')
    case 'bigint':
      return refuse('a BigInt', 'store it as a string')
    case 'undefined':
      return refuse('undefined', 'use null or leave the property out')
    case 'function':
      return refuse('a function', 'store data only')
    case 'symbol':
      return refuse('a symbol', 'store a string')
  }
  if (value === null) return undefined
  const object = value as object
  if (ancestors.includes(object))
    return refuse('a reference to itself (a cycle)', 'store a tree, not a graph')
  if (!Array.isArray(object)) {
    const proto = Object.getPrototypeOf(object)
    if (proto !== Object.prototype && proto !== null) {
      const name = (object as { constructor?: { name?: string } }).constructor?.name ?? 'an object'
      return refuse(`a ${name}, not a plain object`, 'convert it to a plain object, an array or a string')
    }
    if (Object.getOwnPropertySymbols(object).length > 0) {
      return refuse('an object with symbol keys', 'use string keys')
    }
  }
  let refusal: Refusal | undefined
  ancestors.push(object)
  if (Array.isArray(object)) {
    for (let i = 0; !refusal && i < object.length; i++) {
      // A hole in a sparse array would become null.
      if (!(i in object)) {
        refusal = refuse(`a sparse array (index ${i} is empty)`, 'fill it with null')
      } else {
        refusal = findNonJson(object[i], ancestors)
        refusal?.path.push(`[${i}]`)
      }
    }
  } else {
    for (const name in object) {
      if (!Object.hasOwn(object, name)) continue
      refusal = findNonJson((object as Record<string, unknown>)[name], ancestors)
      if (refusal) {
        refusal.path.push(/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`)
        break
      }
    }
  }
  ancestors.pop()
  return refusal
}

function quoteKey(key: string): string {
  return key.length > 80 ? `'${key.slice(0, 77)}...'` : `'${key}'`
}

function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}

function describeValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value)
  return describeType(value)
}

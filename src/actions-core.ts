/**
 * The part of @actions/core the action uses: inputs, outputs, state, log commands and the job summary, written
 * as @actions/core writes them (a test compares the two). @actions/core itself imports an HTTP client (undici)
 * for OIDC tokens at load time, which costs more than the rest of a start of the action.
 *
 * One difference: an output or state value of one line is written `name=value`, the runner's short form, and
 * only a value of several lines gets @actions/core's `name<<delimiter` block with a random delimiter, so most
 * starts never load node:crypto (a few milliseconds, a tenth of a bare Node start).
 */
import { accessSync, appendFileSync, constants, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { EOL } from 'node:os'

/** Options of the input readers, as in @actions/core. */
export interface InputOptions {
  /** Throw when the input is empty. */
  required?: boolean
  /** Trim the value (default true). */
  trimWhitespace?: boolean
}

/** Where an annotation points, as in @actions/core. */
export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
  endColumn?: number
}

/** Reads the action input `name`. */
export function getInput(name: string, options?: InputOptions): string {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || ''
  if (options?.required && !value) throw new Error(`Input required and not supplied: ${name}`)
  return options?.trimWhitespace === false ? value : value.trim()
}

/** Reads a multiline input: its non-empty lines. */
export function getMultilineInput(name: string, options?: InputOptions): string[] {
  const lines = getInput(name, options)
    .split('\n')
    .filter(line => line !== '')
  return options?.trimWhitespace === false ? lines : lines.map(line => line.trim())
}

/** Reads a boolean input (YAML 1.2 core schema: true, True, TRUE, false, False, FALSE). */
export function getBooleanInput(name: string, options?: InputOptions): boolean {
  const value = getInput(name, options)
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new TypeError(
    `Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
      'Support boolean input list: `true | True | TRUE | false | False | FALSE`'
  )
}

/** Sets the step output `name`. */
export function setOutput(name: string, value: unknown): void {
  if (process.env.GITHUB_OUTPUT) return fileCommand('OUTPUT', keyValue(name, value))
  process.stdout.write(EOL)
  issue('set-output', { name }, commandValue(value))
}

/** Saves state for the post step, which reads it with getState. */
export function saveState(name: string, value: unknown): void {
  if (process.env.GITHUB_STATE) return fileCommand('STATE', keyValue(name, value))
  issue('save-state', { name }, commandValue(value))
}

/** Reads state the main step saved. */
export function getState(name: string): string {
  return process.env[`STATE_${name}`] || ''
}

/** Masks a value in the log. */
export function setSecret(secret: string): void {
  issue('add-mask', {}, secret)
}

/** Writes a line to the log. */
export function info(message: string): void {
  process.stdout.write(message + EOL)
}

/** Writes a debug message (shown when step debugging is on). */
export function debug(message: string): void {
  issue('debug', {}, message)
}

/** Writes a warning annotation. */
export function warning(message: string | Error, properties: AnnotationProperties = {}): void {
  issue('warning', annotation(properties), message instanceof Error ? message.toString() : message)
}

/** Writes a notice annotation. */
export function notice(message: string | Error, properties: AnnotationProperties = {}): void {
  issue('notice', annotation(properties), message instanceof Error ? message.toString() : message)
}

/** Writes an error annotation. */
export function error(message: string | Error, properties: AnnotationProperties = {}): void {
  issue('error', annotation(properties), message instanceof Error ? message.toString() : message)
}

/** Fails the step with an error annotation. */
export function setFailed(message: string | Error): void {
  process.exitCode = 1
  error(message)
}

/** Runs `fn` inside a collapsible group of the log. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  issue('group', {}, name)
  try {
    return await fn()
  } finally {
    issue('endgroup', {}, '')
  }
}

/** A table cell of the job summary. */
export interface SummaryTableCell {
  data: string
  header?: boolean
  colspan?: string
  rowspan?: string
}

/** The job summary: HTML appended to the file GITHUB_STEP_SUMMARY names. */
class Summary {
  private buffer = ''

  addRaw(text: string, addEOL = false): this {
    this.buffer += text
    return addEOL ? this.addRaw(EOL) : this
  }

  addHeading(text: string, level: number): this {
    const tag = level >= 1 && level <= 6 && Number.isInteger(level) ? `h${level}` : 'h1'
    return this.addRaw(wrap(tag, text), true)
  }

  addTable(rows: Array<Array<SummaryTableCell | string>>): this {
    const body = rows
      .map(row => {
        const cells = row.map(cell => {
          if (typeof cell === 'string') return wrap('td', cell)
          const { header, data, colspan, rowspan } = cell
          return wrap(header ? 'th' : 'td', data, {
            ...(colspan && { colspan }),
            ...(rowspan && { rowspan })
          })
        })
        return wrap('tr', cells.join(''))
      })
      .join('')
    return this.addRaw(wrap('table', body), true)
  }

  addList(items: string[], ordered = false): this {
    return this.addRaw(wrap(ordered ? 'ol' : 'ul', items.map(item => wrap('li', item)).join('')), true)
  }

  addDetails(label: string, content: string): this {
    return this.addRaw(wrap('details', wrap('summary', label) + content), true)
  }

  addLink(text: string, href: string): this {
    return this.addRaw(wrap('a', text, { href }), true)
  }

  /**
   * Appends what was added to the summary file and empties the buffer. Synchronously, as the outputs are written:
   * one small append, quicker than the thread pool's trips.
   */
  async write(): Promise<this> {
    const path = process.env.GITHUB_STEP_SUMMARY
    if (!path) {
      throw new Error(
        'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'
      )
    }
    try {
      accessSync(path, constants.R_OK | constants.W_OK)
    } catch {
      throw new Error(
        `Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`
      )
    }
    appendFileSync(path, this.buffer, { encoding: 'utf8' })
    this.buffer = ''
    return this
  }
}

/** The job summary. */
export const summary = new Summary()

function wrap(tag: string, content: string, attrs: Record<string, string> = {}): string {
  const html = Object.entries(attrs)
    .map(([key, value]) => ` ${key}="${value}"`)
    .join('')
  return content ? `<${tag}${html}>${content}</${tag}>` : `<${tag}${html}>`
}

function commandValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string' || value instanceof String) return String(value)
  return JSON.stringify(value)
}

function annotation(p: AnnotationProperties): Record<string, unknown> {
  if (!Object.keys(p).length) return {}
  return {
    title: p.title,
    file: p.file,
    line: p.startLine,
    endLine: p.endLine,
    col: p.startColumn,
    endColumn: p.endColumn
  }
}

/** Writes a workflow command (`::name key=value,...::message`) to stdout. */
function issue(command: string, properties: Record<string, unknown>, message: unknown): void {
  let text = `::${command}`
  const set = Object.entries(properties).filter(([, value]) => value)
  if (Object.keys(properties).length) {
    text += ` ${set.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',')}`
  }
  process.stdout.write(`${text}::${escapeData(message)}${EOL}`)
}

function escapeData(value: unknown): string {
  return commandValue(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: unknown): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

function fileCommand(command: 'OUTPUT' | 'STATE', message: string): void {
  const path = process.env[`GITHUB_${command}`] as string
  if (!existsSync(path)) throw new Error(`Missing file at path: ${path}`)
  appendFileSync(path, `${message}${EOL}`, { encoding: 'utf8' })
}

function keyValue(key: string, value: unknown): string {
  const converted = commandValue(value)
  // The runner reads a line `name=value` up to its end: a value without line breaks cannot end it early.
  if (!/[\r\n]/.test(converted)) return `${key}=${converted}`
  const { randomUUID } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (key.includes(delimiter))
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`)
  if (converted.includes(delimiter))
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`)
  return `${key}<<${delimiter}${EOL}${converted}${EOL}${delimiter}`
}

/**
 * Holds every request body and JSON response to GitHub's published REST description: the trimmed subset of
 * `@octokit/openapi`'s `api.github.com.json` committed in `emulator/openapi/` (regenerate it with
 * `npx tsx scripts/openapi-subset.ts`).
 */
import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import * as formatsModule from 'ajv-formats'

/** Where the committed subset lives. */
export const SPEC_SUBSET_URL = new URL('./openapi/api.github.com.subset.json', import.meta.url)

/** One failure to conform, kept by the emulator for the test that caused it. */
export interface SpecViolation {
  /** A request body or a response. */
  kind: 'request' | 'response'
  /** GitHub's operation id. */
  operationId: string
  /** `METHOD /path` as requested. */
  request: string
  /** The response status (for responses). */
  status?: number
  /** What did not conform. */
  message: string
}

interface OperationEntry {
  method: string
  path: string
  pointer: string
  operation: Record<string, unknown>
}

type Json = Record<string, unknown>

/** Validates bodies against the committed OpenAPI subset. */
export class SpecValidator {
  private readonly ajv: Ajv
  private readonly operations = new Map<string, OperationEntry>()
  private readonly cache = new Map<string, ValidateFunction | null>()
  private readonly spec: Json

  constructor(spec: Json = loadSpecSubset()) {
    spec = adaptOpenApiSchemas(spec) as Json
    this.spec = spec
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false })
    const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (
      ajv: Ajv
    ) => void
    addFormats(this.ajv)
    // GitHub's own formats: `int64` is any integer (JSON numbers), `repo.nwo` is OWNER/NAME.
    this.ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) })
    this.ajv.addFormat('repo.nwo', /^[^/\s]+\/[^/\s]+$/)
    // GitHub's bot identities (`41898282+github-actions[bot]@users.noreply.github.com`, the author of commits made
    // through the API with a GITHUB_TOKEN) are not RFC 5321 addresses, and GitHub returns them as `email`.
    this.ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/)
    this.ajv.addSchema(spec, 'spec.json')
    const paths = (spec.paths ?? {}) as Record<string, Record<string, Json>>
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (typeof operation !== 'object' || typeof operation.operationId !== 'string') continue
        this.operations.set(operation.operationId, {
          method: method.toUpperCase(),
          path,
          pointer: `#/paths/${escapePointer(path)}/${method}`,
          operation
        })
      }
    }
  }

  /** Whether the subset describes this operation. */
  has(operationId: string): boolean {
    return this.operations.has(operationId)
  }

  /** The operation's documentation page, for error bodies. */
  documentationUrl(operationId: string): string | undefined {
    const docs = this.operations.get(operationId)?.operation.externalDocs as { url?: string } | undefined
    return docs?.url
  }

  /** Checks a request body; returns what is wrong, or undefined when it conforms. */
  validateRequest(operationId: string, body: unknown): string | undefined {
    const entry = this.operations.get(operationId)
    if (!entry)
      return `operation ${operationId} is not in the OpenAPI subset (add it to emulator/openapi/operations.txt)`
    const requestBody = this.resolve(entry.operation.requestBody, `${entry.pointer}/requestBody`)
    // GitHub ignores a body sent to an operation that takes none.
    if (!requestBody) return undefined
    const content = (requestBody.value.content ?? {}) as Record<string, Json>
    const json = content['application/json']
    if (!json?.schema) return undefined
    if (body === undefined) {
      return requestBody.value.required
        ? 'the request has no JSON body but the operation requires one'
        : undefined
    }
    const validate = this.compile(`${requestBody.pointer}/content/application~1json/schema`)
    if (!validate || validate(body)) return undefined
    return this.ajv.errorsText(validate.errors?.slice(0, 8), { dataVar: 'body', separator: '; ' })
  }

  /** Checks a JSON response; returns what is wrong, or undefined when it conforms. */
  validateResponse(operationId: string, status: number, body: unknown): string | undefined {
    const entry = this.operations.get(operationId)
    if (!entry)
      return `operation ${operationId} is not in the OpenAPI subset (add it to emulator/openapi/operations.txt)`
    const responses = (entry.operation.responses ?? {}) as Record<string, unknown>
    const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`]
    if (declared === undefined) {
      if (status >= 400) {
        return isErrorBody(body)
          ? undefined
          : `status ${status} is not declared and the body is not GitHub's error shape`
      }
      return `status ${status} is not a response the operation declares (${Object.keys(responses).join(', ')})`
    }
    const response = this.resolve(declared, `${entry.pointer}/responses/${status}`)
    if (!response) return undefined
    const content = (response.value.content ?? {}) as Record<string, Json>
    const mediaType = Object.keys(content).find(type => type === 'application/json' || type.endsWith('+json'))
    if (!mediaType || !content[mediaType]?.schema) {
      if (body === undefined || body === '') return undefined
      // The description omits the body of many errors that GitHub sends with its usual error shape.
      if (status >= 400 && isErrorBody(body)) return undefined
      return `status ${status} declares no JSON body but one was sent`
    }
    const validate = this.compile(`${response.pointer}/content/${escapePointer(mediaType)}/schema`)
    if (!validate || validate(body)) return undefined
    return this.ajv.errorsText(validate.errors?.slice(0, 8), { dataVar: 'response', separator: '; ' })
  }

  private resolve(value: unknown, pointer: string): { value: Json; pointer: string } | undefined {
    if (typeof value !== 'object' || value === null) return undefined
    const ref = (value as Json).$ref
    if (typeof ref === 'string' && ref.startsWith('#/')) {
      let target: unknown = this.spec
      for (const part of ref.slice(2).split('/')) {
        target = (target as Json | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')]
      }
      return this.resolve(target, ref)
    }
    return { value: value as Json, pointer }
  }

  private compile(pointer: string): ValidateFunction | undefined {
    if (!this.cache.has(pointer)) this.cache.set(pointer, this.ajv.compile({ $ref: `spec.json${pointer}` }))
    return this.cache.get(pointer) ?? undefined
  }
}

let shared: SpecValidator | undefined

/** One validator per process: compiling GitHub's schemas is the slow part, and they never change. */
export function sharedSpecValidator(): SpecValidator {
  shared ??= new SpecValidator()
  return shared
}

/** Reads the committed subset. */
export function loadSpecSubset(): Json {
  return JSON.parse(readFileSync(SPEC_SUBSET_URL, 'utf8')) as Json
}

/**
 * Adapts OpenAPI 3.0 schema dialect to what Ajv checks: `nullable` without `type` becomes `anyOf [..., null]`,
 * and `oneOf` becomes `anyOf`, because GitHub's description lists overlapping alternatives (an error body matches
 * both `basic-error` and `scim-error`) where it means "one of these shapes".
 */
export function adaptOpenApiSchemas(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(adaptOpenApiSchemas)
  if (typeof node !== 'object' || node === null) return node
  const out: Json = {}
  for (const [key, value] of Object.entries(node))
    out[key === 'oneOf' ? 'anyOf' : key] = adaptOpenApiSchemas(value)
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable
    return { anyOf: [out, { type: 'null' }] }
  }
  return out
}

function isErrorBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && typeof (body as Json).message === 'string'
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1')
}

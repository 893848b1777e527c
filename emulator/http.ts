/** GitHub-shaped HTTP errors and replies, shared by the core routes and the plugins. */
import type { RouteReply } from './plugin.js'

/** Where GitHub's error bodies point when no operation-specific page is known. */
export const DOCS_URL = 'https://docs.github.com/rest'

/** One entry of a 422's `errors` array, as GitHub writes them. */
export interface ValidationErrorItem {
  /** The resource, e.g. `PullRequest`. */
  resource?: string
  /** The field, e.g. `head`. */
  field?: string
  /** `missing`, `missing_field`, `invalid`, `already_exists`, `unprocessable` or `custom`. */
  code: string
  /** Human text (for `custom`). */
  message?: string
}

/** An error a route throws to answer with GitHub's error body (`{message, documentation_url, status}`). */
export class ApiError extends Error {
  /** HTTP status. */
  readonly status: number
  /** 422's `errors`, when any. */
  readonly errors?: ValidationErrorItem[]
  /** Extra response headers. */
  readonly headers?: Record<string, string>

  constructor(
    status: number,
    message: string,
    options: { errors?: ValidationErrorItem[]; headers?: Record<string, string> } = {}
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.errors = options.errors
    this.headers = options.headers
  }

  /** The reply GitHub would send. */
  toReply(documentationUrl = DOCS_URL): RouteReply {
    return errorReply(this.status, this.message, {
      errors: this.errors,
      headers: this.headers,
      documentationUrl
    })
  }
}

/** Builds GitHub's error reply: `{message, documentation_url, status}` plus `errors` for validation failures. */
export function errorReply(
  status: number,
  message: string,
  options: {
    errors?: ValidationErrorItem[]
    headers?: Record<string, string>
    documentationUrl?: string
  } = {}
): RouteReply {
  const body: Record<string, unknown> = { message, documentation_url: options.documentationUrl ?? DOCS_URL }
  if (options.errors) body.errors = options.errors
  body.status = String(status)
  return { status, body, headers: options.headers }
}

/** 404 as GitHub sends it for anything missing or hidden. */
export function notFound(): ApiError {
  return new ApiError(404, 'Not Found')
}

/** 422 "Validation Failed" with GitHub's `errors` array. */
export function validationFailed(errors: ValidationErrorItem[], message = 'Validation Failed'): ApiError {
  return new ApiError(422, message, { errors })
}

/** GitHub's `link` header for a page that has a next one (what `octokit.paginate` follows). */
export function nextPageLink(
  baseUrl: string,
  path: string,
  query: URLSearchParams,
  page: number,
  perPage: number
): string {
  const next = new URL(`${baseUrl}${path}`)
  for (const [key, value] of query) next.searchParams.set(key, value)
  next.searchParams.set('page', String(page + 1))
  next.searchParams.set('per_page', String(perPage))
  return `<${next.toString()}>; rel="next"`
}

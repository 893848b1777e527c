/**
 * The GitHub client: Octokit from `@actions/github` with the throttling and retry plugins, base URLs from explicit
 * settings or GITHUB_API_URL / GITHUB_GRAPHQL_URL (GitHub Enterprise Server and the emulator), a per-request
 * timeout, and a token that is masked and never logged.
 */
import * as core from '../actions-core.js'
import { getOctokit } from '@actions/github'
import { defaults as actionsDefaults } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck'
import { ConfigurationError, redactUrls } from '../errors.js'
import { graphqlUrlFor, readUrl } from '../settings.js'
import {
  GraphQLRequestError,
  RateLimitError,
  isRequestError,
  mapGitHubError,
  rateLimitReset,
  retryAfterSeconds,
  type RequestPurpose
} from './errors.js'
import { howToSet } from '../surface.js'
import { WritePacer, type WriteLimit } from './write-pacer.js'

/** Where log lines of the client go (warnings about rate limits and retries; debug lines). */
export interface GitHubClientLog {
  /** A rate limit or retry the user should know about. */
  warning(message: string): void
  /** Detail for debugging. */
  debug(message: string): void
}

/** Settings of createGitHubClient. Only `token` and `repository` are required. */
export interface GitHubClientSettings {
  /** A GITHUB_TOKEN, an App installation token or a PAT. Masked; never logged. */
  token: string
  /** REST base URL (default GITHUB_API_URL, then https://api.github.com). */
  apiUrl?: string
  /** GraphQL endpoint (default GITHUB_GRAPHQL_URL, then derived from the REST base URL). */
  graphqlUrl?: string
  /** The repository, `OWNER/NAME`. */
  repository: string
  /** User agent (default `self-heal`). */
  userAgent?: string
  /** Timeout of one request attempt in ms (default 30 000); a timed-out attempt is retried like a dropped one. */
  timeoutMs?: number
  /**
   * The longest wait for a rate limit, in seconds (default 60): an exhausted primary limit's reset, or a
   * secondary limit's `retry-after`. A longer one fails at once with a RateLimitError saying when to run again.
   */
  maxRateLimitWaitSeconds?: number
  /** Retries of a failed request (5xx, network error, timeout; default 3). */
  retries?: number
  /** Base of the retry backoff and the unit of `retry-after`, in ms (default 1000; tests make it small). */
  retryBaseMs?: number
  /**
   * Minimum gap between the starts of two writes in ms (default 0). Writes are always made one at a time, within
   * `writeLimits`.
   */
  minWriteIntervalMs?: number
  /** Most content-creating requests per window (default GITHUB_WRITE_LIMITS: 80 a minute, 500 an hour). */
  writeLimits?: readonly WriteLimit[]
  /** Where warnings and debug lines go (default: @actions/core inside Actions, stderr outside). */
  log?: GitHubClientLog
}

/** The Octokit instance the client wraps (REST methods, paginate, retry and throttling). */
export type GitHubOctokit = ReturnType<typeof getOctokit>

/** A configured client for one repository. */
export interface GitHubClient {
  /** The Octokit instance (REST methods under `.rest`, `.request`, `.paginate`). */
  readonly octokit: GitHubOctokit
  /** Repository owner. */
  readonly owner: string
  /** Repository name. */
  readonly repo: string
  /** `OWNER/NAME`. */
  readonly repository: string
  /** The REST base URL in use. */
  readonly apiUrl: string
  /** The GraphQL endpoint in use. */
  readonly graphqlUrl: string
  /** Runs a GraphQL query or mutation against `graphqlUrl`. */
  graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T>
  /** Maps an error thrown by a request of this client to a typed error (see mapGitHubError). */
  mapError(error: unknown, purpose: Omit<RequestPurpose, 'repository'>): Error
}

const DEFAULT_API_URL = 'https://api.github.com'
const REPOSITORY_PATTERN = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/

/** Splits and validates `OWNER/NAME`; ConfigurationError naming the setting otherwise. */
export function parseRepository(repository: string): { owner: string; repo: string } {
  const match = REPOSITORY_PATTERN.exec(repository?.trim() ?? '')
  if (!match || match[2] === '.' || match[2] === '..') {
    throw new ConfigurationError(
      `Repository '${repository}' is not of the form OWNER/NAME: ${howToSet('repository')}.`
    )
  }
  return { owner: match[1], repo: match[2] }
}

function defaultLog(): GitHubClientLog {
  // Inside Actions, workflow commands reach the log; outside, they would pollute stdout (and `--json`).
  if (process.env.GITHUB_ACTIONS === 'true')
    return { warning: m => core.warning(m), debug: m => core.debug(m) }
  return { warning: m => process.stderr.write(`warning: ${m}\n`), debug: () => undefined }
}

/** A log that hides URL credentials in every line it passes on. */
function redacting(log: GitHubClientLog): GitHubClientLog {
  return { warning: m => log.warning(redactUrls(m)), debug: m => log.debug(redactUrls(m)) }
}

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

/** Wraps fetch so that each attempt is aborted after `timeoutMs` (combined with any caller's signal). */
function fetchWithTimeout(base: FetchLike, timeoutMs: number): FetchLike {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    try {
      return await base(input, { ...init, signal })
    } catch (error) {
      if (timeout.aborted && !init?.signal?.aborted) {
        // Not an AbortError, so Octokit turns it into a RequestError the retry plugin retries.
        throw new Error(`request timed out after ${timeoutMs} ms`, { cause: error })
      }
      throw error
    }
  }
}

/**
 * Whether a request creates content, as GitHub counts against its secondary limits: every REST method but GET and
 * HEAD, and a GraphQL document unless it is a query.
 */
export function isContentCreating(
  options: { method?: string; url?: string; query?: unknown },
  apiUrl: string
): boolean {
  const method = (options.method ?? 'GET').toUpperCase()
  if (method === 'GET' || method === 'HEAD') return false
  if (typeof options.query !== 'string' || !/\/graphql$/.test(new URL(options.url ?? '', apiUrl).pathname))
    return true
  // The first token of the document, past comments: `query` or a bare `{` is a read; anything else is paced.
  const first = /^(?:\s|#[^\n]*)*(\{|[A-Za-z]+)/.exec(options.query)?.[1]
  return first !== 'query' && first !== '{'
}

/**
 * Creates the client. The token is registered as a secret (inside Actions) before anything else happens; it is
 * sent only in the Authorization header and never appears in logs or errors.
 */
export function createGitHubClient(settings: GitHubClientSettings): GitHubClient {
  const token = settings.token?.trim()
  if (!token) {
    throw new ConfigurationError(`No GitHub token: ${howToSet('token')}.`)
  }
  if (process.env.GITHUB_ACTIONS === 'true') core.setSecret(token)
  const { owner, repo } = parseRepository(settings.repository)
  const apiUrl = readUrl(settings.apiUrl || process.env.GITHUB_API_URL || DEFAULT_API_URL, 'API URL')
  const graphqlUrl = readUrl(
    settings.graphqlUrl || process.env.GITHUB_GRAPHQL_URL || graphqlUrlFor(apiUrl),
    'GraphQL URL'
  )
  const log = redacting(settings.log ?? defaultLog())
  const timeoutMs = settings.timeoutMs ?? 30_000
  const maxWait = settings.maxRateLimitWaitSeconds ?? 60
  const retries = settings.retries ?? 3
  const retryBaseMs = settings.retryBaseMs ?? 1000
  const pacer = new WritePacer({ minIntervalMs: settings.minWriteIntervalMs, limits: settings.writeLimits })
  const repository = `${owner}/${repo}`

  // @actions/github's fetch goes through the runner's proxy for GITHUB_API_URL; another host uses plain fetch.
  const actionsFetch = actionsDefaults.request?.fetch as FetchLike | undefined
  const sameHostAsDefault =
    new URL(apiUrl).host === new URL(process.env.GITHUB_API_URL || DEFAULT_API_URL).host
  const baseFetch: FetchLike =
    sameHostAsDefault && actionsFetch ? actionsFetch : (i, o) => globalThis.fetch(i, o)

  const octokit = getOctokit(
    token,
    {
      baseUrl: apiUrl,
      userAgent: settings.userAgent ?? 'self-heal',
      request: { fetch: fetchWithTimeout(baseFetch, timeoutMs) },
      log: {
        debug: (m: string) => log.debug(m),
        info: (m: string) => log.debug(m),
        warn: (m: string) => log.warning(m),
        error: (m: string) => log.warning(m)
      },
      retry: {
        retries,
        retryAfterBaseValue: retryBaseMs,
        // 409 (stale sha) and 422 need fresh input, not the same request again; auth errors never heal by waiting;
        // a 429 is retried by the throttling plugin, which waits what retry-after asks (or fails past the bound).
        doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451]
      },
      throttle: {
        id: `self-heal-${repository}`,
        // The plugin would space writes 1 s apart and queue every GraphQL request with them, queries (reads)
        // included: writes are paced by the hook below instead, at GitHub's documented limits.
        write: new Bottleneck.Group({ maxConcurrent: null, minTime: 0 }),
        retryAfterBaseValue: retryBaseMs,
        fallbackSecondaryRateRetryAfter: 60,
        onSecondaryRateLimit: (
          retryAfter: number,
          options: { method?: string; url?: string },
          _o: unknown,
          count: number
        ) => {
          // Past the bound the hook below fails at once, saying when to run again: no silent hour-long wait.
          if (count >= retries || retryAfter > maxWait) return false
          log.warning(
            `GitHub secondary rate limit on ${options.method} ${options.url}: waiting ${retryAfter} s (retry-after) ` +
              `and retrying (${count + 1}/${retries}).`
          )
          return true
        },
        onRateLimit: (
          retryAfter: number,
          options: { method?: string; url?: string },
          _o: unknown,
          count: number
        ) => {
          if (count >= 1 || retryAfter > maxWait) return false
          log.warning(
            `GitHub rate limit exhausted on ${options.method} ${options.url}: waiting ${retryAfter} s for the reset.`
          )
          return true
        }
      }
    },
    retry,
    throttling
  )

  // Outermost hook: the plugins have given up by now, so a limit that asks for a longer wait than the bound (an
  // exhausted primary limit, a secondary one's retry-after) becomes RateLimitError.
  octokit.hook.wrap('request', async (request, options) => {
    try {
      const send = async () => request(options)
      return await (isContentCreating(options, apiUrl) ? pacer.run(send) : send())
    } catch (error) {
      if (isRequestError(error) && (error.status === 403 || error.status === 429)) {
        const reset = rateLimitReset(error)
        if (reset) throw new RateLimitError(reset, maxWait, { cause: error })
        const after = retryAfterSeconds(error)
        if (after !== undefined && after > maxWait) {
          throw new RateLimitError(new Date(Date.now() + after * 1000), maxWait, {
            cause: error,
            secondary: true
          })
        }
      }
      throw error
    }
  })

  return {
    octokit,
    owner,
    repo,
    repository,
    apiUrl,
    graphqlUrl,
    graphql: async <T>(query: string, variables: Record<string, unknown> = {}) => {
      // A plain request (not octokit.graphql) so that no variable name is taken as a request option.
      const response = await octokit.request({ method: 'POST', url: graphqlUrl, query, variables })
      const body = response.data as { data?: T; errors?: Array<{ type?: string; message: string }> }
      if (body.errors?.length) throw new GraphQLRequestError(body.errors, response.status)
      return body.data as T
    },
    mapError: (error, purpose) => mapGitHubError(error, { ...purpose, repository })
  }
}

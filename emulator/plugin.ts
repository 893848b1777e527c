/**
 * The emulator's extension points. The core server (REST git data, contents, pulls, GraphQL, auth, rate limits,
 * faults, stats, OpenAPI validation) owns the HTTP server; the Actions runs module and the Actions cache service
 * plug into it through these types, so each part is written and tested on its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

/** The kinds of request the stats count. */
export type RequestKind = 'read' | 'write'

/** Permissions a token can hold, as GitHub's fine-grained/installation permissions name them. */
export type Permission =
  'contents' | 'pull-requests' | 'actions' | 'workflows' | 'issues' | 'checks' | 'metadata'

/** One repository served by the emulator. */
export interface EmulatedRepository {
  /** `OWNER/NAME`. */
  fullName: string
  /** Owner login. */
  owner: string
  /** Repository name. */
  name: string
  /** Absolute path of the bare git repository holding every object and ref. */
  gitDir: string
  /** The default branch name. */
  defaultBranch: string
  /** `OWNER/NAME` of the served repository this one is a fork of (GitHub's `parent`); absent: not a fork. */
  parent?: string
}

/** A token a plugin issues (an Actions job's GITHUB_TOKEN): what it may do, until it is revoked. */
export interface TokenGrant {
  /** Its permissions (default: every one); `metadata` is implied. */
  permissions?: Permission[]
  /**
   * The repositories (`OWNER/NAME`) it may write to, through REST and GraphQL; `[]`: none (a read-only token, as
   * a fork's pull_request run gets). Default: anywhere.
   */
  writableRepositories?: string[]
}

/**
 * A pull request opened, reopened, or synchronized (its head moved) through the API, as GitHub's `pull_request`
 * webhook event names them.
 */
export interface PullRequestEvent {
  action: 'opened' | 'reopened' | 'synchronize'
  /** The base repository (where the pull request is). */
  repository: EmulatedRepository
  /** The repository its head branch is in: the base, or a fork of it. */
  headRepository: EmulatedRepository
  /** Its number. */
  number: number
  /** The head commit (fetched into the base as `refs/pull/N/head`). */
  headSha: string
  /** The head branch's name. */
  headRef: string
  /** The base branch's name. */
  baseRef: string
  /** The pull request as the REST API shows it (`pull-request`), for the event's payload. */
  pullRequest: Record<string, unknown>
  /** The token of the request that caused it (a plugin ignores events its own job tokens cause). */
  token: string
}

/** A REST reply: status, JSON (or text/binary) body and extra headers. */
export interface RouteReply {
  /** HTTP status. */
  status: number
  /** JSON-serialisable body, a string, a Buffer, or undefined for no body. */
  body?: unknown
  /** Extra response headers (e.g. `location`, `content-type`). */
  headers?: Record<string, string>
}

/** What a route handler receives. Auth, faults, rate limits and stats were handled before the call. */
export interface RouteContext {
  /** The raw request. */
  req: IncomingMessage
  /** Path parameters (`{owner}`, `{repo}`, `{run_id}`, ...), URL-decoded. */
  params: Record<string, string>
  /** Query string. */
  query: URLSearchParams
  /** The request body parsed as JSON (undefined when there is none). */
  body: unknown
  /** The raw request body. */
  rawBody: Buffer
  /** The repository the path names, when it names one that exists (404 is returned by the core otherwise). */
  repo: EmulatedRepository
  /** The emulator's services, for plugins that need more than the request. */
  emulator: EmulatorServices
}

/** A REST operation a plugin adds: the core routes, authenticates, rate-limits, counts and validates it. */
export interface Route {
  /** HTTP method, upper case. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Path template as in GitHub's OpenAPI description, e.g. `/repos/{owner}/{repo}/actions/runs/{run_id}`. */
  path: string
  /** GitHub's operation id, e.g. `actions/get-workflow-run` (the key of the stats and of spec validation). */
  operationId: string
  /** Whether it counts as a read or a write in the stats (GitHub's content-creation budget counts writes). */
  kind: RequestKind
  /** The permission the token needs (403 "Resource not accessible by integration" otherwise). */
  permission?: Permission
  /** Handles the request. A thrown error becomes a 500 with its message. */
  handler(ctx: RouteContext): Promise<RouteReply>
}

/** A raw handler for what is not GitHub REST (the Actions cache service's Twirp API, blob storage, log zips). */
export interface RawHandler {
  /** A name for logs and stats. */
  name: string
  /**
   * Handles the request when it is this handler's (returns true), or returns false to let the next one try.
   * Authentication is the handler's own business: the cache service uses ACTIONS_RUNTIME_TOKEN, not a PAT.
   */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>
}

/** Services the core offers to plugins. */
export interface EmulatorServices {
  /** The base URL, e.g. `http://127.0.0.1:PORT` (REST is served at the root, GraphQL at `/graphql`). */
  readonly url: string
  /** Every repository served, by `OWNER/NAME`. */
  readonly repositories: ReadonlyMap<string, EmulatedRepository>
  /** Counts one request in the stats under an operation id (for raw handlers; routes are counted by the core). */
  record(operationId: string, kind: RequestKind | 'notModified'): void
  /** The emulator's clock in ms (may run faster than real time in tests and benchmarks). */
  now(): number
  /** The clock's speed factor (1 = real time): plugins that wait scale their delays by it. */
  readonly clockSpeed: number
  /** Whether the emulator behaves as GitHub Enterprise Server (e.g. dispatch refuses `return_run_details`). */
  readonly ghes: boolean
  /** Issues a new token (random, never printed) with a grant; it works until `revokeToken`. */
  issueToken(grant?: TokenGrant): string
  /** Ends a token `issueToken` gave: it is then "Bad credentials". */
  revokeToken(token: string): void
}

/** A plugin: routes and raw handlers, plus a hook to stop what it started (processes, timers) on close. */
export interface EmulatorPlugin {
  /** A name, for logs. */
  name: string
  /** REST routes. */
  routes?: Route[]
  /** Raw handlers, tried in order before REST routing. */
  rawHandlers?: RawHandler[]
  /** Called once when the server starts listening. */
  start?(services: EmulatorServices): Promise<void> | void
  /** Called on close; must end child processes and timers. */
  stop?(): Promise<void> | void
  /** Called, before the request that caused it is answered, when a pull request is opened, reopened or synchronized. */
  onPullRequest?(event: PullRequestEvent): Promise<void> | void
}

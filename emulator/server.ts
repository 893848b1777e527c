/**
 * The GitHub emulator's core: a loopback `node:http` server over real bare git repositories that routes REST
 * requests by GitHub's OpenAPI path templates, authenticates tokens with permissions, enforces rate limits,
 * injects faults, counts requests, sets ETags, and validates bodies against GitHub's published description.
 * Plugins (Actions runs, the cache service) add routes and raw handlers through `plugin.ts`.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { resolve as resolvePath } from 'node:path'
import type { AuthInfo, Core, CoreContext, CoreRoute } from './core-types.js'
import { FaultTable, type FaultReply, type RequestHook, type RequestMatcher } from './faults.js'
import {
  compareAndSwapRef,
  editTree,
  entryAt,
  isValidRefName,
  readBlob,
  readCommit,
  readRef,
  resolveCommit,
  writeBlob,
  writeCommit,
  type TreeEdit
} from './git-data.js'
import { handleGraphql } from './graphql.js'
import { closeObjectReader } from './object-reader.js'
import { ApiError, DOCS_URL, errorReply } from './http.js'
import { RateLimiter, type LimitRefusal } from './limits.js'
import type {
  EmulatedRepository,
  EmulatorPlugin,
  EmulatorServices,
  Permission,
  PullRequestEvent,
  RawHandler,
  RequestKind,
  RouteReply,
  TokenGrant
} from './plugin.js'
import {
  checkGitDir,
  createTempBareRepository,
  parseFullName,
  readDefaultBranch,
  readStateFile,
  RepositoryState,
  writeStateFile
} from './repositories.js'
import { checkEntryPath } from './paths.js'
import { compileTemplate, matchTemplate, type CompiledTemplate } from './router.js'
import { coreRoutes } from './routes/index.js'
import { mayWrite } from './routes/guards.js'
import { pullHeadSha, pullJson, type PullRecord } from './routes/pulls.js'
import { runGit } from './git-runner.js'
import { githubOperationFor } from './unserved.js'
import { StatsRecorder, type EmulatorStats } from './stats.js'
import { sharedSpecValidator, type SpecValidator, type SpecViolation } from './validation.js'

/** Every permission a token can hold. */
export const ALL_PERMISSIONS: readonly Permission[] = [
  'contents',
  'pull-requests',
  'actions',
  'workflows',
  'issues',
  'checks',
  'metadata'
]

/** A repository to serve. */
export interface RepositoryOption {
  /** `OWNER/NAME`. */
  fullName: string
  /** Path of an existing bare repository. */
  gitDir: string
  /**
   * `OWNER/NAME` of a repository served before it that this one is a fork of: it reports `fork: true`, `parent`
   * and `source`, pull requests `head: "OWNER:BRANCH"` come from it, and, when it has no branch yet, it starts
   * with the parent's branches, as a new fork does.
   */
  forkOf?: string
}

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** Repositories to serve; default: one new temp bare repository `octo/repo` with an initial commit on `main`. */
  repos?: RepositoryOption[]
  /** The token with every permission (default `emulator-token`). */
  token?: string
  /** More tokens with the permissions each holds (`metadata` is implied). */
  tokens?: Record<string, Permission[]>
  /**
   * The repositories (OWNER/NAME) a token may write to through the REST API, as a GITHUB_TOKEN may write only to
   * its workflow's repository (a fork's branch too is out of its reach); a token not named writes anywhere.
   */
  tokenRepositories?: Record<string, string[]>
  /** Port on 127.0.0.1 (default 0: an ephemeral port). */
  port?: number
  /** Plugins (Actions runs, the cache service, ...). */
  plugins?: EmulatorPlugin[]
  /** How fast the emulator's clock runs (default 1 = real time). */
  clockSpeed?: number
  /** Validate request bodies and JSON responses against the OpenAPI subset (default true). */
  validate?: boolean
  /** Recursive tree listings say `truncated` past this many entries (GitHub: 100,000). */
  treeTruncateAt?: number
  /** Recursive tree listings say `truncated` past this many bytes of entries (GitHub: 7 MB). */
  treeTruncateBytes?: number
  /** Behave as GitHub Enterprise Server (plugins read `services.ghes`). */
  ghes?: boolean
  /** Primary limit: requests an hour per token (default 5,000). */
  rateLimit?: number
  /** Content-creation budget: writes a minute (default 80) and an hour (default 500). */
  writesPerMinute?: number
  /** Content-creation budget: writes an hour (default 500). */
  writesPerHour?: number
  /**
   * Keep what GitHub holds beside git (pull requests, their reviewers and labels, issue numbers) in
   * `emulator-state.json` inside each served git directory, read at start and written after every write, so it
   * survives a restart (the CLI does). Temp repositories the emulator makes are never persisted.
   */
  persist?: boolean
}

/** What `pushFiles` commits. */
export interface PushFilesOptions {
  /** Branch to move (created from the default branch when it does not exist). */
  branch: string
  /** Path → content (text or bytes), or null to delete the path. */
  files: Record<string, string | Buffer | null>
  /** Commit message (default "Concurrent push"). */
  message?: string
  /** `OWNER/NAME` (default: the first repository). */
  repository?: string
}

/** The running emulator. */
export interface Emulator {
  /** Base URL, `http://127.0.0.1:PORT`. */
  readonly url: string
  /** REST base URL for `GITHUB_API_URL`: `url`, or `${url}/api/v3` in GHES mode (both layouts are served). */
  readonly apiUrl: string
  /** GraphQL endpoint for `GITHUB_GRAPHQL_URL`: `${url}/graphql`, or `${url}/api/graphql` in GHES mode. */
  readonly graphqlUrl: string
  /** The token with every permission. */
  readonly token: string
  /** The first repository served. */
  readonly repository: EmulatedRepository
  /** Every repository served, by `OWNER/NAME`. */
  readonly repositories: ReadonlyMap<string, EmulatedRepository>
  /** The services plugins see. */
  readonly services: EmulatorServices
  /** Request counts (as `GET /_emulator/stats`). */
  stats(): EmulatorStats
  /** Zeroes the counts (as `POST /_emulator/reset-stats`). */
  resetStats(): void
  /** Requests and responses that did not conform to GitHub's description, in order. */
  violations(): SpecViolation[]
  /** Forgets the recorded violations (after a test that provoked one on purpose). */
  clearViolations(): void
  /** Fails the next `times` matching requests with `reply` (default body: GitHub's error body). */
  failNext(match: RequestMatcher, reply: FaultReply, times?: number): void
  /** Destroys the connection of the next `times` matching requests without answering. */
  dropNext(match: RequestMatcher, times?: number): void
  /** Delays matching requests by `ms` (the next `times`, default every one). */
  addLatency(match: RequestMatcher, ms: number, times?: number): void
  /** Runs `hook` just before the next matching request is handled (e.g. a concurrent push). */
  onNextRequest(match: RequestMatcher, hook: RequestHook): void
  /** Makes the next `times` API requests hit a secondary rate limit (403 or 429 with `retry-after`). */
  triggerSecondaryRateLimit(options?: { status?: 403 | 429; retryAfter?: number; times?: number }): void
  /** Forgets pending faults, latencies, hooks and forced limits. */
  clearFaults(): void
  /** Moves the emulator's clock forward (rate-limit windows, timestamps). */
  advanceClock(ms: number): void
  /** The emulator's clock in ms. */
  now(): number
  /**
   * Commits files straight into a served repository, as someone else's push would (not through the API: no stats,
   * no limits). `null` deletes a path. Returns the new commit id. Handy inside `onNextRequest` for a concurrent push.
   */
  pushFiles(options: PushFilesOptions): Promise<string>
  /** Serves another repository (an existing bare one, or a new temp one when `gitDir` is omitted). */
  addRepository(fullName: string, gitDir?: string, options?: { forkOf?: string }): Promise<EmulatedRepository>
  /** Stops plugins and the server and removes the temp repositories it created. */
  close(): Promise<void>
}

interface RegisteredRoute {
  route: CoreRoute
  compiled: CompiledTemplate
  plugin?: string
}

/** Starts the emulator on 127.0.0.1 and resolves once it listens and every plugin started. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new GitHubEmulator(options)
  try {
    await emulator.start()
  } catch (error) {
    await emulator.close()
    throw error
  }
  return emulator
}

const API_VERSION = '2022-11-28'

class GitHubEmulator implements Emulator {
  readonly token: string
  readonly services: EmulatorServices
  private readonly server: Server
  private readonly sockets = new Set<Socket>()
  private readonly states = new Map<string, RepositoryState>()
  /** The last save of each persisted repository: saves run one after another, each with the state at its start. */
  private readonly saves = new Map<RepositoryState, Promise<void>>()
  private readonly publicRepos = new Map<string, EmulatedRepository>()
  private readonly tokens = new Map<string, Set<Permission>>()
  /** Tokens issued to plugins (`services.issueToken`), with the repositories each may write to. */
  private readonly issued = new Map<string, ReadonlySet<string> | undefined>()
  /** Each open pull request's head and state when last seen, by `OWNER/NAME#N`, to tell what a write changed. */
  private readonly pullHeads = new Map<string, { sha: string | undefined; open: boolean }>()
  private pullWatch: Promise<void> = Promise.resolve()
  private readonly routes: RegisteredRoute[] = []
  private readonly rawHandlers: RawHandler[] = []
  private readonly plugins: EmulatorPlugin[]
  private readonly statsRecorder = new StatsRecorder()
  private readonly faults = new FaultTable()
  private readonly limiter: RateLimiter
  private readonly validator?: SpecValidator
  private readonly recordedViolations: SpecViolation[] = []
  private readonly cleanups: (() => Promise<void>)[] = []
  private readonly clockSpeed: number
  private readonly realStart = Date.now()
  private clockOffset = 0
  private idCounter = 1000
  private baseUrl = ''
  private startedPlugins: EmulatorPlugin[] = []
  private closed = false
  private readonly core: Core

  constructor(private readonly options: EmulatorOptions) {
    this.token = options.token ?? 'emulator-token'
    if (!this.token) throw new Error('The emulator token must not be empty: pass a token or omit the option.')
    this.tokens.set(this.token, new Set(ALL_PERMISSIONS))
    for (const [token, permissions] of Object.entries(options.tokens ?? {})) {
      this.tokens.set(token, new Set<Permission>([...permissions, 'metadata']))
    }
    this.clockSpeed = options.clockSpeed ?? 1
    if (!(this.clockSpeed > 0))
      throw new Error(`clockSpeed must be a positive number, got ${options.clockSpeed}.`)
    this.plugins = options.plugins ?? []
    if (options.validate !== false) this.validator = sharedSpecValidator()
    this.limiter = new RateLimiter(
      {
        primaryPerHour: options.rateLimit ?? 5000,
        writesPerMinute: options.writesPerMinute ?? 80,
        writesPerHour: options.writesPerHour ?? 500
      },
      () => this.now()
    )
    const currentUrl = (): string => this.baseUrl
    this.services = {
      get url() {
        return currentUrl()
      },
      repositories: this.publicRepos,
      record: (operationId, kind) => this.statsRecorder.record(operationId, kind),
      now: () => this.now(),
      clockSpeed: this.clockSpeed,
      ghes: options.ghes ?? false,
      issueToken: grant => this.issueToken(grant),
      revokeToken: token => {
        if (this.issued.delete(token)) this.tokens.delete(token)
      }
    }
    this.core = {
      services: this.services,
      state: fullName => this.states.get(fullName.toLowerCase()),
      treeTruncateAt: options.treeTruncateAt ?? 100_000,
      treeTruncateBytes: options.treeTruncateBytes ?? 7 * 1024 * 1024,
      nextId: () => ++this.idCounter
    }
    for (const route of coreRoutes()) this.register(route)
    for (const plugin of this.plugins) {
      for (const route of plugin.routes ?? []) this.register(route as unknown as CoreRoute, plugin.name)
      this.rawHandlers.push(...(plugin.rawHandlers ?? []))
    }
    this.routes.sort((a, b) => b.compiled.specificity - a.compiled.specificity)
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => this.crash(res, error))
    })
    this.server.on('connection', socket => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  get url(): string {
    return this.baseUrl
  }

  get apiUrl(): string {
    return this.options.ghes ? `${this.baseUrl}/api/v3` : this.baseUrl
  }

  get graphqlUrl(): string {
    return this.options.ghes ? `${this.baseUrl}/api/graphql` : `${this.baseUrl}/graphql`
  }

  get repository(): EmulatedRepository {
    const first = this.publicRepos.values().next().value
    if (!first) throw new Error('The emulator serves no repository.')
    return first
  }

  get repositories(): ReadonlyMap<string, EmulatedRepository> {
    return this.publicRepos
  }

  async start(): Promise<void> {
    const repos = this.options.repos ?? []
    if (repos.length === 0) await this.addRepository('octo/repo')
    for (const repo of repos) await this.addRepository(repo.fullName, repo.gitDir, { forkOf: repo.forkOf })
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => {
        this.server.off('error', reject)
        resolve()
      })
    })
    const { port } = this.server.address() as AddressInfo
    this.baseUrl = `http://127.0.0.1:${port}`
    // Pull requests kept from an earlier start are known as they are: only what changes later is an event. (Once
    // listening: the git object reader does not keep the process alive, the server does.)
    if (this.plugins.some(plugin => plugin.onPullRequest)) await this.watchPulls(undefined)
    for (const plugin of this.plugins) {
      await plugin.start?.(this.services)
      this.startedPlugins.push(plugin)
    }
  }

  async addRepository(
    fullName: string,
    gitDir?: string,
    options: { forkOf?: string } = {}
  ): Promise<EmulatedRepository> {
    const { owner, name } = parseFullName(fullName)
    const key = `${owner}/${name}`.toLowerCase()
    if (this.states.has(key)) throw new Error(`Repository ${fullName} is already served.`)
    const parent = options.forkOf === undefined ? undefined : this.core.state(options.forkOf)
    if (options.forkOf !== undefined && !parent) {
      throw new Error(`${fullName} is a fork of ${options.forkOf}, which is not served (serve it first).`)
    }
    let dir: string
    if (gitDir) {
      dir = resolvePath(gitDir)
      await checkGitDir(dir)
    } else {
      const created = await createTempBareRepository(`${owner}/${name}`, this.now())
      this.cleanups.push(created.cleanup)
      dir = created.gitDir
    }
    if (parent) await startFork(parent.repo, dir)
    const repo: EmulatedRepository = {
      fullName: `${owner}/${name}`,
      owner,
      name,
      gitDir: dir,
      defaultBranch: await readDefaultBranch(dir),
      ...(parent ? { parent: parent.repo.fullName } : {})
    }
    const persist = Boolean(gitDir && this.options.persist)
    const saved = persist ? await readStateFile(dir) : undefined
    const state = saved
      ? RepositoryState.restore(repo, saved)
      : new RepositoryState(repo, this.core.nextId(), this.now())
    this.idCounter = Math.max(this.idCounter, state.largestId())
    if (persist) this.saves.set(state, Promise.resolve())
    this.states.set(key, state)
    this.publicRepos.set(repo.fullName, repo)
    return repo
  }

  private issueToken(grant: TokenGrant = {}): string {
    const token = `ghs_${randomBytes(18).toString('base64url')}`
    this.tokens.set(token, new Set<Permission>([...(grant.permissions ?? ALL_PERMISSIONS), 'metadata']))
    this.issued.set(
      token,
      grant.writableRepositories && new Set(grant.writableRepositories.map(n => n.toLowerCase()))
    )
    return token
  }

  /**
   * After a write (`token` its caller's; undefined: at start, to learn what is there): every open pull request
   * whose head moved is `synchronize`d, and a new or reopened one `opened` or `reopened`, as GitHub's
   * `pull_request` events, for the plugins that listen. One look at a time, in the order of the writes.
   */
  private watchPulls(token: string | undefined): Promise<void> {
    const listeners = this.startedPlugins.filter(plugin => plugin.onPullRequest)
    if (token !== undefined && listeners.length === 0) return Promise.resolve()
    const look = async (): Promise<void> => {
      for (const state of this.states.values()) {
        const ctx = { core: this.core, state, repo: state.repo } as unknown as CoreContext
        for (const record of state.issues.values()) {
          if (!record.pull) continue
          const pull = record as PullRecord
          const key = `${state.repo.fullName}#${record.number}`
          const open = record.state === 'open'
          const sha = open ? await pullHeadSha(ctx, pull) : undefined
          const before = this.pullHeads.get(key)
          this.pullHeads.set(key, { sha, open })
          if (token === undefined || !open || !sha) continue
          const action = !before
            ? 'opened'
            : !before.open
              ? 'reopened'
              : before.sha !== sha
                ? 'synchronize'
                : undefined
          if (!action) continue
          const headRepository = pull.pull.headRepo ? this.core.state(pull.pull.headRepo)?.repo : state.repo
          if (!headRepository) continue
          const event: PullRequestEvent = {
            action,
            repository: state.repo,
            headRepository,
            number: record.number,
            headSha: sha,
            headRef: pull.pull.head,
            baseRef: pull.pull.base,
            pullRequest: await pullJson(ctx, pull, true),
            token
          }
          for (const plugin of listeners) {
            // A plugin's failure is its own: the write it followed was made and is answered as made.
            await Promise.resolve(plugin.onPullRequest?.(event)).catch(() => undefined)
          }
        }
      }
    }
    const next = this.pullWatch.catch(() => undefined).then(look)
    this.pullWatch = next
    return next
  }

  /** Writes a persisted repository's state file after the saves before it. */
  private save(state: RepositoryState): Promise<void> {
    const previous = this.saves.get(state)
    if (!previous) return Promise.resolve()
    const next = previous
      .catch(() => undefined)
      .then(() => writeStateFile(state.repo.gitDir, state.snapshot()))
    this.saves.set(state, next)
    return next
  }

  async pushFiles(options: PushFilesOptions): Promise<string> {
    const state = this.core.state(options.repository ?? this.repository.fullName)
    if (!state) throw new Error(`Repository ${options.repository} is not served.`)
    const gitDir = state.repo.gitDir
    return state.exclusive(async () => {
      const ref = `refs/heads/${options.branch}`
      if (!(await isValidRefName(gitDir, ref)))
        throw new Error(`'${options.branch}' is not a valid branch name.`)
      const current = await readRef(gitDir, ref)
      const parent = current ?? (await readRef(gitDir, `refs/heads/${state.repo.defaultBranch}`))
      const parentCommit = parent ? await readCommit(gitDir, parent) : undefined
      const edits: TreeEdit[] = []
      for (const [path, content] of Object.entries(options.files)) {
        const entry =
          content === null
            ? null
            : { mode: '100644', type: 'blob' as const, sha: await writeBlob(gitDir, Buffer.from(content)) }
        edits.push({ path: checkEntryPath(path, 'path'), entry })
      }
      const tree = await editTree(gitDir, parentCommit?.tree ?? null, edits)
      const seconds = Math.floor(this.now() / 1000)
      const person = { name: 'Someone Else', email: 'someone@example.com', seconds, timezone: '+0000' }
      const sha = await writeCommit(gitDir, {
        tree,
        parents: parent ? [parent] : [],
        message: options.message ?? 'Concurrent push',
        author: person,
        committer: person
      })
      if (!(await compareAndSwapRef(gitDir, ref, sha, current ?? null))) {
        throw new Error(`${ref} moved while pushFiles was committing.`)
      }
      return sha
    })
  }

  now(): number {
    return this.realStart + (Date.now() - this.realStart) * this.clockSpeed + this.clockOffset
  }

  advanceClock(ms: number): void {
    this.clockOffset += ms
  }

  stats(): EmulatorStats {
    return this.statsRecorder.snapshot()
  }

  resetStats(): void {
    this.statsRecorder.reset()
  }

  violations(): SpecViolation[] {
    return [...this.recordedViolations]
  }

  clearViolations(): void {
    this.recordedViolations.length = 0
  }

  failNext(match: RequestMatcher, reply: FaultReply, times = 1): void {
    this.faults.failNext(match, reply, times)
  }

  dropNext(match: RequestMatcher, times = 1): void {
    this.faults.dropNext(match, times)
  }

  addLatency(match: RequestMatcher, ms: number, times?: number): void {
    this.faults.addLatency(match, ms, times)
  }

  onNextRequest(match: RequestMatcher, hook: RequestHook): void {
    this.faults.onNextRequest(match, hook)
  }

  triggerSecondaryRateLimit(options?: { status?: 403 | 429; retryAfter?: number; times?: number }): void {
    this.limiter.forceSecondary(options)
  }

  clearFaults(): void {
    this.faults.clear()
    this.limiter.reset()
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const errors: unknown[] = []
    for (const plugin of this.startedPlugins.reverse()) {
      try {
        await plugin.stop?.()
      } catch (error) {
        errors.push(error)
      }
    }
    await new Promise<void>(resolve => {
      if (!this.server.listening) return resolve()
      this.server.close(() => resolve())
      for (const socket of this.sockets) socket.destroy()
    })
    // A failed save was the answer to its request already.
    await Promise.allSettled(this.saves.values())
    for (const repo of this.publicRepos.values()) closeObjectReader(repo.gitDir)
    for (const cleanup of this.cleanups) await cleanup().catch((error: unknown) => errors.push(error))
    if (errors.length) throw new AggregateError(errors, 'The emulator did not stop cleanly')
  }

  private register(route: CoreRoute, plugin?: string): void {
    const duplicate = this.routes.find(r => r.route.method === route.method && r.route.path === route.path)
    if (duplicate) {
      throw new Error(
        `Route ${route.method} ${route.path} is registered twice (${duplicate.plugin ?? 'core'} and ${plugin ?? 'core'}).`
      )
    }
    this.routes.push({ route, compiled: compileTemplate(route.path), plugin })
  }

  private findRoute(
    method: string,
    pathname: string
  ): { entry: RegisteredRoute; params: Record<string, string> } | undefined {
    for (const entry of this.routes) {
      if (entry.route.method !== method) continue
      const params = matchTemplate(entry.compiled, pathname)
      if (params) return { entry, params }
    }
    return undefined
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl || 'http://127.0.0.1')
    const method = (req.method ?? 'GET').toUpperCase()
    if (url.pathname.startsWith('/_emulator/')) return this.handleInternal(method, url, req, res)

    // GitHub Enterprise Server serves REST under /api/v3 and GraphQL at /api/graphql: accept both layouts.
    const pathname = url.pathname.startsWith('/api/v3/') ? url.pathname.slice('/api/v3'.length) : url.pathname
    const isGraphql = ['/graphql', '/api/graphql'].includes(pathname.replace(/\/$/, ''))
    const routed = isGraphql ? undefined : this.findRoute(method, pathname)
    const facts = { method, pathname, operationId: routed?.entry.route.operationId }
    for (const hook of this.faults.takeHooks(facts)) await hook()
    const latency = this.faults.takeLatency(facts)
    if (latency > 0) await new Promise(resolve => setTimeout(resolve, latency))
    const failure = this.faults.takeFailure(facts)
    if (failure) {
      if (routed) this.statsRecorder.record(routed.entry.route.operationId, routed.entry.route.kind)
      if (failure.type === 'drop') {
        req.socket.destroy()
        return
      }
      const { status, headers, body } = failure.reply
      const reply: RouteReply =
        body === undefined
          ? errorReply(status, defaultMessage(status), { headers })
          : { status, body, headers }
      return this.send(res, reply, {})
    }

    for (const raw of this.rawHandlers) {
      if (await raw.handle(req, res, url)) return
    }

    if (method === 'GET' && pathname.startsWith('/raw/')) return this.handleRawDownload(pathname, res)

    if (isGraphql) {
      if (method !== 'POST') return this.send(res, errorReply(404, 'Not Found'), {})
      return this.handleGraphqlRequest(req, res)
    }
    if (!routed) {
      const unserved = githubOperationFor(method, pathname)
      if (!unserved) return this.send(res, errorReply(404, 'Not Found'), {})
      const message = `emulator: ${method} ${pathname} is GitHub's ${unserved}, which the emulator does not serve`
      if (this.validator) {
        this.recordedViolations.push({
          kind: 'request',
          operationId: unserved,
          request: `${method} ${pathname}`,
          message
        })
      }
      return this.send(res, errorReply(404, message), {})
    }
    return this.handleRoute(req, res, url, routed.entry.route, routed.params)
  }

  /**
   * `download_url` of the Contents API: `/raw/OWNER/REPO/REF/PATH` (REF percent-encoded as one segment), the
   * emulator's raw.githubusercontent.com. Counted as `raw/download`.
   */
  private async handleRawDownload(pathname: string, res: ServerResponse): Promise<void> {
    const [owner = '', repo = '', ref = '', ...rest] = pathname.slice('/raw/'.length).split('/')
    const state = this.core.state(`${safeDecode(owner)}/${safeDecode(repo)}`)
    this.statsRecorder.record('raw/download', 'read')
    const commit = state ? await resolveCommit(state.repo.gitDir, safeDecode(ref)) : undefined
    const path = rest.map(safeDecode).join('/')
    const entry = commit && path ? await entryAt(state?.repo.gitDir as string, commit, path) : undefined
    if (!state || !entry || entry.type !== 'blob')
      return this.send(res, { status: 404, body: '404: Not Found' }, {})
    const content = await readBlob(state.repo.gitDir, entry.sha)
    return this.send(
      res,
      { status: 200, body: content, headers: { 'content-type': 'text/plain; charset=utf-8' } },
      {}
    )
  }

  private authenticate(req: IncomingMessage): AuthInfo | RouteReply {
    const header = req.headers.authorization
    if (!header) return errorReply(401, 'Requires authentication')
    const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim())
    let token = match?.[1]
    const basic = /^basic\s+(\S+)$/i.exec(header.trim())
    if (basic?.[1]) token = Buffer.from(basic[1], 'base64').toString('utf8').split(':').slice(1).join(':')
    const permissions = token ? this.tokens.get(token) : undefined
    if (!token || !permissions) return errorReply(401, 'Bad credentials')
    const scope = this.issued.has(token)
      ? this.issued.get(token)
      : this.options.tokenRepositories?.[token]?.map(name => name.toLowerCase())
    return { token, permissions, ...(scope ? { writable: new Set(scope) } : {}) }
  }

  private async handleRoute(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    route: CoreRoute,
    params: Record<string, string>
  ): Promise<void> {
    const operationId = route.operationId
    const docs = this.validator?.documentationUrl(operationId) ?? DOCS_URL
    const auth = this.authenticate(req)
    if (!('token' in auth)) {
      this.statsRecorder.record(operationId, route.kind)
      return this.send(res, auth, {})
    }
    const state = params.owner && params.repo ? this.core.state(`${params.owner}/${params.repo}`) : undefined
    if ((params.owner || params.repo) && !state) {
      this.statsRecorder.record(operationId, route.kind)
      return this.send(
        res,
        errorReply(404, 'Not Found', { documentationUrl: docs }),
        this.limitHeaders(auth, 'core', true)
      )
    }
    const outOfScope = route.kind === 'write' && state !== undefined && !mayWrite(auth, state.repo.fullName)
    if (outOfScope || (route.permission && !auth.permissions.has(route.permission))) {
      this.statsRecorder.record(operationId, route.kind)
      return this.send(
        res,
        errorReply(403, 'Resource not accessible by integration', {
          documentationUrl: docs,
          // GitHub names the permission the operation needs, so a client can say what to grant.
          headers: route.permission
            ? {
                'x-accepted-github-permissions': `${route.permission.replace(/-/g, '_')}=${route.kind === 'write' ? 'write' : 'read'}`
              }
            : {}
        }),
        this.limitHeaders(auth, 'core', true)
      )
    }
    const refusal = this.admit(auth, 'core', route.kind)
    if (refusal) {
      this.statsRecorder.record(operationId, route.kind)
      return this.send(res, refusal.reply, refusal.headers)
    }

    const rawBody = await readBody(req)
    let body: unknown
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody.toString('utf8'))
      } catch {
        this.statsRecorder.record(operationId, route.kind)
        return this.send(
          res,
          errorReply(400, 'Problems parsing JSON', { documentationUrl: docs }),
          this.limitHeaders(auth, 'core', true)
        )
      }
    }
    if (this.validator && route.method !== 'GET') {
      const problem = this.validator.validateRequest(operationId, body)
      if (problem) {
        const message = `emulator: request does not conform to ${operationId}: ${problem}`
        this.recordedViolations.push({
          kind: 'request',
          operationId,
          request: `${req.method} ${url.pathname}`,
          message
        })
        this.statsRecorder.record(operationId, route.kind)
        return this.send(
          res,
          errorReply(422, `Invalid request.\n\n${message}`, { documentationUrl: docs }),
          this.limitHeaders(auth, 'core', true)
        )
      }
    }

    const ctx: CoreContext = {
      req,
      params,
      query: url.searchParams,
      body,
      rawBody,
      repo: state?.repo as EmulatedRepository,
      emulator: this.services,
      auth,
      state: state as RepositoryState,
      core: this.core
    }
    let reply: RouteReply
    try {
      reply = await route.handler(ctx)
      // Saved before the answer, so a client that saw its write can rely on it surviving a restart.
      if (route.kind === 'write' && state) await this.save(state)
      // The write was made: a failure to look at pull requests after it does not change its answer.
      if (route.kind === 'write' && reply.status < 300)
        await this.watchPulls(auth.token).catch(() => undefined)
    } catch (error) {
      reply =
        error instanceof ApiError
          ? error.toReply(docs)
          : errorReply(
              500,
              `emulator: ${operationId} failed: ${error instanceof Error ? error.message : String(error)}`
            )
    }

    const isJson = isJsonReply(reply)
    if (this.validator && isJson && reply.status !== 500) {
      const problem = this.validator.validateResponse(operationId, reply.status, reply.body)
      if (problem) {
        const message = `emulator: response does not conform to ${operationId}: ${problem}`
        this.recordedViolations.push({
          kind: 'response',
          operationId,
          request: `${req.method} ${url.pathname}`,
          status: reply.status,
          message
        })
        reply = errorReply(500, message)
      }
    }

    if (route.method === 'GET' && reply.status === 200) {
      const etag = `W/"${createHash('sha256').update(serialise(reply).payload).digest('hex').slice(0, 40)}"`
      reply = { ...reply, headers: { ...reply.headers, etag } }
      if (etagMatches(req.headers['if-none-match'], etag)) {
        this.statsRecorder.record(operationId, 'notModified')
        return this.send(res, { status: 304, headers: { etag } }, this.limitHeaders(auth, 'core', false))
      }
    }
    this.statsRecorder.record(operationId, route.kind)
    return this.send(res, reply, this.limitHeaders(auth, 'core', true))
  }

  private async handleGraphqlRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const auth = this.authenticate(req)
    if (!('token' in auth)) {
      this.statsRecorder.record('graphql', 'read')
      const documentationUrl =
        'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql'
      return this.send(
        res,
        errorReply(401, 'This endpoint requires you to be authenticated.', { documentationUrl }),
        {}
      )
    }
    const refusal = this.admit(auth, 'graphql', 'read')
    if (refusal) {
      this.statsRecorder.record('graphql', 'read')
      return this.send(res, refusal.reply, refusal.headers)
    }
    const rawBody = await readBody(req)
    const result = await handleGraphql({
      rawBody,
      auth,
      core: this.core,
      admitWrite: () => this.limiter.admitWrite(),
      violation: message =>
        this.recordedViolations.push({
          kind: 'request',
          operationId: 'graphql',
          request: 'POST /graphql',
          message
        })
    })
    this.statsRecorder.record(result.operationId, result.kind)
    if (result.kind === 'write') await this.watchPulls(auth.token).catch(() => undefined)
    const reply: RouteReply = { status: result.status, body: result.body, headers: result.headers }
    return this.send(res, reply, this.limitHeaders(auth, 'graphql', true))
  }

  /** Applies forced secondary limits, the primary limit and the content-creation budget. */
  private admit(
    auth: AuthInfo,
    resource: string,
    kind: RequestKind
  ): { reply: RouteReply; headers: Record<string, string> } | undefined {
    const refuse = (refusal: LimitRefusal, headers: Record<string, string>) => ({
      reply: errorReply(refusal.status, refusal.message, {
        headers: refusal.headers,
        documentationUrl: refusal.documentationUrl
      }),
      headers
    })
    const forced = this.limiter.takeForced()
    if (forced) return refuse(forced, this.limitHeaders(auth, resource, false))
    const primary = this.limiter.primaryLimit(auth.token, resource, false)
    if (primary.refusal) return refuse(primary.refusal, primary.headers)
    if (kind === 'write') {
      const budget = this.limiter.admitWrite()
      if (budget) return refuse(budget, this.limitHeaders(auth, resource, false))
    }
    return undefined
  }

  private limitHeaders(auth: AuthInfo, resource: string, count: boolean): Record<string, string> {
    return this.limiter.primaryLimit(auth.token, resource, count).headers
  }

  /**
   * The control API (no token: it is loopback test tooling): stats, violations, and fault injection for clients
   * in other processes (the CLI emulator under an end-to-end test).
   */
  private async handleInternal(
    method: string,
    url: URL,
    req: IncomingMessage,
    res: ServerResponse
  ): Promise<void> {
    const path = url.pathname.replace(/\/$/, '')
    const done = () => this.send(res, { status: 204 }, {})
    const route = `${method} ${path}`
    if (route === 'GET /_emulator/stats') return this.send(res, { status: 200, body: this.stats() }, {})
    if (route === 'POST /_emulator/reset-stats') {
      this.resetStats()
      return done()
    }
    if (route === 'GET /_emulator/violations')
      return this.send(res, { status: 200, body: this.violations() }, {})
    if (route === 'POST /_emulator/clear-violations') {
      this.clearViolations()
      return done()
    }
    if (route === 'POST /_emulator/clear-faults') {
      this.clearFaults()
      return done()
    }
    const controls = [
      'POST /_emulator/fail-next',
      'POST /_emulator/drop-next',
      'POST /_emulator/latency',
      'POST /_emulator/secondary-rate-limit'
    ]
    if (!controls.includes(route)) return this.send(res, errorReply(404, 'Not Found'), {})
    let body: Record<string, unknown>
    try {
      const raw = (await readBody(req)).toString('utf8')
      body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object')
    } catch {
      return this.send(res, errorReply(400, 'Problems parsing JSON: send a JSON object'), {})
    }
    const times = typeof body.times === 'number' ? body.times : undefined
    if (route === 'POST /_emulator/secondary-rate-limit') {
      const status = body.status === 429 ? 429 : 403
      const retryAfter = typeof body.retryAfter === 'number' ? body.retryAfter : undefined
      this.triggerSecondaryRateLimit({ status, retryAfter, times })
      return done()
    }
    const match: RequestMatcher = {}
    if (typeof body.method === 'string') match.method = body.method
    if (typeof body.operationId === 'string') match.operationId = body.operationId
    if (typeof body.path === 'string') match.path = body.path
    if (typeof body.pathRegex === 'string') {
      try {
        match.path = new RegExp(body.pathRegex)
      } catch {
        return this.send(
          res,
          errorReply(422, `pathRegex '${body.pathRegex}' is not a regular expression`),
          {}
        )
      }
    }
    if (route === 'POST /_emulator/drop-next') {
      this.dropNext(match, times)
      return done()
    }
    if (route === 'POST /_emulator/latency') {
      if (typeof body.ms !== 'number' || body.ms < 0)
        return this.send(res, errorReply(422, 'ms must be a number of milliseconds'), {})
      this.addLatency(match, body.ms, times)
      return done()
    }
    if (typeof body.status !== 'number' || body.status < 100 || body.status > 599) {
      return this.send(res, errorReply(422, 'status must be an HTTP status (100-599)'), {})
    }
    const headers = (typeof body.headers === 'object' && body.headers !== null ? body.headers : undefined) as
      Record<string, string> | undefined
    this.failNext(match, { status: body.status, headers, body: body.body }, times)
    return done()
  }

  private send(res: ServerResponse, reply: RouteReply, limitHeaders: Record<string, string>): void {
    if (res.headersSent || res.destroyed) return
    const { payload, contentType } = serialise(reply)
    const headers: Record<string, string> = {
      'x-github-request-id': randomUUID().toUpperCase(),
      'x-github-api-version-selected': API_VERSION,
      ...limitHeaders
    }
    if (reply.status !== 204 && reply.status !== 304 && contentType) headers['content-type'] = contentType
    if (contentType?.startsWith('application/json')) headers['x-github-media-type'] = 'github.v3; format=json'
    for (const [name, value] of Object.entries(reply.headers ?? {})) headers[name.toLowerCase()] = value
    if (reply.status === 204 || reply.status === 304) {
      res.writeHead(reply.status, headers)
      res.end()
      return
    }
    headers['content-length'] = String(payload.length)
    res.writeHead(reply.status, headers)
    res.end(payload)
  }

  private crash(res: ServerResponse, error: unknown): void {
    const message = `emulator: internal error: ${error instanceof Error ? error.message : String(error)}`
    if (!res.headersSent && !res.destroyed) this.send(res, errorReply(500, message), {})
    else res.destroy()
  }
}

/**
 * A fork with no branch yet gets its parent's branches and default branch, as GitHub's new fork does; a fork with
 * branches is served as it is.
 */
async function startFork(parent: EmulatedRepository, gitDir: string): Promise<void> {
  const { stdout } = await runGit(gitDir, ['for-each-ref', '--count=1', '--format=%(refname)', 'refs/heads/'])
  if (stdout.toString('utf8').trim()) return
  await runGit(gitDir, ['fetch', '-q', '--no-tags', parent.gitDir, '+refs/heads/*:refs/heads/*'])
  await runGit(gitDir, ['symbolic-ref', 'HEAD', `refs/heads/${parent.defaultBranch}`])
}

function defaultMessage(status: number): string {
  const messages: Record<number, string> = {
    400: 'Bad Request',
    401: 'Bad credentials',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    422: 'Validation Failed',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Server Error',
    503: 'Service Unavailable'
  }
  return messages[status] ?? `HTTP ${status}`
}

function isJsonReply(reply: RouteReply): boolean {
  if (reply.body === undefined || Buffer.isBuffer(reply.body)) return false
  const type = Object.entries(reply.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'content-type'
  )?.[1]
  if (type) return /json/.test(type)
  return typeof reply.body !== 'string'
}

function serialise(reply: RouteReply): { payload: Buffer; contentType?: string } {
  const body = reply.body
  if (body === undefined) return { payload: Buffer.alloc(0) }
  if (Buffer.isBuffer(body)) return { payload: body, contentType: 'application/octet-stream' }
  if (typeof body === 'string')
    return { payload: Buffer.from(body, 'utf8'), contentType: 'text/plain; charset=utf-8' }
  return {
    payload: Buffer.from(JSON.stringify(body), 'utf8'),
    contentType: 'application/json; charset=utf-8'
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false
  const strip = (value: string) => value.trim().replace(/^W\//, '')
  return header.split(',').some(candidate => candidate.trim() === '*' || strip(candidate) === strip(etag))
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

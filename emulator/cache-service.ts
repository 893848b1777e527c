/**
 * The Actions cache service as `@actions/cache` 6 calls it (cache service v2, Twirp JSON at
 * `/twirp/github.actions.results.api.v1.CacheService/*`), plus GitHub's REST operations on caches. An emulator
 * plugin: the core serves it, counts its requests and validates the REST replies.
 *
 * Behaviour, as GitHub documents and `@actions/cache` expects it:
 * - Entries are immutable and keyed by (repository, scope, key, version). Creating one that exists, or that
 *   another job is still uploading, is HTTP 409 `already_exists`.
 * - The scope comes from the runtime token (`ACTIONS_RUNTIME_TOKEN`, a JWT whose `ac` claim lists scopes with
 *   permissions: 1 read, 2 write, 3 both): a job writes into its ref and reads its ref, then the default branch.
 *   A read-only token gets `ok: false` with "cache write denied: ..." on create; a token with no readable scope
 *   gets 403 "cache read denied: ...".
 * - Lookup, per readable scope in order: the exact key, then the key as a prefix, then each restore key as a
 *   prefix; among prefix matches the newest entry wins. Only finalized entries of the same version count.
 * - About 200 uploads a minute per repository (configurable): past that, 429 with `retry-after`.
 * - Tests can make the next N calls of a method fail with a status, headers and message (`failNext`).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type {
  EmulatorPlugin,
  EmulatorServices,
  RawHandler,
  Route,
  RouteContext,
  RouteReply
} from './plugin.js'
import { InProcessBlobStore, readBody, type CacheBlobStore } from './cache-service-blobs.js'

/** The Twirp service path. */
export const CACHE_TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/'

/** The Twirp methods, as the stats count them: `actions-cache/<Method>`. */
export type CacheMethod = 'CreateCacheEntry' | 'FinalizeCacheEntryUpload' | 'GetCacheEntryDownloadURL'

/** Permissions in a token's cache scope (as the runner's `ac` claim encodes them). */
export const SCOPE_READ = 1
/** Write permission bit. */
export const SCOPE_WRITE = 2

/** One cache entry. */
export interface CacheEntry {
  /** GitHub's numeric id. */
  id: number
  /** `OWNER/NAME`. */
  repository: string
  /** The ref it was saved from, e.g. `refs/heads/main`. */
  scope: string
  /** The key. */
  key: string
  /** The version (a hash of paths and compression). */
  version: string
  /** Bytes, once finalized. */
  sizeBytes: number
  /** The blob holding the archive. */
  blob: string
  /** When it was created (finalized), ms. */
  createdAt: number
  /** When it was last restored, ms. */
  lastAccessedAt: number
  /** Whether the upload was finalized (only finalized entries are visible). */
  finalized: boolean
}

/** What a runtime token grants. */
export interface RuntimeTokenGrant {
  /** `OWNER/NAME`. */
  repository: string
  /** The job's ref, e.g. `refs/heads/feature` or `refs/pull/7/merge`. */
  ref: string
  /** The repository's default branch ref (read-only fallback scope), e.g. `refs/heads/main`. */
  defaultRef?: string
  /** `read-write` (default), `read` (a read-only token: saves are denied) or `none` (reads are denied too). */
  access?: 'read-write' | 'read' | 'none'
  /** The job's results-service ids (the `scp` claim `Actions.Results:RUN:JOB` artifact clients read). */
  results?: { runBackendId: string; jobBackendId: string }
}

/** A fault to inject into the next calls of a Twirp method. */
export interface CacheFault {
  /** The method to fail. */
  method: CacheMethod
  /** HTTP status, e.g. 429 or 500. */
  status: number
  /** Twirp error code (default from the status). */
  code?: string
  /** Error message. */
  message?: string
  /** Extra headers, e.g. `{ 'retry-after': '60' }`. */
  headers?: Record<string, string>
  /** How many calls fail (default 1). */
  times?: number
}

/** Options of the cache service. */
export interface CacheServiceOptions {
  /** Where archives go (default: an in-process store on the emulator's own port). */
  blobStore?: CacheBlobStore
  /** Uploads (CreateCacheEntry) allowed per repository per minute (default 200). */
  uploadsPerMinute?: number
}

/** The cache service plugin, with what tests need to drive it. */
export interface CacheServicePlugin extends EmulatorPlugin {
  /** The blob store in use. */
  readonly blobStore: CacheBlobStore
  /** Makes a runtime token (`ACTIONS_RUNTIME_TOKEN`) for a job. */
  issueRuntimeToken(grant: RuntimeTokenGrant): string
  /**
   * The claims of a runtime token this service issued (from an `authorization: Bearer` header), so that the
   * artifact service accepts the same token a job has; throws when the token is missing, forged or expired.
   */
  verifyRuntimeToken(authorization: string | undefined): { repository: string; scp: string }
  /** Fails the next calls of a method. */
  failNext(fault: CacheFault): void
  /** Every entry (finalized or not), oldest first. */
  entries(): CacheEntry[]
  /** Requests served per `actions-cache/<Method>` and `azure-blob/<operation>`, since start or the last reset. */
  counts(): Record<string, number>
  /** Zeroes counts(). */
  resetCounts(): void
}

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }
}

interface Claims {
  repository: string
  scopes: Array<{ scope: string; permission: number }>
}

const TWIRP_CODES: Record<number, string> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: 'already_exists',
  429: 'resource_exhausted',
  500: 'internal',
  503: 'unavailable'
}

/**
 * The variables a job needs to reach this service through `@actions/cache` 6. Leave GITHUB_SERVER_URL unset (or
 * github.com): `@actions/cache` counts an `http://127.0.0.1` server as GHES and would use cache service v1.
 * RUNNER_TEMP must be set too.
 */
export function cacheServiceEnv(emulatorUrl: string, runtimeToken: string): Record<string, string> {
  return {
    ACTIONS_CACHE_SERVICE_V2: 'true',
    ACTIONS_RESULTS_URL: `${emulatorUrl.replace(/\/$/, '')}/`,
    ACTIONS_RUNTIME_TOKEN: runtimeToken
  }
}

/** Makes the cache service plugin. */
export function createCacheService(options: CacheServiceOptions = {}): CacheServicePlugin {
  const blobStore = options.blobStore ?? new InProcessBlobStore()
  const uploadsPerMinute = options.uploadsPerMinute ?? 200
  const secret = randomBytes(32)
  const entries: CacheEntry[] = []
  const faults: CacheFault[] = []
  const uploads = new Map<string, number[]>()
  let counts: Record<string, number> = {}
  let nextId = 1
  let services: EmulatorServices | undefined

  const now = (): number => services?.now() ?? Date.now()
  const count = (name: string, kind: 'read' | 'write'): void => {
    counts[name] = (counts[name] ?? 0) + 1
    services?.record(name, kind)
  }

  function issueRuntimeToken(grant: RuntimeTokenGrant): string {
    const access = grant.access ?? 'read-write'
    const own = access === 'read-write' ? SCOPE_READ | SCOPE_WRITE : access === 'read' ? SCOPE_READ : 0
    const scopes = [{ Scope: grant.ref, Permission: own }]
    if (grant.defaultRef && grant.defaultRef !== grant.ref && access !== 'none') {
      scopes.push({ Scope: grant.defaultRef, Permission: SCOPE_READ })
    }
    const header = b64({ alg: 'HS256', typ: 'JWT' })
    const payload = b64({
      repository: grant.repository,
      ac: JSON.stringify(scopes),
      ...(grant.results
        ? { scp: `Actions.Results:${grant.results.runBackendId}:${grant.results.jobBackendId}` }
        : {}),
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 6 * 3600
    })
    const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')
    return `${header}.${payload}.${signature}`
  }

  function authenticate(req: IncomingMessage): Claims {
    const payload = verifyPayload(req.headers.authorization)
    const scopes = (JSON.parse(payload.ac) as Array<{ Scope: string; Permission: number }>).map(s => ({
      scope: s.Scope,
      permission: s.Permission
    }))
    return { repository: payload.repository, scopes }
  }

  function verifyPayload(authorization: string | undefined): {
    repository: string
    ac: string
    scp?: string
    exp: number
  } {
    const match = /^Bearer (.+)$/.exec(String(authorization ?? ''))
    const parts = match ? match[1].split('.') : []
    if (parts.length !== 3)
      throw new TwirpError(401, 'unauthenticated', 'a runtime token (Bearer) is required')
    const expected = Buffer.from(
      createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest('base64url')
    )
    const given = Buffer.from(parts[2])
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new TwirpError(401, 'unauthenticated', 'the runtime token is not valid')
    }
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as {
      repository: string
      ac: string
      scp?: string
      exp: number
    }
    if (payload.exp * 1000 < Date.now())
      throw new TwirpError(401, 'unauthenticated', 'the runtime token expired')
    return payload
  }

  function takeFault(method: CacheMethod): void {
    const index = faults.findIndex(f => f.method === method)
    if (index < 0) return
    const fault = faults[index]
    fault.times = (fault.times ?? 1) - 1
    if (fault.times <= 0) faults.splice(index, 1)
    throw new TwirpError(
      fault.status,
      fault.code ?? TWIRP_CODES[fault.status] ?? 'unknown',
      fault.message ?? `injected failure (${fault.status})`,
      fault.headers
    )
  }

  function checkKey(key: unknown, what = 'key'): string {
    if (typeof key !== 'string' || key === '')
      throw new TwirpError(400, 'invalid_argument', `${what} is required`)
    if (key.length > 512)
      throw new TwirpError(400, 'invalid_argument', `${what} cannot be longer than 512 characters`)
    if (key.includes(',')) throw new TwirpError(400, 'invalid_argument', `${what} cannot contain commas`)
    return key
  }

  function checkVersion(version: unknown): string {
    if (typeof version !== 'string' || version === '')
      throw new TwirpError(400, 'invalid_argument', 'version is required')
    return version
  }

  function writableScope(claims: Claims): string | undefined {
    return claims.scopes.find(s => (s.permission & SCOPE_WRITE) !== 0)?.scope
  }

  async function createCacheEntry(claims: Claims, body: Record<string, unknown>): Promise<object> {
    const key = checkKey(body.key)
    const version = checkVersion(body.version)
    const scope = writableScope(claims)
    if (!scope) {
      return {
        ok: false,
        message: `cache write denied: the runtime token of this job is read-only, so no cache entry can be created for key '${key}'`
      }
    }
    const window = (uploads.get(claims.repository) ?? []).filter(t => t > now() - 60_000)
    if (window.length >= uploadsPerMinute) {
      const retryAfter = Math.max(1, Math.ceil((window[0] + 60_000 - now()) / 1000))
      throw new TwirpError(
        429,
        'resource_exhausted',
        'too many cache uploads for this repository: try again later',
        {
          'retry-after': String(retryAfter)
        }
      )
    }
    const existing = entries.find(
      e => e.repository === claims.repository && e.scope === scope && e.key === key && e.version === version
    )
    if (existing) {
      throw new TwirpError(
        409,
        'already_exists',
        existing.finalized
          ? 'cache entry with the same key, version, and scope already exists'
          : 'cache entry with the same key, version, and scope is being created by another job'
      )
    }
    window.push(now())
    uploads.set(claims.repository, window)
    const id = nextId++
    const entry: CacheEntry = {
      id,
      repository: claims.repository,
      scope,
      key,
      version,
      sizeBytes: 0,
      blob: `${id}-${randomBytes(8).toString('hex')}`,
      createdAt: now(),
      lastAccessedAt: now(),
      finalized: false
    }
    entries.push(entry)
    return { ok: true, signed_upload_url: await blobStore.uploadUrl(entry.blob) }
  }

  async function finalizeCacheEntryUpload(claims: Claims, body: Record<string, unknown>): Promise<object> {
    const key = checkKey(body.key)
    const version = checkVersion(body.version)
    const scope = writableScope(claims)
    const entry = entries.find(
      e =>
        e.repository === claims.repository &&
        e.scope === scope &&
        e.key === key &&
        e.version === version &&
        !e.finalized
    )
    if (!entry)
      throw new TwirpError(404, 'not_found', `no cache entry for key '${key}' is waiting to be finalized`)
    const declared = Number(body.size_bytes ?? body.sizeBytes ?? 0)
    const actual = await blobStore.size(entry.blob)
    if (actual === undefined) {
      return { ok: false, message: `the archive for cache key '${key}' was not uploaded` }
    }
    if (actual !== declared) {
      return {
        ok: false,
        message: `the archive for cache key '${key}' is ${actual} bytes, not the ${declared} declared`
      }
    }
    entry.finalized = true
    entry.sizeBytes = actual
    entry.createdAt = now()
    entry.lastAccessedAt = entry.createdAt
    return { ok: true, entry_id: String(entry.id) }
  }

  async function getCacheEntryDownloadURL(claims: Claims, body: Record<string, unknown>): Promise<object> {
    const key = checkKey(body.key)
    const version = checkVersion(body.version)
    const restoreKeys = Array.isArray(body.restore_keys)
      ? body.restore_keys.map(k => checkKey(k, 'restore key'))
      : []
    const readable = claims.scopes.filter(s => (s.permission & SCOPE_READ) !== 0).map(s => s.scope)
    if (readable.length === 0) {
      throw new TwirpError(
        403,
        'permission_denied',
        'cache read denied: the runtime token of this job has no readable cache scope'
      )
    }
    for (const scope of readable) {
      const candidates = entries.filter(
        e => e.finalized && e.repository === claims.repository && e.scope === scope && e.version === version
      )
      const newest = (match: (e: CacheEntry) => boolean): CacheEntry | undefined =>
        candidates.filter(match).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)[0]
      const found =
        candidates.find(e => e.key === key) ??
        newest(e => e.key.startsWith(key)) ??
        restoreKeys.map(prefix => newest(e => e.key.startsWith(prefix))).find(e => e !== undefined)
      if (found) {
        found.lastAccessedAt = now()
        return {
          ok: true,
          signed_download_url: await blobStore.downloadUrl(found.blob),
          matched_key: found.key
        }
      }
    }
    return { ok: false, signed_download_url: '', matched_key: '' }
  }

  const methods: Record<
    CacheMethod,
    { kind: 'read' | 'write'; run(c: Claims, b: Record<string, unknown>): Promise<object> }
  > = {
    CreateCacheEntry: { kind: 'write', run: createCacheEntry },
    FinalizeCacheEntryUpload: { kind: 'write', run: finalizeCacheEntryUpload },
    GetCacheEntryDownloadURL: { kind: 'read', run: getCacheEntryDownloadURL }
  }

  const twirpHandler: RawHandler = {
    name: 'actions-cache-twirp',
    async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      if (!url.pathname.startsWith(CACHE_TWIRP_PREFIX)) return false
      const name = url.pathname.slice(CACHE_TWIRP_PREFIX.length)
      const raw = await readBody(req)
      try {
        if (!Object.hasOwn(methods, name)) throw new TwirpError(404, 'bad_route', `no such method: ${name}`)
        const method = methods[name as CacheMethod]
        count(`actions-cache/${name}`, method.kind)
        if (req.method !== 'POST')
          throw new TwirpError(404, 'bad_route', `${name} takes POST, not ${req.method}`)
        const claims = authenticate(req)
        takeFault(name as CacheMethod)
        let body: Record<string, unknown>
        try {
          body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>
        } catch {
          throw new TwirpError(400, 'malformed', 'the request body is not JSON')
        }
        sendJson(res, 200, await method.run(claims, body))
      } catch (error) {
        if (error instanceof TwirpError) {
          sendJson(res, error.status, { code: error.code, msg: error.message }, error.headers)
        } else {
          sendJson(res, 500, { code: 'internal', msg: (error as Error).message })
        }
      }
      return true
    }
  }

  const notFound = (): RouteReply => ({
    status: 404,
    body: {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest/actions/cache',
      status: '404'
    }
  })

  const describe = (e: CacheEntry): Record<string, unknown> => ({
    id: e.id,
    ref: e.scope,
    key: e.key,
    version: e.version,
    last_accessed_at: new Date(e.lastAccessedAt).toISOString(),
    created_at: new Date(e.createdAt).toISOString(),
    size_in_bytes: e.sizeBytes
  })

  const visible = (ctx: RouteContext): CacheEntry[] =>
    entries.filter(e => e.finalized && e.repository === ctx.repo.fullName)

  const routes: Route[] = [
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/actions/caches',
      operationId: 'actions/get-actions-cache-list',
      kind: 'read',
      permission: 'actions',
      async handler(ctx) {
        const key = ctx.query.get('key')
        const ref = ctx.query.get('ref')
        const sort = ctx.query.get('sort') ?? 'last_accessed_at'
        const direction = ctx.query.get('direction') === 'asc' ? 1 : -1
        const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page') ?? 30) || 30))
        const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1)
        const field =
          sort === 'created_at' ? 'createdAt' : sort === 'size_in_bytes' ? 'sizeBytes' : 'lastAccessedAt'
        const matching = visible(ctx)
          .filter(e => (!key || e.key.startsWith(key)) && (!ref || e.scope === ref))
          .sort((a, b) => direction * (a[field] - b[field]) || direction * (a.id - b.id))
        return {
          status: 200,
          body: {
            total_count: matching.length,
            actions_caches: matching.slice((page - 1) * perPage, page * perPage).map(describe)
          }
        }
      }
    },
    {
      method: 'DELETE',
      path: '/repos/{owner}/{repo}/actions/caches',
      operationId: 'actions/delete-actions-cache-by-key',
      kind: 'write',
      permission: 'actions',
      async handler(ctx) {
        const key = ctx.query.get('key')
        const ref = ctx.query.get('ref')
        if (!key) {
          return {
            status: 422,
            body: {
              message: 'Invalid request.\n\n"key" wasn\'t supplied.',
              documentation_url: 'https://docs.github.com/rest/actions/cache'
            }
          }
        }
        const doomed = visible(ctx).filter(e => e.key === key && (!ref || e.scope === ref))
        if (doomed.length === 0) return notFound()
        for (const entry of doomed) await remove(entry)
        return { status: 200, body: { total_count: doomed.length, actions_caches: doomed.map(describe) } }
      }
    },
    {
      method: 'DELETE',
      path: '/repos/{owner}/{repo}/actions/caches/{cache_id}',
      operationId: 'actions/delete-actions-cache-by-id',
      kind: 'write',
      permission: 'actions',
      async handler(ctx) {
        const entry = visible(ctx).find(e => String(e.id) === ctx.params.cache_id)
        if (!entry) return notFound()
        await remove(entry)
        return { status: 204 }
      }
    }
  ]

  async function remove(entry: CacheEntry): Promise<void> {
    entries.splice(entries.indexOf(entry), 1)
    await blobStore.delete(entry.blob)
  }

  return {
    name: 'actions-cache',
    blobStore,
    routes,
    rawHandlers: [twirpHandler, ...(blobStore.rawHandler ? [blobStore.rawHandler] : [])],
    async start(emulator: EmulatorServices) {
      services = emulator
      // The blob store's requests land in counts() as well as in the emulator's stats.
      const counting = Object.create(emulator, {
        record: {
          value: (operation: string, kind: 'read' | 'write' | 'notModified') => {
            counts[operation] = (counts[operation] ?? 0) + 1
            emulator.record(operation, kind)
          }
        }
      }) as EmulatorServices
      await blobStore.start?.(counting)
    },
    async stop() {
      await blobStore.stop?.()
    },
    issueRuntimeToken,
    verifyRuntimeToken(authorization) {
      const payload = verifyPayload(authorization)
      return { repository: payload.repository, scp: payload.scp ?? '' }
    },
    failNext(fault) {
      faults.push({ ...fault })
    },
    entries: () => entries.map(e => ({ ...e })),
    counts: () => ({ ...counts }),
    resetCounts() {
      counts = {}
    }
  }
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers
  })
  res.end(text)
}

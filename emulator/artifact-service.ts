/**
 * GitHub Actions workflow artifacts: the results service's Twirp API a job uploads through
 * (`/twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact` → a signed blob upload URL →
 * `FinalizeArtifact`), and the REST operations that list a run's artifacts and download one (302 to a signed
 * URL of the zip the job uploaded, as GitHub answers). Blobs live in the cache service's blob store, and the job's
 * runtime token is the cache service's: a job has one `ACTIONS_RUNTIME_TOKEN` for both.
 *
 * A token names the job's run through its `scp` claim (`Actions.Results:RUN_BACKEND_ID:JOB_BACKEND_ID`, as the
 * runner's does); `issueRunToken` makes one for a REST run id and remembers which run the backend id stands for.
 * The emulator does not check that the run exists: any run id a test names can own artifacts.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CacheServicePlugin } from './cache-service.js'
import { readBody } from './cache-service-blobs.js'
import type { EmulatorPlugin, EmulatorServices, RawHandler, Route, RouteContext } from './plugin.js'

/** The Twirp service path. */
export const ARTIFACT_TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.ArtifactService/'

/** One artifact. */
export interface ArtifactRecord {
  /** GitHub's numeric id. */
  id: number
  /** `OWNER/NAME`. */
  repository: string
  /** The REST id of the run that uploaded it. */
  runId: number
  /** Its name, unique in the run. */
  name: string
  /** Bytes of the zip, once finalized. */
  sizeBytes: number
  /** `sha256:HEX` as the uploader reported it. */
  digest: string | null
  /** The blob holding the zip. */
  blob: string
  /** Emulator clock, ms. */
  createdAt: number
  /** Only finalized artifacts are listed. */
  finalized: boolean
  /** The run's head branch and commit. */
  headBranch: string
  headSha: string
}

/** What a job's run token stands for. */
export interface RunTokenGrant {
  /** `OWNER/NAME`. */
  repository: string
  /** The job's ref, e.g. `refs/pull/7/merge` (its cache scope). */
  ref: string
  /** The REST id of the run. */
  runId: number
  /** The run's head branch and commit (shown in the artifact's `workflow_run`). */
  headBranch: string
  headSha: string
}

/** The artifact service plugin. */
export interface ArtifactServicePlugin extends EmulatorPlugin {
  /** A runtime token (`ACTIONS_RUNTIME_TOKEN`) for a job of the run, good for the cache service too. */
  issueRunToken(grant: RunTokenGrant): string
  /** Every artifact, oldest first. */
  artifacts(): ArtifactRecord[]
}

interface RunBinding {
  runId: number
  headBranch: string
  headSha: string
}

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

const DOCS = 'https://docs.github.com/rest/actions/artifacts'

/** Makes the artifact service; it shares the cache service's tokens and blob store. */
export function createArtifactService(cache: CacheServicePlugin): ArtifactServicePlugin {
  const records: ArtifactRecord[] = []
  const runs = new Map<string, RunBinding>() // by run backend id
  let nextId = 1_000_001
  let services: EmulatorServices | undefined
  const now = (): number => services?.now() ?? Date.now()

  function claimsOf(req: IncomingMessage): { repository: string; run: RunBinding; backendId: string } {
    let claims: { repository: string; scp: string }
    try {
      claims = cache.verifyRuntimeToken(req.headers.authorization)
    } catch (error) {
      throw new TwirpError(401, 'unauthenticated', (error as Error).message)
    }
    const scope = claims.scp.split(' ').find(s => s.startsWith('Actions.Results:'))
    const backendId = scope?.split(':')[1] ?? ''
    const run = runs.get(backendId)
    if (!run) throw new TwirpError(403, 'permission_denied', 'the runtime token names no workflow run')
    return { repository: claims.repository, run, backendId }
  }

  function checkIds(body: Record<string, unknown>, backendId: string): string {
    if (body.workflow_run_backend_id !== backendId) {
      throw new TwirpError(403, 'permission_denied', "workflow_run_backend_id is not this job's run")
    }
    if (typeof body.workflow_job_run_backend_id !== 'string' || !body.workflow_job_run_backend_id) {
      throw new TwirpError(400, 'invalid_argument', 'workflow_job_run_backend_id is required')
    }
    const name = body.name
    if (typeof name !== 'string' || !name.trim())
      throw new TwirpError(400, 'invalid_argument', 'name is required')
    // GitHub refuses the characters its artifact client refuses.
    if (/["<>|*?:\r\n\\/]/.test(name)) {
      throw new TwirpError(
        400,
        'invalid_argument',
        `the artifact name '${name}' has a character GitHub refuses`
      )
    }
    return name
  }

  const methods: Record<string, (req: IncomingMessage, body: Record<string, unknown>) => Promise<object>> = {
    async CreateArtifact(req, body) {
      const claims = claimsOf(req)
      const name = checkIds(body, claims.backendId)
      if (body.version !== 4)
        throw new TwirpError(400, 'invalid_argument', 'only artifact version 4 is served')
      if (records.some(r => r.runId === claims.run.runId && r.name === name)) {
        throw new TwirpError(409, 'already_exists', `an artifact named '${name}' already exists in this run`)
      }
      const id = nextId++
      const record: ArtifactRecord = {
        id,
        repository: claims.repository,
        runId: claims.run.runId,
        name,
        sizeBytes: 0,
        digest: null,
        blob: `artifact-${id}-${randomUUID()}`,
        createdAt: now(),
        finalized: false,
        headBranch: claims.run.headBranch,
        headSha: claims.run.headSha
      }
      records.push(record)
      return { ok: true, signed_upload_url: await cache.blobStore.uploadUrl(record.blob) }
    },
    async FinalizeArtifact(req, body) {
      const claims = claimsOf(req)
      const name = checkIds(body, claims.backendId)
      const record = records.find(r => r.runId === claims.run.runId && r.name === name && !r.finalized)
      if (!record) throw new TwirpError(404, 'not_found', `no artifact named '${name}' is being uploaded`)
      const size = await cache.blobStore.size(record.blob)
      if (size === undefined) throw new TwirpError(400, 'invalid_argument', 'the artifact was not uploaded')
      if (String(body.size) !== String(size)) {
        throw new TwirpError(400, 'invalid_argument', `size ${String(body.size)} is not the uploaded ${size}`)
      }
      record.sizeBytes = size
      record.digest = typeof body.hash === 'string' ? body.hash : null
      record.finalized = true
      return { ok: true, artifact_id: String(record.id) }
    }
  }

  const twirpHandler: RawHandler = {
    name: 'actions-artifacts-twirp',
    async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      if (!url.pathname.startsWith(ARTIFACT_TWIRP_PREFIX)) return false
      const name = url.pathname.slice(ARTIFACT_TWIRP_PREFIX.length)
      const raw = await readBody(req)
      try {
        if (!Object.hasOwn(methods, name)) throw new TwirpError(404, 'bad_route', `no such method: ${name}`)
        services?.record(`actions-artifacts/${name}`, 'write')
        if (req.method !== 'POST')
          throw new TwirpError(404, 'bad_route', `${name} takes POST, not ${req.method}`)
        let body: Record<string, unknown>
        try {
          body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>
        } catch {
          throw new TwirpError(400, 'malformed', 'the request body is not JSON')
        }
        sendJson(res, 200, await methods[name](req, body))
      } catch (error) {
        if (error instanceof TwirpError) sendJson(res, error.status, { code: error.code, msg: error.message })
        else sendJson(res, 500, { code: 'internal', msg: (error as Error).message })
      }
      return true
    }
  }

  const apiBase = (ctx: RouteContext): string => `${ctx.emulator.url}/repos/${ctx.repo.fullName}`

  const describe = (ctx: RouteContext, r: ArtifactRecord): Record<string, unknown> => {
    const created = new Date(r.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z')
    const expires = new Date(r.createdAt + 90 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    return {
      id: r.id,
      node_id: Buffer.from(`MDg6QXJ0aWZhY3Q${r.id}`).toString('base64'),
      name: r.name,
      size_in_bytes: r.sizeBytes,
      url: `${apiBase(ctx)}/actions/artifacts/${r.id}`,
      archive_download_url: `${apiBase(ctx)}/actions/artifacts/${r.id}/zip`,
      expired: false,
      created_at: created,
      updated_at: created,
      expires_at: expires,
      digest: r.digest,
      workflow_run: {
        id: r.runId,
        repository_id: 1,
        head_repository_id: 1,
        head_branch: r.headBranch,
        head_sha: r.headSha
      }
    }
  }

  const visible = (ctx: RouteContext): ArtifactRecord[] =>
    records.filter(r => r.finalized && r.repository === ctx.repo.fullName)

  const notFound = { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } }

  const routes: Route[] = [
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
      operationId: 'actions/list-workflow-run-artifacts',
      kind: 'read',
      permission: 'actions',
      async handler(ctx) {
        const name = ctx.query.get('name')
        const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page') ?? 30) || 30))
        const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1)
        const matching = visible(ctx)
          .filter(r => String(r.runId) === ctx.params.run_id && (!name || r.name === name))
          .reverse()
        return {
          status: 200,
          body: {
            total_count: matching.length,
            artifacts: matching.slice((page - 1) * perPage, page * perPage).map(r => describe(ctx, r))
          }
        }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}',
      operationId: 'actions/get-artifact',
      kind: 'read',
      permission: 'actions',
      async handler(ctx) {
        const record = visible(ctx).find(r => String(r.id) === ctx.params.artifact_id)
        return record ? { status: 200, body: describe(ctx, record) } : notFound
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
      operationId: 'actions/download-artifact',
      kind: 'read',
      permission: 'actions',
      async handler(ctx) {
        const record = visible(ctx).find(r => String(r.id) === ctx.params.artifact_id)
        if (!record || ctx.params.archive_format !== 'zip') return notFound
        return { status: 302, headers: { location: await cache.blobStore.downloadUrl(record.blob) } }
      }
    }
  ]

  return {
    name: 'actions-artifacts',
    routes,
    rawHandlers: [twirpHandler],
    start(s) {
      services = s
    },
    issueRunToken(grant) {
      const runBackendId = randomUUID()
      runs.set(runBackendId, { runId: grant.runId, headBranch: grant.headBranch, headSha: grant.headSha })
      return cache.issueRuntimeToken({
        repository: grant.repository,
        ref: grant.ref,
        results: { runBackendId, jobBackendId: randomUUID() }
      })
    },
    artifacts: () => records.map(r => ({ ...r }))
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text))
  })
  res.end(text)
}

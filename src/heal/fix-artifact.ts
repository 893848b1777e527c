/**
 * The fork-safe hand-over of a verified fix. A pull request from a fork runs its `pull_request` job with a
 * read-only token, so heal cannot propose there: it uploads the fix as the workflow artifact `self-heal-fix`
 * (one file, `fix.json`) and stops. A workflow of the base repository, run on `workflow_run` with a write token
 * and never with the pull request's code, checks where the artifact came from and delivers it (deliver.ts).
 *
 * The upload speaks the results service's Twirp API the way `@actions/artifact` 2 does (CreateArtifact, a PUT of
 * the zip to the signed blob URL, FinalizeArtifact), with the job's ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL,
 * which the runner gives JavaScript actions: a few requests, not a dependency.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { ConfigurationError, InvalidInputError, errorMessage } from '../errors.js'
import { createZip } from '../github/zip.js'
import type { HealOutput } from './types.js'

/** The artifact's name. */
export const FIX_ARTIFACT_NAME = 'self-heal-fix'
/** The file inside it. */
export const FIX_FILE = 'fix.json'
/** The version of fix.json this code writes and reads. */
export const FIX_VERSION = 1

/** What fix.json holds. */
export interface FixArtifact {
  /** FIX_VERSION. */
  version: number
  /** The base repository, OWNER/NAME. */
  repository: string
  /** The pull request's number. */
  pullRequest: number
  /** The pull request's head commit the fix applies to. */
  headSha: string
  /** The pull request's base commit. */
  baseSha: string
  /** The failure's fingerprint id. */
  fingerprint: string
  /** The verified fix, as `git diff --binary` against headSha. */
  diff: string
  /**
   * The check command the fix was verified with (absent in artifacts of older versions). deliver protects the files
   * it runs on top of those its own `command` input runs: it can only make the policy stricter there.
   */
  check?: string
  /** What heal found. */
  result: { outcome: string; reason: string; kind: string; files: number; added: number; removed: number }
}

/** A pull request from a fork, as its `pull_request` event describes it. */
export interface ForkPullRequest {
  repository: string
  number: number
  headSha: string
  baseSha: string
  headRepository: string
}

/** The fork pull request of this job's event, when the job runs for one. */
export function forkPullRequest(env: NodeJS.ProcessEnv): ForkPullRequest | undefined {
  if (!env.GITHUB_EVENT_PATH) return undefined
  let event: {
    pull_request?: {
      number?: unknown
      head?: { sha?: unknown; repo?: { full_name?: unknown } }
      base?: { sha?: unknown; repo?: { full_name?: unknown } }
    }
  }
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as typeof event
  } catch {
    return undefined
  }
  const pr = event?.pull_request
  const head = pr?.head?.repo?.full_name
  const base = pr?.base?.repo?.full_name ?? env.GITHUB_REPOSITORY
  if (!pr || typeof head !== 'string' || typeof base !== 'string' || head === base) return undefined
  if (typeof pr.number !== 'number' || typeof pr.head?.sha !== 'string' || typeof pr.base?.sha !== 'string') {
    return undefined
  }
  return {
    repository: base,
    number: pr.number,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    headRepository: head
  }
}

/** fix.json for a verified fix heal did not propose, made for the check `check`. */
export function buildFixArtifact(pr: ForkPullRequest, result: HealOutput, check?: string): FixArtifact {
  if (!result.fix || !result.fingerprint) throw new Error('Only a verified fix is handed over.')
  return {
    version: FIX_VERSION,
    repository: pr.repository,
    pullRequest: pr.number,
    headSha: pr.headSha,
    baseSha: pr.baseSha,
    fingerprint: result.fingerprint.id,
    diff: result.fix.diff,
    ...(check ? { check } : {}),
    result: { outcome: result.outcome, reason: result.reason, kind: result.kind, ...result.fix.stats }
  }
}

/** Reads fix.json; anything that is not one is an InvalidInputError saying what is wrong. */
export function parseFixArtifact(text: string): FixArtifact {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new InvalidInputError(`${FIX_FILE} is not JSON: ${errorMessage(error)}`)
  }
  const fix = raw as Partial<FixArtifact> | null
  const fail = (what: string): never => {
    throw new InvalidInputError(`${FIX_FILE} is not a fix self-heal wrote: ${what}.`)
  }
  if (!fix || typeof fix !== 'object') return fail('not an object')
  if (fix.version !== FIX_VERSION) fail(`version ${String(fix.version)}, expected ${FIX_VERSION}`)
  for (const key of ['repository', 'headSha', 'baseSha', 'fingerprint', 'diff'] as const) {
    if (typeof fix[key] !== 'string' || !fix[key]) fail(`'${key}' is missing`)
  }
  if (!/^[0-9a-f]{40}$/.test(fix.headSha!)) fail(`'headSha' is not a commit sha`)
  if (fix.check !== undefined && typeof fix.check !== 'string') fail(`'check' is not a command line`)
  if (!Number.isSafeInteger(fix.pullRequest) || fix.pullRequest! <= 0) fail(`'pullRequest' is not a number`)
  return fix as FixArtifact
}

/** The results service's ids for this job, from the runtime token's `Actions.Results:RUN:JOB` scope. */
export function backendIds(runtimeToken: string): {
  workflowRunBackendId: string
  workflowJobRunBackendId: string
} {
  let scp = ''
  try {
    const claims = JSON.parse(
      Buffer.from(runtimeToken.split('.')[1] ?? '', 'base64url').toString('utf8')
    ) as {
      scp?: unknown
    }
    scp = typeof claims.scp === 'string' ? claims.scp : ''
  } catch {
    // Not a JWT: said below.
  }
  const scope = scp.split(' ').find(s => s.startsWith('Actions.Results:'))
  const [, run, job] = scope?.split(':') ?? []
  if (!run || !job) {
    throw new ConfigurationError(
      'ACTIONS_RUNTIME_TOKEN names no workflow run, so the fix cannot be uploaded as an artifact: run self-heal as a step of an Actions job.'
    )
  }
  return { workflowRunBackendId: run, workflowJobRunBackendId: job }
}

/** Uploads fix.json as the artifact `self-heal-fix` of this job's run; returns the artifact's id. */
export async function uploadFixArtifact(
  fix: FixArtifact,
  env: NodeJS.ProcessEnv = process.env
): Promise<string> {
  const token = env.ACTIONS_RUNTIME_TOKEN
  const base = env.ACTIONS_RESULTS_URL
  if (!token || !base) {
    throw new ConfigurationError(
      'ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set, so the fix cannot be uploaded as an artifact: run self-heal as a step of an Actions job.'
    )
  }
  const ids = backendIds(token)
  const twirp = async (method: string, body: object): Promise<Record<string, unknown>> => {
    const url = new URL(
      `twirp/github.actions.results.api.v1.ArtifactService/${method}`,
      base.replace(/\/?$/, '/')
    )
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body)
    })
    const text = await response.text()
    if (!response.ok) {
      throw new Error(
        `The artifact service refused ${method} (HTTP ${response.status}): ${text.slice(0, 300)}`
      )
    }
    const reply = JSON.parse(text) as Record<string, unknown>
    if (reply.ok !== true) throw new Error(`The artifact service refused ${method}: ${text.slice(0, 300)}`)
    return reply
  }
  const zip = createZip([{ name: FIX_FILE, data: Buffer.from(JSON.stringify(fix, null, 2) + '\n') }])
  const common = {
    workflow_run_backend_id: ids.workflowRunBackendId,
    workflow_job_run_backend_id: ids.workflowJobRunBackendId,
    name: FIX_ARTIFACT_NAME
  }
  const created = await twirp('CreateArtifact', { ...common, version: 4 })
  const upload = await fetch(String(created.signed_upload_url), {
    method: 'PUT',
    headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'application/zip' },
    body: zip
  })
  if (!upload.ok) throw new Error(`The artifact's upload failed (HTTP ${upload.status}).`)
  const finalized = await twirp('FinalizeArtifact', {
    ...common,
    size: String(zip.length),
    hash: `sha256:${createHash('sha256').update(zip).digest('hex')}`
  })
  return String(finalized.artifact_id)
}

/**
 * After heal: a verified fix that could not be proposed because the pull request comes from a fork is uploaded
 * for the privileged workflow, and the result says so. Any other result is returned as it is.
 */
export async function handOverForkFix(
  result: HealOutput,
  env: NodeJS.ProcessEnv,
  log: { info(message: string): void; warning(message: string): void },
  check?: string
): Promise<HealOutput> {
  const pr = forkPullRequest(env)
  if (!pr || result.outcome !== 'not-proposed' || !result.fix || !result.fingerprint || result.dryRun) {
    return result
  }
  try {
    const id = await uploadFixArtifact(buildFixArtifact(pr, result, check), env)
    log.info(
      `Uploaded the verified fix as the artifact ${FIX_ARTIFACT_NAME} (id ${id}) for the privileged workflow.`
    )
  } catch (error) {
    // The fix stays in the result (and the job's log); only its hand-over failed.
    log.warning(
      `The verified fix could not be uploaded as the artifact ${FIX_ARTIFACT_NAME}: ${errorMessage(error)}`
    )
    return result
  }
  return { ...result, reason: 'uploaded for the privileged workflow' }
}

/**
 * Fork-safe healing end to end with the bundled action against the emulator: the unprivileged `pull_request` job
 * heals and uploads its verified fix as the `self-heal-fix` artifact through the results service, and
 * `operation: deliver`, run with a `workflow_run` event, checks the artifact's provenance and delivers it as a
 * review with suggestions, read back through the emulator's API. Tampered artifacts are rejected.
 *
 * The first pull request's head branch lives in octo/repo, so the unprivileged job's event says the head is
 * `someone/repo` (which makes heal treat it as a fork's), while the privileged run's head repository is the one the
 * emulator reports for the pull request. A second pull request comes from the emulator's fork `someone/repo`, for
 * `deliver: commit`: a commit on the fork's branch when maintainers may edit it and the token may push there.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createArtifactService, type ArtifactServicePlugin } from '../../emulator/artifact-service.js'
import { cacheServiceEnv, createCacheService } from '../../emulator/cache-service.js'
import { ALL_PERMISSIONS } from '../../emulator/server.js'
import { startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import { readZip } from '../../src/github/zip.js'
import { uploadFixArtifact, type FixArtifact } from '../../src/heal/fix-artifact.js'
import { git, makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'
import { runAction, type ActionRun } from './run-action.js'

/** Fails with one lint line per `BAD` in src/app.js. */
const CHECK = `const fs = require('node:fs')
const lines = fs.readFileSync('src/app.js', 'utf8').split('\\n')
let bad = 0
lines.forEach((line, i) => {
  if (!line.includes('BAD')) return
  bad++
  console.log('src/app.js:' + (i + 1) + ':1: error Unexpected BAD token (no-bad)')
})
process.exit(bad ? 1 : 0)
`
const FIX = `const fs = require('node:fs')
fs.writeFileSync('src/app.js', fs.readFileSync('src/app.js', 'utf8').replace(/BAD/g, 'GOOD'))
`
const RUN_ID = 7001
const FIXED =
  'diff --git a/src/app.js b/src/app.js\n--- a/src/app.js\n+++ b/src/app.js\n' +
  '@@ -1,3 +1,3 @@\n const a = 1\n-const b = BAD\n+const b = GOOD\n const c = 3\n'
/** A token that may write to octo/repo only, as a GITHUB_TOKEN. */
const WORKFLOW_TOKEN = 'workflow-token'

describe('fork-safe healing: artifact from the pull_request job, suggestions from deliver', () => {
  let repo: TempDir
  let temp: TempDir
  let t: TestEmulator
  let artifacts: ArtifactServicePlugin
  let headSha: string
  let baseSha: string
  let number: number
  let steps = 0

  const step = async (inputs: Record<string, string>, event: object, env: Record<string, string> = {}) => {
    const runnerTemp = join(temp.path, `runner-${steps++}`)
    await mkdir(runnerTemp, { recursive: true })
    return runAction(
      runnerTemp,
      { 'working-directory': repo.path, token: t.emulator.token, 'api-url': t.emulator.apiUrl, ...inputs },
      { GITHUB_WORKSPACE: repo.path, GITHUB_REPOSITORY: 'octo/repo', ...env },
      { event }
    )
  }
  const runToken = (runId: number): Record<string, string> =>
    cacheServiceEnv(
      t.emulator.url,
      artifacts.issueRunToken({
        repository: 'octo/repo',
        ref: `refs/pull/${number}/merge`,
        runId,
        headSha,
        headBranch: 'feature'
      })
    )
  const deliver = (
    runId: number,
    event = 'pull_request',
    inputs: Record<string, string> = {},
    headRepository = 'octo/repo'
  ): Promise<ActionRun> =>
    step(
      { operation: 'deliver', ...inputs },
      {
        workflow_run: {
          id: runId,
          event,
          head_sha: headSha,
          pull_requests: [],
          head_repository: { full_name: headRepository }
        }
      }
    )
  /** Uploads a hand-made fix.json as the artifact of `runId`, as code of the fork could. */
  const forge = (runId: number, fix: Partial<FixArtifact>): Promise<string> =>
    uploadFixArtifact(
      {
        version: 1,
        repository: 'octo/repo',
        pullRequest: number,
        headSha,
        baseSha,
        fingerprint: '0123456789abcdef',
        diff: '',
        result: { outcome: 'not-proposed', reason: 'x', kind: 'lint', files: 1, added: 1, removed: 1 },
        ...fix
      },
      runToken(runId)
    )

  beforeAll(async () => {
    repo = await makeTempRepo({ 'src/app.js': 'const a = 1\n', 'check.cjs': CHECK, 'fix.cjs': FIX })
    temp = await makeTempDir('self-heal-fork-')
    baseSha = await git(repo.path, 'rev-parse', 'HEAD')
    await git(repo.path, 'checkout', '-q', '-b', 'feature')
    await writeFile(join(repo.path, 'src/app.js'), 'const a = 1\nconst b = BAD\nconst c = 3\n')
    await git(repo.path, 'commit', '-qam', 'Add b and c')
    headSha = await git(repo.path, 'rev-parse', 'HEAD')
    const bare = join(temp.path, 'repo.git')
    await git(temp.path, 'clone', '-q', '--bare', repo.path, bare)
    // The checkout is on the pull request's branch; GitHub's default branch stays main.
    await git(bare, 'symbolic-ref', 'HEAD', 'refs/heads/main')
    const cache = createCacheService()
    artifacts = createArtifactService(cache)
    const fork = join(temp.path, 'fork.git')
    await git(temp.path, 'clone', '-q', '--bare', bare, fork)
    t = await startTestEmulator({
      repos: [
        { fullName: 'octo/repo', gitDir: bare },
        { fullName: 'someone/repo', gitDir: fork, forkOf: 'octo/repo' }
      ],
      plugins: [cache, artifacts],
      tokens: { [WORKFLOW_TOKEN]: [...ALL_PERMISSIONS] },
      tokenRepositories: { [WORKFLOW_TOKEN]: ['octo/repo'] }
    })
    const pr = await t.octokit.rest.pulls.create({
      owner: 'octo',
      repo: 'repo',
      head: 'feature',
      base: 'main',
      title: 'b'
    })
    number = pr.data.number
  })

  afterAll(async () => {
    await t?.close()
    await repo?.cleanup()
    await temp?.cleanup()
  })

  it('the pull_request job of a fork uploads its verified fix as self-heal-fix and does not propose', async () => {
    const run = await step(
      { command: 'node check.cjs', kind: 'lint', fix: 'node fix.cjs' },
      {
        pull_request: {
          number,
          head: { ref: 'feature', sha: headSha, repo: { full_name: 'someone/repo' } },
          base: { ref: 'main', sha: baseSha, repo: { full_name: 'octo/repo' } }
        }
      },
      runToken(RUN_ID)
    )
    expect(run.outputs.outcome).toBe('not-proposed')
    expect(JSON.parse(run.outputs.result).reason).toBe('uploaded for the privileged workflow')
    const listed = await t.octokit.rest.actions.listWorkflowRunArtifacts({
      owner: 'octo',
      repo: 'repo',
      run_id: RUN_ID
    })
    expect(listed.data.artifacts.map(a => [a.name, a.workflow_run?.id])).toEqual([['self-heal-fix', RUN_ID]])
    // fix.json names the check the fix was verified with, for deliver to protect the files it runs.
    const { data: zip } = await t.octokit.rest.actions.downloadArtifact({
      owner: 'octo',
      repo: 'repo',
      artifact_id: listed.data.artifacts[0].id,
      archive_format: 'zip'
    })
    const fix = JSON.parse(readZip(Buffer.from(zip as ArrayBuffer))[0].data.toString('utf8')) as FixArtifact
    expect(fix).toMatchObject({ check: 'node check.cjs', headSha })
    // Nothing was pushed: the pull request's branch is where it was.
    const pr = await t.octokit.rest.pulls.get({ owner: 'octo', repo: 'repo', pull_number: number })
    expect(pr.data.head.sha).toBe(headSha)
  })

  it('deliver turns the artifact into a review whose suggestion sits on the fixed line', async () => {
    const run = await deliver(RUN_ID)
    expect(run.stdout).not.toContain('::error::')
    expect(run.outputs.outcome).toBe('delivered')
    expect(run.outputs['pull-request-number']).toBe(String(number))
    const comments = await t.octokit.rest.pulls.listReviewComments({
      owner: 'octo',
      repo: 'repo',
      pull_number: number
    })
    expect(
      comments.data.map(c => ({ path: c.path, line: c.line, start: c.start_line, body: c.body }))
    ).toEqual([{ path: 'src/app.js', line: 2, start: null, body: '```suggestion\nconst b = GOOD\n```' }])
    const reviews = await t.octokit.rest.pulls.listReviews({
      owner: 'octo',
      repo: 'repo',
      pull_number: number
    })
    expect(reviews.data).toHaveLength(1)
    expect(reviews.data[0]).toMatchObject({ state: 'COMMENTED', commit_id: headSha })
  })

  it("deliver commit: a commit on the fork's branch when allowed, else suggestions saying why", async () => {
    const created = await t.octokit.rest.pulls.create({
      owner: 'octo',
      repo: 'repo',
      head: 'someone:feature',
      base: 'main',
      title: 'b from the fork',
      maintainer_can_modify: true
    })
    const forkPr = created.data.number
    expect(created.data.head).toMatchObject({ sha: headSha, repo: { full_name: 'someone/repo' } })
    const reviewCount = async () =>
      (await t.octokit.rest.pulls.listReviews({ owner: 'octo', repo: 'repo', pull_number: forkPr })).data
        .length
    const forkHead = async () =>
      (await t.octokit.rest.git.getRef({ owner: 'someone', repo: 'repo', ref: 'heads/feature' })).data.object
        .sha

    // A token that cannot push to the fork (a GITHUB_TOKEN never can): suggestions, and the reason says so.
    await forge(7101, { pullRequest: forkPr, diff: FIXED })
    const denied = await deliver(
      7101,
      'pull_request',
      { deliver: 'commit', token: WORKFLOW_TOKEN },
      'someone/repo'
    )
    expect(denied.outputs.outcome).toBe('delivered')
    expect(denied.stdout).toContain('It was not committed to the fork')
    expect(denied.stdout).toContain('A GITHUB_TOKEN never can push to a fork')
    expect(await reviewCount()).toBe(1)
    expect(await forkHead()).toBe(headSha)

    // Maintainers may not edit: suggestions, saying why, and nothing pushed.
    const update = (allowed: boolean) =>
      t.octokit.rest.pulls.update({
        owner: 'octo',
        repo: 'repo',
        pull_number: forkPr,
        maintainer_can_modify: allowed
      })
    await update(false)
    const refused = await deliver(7101, 'pull_request', { deliver: 'commit' }, 'someone/repo')
    expect(refused.outputs.outcome).toBe('delivered')
    expect(refused.stdout).toContain(`pull request #${forkPr} does not allow edits by maintainers`)
    expect(await reviewCount()).toBe(2)
    expect(await forkHead()).toBe(headSha)

    await update(true)
    // A token that may: one commit on the fork's branch, on the verified head, with the fingerprint trailer.
    const committed = await deliver(7101, 'pull_request', { deliver: 'commit' }, 'someone/repo')
    expect(committed.stdout).not.toContain('::error::')
    expect(committed.outputs.outcome).toBe('delivered')
    expect(committed.outputs.branch).toBe('feature')
    expect(await forkHead()).toBe(committed.outputs.commit)
    const commit = await t.octokit.rest.git.getCommit({
      owner: 'someone',
      repo: 'repo',
      commit_sha: committed.outputs.commit
    })
    expect(commit.data.parents.map(p => p.sha)).toEqual([headSha])
    expect(commit.data.message).toMatch(/\n\nSelf-Heal-Fingerprint: 0123456789abcdef\n?$/)
    const pr = await t.octokit.rest.pulls.get({ owner: 'octo', repo: 'repo', pull_number: forkPr })
    expect(pr.data.head.sha).toBe(committed.outputs.commit)
    expect(await reviewCount()).toBe(2)
  })

  it('rejects an artifact whose headSha is not the run head commit', async () => {
    await forge(7002, { headSha: baseSha, diff: 'x' })
    const run = await deliver(7002)
    expect(run.code).not.toBe(0)
    expect(run.outputs.outcome).toBe('rejected')
    expect(run.stdout).toContain(`its headSha ${baseSha} is not the run's head commit ${headSha}`)
  })

  it("rejects another run's artifact listed under the triggering run", async () => {
    const real = await t.octokit.rest.actions.listWorkflowRunArtifacts({
      owner: 'octo',
      repo: 'repo',
      run_id: RUN_ID
    })
    t.emulator.failNext(
      { operationId: 'actions/list-workflow-run-artifacts' },
      { status: 200, body: real.data }
    )
    const run = await deliver(7003)
    expect(run.outputs.outcome).toBe('rejected')
    expect(run.stdout).toContain(`the artifact belongs to run ${RUN_ID}, not to the triggering run`)
  })

  it('rejects a diff the policy refuses (a workflow file), and one the default branch policy refuses', async () => {
    const workflow =
      'diff --git a/.github/workflows/ci.yml b/.github/workflows/ci.yml\nnew file mode 100644\n' +
      '--- /dev/null\n+++ b/.github/workflows/ci.yml\n@@ -0,0 +1 @@\n+on: push\n'
    await forge(7004, { diff: workflow })
    const refused = await deliver(7004)
    expect(refused.outputs.outcome).toBe('rejected')
    expect(refused.stdout).toMatch(/the policy refuses its diff:.*workflow/)

    await t.emulator.pushFiles({ branch: 'main', files: { '.github/self-heal.yml': 'deny: ["src/**"]\n' } })
    await forge(7005, { diff: FIXED })
    const denied = await deliver(7005)
    expect(denied.outputs.outcome).toBe('rejected')
    expect(denied.stdout).toContain('the policy refuses its diff')
    expect(denied.stdout).toContain('.github/self-heal.yml from main')
  })

  it('rejects a diff that edits the file the check runs, whichever side names the check', async () => {
    // check.cjs is an ordinary file to a policy that does not know the check: `node check.cjs` makes it the check.
    const skip =
      'diff --git a/check.cjs b/check.cjs\n--- a/check.cjs\n+++ b/check.cjs\n' +
      "@@ -1 +1,2 @@\n+process.exit(0)\n const fs = require('node:fs')\n"
    await forge(7007, { diff: skip })
    const byInput = await deliver(7007, 'pull_request', { command: 'node check.cjs' })
    expect(byInput.outputs.outcome).toBe('rejected')
    expect(byInput.stdout).toContain("changes 'check.cjs', a file the check runs (`node check.cjs`)")
    // The workflow names no check; the artifact's own is protected all the same.
    await forge(7008, { diff: skip, check: 'node check.cjs' })
    const byArtifact = await deliver(7008)
    expect(byArtifact.outputs.outcome).toBe('rejected')
    expect(byArtifact.stdout).toContain('a file the check runs (`node check.cjs`)')
    // An artifact that names a check running nothing does not loosen the workflow's.
    await forge(7009, { diff: skip, check: 'true' })
    const loosened = await deliver(7009, 'pull_request', { command: 'node check.cjs' })
    expect(loosened.outputs.outcome).toBe('rejected')
  })

  it('rejects an artifact of a run that was not a pull_request run', async () => {
    await forge(7006, { diff: 'x' })
    const run = await deliver(7006, 'push')
    expect(run.outputs.outcome).toBe('rejected')
    expect(run.stdout).toContain('the run was triggered by push, and only pull_request runs hand over fixes')
  })

  it('delivers nothing when the pull request moved on since the run', async () => {
    await t.emulator.pushFiles({ branch: 'feature', files: { 'other.txt': 'x\n' } })
    const run = await deliver(RUN_ID)
    expect(run.code).toBe(0)
    expect(run.outputs.outcome).toBe('nothing-to-deliver')
    expect(run.stdout).toContain(`the fix is for ${headSha}`)
  })
})

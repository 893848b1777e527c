/**
 * The emulator as a tool, started the way its README says (`npm run emulator -- --repo PATH`): an empty bare
 * repository works, stopping npm leaves nothing running, pull requests survive a restart, the environment it
 * prints reaches its cache service from another process, and a repository's own workflow files run: a failed CI
 * run starts the shipped self-heal-on-failure.yml, whose bundled action heals that run from outside, a run's step
 * uploads a workflow artifact that the REST API lists and downloads, and a job whose `if:` is false is skipped;
 * and a CLOUD heal by the bundled CLI from a directory with no checkout runs its fix and its check in dispatched
 * runs of the repository's self-heal-run.yml.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { execFile, spawn } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { getOctokit } from '@actions/github'
import { readZip } from '../../src/github/zip.js'
import { runFixture } from '../cache/helpers/child.js'
import { cleanEnv, runCli } from '../cli/cli-helpers.js'
import { startEmulatorCli, type StartedEmulator } from './start-cli.js'
import { git, makeTempDir, type TempDir } from '../helpers/git.js'

const execFileAsync = promisify(execFile)

type Started = StartedEmulator

const started: Started[] = []
const temps: TempDir[] = []

afterEach(async () => {
  for (const run of started.splice(0)) {
    try {
      process.kill(-(run.npm.pid as number), 'SIGKILL') // npm's process group: whatever a failed test left
    } catch {
      // Already gone.
    }
  }
  for (const dir of temps.splice(0)) await dir.cleanup()
})

async function tempDir(prefix: string): Promise<TempDir> {
  const dir = await makeTempDir(prefix)
  temps.push(dir)
  return dir
}

/** Starts `npm run emulator -- --repo gitDir`, stopped after the test. */
async function startNpm(gitDir: string, extra: string[] = []): Promise<Started> {
  const run = await startEmulatorCli(['--repo', gitDir, ...extra])
  started.push(run)
  return run
}

/** Every process below `pid` (ps works on Linux and macOS), without zombies, which are gone but not yet reaped. */
async function descendants(pid: number): Promise<number[]> {
  const { stdout } = await execFileAsync('ps', ['-A', '-o', 'pid=,ppid=,stat='])
  const rows = stdout
    .trim()
    .split('\n')
    .map(line => line.trim().split(/\s+/))
    .filter(([, , stat]) => !stat.startsWith('Z'))
    .map(([child, parent]) => ({ child: Number(child), parent: Number(parent) }))
  const found: number[] = []
  const walk = (parent: number): void => {
    for (const row of rows.filter(r => r.parent === parent)) {
      found.push(row.child)
      walk(row.child)
    }
  }
  walk(pid)
  return found
}

async function alive(pids: number[]): Promise<number[]> {
  const { stdout } = await execFileAsync('ps', ['-A', '-o', 'pid=,stat='])
  const running = new Set(
    stdout
      .trim()
      .split('\n')
      .map(line => line.trim().split(/\s+/))
      .filter(([, stat]) => !stat.startsWith('Z'))
      .map(([pid]) => Number(pid))
  )
  return pids.filter(pid => running.has(pid))
}

function portOpen(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise(resolve => {
    const socket = connect(Number(port), hostname)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/**
 * Stops npm as a user does: `kill PID` (SIGTERM to npm alone), Ctrl-C (SIGINT to the terminal's process group), or
 * `kill -9 PID` (npm cannot pass that on); then waits until the port is closed and nothing npm started runs.
 */
async function stopNpm(run: Started, how: 'SIGTERM' | 'Ctrl-C' | 'SIGKILL'): Promise<void> {
  const pid = run.npm.pid as number
  const below = await descendants(pid)
  expect(below.length).toBeGreaterThan(0)
  if (how === 'Ctrl-C') process.kill(-pid, 'SIGINT')
  else process.kill(pid, how)
  await run.exited
  const deadline = Date.now() + 10_000
  while ((await alive(below)).length > 0 || (await portOpen(run.url))) {
    if (Date.now() > deadline) {
      throw new Error(
        `still running after ${how} to npm: ${(await alive(below)).join(', ')}; ${run.stderr()}`
      )
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

/** A bare repository as `git init --bare` makes it, with git's own default branch name. */
async function emptyBare(): Promise<string> {
  const dir = await tempDir('emulator-tool-')
  const gitDir = join(dir.path, 'repo.git')
  await execFileAsync('git', ['init', '-q', '--bare', gitDir], {
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' }
  })
  return gitDir
}

/** A diff adding one file, as the README's example applies it. */
async function diffFile(name: string): Promise<string> {
  const dir = await tempDir('emulator-tool-diff-')
  await git(dir.path, 'init', '-q')
  await writeFile(join(dir.path, name), `${name}\n`)
  await git(dir.path, 'add', name)
  const path = join(dir.path, 'fix.diff')
  await writeFile(path, `${await git(dir.path, 'diff', '--cached', '--binary')}\n`)
  return path
}

/** The README's example: apply a diff to a branch with a pull request, through the bundled CLI. */
async function applyWithPullRequest(run: Started, branch: string, patch: string) {
  const result = await runCli(
    [
      'apply',
      '--environment',
      'cloud',
      '--repository',
      'octo/repo',
      '--token',
      'emulator-token',
      '--api-url',
      run.url,
      '--patch',
      patch,
      '--branch',
      branch,
      '--message',
      'fix',
      '--pull-request',
      '--json'
    ],
    { cwd: process.cwd(), env: cleanEnv() }
  )
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.any(String) })
  return JSON.parse(result.stdout) as { commit: string; pullRequest: { number: number; action: string } }
}

describe('npm run emulator', () => {
  it('serves an empty bare repository: main is made with an empty initial commit, and the README example works', async () => {
    const gitDir = await emptyBare()
    expect(await git(gitDir, 'symbolic-ref', 'HEAD')).toBe('refs/heads/master') // git's default, unborn
    const run = await startNpm(gitDir)
    expect(run.stderr()).toContain('made main with an empty initial commit')
    expect(await git(gitDir, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main')
    expect(await git(gitDir, 'ls-tree', 'main')).toBe('')
    expect(await git(gitDir, 'rev-list', '--count', 'main')).toBe('1')

    const applied = await applyWithPullRequest(run, 'self-heal/fix', await diffFile('fixed.txt'))
    expect(applied.pullRequest).toMatchObject({ number: 1, action: 'created' })
    expect(await git(gitDir, 'show', 'self-heal/fix:fixed.txt')).toBe('fixed.txt')
    expect(await git(gitDir, 'rev-parse', 'self-heal/fix^')).toBe(await git(gitDir, 'rev-parse', 'main'))
    await stopNpm(run, 'SIGTERM')
    expect(run.stderr()).toContain('SIGTERM: stopping')

    // A second start finds main there and makes nothing.
    const again = await startNpm(gitDir)
    expect(again.stderr()).not.toContain('made main')
    expect(await git(gitDir, 'rev-list', '--count', 'main')).toBe('1')
    await stopNpm(again, 'SIGTERM')
  }, 120_000)

  it('stops everything it started on Ctrl-C or when npm is killed, and keeps pull requests and labels across the restart', async () => {
    const gitDir = await emptyBare()
    const first = await startNpm(gitDir)
    const octokit = getOctokit('emulator-token', { baseUrl: first.url })
    const opened = await applyWithPullRequest(first, 'self-heal/one', await diffFile('one.txt'))
    await octokit.rest.issues.addLabels({
      owner: 'octo',
      repo: 'repo',
      issue_number: 1,
      labels: ['self-heal']
    })
    await octokit.rest.pulls.requestReviewers({
      owner: 'octo',
      repo: 'repo',
      pull_number: 1,
      reviewers: ['mona']
    })
    await stopNpm(first, 'Ctrl-C')
    expect(first.stderr()).toContain('SIGINT: stopping')

    // Written atomically: the state file and no temporary file beside it.
    expect((await readdir(gitDir)).filter(name => name.startsWith('emulator-state'))).toEqual([
      'emulator-state.json'
    ])

    const second = await startNpm(gitDir)
    const client = getOctokit('emulator-token', { baseUrl: second.url })
    const { data: pull } = await client.rest.pulls.get({ owner: 'octo', repo: 'repo', pull_number: 1 })
    expect(pull).toMatchObject({
      number: 1,
      state: 'open',
      head: { ref: 'self-heal/one', sha: opened.commit },
      base: { ref: 'main' },
      labels: [expect.objectContaining({ name: 'self-heal' })],
      requested_reviewers: [expect.objectContaining({ login: 'mona' })]
    })
    // The same branch again updates the same pull request; a new one gets the next number, not 1 again.
    expect(
      (await applyWithPullRequest(second, 'self-heal/one', await diffFile('more.txt'))).pullRequest
    ).toEqual(expect.objectContaining({ number: 1, action: 'updated' }))
    const other = await applyWithPullRequest(second, 'self-heal/two', await diffFile('two.txt'))
    expect(other.pullRequest).toMatchObject({ number: 2, action: 'created' })
    const ids = (await client.rest.pulls.list({ owner: 'octo', repo: 'repo', state: 'all' })).data.map(
      p => p.id
    )
    expect(new Set(ids).size).toBe(2)
    // Each write was saved before its answer: even npm killed outright loses nothing, and leaves nothing behind.
    await stopNpm(second, 'SIGKILL')
    const third = await startNpm(gitDir)
    const { data: pulls } = await getOctokit('emulator-token', { baseUrl: third.url }).rest.pulls.list({
      owner: 'octo',
      repo: 'repo'
    })
    expect(pulls.map(p => [p.number, p.head.ref])).toEqual([
      [2, 'self-heal/two'],
      [1, 'self-heal/one']
    ])
    await stopNpm(third, 'SIGTERM')
  }, 120_000)

  it('refuses a damaged state file with exit 2, saying what to do, and leaves it alone', async () => {
    const gitDir = await emptyBare()
    await writeFile(join(gitDir, 'emulator-state.json'), '{"version": 1, "issues": [')
    const npm = spawn('npm', ['run', '--silent', 'emulator', '--', '--repo', gitDir], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stderr = ''
    npm.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    expect(await new Promise(resolve => npm.once('exit', resolve))).toBe(2)
    expect(stderr).toContain('emulator-state.json is not an emulator state file')
    expect(stderr).toContain('move it away')
    expect(await readFile(join(gitDir, 'emulator-state.json'), 'utf8')).toBe('{"version": 1, "issues": [')
  }, 120_000)

  it('prints the environment with which another process saves to and restores from its Actions cache', async () => {
    const run = await startNpm(await emptyBare())
    expect(Object.keys(run.env)).toEqual([
      'GITHUB_API_URL',
      'GITHUB_GRAPHQL_URL',
      'GITHUB_REPOSITORY',
      'ACTIONS_CACHE_SERVICE_V2',
      'ACTIONS_RESULTS_URL',
      'ACTIONS_RUNTIME_TOKEN'
    ])
    const workspace = (await tempDir('emulator-tool-cache-')).path
    await mkdir(join(workspace, 'temp'))
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...run.env,
      RUNNER_TEMP: join(workspace, 'temp'),
      GITHUB_WORKSPACE: workspace
    }
    await writeFile(join(workspace, 'data.txt'), 'cached across processes\n')
    const saved = await runFixture('actions-cache-cli.ts', ['save', 'data.txt', 'tool-key'], env)
    expect(saved.result).toEqual({ id: expect.any(Number) })
    await writeFile(join(workspace, 'data.txt'), 'overwritten\n')
    const restored = await runFixture('actions-cache-cli.ts', ['restore', 'data.txt', 'tool-key'], env)
    expect(restored.result).toEqual({ matched: 'tool-key' })
    expect(await readFile(join(workspace, 'data.txt'), 'utf8')).toBe('cached across processes\n')
    const stats = (await (await fetch(`${run.url}/_emulator/stats`)).json()) as {
      operations: Record<string, unknown>
    }
    expect(Object.keys(stats.operations)).toEqual(
      expect.arrayContaining(['actions-cache/CreateCacheEntry', 'actions-cache/GetCacheEntryDownloadURL'])
    )
    await stopNpm(run, 'SIGTERM')
  }, 120_000)
})

/** Lint that fails on trailing whitespace in src/, printing `file:line:col: message (rule)`; and its fixer. */
const LINT = `const fs = require('node:fs')
let bad = 0
for (const name of fs.readdirSync('src')) {
  fs.readFileSync('src/' + name, 'utf8').split('\\n').forEach((line, i) => {
    const m = /\\s+$/.exec(line)
    if (m) { bad++; console.log('src/' + name + ':' + (i + 1) + ':' + (m.index + 1) + ': trailing whitespace (no-trailing-spaces)') }
  })
}
process.exit(bad ? 1 : 0)
`
const FIX = `const fs = require('node:fs')
for (const name of fs.readdirSync('src')) {
  fs.writeFileSync('src/' + name, fs.readFileSync('src/' + name, 'utf8').replace(/[ \\t]+$/gm, ''))
}
`
/**
 * Uploads a file as the workflow artifact `name` of the job's run, as @actions/artifact does: CreateArtifact on the
 * results service, the zip to its signed URL, FinalizeArtifact with the size and digest.
 */
const UPLOAD = `const { createHash } = require('node:crypto')
const [file, name] = process.argv.slice(2)
const token = process.env.ACTIONS_RUNTIME_TOKEN
const scp = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).scp
const [, run, job] = scp.split(' ').find(s => s.startsWith('Actions.Results:')).split(':')
const ids = { workflow_run_backend_id: run, workflow_job_run_backend_id: job, name }
const twirp = async (method, body) => {
  const url = process.env.ACTIONS_RESULTS_URL + 'twirp/github.actions.results.api.v1.ArtifactService/' + method
  const headers = { authorization: 'Bearer ' + token, 'content-type': 'application/json' }
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) })
  if (!response.ok) throw new Error(method + ': ' + response.status + ' ' + (await response.text()))
  return response.json()
}
;(async () => {
  const zip = require('node:fs').readFileSync(file)
  const created = await twirp('CreateArtifact', { ...ids, version: 4 })
  const put = await fetch(created.signed_upload_url, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: zip })
  if (!put.ok) throw new Error('upload: ' + put.status)
  const hash = 'sha256:' + createHash('sha256').update(zip).digest('hex')
  await twirp('FinalizeArtifact', { ...ids, size: String(zip.length), hash })
})()
`
const CI = `name: CI
on: [push, workflow_dispatch]
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: 24
      - name: Upload the sources
        run: git archive --format=zip -o "$RUNNER_TEMP/src.zip" HEAD src && node upload.js "$RUNNER_TEMP/src.zip" sources
      - run: node lint.js
`
const BROKEN = 'const a = 1   \nmodule.exports = a\n'
const FIXED = 'const a = 1\nmodule.exports = a\n'
const repo = { owner: 'octo', repo: 'repo' }

/** A bare repository whose main holds `files` (src/a.js passing lint), and a branch feature breaking its lint. */
async function lintBrokenOnFeature(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('emulator-tool-workflows-')
  const gitDir = join(dir.path, 'repo.git')
  const work = join(dir.path, 'work')
  await git(dir.path, 'init', '-q', '--bare', '-b', 'main', gitDir)
  await git(dir.path, 'init', '-q', '-b', 'main', work)
  for (const [path, content] of Object.entries({ ...files, 'src/a.js': FIXED })) {
    await mkdir(dirname(join(work, path)), { recursive: true })
    await writeFile(join(work, path), content)
  }
  await git(work, 'add', '-A')
  await git(work, 'commit', '-qm', 'ci')
  await git(work, 'push', '-q', gitDir, 'main')
  await writeFile(join(work, 'src/a.js'), BROKEN)
  await git(work, 'commit', '-qam', 'break lint')
  await git(work, 'push', '-q', gitDir, 'HEAD:refs/heads/feature')
  return gitDir
}

/** The runs of a workflow, oldest first. */
async function workflowRuns(octokit: ReturnType<typeof getOctokit>, workflow: string) {
  return (await octokit.rest.actions.listWorkflowRuns({ ...repo, workflow_id: workflow })).data.workflow_runs
    .reverse()
    .map(r => ({
      id: r.id,
      event: r.event,
      branch: r.head_branch,
      status: r.status,
      conclusion: r.conclusion
    }))
}

describe("npm run emulator runs the repository's workflows", () => {
  it('a failed CI run starts self-heal-on-failure.yml, which heals it from its log, and recalls the fix when the failure comes back', async () => {
    const root = process.cwd()
    // The emulator starts no runs on pushes, so CI is dispatched here, and the heal's if: asks for that event.
    const onFailure = (await readFile(join(root, 'docs/workflows/self-heal-on-failure.yml'), 'utf8'))
      .replace('command: npx eslint .', 'command: node lint.js')
      .replace('fix: npx eslint --fix .', 'fix: node fix.js')
      .replace(
        "github.event.workflow_run.event == 'push'",
        "github.event.workflow_run.event == 'workflow_dispatch'"
      )
    expect(onFailure).toContain(
      "if: github.event.workflow_run.conclusion == 'failure' && github.event.workflow_run.event == 'workflow_dispatch'"
    )
    const files: Record<string, string> = {
      '.github/workflows/ci.yml': CI,
      '.github/workflows/self-heal-on-failure.yml': onFailure,
      '.github/workflows/self-heal-run.yml': await readFile(
        join(root, '.github/workflows/self-heal-run.yml'),
        'utf8'
      ),
      'lint.js': LINT,
      'fix.js': FIX,
      'upload.js': UPLOAD
    }
    const gitDir = await lintBrokenOnFeature(files)
    const run = await startNpm(gitDir, ['--queue-delay', '100'])
    const octokit = getOctokit('emulator-token', { baseUrl: run.url })
    const runsOf = (workflow: string) => workflowRuns(octokit, workflow)
    // Dispatches CI on feature and waits for the heal it starts (and everything that started) to complete.
    const failAndHeal = async (count: number) => {
      await octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: 'ci.yml', ref: 'feature' })
      const deadline = Date.now() + 90_000
      for (;;) {
        const heals = await runsOf('self-heal-on-failure.yml')
        if (heals.length === count && heals[count - 1].status === 'completed') break
        if (Date.now() > deadline)
          throw new Error(`no heal completed: ${JSON.stringify(heals)}\n${run.stderr()}`)
        await new Promise(resolve => setTimeout(resolve, 200))
      }
      const [heal] = (
        await octokit.rest.actions.listWorkflowRuns({
          ...repo,
          workflow_id: 'self-heal-on-failure.yml',
          per_page: 1
        })
      ).data.workflow_runs
      const [job] = (await octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: heal.id })).data
        .jobs
      const log = String(
        (await octokit.rest.actions.downloadJobLogsForWorkflowRun({ ...repo, job_id: job.id })).data
      )
      return { heal, job, log }
    }

    const first = await failAndHeal(1)
    const [ci] = await runsOf('ci.yml')
    expect(ci).toMatchObject({ event: 'workflow_dispatch', branch: 'feature', conclusion: 'failure' })
    const ciJob = (await octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: ci.id })).data.jobs[0]
    expect(ciJob.steps?.map(step => [step.name, step.conclusion])).toEqual([
      ['Set up job', 'success'],
      ['Run actions/checkout@v5', 'success'],
      ['Run actions/setup-node@v5', 'success'],
      ['Upload the sources', 'success'],
      ['Run node lint.js', 'failure'],
      ['Complete job', 'success']
    ])
    // The heal ran on workflow_run from the default branch, with no checkout, and read the failed run.
    expect(first.heal).toMatchObject({ event: 'workflow_run', head_branch: 'main', conclusion: 'success' })
    expect(first.job.steps?.map(step => step.name)).toEqual([
      'Set up job',
      'Run OWNER/self-heal@v0',
      'Post Run OWNER/self-heal@v0',
      'Complete job'
    ])
    const id = (new RegExp(`Failure fingerprint ([0-9a-f]{16}) \\(1 signature\\), from run ${ci.id}\\.`).exec(
      first.log
    ) ?? [])[1]
    expect({ id, log: id ? '' : first.log }).toEqual({ id: expect.any(String), log: '' })
    // The fixers ran on a runner on feature, the fix was verified on its branch and proposed to feature.
    const branch = `self-heal/${id}`
    expect((await runsOf('self-heal-run.yml')).map(r => [r.branch, r.conclusion])).toEqual([
      ['feature', 'success'],
      [branch, 'success']
    ])
    const [pull] = (await octokit.rest.pulls.list({ ...repo, head: `octo:${branch}` })).data
    expect(pull.base.ref).toBe('feature')
    expect(await git(gitDir, 'show', `${branch}:src/a.js`)).toBe(FIXED.trimEnd())

    // Merged, then broken again the same way: the next failed run's heal recalls the fix and runs no fixer.
    await octokit.rest.pulls.merge({ ...repo, pull_number: pull.number })
    const { data: current } = await octokit.rest.repos.getContent({
      ...repo,
      path: 'src/a.js',
      ref: 'feature'
    })
    await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'src/a.js',
      branch: 'feature',
      message: 'break lint again',
      content: Buffer.from(BROKEN).toString('base64'),
      sha: (current as { sha: string }).sha
    })
    const second = await failAndHeal(2)
    expect(second.heal.conclusion).toBe('success')
    expect(second.log).toContain(`Failure fingerprint ${id} (1 signature), from run `)
    // The fix memory is the Actions cache: the first heal's post step saved it, this heal restored it.
    expect(second.log).toContain('Healed: a verified fix (remembered; 1 file, +1 -1)')
    expect((await runsOf('self-heal-run.yml')).map(r => r.branch)).toEqual(['feature', branch, branch])
    const pulls = (await octokit.rest.pulls.list({ ...repo, head: `octo:${branch}`, state: 'open' })).data
    expect(pulls.map(p => p.base.ref)).toEqual(['feature'])
    expect(await git(gitDir, 'show', `${branch}:src/a.js`)).toBe(FIXED.trimEnd())

    // The first CI run's step uploaded its artifact: listed under that run, downloaded as the zip it uploaded.
    const { data: listed } = await octokit.rest.actions.listWorkflowRunArtifacts({ ...repo, run_id: ci.id })
    expect(
      listed.artifacts.map(a => ({
        name: a.name,
        run: a.workflow_run?.id,
        branch: a.workflow_run?.head_branch
      }))
    ).toEqual([{ name: 'sources', run: ci.id, branch: 'feature' }])
    const { data: zip } = await octokit.rest.actions.downloadArtifact({
      ...repo,
      artifact_id: listed.artifacts[0].id,
      archive_format: 'zip'
    })
    const entries = readZip(Buffer.from(zip as ArrayBuffer))
    expect(entries.map(e => [e.name, e.data.toString('utf8')])).toEqual(
      expect.arrayContaining([['src/a.js', BROKEN]])
    )
    expect(listed.artifacts[0].size_in_bytes).toBe(Buffer.from(zip as ArrayBuffer).length)

    // A CI run that passes completes the heal's run too, but its job's if: is false: skipped, with no steps.
    await octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: 'ci.yml', ref: 'main' })
    const deadline = Date.now() + 30_000
    while ((await runsOf('self-heal-on-failure.yml')).filter(r => r.status === 'completed').length < 3) {
      if (Date.now() > deadline) throw new Error(`no third heal run: ${run.stderr()}`)
      await new Promise(resolve => setTimeout(resolve, 200))
    }
    const heals = await runsOf('self-heal-on-failure.yml')
    expect(heals.map(r => r.conclusion)).toEqual(['success', 'success', 'skipped'])
    const [skipped] = (await octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: heals[2].id }))
      .data.jobs
    expect(skipped).toMatchObject({ conclusion: 'skipped', steps: [] })
    expect((await runsOf('ci.yml')).map(r => r.conclusion)).toEqual(['failure', 'failure', 'success'])
    await stopNpm(run, 'SIGTERM')
  }, 180_000)

  it('a CLOUD heal from a directory with no checkout fixes on a dispatched runner, commits signed through the API, verifies on the fix branch and opens a pull request', async () => {
    const runner = await readFile(join(process.cwd(), '.github/workflows/self-heal-run.yml'), 'utf8')
    const gitDir = await lintBrokenOnFeature({
      '.github/workflows/self-heal-run.yml': runner,
      'lint.js': LINT,
      'fix.js': FIX
    })
    const run = await startNpm(gitDir, ['--queue-delay', '100'])
    const octokit = getOctokit('emulator-token', { baseUrl: run.url })
    const nowhere = (await tempDir('emulator-tool-no-checkout-')).path
    const memory = (await tempDir('emulator-tool-memory-')).path
    const heal = await runCli(
      [
        'heal',
        '--environment',
        'cloud',
        '--repository',
        'octo/repo',
        '--ref',
        'feature',
        '--kind',
        'lint',
        '--check',
        'node lint.js',
        '--fix',
        'node fix.js',
        '--token',
        'emulator-token',
        '--json'
      ],
      {
        cwd: nowhere,
        env: cleanEnv({
          GITHUB_API_URL: run.env.GITHUB_API_URL,
          SELF_HEAL_CACHE_PATH: join(memory, 'fixes.sqlite')
        })
      }
    )
    expect(heal.stderr).not.toContain('emulator-token')
    expect({ code: heal.code, stderr: heal.code ? heal.stderr : '' }).toEqual({ code: 0, stderr: '' })
    const out = JSON.parse(heal.stdout)
    const branch = `self-heal/${out.fingerprint.id}`
    expect(out).toMatchObject({
      outcome: 'healed',
      check: { passed: false, problems: [expect.objectContaining({ file: 'src/a.js', line: 1 })] },
      fix: { source: 'fixer', fixers: ['node fix.js'] },
      attempts: [{ source: 'fixer', result: 'verified' }],
      proposal: { branch, base: 'feature', action: 'created', pullRequest: { action: 'created' } }
    })
    // Nothing was checked out here; outside Actions the fix is remembered in the SQLite file.
    expect(await readdir(nowhere)).toEqual([])
    expect(out.remembered).toBe(true)
    expect(await readdir(memory)).toContain('fixes.sqlite')

    // The fix was made by the fix operation on a runner on feature, and verified by the check on its branch.
    const runs = await workflowRuns(octokit, 'self-heal-run.yml')
    expect(runs.map(r => [r.event, r.branch, r.conclusion])).toEqual([
      ['workflow_dispatch', 'feature', 'success'],
      ['workflow_dispatch', branch, 'success']
    ])
    const [fixLog, checkLog] = await Promise.all(
      runs.map(async r => {
        const [job] = (await octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: r.id })).data.jobs
        return String(
          (await octokit.rest.actions.downloadJobLogsForWorkflowRun({ ...repo, job_id: job.id })).data
        )
      })
    )
    expect(fixLog).toContain('ref: refs/heads/feature\n')
    expect(fixLog).toContain('  operation: fix\n')
    expect(fixLog).toContain(`Failure fingerprint ${out.fingerprint.id} (1 signature).`)
    // Masked as the runner masks: the job's token is never in its log.
    for (const log of [fixLog, checkLog]) expect(log).not.toContain('emulator-token')
    expect(fixLog).toContain('Running the fixer: node fix.js')
    expect(checkLog).toContain(`ref: refs/heads/${branch}\n`)
    expect(checkLog).toContain('  operation: check\n')
    expect(checkLog).toMatch(/self-heal-result\/v1 \S+ 1\/1 \{[^\n]*"passed":true/)

    // Committed through the API on top of feature: GitHub's committer, signed, so verified.
    const { data: commit } = await octokit.rest.repos.getCommit({ ...repo, ref: branch })
    expect(commit.sha).toBe(out.proposal.commit)
    expect(commit.parents.map(p => p.sha)).toEqual([await git(gitDir, 'rev-parse', 'feature')])
    expect(commit.commit.committer).toMatchObject({ name: 'GitHub', email: 'noreply@github.com' })
    expect(commit.commit.verification).toMatchObject({ verified: true, reason: 'valid' })
    expect(commit.commit.message).toContain(`Self-Heal-Fingerprint: ${out.fingerprint.id}`)
    expect(await git(gitDir, 'show', `${branch}:src/a.js`)).toBe(FIXED.trimEnd())
    // The check that verified it ran on that very commit.
    expect(checkLog).toContain(`HEAD is now at ${commit.sha.slice(0, 7)}\n`)

    const { data: pulls } = await octokit.rest.pulls.list({ ...repo, head: `octo:${branch}`, state: 'open' })
    expect(pulls.map(p => [p.number, p.base.ref])).toEqual([[out.proposal.pullRequest.number, 'feature']])
    await stopNpm(run, 'SIGTERM')
  }, 60_000)
})

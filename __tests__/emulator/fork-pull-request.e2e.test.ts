/**
 * Fork-safe healing end to end against the emulator started from its CLI (`npm run emulator -- --repo BASE --fork
 * someone=FORK`, a child process), with the shipped workflows: a contributor's pull request from the fork opens
 * through the API, which runs the base's self-heal-pull-request.yml on `pull_request` at the pull request's head
 * with a read-only token (the bundled action verifies the fix and uploads it as `self-heal-fix`), and that run's
 * completion runs self-heal-deliver.yml on `workflow_run` (`operation: deliver`), whose review suggestions are
 * read back. The fork's own code can change what its pull_request run does: a fix replayed for another commit
 * and a fix the default branch's policy refuses (a suppression) are rejected there, nothing is reviewed, and the
 * fork's token cannot write to the base.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { getOctokit } from '@actions/github'
import { assertDistFresh } from '../helpers/dist-fresh.js'
import { startEmulatorCli, type StartedEmulator } from './start-cli.js'
import { git, makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'

const TOKEN = 'emulator-token'
const base = { owner: 'octo', repo: 'repo' }
const fork = { owner: 'someone', repo: 'repo' }

/** A lint check: one error per `BAD` in src/app.js, unless the line before suppresses it. */
const CHECK = `const fs = require('node:fs')
const lines = fs.readFileSync('src/app.js', 'utf8').split('\\n')
let bad = 0
lines.forEach((line, i) => {
  if (!line.includes('BAD') || (lines[i - 1] || '').includes('eslint-disable-next-line')) return
  bad++
  console.log('src/app.js:' + (i + 1) + ':1: error Unexpected BAD token (no-bad)')
})
process.exit(bad ? 1 : 0)
`
const FIX = `const fs = require('node:fs')
fs.writeFileSync('src/app.js', fs.readFileSync('src/app.js', 'utf8').replace(/BAD/g, 'GOOD'))
`
/** The fork's "fixer" that silences the check instead of fixing it. */
const SUPPRESS = `const fs = require('node:fs')
const text = fs.readFileSync('src/app.js', 'utf8')
fs.writeFileSync('src/app.js', text.replace(/^(.*BAD.*)$/m, '// eslint-disable-next-line no-bad\\n$1'))
`
/** The fork's code trying its job's token on the base: a ref (contents), a pull request edit, a GraphQL ref move. */
const WRITE = `const api = process.env.GITHUB_API_URL
const headers = { authorization: 'token ' + process.env.TOKEN, 'content-type': 'application/json' }
const event = JSON.parse(require('node:fs').readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'))
const pr = event.pull_request
const call = async (method, path, body) =>
  (await fetch(api + path, { method, headers, body: body && JSON.stringify(body) })).status
;(async () => {
  console.log('read pulls: ' + (await call('GET', '/repos/octo/repo/pulls/' + pr.number)))
  console.log('write contents: ' + (await call('POST', '/repos/octo/repo/git/refs', { ref: 'refs/heads/pwned', sha: pr.head.sha })))
  console.log('write pulls: ' + (await call('PATCH', '/repos/octo/repo/pulls/' + pr.number, { title: 'pwned' })))
  const repo = await (await fetch(api + '/repos/octo/repo', { headers })).json()
  const query = 'mutation($input: UpdateRefsInput!) { updateRefs(input: $input) { clientMutationId } }'
  const input = { repositoryId: repo.node_id, refUpdates: [{ name: 'refs/heads/pwned', afterOid: pr.head.sha }] }
  const graphql = await (await fetch(api + '/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables: { input } }) })).json()
  console.log('write graphql: ' + (graphql.errors ? graphql.errors[0].type : 'ok'))
})()
`
/** The fork's code telling the action its head is another commit: an event whose head is the base's. */
const REPLAY = `const fs = require('node:fs')
const event = JSON.parse(fs.readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'))
event.pull_request.head.sha = event.pull_request.base.sha
fs.writeFileSync('../replayed.json', JSON.stringify(event))
`
const APP = 'const a = 1\nconst b = BAD\nconst c = 3\n'

/** A running `npm run emulator`. */

/**
 * The shipped self-heal-pull-request.yml as a user copies it: the toolchain set up where it is marked (this
 * repository needs none: node is there) and the check and fixer named. Each edit must find its text, so a change
 * to the shipped file fails here instead of testing something else.
 */
function adapt(shipped: string, edits: [string, string][]): string {
  let text = shipped
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`the shipped workflow no longer has ${JSON.stringify(from)}`)
    text = text.replace(from, to)
  }
  return text
}

describe('fork-safe healing against the emulator started from its CLI', () => {
  let temp: TempDir
  let npm: StartedEmulator
  let octokit: ReturnType<typeof getOctokit>
  let mainSha: string
  let pullRequestWorkflow: string
  let deliverWorkflow: string

  /**
   * The fork's contributor commits `files` on a branch of the fork through the fork's API: a new branch from main,
   * or (with `onto`, its head) one that exists.
   */
  const pushToFork = async (
    branch: string,
    files: Record<string, string>,
    onto?: string
  ): Promise<string> => {
    if (!onto) await octokit.rest.git.createRef({ ...fork, ref: `refs/heads/${branch}`, sha: mainSha })
    const head = onto ?? mainSha
    const result = await octokit.graphql<{ createCommitOnBranch: { commit: { oid: string } } }>(
      `mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }`,
      {
        input: {
          branch: { repositoryNameWithOwner: 'someone/repo', branchName: branch },
          expectedHeadOid: head,
          message: { headline: `Change ${Object.keys(files).join(', ')}` },
          fileChanges: {
            additions: Object.entries(files).map(([path, text]) => ({
              path,
              contents: Buffer.from(text).toString('base64')
            }))
          }
        }
      }
    )
    return result.createCommitOnBranch.commit.oid
  }
  const openPullRequest = async (branch: string): Promise<number> =>
    (
      await octokit.rest.pulls.create({
        ...base,
        head: `someone:${branch}`,
        base: 'main',
        title: `${branch} from the fork`
      })
    ).data.number
  const runsOf = async (workflow: string) =>
    (
      await octokit.rest.actions.listWorkflowRuns({ ...base, workflow_id: workflow, per_page: 100 })
    ).data.workflow_runs
      .slice()
      .reverse()
  const jobLog = async (runId: number): Promise<string> => {
    const [job] = (await octokit.rest.actions.listJobsForWorkflowRun({ ...base, run_id: runId })).data.jobs
    return String(
      (await octokit.rest.actions.downloadJobLogsForWorkflowRun({ ...base, job_id: job.id })).data
    )
  }
  /** Waits until `count` runs of the deliver workflow completed (each after a pull_request run completed). */
  const deliveries = async (count: number) => {
    const deadline = Date.now() + 45_000
    for (;;) {
      const runs = await runsOf('self-heal-deliver.yml')
      if (runs.filter(r => r.status === 'completed').length >= count) return runs
      if (Date.now() > deadline) throw new Error(`${runs.length} deliver runs: ${npm.stderr()}`)
      await new Promise(resolve => setTimeout(resolve, 200))
    }
  }

  beforeAll(async () => {
    assertDistFresh()
    const shipped = (name: string) => readFile(join(process.cwd(), 'docs/workflows', name), 'utf8')
    pullRequestWorkflow = adapt(await shipped('self-heal-pull-request.yml'), [
      ['      - run: npm ci\n', ''],
      ['command: npm test', 'command: node check.cjs'],
      ['fix: npx eslint --fix .', 'fix: node fix.cjs']
    ])
    deliverWorkflow = await shipped('self-heal-deliver.yml')
    const work = await makeTempRepo({
      'src/app.js': 'const a = 1\n',
      'check.cjs': CHECK,
      'fix.cjs': FIX,
      '.github/workflows/self-heal-pull-request.yml': pullRequestWorkflow,
      '.github/workflows/self-heal-deliver.yml': deliverWorkflow
    })
    temp = await makeTempDir('self-heal-fork-cli-')
    const baseDir = join(temp.path, 'repo.git')
    const forkDir = join(temp.path, 'fork.git')
    await git(temp.path, 'clone', '-q', '--bare', work.path, baseDir)
    await work.cleanup()
    // An empty fork: the emulator gives it the base's branches, as GitHub's new fork has.
    await git(temp.path, 'init', '-q', '--bare', forkDir)
    mainSha = await git(baseDir, 'rev-parse', 'main')
    npm = await startEmulatorCli(['--repo', baseDir, '--fork', `someone=${forkDir}`, '--queue-delay', '100'])
    octokit = getOctokit(TOKEN, { baseUrl: npm.url })
  }, 60_000)

  afterAll(async () => {
    if (npm) {
      process.kill(npm.npm.pid as number, 'SIGTERM')
      await npm.exited
    }
    await temp?.cleanup()
  })

  it('the fork is a fork: fork, parent and source, and its pull request head is the fork', async () => {
    const { data: repo } = await octokit.rest.repos.get(fork)
    expect(repo).toMatchObject({
      fork: true,
      parent: { full_name: 'octo/repo', fork: false },
      source: { full_name: 'octo/repo' }
    })
    expect((await octokit.rest.repos.get(base)).data).toMatchObject({ fork: false })
    expect((await octokit.rest.repos.get(base)).data.parent).toBeUndefined()
    // Created from the base: its main is the base's.
    expect((await octokit.rest.git.getRef({ ...fork, ref: 'heads/main' })).data.object.sha).toBe(mainSha)
  })

  it('a pull request from the fork gets review suggestions; a replayed fix and a suppression are rejected', async () => {
    // 1. An honest pull request with a lint break.
    const honestHead = await pushToFork('honest', { 'src/app.js': APP })
    // 2. The fork changes its pull_request job: the action is told the head is another commit (a replayed fix),
    //    and its token is tried on the base.
    const replayed = adapt(pullRequestWorkflow, [
      [
        '      - uses: OWNER/self-heal@v0\n        env:\n',
        '      - run: node write.cjs\n        env:\n          TOKEN: ${{ secrets.GITHUB_TOKEN }}\n' +
          '      - run: node replay.cjs\n' +
          '      - uses: OWNER/self-heal@v0\n        env:\n          GITHUB_EVENT_PATH: ../replayed.json\n'
      ]
    ])
    const replayHead = await pushToFork('replay', {
      'src/app.js': APP,
      'write.cjs': WRITE,
      'replay.cjs': REPLAY,
      '.github/workflows/self-heal-pull-request.yml': replayed
    })
    // 3. The fork's job silences the check with a suppression, and lets its own policy allow that.
    const suppressing = adapt(pullRequestWorkflow, [
      ['fix: node fix.cjs', "fix: node suppress.cjs\n          policy: 'suppressions: allow'"]
    ])
    const suppressHead = await pushToFork('suppress', {
      'src/app.js': APP,
      'suppress.cjs': SUPPRESS,
      '.github/workflows/self-heal-pull-request.yml': suppressing
    })
    const honest = await openPullRequest('honest')
    const replay = await openPullRequest('replay')
    const suppress = await openPullRequest('suppress')
    const { data: pr } = await octokit.rest.pulls.get({ ...base, pull_number: honest })
    expect(pr.head).toMatchObject({ sha: honestHead, repo: { full_name: 'someone/repo', fork: true } })

    const delivered = await deliveries(3)
    // Each pull request ran the pull_request workflow once, at its head, from the fork; each fails, as its check
    // still does (the fix is handed over, not pushed).
    const prRuns = await runsOf('self-heal-pull-request.yml')
    expect(
      prRuns.map(r => [r.event, r.head_sha, r.head_branch, r.head_repository.full_name, r.conclusion])
    ).toEqual([
      ['pull_request', honestHead, 'honest', 'someone/repo', 'failure'],
      ['pull_request', replayHead, 'replay', 'someone/repo', 'failure'],
      ['pull_request', suppressHead, 'suppress', 'someone/repo', 'failure']
    ])
    const logs = await Promise.all(prRuns.map(r => jobLog(r.id)))
    for (const log of logs) {
      expect(log).toContain('Uploaded the verified fix as the artifact self-heal-fix')
      expect(log).toMatch(/ref: refs\/pull\/\d+\/merge\n/)
    }
    // The fork's token reads the base and writes nothing there, through REST or GraphQL.
    expect(logs[1]).toContain('read pulls: 200\n')
    expect(logs[1]).toContain('write contents: 403\n')
    expect(logs[1]).toContain('write pulls: 403\n')
    expect(logs[1]).toContain('write graphql: FORBIDDEN\n')
    await expect(octokit.rest.git.getRef({ ...base, ref: 'heads/pwned' })).rejects.toMatchObject({
      status: 404
    })
    expect((await octokit.rest.pulls.get({ ...base, pull_number: replay })).data.title).toBe(
      'replay from the fork'
    )

    // Each completed pull_request run started the deliver workflow on the default branch.
    expect(delivered.map(r => [r.event, r.head_branch, r.head_sha])).toEqual([
      ['workflow_run', 'main', mainSha],
      ['workflow_run', 'main', mainSha],
      ['workflow_run', 'main', mainSha]
    ])
    const deliverLogs = await Promise.all(delivered.map(r => jobLog(r.id)))

    // The honest one: one review whose suggestion is the fix, on the head the fix was verified for.
    const comments = await octokit.rest.pulls.listReviewComments({ ...base, pull_number: honest })
    expect(comments.data.map(c => ({ path: c.path, line: c.line, body: c.body }))).toEqual([
      { path: 'src/app.js', line: 2, body: '```suggestion\nconst b = GOOD\n```' }
    ])
    const reviews = await octokit.rest.pulls.listReviews({ ...base, pull_number: honest })
    expect(reviews.data.map(r => [r.state, r.commit_id])).toEqual([['COMMENTED', honestHead]])

    // The others: rejected, saying why, and nothing reviewed.
    const allLogs = deliverLogs.join('\n')
    expect(allLogs).toContain(
      `The fix artifact of run ${prRuns[1].id} was rejected: its headSha ${mainSha} is not the run's head commit ${replayHead}.`
    )
    expect(allLogs).toMatch(
      new RegExp(
        `The fix artifact of run ${prRuns[2].id} was rejected: the policy refuses its diff:[^\n]*\n[^\n]*'src/app.js' adds a suppression`
      )
    )
    expect(delivered.map(r => r.conclusion).sort()).toEqual(['failure', 'failure', 'success'])
    for (const number of [replay, suppress]) {
      expect((await octokit.rest.pulls.listReviews({ ...base, pull_number: number })).data).toEqual([])
    }

    // A new push to the honest pull request synchronizes it: its workflow runs again, at the new head.
    const newHead = await pushToFork('honest', { 'src/app.js': `${APP}const d = BAD\n` }, honestHead)
    await deliveries(4)
    const again = (await runsOf('self-heal-pull-request.yml')).filter(r => r.head_sha === newHead)
    expect(again.map(r => [r.event, r.head_branch, r.conclusion])).toEqual([
      ['pull_request', 'honest', 'failure']
    ])
    const reviewed = await octokit.rest.pulls.listReviews({ ...base, pull_number: honest })
    expect(reviewed.data.map(r => r.commit_id)).toEqual([honestHead, newHead])
  }, 60_000)
})

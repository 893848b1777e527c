/**
 * verify: remote as the composition root wires it, locally with a token: a clone of the emulator's repository is
 * healed, the fix branch is pushed, and the runner workflow (`self-heal-run.yml`) really runs the check on it in
 * the emulator's checkout. The runner's check is stricter than the checkout's (another machine), so one fix passes
 * in the checkout and fails on its branch, and the next passes both.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { AdapterFactory } from '../../src/adapters/factory.js'
import { healWithFactory } from '../../src/commands/heal.js'
import type { HealRequest } from '../../src/heal/types.js'
import { readSettings } from '../../src/settings.js'
import { commitFiles, startActionsEnv, type ActionsTestEnv } from '../dispatch/helpers.js'
import { git, makeTempDir, type TempDir } from '../helpers/git.js'

/** Lint: a line of src/a.js holding BAD (or, on the runner, `remote` given, also "sloppy") is a problem. */
const CHECK = `const words = process.argv[2] === 'remote' ? ['BAD', 'sloppy'] : ['BAD']
const text = require('node:fs').readFileSync('src/a.js', 'utf8')
let bad = 0
text.split('\\n').forEach((line, i) => {
  for (const word of words) if (line.includes(word)) { bad++; console.log('src/a.js:' + (i + 1) + ':1: error ' + word + ' (no-' + word.toLowerCase() + ')') }
})
process.exit(bad ? 1 : 0)
`
/** A fixer: BAD becomes its argument. */
const FIX = `const fs = require('node:fs')
fs.writeFileSync('src/a.js', fs.readFileSync('src/a.js', 'utf8').split('BAD').join(process.argv[2]))
`
const quiet = { info: () => undefined, warning: () => undefined, debug: () => undefined }

describe('verify: remote', () => {
  let env: ActionsTestEnv
  let work: TempDir
  let checkout: string
  beforeAll(async () => {
    env = await startActionsEnv({ plugin: { queueDelayMs: 50 }, files: { 'check.js': CHECK, 'fix.js': FIX } })
    await commitFiles(env.test, { 'src/a.js': 'const a = "BAD"\n' })
    env.actions.registerCommand('self-heal-run.yml', {
      command: `"${process.execPath}" check.js remote`,
      stepName: 'Run the check'
    })
    work = await makeTempDir('self-heal-verify-remote-')
    checkout = join(work.path, 'w')
    await git(work.path, 'clone', '-q', '--', env.test.emulator.repository.gitDir, 'w')
  })
  afterAll(async () => {
    await env.actions.idle()
    await env.close()
    await work.cleanup()
  })

  const heal = async (fixer: string) => {
    const settings = readSettings(
      {
        cwd: checkout,
        environment: 'local',
        repository: `${env.test.owner}/${env.test.repo}`,
        token: env.test.emulator.token,
        apiUrl: env.test.emulator.apiUrl,
        cachePath: join(work.path, 'fixes.sqlite')
      },
      {}
    )
    const factory = new AdapterFactory('local', settings, quiet, { env: {} })
    const request: HealRequest = {
      kind: 'lint',
      check: `"${process.execPath}" check.js`,
      fixers: [`"${process.execPath}" fix.js ${fixer}`],
      verify: 'remote'
    }
    try {
      return await healWithFactory(factory, checkout, request, quiet)
    } finally {
      await factory.close()
    }
  }
  const remoteBranches = async () =>
    git(env.test.emulator.repository.gitDir, 'branch', '--list', '--format=%(refname:short)', 'self-heal/*')

  it('proposes only a fix whose check passes on its branch in a run of the runner workflow', async () => {
    const failed = await heal('sloppy')
    const branch = `self-heal/${failed.fingerprint!.id}`
    expect(failed).toMatchObject({
      outcome: 'not-healed',
      remembered: false,
      attempts: [{ result: 'check-failed', remote: 'failed' }]
    })
    expect(failed.reason).toContain(`fails on ${branch} with the fix committed (the branch was deleted)`)
    // The branch went, here and on the remote; no pull request was opened.
    expect(await remoteBranches()).toBe('')
    expect(await git(checkout, 'branch', '--list', 'self-heal/*')).toBe('')
    const { octokit, owner, repo } = env.test
    expect((await octokit.rest.pulls.list({ owner, repo, state: 'all' })).data).toEqual([])

    const healed = await heal('good')
    expect(healed).toMatchObject({
      outcome: 'healed',
      remembered: true,
      attempts: [{ result: 'verified', remote: 'passed' }],
      proposal: { branch, action: 'created', pullRequest: { action: 'created' } }
    })
    expect(await git(env.test.emulator.repository.gitDir, 'show', `${branch}:src/a.js`)).toBe(
      'const a = "good"'
    )
    // One run of the runner workflow per heal, each on the fix branch as pushed.
    const runs = env.actions.runs().filter(r => r.workflow.path.endsWith('self-heal-run.yml'))
    expect(runs.map(r => [r.inputs.operation, r.headBranch, r.conclusion])).toEqual([
      ['check', branch, 'failure'],
      ['check', branch, 'success']
    ])
    // The checkout is as it was.
    expect(await git(checkout, 'status', '--porcelain')).toBe('')
  })

  it('refuses before anything runs when the repository has no runner workflow, naming the file to add', async () => {
    await git(checkout, 'rm', '-q', '.github/workflows/self-heal-run.yml')
    await git(checkout, 'commit', '-q', '-m', 'no runner')
    await git(checkout, 'push', '-q', 'origin', 'HEAD:main')
    const runs = env.actions.runs().length
    await expect(heal('other')).rejects.toMatchObject({
      name: 'ConfigurationError',
      message: expect.stringContaining('add .github/workflows/self-heal-run.yml to the default branch')
    })
    expect(env.actions.runs()).toHaveLength(runs)
    expect(await git(checkout, 'status', '--porcelain')).toBe('')
  })
})

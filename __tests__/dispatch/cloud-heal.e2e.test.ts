/**
 * Healing with no checkout, end to end: the bundled CLI runs in a directory that is not a git repository, heals a
 * lint break on a branch of the emulator's repository through the API, and the runner workflow's steps (the
 * bundled action, `operation: fix` and then `check`) really run in the emulator's checkouts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT, commitFiles, startActionsEnv, type ActionsTestEnv } from './helpers.js'
import { cleanEnv, runCli } from '../cli/cli-helpers.js'
import { makeTempDir } from '../helpers/git.js'

/** A lint check: trailing whitespace in src/*.js, reported as `file:line:col: message`. */
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
/** Its fixer. */
const FIX = `const fs = require('node:fs')
for (const name of fs.readdirSync('src')) {
  const text = fs.readFileSync('src/' + name, 'utf8')
  fs.writeFileSync('src/' + name, text.replace(/[ \\t]+$/gm, ''))
}
`

describe('heal with no checkout (cloud)', () => {
  let env: ActionsTestEnv
  let common: string[]
  beforeAll(async () => {
    env = await startActionsEnv({
      plugin: { queueDelayMs: 200 },
      files: { 'lint.js': LINT, 'fix.js': FIX, 'src/a.js': 'const a = 1\nmodule.exports = a\n' }
    })
    // The runner workflow's step is the bundled action; its operation comes from the dispatch's inputs.
    env.actions.registerCommand('self-heal-run.yml', {
      command: `"${process.execPath}" "${join(ROOT, 'dist/index.js')}"`,
      stepName: 'Run the check'
    })
    common = [
      '--environment',
      'cloud',
      '--repository',
      `${env.test.owner}/${env.test.repo}`,
      '--token',
      env.test.emulator.token,
      '--api-url',
      env.test.emulator.apiUrl
    ]
  })
  afterAll(async () => {
    await env.actions.idle()
    await env.close()
  })

  it('fixes a lint break on a runner, commits it through the API, verifies it on its branch and opens a pull request', async () => {
    await commitFiles(env.test, { 'src/a.js': 'const a = 1   \nmodule.exports = a\n' }, 'feature')
    const nowhere = await makeTempDir('self-heal-no-checkout-')
    const memory = await makeTempDir('self-heal-cloud-memory-')
    try {
      const node = `"${process.execPath}"`
      const run = await runCli(
        [
          'heal',
          ...common,
          '--ref',
          'feature',
          '--kind',
          'lint',
          '--check',
          `${node} lint.js`,
          '--fix',
          `${node} fix.js`,
          '--json'
        ],
        { cwd: nowhere.path, env: cleanEnv({ SELF_HEAL_CACHE_PATH: join(memory.path, 'fixes.sqlite') }) }
      )
      expect(run.stderr).not.toContain(env.test.emulator.token)
      expect({ code: run.code, stderr: run.code ? run.stderr : '' }).toEqual({ code: 0, stderr: '' })
      const out = JSON.parse(run.stdout)
      expect(out).toMatchObject({
        outcome: 'healed',
        ok: true,
        kind: 'lint',
        check: { passed: false, problems: [expect.objectContaining({ file: 'src/a.js', line: 1 })] },
        fix: { source: 'fixer', fixers: [`${node} fix.js`], stats: { files: 1, added: 1, removed: 1 } },
        attempts: [{ source: 'fixer', result: 'verified' }],
        proposal: {
          branch: `self-heal/${out.fingerprint.id}`,
          base: 'feature',
          action: 'created',
          pullRequest: { action: 'created' }
        }
      })
      // Nothing was checked out here; outside Actions the fix is remembered in the SQLite file, as locally.
      expect(await readdir(nowhere.path)).toEqual([])
      expect(out.remembered).toBe(true)
      expect(await readdir(memory.path)).toContain('fixes.sqlite')

      // The fix is on its branch, committed through the API on top of the branch healed.
      const { octokit, owner, repo } = env.test
      const branch = out.proposal.branch as string
      const file = await octokit.rest.repos.getContent({ owner, repo, path: 'src/a.js', ref: branch })
      const content = Buffer.from((file.data as { content: string }).content, 'base64').toString('utf8')
      expect(content).toBe('const a = 1\nmodule.exports = a\n')
      const commit = await octokit.rest.repos.getCommit({ owner, repo, ref: branch })
      expect(commit.data.sha).toBe(out.proposal.commit)
      expect(commit.data.commit.message).toContain(`Self-Heal-Fingerprint: ${out.fingerprint.id}`)

      // Two runs of the runner workflow: the fix operation on the branch, then the check on the fix branch.
      const runs = env.actions.runs().filter(r => r.workflow.path.endsWith('self-heal-run.yml'))
      expect(runs.map(r => [r.inputs.operation, r.headBranch, r.conclusion])).toEqual([
        ['fix', 'feature', 'success'],
        ['check', branch, 'success']
      ])

      const pulls = await octokit.rest.pulls.list({ owner, repo, head: `${owner}:${branch}`, state: 'open' })
      expect(pulls.data.map(p => [p.number, p.base.ref])).toEqual([
        [out.proposal.pullRequest.number, 'feature']
      ])
    } finally {
      await nowhere.cleanup()
      await memory.cleanup()
    }
  })

  it('checks any ref remotely with check --ref', async () => {
    const node = `"${process.execPath}"`
    const failing = await runCli(
      ['check', ...common, '--ref', 'feature', '--lint', `${node} lint.js`, '--json'],
      {
        cwd: ROOT,
        env: cleanEnv()
      }
    )
    expect(failing.code).toBe(1)
    expect(JSON.parse(failing.stdout).problems).toEqual([
      expect.objectContaining({ file: 'src/a.js', line: 1 })
    ])
    const passing = await runCli(
      ['check', ...common, '--ref', 'main', '--lint', `${node} lint.js`, '--json'],
      {
        cwd: ROOT,
        env: cleanEnv()
      }
    )
    expect(passing.code).toBe(0)
  })
})

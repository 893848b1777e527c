/**
 * An AI agent as the action's fixer, end to end: dist/index.js as the runner runs it, proposing through the
 * emulator. The scripted agent reads SELF_HEAL_FAILURE, suppresses the problem on its first attempt (refused),
 * and fixes it on the second, which is told why; it never sees the token.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { copyFile, mkdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import { git, makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'
import { runAction, type ActionRun } from './run-action.js'

const CHECK = `const fs = require('node:fs')
const lines = fs.readFileSync('src/app.js', 'utf8').split('\\n')
let bad = 0
lines.forEach((line, i) => {
  const column = line.indexOf('BAD')
  if (column < 0 || (i > 0 && lines[i - 1].includes('eslint-disable-next-line'))) return
  bad++
  console.log('src/app.js:' + (i + 1) + ':' + (column + 1) + ': error Unexpected BAD token (no-bad)')
})
process.exit(bad ? 1 : 0)
`

describe('the action with an agent as its fixer', () => {
  let repo: TempDir
  let served: TempDir
  let emulator: TestEmulator
  let run: ActionRun
  let record: string

  beforeAll(async () => {
    repo = await makeTempRepo({ 'src/app.js': 'const a = 1\nconst b = BAD\n', 'check.cjs': CHECK })
    served = await makeTempDir('self-heal-agent-action-')
    const bare = join(served.path, 'repo.git')
    await git(served.path, 'clone', '-q', '--bare', repo.path, bare)
    emulator = await startTestEmulator({ repos: [{ fullName: 'octo/repo', gitDir: bare }] })
    const agent = join(served.path, 'agent.mjs')
    await copyFile(resolve('__tests__/helpers/scripted-agent.mjs'), agent)
    record = join(served.path, 'runs.jsonl')
    const runner = join(served.path, 'runner')
    await mkdir(runner)
    run = await runAction(
      runner,
      {
        command: 'node check.cjs',
        kind: 'lint',
        // A healed run passes the step (the action's default, failing, fails it while the commit is broken).
        'fail-when': 'unhealed',
        'working-directory': repo.path,
        token: emulator.emulator.token,
        'api-url': emulator.emulator.apiUrl,
        fix: `node ${agent} "$(cat "$SELF_HEAL_PROMPT")"`
      },
      {
        GITHUB_WORKSPACE: repo.path,
        GITHUB_REPOSITORY: 'octo/repo',
        GITHUB_REF_NAME: 'main',
        SCRIPTED_AGENT_SCRIPT: JSON.stringify({
          record,
          attempts: {
            '1': [
              { file: '{problem}', insertAtLine: '{problem}', text: '// eslint-disable-next-line no-bad' }
            ],
            '2': [{ file: '{problem}', replace: 'BAD', with: 'GOOD' }]
          }
        })
      }
    )
  })
  afterAll(async () => {
    await emulator?.close()
    await repo?.cleanup()
    await served?.cleanup()
  })

  it('heals with the second attempt, told why the first was refused, and proposes it', async () => {
    expect(run.code).toBe(0)
    const result = JSON.parse(run.outputs.result) as {
      outcome: string
      attempts: Array<{ result: string }>
      fix: { diff: string }
    }
    expect(result.outcome).toBe('healed')
    expect(result.attempts.map(a => a.result)).toEqual(['refused', 'verified'])
    expect(result.fix.diff).not.toContain('eslint-disable')
    expect(run.outputs['pull-request-number']).toMatch(/^\d+$/)
  })

  it('runs the agent twice with its attempt numbers and without the token', async () => {
    const runs = (await readFile(record, 'utf8'))
      .trim()
      .split('\n')
      .map(line => JSON.parse(line) as { attempt: number; env: Record<string, string> })
    expect(runs.map(r => r.attempt)).toEqual([1, 2])
    for (const agentRun of runs) {
      expect(JSON.stringify(agentRun.env)).not.toContain(emulator.emulator.token)
      expect(agentRun.env.INPUT_TOKEN).toBeUndefined()
    }
  })
})

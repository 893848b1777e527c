/**
 * The failure as context for an agent, end to end with the scripted agent (__tests__/helpers/scripted-agent.mjs):
 * a real ESLint failure, SELF_HEAL_FAILURE and SELF_HEAL_PROMPT written by writeFixerContext, an agent run that
 * suppresses the rule (the policy refuses it, though the check would pass), a second attempt that is told why and
 * fixes the code. The agent records the environment it saw.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { readFile, stat, symlink } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { LocalExecutionAdapter } from '../../src/adapters/local/execution.js'
import { toCheckOutput } from '../../src/commands/check.js'
import { writeFixerContext, type FixerContextInput } from '../../src/heal/agent-context.js'
import { fingerprintFailure, type Fingerprint } from '../../src/heal/fingerprint.js'
import { checkPolicy, DEFAULT_POLICY } from '../../src/heal/policy.js'
import { git, makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'

const execFileAsync = promisify(execFile)
const here = dirname(fileURLToPath(import.meta.url))
const agent = resolve(here, '../helpers/scripted-agent.mjs')
const CHECK = 'node_modules/.bin/eslint src'

let repo: TempDir
let contextDir: TempDir

beforeEach(async () => {
  repo = await makeTempRepo({
    '.gitignore': 'node_modules\n',
    'eslint.config.js': 'export default [{ rules: { "prefer-const": "error" } }]\n',
    'package.json': '{ "type": "module" }\n',
    'src/sum.js': 'export function sum(a, b) {\n  let total = a + b\n  return total\n}\n'
  })
  await symlink(resolve(here, '../../node_modules'), join(repo.path, 'node_modules'), 'dir')
  contextDir = await makeTempDir('self-heal-context-')
})

afterEach(async () => {
  await repo.cleanup()
  await contextDir.cleanup()
})

const SCRIPT = (record: string) => ({
  record,
  attempts: {
    '1': [
      { file: '{problem}', insertAtLine: '{problem}', text: '  // eslint-disable-next-line prefer-const' }
    ],
    '2': [{ file: '{problem}', replace: 'let total', with: 'const total' }]
  }
})

async function runAgent(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await execFileAsync(process.execPath, [agent], { cwd: repo.path, env })
    return { code: 0, stderr }
  } catch (error) {
    const failed = error as { code: number; stderr: string }
    return { code: failed.code, stderr: failed.stderr }
  }
}

describe('an agent given the failure as context', () => {
  it('is refused for a suppression, told why, and fixes the code on the next attempt', async () => {
    const execution = new LocalExecutionAdapter({ root: repo.path })
    const failed = await execution.runLint(CHECK)
    expect(failed.passed).toBe(false)
    expect(failed.problems).toEqual([
      expect.objectContaining({ file: 'src/sum.js', line: 2, rule: 'prefer-const' })
    ])
    const fingerprint = fingerprintFailure('lint', failed, { workspace: repo.path }) as Fingerprint
    const record = join(contextDir.path, 'runs.jsonl')
    const base: FixerContextInput = {
      check: CHECK,
      kind: 'lint',
      fingerprint,
      failure: toCheckOutput('lint', failed),
      policy: DEFAULT_POLICY,
      attempt: 1,
      maxAttempts: 3
    }
    const env = (context: Record<string, string>) => ({
      PATH: process.env.PATH ?? '',
      ANTHROPIC_API_KEY: 'sk-ant-test',
      SCRIPTED_AGENT_SCRIPT: JSON.stringify(SCRIPT(record)),
      ...context
    })

    // Attempt 1: the rule switched off. The check passes; the policy refuses the diff.
    const first = await writeFixerContext(join(contextDir.path, '1'), base)
    expect(first.env).toEqual({ SELF_HEAL_FAILURE: first.files[0], SELF_HEAL_PROMPT: first.files[1] })
    expect((await stat(first.files[0])).mode & 0o777).toBe(0o600)
    expect(await runAgent(env(first.env))).toEqual({ code: 0, stderr: '' })
    expect((await execution.runLint(CHECK)).passed).toBe(true)
    const refused = checkPolicy(await git(repo.path, 'diff'), DEFAULT_POLICY)
    expect(refused.outcome).toBe('refused')
    expect(refused.violations).toEqual([
      expect.objectContaining({ rule: 'suppression', kind: 'eslint-disable', file: 'src/sum.js' })
    ])
    await git(repo.path, 'checkout', '--', '.')

    // Attempt 2: told why the first was refused, it fixes the code.
    const second = await writeFixerContext(join(contextDir.path, '2'), {
      ...base,
      attempt: 2,
      earlier: [
        { source: 'fixer', fixer: `node ${agent}`, result: 'refused', violations: refused.violations }
      ]
    })
    const prompt = readFileSync(second.env.SELF_HEAL_PROMPT, 'utf8')
    expect(prompt).toContain('This is attempt 2 of at most 3.')
    expect(prompt).toContain(refused.violations[0].message)
    expect(JSON.parse(readFileSync(second.env.SELF_HEAL_FAILURE, 'utf8')).earlierAttempts).toEqual([
      expect.objectContaining({
        number: 1,
        result: 'refused',
        violations: [expect.objectContaining({ kind: 'eslint-disable' })]
      })
    ])
    expect(await runAgent(env(second.env))).toEqual({ code: 0, stderr: '' })
    expect(checkPolicy(await git(repo.path, 'diff'), DEFAULT_POLICY).outcome).toBe('pass')
    expect((await execution.runLint(CHECK)).passed).toBe(true)
    expect(readFileSync(join(repo.path, 'src/sum.js'), 'utf8')).toContain('const total = a + b')

    // What it saw: exactly the environment it was given, so a token passed to it would show.
    const runs = readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map(line => JSON.parse(line))
    expect(runs.map(run => run.attempt)).toEqual([1, 2])
    for (const [index, run] of runs.entries()) {
      expect(Object.keys(run.env).sort()).toEqual(
        Object.keys(env(index === 0 ? first.env : second.env)).sort()
      )
      expect(run.env.ANTHROPIC_API_KEY).toBe('sk-ant-test')
      expect(Object.keys(run.env).filter(name => /TOKEN/.test(name))).toEqual([])
      expect(run.prompt).toBe('# Fix the failing check')
      expect(run.fingerprint).toBe(fingerprint.id)
      expect(run.cwd).toBe(await git(repo.path, 'rev-parse', '--show-toplevel'))
    }
  })

  it('exits 2 without its context or script, and 3 when its script does not fit the code', async () => {
    const context = await writeFixerContext(contextDir.path, {
      check: CHECK,
      kind: 'lint',
      fingerprint: { id: '0123456789abcdef', basis: 'problems', signatures: [] },
      failure: {
        exitCode: 1,
        timedOut: false,
        failedTests: [],
        problems: [{ file: 'src/sum.js', line: 2, severity: 'error', message: 'x' }],
        outputTail: ''
      },
      policy: DEFAULT_POLICY,
      attempt: 1
    })
    const path = { PATH: process.env.PATH ?? '' }
    expect(await runAgent(path)).toEqual({
      code: 2,
      stderr: 'scripted-agent: SELF_HEAL_FAILURE does not name a file\n'
    })
    expect((await runAgent({ ...path, ...context.env })).code).toBe(2)
    const misfit = { attempts: { '*': [{ file: '{problem}', replace: 'no such text', with: 'y' }] } }
    const ran = await runAgent({ ...path, ...context.env, SCRIPTED_AGENT_SCRIPT: JSON.stringify(misfit) })
    expect(ran).toEqual({
      code: 3,
      stderr: expect.stringContaining('src/sum.js does not contain "no such text"')
    })
  })

  it('names the files where the fixer runs when that is a copy of the checkout', async () => {
    const copy = '/tmp/self-heal-fixers-0123456789ab'
    const where = `${repo.path}/src/sum.js`
    const context = await writeFixerContext(contextDir.path, {
      check: CHECK,
      kind: 'lint',
      fingerprint: { id: '0123456789abcdef', basis: 'problems', signatures: [] },
      failure: {
        exitCode: 1,
        timedOut: false,
        failedTests: [],
        problems: [{ file: where, line: 2, severity: 'error', message: "'total' is never reassigned" }],
        outputTail: `${where}\n  2:7  error  'total' is never reassigned  prefer-const\n`
      },
      policy: DEFAULT_POLICY,
      attempt: 1,
      runsIn: { checkout: repo.path, copy }
    })
    for (const file of context.files) {
      const text = await readFile(file, 'utf8')
      expect(text).toContain(`${copy}/src/sum.js`)
      expect(text).not.toContain(repo.path)
    }
  })
})

/**
 * An AI agent as a fixer, through the bundled CLI: a scripted agent reads SELF_HEAL_FAILURE and SELF_HEAL_PROMPT,
 * suppresses the problem on its first attempt (refused), is run again told why, and fixes it on the second. The
 * fix is remembered: the next heal of the same failure, with the agent gone, heals from memory without it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'
import { cleanEnv, runCli, type CliRun } from './cli-helpers.js'

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
const SCRIPT = (record: string): string =>
  JSON.stringify({
    record,
    attempts: {
      '1': [{ file: '{problem}', insertAtLine: '{problem}', text: '// eslint-disable-next-line no-bad' }],
      '2': [{ file: '{problem}', replace: 'BAD', with: 'GOOD' }]
    }
  })
const TOKEN = 'ghp_notForTheAgent0123456789'

interface HealJson {
  outcome: string
  attempts: Array<{ source: string; result: string }>
  fix: { source: string; diff: string }
}

/** What the agent found in SELF_HEAL_FAILURE, and where. */
interface FailureSeen {
  path: string
  doc: { earlierAttempts: unknown[]; problems: unknown[] }
}

interface AgentRun {
  attempt: number
  cwd: string
  env: Record<string, string>
  prompt: string
}

describe('an agent as a fixer (LOCAL, bundled CLI)', () => {
  let repo: TempDir
  let outside: TempDir
  let agent: string
  let record: string
  let first: CliRun & { json: HealJson }
  let failureDoc: FailureSeen[]

  const heal = async (): Promise<CliRun & { json: HealJson }> => {
    const run = await runCli(
      [
        'heal',
        '--kind',
        'lint',
        '--check',
        'node check.cjs',
        '--json',
        '--fix',
        `node ${agent} "$(cat "$SELF_HEAL_PROMPT")"`
      ],
      {
        cwd: repo.path,
        env: cleanEnv({
          XDG_CACHE_HOME: join(outside.path, 'cache'),
          SELF_HEAL_CACHE_PATH: undefined,
          GITHUB_TOKEN: TOKEN,
          SCRIPTED_AGENT_SCRIPT: SCRIPT(record)
        })
      }
    )
    return { ...run, json: JSON.parse(run.stdout) as HealJson }
  }
  const runs = async (): Promise<AgentRun[]> =>
    existsSync(record)
      ? (await readFile(record, 'utf8'))
          .trim()
          .split('\n')
          .map(line => JSON.parse(line) as AgentRun)
      : []

  beforeAll(async () => {
    repo = await makeTempRepo({ 'src/app.js': 'const a = 1\nconst b = BAD\n', 'check.cjs': CHECK })
    outside = await makeTempDir('self-heal-agent-')
    agent = join(outside.path, 'agent.mjs')
    record = join(outside.path, 'runs.jsonl')
    await copyFile(resolve('__tests__/helpers/scripted-agent.mjs'), agent)
    // The agent copies its context away as it runs, to show what it was given.
    await writeFile(
      agent,
      (await readFile(agent, 'utf8')).replace(
        "const prompt = readFileSync(promptPath, 'utf8')",
        "const prompt = readFileSync(promptPath, 'utf8')\nappendFileSync(" +
          JSON.stringify(join(outside.path, 'failures.jsonl')) +
          ', JSON.stringify({ path: failurePath, doc: failure }) + "\\n")'
      )
    )
    first = await heal()
    failureDoc = (await readFile(join(outside.path, 'failures.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map(line => JSON.parse(line) as FailureSeen)
  })
  afterAll(async () => {
    await repo?.cleanup()
    await outside?.cleanup()
  })

  it('heals on the second attempt, which is told why the first was refused', async () => {
    expect(first.code).toBe(0)
    expect(first.json.outcome).toBe('healed')
    expect(first.json.attempts.map(a => a.result)).toEqual(['refused', 'verified'])
    expect(first.json.fix.diff).toContain('+const b = GOOD')
    expect(first.json.fix.diff).not.toContain('eslint-disable')
    expect((await runs()).map(run => run.attempt)).toEqual([1, 2])
    expect(failureDoc[0].doc.earlierAttempts).toEqual([])
    expect(failureDoc[0].doc.problems[0]).toMatchObject({ file: 'src/app.js', line: 2, rule: 'no-bad' })
    expect(failureDoc[1].doc.earlierAttempts).toEqual([
      expect.objectContaining({
        result: 'refused',
        violations: [expect.objectContaining({ rule: 'suppression', file: 'src/app.js' })]
      })
    ])
  })

  it('gives the agent its context outside the checkout, removed afterwards, and no token', async () => {
    for (const { path } of failureDoc) {
      expect(path.startsWith(repo.path)).toBe(false)
      expect(existsSync(path)).toBe(false)
    }
    for (const run of await runs()) {
      expect(run.env.GITHUB_TOKEN).toBeUndefined()
      expect(JSON.stringify(run.env)).not.toContain(TOKEN)
      expect(run.prompt.length).toBeGreaterThan(0)
    }
  })

  it('heals the same failure again from memory with the agent gone, running no agent', async () => {
    await rm(agent)
    const second = await heal()
    expect(second.code).toBe(0)
    expect(second.json.attempts).toEqual([expect.objectContaining({ source: 'memory', result: 'verified' })])
    expect(second.json.fix.source).toBe('memory')
    expect((await runs()).map(run => run.attempt)).toEqual([1, 2])
  })
})

#!/usr/bin/env node
/**
 * A scripted stand-in for an AI agent, for tests: it reads SELF_HEAL_FAILURE and SELF_HEAL_PROMPT as an agent
 * would, and edits what they name as its script says for this attempt. It records what it saw (its environment
 * included) so a test can assert that no token reached it.
 *
 * The script is JSON, given by the SCRIPTED_AGENT_SCRIPT variable or as the first argument (inline, or the path of
 * a file):
 *
 *   {
 *     "record": "/tmp/agent-runs.jsonl",          // one JSON line per run: attempt, env, cwd, argv, prompt heading
 *     "attempts": {                               // by attempt number; "*" for any other
 *       "1": [{ "file": "{problem}", "insertAtLine": "{problem}", "text": "// eslint-disable-next-line" }],
 *       "2": [{ "file": "{problem}", "replace": "let total", "with": "const total" }]
 *     },
 *     "exitCode": 0
 *   }
 *
 * Steps, each on `file` (a repository path, or `{problem}` / `{test}` for the file of the first problem or failed
 * test in SELF_HEAL_FAILURE):
 *   { "replace": A, "with": B }                   the first occurrence of A (exit 3 when there is none)
 *   { "insertAtLine": N | "{problem}" | "{test}", "text": T }   T as a new line before line N
 *   { "write": T }                                the whole file
 *   { "exec": ["git", "add", "-A"] }              a command, without a shell (no `file`)
 * Exit 2: the context or the script is missing or invalid.
 */
import { spawnSync } from 'node:child_process'
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'

function fail(message, code = 2) {
  process.stderr.write(`scripted-agent: ${message}\n`)
  process.exit(code)
}

function readJson(text, what) {
  try {
    return JSON.parse(text)
  } catch (error) {
    return fail(`${what} is not valid JSON: ${error.message}`)
  }
}

const failurePath = process.env.SELF_HEAL_FAILURE
const promptPath = process.env.SELF_HEAL_PROMPT
if (!failurePath || !existsSync(failurePath)) fail('SELF_HEAL_FAILURE does not name a file')
if (!promptPath || !existsSync(promptPath)) fail('SELF_HEAL_PROMPT does not name a file')
const failure = readJson(readFileSync(failurePath, 'utf8'), 'SELF_HEAL_FAILURE')
const prompt = readFileSync(promptPath, 'utf8')

const source = process.env.SCRIPTED_AGENT_SCRIPT ?? process.argv[2]
if (!source) fail('no script: set SCRIPTED_AGENT_SCRIPT or pass it as the first argument')
const script = readJson(
  source.trimStart().startsWith('{') ? source : readFileSync(source, 'utf8'),
  'the script'
)

const attempt = failure.attempt?.number
if (!Number.isInteger(attempt)) fail('SELF_HEAL_FAILURE has no attempt number')

if (script.record) {
  const run = {
    attempt,
    cwd: process.cwd(),
    argv: process.argv.slice(2),
    env: { ...process.env },
    prompt: prompt.split('\n')[0],
    fingerprint: failure.fingerprint?.id
  }
  appendFileSync(script.record, `${JSON.stringify(run)}\n`)
}

function named(value) {
  if (value === '{problem}') return failure.problems?.[0]
  if (value === '{test}') return failure.failedTests?.[0]
  return undefined
}

function fileOf(step) {
  const target = named(step.file)
  const file = target ? target.file : step.file
  if (typeof file !== 'string' || !file) fail(`step ${JSON.stringify(step)} names no file`)
  return file
}

for (const step of script.attempts?.[String(attempt)] ?? script.attempts?.['*'] ?? []) {
  if (step.exec) {
    const [command, ...args] = step.exec
    const ran = spawnSync(command, args, { stdio: 'inherit' })
    if (ran.status !== 0) fail(`${step.exec.join(' ')} exited with ${ran.status}`, 3)
    continue
  }
  const file = fileOf(step)
  if ('write' in step) {
    writeFileSync(file, step.write)
  } else if ('replace' in step) {
    const text = readFileSync(file, 'utf8')
    if (!text.includes(step.replace)) fail(`${file} does not contain ${JSON.stringify(step.replace)}`, 3)
    writeFileSync(
      file,
      text.replace(step.replace, () => step.with)
    )
  } else if ('insertAtLine' in step) {
    const line = named(step.insertAtLine)?.line ?? step.insertAtLine
    if (!Number.isInteger(line) || line < 1) fail(`step ${JSON.stringify(step)} names no line`)
    const lines = readFileSync(file, 'utf8').split('\n')
    lines.splice(line - 1, 0, step.text)
    writeFileSync(file, lines.join('\n'))
  } else {
    fail(`unknown step ${JSON.stringify(step)}`)
  }
}
process.exit(script.exitCode ?? 0)

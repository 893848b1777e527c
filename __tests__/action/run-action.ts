/**
 * Runs the bundled action (`dist/index.js`), or a sub-action, the way the runner does: `runs.main` of its action.yml
 * with inputs as INPUT_* variables, outputs through GITHUB_OUTPUT, state through GITHUB_STATE, the summary through
 * GITHUB_STEP_SUMMARY, the event in GITHUB_EVENT_PATH.
 */
import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import yaml from 'js-yaml'
import { cleanEnv } from '../cli/cli-helpers.js'
import { assertDistFresh } from '../helpers/dist-fresh.js'

assertDistFresh()

interface ActionYaml {
  inputs: Record<string, { default?: string }>
  runs: { main: string }
}

/** What one run of the action left behind. */
export interface ActionRun {
  /** Exit code (1 when the step failed). */
  code: number
  /** The log (workflow commands such as `::error` included). */
  stdout: string
  /** Outputs set with core.setOutput. */
  outputs: Record<string, string>
  /** State saved for the post step. */
  state: Record<string, string>
  /** The job summary written. */
  summary: string
}

/** Parses GITHUB_OUTPUT and GITHUB_STATE as the runner does: `name=value` lines and `name<<DELIMITER` blocks. */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const equals = lines[i].indexOf('=')
    const heredoc = lines[i].indexOf('<<')
    if (equals > 0 && (heredoc < 0 || equals < heredoc)) {
      values[lines[i].slice(0, equals)] = lines[i].slice(equals + 1)
      continue
    }
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (!match) continue
    const [, name, delimiter] = match
    const value: string[] = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i])
    values[name] = value.join('\n')
  }
  return values
}

/**
 * Runs the action as a step with `inputs`, in `workdir` (a temp dir the files go to), with extra env; `event` is
 * the workflow event's payload (default `{}`); `action` is the directory of the action.yml (default the root, as
 * `uses: OWNER/self-heal@v0`; `check` is `uses: OWNER/self-heal/check@v0`).
 */
export async function runAction(
  workdir: string,
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
  options: { event?: object; action?: string } = {}
): Promise<ActionRun> {
  const files = {
    GITHUB_OUTPUT: join(workdir, '.runner-output'),
    GITHUB_STATE: join(workdir, '.runner-state'),
    GITHUB_STEP_SUMMARY: join(workdir, '.runner-summary'),
    GITHUB_EVENT_PATH: join(workdir, '.runner-event.json')
  }
  for (const [key, file] of Object.entries(files))
    await writeFile(file, key === 'GITHUB_EVENT_PATH' ? JSON.stringify(options.event ?? {}) : '')
  // Like the runner, every input action.yml declares is set: to the value given, else to its default
  // (expressions such as `${{ github.token }}` are the runner's to evaluate: they become empty here).
  const actionDir = resolve(options.action ?? '.')
  const metadata = yaml.load(await readFile(join(actionDir, 'action.yml'), 'utf8')) as ActionYaml
  const declared = metadata.inputs
  const inputEnv: Record<string, string> = {}
  for (const name of new Set([...Object.keys(declared), ...Object.keys(inputs)])) {
    const fallback = String(declared[name]?.default ?? '')
    inputEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] =
      inputs[name] ?? (fallback.includes('${{') ? '' : fallback)
  }
  const fullEnv = cleanEnv({
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: workdir,
    GITHUB_REPOSITORY: 'octo/repo',
    RUNNER_TEMP: workdir,
    ...files,
    ...inputEnv,
    ...env
  })
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((done, fail) => {
    const child = spawn(process.execPath, [resolve(actionDir, metadata.runs.main)], {
      cwd: workdir,
      env: fullEnv
    })
    let out = ''
    child.stdout.on('data', chunk => (out += chunk))
    child.stderr.on('data', chunk => (out += chunk))
    child.on('error', fail)
    child.on('close', c => done({ code: c ?? -1, stdout: out }))
  })
  return {
    code,
    stdout,
    outputs: parseCommandFile(await readFile(files.GITHUB_OUTPUT, 'utf8')),
    state: parseCommandFile(await readFile(files.GITHUB_STATE, 'utf8')),
    summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8')
  }
}

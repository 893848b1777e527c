/**
 * `npm run demo [-- --keep]`: self-heal heals a broken repository, end to end, on this machine. It makes a small
 * JavaScript repository whose lint fails (ESLint's no-var and prefer-const, Prettier's formatting), serves a bare
 * copy of it with the GitHub emulator, runs the bundled action on it as a runner runs a step, then runs the CLI in
 * a fresh clone, which finds the fix already proposed. Everything it starts is stopped, and its temporary
 * directory removed unless `--keep` is given.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import yaml from 'js-yaml'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const KEEP = process.argv.includes('--keep')
const COMMAND = 'npx eslint . && npx prettier --check .'
const FIXERS = ['npx eslint --fix .', 'npx prettier --write .']

/** The sample repository: one file that breaks two ESLint rules and Prettier's formatting. */
const FILES = {
  '.gitignore': 'node_modules\n',
  'package.json': '{\n  "name": "sample",\n  "private": true,\n  "type": "module"\n}\n',
  '.prettierrc.json': '{ "semi": false, "singleQuote": true }\n',
  'eslint.config.js':
    'export default [\n' +
    "  { files: ['**/*.js'], rules: { 'no-var': 'error', 'prefer-const': 'error' } },\n" +
    ']\n',
  'src/greet.js':
    'var greeting = "hello";\n' +
    'let name = "world";\n' +
    'export function greet( ) { return greeting + ", " + name }\n'
}

// Git must not read the user's configuration (a signing key, hooks), and commits need an identity.
const gitEnv = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Demo',
  GIT_AUTHOR_EMAIL: 'demo@example.com',
  GIT_COMMITTER_NAME: 'Demo',
  GIT_COMMITTER_EMAIL: 'demo@example.com'
}

/** The environment of what the demo runs: this one without a runner's, a token's or self-heal's own variables. */
function baseEnv(extra = {}) {
  const env = { ...process.env, ...gitEnv }
  for (const key of Object.keys(env)) {
    if (/^(GITHUB_|RUNNER_|ACTIONS_|INPUT_|STATE_|SELF_HEAL_)/.test(key) || ['CI', 'GH_TOKEN'].includes(key))
      delete env[key]
  }
  return { ...env, ...extra }
}

function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, env: baseEnv(), encoding: 'utf8' }).trim()
}

function heading(text) {
  process.stdout.write(`\n\x1b[1m== ${text}\x1b[0m\n`)
}

/** Runs `node file ...args` and resolves with its exit code and output (stderr shown as it comes, dimmed). */
function runNode(args, options) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => options.quiet || process.stderr.write(`\x1b[2m${chunk}\x1b[0m`))
    child.on('error', fail)
    child.on('close', code => done({ code: code ?? 1, stdout }))
  })
}

/** Starts the emulator CLI over `bare`; resolves once it listens, with its URL and a function that stops it. */
function startEmulator(bare) {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'emulator/cli.ts'), '--repo', bare, '--name', 'octo/sample'],
      { cwd: ROOT, env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] }
    )
    let out = ''
    let err = ''
    const exited = new Promise(resolve => child.on('exit', resolve))
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    }
    child.stderr.on('data', chunk => (err += chunk))
    child.stdout.on('data', chunk => {
      out += chunk
      const url = /^listening on (\S+)$/m.exec(out)?.[1]
      const api = /^export GITHUB_API_URL=(\S+)$/m.exec(out)?.[1]
      if (url && api) done({ url, apiUrl: api, token: 'emulator-token', stop, pid: child.pid })
    })
    child.on('error', fail)
    exited.then(code => fail(new Error(`The emulator exited (${code}) before it listened:\n${err}`)))
  })
}

/** Runs the bundled action as the runner runs a step: every input as INPUT_*, the runner's files in `runnerTemp`. */
async function runAction(workspace, runnerTemp, inputs, env) {
  const files = {
    GITHUB_OUTPUT: join(runnerTemp, 'output'),
    GITHUB_STATE: join(runnerTemp, 'state'),
    GITHUB_STEP_SUMMARY: join(runnerTemp, 'summary.md'),
    GITHUB_EVENT_PATH: join(runnerTemp, 'event.json')
  }
  for (const file of Object.values(files)) writeFileSync(file, '')
  writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify({ ref: 'refs/heads/main' }))
  // Like the runner, every input action.yml declares is set: to the value given, else to its default (an
  // expression such as `${{ github.token }}` is the runner's to evaluate: it becomes empty here).
  const declared = yaml.load(readFileSync(join(ROOT, 'action.yml'), 'utf8')).inputs
  const inputEnv = {}
  for (const name of new Set([...Object.keys(declared), ...Object.keys(inputs)])) {
    const fallback = String(declared[name]?.default ?? '')
    inputEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] =
      inputs[name] ?? (fallback.includes('${{') ? '' : fallback)
  }
  const run = await runNode([join(ROOT, 'dist/index.js')], {
    cwd: workspace,
    env: baseEnv({
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runnerTemp,
      ...files,
      ...inputEnv,
      ...env
    }),
    quiet: true
  })
  return {
    ...run,
    outputs: parseCommandFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')
  }
}

/** Reads GITHUB_OUTPUT as the runner does: `name=value` lines and `name<<DELIMITER` blocks. */
function parseCommandFile(text) {
  const values = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const single = /^([^<=]+)=(.*)$/.exec(lines[i])
    if (single) {
      values[single[1]] = single[2]
      continue
    }
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (!match) continue
    const value = []
    while (++i < lines.length && lines[i] !== match[2]) value.push(lines[i])
    values[match[1]] = value.join('\n')
  }
  return values
}

/** Runs the demo; resolves with what it found (the test reads it from the last line of stdout). */
async function demo(temp) {
  const started = Date.now()
  const repo = join(temp, 'sample')
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true })
    writeFileSync(join(repo, path), text)
  }
  // The sample uses this project's ESLint and Prettier, so nothing is fetched (node_modules is git-ignored).
  symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'), 'dir')
  git(repo, 'init', '-q', '-b', 'main')
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'A greeting (lint fails)')
  const bare = join(temp, 'sample.git')
  git(temp, 'clone', '-q', '--bare', repo, bare)
  git(repo, 'remote', 'add', 'origin', bare)

  heading(`The sample repository ${repo}: its check fails`)
  process.stdout.write(FILES['src/greet.js'].replace(/^(?=.)/gm, '  src/greet.js | '))
  process.stdout.write(`$ ${COMMAND}\n`)
  const failing = spawnSync('bash', ['-c', COMMAND], { cwd: repo, env: baseEnv(), encoding: 'utf8' })
  process.stdout.write(`${failing.stdout}${failing.stderr}(exit ${failing.status})\n`)

  const emulator = await startEmulator(bare)
  try {
    heading(`GitHub emulator at ${emulator.url} serving octo/sample; the action runs as a runner runs a step`)
    const runnerTemp = join(temp, 'runner')
    mkdirSync(runnerTemp)
    const action = await runAction(
      repo,
      runnerTemp,
      {
        operation: 'heal',
        kind: 'lint',
        command: COMMAND,
        fix: FIXERS.join('\n'),
        token: emulator.token,
        'api-url': emulator.apiUrl,
        reruns: '1',
        'max-attempts': '5'
      },
      {
        GITHUB_API_URL: emulator.apiUrl,
        GITHUB_SERVER_URL: emulator.url,
        GITHUB_REPOSITORY: 'octo/sample',
        GITHUB_REF: 'refs/heads/main',
        GITHUB_REF_NAME: 'main',
        GITHUB_SHA: git(repo, 'rev-parse', 'HEAD'),
        GITHUB_EVENT_NAME: 'push',
        GITHUB_RUN_ID: '1',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_JOB: 'heal',
        GITHUB_WORKFLOW: 'self-heal demo'
      }
    )
    const result = action.outputs.result ? JSON.parse(action.outputs.result) : undefined
    if (!result) throw new Error(`The action set no result (exit ${action.code}):\n${action.stdout}`)
    heading(`Outcome: ${result.outcome} (the step exited ${action.code})`)
    process.stdout.write(`${result.reason}\n`)
    heading('The job summary (GITHUB_STEP_SUMMARY, Markdown)')
    process.stdout.write(action.summary)
    heading('The fix')
    process.stdout.write(result.fix?.diff ?? '(none)\n')
    const pullRequest = result.proposal?.pullRequest?.url
    heading('The pull request')
    process.stdout.write(`${pullRequest ?? '(none)'}\n`)

    heading('The CLI in a fresh clone: the same failure, the fix already proposed')
    const clone = join(temp, 'clone')
    git(temp, 'clone', '-q', bare, clone)
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir')
    const args = ['heal', '--kind', 'lint', '--check', COMMAND, ...FIXERS.flatMap(f => ['--fix', f])]
    const quoted = args.map(a => (/^[\w-]+$/.test(a) ? a : `'${a}'`)).join(' ')
    process.stdout.write(`$ self-heal ${quoted} --repository octo/sample --api-url ${emulator.apiUrl}\n`)
    const cli = await runNode(
      [
        join(ROOT, 'dist/cli.js'),
        ...args,
        '--repository',
        'octo/sample',
        '--token',
        emulator.token,
        '--api-url',
        emulator.apiUrl,
        '--cache-path',
        join(temp, 'cache.sqlite')
      ],
      { cwd: clone, env: baseEnv(), quiet: true }
    )
    process.stdout.write(cli.stdout)
    process.stdout.write(`(exit ${cli.code})\n`)
    return {
      outcome: result.outcome,
      pullRequest,
      cliExitCode: cli.code,
      cliOutput: cli.stdout,
      emulatorUrl: emulator.url,
      seconds: Math.round((Date.now() - started) / 100) / 10
    }
  } finally {
    await emulator.stop()
  }
}

const temp = mkdtempSync(join(tmpdir(), 'self-heal-demo-'))
let summary
try {
  summary = await demo(temp)
} catch (error) {
  process.stderr.write(`demo: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exitCode = 1
} finally {
  if (KEEP) process.stdout.write(`\nKept ${temp}\n`)
  else rmSync(temp, { recursive: true, force: true })
}
if (summary) {
  heading(
    `Done in ${summary.seconds} s; the emulator is stopped${KEEP ? '' : ' and the temporary files removed'}`
  )
  process.stdout.write(`${JSON.stringify({ demo: summary })}\n`)
  if (summary.outcome !== 'healed') process.exitCode = 1
}

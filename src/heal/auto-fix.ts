/**
 * `fix: auto`: fixers derived from the check's own command line, for the checks that have a well-known fixing twin
 * (`prettier --check` → `prettier --write`, `eslint` → `eslint --fix`, a package's `lint` script → its `lint:fix`
 * script, a Jest snapshot mismatch → `jest -u` for the failing files, …). Pure: the command line is read with a
 * shell-word reader, the package's scripts through `project.readFile`, and nothing runs. A command self-heal does
 * not recognise gets no fixer rather than a guessed flag. docs/fixers.md has the table.
 */
import type { FailedTest } from '../adapters/execution.js'
import { isRepoPath, normalizeRepoPath } from '../paths.js'
import {
  joinWords,
  parseCommandLine,
  quoteWord,
  ShellSyntaxError,
  wordOf,
  type ShellWord,
  type SimpleCommand
} from './shell-words.js'

/** A derived fixer: the command to run, and the one line the loop logs to say why. */
export interface DerivedFixer {
  command: string
  because: string
}

/** The fixers derived from a check; `none` says why there are none and how to give one. */
export interface DerivedFixers {
  fixers: DerivedFixer[]
  none?: string
}

/** The files of the checkout, read by repository-relative path (`package.json`, `packages/app/package.json`). */
export interface ProjectFiles {
  readFile(path: string): string | undefined
}

/** What the failure tells about fixing it. */
export interface FailureHints {
  /** Repository-relative test files whose snapshots mismatched (see snapshotTestFiles). */
  snapshotFiles?: string[]
}

/** How deep package scripts are followed: a script, and the scripts it runs. */
const MAX_SCRIPT_DEPTH = 2
/** At most this many test files are named on a snapshot fixer's command line. */
const MAX_SNAPSHOT_FILES = 50
/** A check is quoted in messages up to this length. */
const MAX_QUOTED = 200

/**
 * The fixers for a check command line, in the order of the commands they come from: each command of a chain
 * (`a && b`, `a; b`) and of a pipeline is considered on its own, with the `cd` and `export` before it.
 */
export function deriveFixers(
  check: string | readonly string[],
  project: ProjectFiles,
  failure: FailureHints = {}
): DerivedFixers {
  const line = typeof check === 'string' ? check : check.map(quoteWord).join(' ')
  const walk: Walk = { project, failure, fixers: [], notes: [] }
  deriveLine(line, { setup: [], dir: '', depth: 0 }, walk)
  const seen = new Set<string>()
  const fixers = walk.fixers.filter(fixer => !seen.has(fixer.command) && seen.add(fixer.command))
  if (fixers.length > 0) return { fixers }
  const why = walk.notes.length > 0 ? walk.notes.join('; ') : 'the check is empty'
  return {
    fixers: [],
    none:
      `No fixer is known for \`${shorten(line.trim())}\`: ${why}. Give one with the action's \`fix:\` input ` +
      'or the CLI\'s `--fix` (docs/fixers.md lists the checks whose fixers "fix: auto" derives).'
  }
}

/** The test files of failed tests whose message is a snapshot mismatch (Jest and Vitest), for FailureHints. */
export function snapshotTestFiles(failedTests: readonly FailedTest[]): string[] {
  const files = failedTests
    .filter(test => test.file && SNAPSHOT_MISMATCH.test(test.message))
    .map(test => test.file as string)
  return [...new Set(files)]
}

const SNAPSHOT_MISMATCH =
  /\bto(?:Match|ThrowErrorMatching)(?:Inline|File)?Snapshot\b|^Snapshot name: |\bSnapshot [`'"].*[`'"] mismatched/m

interface Walk {
  project: ProjectFiles
  failure: FailureHints
  fixers: DerivedFixer[]
  notes: string[]
}

/** Where a command line runs. */
interface Scope {
  /** The `cd`, `export` and assignment commands before this point, as written: each fixer runs after them. */
  setup: string[]
  /** The directory, relative to the repository root (`''` for the root); undefined once a `cd` is not followed. */
  dir: string | undefined
  /** How many package scripts deep this line is. */
  depth: number
  /** The package manager and scripts of the script this line is, whose node tools run through that manager. */
  runner?: { manager: PackageManager; scripts: Record<string, string> }
}

type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun'

function deriveLine(line: string, scope: Scope, walk: Walk): void {
  let commands: SimpleCommand[]
  try {
    commands = parseCommandLine(line)
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error
    walk.notes.push(`self-heal does not read \`${shorten(line)}\` (${error.message})`)
    return
  }
  for (const command of commands) {
    const words = command.words
    const assignments = leadingAssignments(words)
    const program = words[assignments]?.value
    // A `cd` or `export` in a pipeline runs in a subshell: it changes nothing after it.
    if (!command.piped && (assignments === words.length || SETUP_COMMANDS.has(program ?? ''))) {
      if (words.length === 0) continue
      scope.dir = program === 'cd' ? changeDirectory(scope.dir, words.slice(assignments)) : scope.dir
      if (program === 'pushd' || program === 'popd') scope.dir = undefined
      scope.setup.push(command.raw)
    } else if (program === undefined) {
      walk.notes.push(`\`${shorten(command.raw)}\` names no program self-heal can read`)
    } else if (scope.dir === undefined) {
      walk.notes.push(`\`${shorten(command.raw)}\` runs in a directory self-heal cannot tell`)
    } else {
      deriveCommand(command, assignments, scope, walk)
    }
  }
}

/** Commands that change the state the commands after them run in. */
const SETUP_COMMANDS = new Set(['cd', 'pushd', 'popd', 'export', 'set', 'source', '.'])

function leadingAssignments(words: readonly ShellWord[]): number {
  let count = 0
  while (count < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[count].raw)) count++
  return count
}

/** The directory after `cd DIR` (relative, literal, inside the repository), else undefined. */
function changeDirectory(dir: string | undefined, args: readonly ShellWord[]): string | undefined {
  const target = args.length === 2 ? args[1].value : undefined
  return dir === undefined || target === undefined ? undefined : enterDirectory(dir, target)
}

/** `dir` joined with a relative path, when the result stays inside the repository (`''` is its root). */
function enterDirectory(dir: string, target: string): string | undefined {
  if (target === '-' || target.startsWith('/') || target.startsWith('~')) return undefined
  const parts = dir ? dir.split('/') : []
  for (const segment of target.split('/')) {
    if (segment === '..') {
      if (parts.pop() === undefined) return undefined
    } else if (segment !== '' && segment !== '.') {
      parts.push(segment)
    }
  }
  return parts.join('/')
}

function deriveCommand(command: SimpleCommand, assignments: number, scope: Scope, walk: Walk): void {
  const env = command.words.slice(0, assignments)
  const words = command.words.slice(assignments)
  const program = words[0].value as string
  if (SHELL_KEYWORDS.has(program)) {
    walk.notes.push(`\`${shorten(command.raw)}\` is shell syntax self-heal does not follow`)
    return
  }
  const invocation = resolve(words, scope, walk)
  if (typeof invocation === 'string') {
    walk.notes.push(invocation)
    return
  }
  if (invocation.kind === 'script') {
    deriveScript(invocation, scope, walk)
    return
  }
  const fix = own(TOOL_FIXERS, invocation.tool)?.(invocation.args, { scope, failure: walk.failure })
  if (fix === undefined || typeof fix === 'string') {
    walk.notes.push(fix ?? `\`${invocation.tool}\` has no fixer self-heal knows`)
    return
  }
  let prefix = invocation.prefix
  if (!invocation.wrapped && scope.runner && NODE_TOOLS.has(invocation.tool)) {
    const runner = runnerPrefix(scope.runner.manager, invocation.tool, scope.runner.scripts)
    if (typeof runner === 'string') {
      walk.notes.push(runner)
      return
    }
    prefix = runner
  }
  const rebuilt = joinWords([...env, ...prefix, invocation.toolWord, ...fix.args])
  walk.fixers.push({ command: [...scope.setup, rebuilt].join(' && '), because: fix.because })
}

const SHELL_KEYWORDS = new Set(
  'if then else elif fi for while until do done case esac select function ! { } [[ ]] time coproc'.split(' ')
)

/** Tools that live in node_modules/.bin: inside a package script they run through the package manager. */
const NODE_TOOLS = new Set([
  'prettier',
  'eslint',
  'biome',
  'stylelint',
  'markdownlint',
  'markdownlint-cli2',
  'jest',
  'vitest'
])

/** How a package script's node tool is run from outside the script (where node_modules/.bin is not on PATH). */
function runnerPrefix(
  manager: PackageManager,
  tool: string,
  scripts: Record<string, string>
): ShellWord[] | string {
  switch (manager) {
    case 'npm':
      // `--no`: never install a package of that name from the registry; the script ran the local one.
      return ['npm', 'exec', '--no', '--'].map(wordOf)
    case 'pnpm':
      return ['pnpm', 'exec'].map(wordOf)
    case 'bun':
      return ['bun', 'x'].map(wordOf)
    case 'yarn':
      // `yarn run NAME` prefers a script of that name over the binary.
      if (tool in scripts) return `\`yarn run ${tool}\` would run the \`${tool}\` script, not the tool`
      return ['yarn', 'run'].map(wordOf)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// What runs: a tool (maybe through a runner such as npx), or a package script.

interface ToolInvocation {
  kind: 'tool'
  /** The runner's words before the tool (`npx --yes`), as written. */
  prefix: ShellWord[]
  /** The tool's name (`prettier`, also for `prettier@3` or `node_modules/.bin/prettier`). */
  tool: string
  /** The tool's word as written. */
  toolWord: ShellWord
  /** The tool's arguments. */
  args: ShellWord[]
  /** Whether a runner (npx, pnpm exec, uv run, …) starts it. */
  wrapped: boolean
}

interface ScriptInvocation {
  kind: 'script'
  manager: PackageManager
  /** The manager's words before its subcommand (`npm --prefix app`), as written. */
  managerWords: ShellWord[]
  /** The directory of the package.json, relative to the scope's directory (`--prefix`, `-C`, `--cwd`). */
  packageDir: string
  /** The script's name. */
  name: string
  /** The arguments passed on to the script. */
  extra: ShellWord[]
}

/** A runner's options: those that take a value, and those that make it run something self-heal does not follow. */
interface RunnerOptions {
  values?: readonly string[]
  refuse?: readonly string[]
}

const NPX_OPTIONS: RunnerOptions = {
  values: ['-p', '--package', '--registry', '--cache', '--userconfig'],
  refuse: ['-c', '--call', '-w', '--workspace', '--workspaces', '-ws']
}
const NPM_OPTIONS: RunnerOptions = {
  values: ['--prefix', '-C', '--loglevel', '--userconfig', '--registry', '--cache'],
  refuse: ['-w', '--workspace', '--workspaces', '-ws', '--include-workspace-root']
}
const PNPM_OPTIONS: RunnerOptions = {
  values: ['-C', '--dir', '--reporter', '--loglevel'],
  refuse: ['-r', '--recursive', '-F', '--filter', '-w', '--workspace-root']
}
const YARN_OPTIONS: RunnerOptions = { values: ['--cwd'] }
const UV_RUN_OPTIONS: RunnerOptions = {
  values: [
    '--with',
    '--with-requirements',
    '--with-editable',
    '--python',
    '-p',
    '--project',
    '--directory',
    '--package',
    '--extra',
    '--group',
    '--env-file',
    '--index',
    '--index-url'
  ],
  refuse: ['--script', '-s', '--module', '-m']
}
const UVX_OPTIONS: RunnerOptions = {
  values: ['--from', '--with', '--python', '-p', '--index', '--index-url']
}
const DLX_OPTIONS: RunnerOptions = { values: ['-p', '--package'], refuse: ['-c', '--shell-mode'] }
const BUNX_OPTIONS: RunnerOptions = { values: ['-p', '--package'] }

/** Packages whose binary has another name. */
const PACKAGE_BINS: Record<string, string> = { '@biomejs/biome': 'biome', 'markdownlint-cli': 'markdownlint' }

function resolve(words: ShellWord[], scope: Scope, walk: Walk): ToolInvocation | ScriptInvocation | string {
  const program = words[0].value as string
  const through = (runnerWords: number, options: RunnerOptions, spec: boolean, dashDash = false) =>
    afterRunner(words, runnerWords, options, spec, dashDash)
  switch (program) {
    case 'npx':
      return through(1, NPX_OPTIONS, true)
    case 'pnpx':
      return through(1, DLX_OPTIONS, true)
    case 'bunx':
      return through(1, BUNX_OPTIONS, true)
    case 'uvx':
      return through(1, UVX_OPTIONS, true)
    case 'npm':
      return resolveNpm(words)
    case 'pnpm':
    case 'yarn':
      return resolvePnpmOrYarn(program, words, scope, walk)
    case 'bun': {
      const sub = words[1]?.value
      if (sub === 'x') return through(2, BUNX_OPTIONS, true)
      if (sub === 'run' && words[2]?.value && !words[2].value.startsWith('-'))
        return scriptOrTool('bun', words, 2, words.slice(0, 1), '', scope, walk)
      return `\`${shorten(joinWords(words))}\` has no fixer self-heal knows`
    }
    case 'python':
    case 'python3':
    case 'py':
      if (words[1]?.value === '-m' && words[2]?.value) return tool(words, 2, true)
      return `\`${shorten(joinWords(words))}\` has no fixer self-heal knows`
    case 'uv':
      if (words[1]?.value === 'run') return through(2, UV_RUN_OPTIONS, false)
      return `\`${shorten(joinWords(words))}\` has no fixer self-heal knows`
    case 'poetry':
    case 'pipenv':
      if (words[1]?.value === 'run' && words[2]?.value && !words[2].value.startsWith('-'))
        return tool(words, 2, true)
      return `\`${shorten(joinWords(words))}\` has no fixer self-heal knows`
    default:
      return tool(words, 0, false)
  }
}

/** The tool at `index`, with the words before it as the runner's prefix. */
function tool(words: ShellWord[], index: number, wrapped: boolean, spec = false): ToolInvocation | string {
  const word = words[index]
  const name = word?.value === undefined ? undefined : toolName(word.value, spec)
  if (name === undefined) return `\`${shorten(joinWords(words))}\` names no program self-heal can read`
  return {
    kind: 'tool',
    prefix: words.slice(0, index),
    tool: name,
    toolWord: word,
    args: words.slice(index + 1),
    wrapped
  }
}

/** The program a word names: a package spec's binary (`prettier@3`), a node_modules/.bin or venv path's name. */
function toolName(value: string, spec: boolean): string {
  let name = value
  const bin = /(?:^|\/)(?:node_modules\/\.bin|\.?venv\/bin)\/([^/]+)$/.exec(name)
  if (bin) name = bin[1]
  if (spec) name = name.replace(/(?<=.)@[^/]*$/, '').replace(/==.*$/, '')
  return own(PACKAGE_BINS, name) ?? name
}

/** The tool after a runner's words and options (`npx --yes prettier`, `uv run --with black -- black`). */
function afterRunner(
  words: ShellWord[],
  runnerWords: number,
  options: RunnerOptions,
  spec: boolean,
  dashDash: boolean
): ToolInvocation | string {
  const index = skipOptions(words, runnerWords, options)
  if (typeof index === 'string') return index
  let prefix = words.slice(0, index)
  // `npm exec` reads the flags after the tool as its own unless `--` comes before the tool.
  if (dashDash && prefix[prefix.length - 1]?.value !== '--') prefix = [...prefix, wordOf('--')]
  const found = tool(words, index, true, spec)
  if (typeof found === 'string') return found
  return { ...found, prefix }
}

/** The index of the first word after a runner's options (and after `--`), or why they are not followed. */
function skipOptions(words: readonly ShellWord[], from: number, options: RunnerOptions): number | string {
  let index = from
  while (index < words.length) {
    const value = words[index].value
    if (value === undefined) return `\`${shorten(joinWords(words))}\` has an option self-heal cannot read`
    if (value === '--') return index + 1
    if (!value.startsWith('-') || value === '-') return index
    const name = value.split('=')[0]
    if (options.refuse?.includes(name))
      return `\`${shorten(joinWords(words))}\` uses \`${name}\`, which self-heal does not follow`
    index += options.values?.includes(name) && !value.includes('=') ? 2 : 1
  }
  return index
}

/** A directory option's value (`--prefix DIR`, `-C=DIR`): `''` when it is not given, undefined when unreadable. */
function directoryOption(
  words: readonly ShellWord[],
  end: number,
  names: readonly string[]
): string | undefined {
  for (let index = 0; index < end; index++) {
    const [name, inline] = (words[index].value ?? '').split(/=(.*)/s, 2)
    if (names.includes(name)) return inline ?? words[index + 1]?.value
  }
  return ''
}

function unreadableDirectory(words: readonly ShellWord[]): string {
  return `\`${shorten(joinWords(words))}\` names its directory in a way self-heal cannot read`
}

/** Looks a key up in a table of this module, never in Object.prototype (`constructor`, `toString`). */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}

function resolveNpm(words: ShellWord[]): ToolInvocation | ScriptInvocation | string {
  const index = skipOptions(words, 1, NPM_OPTIONS)
  if (typeof index === 'string') return index
  const sub = words[index]?.value
  const packageDir = directoryOption(words, index, ['--prefix', '-C'])
  if (packageDir === undefined) return unreadableDirectory(words)
  const managerWords = words.slice(0, index)
  if (sub === 'exec' || sub === 'x') {
    const after = afterRunner(words.slice(index), 1, NPX_OPTIONS, true, true)
    if (typeof after === 'string') return after
    return { ...after, prefix: [...managerWords, ...after.prefix] }
  }
  const script = sub && own(NPM_SCRIPT_COMMANDS, sub)
  if (!script) return `\`${shorten(joinWords(words))}\` has no fixer self-heal knows`
  if (script === 'run') {
    // npm reads options anywhere before `--`; the script gets the other words and all after `--`.
    const rest = words.slice(index + 1)
    const dashDash = rest.findIndex(word => word.value === '--')
    const before = dashDash < 0 ? rest : rest.slice(0, dashDash)
    const positional = before.filter(word => !word.value?.startsWith('-'))
    if (positional.length === 0 || positional[0].value === undefined)
      return `\`${shorten(joinWords(words))}\` names no script self-heal can read`
    const extra = [...positional.slice(1), ...(dashDash < 0 ? [] : rest.slice(dashDash + 1))]
    return { kind: 'script', manager: 'npm', managerWords, packageDir, name: positional[0].value, extra }
  }
  const after = words.slice(index + 1)
  const dashDash = after.findIndex(word => word.value === '--')
  const extra = dashDash < 0 ? after.filter(word => !word.value?.startsWith('-')) : after.slice(dashDash + 1)
  return { kind: 'script', manager: 'npm', managerWords, packageDir, name: script, extra }
}

/** npm's commands that run a script: `run` and its aliases name it; the others are scripts themselves. */
const NPM_SCRIPT_COMMANDS: Record<string, string> = {
  run: 'run',
  'run-script': 'run',
  rum: 'run',
  urn: 'run',
  test: 'test',
  t: 'test',
  tst: 'test',
  start: 'start',
  stop: 'stop',
  restart: 'restart'
}

function resolvePnpmOrYarn(
  manager: 'pnpm' | 'yarn',
  words: ShellWord[],
  scope: Scope,
  walk: Walk
): ToolInvocation | ScriptInvocation | string {
  const index = skipOptions(words, 1, manager === 'pnpm' ? PNPM_OPTIONS : YARN_OPTIONS)
  if (typeof index === 'string') return index
  const packageDir = directoryOption(words, index, manager === 'pnpm' ? ['-C', '--dir'] : ['--cwd'])
  if (packageDir === undefined) return unreadableDirectory(words)
  const managerWords = words.slice(0, index)
  const sub = words[index]?.value
  if (sub === undefined) return `\`${shorten(joinWords(words))}\` has no fixer self-heal knows`
  const prefixed = (found: ToolInvocation | string): ToolInvocation | string =>
    typeof found === 'string' ? found : { ...found, prefix: [...managerWords, ...found.prefix] }
  if (sub === 'exec') return prefixed(tool(words.slice(index), 1, true))
  if (sub === 'dlx') return prefixed(afterRunner(words.slice(index), 1, DLX_OPTIONS, true, false))
  if (sub === 'workspace' || sub === 'workspaces')
    return `\`${shorten(joinWords(words))}\` runs in a workspace self-heal does not look up`
  if (sub === 'run' || sub === 'run-script') {
    const at = skipOptions(words, index + 1, {})
    if (typeof at === 'string') return at
    if (words[at]?.value === undefined)
      return `\`${shorten(joinWords(words))}\` names no script self-heal can read`
    return scriptOrTool(manager, words, at, managerWords, packageDir, scope, walk)
  }
  if (sub.startsWith('-')) return `\`${shorten(joinWords(words))}\` has no fixer self-heal knows`
  return scriptOrTool(manager, words, index, managerWords, packageDir, scope, walk)
}

/** `yarn X`, `pnpm X`, `bun run X`: the script X when package.json has one, else the binary X. */
function scriptOrTool(
  manager: PackageManager,
  words: ShellWord[],
  index: number,
  managerWords: ShellWord[],
  packageDir: string,
  scope: Scope,
  walk: Walk
): ToolInvocation | ScriptInvocation | string {
  const name = words[index].value as string
  const dir = enterDirectory(scope.dir as string, packageDir)
  if (dir === undefined) return outside(packageDir)
  const scripts = readScripts(walk.project, dir)
  if (typeof scripts !== 'string' && name in scripts)
    return { kind: 'script', manager, managerWords, packageDir, name, extra: words.slice(index + 1) }
  const found = tool(words, index, true)
  if (typeof found === 'string' || !own(TOOL_FIXERS, found.tool)) {
    const noScript = typeof scripts === 'string' ? scripts : `${where(dir)} has no \`${name}\` script`
    return `${noScript}, and \`${name}\` has no fixer self-heal knows`
  }
  return found
}

// ---------------------------------------------------------------------------------------------------------------
// Package scripts.

function deriveScript(invocation: ScriptInvocation, scope: Scope, walk: Walk): void {
  const { manager, name, packageDir } = invocation
  const dir = enterDirectory(scope.dir as string, packageDir)
  if (dir === undefined) {
    walk.notes.push(outside(packageDir))
    return
  }
  const scripts = readScripts(walk.project, dir)
  if (typeof scripts === 'string') {
    walk.notes.push(scripts)
    return
  }
  if (!(name in scripts)) {
    walk.notes.push(`${where(dir)} has no \`${name}\` script`)
    return
  }
  const runScript = (script: string): string =>
    [...scope.setup, joinWords([...invocation.managerWords, wordOf('run'), wordOf(script)])].join(' && ')
  for (const twin of [`${name}:fix`, 'fix']) {
    if (twin === name || !(twin in scripts)) continue
    walk.fixers.push({
      command: runScript(twin),
      because: `${where(dir)} has a \`${twin}\` script${twin === 'fix' ? '' : ` beside \`${name}\``}`
    })
    return
  }
  if (scope.depth >= MAX_SCRIPT_DEPTH) {
    walk.notes.push(`the \`${name}\` script is more than ${MAX_SCRIPT_DEPTH} scripts deep`)
    return
  }
  // The script runs in its package's directory, with the arguments given after its name appended.
  const text = [scripts[name], ...invocation.extra.map(word => word.raw)].join(' ')
  const inner: Scope = {
    setup: packageDir ? [...scope.setup, `cd ${quoteWord(packageDir)}`] : [...scope.setup],
    dir,
    depth: scope.depth + 1,
    runner: { manager, scripts }
  }
  const found: Walk = { ...walk, fixers: [], notes: [] }
  deriveLine(text, inner, found)
  for (const fixer of found.fixers)
    walk.fixers.push({ command: fixer.command, because: `${fixer.because} (the \`${name}\` script runs it)` })
  if (found.fixers.length === 0)
    walk.notes.push(
      `${where(dir)} has no \`${name}:fix\` or \`fix\` script, and in the \`${name}\` script ${found.notes.join('; ')}`
    )
}

function readScripts(project: ProjectFiles, dir: string): Record<string, string> | string {
  const path = where(dir)
  const text = project.readFile(path)
  if (text === undefined) return `there is no ${path}`
  let manifest: unknown
  try {
    manifest = JSON.parse(text)
  } catch {
    return `${path} is not valid JSON`
  }
  const scripts = (manifest as { scripts?: unknown } | null)?.scripts
  const result: Record<string, string> = Object.create(null)
  if (scripts && typeof scripts === 'object') {
    for (const [key, value] of Object.entries(scripts)) if (typeof value === 'string') result[key] = value
  }
  return result
}

function outside(packageDir: string): string {
  return `the package directory \`${shorten(packageDir)}\` is outside the repository`
}

function where(dir: string): string {
  return dir ? `${dir}/package.json` : 'package.json'
}

// ---------------------------------------------------------------------------------------------------------------
// The fixers of the tools self-heal knows: the arguments of the fixing command, or why there is none.

interface ToolFix {
  args: ShellWord[]
  because: string
}

type ToolFixer = (args: ShellWord[], context: { scope: Scope; failure: FailureHints }) => ToolFix | string

const is = (word: ShellWord | undefined, ...names: string[]): boolean =>
  word?.value !== undefined && names.some(name => word.value === name || word.value?.startsWith(`${name}=`))
const hasAny = (args: readonly ShellWord[], ...names: string[]): boolean =>
  args.some(word => is(word, ...names))

/** The arguments without the given flags, and without the values of the given options. */
function without(
  args: readonly ShellWord[],
  flags: readonly string[],
  valued: readonly string[] = []
): ShellWord[] {
  const result: ShellWord[] = []
  for (let index = 0; index < args.length; index++) {
    const word = args[index]
    if (word.value !== undefined && flags.includes(word.value)) continue
    if (is(word, ...valued)) {
      if (!word.value?.includes('=')) index++
      continue
    }
    result.push(word)
  }
  return result
}

function insert(args: readonly ShellWord[], at: number, ...values: string[]): ShellWord[] {
  return [...args.slice(0, at), ...values.map(wordOf), ...args.slice(at)]
}

/**
 * A `--fix` fixer: the flag added first unless it (or an alias) is there; flags that contradict it dropped, and
 * report files (`-o report.json`), which would land in the fix.
 */
function addFix(
  tool: string,
  why: string,
  { aliases = [], drop = [], outputs = [] }: { aliases?: string[]; drop?: string[]; outputs?: string[] }
): (args: ShellWord[]) => ToolFix | string {
  return args => {
    if (hasAny(args, '--fix', ...aliases)) return `\`${tool}\` already runs with \`--fix\``
    return { args: insert(without(args, drop, outputs), 0, '--fix'), because: `${why} with \`--fix\`` }
  }
}

/** A check mode dropped (`black --check` → `black`), or replaced (`gofmt -l` → `gofmt -w`). */
function dropCheck(
  tool: string,
  checks: string[],
  why: string,
  replacement?: string
): (args: ShellWord[]) => ToolFix | string {
  return args => {
    const at = args.findIndex(word => word.value !== undefined && checks.includes(word.value))
    if (at < 0) return `\`${tool}\` without ${checks.map(flag => `\`${flag}\``).join(' or ')} is not a check`
    const kept = [...args.slice(0, at), ...without(args.slice(at + 1), checks)]
    const fixed = replacement && !hasAny(kept, replacement) ? insert(kept, at, replacement) : kept
    return { args: fixed, because: why }
  }
}

function subcommandIndex(args: readonly ShellWord[], valued: readonly string[] = []): number {
  for (let index = 0; index < args.length; index++) {
    const value = args[index].value
    if (value === undefined) return -1
    // `cargo +nightly fmt`: a toolchain comes before the subcommand.
    if (!value.startsWith('-') && !value.startsWith('+')) return index
    if (valued.includes(value)) index++
  }
  return -1
}

const prettierCheck = dropCheck(
  'prettier',
  ['--check', '-c', '--list-different', '-l'],
  '`prettier --check` lists the files it would format; `--write` formats them',
  '--write'
)

const prettier: ToolFixer = args =>
  hasAny(args, '--stdin-filepath')
    ? '`prettier --stdin-filepath` formats standard input, not files'
    : prettierCheck(args)

const biome: ToolFixer = args => {
  const at = subcommandIndex(args)
  const sub = args[at]?.value
  if (sub === 'ci') {
    const replaced = [...args.slice(0, at), wordOf('check'), ...args.slice(at + 1)]
    return {
      args: insert(replaced, at + 1, '--write'),
      because:
        '`biome ci` is `biome check` that never writes; `biome check --write` applies its safe fixes and formatting'
    }
  }
  if (sub !== 'check' && sub !== 'lint' && sub !== 'format')
    return `\`${['biome', sub].filter(Boolean).join(' ')}\` has no fixer self-heal knows`
  if (hasAny(args, '--write', '--apply', '--fix')) return `\`biome ${sub}\` already writes its fixes`
  return {
    args: insert(args, at + 1, '--write'),
    because: `\`biome ${sub} --write\` applies its safe fixes${sub === 'lint' ? '' : ' and formatting'}`
  }
}

const ruffFormat = dropCheck(
  'ruff format',
  ['--check', '--diff'],
  '`ruff format` without `--check` formats the files'
)

const ruff: ToolFixer = args => {
  const at = subcommandIndex(args, ['--config'])
  const sub = args[at]?.value
  if (sub === 'check') {
    if (hasAny(args, '--fix')) return '`ruff check` already runs with `--fix`'
    const kept = without(args, ['--no-fix', '--diff'], ['--output-file', '-o'])
    const fixAt = subcommandIndex(kept, ['--config']) + 1
    return { args: insert(kept, fixAt, '--fix'), because: '`ruff check --fix` applies its safe fixes' }
  }
  if (sub === 'format') return ruffFormat(args)
  return '`ruff` without `check` or `format` has no fixer self-heal knows'
}

const cargo: ToolFixer = args => {
  const at = subcommandIndex(args, ['-Z', '--config', '-C'])
  const sub = args[at]?.value
  if (sub === 'fmt') {
    if (!hasAny(args, '--check')) return '`cargo fmt` without `--check` is not a check'
    let kept = without(args, ['--check'])
    if (kept[kept.length - 1]?.value === '--') kept = kept.slice(0, -1)
    return { args: kept, because: '`cargo fmt` without `--check` formats the crate' }
  }
  if (sub === 'clippy') {
    if (hasAny(args, '--fix')) return '`cargo clippy` already runs with `--fix`'
    return {
      args: insert(args, at + 1, '--fix', '--allow-dirty'),
      because:
        "`cargo clippy --fix` applies Clippy's machine-applicable suggestions (`--allow-dirty`: earlier fixers may have changed files)"
    }
  }
  return `\`${['cargo', sub].filter(Boolean).join(' ')}\` has no fixer self-heal knows`
}

/** The failing snapshot test files, relative to the directory the runner starts in. */
function snapshotFiles(scope: Scope, failure: FailureHints): string[] {
  const dir = scope.dir ?? ''
  const files: string[] = []
  for (const file of failure.snapshotFiles ?? []) {
    if (typeof file !== 'string' || /[\0-\x1f\x7f]/.test(file) || !isRepoPath(file)) continue
    const path = normalizeRepoPath(file)
    if (dir && !path.startsWith(`${dir}/`)) continue
    const relative = dir ? path.slice(dir.length + 1) : path
    if (!relative.startsWith('-') && !files.includes(relative)) files.push(relative)
  }
  return files.slice(0, MAX_SNAPSHOT_FILES)
}

const jest: ToolFixer = (args, { scope, failure }) => {
  const files = snapshotFiles(scope, failure)
  if (files.length === 0) return '`jest` has a fixer only for mismatched snapshots, and none mismatched'
  if (hasAny(args, '-u', '--updateSnapshot')) return '`jest` already runs with `-u`'
  // Jest reads file arguments as regular expressions over the path.
  const patterns = files.map(file => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return {
    args: [...without(args, ['--watch', '--watchAll'], ['--outputFile']), ...['-u', ...patterns].map(wordOf)],
    because: `Jest rewrites the mismatched snapshots of ${describeFiles(files)} with \`-u\``
  }
}

const VITEST_COMMANDS = new Set(['run', 'watch', 'dev', 'related', 'bench', 'list', 'init'])

const vitest: ToolFixer = (args, { scope, failure }) => {
  const files = snapshotFiles(scope, failure)
  if (files.length === 0) return '`vitest` has a fixer only for mismatched snapshots, and none mismatched'
  if (hasAny(args, '-u', '--update')) return '`vitest` already runs with `-u`'
  const sub = args[0]?.value
  if (sub !== undefined && VITEST_COMMANDS.has(sub) && sub !== 'run' && sub !== 'watch' && sub !== 'dev')
    return `\`vitest ${sub}\` has no fixer self-heal knows`
  // `run`: one run, never watch mode, whatever the terminal.
  const once =
    sub === 'run' ? args : [wordOf('run'), ...(sub === 'watch' || sub === 'dev' ? args.slice(1) : args)]
  return {
    args: [...without(once, [], ['--outputFile']), ...['-u', ...files].map(wordOf)],
    because: `Vitest rewrites the mismatched snapshots of ${describeFiles(files)} with \`-u\``
  }
}

function describeFiles(files: readonly string[]): string {
  return files.length === 1 ? files[0] : `the ${files.length} failing test files`
}

const gofmt = (tool: string): ToolFixer =>
  dropCheck(tool, ['-l', '-d'], `\`${tool} -w\` rewrites the files \`${tool} -l\` lists`, '-w')

const TOOL_FIXERS: Record<string, ToolFixer> = {
  prettier,
  eslint: addFix('eslint', "ESLint applies its rules' automatic fixes", {
    drop: ['--fix-dry-run'],
    outputs: ['-o', '--output-file']
  }),
  biome,
  stylelint: addFix('stylelint', 'Stylelint fixes what its rules can', { outputs: ['-o', '--output-file'] }),
  markdownlint: addFix('markdownlint', 'markdownlint fixes what its rules can', {
    aliases: ['-f'],
    outputs: ['-o', '--output']
  }),
  'markdownlint-cli2': addFix('markdownlint-cli2', 'markdownlint-cli2 fixes what its rules can', {}),
  ruff,
  black: dropCheck('black', ['--check', '--diff'], '`black` without `--check` formats the files'),
  isort: dropCheck(
    'isort',
    ['--check', '--check-only', '-c', '--diff'],
    '`isort` without `--check` sorts the imports'
  ),
  gofmt: gofmt('gofmt'),
  goimports: gofmt('goimports'),
  gofumpt: gofmt('gofumpt'),
  cargo,
  jest,
  vitest
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ')
  return line.length > MAX_QUOTED ? `${line.slice(0, MAX_QUOTED - 1)}…` : line
}

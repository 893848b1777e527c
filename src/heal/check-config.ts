/**
 * The check's own definition, where it lives in files a fix may otherwise change: the keys of package.json that
 * configure scripts and tools (`scripts`, `jest`, `eslintConfig`…, while its dependencies stay open to a fix), the
 * tool tables of pyproject.toml and the lint, target and profile tables of Cargo.toml, and the files the check
 * command runs (`bash scripts/lint.sh`, `./ci.sh`, `npm test` whose script runs a file, `--config x.js`).
 *
 * When the whole old and new package.json are known (an added file, or the base through `readBase`), their keys
 * are compared as JSON, so reformatting the file changes nothing. Otherwise each changed line is placed by the
 * lines the hunk shows around it; a line the hunk cannot place is accepted only when it is plainly a dependency
 * (`"name": "^1.2.3"`), since a version is no command and no setting.
 */
import { normalizeRepoPath } from '../paths.js'
import type { FileSides, ReadBase } from './sides.js'

/** package.json keys that configure how checks run. */
export const PACKAGE_JSON_CHECK_KEYS: readonly string[] = [
  'scripts',
  'jest',
  'eslintConfig',
  'eslintIgnore',
  'prettier',
  'ava',
  'mocha',
  'c8',
  'nyc',
  'vitest',
  'stylelint',
  'lint-staged',
  'husky',
  'babel',
  'xo',
  'standard',
  'tap',
  'jshintConfig',
  'config',
  'workspaces',
  'pre-commit',
  'simple-git-hooks',
  'tsd',
  'knip',
  'remarkConfig',
  'markdownlint',
  'commitlint',
  'jscpd',
  'size-limit',
  'typeCoverage'
]

/** package.json keys whose content is dependencies: a fix may bump them. */
const PACKAGE_JSON_DEPENDENCY_KEYS = new Set([
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
  'bundleDependencies',
  'bundledDependencies',
  'peerDependenciesMeta',
  'overrides',
  'resolutions'
])

/** A change to the check's definition. */
export interface FoundCheckConfig {
  /** 1-based new-file line (for a removed line: where it was). */
  line?: number
  /** What it changes, as a noun phrase (`its 'scripts' key`). */
  what: string
}

/** A version or range: `^1.2.3`, `>=1 <2`, `1.x || 2.x` (each separator followed by a version, so it is linear). */
const VERSION = '[~^<>=!]{0,2}v?\\d[\\w.*+-]{0,60}'
const RANGE = `${VERSION}(?:(?:\\s*(?:\\|\\||,)\\s*|\\s+)${VERSION}){0,8}`
/** A dependency line: a name and a version (`"left-pad": "^1.3.0",`, `serde = "1.0"`, `"requests>=2.31",`). */
const DEPENDENCY_LINE = new RegExp(
  `^\\s*"?[@\\w./-]{1,214}"?\\s*[:=]\\s*(?:"(?:${RANGE}|npm:[@\\w./-]{1,214}@[\\w.^~*-]{1,60}|workspace:[\\w.^~*-]{1,60})"` +
    `|\\{[^}]{0,300}\\bversion\\s*=\\s*"${RANGE}"[^}]{0,300}\\})\\s*(?:,\\s*)?$` +
    `|^\\s*"[A-Za-z0-9_.[\\],-]{1,214}\\s*(?:[<>=!~]=?|===)\\s*[\\d.*]{1,60}[^"]{0,100}"\\s*(?:,\\s*)?$`
)
/** A line of punctuation only (`},`, `]`). */
const STRUCTURAL_LINE = /^[\s{}[\],]*$/

/** The changed keys of package.json that configure checks. */
export function packageJsonChanges(sides: FileSides): FoundCheckConfig[] {
  const oldText = sides.oldText
  const newText = sides.after.length === 0 ? '' : sides.newText
  if (oldText !== undefined && newText !== undefined) {
    const before = parseObject(oldText)
    const after = parseObject(newText)
    if (before && after) {
      const ranges = topLevelKeys(newText)
      const added = [...sides.added].sort((a, b) => a - b)
      return PACKAGE_JSON_CHECK_KEYS.filter(
        key => JSON.stringify(before[key]) !== JSON.stringify(after[key])
      ).map(key => {
        const own = ranges.filter(range => range.key === key)
        // The first added line under the key, else where the key is, else the first change (it was removed).
        const line =
          added.find(n => own.some(range => n >= range.from && n <= range.to)) ??
          own[0]?.from ??
          firstChanged(sides)
        return { line, what: `its '${key}' key` }
      })
    }
  }
  return changedLines(sides, (lines, index) => {
    const place = placeInJson(lines, index)
    if (place.protected) return `its '${place.protected}' key`
    if (place.safe) return undefined
    const line = lines[index]
    if (DEPENDENCY_LINE.test(line) || STRUCTURAL_LINE.test(line)) return undefined
    return "a line whose key the diff does not show (it may be under 'scripts' or a tool's settings)"
  })
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {}
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** The top-level keys of a JSON object text, each with its 1-based lines (a repeated key has several). */
function topLevelKeys(text: string): Array<{ key: string; from: number; to: number }> {
  const keys: Array<{ key: string; from: number; to: number }> = []
  let depth = 0
  let line = 1
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '\n') line++
    else if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') depth--
    else if (c === '"') {
      let k = i + 1
      while (k < text.length && text[k] !== '"' && text[k] !== '\n') k += text[k] === '\\' ? 2 : 1
      if (depth === 1 && /^\s*:/.test(text.slice(k + 1, k + 20))) {
        const last = keys[keys.length - 1]
        if (last) last.to = line - 1
        keys.push({ key: text.slice(i + 1, k), from: line, to: Number.MAX_SAFE_INTEGER })
      }
      i = k
    }
  }
  return keys
}

/** Where a line of a piece of JSON is: under a protected key, under a dependency key, or unknown. */
function placeInJson(lines: string[], index: number): { protected?: string; safe?: boolean } {
  const keyOf = (line: string): string | undefined => /^\s*"([^"]{1,214})"\s*:/.exec(line)?.[1]
  const indent = (line: string): number => /^\s*/.exec(line)?.[0].length ?? 0
  const own = keyOf(lines[index])
  if (own && PACKAGE_JSON_CHECK_KEYS.includes(own) && indent(lines[index]) <= 2) return { protected: own }
  // The openers above the line, innermost first: `"key": {` with less indentation than the line.
  const chain: string[] = []
  let limit = indent(lines[index])
  for (let k = index - 1; k >= 0 && limit > 0; k--) {
    const line = lines[k]
    if (line.trim() === '' || indent(line) >= limit) continue
    const key = keyOf(line)
    if (key !== undefined && /[{[]\s*$/.test(line)) chain.push(key)
    else if (!/^\s*[{[]\s*$/.test(line)) continue
    limit = indent(line)
  }
  const found = chain.find(key => PACKAGE_JSON_CHECK_KEYS.includes(key))
  if (found) return { protected: found }
  const outermost = chain[chain.length - 1]
  if (outermost !== undefined && PACKAGE_JSON_DEPENDENCY_KEYS.has(outermost)) return { safe: true }
  // A line whose opener the piece shows at the top level (`{` at indent 0) is a top-level key.
  if (
    own !== undefined &&
    !PACKAGE_JSON_CHECK_KEYS.includes(own) &&
    indent(lines[index]) <= 2 &&
    limit === 0
  ) {
    return { safe: !/[{[]\s*$/.test(lines[index]) || PACKAGE_JSON_DEPENDENCY_KEYS.has(own) }
  }
  return {}
}

/** Runs `judge` on every changed line of both sides, with the lines of its piece; one finding per reason. */
function changedLines(
  sides: FileSides,
  judge: (lines: string[], index: number) => string | undefined
): FoundCheckConfig[] {
  const found = new Map<string, FoundCheckConfig>()
  const visit = (
    pieces: FileSides['after'],
    changed: ReadonlySet<number>,
    at: (line: number) => number
  ): void => {
    for (const piece of pieces) {
      const lines = piece.text.split('\n').map(line => line.replace(/\r$/, ''))
      lines.forEach((_, index) => {
        const line = piece.first + index
        if (!changed.has(line)) return
        const what = judge(lines, index)
        if (what !== undefined && !found.has(what)) found.set(what, { line: at(line), what })
      })
    }
  }
  visit(sides.after, sides.added, line => line)
  visit(sides.before, sides.removed, line => sides.removedAt.get(line) ?? line)
  return [...found.values()].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
}

function firstChanged(sides: FileSides): number | undefined {
  const added = [...sides.added].sort((a, b) => a - b)[0]
  const removed = [...sides.removed].map(line => sides.removedAt.get(line) ?? line).sort((a, b) => a - b)[0]
  return added ?? removed
}

/** Tables of pyproject.toml a fix may change: the project's metadata and dependencies. */
const PYPROJECT_OPEN =
  /^(?:project(?:\..*)?|build-system|dependency-groups|tool\.poetry\.(?:dependencies|dev-dependencies|group\.[^.]+\.dependencies)|tool\.pdm\.dev-dependencies|tool\.uv\.sources)$/
/** Tables of Cargo.toml that configure lints, targets (`test = false`), profiles and features. */
const CARGO_PROTECTED =
  /^(?:lints|workspace\.lints|lib|bin|test|bench|example|profile|features|badges)(?:\.|$)/
/** Keys of Cargo.toml's [package] that turn test discovery off or run a build script. */
const CARGO_PACKAGE_KEYS = /^\s*(?:autotests|autobenches|autobins|autoexamples|build)\s*=/

/** The changed tables of a TOML file (`pyproject.toml`, `Cargo.toml`) that configure checks. */
export function tomlChanges(name: 'pyproject.toml' | 'cargo.toml', sides: FileSides): FoundCheckConfig[] {
  const guarded = (table: string, line: string): boolean =>
    name === 'pyproject.toml'
      ? table === ''
        ? /^\s*tool\s*\./.test(line)
        : !PYPROJECT_OPEN.test(table)
      : CARGO_PROTECTED.test(table) || (table === 'package' && CARGO_PACKAGE_KEYS.test(line))
  return changedLines(sides, (lines, index) => {
    const table = tableOf(
      lines,
      index,
      sides.after.some(side => side.whole) || sides.before.some(side => side.whole)
    )
    if (table === undefined) {
      return DEPENDENCY_LINE.test(lines[index]) || lines[index].trim() === ''
        ? undefined
        : "a line whose table the diff does not show (it may be a tool's settings)"
    }
    return guarded(table, lines[index]) ? `its [${table}] table` : undefined
  })
}

/** The TOML table a line is in (`''` for the root when the text is whole), or undefined when not shown. */
function tableOf(lines: string[], index: number, whole: boolean): string | undefined {
  for (let k = index; k >= 0; k--) {
    const header = /^\s*\[\[?\s*([^\]]{1,200}?)\s*\]\]?\s*(?:#.*)?$/.exec(lines[k])
    if (header) return header[1].replace(/\s*\.\s*/g, '.').replace(/["']/g, '')
  }
  return whole ? '' : undefined
}

/** Programs that run the file they are given. */
const INTERPRETERS =
  /^(?:bash|sh|zsh|dash|ksh|node|nodejs|python[\d.]*|tsx|ts-node|ruby|perl|php|pwsh|bun|deno|bats|\.|source)$/
/** Wrappers that run the command after them. */
const WRAPPERS = /^(?:env|sudo|time|exec|nice|nohup|npx|pnpx|bunx|cross-env|dotenv|xvfb-run|command)$/
/** Options whose value is a configuration file of the check. */
const CONFIG_OPTIONS =
  /^(?:-c|--config|-p|--project|--rcfile|--settings|--setup|--config-file|--configFile|-f|--file|--makefile|--ignore-path)$/
const SCRIPT_FILE = /\.(?:sh|bash|zsh|py|js|mjs|cjs|ts|mts|cts|rb|pl|ps1|php|bats)$/

/**
 * The files a check command runs or reads as its configuration, each with the command that does: programs named
 * by path, files given to an interpreter, `--config` values, and through `npm run`/`yarn`/`pnpm` the scripts of
 * package.json (read by `read`, from the base), and through shell scripts the commands they run.
 */
export function filesRunByCheck(check: string, read?: ReadBase): Map<string, string> {
  const found = new Map<string, string>()
  const seen = new Set<string>()
  /** The repository path of `file` named from `cwd`, or undefined when it leaves the repository. */
  const resolve = (cwd: string, file: string): string | undefined => {
    try {
      return normalizeRepoPath(cwd === '' ? file : `${cwd}/${file}`)
    } catch {
      return undefined
    }
  }
  const record = (path: string | undefined, via: string): void => {
    if (path && !found.has(path)) found.set(path, via)
  }
  const add = (cwd: string, file: string, via: string): void => record(resolve(cwd, file), via)
  /**
   * A file the check runs. Named in a shell script the check runs, only another shell script is the check's
   * definition: a program it starts there (`node src/app.js`) is as likely the code under test.
   */
  const runFile = (
    cwd: string,
    file: string,
    via: string,
    depth: number,
    inScript: boolean,
    shell: boolean
  ): void => {
    const path = resolve(cwd, file)
    if (path === undefined || (inScript && !shell && !isShellScript(path, read?.(path)))) return
    record(path, via)
    visitScript(path, cwd, via, depth)
  }
  const visit = (script: string, cwdStart: string, via: string, depth: number, inScript = false): void => {
    if (depth > 5 || seen.has(`${cwdStart}\0${script}`)) return
    seen.add(`${cwdStart}\0${script}`)
    let cwd = cwdStart
    for (const words of commandsOf(script)) {
      let k = 0
      while (k < words.length && (/^\w+=/.test(words[k]) || WRAPPERS.test(words[k]))) k++
      const [program = '', ...args] = words.slice(k)
      const name = program.replace(/^.*\//, '')
      if (program === 'cd') {
        const target = args[0] ?? ''
        cwd = target.startsWith('/') ? cwd : joinPath(cwd, target)
        continue
      }
      if (program.includes('/') || SCRIPT_FILE.test(program)) {
        runFile(cwd, program, via, depth, inScript, false)
      }
      if (INTERPRETERS.test(name)) {
        const shell = SHELLS.test(name)
        for (let a = 0; a < args.length; a++) {
          if (args[a] === '-c' && shell) {
            visit(args[a + 1] ?? '', cwd, via, depth + 1, inScript)
            args.splice(a)
            break
          }
          if (args[a] === '-m' || args[a] === '-e' || args[a] === '--eval') break
          if (args[a].startsWith('-') || args[a] === 'run' || args[a] === 'test') continue
          if (args[a].includes('/') || SCRIPT_FILE.test(args[a])) {
            runFile(cwd, args[a], via, depth, inScript, shell)
          }
          break
        }
      }
      if (/^(?:npm|yarn|pnpm|bun)$/.test(name)) {
        const rest = args.filter(arg => !arg.startsWith('-'))
        let target = rest[0]
        if (target === 'run' || target === 'run-script') target = rest[1]
        else if (target === 't') target = 'test'
        const scripts = readScripts(read, cwd)
        if (target !== undefined && scripts) {
          for (const each of [`pre${target}`, target, `post${target}`]) {
            const body = scripts[each]
            if (typeof body === 'string') visit(body, cwd, via, depth + 1, inScript)
          }
        }
      }
      if (name === 'make') {
        for (let a = 0; a < args.length; a++) if (args[a] === '-f' && args[a + 1]) add(cwd, args[a + 1], via)
      }
      for (let a = 0; a < args.length; a++) {
        const [option, inline] = args[a].split('=', 2)
        const value = inline ?? (CONFIG_OPTIONS.test(option) ? args[a + 1] : undefined)
        if (CONFIG_OPTIONS.test(option) && value && /^[^\s*?]+\.\w{1,10}$/.test(value)) add(cwd, value, via)
      }
    }
  }
  /** A shell script the check runs (from `cwd`): what it runs is the check too. */
  const visitScript = (path: string, cwd: string, via: string, depth: number): void => {
    const text = read?.(path)
    if (text === undefined || !isShellScript(path, text)) return
    visit(text, cwd, via, depth + 1, true)
  }
  visit(check, '', check, 0)
  return found
}

const SHELLS = /^(?:ba|z|da|k)?sh$/

/** A shell script by its name, or by its first line when its text is known. */
function isShellScript(path: string, text: string | undefined): boolean {
  return (
    /\.(?:sh|bash|zsh|bats)$/.test(path) || (text !== undefined && /^#!.*\b(?:ba|z|da|k)?sh\b/.test(text))
  )
}

function joinPath(cwd: string, target: string): string {
  const parts = cwd === '' ? [] : cwd.split('/')
  for (const part of target.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.' && part !== '') parts.push(part)
  }
  return parts.join('/')
}

function readScripts(read: ReadBase | undefined, cwd: string): Record<string, unknown> | undefined {
  const text = read?.(cwd === '' ? 'package.json' : `${cwd}/package.json`)
  const scripts = text === undefined ? undefined : parseObject(text)?.scripts
  return scripts && typeof scripts === 'object' ? (scripts as Record<string, unknown>) : undefined
}

/** Splits shell text into commands (at `&&`, `||`, `;`, `|`, `&`, line breaks and parentheses) of words. */
export function commandsOf(script: string): string[][] {
  const commands: string[][] = []
  let words: string[] = []
  let word: string | undefined
  const endWord = (): void => {
    if (word !== undefined) words.push(word)
    word = undefined
  }
  const endCommand = (): void => {
    endWord()
    if (words.length > 0) commands.push(words)
    words = []
  }
  for (let i = 0; i < script.length; i++) {
    const c = script[i]
    if (c === "'" || c === '"') {
      const end = script.indexOf(c, i + 1)
      const to = end < 0 ? script.length : end
      word = (word ?? '') + script.slice(i + 1, to)
      i = to
    } else if (c === '\\' && i + 1 < script.length) {
      if (script[i + 1] !== '\n') word = (word ?? '') + script[i + 1]
      i++
    } else if (c === '#' && word === undefined) {
      const end = script.indexOf('\n', i)
      i = end < 0 ? script.length : end - 1
    } else if (c === ' ' || c === '\t' || c === '\r') endWord()
    else if (c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')') endCommand()
    else word = (word ?? '') + c
  }
  endCommand()
  return commands
}

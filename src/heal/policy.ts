/**
 * The fix policy (step 6, "police", of the healing loop): before a fixer's diff, or a remembered one, is verified
 * and proposed, it must stay within the paths the user allows, within size limits, away from workflows, lock files,
 * tests and the check's own definition, and must not switch a check off (an added `eslint-disable`, `@ts-ignore`,
 * `.skip(`, `continue-on-error`) or weaken a test. A fixer is untrusted code: every rule holds however the change is
 * spelt. Pure and synchronous: it reads the diff, and the base files only through the context's `readBase`.
 */
import picomatch from 'picomatch/posix.js'
import type { CheckKind } from '../commands/check.js'
import { DiffParseError, parseGitDiff, type FilePatch } from '../diff/parse.js'
import { ConfigurationError, errorMessage } from '../errors.js'
import { normalizeRepoGlob, normalizeRepoPath } from '../paths.js'
import { filesRunByCheck, packageJsonChanges, tomlChanges } from './check-config.js'
import { fileSides, type FileSides, type ReadBase } from './sides.js'
import { findSuppressions } from './suppressions.js'
import { findWeakenedTests, isSnapshotFile, isTestFile } from './tests.js'
import type { HealAttempt } from './types.js'
import type { Logger } from '../log.js'

/** What a fix may change. Build one with parsePolicy; every key has a default (DEFAULT_POLICY). */
export interface FixPolicy {
  /** Globs a changed path must match (at least one); `['**']` allows every path. */
  allow: readonly string[]
  /** Globs no changed path may match, on top of the built-in protected files. */
  deny: readonly string[]
  /** Accept changes to `.github/workflows/**` and `.github/actions/**`. */
  allowWorkflows: boolean
  /**
   * Accept changes to the check's own definition: linter, formatter, type-checker and test-runner configuration
   * and ignore files, package.json scripts and tool keys, task files, and the files the check command runs.
   */
  allowCheckConfig: boolean
  /** Accept changes to test files (a change that weakens a test is refused even so). */
  allowTestChanges: boolean
  /** Accept changes to dependency lock files. */
  allowLockFiles: boolean
  /** Accept changes to `.gitattributes`, `.gitmodules`, `CODEOWNERS` and `.github/settings.yml`. */
  allowRepositoryConfig: boolean
  /** Accept deleted files, and renames (which remove the old path). */
  allowDeletions: boolean
  /** Accept added or changed binary files. */
  allowBinary: boolean
  /** Accept setting or clearing the executable bit (including a file added as executable). */
  allowModeChanges: boolean
  /** Accept added symlinks and changed symlink targets. */
  allowSymlinks: boolean
  /** Accept added, removed or moved submodules. */
  allowSubmodules: boolean
  /** Most files a fix may touch (inclusive). */
  maxFiles: number
  /** Most changed lines (added plus removed) a fix may have (inclusive). */
  maxLines: number
  /** `refuse` (default) refuses added suppressions; `allow` accepts them. */
  suppressions: 'refuse' | 'allow'
}

/** The policy used when the user sets nothing: every path, nothing protected, no suppression, a reviewable size. */
export const DEFAULT_POLICY: Readonly<FixPolicy> = Object.freeze({
  allow: Object.freeze(['**']),
  deny: Object.freeze([]),
  allowWorkflows: false,
  allowCheckConfig: false,
  allowTestChanges: false,
  allowLockFiles: false,
  allowRepositoryConfig: false,
  allowDeletions: false,
  allowBinary: false,
  allowModeChanges: false,
  allowSymlinks: false,
  allowSubmodules: false,
  maxFiles: 20,
  maxLines: 500,
  suppressions: 'refuse'
})

/** The rule a violation breaks. */
export type PolicyRule =
  | 'malformed'
  | 'outside-work-files'
  | 'path-outside'
  | 'path-denied'
  | 'path-not-allowed'
  | 'workflow'
  | 'check-config'
  | 'test-file'
  | 'weakened-test'
  | 'lock-file'
  | 'repository-config'
  | 'deletion'
  | 'binary'
  | 'mode'
  | 'symlink'
  | 'submodule'
  | 'too-many-files'
  | 'too-many-lines'
  | 'suppression'

/** One reason a diff was refused. */
export interface PolicyViolation {
  /** The rule. */
  rule: PolicyRule
  /** The repository path it is about (as written in the diff when it is not a valid path). */
  file?: string
  /** The 1-based line in the new file it is about, when there is one. */
  line?: number
  /** For a suppression: what kind it is (`eslint-disable`, `skipped test`, …). */
  kind?: string
  /** The policy key that would accept it, when one would. */
  key?: keyof FixPolicy
  /** What was wrong and what the user can change. */
  message: string
}

/** What checkPolicy may know besides the diff. Every field is optional. */
export interface PolicyContext {
  /** The check command (`npm test`, `bash scripts/lint.sh`): the files it runs are part of its definition. */
  check?: string
  /** The kind of check that failed. */
  kind?: CheckKind
  /** The failure is a snapshot mismatch: a fix may then update snapshot files (`__snapshots__/*.snap`). */
  snapshotFailure?: boolean
  /**
   * Reads a file of the base the diff applies to (undefined when it has none). With it, whole files are read:
   * package.json keys are compared as JSON, and a hunk is read with the lines around it.
   */
  readBase?: ReadBase
}

/** Size of a diff. */
export interface DiffStats {
  /** Files touched (a rename, or a file replaced by a symlink, counts once; binary files count). */
  files: number
  /** Added lines of text hunks. */
  added: number
  /** Removed lines of text hunks. */
  removed: number
}

/** `pass`: the diff may be verified; `refused`: see violations; `empty`: the diff changes nothing, so it is no fix. */
export type PolicyOutcome = 'pass' | 'refused' | 'empty'

/** What checkPolicy decided. */
export interface PolicyVerdict {
  /** True only for `pass`. */
  ok: boolean
  /** The outcome. */
  outcome: PolicyOutcome
  /** Every reason for a refusal (empty for `pass` and `empty`). */
  violations: PolicyViolation[]
  /** The diff's size. */
  stats: DiffStats
}

/** A built-in group of files a fix may only change when its key says so. */
export interface ProtectedFiles {
  /** The rule a change breaks. */
  rule: 'workflow' | 'check-config' | 'lock-file' | 'repository-config'
  /** The key that accepts it. */
  key: 'allowWorkflows' | 'allowCheckConfig' | 'allowLockFiles' | 'allowRepositoryConfig'
  /** What the files are, for messages. */
  what: string
  /** Why a fix should not change them. */
  why: string
  /** Globs (matched case-insensitively). */
  globs: readonly string[]
}

const anyDepth = (names: string): string[] => names.split(' ').map(name => `**/${name}`)

/** The built-in protected files, by group. */
export const PROTECTED_FILES: readonly ProtectedFiles[] = [
  {
    rule: 'workflow',
    key: 'allowWorkflows',
    what: 'a workflow or composite action',
    why:
      "it runs in CI with the repository's secrets, and pushing it needs a token with the `workflows` permission " +
      '(a GITHUB_TOKEN never has it)',
    globs: ['.github/workflows', '.github/actions']
  },
  {
    rule: 'check-config',
    key: 'allowCheckConfig',
    what:
      "part of the check's own definition (configuration of a linter, formatter, type checker or test runner, " +
      'an ignore file, a task file, the action)',
    why: 'changing it can switch the failing check off instead of fixing what it found',
    globs: [
      // The root action.yml defines what the action itself runs.
      'action.yml',
      'action.yaml',
      ...anyDepth(
        '.eslintrc .eslintrc.* eslint.config.* .eslintignore .prettierrc .prettierrc.* prettier.config.* ' +
          '.prettierignore tsconfig*.json jsconfig*.json jest.config.* jest.setup.* jest.preset.* setupTests.* ' +
          'vite.config.* vitest.config.* vitest.workspace.* vitest.setup.* ava.config.* .mocharc* karma.conf.* ' +
          'playwright.config.* cypress.config.* .c8rc* .nycrc* biome.json biome.jsonc .oxlintrc.json deno.json ' +
          'deno.jsonc .babelrc .babelrc.* babel.config.* .swcrc .stylelintrc* stylelint.config.* .stylelintignore ' +
          '.markdownlint* .jshintrc .jshintignore .jscsrc .lintstagedrc* lint-staged.config.* .husky ' +
          'commitlint.config.* .commitlintrc* cspell.json .cspell.json cspell.config.* knip.json knip.jsonc ' +
          'knip.config.* dprint.json .dprint.json .textlintrc* .remarkrc* .htmlhintrc .editorconfig .gitignore ' +
          '.ignore .pre-commit-config.yaml .flake8 .pylintrc pylintrc setup.cfg tox.ini pytest.ini conftest.py ' +
          'noxfile.py mypy.ini .mypy.ini ruff.toml .ruff.toml .coveragerc pyrightconfig.json .isort.cfg ' +
          '.pydocstyle .pydocstyle.ini .bandit .pyre_configuration .golangci.yml .golangci.yaml .golangci.toml ' +
          '.golangci.json staticcheck.conf revive.toml clippy.toml .clippy.toml rustfmt.toml .rustfmt.toml ' +
          'deny.toml .cargo/config .cargo/config.toml .rubocop.yml .rubocop_todo.yml .standard.yml .rspec ' +
          '.simplecov phpstan.neon phpstan.neon.dist psalm.xml phpcs.xml .phpcs.xml phpcs.xml.dist phpunit.xml ' +
          'phpunit.xml.dist .swiftlint.yml .swiftformat analysis_options.yaml detekt.yml checkstyle.xml pmd.xml ' +
          'spotbugs-exclude.xml lint.xml .scalafmt.conf .scalafix.conf .credo.exs .formatter.exs .globalconfig ' +
          '*.ruleset .clang-tidy .clang-format CPPLINT.cfg .yamllint .yamllint.yml .yamllint.yaml .shellcheckrc ' +
          '.hadolint.yaml .hadolint.yml codecov.yml .codecov.yml .semgrepignore sonar-project.properties ' +
          '.sonarcloud.properties .vale.ini typos.toml _typos.toml .typos.toml ' +
          // Task files define the targets a check runs.
          'Makefile makefile GNUmakefile *.mk justfile Justfile .justfile Taskfile.yml Taskfile.yaml ' +
          'Taskfile.dist.yml Taskfile.dist.yaml taskfile.yml taskfile.yaml Rakefile'
      )
    ]
  },
  {
    rule: 'lock-file',
    key: 'allowLockFiles',
    what: 'a dependency lock file',
    why: 'it pins what gets installed, and a changed one can point at other packages without it showing',
    globs: anyDepth(
      'package-lock.json npm-shrinkwrap.json yarn.lock pnpm-lock.yaml bun.lock bun.lockb deno.lock ' +
        'Cargo.lock go.sum poetry.lock Pipfile.lock uv.lock pdm.lock Gemfile.lock composer.lock ' +
        'packages.lock.json Package.resolved pubspec.lock mix.lock flake.lock gradle.lockfile conan.lock'
    )
  },
  {
    rule: 'repository-config',
    key: 'allowRepositoryConfig',
    what: 'repository configuration',
    why: 'it changes how git and GitHub treat files, submodules or reviews',
    globs: [...anyDepth('.gitattributes CODEOWNERS'), '.gitmodules', '.github/settings.yml']
  }
]

/** A compiled glob list: returns the first glob a path matches. */
type Matcher = (path: string) => string | undefined

/** A glob also matches everything below what it names (`docs` is `docs` and `docs/**`). */
function compile(globs: readonly string[], nocase: boolean): Matcher {
  const compiled = globs.map(glob => {
    const base = glob.replace(/\/+$/, '')
    return { glob, isMatch: picomatch([base, `${base}/**`], { dot: true, nocase }) }
  })
  return path => compiled.find(entry => entry.isMatch(path))?.glob
}

/** The policy's rules, compiled once per check. */
interface Compiled {
  policy: FixPolicy
  context: PolicyContext
  /** Files the check command runs (lower case), each with the command that does. */
  runByCheck: Map<string, string>
  allow: Matcher
  deny: Matcher
  protected: Array<{ group: ProtectedFiles; match: Matcher }>
}

/**
 * Checks a diff (git's text, or patches parseGitDiff made) against a policy. A diff that cannot be parsed is
 * refused (`malformed`), never thrown; an invalid policy throws ConfigurationError.
 */
export function checkPolicy(
  diff: string | Uint8Array | readonly FilePatch[],
  policy: Partial<FixPolicy> = DEFAULT_POLICY,
  context: PolicyContext = {}
): PolicyVerdict {
  const rules = compilePolicy(parsePolicy(policy), context)
  const stats: DiffStats = { files: 0, added: 0, removed: 0 }
  let patches: readonly FilePatch[]
  if (typeof diff === 'string' || diff instanceof Uint8Array) {
    try {
      patches = parseGitDiff(diff)
    } catch (error) {
      if (!(error instanceof DiffParseError)) throw error
      const message = `${error.message}. The fix was refused: take the diff again with \`git diff --binary\`.`
      return { ok: false, outcome: 'refused', violations: [{ rule: 'malformed', message }], stats }
    }
  } else patches = diff
  if (patches.length === 0) return { ok: false, outcome: 'empty', violations: [], stats }

  const violations: PolicyViolation[] = []
  const seen = new Set<string>()
  const add = (violation: PolicyViolation): void => {
    const id = `${violation.rule}\0${violation.file ?? ''}\0${violation.line ?? ''}`
    if (seen.has(id)) return
    seen.add(id)
    violations.push(violation)
  }

  // git shows a file replaced by a symlink (or the reverse) as a deletion and an addition of the same path.
  const addedPaths = new Set(patches.filter(p => p.kind === 'add').map(p => p.newPath))
  const files = new Set<string>()
  for (const patch of patches) {
    files.add(patch.newPath ?? patch.oldPath ?? '')
    for (const hunk of patch.hunks) {
      for (const line of hunk.lines) {
        if (line.kind === '+') stats.added++
        else if (line.kind === '-') stats.removed++
      }
    }
    checkPatch(patch, rules, addedPaths, add)
  }
  stats.files = files.size

  const { maxFiles, maxLines } = rules.policy
  if (stats.files > maxFiles) {
    add({
      rule: 'too-many-files',
      key: 'maxFiles',
      message:
        `The fix changes ${stats.files} files, more than maxFiles (${maxFiles}): a large fix is hard to ` +
        'review. Make the fixer change less, or raise maxFiles.'
    })
  }
  const lines = stats.added + stats.removed
  if (lines > maxLines) {
    add({
      rule: 'too-many-lines',
      key: 'maxLines',
      message:
        `The fix changes ${lines} lines (${stats.added} added, ${stats.removed} removed), more than maxLines ` +
        `(${maxLines}): a large fix is hard to review. Make the fixer change less, or raise maxLines.`
    })
  }
  const ok = violations.length === 0
  return { ok, outcome: ok ? 'pass' : 'refused', violations, stats }
}

function compilePolicy(policy: FixPolicy, context: PolicyContext): Compiled {
  const runByCheck = new Map<string, string>()
  if (context.check && !policy.allowCheckConfig) {
    for (const [path, via] of filesRunByCheck(context.check, context.readBase))
      runByCheck.set(path.toLowerCase(), via)
  }
  return {
    policy,
    context,
    runByCheck,
    // Fail closed on case: a path must match an allow glob exactly, and matches deny globs in any case (a
    // case-insensitive checkout writes `.GitHub/Workflows/x.yml` into the workflows directory).
    allow: compile(policy.allow, false),
    deny: compile(policy.deny, true),
    protected: PROTECTED_FILES.filter(group => !policy[group.key]).map(group => ({
      group,
      match: compile(group.globs, true)
    }))
  }
}

function checkPatch(
  patch: FilePatch,
  rules: Compiled,
  addedPaths: ReadonlySet<string | undefined>,
  add: (violation: PolicyViolation) => void
): void {
  const { policy } = rules
  const raw = [...new Set([patch.oldPath, patch.newPath].filter((p): p is string => p !== undefined))]
  const valid = new Map<string, string>()
  for (const path of raw) {
    try {
      valid.set(path, normalizeRepoPath(path))
    } catch (error) {
      add({
        rule: 'path-outside',
        file: path,
        message: `${errorMessage(error)} The fix was refused: a fix may only change files inside the repository.`
      })
    }
  }
  if (valid.size !== raw.length) return
  for (const path of valid.values()) checkPath(path, rules, add)

  const oldPath = patch.oldPath === undefined ? undefined : valid.get(patch.oldPath)
  const newPath = patch.newPath === undefined ? undefined : valid.get(patch.newPath)
  const file = (newPath ?? oldPath) as string

  if (!policy.allowDeletions) {
    if (patch.kind === 'delete' && !addedPaths.has(patch.oldPath)) {
      add({
        rule: 'deletion',
        file,
        key: 'allowDeletions',
        message:
          `The fix deletes '${file}': a fix that removes a file (a failing test, say) hides a problem rather ` +
          'than fixing it. Keep the file, or set allowDeletions: true.'
      })
    } else if (patch.kind === 'rename') {
      add({
        rule: 'deletion',
        file: oldPath,
        key: 'allowDeletions',
        message:
          `The fix renames '${oldPath}' to '${newPath}', which removes '${oldPath}' (a renamed test file may no ` +
          'longer run). Keep the name, or set allowDeletions: true.'
      })
    }
  }

  if (!policy.allowBinary && patch.kind !== 'delete' && (patch.binary || patch.binaryWithoutData)) {
    add({
      rule: 'binary',
      file,
      key: 'allowBinary',
      message:
        `The fix changes the binary file '${file}', which cannot be reviewed as text. Leave it out of the ` +
        'fix, or set allowBinary: true.'
    })
  }

  checkModes(patch, file, policy, add)

  const sides = fileSides(patch, rules.context.readBase)
  const testPaths = [...valid.values()].filter(isTestFile)
  const testFile = testPaths.length > 0
  // A snapshot mismatch is fixed by updating the snapshot; that alone opens snapshot files.
  const snapshotUpdate =
    rules.context.snapshotFailure === true &&
    (rules.context.kind === undefined || rules.context.kind === 'test') &&
    testFile &&
    testPaths.every(isSnapshotFile)
  const testRefused = testFile && !policy.allowTestChanges && !snapshotUpdate
  for (const path of testRefused ? testPaths : []) {
    add({
      rule: 'test-file',
      file: path,
      key: 'allowTestChanges',
      message:
        `The fix changes the test file '${path}': tests are the specification, so a fix changes the code they ` +
        'check, not the tests. Leave the test as it is, or set allowTestChanges: true (a change that weakens ' +
        'a test is refused even then).'
    })
  }

  if (!policy.allowCheckConfig) checkDefinition(patch, file, sides, rules, add)

  if (policy.suppressions === 'refuse' && patch.kind !== 'delete' && newPath) {
    const found = findSuppressions(newPath, patch.hunks, {
      sides,
      test: testFile,
      check: rules.context.check
    })
    for (const { line, kind, text } of found) {
      const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text
      const did =
        kind === 're-enable removed'
          ? `removes a re-enable (\`${shown}\`), so the suppression before it now runs on`
          : `adds a suppression (${kind}): \`${shown}\``
      add({
        rule: 'suppression',
        file: newPath,
        line,
        kind,
        key: 'suppressions',
        message:
          `Line ${line} of '${newPath}' ${did}. A fix must fix what the check found, not switch the check off; ` +
          'set suppressions: allow to accept it anyway.'
      })
    }
  }

  // A refused test file needs no more reasons; a snapshot is data, with no assertions to weaken.
  if (!testRefused && !snapshotUpdate) {
    const weakenings = findWeakenedTests(patch, sides, { testFile, check: rules.context.check })
    for (const { line, what } of weakenings) {
      add({
        rule: 'weakened-test',
        file,
        line,
        message:
          `${line === undefined ? 'The fix' : `Line ${line} of '${file}'`} ${what}${line === undefined ? ` ('${file}')` : ''}. ` +
          'A fix may change a test but not weaken it: tests are the specification. Keep the test as strong ' +
          'as it was and fix the code it checks; no policy key accepts this.'
      })
    }
  }
}

/** The check's own definition inside files a fix may otherwise change, and the files the check runs. */
function checkDefinition(
  patch: FilePatch,
  file: string,
  sides: FileSides,
  rules: Compiled,
  add: (violation: PolicyViolation) => void
): void {
  const report = (line: number | undefined, what: string): void =>
    add({
      rule: 'check-config',
      file,
      line,
      key: 'allowCheckConfig',
      message:
        `${line === undefined ? `The fix changes '${file}',` : `Line ${line} of '${file}' changes`} ${what}: ` +
        "that is the check's own definition, and changing it can switch the failing check off instead of " +
        'fixing what it found. Leave it out of the fix, or set allowCheckConfig: true.'
    })
  for (const path of new Set([patch.oldPath, patch.newPath])) {
    const via = path === undefined ? undefined : rules.runByCheck.get(normalizeRepoPath(path).toLowerCase())
    if (via !== undefined) report(undefined, `a file the check runs (\`${via}\`)`)
  }
  const name = file.slice(file.lastIndexOf('/') + 1).toLowerCase()
  const found =
    name === 'package.json'
      ? packageJsonChanges(sides)
      : name === 'pyproject.toml' || name === 'cargo.toml'
        ? tomlChanges(name, sides)
        : []
  for (const { line, what } of found) report(line, what)
}

function checkPath(path: string, rules: Compiled, add: (violation: PolicyViolation) => void): void {
  const denied = rules.deny(path)
  if (denied !== undefined) {
    add({
      rule: 'path-denied',
      file: path,
      key: 'deny',
      message:
        `The fix changes '${path}', which the deny glob '${denied}' protects. Leave it out of the fix, or ` +
        'remove the glob from deny.'
    })
  }
  if (rules.allow(path) === undefined) {
    add({
      rule: 'path-not-allowed',
      file: path,
      key: 'allow',
      message:
        `The fix changes '${path}', which no allow glob (${rules.policy.allow.join(', ')}) matches. Leave it ` +
        'out of the fix, or add a glob for it to allow.'
    })
  }
  for (const { group, match } of rules.protected) {
    if (match(path) === undefined) continue
    add({
      rule: group.rule,
      file: path,
      key: group.key,
      message: `The fix changes '${path}', ${group.what}: ${group.why}. Leave it out of the fix, or set ${group.key}: true.`
    })
  }
}

function checkModes(
  patch: FilePatch,
  file: string,
  policy: FixPolicy,
  add: (violation: PolicyViolation) => void
): void {
  const { oldMode, newMode } = patch
  if (oldMode === '160000' || newMode === '160000') {
    if (policy.allowSubmodules) return
    const did = patch.kind === 'add' ? 'adds' : patch.kind === 'delete' ? 'removes' : 'moves'
    add({
      rule: 'submodule',
      file,
      key: 'allowSubmodules',
      message:
        `The fix ${did} the submodule '${file}': a submodule commit cannot be reviewed in the diff. Update ` +
        'submodules yourself, or set allowSubmodules: true.'
    })
    return
  }
  if (newMode === '120000' && patch.kind !== 'delete') {
    if (policy.allowSymlinks) return
    add({
      rule: 'symlink',
      file,
      key: 'allowSymlinks',
      message:
        `The fix makes '${file}' a symlink or changes where it points: a symlink can lead outside the ` +
        'repository or to a secret. Leave it out of the fix, or set allowSymlinks: true.'
    })
    return
  }
  const executableChange =
    (patch.kind === 'add' && newMode === '100755') ||
    (oldMode !== undefined && newMode !== undefined && oldMode !== newMode && patch.kind !== 'delete')
  if (executableChange && !policy.allowModeChanges) {
    const becomes = newMode === '100755' ? 'executable' : 'not executable'
    add({
      rule: 'mode',
      file,
      key: 'allowModeChanges',
      message:
        `The fix makes '${file}' ${becomes} (mode ${oldMode ?? 'none'} → ${newMode}). Leave the mode as it ` +
        'was, or set allowModeChanges: true.'
    })
  }
}

/** One line per outcome, and one per violation: for logs, the job summary and the CLI. */
export function describeVerdict(verdict: PolicyVerdict): string {
  const { files, added, removed } = verdict.stats
  const size = `${files} file${files === 1 ? '' : 's'}, +${added} −${removed}`
  if (verdict.outcome === 'empty') return 'The fix changes nothing, so there is nothing to verify or propose.'
  if (verdict.outcome === 'pass') return `The fix passes the policy (${size}).`
  const count = verdict.violations.length
  return [
    `The fix was refused by the policy (${size}; ${count} problem${count === 1 ? '' : 's'}):`,
    ...verdict.violations.map(v => `- ${v.message}`)
  ].join('\n')
}

type Parser = (key: keyof FixPolicy, value: unknown) => unknown

const LIST: Parser = (key, value) => parseGlobs(key, value)
const BOOLEAN: Parser = (key, value) => {
  if (typeof value === 'boolean') return value
  if (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value))
    return value.trim().toLowerCase() === 'true'
  throw new ConfigurationError(`Policy key '${key}' must be true or false, not ${show(value)}.`)
}
const COUNT: Parser = (key, value) => {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value
  if (typeof number === 'number' && Number.isSafeInteger(number) && number >= 1) return number
  throw new ConfigurationError(
    `Policy key '${key}' must be a whole number of at least 1, not ${show(value)}: set it to a count ` +
      `such as ${DEFAULT_POLICY[key] as number}.`
  )
}
const SUPPRESSIONS: Parser = (key, value) => {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined
  if (text === 'refuse' || text === 'allow') return text
  throw new ConfigurationError(`Policy key '${key}' must be 'refuse' or 'allow', not ${show(value)}.`)
}

const PARSERS: Record<keyof FixPolicy, Parser> = {
  allow: LIST,
  deny: LIST,
  allowWorkflows: BOOLEAN,
  allowCheckConfig: BOOLEAN,
  allowTestChanges: BOOLEAN,
  allowLockFiles: BOOLEAN,
  allowRepositoryConfig: BOOLEAN,
  allowDeletions: BOOLEAN,
  allowBinary: BOOLEAN,
  allowModeChanges: BOOLEAN,
  allowSymlinks: BOOLEAN,
  allowSubmodules: BOOLEAN,
  maxFiles: COUNT,
  maxLines: COUNT,
  suppressions: SUPPRESSIONS
}

const KEYS = Object.keys(PARSERS) as Array<keyof FixPolicy>
/** `max-files`, `max_files` and `MaxFiles` all name `maxFiles`: action inputs, CLI options and YAML differ. */
const squash = (key: string): string => key.replace(/[-_]/g, '').toLowerCase()
const BY_SQUASHED = new Map(KEYS.map(key => [squash(key), key]))

/**
 * Validates a policy from user input (an action input, CLI options or a YAML mapping; keys in camelCase or
 * kebab-case; values as their types or as strings) and fills in the defaults. null or undefined is the default
 * policy. Throws ConfigurationError naming the key and what to change.
 */
export function parsePolicy(raw: unknown): FixPolicy {
  if (raw === undefined || raw === null) return { ...DEFAULT_POLICY }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigurationError(
      `The policy must be a mapping of keys (${KEYS.join(', ')}), not ${show(raw)}.`
    )
  }
  const policy: Record<string, unknown> = { ...DEFAULT_POLICY }
  const given = new Map<keyof FixPolicy, string>()
  for (const [name, value] of Object.entries(raw)) {
    const key = BY_SQUASHED.get(squash(name))
    if (!key) {
      const near = KEYS.find(known => distance(squash(known), squash(name)) <= 2)
      throw new ConfigurationError(
        `Policy key '${name}' is unknown: ${near ? `did you mean '${near}'? ` : ''}remove it, or use one of ` +
          `${KEYS.join(', ')}.`
      )
    }
    const earlier = given.get(key)
    if (earlier !== undefined) {
      throw new ConfigurationError(`Policy keys '${earlier}' and '${name}' both set ${key}: keep only one.`)
    }
    given.set(key, name)
    if (value === undefined || value === null) continue
    policy[key] = PARSERS[key](key, value)
  }
  if ((policy.allow as string[]).length === 0) {
    throw new ConfigurationError(
      "Policy key 'allow' is empty, so no fix could ever pass: list the globs a fix may change, or leave it " +
        "unset for every file ('**')."
    )
  }
  return policy as unknown as FixPolicy
}

/** A list of repository globs: an array, or a string of entries separated by newlines or top-level commas. */
function parseGlobs(key: keyof FixPolicy, value: unknown): string[] {
  let entries: unknown[]
  if (typeof value === 'string') entries = splitList(value)
  else if (Array.isArray(value)) entries = value
  else {
    throw new ConfigurationError(
      `Policy key '${key}' must be a list of globs (or one per line), not ${show(value)}.`
    )
  }
  const globs: string[] = []
  entries.forEach((entry, index) => {
    if (typeof entry !== 'string') {
      throw new ConfigurationError(
        `Policy key '${key}', entry ${index + 1}, must be a glob string, not ${show(entry)}.`
      )
    }
    let glob: string
    try {
      glob = normalizeRepoGlob(entry.trim()).replace(/\/+$/, '')
      picomatch.makeRe(glob)
    } catch (error) {
      throw new ConfigurationError(`Policy key '${key}', entry '${entry}': ${errorMessage(error)}`, {
        cause: error
      })
    }
    if (glob === '') {
      throw new ConfigurationError(
        `Policy key '${key}', entry '${entry}', names the repository root: use '**' for every file.`
      )
    }
    if (!globs.includes(glob)) globs.push(glob)
  })
  return globs
}

/** Splits at newlines, and at commas outside `{…}` (so `src/**\/*.{ts,tsx}` stays one glob); drops blanks. */
function splitList(text: string): string[] {
  const entries: string[] = []
  let current = ''
  let depth = 0
  for (const c of text) {
    if (c === '{') depth++
    else if (c === '}') depth = Math.max(0, depth - 1)
    if (c === '\n' || c === '\r' || (c === ',' && depth === 0)) {
      entries.push(current)
      current = ''
    } else current += c
  }
  entries.push(current)
  return entries.map(entry => entry.trim()).filter(entry => entry !== '')
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}

/** Levenshtein distance, for "did you mean" on short key names. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
    }
    previous = current
  }
  return previous[b.length]
}

/**
 * Records a verdict on the attempt it judged: its stats when the diff may go on to verification; undefined, with
 * the attempt marked `no-change` or `refused` (and the refusal logged, naming `what`), when it may not.
 */
export function judgeAttempt(
  verdict: PolicyVerdict,
  attempt: HealAttempt,
  what: string,
  log: Pick<Logger, 'warning'>
): DiffStats | undefined {
  attempt.stats = verdict.stats
  if (verdict.outcome === 'empty') {
    attempt.result = 'no-change'
    return undefined
  }
  if (!verdict.ok) {
    attempt.result = 'refused'
    attempt.violations = verdict.violations
    log.warning(`The policy refuses ${what}: ${verdict.violations.map(v => v.message).join(' ')}`)
    return undefined
  }
  return verdict.stats
}

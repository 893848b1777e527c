/**
 * Finds suppressions in the lines a diff adds: markers that switch a check off instead of fixing what it found
 * (lint-disable comments, type-checker ignores, skipped or focused tests, `continue-on-error`). Markers are known
 * per language, chosen by the file's extension; files of no listed language (Markdown, text, data) are never
 * searched, so documentation that mentions a marker is not a suppression. String literals on the line are blanked
 * before matching, so code that merely mentions a marker in a string is not one either.
 */
import type { Hunk } from '../diff/parse.js'

/** One kind of marker of a language. */
interface Marker {
  /** What it is, for messages (`eslint-disable`, `skipped test`). */
  kind: string
  /** Matched against the line with its string literals blanked. */
  pattern: RegExp
}

/** How to read one language's lines. */
interface Language {
  /** Characters that open (and close) a single-line string literal; empty to match the raw line. */
  quotes: string
  /** Tokens that start a comment running to the end of the line (quotes inside it are not strings). */
  comments: readonly string[]
  /** Its markers. */
  markers: readonly Marker[]
}

const PRETTIER: Marker = { kind: 'prettier-ignore', pattern: /\bprettier-ignore\b/ }
const BIOME: Marker = { kind: 'biome-ignore', pattern: /\bbiome-ignore\b/ }
// `cmd || true` and friends make a failing command pass; so does `set +e` before it.
const SHELL_OR_TRUE: Marker = { kind: "'|| true'", pattern: /\|\|\s*(?:true\b|:(?=\s|$|;|\))|exit\s+0\b)/ }
const SHELL_SET_E: Marker = { kind: "'set +e'", pattern: /(?:^|[\s;&|(])set\s+\+e\b/ }

const JS: Language = {
  quotes: `'"\``,
  comments: ['//', '/*', '<!--'],
  markers: [
    { kind: 'eslint-disable', pattern: /\beslint-disable(?:-next-line|-line)?\b/ },
    // An inline rule configuration that turns a rule off: `/* eslint no-console: off */`.
    { kind: 'eslint rule turned off', pattern: /\/\*\s*eslint\s[^*]*:\s*\[?\s*["']?(?:off|0)\b/ },
    { kind: '@ts-ignore', pattern: /@ts-ignore\b/ },
    { kind: '@ts-nocheck', pattern: /@ts-nocheck\b/ },
    { kind: '@ts-expect-error', pattern: /@ts-expect-error\b/ },
    { kind: 'tslint:disable', pattern: /\btslint:disable\b/ },
    { kind: 'oxlint-disable', pattern: /\boxlint-disable\b/ },
    { kind: 'deno-lint-ignore', pattern: /\bdeno-lint-ignore\b/ },
    { kind: 'jshint ignore', pattern: /\bjshint\s+ignore\b/ },
    { kind: 'coverage ignore', pattern: /\b(?:istanbul|c8|v8)\s+ignore\b/ },
    BIOME,
    PRETTIER,
    // `it.skip(`, `describe.skip.each`, `test.todo(`, Playwright's `test.fixme(`, Vitest's `it.skipIf(`/`it.fails(`.
    { kind: 'skipped test', pattern: /\.(?:skip|skipIf|todo|fixme|fails)\s*[(.`]/ },
    { kind: 'skipped test', pattern: /(?<![\w$.])x(?:it|describe|test|context|specify)\s*[(.`]/ },
    // A focused test silently skips every other test of its file.
    { kind: 'focused test', pattern: /\.only\s*[(.`]/ },
    { kind: 'focused test', pattern: /(?<![\w$.])f(?:it|describe|context)\s*[(.`]/ }
  ]
}

const PYTHON: Language = {
  quotes: `'"`,
  comments: ['#'],
  markers: [
    { kind: 'noqa', pattern: /#\s*(?:(?:ruff|flake8)\s*:\s*)?noqa\b/i },
    { kind: 'type: ignore', pattern: /#\s*type\s*:\s*ignore\b/ },
    { kind: 'pylint: disable', pattern: /#\s*pylint\s*:\s*disable\b/ },
    { kind: 'pyright: ignore', pattern: /#\s*pyright\s*:\s*ignore\b/ },
    { kind: 'mypy: ignore-errors', pattern: /#\s*mypy\s*:\s*(?:ignore-errors|disable-error-code)\b/ },
    { kind: 'pyre-ignore', pattern: /#\s*pyre-(?:ignore|fixme)\b/ },
    { kind: 'pragma: no cover', pattern: /#\s*pragma\s*:\s*no\s*cover\b/ },
    { kind: 'fmt: off', pattern: /#\s*fmt\s*:\s*(?:off|skip)\b/ },
    { kind: 'nosec', pattern: /#\s*nosec\b/ },
    { kind: 'skipped test', pattern: /@pytest\.mark\.(?:skip|skipif|xfail)\b/ },
    { kind: 'skipped test', pattern: /\bpytest\.(?:skip|xfail|importorskip)\s*\(/ },
    { kind: 'skipped test', pattern: /^\s*@(?:unittest\.)?(?:skip|skipIf|skipUnless|expectedFailure)\b/ },
    { kind: 'skipped test', pattern: /\.skipTest\s*\(|\bSkipTest\b/ }
  ]
}

const GO: Language = {
  quotes: `"'\``,
  comments: ['//', '/*'],
  markers: [
    { kind: 'nolint', pattern: /\/\/\s*nolint\b/ },
    { kind: 'lint:ignore', pattern: /\/\/\s*lint:(?:file-)?ignore\b/ },
    { kind: 'nosec', pattern: /#nosec\b/ },
    { kind: 'skipped test', pattern: /\.Skip(?:f|Now)?\s*\(/ },
    // A build constraint with `ignore` takes the whole file out of `go test`.
    { kind: 'build ignore', pattern: /^\s*\/\/\s*(?:go:build|\+build)\b.*\bignore\b/ }
  ]
}

const RUST: Language = {
  // `'` also starts lifetimes (`'a`), so only `"` delimits strings here.
  quotes: '"',
  comments: ['//', '/*'],
  markers: [
    // `#[allow(..)]`, `#![allow(..)]`, `#[expect(..)]`, and the same inside `#[cfg_attr(.., allow(..))]`.
    { kind: '#[allow]', pattern: /#!?\[[^\]]*\b(?:allow|expect)\s*\(/ },
    { kind: 'skipped test', pattern: /#\[\s*ignore\b/ },
    { kind: 'rustfmt::skip', pattern: /#!?\[\s*rustfmt::skip\b/ }
  ]
}

const JVM: Language = {
  quotes: `"'`,
  comments: ['//', '/*'],
  markers: [
    {
      kind: '@SuppressWarnings',
      pattern: /@(?:file:)?(?:SuppressWarnings|Suppress|SuppressLint|SuppressFBWarnings|nowarn)\b/
    },
    { kind: 'skipped test', pattern: /@(?:Disabled|Ignore|PendingFeature)\b/ },
    { kind: 'skipped test', pattern: /\bassume(?:True|False|That)\s*\(/ },
    { kind: 'NOSONAR', pattern: /\bNOSONAR\b/ },
    { kind: 'CHECKSTYLE:OFF', pattern: /CHECKSTYLE\s*:\s*OFF/i }
  ]
}

const CSHARP: Language = {
  quotes: `"'`,
  comments: ['//', '/*'],
  markers: [
    { kind: '#pragma warning disable', pattern: /#\s*pragma\s+warning\s+disable\b/ },
    { kind: 'SuppressMessage', pattern: /\[\s*(?:assembly\s*:\s*)?SuppressMessage\b/ },
    { kind: 'ReSharper disable', pattern: /\bReSharper\s+disable\b/ },
    { kind: 'coverage ignore', pattern: /\[\s*ExcludeFromCodeCoverage\b/ },
    { kind: 'skipped test', pattern: /\[\s*Ignore\b/ },
    { kind: 'skipped test', pattern: /\[\s*(?:Fact|Theory)\s*\([^\]]*\bSkip\s*=/ }
  ]
}

const C: Language = {
  quotes: `"'`,
  comments: ['//', '/*'],
  markers: [
    { kind: '#pragma diagnostic ignored', pattern: /#\s*pragma\s+(?:GCC|clang)\s+diagnostic\s+ignored\b/ },
    { kind: '#pragma warning disable', pattern: /#\s*pragma\s+warning\s*\(\s*disable\b/ },
    { kind: 'NOLINT', pattern: /\bNOLINT(?:NEXTLINE|BEGIN)?\b/ },
    { kind: 'cppcheck-suppress', pattern: /\bcppcheck-suppress\b/ },
    { kind: 'skipped test', pattern: /\bGTEST_SKIP\b/ },
    // GoogleTest runs no test whose name starts with DISABLED_.
    { kind: 'skipped test', pattern: /\bDISABLED_\w/ }
  ]
}

const RUBY: Language = {
  quotes: `"'`,
  comments: ['#'],
  markers: [
    { kind: 'rubocop:disable', pattern: /#\s*(?:rubocop|standard)\s*:\s*disable\b/ },
    { kind: 'coverage ignore', pattern: /#\s*:nocov:/ },
    { kind: 'skipped test', pattern: /^\s*(?:skip|pending)\b/ },
    { kind: 'skipped test', pattern: /(?<![\w.])x(?:it|describe|context|specify)\b/ }
  ]
}

const PHP: Language = {
  quotes: `"'`,
  comments: ['//', '#', '/*'],
  markers: [
    { kind: '@phpstan-ignore', pattern: /@phpstan-ignore/ },
    { kind: '@psalm-suppress', pattern: /@psalm-suppress\b/ },
    { kind: 'phpcs:ignore', pattern: /\bphpcs:\s*(?:ignore|disable)\b|@codingStandardsIgnore/ },
    { kind: 'coverage ignore', pattern: /@codeCoverageIgnore/ },
    { kind: 'skipped test', pattern: /->markTest(?:Skipped|Incomplete)\s*\(/ }
  ]
}

const SHELL: Language = {
  quotes: `"'`,
  comments: ['#'],
  markers: [{ kind: 'shellcheck disable', pattern: /#\s*shellcheck\s+disable=/ }, SHELL_OR_TRUE, SHELL_SET_E]
}

const SWIFT: Language = {
  quotes: '"',
  comments: ['//', '/*'],
  markers: [
    { kind: 'swiftlint:disable', pattern: /\bswiftlint:disable\b/ },
    { kind: 'skipped test', pattern: /\bXCTSkip\w*\b|\bXCTExpectFailure\b/ }
  ]
}

const DART: Language = {
  quotes: `"'`,
  comments: ['//', '/*'],
  markers: [
    { kind: 'ignore', pattern: /\/\/\s*ignore(?:_for_file)?\s*:/ },
    { kind: 'skipped test', pattern: /[(,]\s*skip\s*:\s*(?!false\b|null\b)\S/ }
  ]
}

const CSS: Language = {
  quotes: `"'`,
  comments: ['/*', '//'],
  markers: [{ kind: 'stylelint-disable', pattern: /\bstylelint-disable/ }, PRETTIER, BIOME]
}

/** YAML is matched raw: its suppressions are keys, and the values that matter (`'false'`) are often quoted. */
const YAML: Language = {
  quotes: '',
  comments: [],
  markers: [
    {
      kind: 'continue-on-error',
      pattern: /^\s*(?:-\s*)?continue-on-error\s*:\s*(?!["']?false["']?\s*(?:#|$))\S/
    },
    { kind: 'allow_failure', pattern: /^\s*(?:-\s*)?allow_failure\s*:\s*(?!["']?false["']?\s*(?:#|$))\S/ },
    { kind: "'if: false'", pattern: /^\s*(?:-\s*)?if\s*:\s*["']?(?:\$\{\{\s*)?false\b/ },
    { kind: 'yamllint disable', pattern: /#\s*yamllint\s+disable/ },
    PRETTIER,
    SHELL_OR_TRUE,
    SHELL_SET_E
  ]
}

/** package.json is data, except its scripts, where `|| true` makes a failing script pass. */
const PACKAGE_JSON: Language = { quotes: '', comments: [], markers: [SHELL_OR_TRUE] }

const BY_EXTENSION: ReadonlyMap<string, Language> = new Map(
  (
    [
      [JS, 'js jsx mjs cjs ts tsx mts cts vue svelte astro'],
      [PYTHON, 'py pyi pyw'],
      [GO, 'go'],
      [RUST, 'rs'],
      [JVM, 'java kt kts scala groovy gradle'],
      [CSHARP, 'cs'],
      [C, 'c h cc cpp cxx hpp hh hxx m mm'],
      [RUBY, 'rb rake'],
      [PHP, 'php'],
      [SHELL, 'sh bash zsh ksh'],
      [SWIFT, 'swift'],
      [DART, 'dart'],
      [CSS, 'css scss sass less'],
      [YAML, 'yml yaml']
    ] as const
  ).flatMap(([language, extensions]) => extensions.split(' ').map(ext => [ext, language] as const))
)

/** The language whose markers apply to a repository path, or undefined for files never searched. */
function languageOf(path: string): Language | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  if (name === 'package.json') return PACKAGE_JSON
  const dot = name.lastIndexOf('.')
  return dot > 0 ? BY_EXTENSION.get(name.slice(dot + 1)) : undefined
}

/** Whether suppressions are searched for in this path (a file of a listed language). */
export function isSearchedForSuppressions(path: string): boolean {
  return languageOf(path) !== undefined
}

/** The line with the contents of its string literals removed; comments are kept as they are. */
function blankStrings(line: string, language: Language): string {
  if (!language.quotes) return line
  let out = ''
  let i = 0
  while (i < line.length) {
    if (language.comments.some(token => line.startsWith(token, i))) return out + line.slice(i)
    const c = line[i]
    if (language.quotes.includes(c)) {
      out += c
      i++
      while (i < line.length && line[i] !== c) i += line[i] === '\\' ? 2 : 1
      if (i < line.length) out += c
      i++
      continue
    }
    out += c
    i++
  }
  return out
}

/** A suppression an added line brings. */
export interface FoundSuppression {
  /** 1-based line in the new file. */
  line: number
  /** What kind of marker it is. */
  kind: string
  /** The added line, trimmed. */
  text: string
}

/**
 * The suppressions that a file's hunks add. Only added lines count; an added line whose text (whitespace aside)
 * the same file also removes is a moved or re-indented line, as a formatter makes, not a new suppression.
 */
export function findSuppressions(path: string, hunks: readonly Hunk[]): FoundSuppression[] {
  const language = languageOf(path)
  if (!language) return []
  const removed = new Map<string, number>()
  for (const hunk of hunks) {
    for (const line of hunk.lines) {
      if (line.kind !== '-') continue
      const key = line.content.toString('utf8').replace(/\s+/g, '')
      removed.set(key, (removed.get(key) ?? 0) + 1)
    }
  }
  const found: FoundSuppression[] = []
  for (const hunk of hunks) {
    let number = hunk.newStart
    for (const line of hunk.lines) {
      if (line.kind === '-') continue
      const lineNumber = number++
      if (line.kind !== '+') continue
      const text = line.content.toString('utf8').replace(/\r?\n$/, '')
      const code = blankStrings(text, language)
      const marker = language.markers.find(candidate => candidate.pattern.test(code))
      if (!marker) continue
      const key = text.replace(/\s+/g, '')
      const moved = removed.get(key) ?? 0
      if (moved > 0) {
        removed.set(key, moved - 1)
        continue
      }
      found.push({ line: lineNumber, kind: marker.kind, text: text.trim() })
    }
  }
  return found
}

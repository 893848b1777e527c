/**
 * Finds suppressions a fix brings: markers that switch a check off instead of fixing what it found (lint-disable
 * comments and inline rule configuration, type-checker ignores, skipped, focused or inverted tests, code compiled
 * out of the test build, `|| true`), and the removal of a marker that switched a check back on (`eslint-enable`)
 * which extends a suppression already there.
 *
 * A file is read as its language's tools read it (`lex.ts`): comments are matched as comments, code as normalised
 * code, so spelling does not matter (`it\n.skip(`, `it['skip']`, `// @TS-NOCHECK`) and a mention inside a string
 * is not a marker. The language is chosen by the file's name, else its shebang, else the check that runs it, else
 * its content; a file of no known language whose name says it is prose or data (Markdown, text, JSON) is searched
 * only for markers its own tools honour (`<!-- prettier-ignore -->`), and any other file for the markers of every
 * language.
 */
import type { Hunk } from '../diff/parse.js'
import { closing, view, type CodeView, type Syntax } from './lex.js'
import { fileSides, type FileSides } from './sides.js'

/** One kind of marker. */
interface Marker {
  /** What it is, for messages (`eslint-disable`, `skipped test`). */
  kind: string
  /** Matched against a comment's text (`comment`), the normalised code (`code`) or the raw added line (`raw`). */
  where: 'comment' | 'code' | 'raw'
  pattern: RegExp
  /** Only in test files (a `{ skip: true }` option, `process.exit(`). */
  testOnly?: boolean
}

/** A marker that switches a check back on, and the one that switched it off, of one tool. */
interface Toggle {
  where: 'comment' | 'code'
  enable: RegExp
  /** The matching disable; a fix that removes both removes a suppression, which is fine. */
  disable?: RegExp
}

/** How to read one language. */
interface Language {
  name: string
  /** How it writes comments and strings; undefined to match raw added lines (YAML, XML). */
  syntax?: Syntax
  markers: readonly Marker[]
  toggles?: readonly Toggle[]
  /** Findings that need more than a pattern (Rust's `cfg` predicates). */
  analyse?: (code: CodeView, test: boolean) => Array<{ start: number; end: number; kind: string }>
}

const comment = (kind: string, pattern: RegExp): Marker => ({ kind, where: 'comment', pattern })
const code = (kind: string, pattern: RegExp, testOnly = false): Marker => ({
  kind,
  where: 'code',
  pattern,
  testOnly
})
const raw = (kind: string, pattern: RegExp): Marker => ({ kind, where: 'raw', pattern })
const toggle = (enable: RegExp, disable?: RegExp, where: 'comment' | 'code' = 'comment'): Toggle => ({
  where,
  enable,
  disable
})

const C_SYNTAX: Syntax = { lineComments: ['//'], blockComments: [['/*', '*/']], quotes: `"'` }

const PRETTIER = comment('prettier-ignore', /prettier-ignore/i)
const BIOME = comment('biome-ignore', /biome-ignore/i)
const STYLELINT = comment('stylelint-disable', /stylelint-disable/i)
const COVERAGE = comment(
  'coverage ignore',
  /\b(?:istanbul|c8|v8)\s+ignore\b|node:coverage\s+(?:disable|ignore)|\blcov_excl_(?:line|start|br)|\bgcovr_excl/i
)
const NOSONAR = comment('NOSONAR', /\bnosonar\b|\bnoinspection\b|\bnosemgrep\b|\blgtm\s*\[/i)
const CSPELL = comment('cspell:disable', /\b(?:cspell|spell-?checker)\s*:\s*(?:disable|ignore)/i)
// `cmd || true` and friends make a failing command pass; so does `set +e` before it.
const OR_TRUE_CODE = code("'|| true'", /\|\|(?:true(?![\w-])|:(?![\w:])|exit 0(?![\w.]))/)
const SET_E_CODE = code("'set +e'", /(?<![\w$-])set\+(?:[a-z]{0,8}e|o errexit)/)
const OR_TRUE_RAW = raw("'|| true'", /\|\|\s*(?:true\b|:(?=\s|$|;|\))|exit\s+0\b)/)
const SET_E_RAW = raw("'set +e'", /(?:^|[\s;&|(])set\s+\+(?:[a-z]{0,8}e|o\s+errexit)\b/)

/** Test-runner objects of JS; a modifier on one of them (`.skip`, `.only`), read or called, changes what runs. */
const JS_ROOTS = '(?:it|test|describe|suite|context|specify|bench|Deno\\.test)'
const JS_CHAIN = '(?:\\??\\.\\w{1,40}){0,4}?'
// Bun's `test.if(cond)` and `test.todoIf(cond)` too.
const JS_SKIPS = 'skip|skipIf|runIf|todo|todoIf|fixme|if'
const JS_INVERTS = 'fails|failing|failingIf|fail'

const JS_MARKERS: Marker[] = [
  comment('eslint-disable', /eslint-disable/i),
  // Inline configuration turns a rule off (`off`, `0`) or down (`warn`), or changes its options.
  comment('eslint rule turned off', /^\/[*/]\s*eslint\s[^*]{0,400}:\s*(?:\[\s*)?["']?(?:off|0)\b/i),
  comment('eslint inline config', /^\/[*/]\s*eslint\s+["']?[\w@/-]{1,100}["']?\s*:/i),
  comment('eslint-env', /^\/[*/]\s*eslint-env\b/i),
  // `/* global x */` declares a global, so no-undef no longer sees x; `/* exported */` silences no-unused-vars.
  comment('eslint globals', /^\/\*\s*(?:globals?|exported)\b/i),
  comment('@ts-ignore', /@ts-ignore\b/i),
  comment('@ts-nocheck', /@ts-nocheck\b/i),
  comment('@ts-expect-error', /@ts-expect-error\b/i),
  comment('tslint:disable', /\btslint:disable\b/i),
  comment('oxlint-disable', /\boxlint-disable\b/i),
  comment('deno-lint-ignore', /\bdeno-lint-ignore\b/i),
  comment('jshint ignore', /\bjshint\s+ignore\b|\bjscs:disable\b|^\/\*\s*jshint\s/i),
  comment('svelte-ignore', /\bsvelte-ignore\b/i),
  COVERAGE,
  BIOME,
  PRETTIER,
  STYLELINT,
  NOSONAR,
  CSPELL,
  // Read or called, and also through `globalThis.it`.
  code('skipped test', new RegExp(`(?<![\\w$])${JS_ROOTS}${JS_CHAIN}\\??\\.(?:${JS_SKIPS})(?![\\w$])`)),
  code('inverted test', new RegExp(`(?<![\\w$])${JS_ROOTS}${JS_CHAIN}\\??\\.(?:${JS_INVERTS})(?![\\w$])`)),
  // A focused test silently skips every other test of its file.
  code('focused test', new RegExp(`(?<![\\w$])${JS_ROOTS}${JS_CHAIN}\\??\\.only(?![\\w$])`)),
  code('skipped test', new RegExp(`(?<![\\w$.])Reflect\\.get\\(${JS_ROOTS}(?![\\w$])`)),
  // `it.each([])(…)` runs the test for no case at all.
  code('skipped test', /\.each(?:\((?:\[\]|''|\{\})\)|'')[(.]/),
  // `it['skip']`, `test[mode]`, `test.describe['only']`: a computed modifier of a test runner hides which one it is.
  code(
    'skipped test',
    new RegExp(
      `(?<![\\w$.])(?:it|test|describe|suite|specify|bench)(?:\\??\\.(?:describe|concurrent|sequential|serial))?` +
        `(?:\\?\\.)?\\[(?!'(?:each|concurrent|sequential|serial|extend)'\\])`
    ),
    true
  ),
  // `const { skip } = it`, `const { only: o } = test`.
  code(
    'skipped test',
    new RegExp(
      `\\{[^{}]{0,300}(?<![\\w$])(?:${JS_SKIPS}|${JS_INVERTS}|only)(?![\\w$])[^{}]{0,300}\\}=${JS_ROOTS}(?![\\w$])`
    )
  ),
  // In tests, any other object's modifier counts when called (`this.skip()`, `t.todo()`); elsewhere
  // `reader.skip(n)` is ordinary code.
  code('skipped test', /\.(?:skip|skipIf|todo|fixme)[(']/, true),
  code('inverted test', /\.(?:fails|failing)[(']/, true),
  code('focused test', /\.only[(']/, true),
  code('skipped test', /(?<![\w$.])x(?:it|describe|test|context|specify|suite)(?![\w$])/),
  code(
    'focused test',
    /(?<![\w$.])f(?:it|describe|context|test)(?=[(.`'])|=f(?:it|describe|context)(?![\w$(.`'])/
  ),
  code('skipped test', /(?<![\w$.])pending\(/, true),
  // node:test's `test('x', { skip: true }, …)`, `{ todo }`, `{ only: true }`.
  code(
    'skipped test',
    /[{,](?:skip|todo|only)(?::(?!false(?![\w$])|undefined(?![\w$])|null(?![\w$])|0(?![\w$.]))|(?=[,}]))/,
    true
  ),
  // A test file that ends the process with success reports whatever it likes (a failing exit fails anyway).
  code(
    'exit in a test',
    /(?<![\w$.])process\.(?:exit|reallyExit)\((?:0|)\)|(?<![\w$.])process\.exitCode=0(?![\w.])/,
    true
  )
]

const JS_TOGGLES: Toggle[] = [
  toggle(/eslint-enable/i, /eslint-disable(?!-)/i),
  toggle(/stylelint-enable/i, /stylelint-disable(?!-)/i),
  toggle(/\boxlint-enable\b/i, /\boxlint-disable(?!-)/i),
  toggle(/\btslint:enable\b/i, /\btslint:disable(?!-)/i),
  toggle(/\bc8\s+ignore\s+stop\b/i, /\bc8\s+ignore\s+start\b/i),
  toggle(/node:coverage\s+enable/i, /node:coverage\s+disable/i),
  toggle(/biome-ignore-end/i, /biome-ignore-start/i),
  toggle(/prettier-ignore-end/i, /prettier-ignore-start/i),
  toggle(/\bjscs:enable\b/i, /\bjscs:disable\b/i),
  toggle(/\bcspell\s*:\s*enable/i, /\bcspell\s*:\s*disable/i),
  // Removing `// @ts-check` switches type checking off for a JS file.
  toggle(/@ts-check\b/i)
]

const JS: Language = {
  name: 'JavaScript/TypeScript',
  syntax: {
    lineComments: ['//', '<!--'],
    blockComments: [['/*', '*/']],
    quotes: `'"`,
    templates: true,
    regex: true,
    identifierEscapes: true
  },
  markers: JS_MARKERS,
  toggles: JS_TOGGLES
}

const PY_SKIP_NAMES = 'skip|skipif|skipIf|skipUnless|xfail|expectedFailure|skip_if|skip_unless'

const PYTHON: Language = {
  name: 'Python',
  syntax: {
    lineComments: ['#'],
    blockComments: [],
    quotes: '',
    python: true,
    statements: 'python'
  },
  markers: [
    comment('noqa', /#\s*(?:(?:ruff|flake8)\s*:\s*)?noqa\b/i),
    comment('type: ignore', /#\s*type\s*:\s*ignore\b/i),
    comment('pylint: skip-file', /#\s*pylint\s*:\s*skip-file\b/i),
    comment('pylint: disable', /#\s*pylint\s*:\s*disable/i),
    // `# pyright: ignore`, `# pyright: basic`, `# pyright: reportX=false`: anything but `strict` relaxes it.
    comment('pyright: ignore', /#\s*pyright\s*:\s*(?!strict\b)\S/i),
    comment('mypy: ignore-errors', /#\s*mypy\s*:\s*(?:ignore[-_]errors|disable[-_]error[-_]code|allow[-_])/i),
    comment('pyre-ignore', /#\s*(?:pyre-(?:ignore|fixme|unsafe)|pytype\s*:\s*disable)\b/i),
    comment('pragma: no cover', /#\s*pragma\s*(?::\s*)?no[\s_-]*(?:cover|branch)\b/i),
    comment('fmt: off', /#\s*(?:fmt\s*:\s*(?:off|skip)|isort\s*:\s*(?:skip|off)|yapf\s*:\s*disable)\b/i),
    comment('nosec', /#\s*nosec\b/i),
    NOSONAR,
    CSPELL,
    code('skipped test', /(?<![\w])mark\.(?:skip|skipif|xfail)(?![\w])/),
    code('skipped test', /(?<![\w.])pytestmark=[^\n]{0,300}?(?<![\w])(?:skip|skipif|xfail)(?![\w])/),
    // A parametrised test with no parameters runs no case.
    code('skipped test', /parametrize\([^()\n]{0,300}?,(?:\[\]|\(\)|'')[,)]/),
    code('skipped test', /\.(?:skip|skipif|xfail)(?![\w])/, true),
    code('skipped test', /(?<![\w.])pytest\.(?:skip|xfail|importorskip|exit)(?![\w])/),
    code('skipped test', new RegExp(`@(?:\\w{1,40}\\.){0,4}(?:${PY_SKIP_NAMES})(?![\\w])`)),
    code('skipped test', /(?<![\w.])unittest\.(?:skip|skipIf|skipUnless|expectedFailure|SkipTest)(?![\w])/),
    code('skipped test', /(?<![\w])(?:SkipTest|skipTest|expectedFailure|importorskip)(?![\w])/),
    code(
      'skipped test',
      new RegExp(
        `(?<![\\w])from (?:unittest|pytest)(?:\\.\\w{1,40}){0,3} import[^\\n]{0,300}?(?<![\\w])(?:${PY_SKIP_NAMES})(?![\\w])`
      )
    ),
    // getattr(pytest.mark, 'skip'), vars(pytest.mark)['skip'].
    code(
      'skipped test',
      /getattr\([^\n]{0,200}?,'(?:skip|skipif|xfail|skipTest|SkipTest|importorskip)'|\['(?:skip|skipif|xfail)'\]/
    ),
    // A module with `__test__ = False` is not collected.
    code('skipped test', /(?<![\w.])__test__=(?!=)(?!True(?![\w]))/),
    code('skipped test', /(?<![\w.])skip\(/, true),
    code(
      'exit in a test',
      /(?<![\w.])(?:sys|os)\.(?:_exit|exit)\((?:0|None|)\)|(?<![\w.])raise SystemExit(?:\((?:0|None|)\))?(?![\w(])/,
      true
    )
  ],
  toggles: [
    toggle(/#\s*pylint\s*:\s*enable/i, /#\s*pylint\s*:\s*disable/i),
    toggle(/#\s*fmt\s*:\s*on\b/i, /#\s*fmt\s*:\s*off\b/i),
    toggle(/#\s*isort\s*:\s*on\b/i, /#\s*isort\s*:\s*off\b/i),
    toggle(/#\s*yapf\s*:\s*enable\b/i, /#\s*yapf\s*:\s*disable\b/i)
  ]
}

const GO: Language = {
  name: 'Go',
  syntax: { ...C_SYNTAX, quotes: `"'`, longQuotes: '`', rawLongQuotes: true, statements: 'go' },
  markers: [
    comment('nolint', /^\/\/\s*nolint\b/i),
    comment('lint:ignore', /^\/\/\s*lint:(?:file-)?ignore\b/i),
    comment('nosec', /#?\bnosec\b/i),
    comment('revive:disable', /^\/\/\s*revive:disable/i),
    // A build constraint takes the whole file out of the build, its tests with it.
    comment('build ignore', /^\/\/\s*(?:go:build|\+build)\b[^\n]{0,400}\bignore\b/i),
    comment('build constraint', /^\/\/\s*(?:go:build|\+build)\b/i),
    COVERAGE,
    code('skipped test', /\.(?:Skip|Skipf|SkipNow)(?![\w])/, true),
    code('exit in a test', /(?<![\w.])os\.Exit\(0\)|(?<![\w.])runtime\.Goexit\(/, true)
  ],
  toggles: [toggle(/^\/\/\s*revive:enable/i, /^\/\/\s*revive:disable/i)]
}

/** cfg names whose value depends on the build; an unknown bare name is false (rustc warns and drops the item). */
const RUST_CFG_NAMES = new Set([
  'unix',
  'windows',
  'debug_assertions',
  'miri',
  'doc',
  'doctest',
  'proc_macro',
  'overflow_checks',
  'panic',
  'feature',
  'ub_checks',
  'relocation_model',
  'sanitize',
  'fmt_debug'
])

/** Whether a cfg predicate (normalised) holds when tests are built: true, false, or undefined when unknown. */
export function evaluateCfg(predicate: string): boolean | undefined {
  let at = 0
  const parse = (): boolean | undefined => {
    const name = /^[\w]+/.exec(predicate.slice(at, at + 80))?.[0]
    if (!name) throw new Error('cfg')
    at += name.length
    if (predicate[at] === '(' && (name === 'any' || name === 'all' || name === 'not')) {
      at++
      const values: Array<boolean | undefined> = []
      while (predicate[at] !== ')') {
        values.push(parse())
        if (predicate[at] === ',') at++
        else if (predicate[at] !== ')') throw new Error('cfg')
      }
      at++
      if (name === 'not') return values[0] === undefined ? undefined : !values[0]
      if (name === 'any')
        return values.includes(true) ? true : values.every(v => v === false) ? false : undefined
      return values.includes(false) ? false : values.every(v => v === true) ? true : undefined
    }
    if (predicate[at] === '=') {
      at++
      const value = /^'[^']*'/.exec(predicate.slice(at, at + 80))?.[0]
      if (!value) throw new Error('cfg')
      at += value.length
      return RUST_CFG_NAMES.has(name) || name.startsWith('target_') ? undefined : false
    }
    if (name === 'test') return true
    return RUST_CFG_NAMES.has(name) || name.startsWith('target_') ? undefined : false
  }
  try {
    const value = parse()
    return at === predicate.length ? value : undefined
  } catch {
    return undefined
  }
}

/** Attributes that switch a Rust lint or test off, matched on one attribute (`#[…]`, normalised, at most 300 long). */
const RUST_ATTRIBUTES: ReadonlyArray<readonly [string, RegExp]> = [
  // `#[allow(..)]`, `#![allow(..)]`, `#[expect(..)]`, and the same inside `#[cfg_attr(.., allow(..))]`.
  ['#[allow]', /^#!?\[(?:.*[(,])?(?:allow|expect)\(/],
  ['skipped test', /^#!?\[(?:.*[(,])?ignore(?=[\](=,])/],
  // `#[should_panic]` turns a failing test into a passing one.
  ['inverted test', /^#!?\[(?:.*[(,])?should_panic(?![\w])/],
  ['rustfmt::skip', /^#!?\[(?:.*[(,])?rustfmt::skip/],
  ['coverage ignore', /^#!?\[(?:.*[(,])?(?:coverage\(off\)|no_coverage)/]
]

/** Rust attributes that switch a check off, and `#[cfg(…)]` that leaves a test out of the test build. */
function rustAttributes(code: CodeView, test: boolean): Array<{ start: number; end: number; kind: string }> {
  const found: Array<{ start: number; end: number; kind: string }> = []
  const text = code.code
  const budget = { left: text.length * 4 + 10_000 }
  const starts = [...text.matchAll(/#!?\[/g)].map(match => match.index)
  let close = -1
  for (const [index, start] of starts.entries()) {
    // The first `]` after the attribute's start; it only moves forward, so the scan stays linear. An attribute
    // holds no other attribute, so it also ends before the next one.
    if (close < start) close = text.indexOf(']', start) >>> 0
    const attribute = text.slice(start, Math.min(close + 1, starts[index + 1] ?? Infinity, start + 300))
    const kind = RUST_ATTRIBUTES.find(([, pattern]) => pattern.test(attribute))?.[0]
    if (kind) {
      found.push({ start, end: start + attribute.length, kind })
      continue
    }
    const cfg = /^#!?\[cfg\(/.exec(attribute)
    if (!cfg) continue
    const open = start + cfg[0].length - 1
    const end = closing(text, open, 2000, budget)
    if (end < 0) continue
    const value = evaluateCfg(text.slice(open + 1, end - 1))
    if (value === true) continue
    // Unknown predicates (a platform, a feature) count in test files, and before a test anywhere.
    const beforeTest = /#\[(?:\w{1,40}::)?test\]|(?<![\w])mod tests?(?![\w])/.test(text.slice(end, end + 300))
    if (value === false || test || beforeTest) found.push({ start, end, kind: 'compiled out (cfg)' })
  }
  return found
}

const RUST: Language = {
  name: 'Rust',
  // `'` also starts lifetimes (`'a`); strings may span lines.
  syntax: {
    lineComments: ['//'],
    blockComments: [['/*', '*/']],
    nestedComments: true,
    quotes: '',
    longQuotes: '"',
    rust: true
  },
  markers: [COVERAGE],
  analyse: rustAttributes
}

const JVM_MARKERS: Marker[] = [
  code(
    '@SuppressWarnings',
    /@(?:file:)?(?:SuppressWarnings|Suppress|SuppressLint|SuppressFBWarnings|nowarn)(?![\w])/
  ),
  code(
    'skipped test',
    /@(?:[\w.]{0,100}\.)?(?:Disabled\w{0,40}|Ignore|PendingFeature|EnabledIf\w{0,40}|EnabledOn\w{0,40}|IgnoreIf|Requires)(?![\w])/
  ),
  code('skipped test', /@Test\([^)]{0,300}enabled=false/),
  code('skipped test', /(?<![\w])assume(?:True|False|That|NotNull|NoException)\(/),
  code('inverted test', /@Test\([^)]{0,300}expected=/, true),
  code('coverage ignore', /@(?:[\w.]{0,100}\.)?Generated(?![\w])/),
  comment('NOSONAR', /\bnosonar\b|\bnoinspection\b|\bnopmd\b/i),
  comment(
    'CHECKSTYLE:OFF',
    /checkstyle\s*[:.]\s*off|@formatter\s*:\s*off|ktlint-disable|spotless\s*:\s*off/i
  ),
  code('exit in a test', /(?<![\w.])(?:System\.exit|exitProcess)\(0\)/, true)
]

const JVM: Language = {
  name: 'Java/Kotlin',
  syntax: { ...C_SYNTAX, nestedComments: false },
  markers: JVM_MARKERS,
  toggles: [
    toggle(/checkstyle\s*[:.]\s*on/i, /checkstyle\s*[:.]\s*off/i),
    toggle(/@formatter\s*:\s*on/i, /@formatter\s*:\s*off/i),
    toggle(/ktlint-enable/i, /ktlint-disable/i)
  ]
}

/** Gradle build scripts: test tasks switched off or told to ignore failures. */
const GRADLE: Language = {
  ...JVM,
  name: 'Gradle',
  markers: [
    ...JVM_MARKERS,
    code('ignored failures', /(?<![\w])(?:ignoreFailures|ignoreExitValue)(?:=|\.set\()true/),
    code(
      'ignored failures',
      /(?<![\w])(?:abortOnError|failOnError|failOnWarning|warningsAsErrors)(?:=|\.set\()false/
    ),
    code('skipped test', /(?<![\w.])enabled(?:=|\.set\()false|onlyIf\{false\}|'-x','test'|-x test(?![\w])/)
  ]
}

const CSHARP: Language = {
  name: 'C#',
  syntax: C_SYNTAX,
  markers: [
    code('#pragma warning disable', /#pragma warning disable(?![\w])/),
    code('#nullable disable', /#nullable (?:disable|restore)(?![\w])/),
    code('SuppressMessage', /\[(?:assembly:)?(?:[\w.]{0,100}\.)?SuppressMessage(?![\w])/),
    comment('ReSharper disable', /\bresharper\s+disable\b/i),
    code('coverage ignore', /\[(?:[\w.]{0,100}\.)?ExcludeFromCodeCoverage(?![\w])/),
    code('skipped test', /[[,](?:Ignore|Explicit)(?![\w])/),
    code('skipped test', /\[(?:Fact|Theory|Test|TestCase)\([^\]]{0,300}(?:Skip|Ignore)=/)
  ],
  toggles: [
    toggle(/#pragma warning restore(?![\w])/, /#pragma warning disable(?![\w])/, 'code'),
    toggle(/#nullable enable(?![\w])/, undefined, 'code'),
    toggle(/\bresharper\s+restore\b/i, /\bresharper\s+disable\b/i)
  ]
}

const C: Language = {
  name: 'C/C++',
  syntax: C_SYNTAX,
  markers: [
    code('#pragma diagnostic ignored', /#pragma (?:GCC|clang) diagnostic ignored/),
    code('#pragma warning disable', /#pragma warning\(disable/),
    comment('NOLINT', /\bnolint(?:nextline|begin)?\b/i),
    comment('cppcheck-suppress', /\bcppcheck-suppress\b/i),
    COVERAGE,
    code('skipped test', /(?<![\w])GTEST_SKIP(?![\w])/),
    // GoogleTest runs no test whose name starts with DISABLED_.
    code('skipped test', /(?<![\w])DISABLED_\w/)
  ],
  toggles: [
    toggle(/\bnolintend\b/i, /\bnolintbegin\b/i),
    toggle(/\blcov_excl_stop\b/i, /\blcov_excl_start\b/i)
  ]
}

const HASH_SYNTAX: Syntax = { lineComments: ['#'], blockComments: [], quotes: `"'` }

const RUBY: Language = {
  name: 'Ruby',
  syntax: { ...HASH_SYNTAX, blockComments: [['=begin', '=end']] },
  markers: [
    comment('rubocop:disable', /#\s*(?:rubocop|standard)\s*:\s*(?:disable|todo)\b/i),
    comment('coverage ignore', /#\s*:nocov:/i),
    code('skipped test', /(?<![\w.:$@])(?:skip|pending)(?![\w$?!:=])/, true),
    code('skipped test', /(?<![\w.])x(?:it|describe|context|specify|example|scenario|feature)(?![\w$?!])/),
    code('focused test', /(?<![\w.])f(?:it|describe|context)(?![\w$?!])|(?<![\w])focus:true/)
  ],
  toggles: [toggle(/#\s*(?:rubocop|standard)\s*:\s*enable\b/i, /#\s*(?:rubocop|standard)\s*:\s*disable\b/i)]
}

const PHP: Language = {
  name: 'PHP',
  syntax: { lineComments: ['//', '#'], notComments: ['#['], blockComments: [['/*', '*/']], quotes: `"'` },
  markers: [
    comment('@phpstan-ignore', /@phpstan-ignore/i),
    comment('@psalm-suppress', /@psalm-suppress\b/i),
    comment('phpcs:ignore', /\bphpcs:\s*(?:ignore|disable)\b|@codingStandardsIgnore/i),
    comment('coverage ignore', /@codeCoverageIgnore/i),
    code('skipped test', /(?:->|::)markTest(?:Skipped|Incomplete)\(/),
    code('skipped test', /#\[(?:[\w\\]{0,100}\\)?(?:RequiresPhp|Group\('(?:skip|disabled)'\))/)
  ],
  toggles: [toggle(/\bphpcs:\s*enable\b/i, /\bphpcs:\s*disable\b/i)]
}

const SHELL_SYNTAX: Syntax = {
  lineComments: ['#'],
  commentAtWordStart: true,
  blockComments: [],
  quotes: '',
  longQuotes: `'"`
}

const SHELL: Language = {
  name: 'shell',
  syntax: SHELL_SYNTAX,
  markers: [comment('shellcheck disable', /#\s*shellcheck\s+disable\s*=/i), OR_TRUE_CODE, SET_E_CODE]
}

const DOCKER: Language = {
  name: 'Dockerfile',
  syntax: SHELL_SYNTAX,
  markers: [
    comment('hadolint ignore', /#\s*hadolint\s+(?:ignore|global\s+ignore)/i),
    OR_TRUE_CODE,
    SET_E_CODE
  ]
}

const SWIFT: Language = {
  name: 'Swift',
  syntax: { ...C_SYNTAX, nestedComments: true, quotes: '"' },
  markers: [
    comment('swiftlint:disable', /\bswiftlint:disable\b|\bswiftformat:disable\b/i),
    code('skipped test', /(?<![\w])XCTSkip\w{0,40}|(?<![\w])XCTExpectFailure(?![\w])/)
  ],
  toggles: [toggle(/\bswiftlint:enable\b/i, /\bswiftlint:disable\b/i)]
}

const DART: Language = {
  name: 'Dart',
  syntax: C_SYNTAX,
  markers: [
    comment('ignore', /^\/\/\s*ignore(?:_for_file)?\s*:/i),
    code('skipped test', /[(,]skip:(?!false(?![\w])|null(?![\w]))|@Skip\(/)
  ]
}

const CSS: Language = {
  name: 'CSS',
  syntax: { lineComments: ['//'], blockComments: [['/*', '*/']], quotes: `"'` },
  markers: [STYLELINT, PRETTIER, BIOME],
  toggles: [toggle(/stylelint-enable/i, /stylelint-disable(?!-)/i)]
}

const MARKUP_MARKERS: Marker[] = [
  comment('prettier-ignore', /prettier-ignore/i),
  comment('markdownlint-disable', /markdownlint-(?:disable|capture|configure-file)/i),
  comment('eslint-disable', /eslint-disable/i),
  comment('lint disable', /^<!--\s*(?:lint\s+(?:disable|ignore)|textlint-disable|vale\s+off|htmlhint\s)/i),
  STYLELINT,
  CSPELL
]

/** Markdown and HTML: only their comments hold markers (prose mentioning `eslint-disable` is not one). */
const MARKUP: Language = {
  name: 'Markdown/HTML',
  syntax: { lineComments: [], blockComments: [['<!--', '-->']], quotes: '' },
  markers: MARKUP_MARKERS,
  toggles: [
    toggle(/markdownlint-(?:enable|restore)/i, /markdownlint-(?:disable|capture)/i),
    toggle(/prettier-ignore-end/i, /prettier-ignore-start/i)
  ]
}

/** Terraform/HCL: the infrastructure scanners' skip comments. */
const HCL: Language = {
  name: 'HCL',
  syntax: { lineComments: ['#', '//'], blockComments: [['/*', '*/']], quotes: '"' },
  markers: [
    comment(
      'scanner ignore',
      /\b(?:tfsec|trivy)\s*:\s*ignore|\bcheckov\s*:\s*skip|\bkics-scan\s+ignore|\btflint-ignore\b|\bnosec\b/i
    )
  ]
}

const SQL: Language = {
  name: 'SQL',
  syntax: { lineComments: ['--'], blockComments: [['/*', '*/']], quotes: `'"` },
  markers: [comment('noqa', /--\s*noqa\b|\bsqlfluff\s*:\s*(?:noqa|disable)/i)]
}

/** YAML is matched raw: its suppressions are keys, and the values that matter (`'false'`) are often quoted. */
const YAML: Language = {
  name: 'YAML',
  markers: [
    raw('continue-on-error', /^\s*(?:-\s*)?continue-on-error\s*:\s*(?!["']?false["']?\s*(?:#|$))\S/i),
    raw('allow_failure', /^\s*(?:-\s*)?allow_failure\s*:\s*(?!["']?false["']?\s*(?:#|$))\S/i),
    raw("'if: false'", /^\s*(?:-\s*)?if\s*:\s*["']?(?:\$\{\{\s*)?(?:false|0)\b/i),
    raw('yamllint disable', /#\s*yamllint\s+disable/i),
    raw('prettier-ignore', /#\s*prettier-ignore/i),
    OR_TRUE_RAW,
    SET_E_RAW
  ],
  toggles: [toggle(/#\s*yamllint\s+enable/i, /#\s*yamllint\s+disable(?!-)/i)]
}

/** Maven's pom.xml and other XML build files: tests skipped or failures ignored by a property. */
const XML: Language = {
  name: 'XML',
  markers: [
    raw(
      'skipped test',
      /<(?:skipTests|skip|skipITs|maven\.test\.skip|skipExec)>\s*true|-DskipTests\b|-Dmaven\.test\.skip/i
    ),
    raw(
      'ignored failures',
      /<(?:testFailureIgnore|ignoreFailures)>\s*true|<(?:failOnError|failsOnError|failOnViolation|failOnWarning|haltOnFailure)>\s*false/i
    ),
    raw('prettier-ignore', /<!--\s*prettier-ignore/i)
  ]
}

/** package.json is data, except its scripts, where `|| true` makes a failing script pass. */
const PACKAGE_JSON: Language = { name: 'package.json', markers: [OR_TRUE_RAW] }

/** A file of no known language: the markers of every language's comments, and the plainest test modifiers. */
const UNKNOWN: Language = {
  name: 'unknown',
  syntax: {
    lineComments: ['//', '#', '--'],
    commentAtWordStart: true,
    blockComments: [
      ['/*', '*/'],
      ['<!--', '-->']
    ],
    quotes: `'"`
  },
  markers: [
    ...[JS, PYTHON, GO, RUST, JVM, CSHARP, C, RUBY, PHP, SHELL, DOCKER, SWIFT, DART, CSS, MARKUP, SQL, HCL]
      .flatMap(language => language.markers)
      .filter(marker => marker.where === 'comment')
      .filter(
        (marker, index, all) => all.findIndex(m => m.pattern.source === marker.pattern.source) === index
      ),
    ...JS_MARKERS.slice(
      JS_MARKERS.findIndex(m => m.where === 'code'),
      JS_MARKERS.length
    ).filter(m => !m.testOnly),
    ...PYTHON.markers.filter(m => m.where === 'code' && !m.testOnly).slice(0, 4)
  ]
}

const BY_EXTENSION: ReadonlyMap<string, Language> = new Map(
  (
    [
      [JS, 'js jsx mjs cjs ts tsx mts cts vue svelte astro es6 es jsm'],
      [PYTHON, 'py pyi pyw pyx pxd bzl star'],
      [GO, 'go'],
      [RUST, 'rs'],
      [JVM, 'java kt scala groovy sc'],
      [GRADLE, 'gradle kts'],
      [CSHARP, 'cs csx'],
      [C, 'c h cc cpp cxx hpp hh hxx m mm ino cu'],
      [RUBY, 'rb rake gemspec ru'],
      [PHP, 'php phtml'],
      [SHELL, 'sh bash zsh ksh bats mk'],
      [SWIFT, 'swift'],
      [DART, 'dart'],
      [CSS, 'css scss sass less styl pcss'],
      [MARKUP, 'md markdown mdx html htm xhtml'],
      [SQL, 'sql'],
      [HCL, 'tf tfvars hcl'],
      [YAML, 'yml yaml'],
      [XML, 'xml']
    ] as const
  ).flatMap(([language, extensions]) => extensions.split(' ').map(ext => [ext, language] as const))
)

const BY_NAME: ReadonlyMap<string, Language> = new Map([
  ['package.json', PACKAGE_JSON],
  ['dockerfile', DOCKER],
  ['containerfile', DOCKER],
  ['makefile', SHELL],
  ['gnumakefile', SHELL],
  ['justfile', SHELL],
  ['jenkinsfile', JVM],
  ['gemfile', RUBY],
  ['rakefile', RUBY],
  ['build', PYTHON],
  ['workspace', PYTHON],
  ['.bashrc', SHELL],
  ['.zshrc', SHELL],
  ['.profile', SHELL]
])

/** Data and prose: not code, and what they contain is never a suppression. */
const DATA = new Set(
  (
    'txt text rst adoc asciidoc org tex log csv tsv json jsonc json5 toml ini cfg conf properties env lock sum ' +
    'mod snap svg map plist pem crt key pub asc sig license po pot'
  ).split(' ')
)

/** Interpreters and runners a check may name, by the language of the files they run. */
const RUNNERS: ReadonlyArray<readonly [Language, RegExp]> = [
  [JS, /^(?:node|nodejs|tsx|ts-node|deno|bun|jest|vitest|mocha|ava|tap|npx|npm|yarn|pnpm)$/],
  [PYTHON, /^(?:python[\d.]*|pytest|py\.test|tox|nox|uv|poetry)$/],
  [SHELL, /^(?:bash|sh|zsh|dash|ksh|bats)$/],
  [RUBY, /^(?:ruby|rspec|rake|bundle)$/],
  [GO, /^go$/],
  [RUST, /^cargo$/],
  [PHP, /^(?:php|phpunit)$/]
]

/** The language of a shebang line, if it names one. */
function shebangLanguage(firstLine: string): Language | undefined {
  const match = /^#!\s*\S*?([\w.-]+)(?:\s+(?:-\S+\s+)*([\w.-]+))?/.exec(firstLine)
  if (!match) return undefined
  const program = match[1] === 'env' ? (match[2] ?? '') : match[1]
  return RUNNERS.find(([, pattern]) => pattern.test(program))?.[0]
}

/** Guesses a language from what a text holds: counts lines only one language writes. */
function sniff(text: string): Language | undefined {
  const signals: ReadonlyArray<readonly [Language, RegExp]> = [
    [
      JS,
      /^\s*(?:import\s[^\n]{0,200}\sfrom\s|import\s+['"]|export\s+(?:default|const|function|class|\{)|(?:const|let|var)\s+[\w${}\s,]{1,80}=|module\.exports|(?:describe|it|test)\s*\(\s*['"`])/
    ],
    [
      PYTHON,
      /^\s*(?:def\s+\w+\s*\(|class\s+\w+\s*[(:]|from\s+[\w.]+\s+import\s|import\s+\w[\w.]*\s*$|@pytest\.|if __name__\s*==)/
    ],
    [GO, /^(?:package\s+\w+\s*$|func\s+(?:\([^)]{0,80}\)\s*)?\w+\s*\()/],
    [RUST, /^\s*(?:(?:pub\s+)?fn\s+\w+\s*[<(]|use\s+\w+::|(?:pub\s+)?mod\s+\w+\s*[{;]|#!?\[\w)/],
    [
      JVM,
      /^\s*(?:package\s+[\w.]+;|import\s+(?:static\s+)?[\w.]+(?:\.\*)?;|(?:public|private|protected)\s+(?:static\s+)?(?:class|void|final))/
    ],
    [SHELL, /^\s*(?:set\s+-[a-z]+|fi|then|done|esac|echo\s|export\s+\w+=)\s*/]
  ]
  const scores = new Map<Language, number>()
  let lines = 0
  for (const line of text.split('\n')) {
    if (++lines > 400) break
    const hit = signals.find(([, pattern]) => pattern.test(line.slice(0, 400)))
    if (hit) scores.set(hit[0], (scores.get(hit[0]) ?? 0) + 1)
  }
  let best: Language | undefined
  let bestScore = 0
  for (const [language, score] of scores) {
    if (score > bestScore) [best, bestScore] = [language, score]
  }
  return best
}

/** What is known of a file besides its path, to tell its language. */
export interface LanguageHints {
  /** Its content (whole or a piece), for the shebang and the content. */
  text?: string
  /** Whether `text` starts at the file's first line. */
  fromStart?: boolean
  /** The check command: a file it names is of the language of the program that runs it. */
  check?: string
}

/** The language whose markers apply to a repository path. */
function languageOf(path: string, hints: LanguageHints = {}): Language {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase()
  const named = BY_NAME.get(name)
  if (named) return named
  if (/^(?:dockerfile|containerfile)\.|\.dockerfile$/.test(name)) return DOCKER
  const dot = name.lastIndexOf('.')
  const ext = dot > 0 ? name.slice(dot + 1) : ''
  const byExtension = BY_EXTENSION.get(ext)
  if (byExtension) return byExtension
  const text = hints.text ?? ''
  if (hints.fromStart && text.startsWith('#!')) {
    const end = text.indexOf('\n')
    const language = shebangLanguage(end < 0 ? text : text.slice(0, end))
    if (language) return language
  }
  if (hints.check && (hints.check.includes(path) || (ext !== '' && hints.check.includes(`.${ext}`)))) {
    for (const word of hints.check.split(/[\s;&|()]+/)) {
      const language = RUNNERS.find(([, pattern]) => pattern.test(word.replace(/^.*\//, '')))?.[0]
      if (language) return language
    }
  }
  const sniffed = sniff(text)
  if (sniffed) return sniffed
  if (
    DATA.has(ext) ||
    (ext === '' && /^(?:license|licence|copying|notice|authors|changelog|readme)/.test(name))
  ) {
    return MARKUP_DATA
  }
  return UNKNOWN
}

/** The language a path is read as: its name, and how it writes comments and strings (none for raw text). */
export function syntaxOf(path: string, hints?: LanguageHints): { name: string; syntax?: Syntax } {
  const { name, syntax } = languageOf(path, hints)
  return { name, syntax }
}

/** Data and prose files: nothing is searched. */
const MARKUP_DATA: Language = { name: 'data', markers: [] }

/** Whether suppressions are searched for in this path (judged by its name alone). */
export function isSearchedForSuppressions(path: string): boolean {
  return languageOf(path).markers.length > 0
}

/** A suppression a fix brings. */
export interface FoundSuppression {
  /** 1-based line in the new file (for a removed re-enable: where it was). */
  line: number
  /** What kind of marker it is. */
  kind: string
  /** The line, trimmed. */
  text: string
}

/** What findSuppressions may know besides the hunks. */
export interface SuppressionOptions {
  /** The file's sides (fileSides), when the caller has them; else they are made from the hunks. */
  sides?: FileSides
  /** Whether the file is a test file: markers that only matter in tests apply. */
  test?: boolean
  /** The check command, to know the language of a file it runs. */
  check?: string
}

/** A test definition of a common runner, in raw text (`it('…'`, `def test_…`, `func TestX(`, `#[test]`). */
const DEFINES_TESTS =
  /(?:^|[\s;(])(?:describe|it|test)\s*\(\s*['"`]|^[ \t]*(?:async[ \t]+)?def[ \t]+test|^func[ \t]+Test\w*[ \t]*\(|#\[(?:\w+::)?test\]|@Test\b/m

/** A range of lines of a side (0-based within it) where something was found. */
interface Hit {
  from: number
  to: number
  kind: string
}

/**
 * The suppressions that a file patch brings: on lines it adds (a moved or re-indented line, which the same hunk
 * also removes, is not new), and removed re-enables whose disable stays.
 */
export function findSuppressions(
  path: string,
  hunks: readonly Hunk[],
  options: SuppressionOptions = {}
): FoundSuppression[] {
  const sides =
    options.sides ?? fileSides({ kind: 'modify', oldPath: path, newPath: path, hunks: [...hunks], git: true })
  const sample =
    sides.newText ?? sides.after.find(side => side.first === 1)?.text ?? sides.oldText ?? sides.after[0]?.text
  const fromStart =
    sides.newText !== undefined || sides.after.some(side => side.first === 1) || sides.oldText !== undefined
  const language = languageOf(path, { text: sample, fromStart, check: options.check })
  // Markers that matter only in tests apply in a test file, and in any file that defines tests.
  const test = options.test === true || DEFINES_TESTS.test(sample ?? '')
  const found = new Map<number, FoundSuppression>()
  const lineText = linesOf(sides.after)
  const report = (line: number, kind: string, text: string | undefined): void => {
    if (!found.has(line)) found.set(line, { line, kind, text: (text ?? '').trim() })
  }

  for (const side of sides.after) {
    // One finding per place: patterns that match the same lines (`describe\n.skip(`) report once.
    const reported: Array<[number, number]> = []
    for (const hit of hitsOf(side.text, side.whole, language, test)) {
      const from = side.first + hit.from
      const to = side.first + hit.to
      if (reported.some(([a, b]) => from <= b && to >= a)) continue
      for (let line = from; line <= to; line++) {
        if (sides.added.has(line)) {
          report(line, hit.kind, lineText.get(line))
          reported.push([from, to])
          break
        }
      }
    }
  }
  for (const removal of removedToggles(sides, language)) report(removal.line, removal.kind, removal.text)
  return [...found.values()].sort((a, b) => a.line - b.line)
}

/** Text of each line of some sides, by file line. */
function linesOf(sides: ReadonlyArray<{ text: string; first: number }>): Map<number, string> {
  const lines = new Map<number, string>()
  for (const side of sides) {
    side.text.split('\n').forEach((text, index) => lines.set(side.first + index, text.replace(/\r$/, '')))
  }
  return lines
}

/** Where a side's text holds markers. A piece of a file may start inside a string or comment: both readings count. */
function hitsOf(text: string, whole: boolean, language: Language, test: boolean): Hit[] {
  if (!language.syntax) {
    const hits: Hit[] = []
    text.split('\n').forEach((line, index) => {
      const marker = language.markers.find(m => m.pattern.test(line.replace(/\r$/, '')))
      if (marker) hits.push({ from: index, to: index, kind: marker.kind })
    })
    return hits
  }
  const first = view(text, language.syntax)
  const hits = hitsOfView(first, language, test)
  if (!whole && first.end.in !== 'code')
    hits.push(...hitsOfView(view(text, language.syntax, first.end), language, test))
  return hits
}

function hitsOfView(code: CodeView, language: Language, test: boolean): Hit[] {
  const hits: Hit[] = []
  for (const note of code.comments) {
    // A marker quoted as code in a comment (in backticks) is a mention: no tool reads it there.
    const text = note.text.includes('`')
      ? note.text.replace(/`[^`\n]{1,200}`/g, m => ' '.repeat(m.length))
      : note.text
    for (const marker of language.markers) {
      if (marker.where !== 'comment') continue
      const match = marker.pattern.exec(text)
      if (!match) continue
      // From the marker to the comment's end: a changed rule list of a multi-line directive counts.
      const from = note.line + countLines(note.text, match.index)
      hits.push({ from, to: note.endLine, kind: marker.kind })
      break
    }
  }
  for (const marker of language.markers) {
    if (marker.where !== 'code' || (marker.testOnly && !test)) continue
    for (const match of code.code.matchAll(global(marker.pattern))) {
      hits.push({
        from: code.lineAt(match.index),
        to: code.lineAt(match.index + Math.max(0, match[0].length - 1)),
        kind: marker.kind
      })
    }
  }
  for (const hit of language.analyse?.(code, test) ?? []) {
    hits.push({
      from: code.lineAt(hit.start),
      to: code.lineAt(Math.max(hit.start, hit.end - 1)),
      kind: hit.kind
    })
  }
  return hits
}

const globals = new WeakMap<RegExp, RegExp>()
function global(pattern: RegExp): RegExp {
  let compiled = globals.get(pattern)
  if (!compiled) {
    compiled = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)
    globals.set(pattern, compiled)
  }
  compiled.lastIndex = 0
  return compiled
}

function countLines(text: string, end: number): number {
  let count = 0
  for (let k = text.indexOf('\n'); k >= 0 && k < end; k = text.indexOf('\n', k + 1)) count++
  return count
}

/** Re-enables the patch removes while the disable they end stays: the suppression now runs on. */
function removedToggles(sides: FileSides, language: Language): FoundSuppression[] {
  const { toggles, syntax } = language
  if (!toggles || !syntax || sides.removed.size === 0) return []
  const enables = toggles.map(() => [] as number[])
  const disables = toggles.map(() => 0)
  for (const side of sides.before) {
    const code = view(side.text, syntax)
    /** The first removed line of a place, if any. */
    const removedIn = (from: number, to: number): number | undefined => {
      for (let line = side.first + from; line <= side.first + to; line++)
        if (sides.removed.has(line)) return line
      return undefined
    }
    toggles.forEach((marker, index) => {
      const count = (pattern: RegExp, onRemoved: (line: number) => void): void => {
        if (marker.where === 'comment') {
          for (const note of code.comments) {
            const line = pattern.test(note.text) ? removedIn(note.line, note.endLine) : undefined
            if (line !== undefined) onRemoved(line)
          }
        } else {
          for (const match of code.code.matchAll(global(pattern))) {
            const line = removedIn(code.lineAt(match.index), code.lineAt(match.index + match[0].length - 1))
            if (line !== undefined) onRemoved(line)
          }
        }
      }
      count(marker.enable, line => enables[index].push(line))
      if (marker.disable) count(marker.disable, () => disables[index]++)
    })
  }
  const oldLines = linesOf(sides.before)
  return toggles.flatMap((_, index) =>
    enables[index].slice(disables[index]).map(line => ({
      line: sides.removedAt.get(line) ?? line,
      kind: 're-enable removed',
      text: (oldLines.get(line) ?? '').trim()
    }))
  )
}

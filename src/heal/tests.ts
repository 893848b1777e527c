/**
 * Tests are the specification. This module knows which paths are test files (by the usual layouts of JS/TS,
 * Python, Go, Rust, Java/Kotlin, Ruby, PHP, C#, Swift, Dart) and, where a fix may change them, finds the changes
 * that weaken a test instead of fixing what it found: assertions removed or commented out, a test removed, a test
 * body emptied, an early `return`, an assertion replaced by a tautology (`expect(true).toBe(true)`, `assert True`),
 * a test file deleted, emptied, or renamed where the runner no longer finds it.
 *
 * Assertions are counted in normalised code (`lex.ts`), so re-wrapping or moving one is not removing it, and one
 * in a comment no longer counts.
 */
import picomatch from 'picomatch/posix.js'
import type { FilePatch } from '../diff/parse.js'
import { closing, view, type CodeView, type Syntax } from './lex.js'
import type { FileSides, Side } from './sides.js'
import { syntaxOf } from './suppressions.js'

const anyDepth = (names: string): string[] => names.split(' ').map(name => `**/${name}`)
const below = (globs: string[]): string[] => globs.flatMap(glob => [glob, `${glob}/**`])

/** Test files, matched in any case (a case-insensitive checkout writes `Tests/x` into `tests/`). */
const TEST_GLOBS = below(
  anyDepth(
    '*.test.* *.spec.* *.tests.* *_test.* *_tests.* *_spec.* *-test.* *-spec.* test_*.py tests.py *.cy.* ' +
      '*.e2e.* *.e2e-spec.* __tests__ __mocks__ __snapshots__ __fixtures__ test tests spec specs testdata ' +
      'e2e cypress *.golden src/test src/testFixtures'
  )
)
/** Test files named in camel case, matched with their case (`LatestTest.java`, not `latest.java`). */
const CASED_TEST_GLOBS = [
  ...below(anyDepth('src/*Test src/*Tests')),
  ...anyDepth(
    '*Test.{java,kt,kts,scala,groovy,php,cs,swift,m,mm} *Tests.{java,kt,kts,scala,groovy,php,cs,swift,m,mm} ' +
      '*IT.{java,kt,groovy} *Spec.{groovy,scala,kt,kts} Test*.{java,php} *TestCase.{java,php,cs}'
  )
]

const isTestPath = picomatch(TEST_GLOBS, { dot: true, nocase: true })
const isCasedTestPath = picomatch(CASED_TEST_GLOBS, { dot: true })
const isSnapshotPath = picomatch(['**/__snapshots__/**/*.snap'], { dot: true, nocase: true })

/** Whether a repository path is a test file (or a file of the tests: a mock, a fixture, a snapshot). */
export function isTestFile(path: string): boolean {
  return isTestPath(path) || isCasedTestPath(path)
}

/** Go's platform suffixes: `x_windows_test.go` builds only on Windows. */
const GO_PLATFORM =
  /_(?:aix|android|darwin|dragonfly|freebsd|hurd|illumos|ios|js|linux|nacl|netbsd|openbsd|plan9|solaris|wasip1|windows|zos|386|amd64|arm|arm64|loong64|mips\w*|ppc64\w*|riscv64|s390x|wasm)(?:_test)?\.go$/
/** Names the runners collect by default, by extension; undefined for files no default names. */
function collectedByDefault(path: string): boolean | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1)
  if (/\.go$/.test(name)) return /_test\.go$/.test(name) && !/^[_.]/.test(name) && !GO_PLATFORM.test(name)
  if (/\.py$/.test(name)) return /^test_.*\.py$|_test\.py$/.test(name)
  if (/\.[cm]?[jt]sx?$/.test(name))
    return /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(name) || /(?:^|\/)__tests__\//.test(path)
  if (/\.rs$/.test(name)) return /(?:^|\/)tests\/[^/]+\.rs$|(?:^|\/)tests\/[^/]+\/main\.rs$/.test(path)
  if (/\.java$/.test(name)) return /^Test\w*\.java$|\w(?:Test|Tests|TestCase)\.java$/.test(name)
  return undefined
}

/** Whether a path is a snapshot file (`__snapshots__/*.snap`), which a snapshot mismatch may update. */
export function isSnapshotFile(path: string): boolean {
  return isSnapshotPath(path)
}

/** One way a patch weakens a test. */
export interface FoundWeakening {
  /** 1-based new-file line, when there is one. */
  line?: number
  /** What the patch does, as a verb phrase (`removes 2 assertions`). */
  what: string
}

/** How the tests of one language are written. */
interface TestDialect {
  /** A test definition; the match ends at its body's `{` (brace bodies) or at the title (JS calls). */
  definition?: RegExp
  body: 'brace' | 'js-call' | 'indent'
  /** An assertion (counted). */
  assertion: RegExp
  /** A comment that is an assertion (Go's `// Output:`). */
  assertionComment?: RegExp
  /** Assertions that always pass, as [start, end] offsets in normalised code. */
  tautologies?: (code: string) => Array<[number, number]>
  /**
   * Code that keeps a test from failing: a condition that is never true (`never`), or a failure of assertions
   * caught and ignored (`swallow`). What a swallow guards is the block before a `}catch`, the statement before a
   * `.catch(`, the `try:` before a Python `except` (`python`), or the arguments of the call (`call`).
   */
  neverFails?: { never?: RegExp; swallow?: RegExp; guards?: 'python' | 'call' }
}

const TRUTHY_JS = /^(?:true|[1-9]\d*(?:\.\d+)?|'(?!')[^']*'|\[\]|\{\}|!0|!false|!!1|Infinity)$/
const FALSY_JS = /^(?:false|0|null|undefined|''|NaN|void 0|!1|!true)$/
const LITERAL_JS = /^(?:true|false|null|undefined|-?\d+(?:\.\d+)?|'[^']*'|NaN|\[\]|\{\})$/
const TRUTHY_PY = /^(?:True|[1-9]\d*(?:\.\d+)?|'(?!')[^']*'|not False|not None|not 0|not '')$/
const LITERAL = /^(?:true|false|True|False|None|nil|null|-?\d+(?:\.\d+)?|'[^']*')$/
/** `x || true`: whatever x is, the whole is truthy. */
const OR_TRUE_JS = /\|\|(?:true|[1-9]\d*|'[^']+'|!0)$/
const OR_TRUE_PY = /(?:^| )or (?:True|[1-9]\d*|'[^']+')$/
/** `if (false)`, `if (0 && x)`, `while (false)`: the branch never runs. */
const NEVER_JS =
  "(?<![\\w$.])(?:if|while)\\((?:false|0|null|undefined|''|!1|!true|void 0)(?:&&[^)]{0,200})?\\)"

/** Strips parentheses around a whole expression. */
function bare(expression: string): string {
  let text = expression.trim()
  while (text.startsWith('(') && closing(text, 0) === text.length) text = text.slice(1, -1)
  return text
}

/** The calls matching `head` (which ends at the call's `(`), with their top-level arguments and end. */
function calls(
  code: string,
  head: RegExp
): Array<{ start: number; name: string; args: string[]; end: number }> {
  const found: Array<{ start: number; name: string; args: string[]; end: number }> = []
  const budget = { left: code.length * 4 + 10_000 }
  for (const match of code.matchAll(head)) {
    const open = match.index + match[0].length - 1
    const end = closing(code, open, 20_000, budget)
    if (end < 0) continue
    found.push({
      start: match.index,
      name: match[1] ?? '',
      args: argumentsOf(code, open, end).map(bare),
      end
    })
  }
  return found
}

/** Top-level arguments of the call whose `(` is at `open` and whose `)` ends at `end`. */
function argumentsOf(code: string, open: number, end: number): string[] {
  return argumentRanges(code, open, end).map(([s, e]) => code.slice(s, e))
}

function argumentRanges(code: string, open: number, end: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  let depth = 0
  let start = open + 1
  for (let k = open + 1; k < end - 1; k++) {
    const c = code[k]
    if (c === "'") {
      const next = code.indexOf("'", k + 1)
      k = next < 0 ? end : next
    } else if ('([{'.includes(c)) depth++
    else if (')]}'.includes(c)) depth--
    else if (c === ',' && depth === 0) {
      ranges.push([start, k])
      start = k + 1
    }
  }
  if (end - 1 > start) ranges.push([start, end - 1])
  return ranges
}

function jsTautologies(code: string): Array<[number, number]> {
  const found: Array<[number, number]> = []
  const equal = new Set([
    'toBe',
    'toEqual',
    'toStrictEqual',
    'equal',
    'equals',
    'eql',
    'deepEqual',
    'toMatchObject'
  ])
  for (const call of calls(code, /(?<![\w$.])expect\(/g)) {
    const [actual = ''] = call.args
    const chain = /^(?:\.\w{1,40})+/.exec(code.slice(call.end, call.end + 400))?.[0] ?? ''
    if (chain === '') {
      // `expect(x)` with no matcher asserts nothing.
      found.push([call.start, call.end])
      continue
    }
    const members = chain.slice(1).split('.')
    const negated = members.includes('not')
    const matcher = members[members.length - 1]
    const after = call.end + chain.length
    const expected = code[after] === '(' ? argumentsOf(code, after, closing(code, after)).map(bare) : []
    const always =
      (equal.has(matcher) &&
        expected.length > 0 &&
        (negated
          ? LITERAL_JS.test(actual) && LITERAL_JS.test(expected[0]) && actual !== expected[0]
          : actual === expected[0])) ||
      (!negated &&
        ['toBeTruthy', 'toBeDefined', 'true', 'ok'].includes(matcher) &&
        (TRUTHY_JS.test(actual) || OR_TRUE_JS.test(actual))) ||
      (!negated && equal.has(matcher) && expected[0] === 'true' && OR_TRUE_JS.test(actual)) ||
      (!negated && ['toBeFalsy', 'false'].includes(matcher) && FALSY_JS.test(actual)) ||
      (!negated && matcher === 'toBeNull' && actual === 'null') ||
      (!negated && matcher === 'toBeUndefined' && actual === 'undefined')
    if (always) found.push([call.start, after])
  }
  const assertCalls =
    /(?<![\w$.])(?:assert(?:\.(ok|equal|strictEqual|deepEqual|deepStrictEqual|notEqual|notStrictEqual))?|t\.(true|truthy|is|deepEqual|pass|like))\(/g
  for (const call of calls(code, assertCalls)) {
    const [a = '', b] = call.args
    const name = call.name
    const always =
      name === 'pass' ||
      ((name === '' || name === 'ok' || name === 'true' || name === 'truthy') &&
        (TRUTHY_JS.test(a) || OR_TRUE_JS.test(a))) ||
      (['equal', 'strictEqual', 'deepEqual', 'deepStrictEqual', 'is', 'like'].includes(name) &&
        b !== undefined &&
        a === b) ||
      (['notEqual', 'notStrictEqual'].includes(name) &&
        LITERAL_JS.test(a) &&
        b !== undefined &&
        LITERAL_JS.test(b) &&
        a !== b)
    if (always) found.push([call.start, call.end])
  }
  return found
}

function pythonTautologies(code: string): Array<[number, number]> {
  const found: Array<[number, number]> = []
  for (const match of code.matchAll(/(?<![\w.])assert(?![\w])([^\n]{0,400})/g)) {
    // The message after a top-level comma does not matter.
    const expression = bare(argumentsOf(`(${match[1]})`, 0, match[1].length + 2)[0] ?? '')
    const sides = /^(.{1,200}?)(?:==| is )(.{1,200})$/.exec(expression)
    if (
      TRUTHY_PY.test(expression) ||
      OR_TRUE_PY.test(expression) ||
      (sides && bare(sides[1]) === bare(sides[2]))
    ) {
      found.push([match.index, match.index + match[0].length])
    }
  }
  const truthy = new Set(['assertTrue', 'assert_', 'failUnless', 'assertIsNotNone'])
  const equal =
    /^assert(?:Equals?|Is|CountEqual|ListEqual|DictEqual|SetEqual|TupleEqual|SequenceEqual|MultiLineEqual|AlmostEquals?|GreaterEqual|LessEqual)$/
  for (const call of calls(code, /\.(assert\w{0,40}|failUnless)\(/g)) {
    const [a = '', b] = call.args
    if (
      (truthy.has(call.name) && TRUTHY_PY.test(a)) ||
      (equal.test(call.name) && b !== undefined && a === b)
    ) {
      found.push([call.start, call.end])
    }
  }
  return found
}

/** Go's testify, Rust's assert macros, JUnit: one truthy literal, or the same thing on both sides. */
function callTautologies(head: RegExp, truthy: RegExp, equal: RegExp, skipFirst: boolean) {
  return (code: string): Array<[number, number]> =>
    calls(code, head)
      .filter(call => {
        const args = skipFirst ? call.args.slice(1) : call.args
        return (
          (truthy.test(call.name) && args[0] === 'true') ||
          (truthy.test(call.name) &&
            /^(?:True|False)$/.test(call.name) &&
            args[0] === call.name.toLowerCase()) ||
          (equal.test(call.name) && args.length >= 2 && args[0] === args[1]) ||
          (/Not|_ne/.test(call.name) &&
            LITERAL.test(args[0] ?? '') &&
            LITERAL.test(args[1] ?? '') &&
            args[0] !== args[1])
        )
      })
      .map(call => [call.start, call.end] as [number, number])
}

const DIALECTS: Record<string, TestDialect> = {
  'JavaScript/TypeScript': {
    definition: /(?<![\w$.])[xf]?(?:it|test|specify)(?:\.\w{1,20}){0,3}\('/g,
    body: 'js-call',
    assertion:
      /(?<![\w$.])(?:expect|assert)(?=[(.])|(?<![\w$.])t\.(?:is|not|true|false|truthy|falsy|deepEqual|notDeepEqual|like|throws|throwsAsync|notThrows|notThrowsAsync|snapshot|regex|notRegex|equal|notEqual|same|notSame|ok|notOk|match|assert|strictEqual|notStrictEqual|deepStrictEqual|rejects|resolves)\(|\.should(?![\w$])|(?<![\w$.])should\(/g,
    tautologies: jsTautologies,
    neverFails: {
      never: new RegExp(NEVER_JS, 'g'),
      swallow:
        /\}catch(?:\([^)]{0,100}\))?\{\}|\.catch\((?:\(\)|[\w$]{1,40}|\([\w$]{1,40}\))=>(?:\{\}|undefined|null|void 0)\)/g
    }
  },
  Python: {
    body: 'indent',
    assertion:
      /(?<![\w.])assert(?![\w])|\.assert\w{0,40}\(|(?<![\w.])(?:pytest\.)?raises\(|(?<![\w.])assert_\w{1,40}\(|\.fail\(/g,
    tautologies: pythonTautologies,
    neverFails: {
      never: /(?<![\w.])(?:if|elif|while) (?:False|0|None|''|not True)(?: and [^\n:]{1,200})?:/g,
      swallow:
        /(?<![\w.])except(?: [^\n:]{1,200})?:\n?(?:pass|\.\.\.|continue)(?![\w])|(?<![\w])suppress\((?:[\w.]{0,40}\.)?(?:AssertionError|Exception|BaseException)/g,
      guards: 'python'
    }
  },
  Go: {
    definition: /(?<![\w])func (?:Test|Benchmark|Fuzz|Example)\w{0,80}\([^)]{0,200}\)\{/g,
    body: 'brace',
    assertion:
      /(?<![\w])\w{1,20}\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\(|(?<![\w.])(?:assert|require)\.\w{1,40}\(/g,
    assertionComment: /^\/\/\s*(?:unordered )?output:/i,
    neverFails: { never: /(?<![\w])if (?:false|!true)(?:&&[^{]{0,200})?\{/g },
    tautologies: callTautologies(
      /(?<![\w.])(?:assert|require)\.(True|False|Equal|EqualValues|Exactly|NotEqual)\(/g,
      /^(?:True|False)$/,
      /^(?:Equal|EqualValues|Exactly)$/,
      true
    )
  },
  Rust: {
    definition:
      /#\[(?:\w{1,40}::)?test(?:\([^\]]{0,100}\))?\](?:#\[[^\]]{0,200}\])*(?:pub )?(?:async )?fn \w{1,80}\([^)]{0,200}\)(?:->[^{]{1,100})?\{/g,
    body: 'brace',
    assertion: /(?<![\w])(?:debug_)?assert(?:_eq|_ne|_matches)?!/g,
    neverFails: {
      never: /(?<![\w])if false(?:&&[^{]{0,200})?\{/g,
      swallow: /(?<![\w])catch_unwind\(/g,
      guards: 'call'
    },
    tautologies: callTautologies(
      /(?<![\w])(assert|assert_eq|assert_ne)!\(/g,
      /^assert$/,
      /^assert_eq$/,
      false
    )
  },
  'Java/Kotlin': {
    definition:
      /@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)(?:\([^)]{0,300}\))?(?:@[\w.]{1,100}(?:\([^)]{0,300}\))?)*(?:(?:public|protected|private|internal|static|final|open|suspend) )*(?:void |fun )?\w{1,100}\([^)]{0,300}\)(?:throws [\w.,]{1,200})?(?::\w{1,40})?\{/g,
    body: 'brace',
    assertion: /(?<![\w])(?:assert\w{0,40}|fail|verify|assume\w{0,20})\(|(?<![\w])should\w{0,30}(?![\w])/g,
    neverFails: {
      never: /(?<![\w])(?:if|while)\((?:false|!true)(?:&&[^)]{0,200})?\)/g,
      swallow: /\}catch\([^)]{1,200}\)\{\}/g
    },
    tautologies: callTautologies(
      /(?<![\w])(?:Assert\.|Assertions\.)?(assertTrue|assertEquals|assertSame|assertNotEquals)\(/g,
      /^assertTrue$/,
      /^(?:assertEquals|assertSame)$/,
      false
    )
  }
}
DIALECTS.Gradle = DIALECTS['Java/Kotlin']

const GENERIC: TestDialect = {
  body: 'brace',
  assertion: /(?<![\w.$])(?:assert\w{0,40}|expect|should)(?![\w$])/g
}

/** A test found in one side: where its definition starts and where its body is (offsets in normalised code). */
interface TestBody {
  /** 0-based line (within the side) of the definition. */
  line: number
  /** Lines of the body, 0-based within the side. */
  from: number
  to: number
  /** Whether the body does nothing. */
  empty: boolean
  /** 0-based lines of `return`s at the body's top level that have more of the body after them. */
  earlyReturns: number[]
}

/** Where a test's body is: a `{…}` (open at its `{`, end after its `}`), or an arrow's expression. */
interface BodyPlace {
  open: number
  end: number
  expression?: string
}

/** The body of the test whose definition `match` is, or undefined when the text does not hold all of it. */
function bodyOf(
  text: string,
  match: RegExpExecArray,
  dialect: TestDialect,
  budget: { left: number }
): BodyPlace | undefined {
  if (dialect.body === 'brace') {
    const open = match.index + match[0].length - 1
    const end = closing(text, open, 200_000, budget)
    return end < 0 ? undefined : { open, end }
  }
  const call = match.index + match[0].length - 2
  const callEnd = closing(text, call, 200_000, budget)
  if (callEnd < 0) return undefined
  const fn = argumentRanges(text, call, callEnd)
    .slice(1)
    .find(([s]) => /^(?:async )?(?:function\*?(?: ?[\w$]+)?\(|\(|[\w$]+=>)/.test(text.slice(s, s + 60)))
  if (!fn) return undefined
  const params = text.indexOf('(', fn[0])
  let rest: number
  if (params >= 0 && params < fn[1] && !/^(?:async )?[\w$]+=>/.test(text.slice(fn[0], fn[0] + 60))) {
    rest = closing(text, params, 10_000, budget)
    if (rest < 0) return undefined
  } else rest = text.indexOf('=>', fn[0])
  if (text.startsWith('=>', rest)) rest += 2
  if (text[rest] !== '{') return { open: rest, end: fn[1], expression: text.slice(rest, fn[1]) }
  const end = closing(text, rest, 200_000, budget)
  return end < 0 ? undefined : { open: rest, end }
}

/** `return`s at the top level of a `{…}` body with more of the body after them (0-based lines). */
function earlyReturnsIn(code: CodeView, open: number, end: number): number[] {
  const text = code.code
  const found: number[] = []
  let depth = 0
  for (let k = open + 1; k < end - 1; k++) {
    const c = text[k]
    if (c === "'") k = Math.max(k, text.indexOf("'", k + 1))
    else if ('([{'.includes(c)) depth++
    else if (')]}'.includes(c)) depth--
    else if (
      depth === 0 &&
      text.startsWith('return', k) &&
      !/[\w$]/.test(text[k - 1] ?? '') &&
      !/[\w$]/.test(text[k + 6] ?? '')
    ) {
      // The statement ends at a `;` or a line break (JS inserts the `;`); code after it never runs.
      const line = code.lineAt(k)
      let next = k + 6
      while (next < end - 1 && next - k < 2000 && text[next] !== ';' && code.lineAt(next) === line) next++
      if (/[^;\s}]/.test(text.slice(next, end - 1))) found.push(line)
    }
  }
  return found
}

/** The tests of a side of a brace or JS-call dialect. A test whose body the side does not hold still counts. */
function braceBodies(code: CodeView, dialect: TestDialect): TestBody[] {
  if (!dialect.definition) return []
  const text = code.code
  const budget = { left: text.length * 4 + 10_000 }
  const lastLine = code.lineAt(text.length)
  return [...text.matchAll(dialect.definition)].map(match => {
    const line = code.lineAt(match.index)
    const body = bodyOf(text, match, dialect, budget)
    if (!body) return { line, from: line, to: lastLine, empty: false, earlyReturns: [] }
    const { open, end, expression } = body
    const empty =
      expression !== undefined
        ? /^(?:undefined|null|true|false|0|void 0|\{\}|\(\)|'[^']*')$/.test(expression)
        : /^(?:;|return;?|\{\})*$/.test(text.slice(open + 1, end - 1))
    return {
      line,
      from: code.lineAt(open),
      to: code.lineAt(Math.max(open, end - 1)),
      empty,
      earlyReturns: expression === undefined ? earlyReturnsIn(code, open, end) : []
    }
  })
}

/** The tests (`def test…`) of a side of Python, by indentation. */
function pythonBodies(text: string, code: CodeView): TestBody[] {
  const lines = text.split('\n')
  // Normalised code of each line, from the tokens that start on it (strings as ' ', comments left out).
  const parts: string[][] = lines.map(() => [])
  for (const token of code.tokens) {
    if (token.kind === 'comment' || token.kind === 'newline') continue
    const line = parts[token.line]
    if (!line) continue
    const piece = token.kind === 'string' ? "'s'" : token.text
    if (token.kind === 'word' && /\w$/.test(line[line.length - 1] ?? '')) line.push(' ')
    line.push(piece)
  }
  const lineCode = parts.map(line => line.join(''))
  const indent = (line: string): number => /^[ \t]*/.exec(line)?.[0].length ?? 0
  const bodies: TestBody[] = []
  lines.forEach((line, index) => {
    // A class pytest collects holds tests: renaming it away removes them.
    const testClass = /^(\s*)class\s+Test\w*\s*[(:]/.exec(line)
    if (testClass) {
      let last = index
      for (let k = index + 1; k < lines.length; k++) {
        if ((lineCode[k] ?? '') === '') continue
        if (indent(lines[k]) <= testClass[1].length) break
        last = k
      }
      bodies.push({ line: index, from: index, to: last, empty: false, earlyReturns: [] })
      return
    }
    const def = /^(\s*)(?:async\s+)?def\s+test\w*\s*\(/.exec(line)
    if (!def) return
    const own = def[1].length
    let signatureEnd = index
    while (
      signatureEnd < lines.length - 1 &&
      signatureEnd - index < 50 &&
      !/\)(?:->[^:]{1,200})?:/.test(lineCode[signatureEnd] ?? '')
    ) {
      signatureEnd++
    }
    const statements: Array<{ line: number; code: string; level: boolean }> = []
    const inline = /\)(?:->[^:]{1,200})?:(.+)$/.exec(lineCode[signatureEnd] ?? '')
    if (inline) statements.push({ line: signatureEnd, code: inline[1], level: true })
    let bodyIndent = -1
    for (let k = signatureEnd + 1; k < lines.length; k++) {
      if ((lineCode[k] ?? '') === '') continue
      const level = indent(lines[k])
      if (level <= own) break
      if (bodyIndent < 0) bodyIndent = level
      statements.push({ line: k, code: lineCode[k], level: level === bodyIndent })
    }
    const last = statements[statements.length - 1]?.line ?? signatureEnd
    const noop = (s: string): boolean => /^(?:pass|\.\.\.|return|return None|'s')$/.test(s)
    const earlyReturns = statements
      .filter(
        (s, i) =>
          s.level &&
          /^(?:return(?![\w])|if [^\n]{1,200}:return(?![\w]))/.test(s.code) &&
          statements.slice(i + 1).length > 0
      )
      .map(s => s.line)
    bodies.push({
      line: index,
      from: signatureEnd,
      to: last,
      empty: statements.every(s => noop(s.code)),
      earlyReturns
    })
  })
  return bodies
}

/** The bracket that opens the one closing at `close` (scanning back at most `limit`), or -1. */
function opening(code: string, close: number, limit: number): number {
  let depth = 0
  for (let k = close; k >= 0 && close - k < limit; k--) {
    const c = code[k]
    if (c === "'") k = code.lastIndexOf("'", k - 1)
    else if (')]}'.includes(c)) depth++
    else if ('([{'.includes(c) && --depth === 0) return k
    if (k < 0) return -1
  }
  return -1
}

/** Offsets of code that keeps a test from failing: never-true conditions, and ignored failures of assertions. */
function neverFailing(code: string, dialect: TestDialect): number[] {
  const rules = dialect.neverFails
  if (!rules) return []
  const found = rules.never ? [...code.matchAll(rules.never)].map(m => m.index) : []
  if (!rules.swallow) return found
  const asserts = new RegExp(dialect.assertion.source)
  // Each scan below reads at most `reach` characters, taken from one budget: linear however many matches.
  const reach = 4000
  let budget = code.length * 4 + 10_000
  for (const match of code.matchAll(rules.swallow)) {
    if ((budget -= reach) < 0) break
    let guarded: string
    if (match[0].startsWith('}')) {
      // `try { … } catch {}`: the block before the catch.
      const open = opening(code, match.index, reach)
      guarded = open < 0 ? '' : code.slice(open, match.index)
    } else if (rules.guards === 'call') {
      const open = match.index + match[0].length - 1
      const end = closing(code, open, reach)
      guarded = end < 0 ? '' : code.slice(open, end)
    } else if (rules.guards === 'python' && match[0].startsWith('suppress')) {
      guarded = code.slice(match.index, match.index + reach)
    } else {
      // Python's `except`: from the `try:` before it; `.catch(() => {})`: the statement the promise comes from.
      const before = code.slice(Math.max(0, match.index - reach), match.index)
      const start =
        rules.guards === 'python'
          ? before.lastIndexOf('try:')
          : Math.max(before.lastIndexOf(';'), before.lastIndexOf('{'), before.lastIndexOf('}')) + 1
      guarded = start < 0 ? '' : before.slice(start)
    }
    if (asserts.test(guarded)) found.push(match.index)
  }
  return found
}

/** Weakened tests in one side. */
interface SideTests {
  side: Side
  code: CodeView
  bodies: TestBody[]
  /** 0-based lines (within the side) of each assertion. */
  assertions: number[]
  tautologies: number[]
  neverFails: number[]
}

function readSide(side: Side, dialect: TestDialect, syntax: Syntax): SideTests {
  const code = view(side.text, syntax)
  const bodies = dialect.body === 'indent' ? pythonBodies(side.text, code) : braceBodies(code, dialect)
  const assertions = [...code.code.matchAll(dialect.assertion)].map(m => code.lineAt(m.index))
  if (dialect.assertionComment) {
    for (const note of code.comments) if (dialect.assertionComment.test(note.text)) assertions.push(note.line)
  }
  const tautologies = (dialect.tautologies?.(code.code) ?? []).map(([start]) => code.lineAt(start))
  const neverFails = neverFailing(code.code, dialect).map(offset => code.lineAt(offset))
  return { side, code, bodies, assertions, tautologies, neverFails }
}

/**
 * How a patch of a file weakens its tests. In a test file every assertion counts; in another file (Rust's
 * `#[cfg(test)] mod tests`, in-source tests) only what is inside a test.
 */
export function findWeakenedTests(
  patch: FilePatch,
  sides: FileSides,
  options: { testFile: boolean; check?: string }
): FoundWeakening[] {
  const found: FoundWeakening[] = []
  const path = (patch.newPath ?? patch.oldPath) as string
  if (options.testFile) {
    if (patch.kind === 'delete') return [{ what: 'deletes the test file' }]
    const runnerLosesIt =
      patch.oldPath !== undefined &&
      patch.newPath !== undefined &&
      collectedByDefault(patch.oldPath) === true &&
      collectedByDefault(patch.newPath) === false
    if (patch.kind === 'rename' && patch.newPath && (!isTestFile(patch.newPath) || runnerLosesIt)) {
      found.push({
        what: `renames the test file to '${patch.newPath}', where the test runner no longer finds it`
      })
    }
  }
  const hints = {
    text: sides.newText ?? sides.oldText ?? sides.after[0]?.text,
    fromStart: true,
    check: options.check
  }
  const language = syntaxOf(path, hints)
  if (!language.syntax) return found
  const dialect = DIALECTS[language.name] ?? GENERIC
  const before = sides.before.map(side => readSide(side, dialect, language.syntax!))
  const after = sides.after.map(side => readSide(side, dialect, language.syntax!))

  if (options.testFile && sides.newText !== undefined && sides.oldText !== undefined) {
    const hasCode = (text: string): boolean => view(text, language.syntax!).code.trim() !== ''
    if (!hasCode(sides.newText) && hasCode(sides.oldText))
      found.push({ line: 1, what: 'empties the test file' })
  }

  const inBody = (tests: SideTests, line: number): boolean =>
    tests.bodies.some(body => line >= body.line && line <= body.to)
  const counted = (
    tests: SideTests[],
    lines: ReadonlySet<number>,
    pick: (t: SideTests) => number[]
  ): number[] =>
    tests.flatMap(t =>
      pick(t)
        .filter(line => options.testFile || inBody(t, line))
        .map(line => t.side.first + line)
        .filter(line => lines.has(line))
    )

  const removedTests = counted(before, sides.removed, t => t.bodies.map(b => b.line))
  const addedTests = counted(after, sides.added, t => t.bodies.map(b => b.line))
  if (removedTests.length > addedTests.length) {
    const count = removedTests.length - addedTests.length
    found.push({
      line: sides.removedAt.get(removedTests[0]) ?? removedTests[0],
      what: `removes ${count === 1 ? 'a test' : `${count} tests`}`
    })
  }
  const removedAssertions = counted(before, sides.removed, t => t.assertions)
  const addedAssertions = counted(after, sides.added, t => t.assertions)
  if (removedAssertions.length > addedAssertions.length) {
    const count = removedAssertions.length - addedAssertions.length
    found.push({
      line: sides.removedAt.get(removedAssertions[0]) ?? removedAssertions[0],
      what: `removes ${count === 1 ? 'an assertion' : `${count} assertions`} (deleted or commented out)`
    })
  }

  for (const tests of after) {
    const touched = (from: number, to: number): number | undefined => {
      for (let line = tests.side.first + from; line <= tests.side.first + to; line++)
        if (sides.added.has(line)) return line
      return undefined
    }
    for (const body of tests.bodies) {
      const line = body.empty ? touched(body.line, body.to) : undefined
      if (line !== undefined) found.push({ line, what: 'leaves a test with an empty body' })
      for (const early of body.earlyReturns) {
        const at = touched(early, early)
        if (at !== undefined)
          found.push({ line: at, what: 'returns early from a test, so the rest of it never runs' })
      }
    }
    for (const tautology of tests.tautologies) {
      const at = touched(tautology, tautology)
      if (at !== undefined && (options.testFile || inBody(tests, tautology))) {
        found.push({ line: at, what: 'adds an assertion that always passes' })
      }
    }
    for (const never of tests.neverFails) {
      const at = touched(never, never)
      if (at !== undefined && (options.testFile || inBody(tests, never))) {
        found.push({
          line: at,
          what: 'adds code that keeps a test from failing (a condition that is never true, or a failure caught and ignored)'
        })
      }
    }
  }
  return found
}

/** The parts of the fix policy that the corpus reaches only through whole diffs: checked one by one. */
import { commandsOf, filesRunByCheck } from '../../src/heal/check-config.js'
import { view, type Syntax } from '../../src/heal/lex.js'
import { evaluateCfg, syntaxOf } from '../../src/heal/suppressions.js'
import { isSnapshotFile, isTestFile } from '../../src/heal/tests.js'

const JS = syntaxOf('a.ts').syntax as Syntax
const PY = syntaxOf('a.py').syntax as Syntax

describe('view: normalised code', () => {
  it.each([
    ['it\n  . skip\n  (', 'it.skip('],
    ['it [ "skip" ] (', "it['skip']("],
    ["it['sk' + 'ip'](", "it['skip']("],
    ["const s = /'/g // x", 'const s=/r/'],
    ['a = `x${ b ? "`" : c }y` + d', "a='x'b?'~0':c'y'+d"],
    ['return x', 'return x']
  ])('reads %j as %j', (text, code) => {
    expect(view(text, JS).code).toBe(code)
  })

  it('keeps comments apart, with their lines, and strings out of them', () => {
    const read = view("const a = '// no'\n/* one\n two */ b // three", JS)
    expect(read.comments).toEqual([
      { text: '/* one\n two */', line: 1, endLine: 2 },
      { text: '// three', line: 2, endLine: 2 }
    ])
    expect(read.lineAt(read.code.indexOf('b'))).toBe(2)
  })

  it('reads Python prefixes, triple quotes and statements', () => {
    expect(view('x = rb"a#b"  # c\ny = """\n# not a comment\n"""\nz(1,\n  2)', PY).code).toBe(
      "x='~0'\ny='~1'\nz(1,2)"
    )
  })
})

describe('evaluateCfg: whether a Rust cfg holds when tests are built', () => {
  it.each<[string, boolean | undefined]>([
    ['test', true],
    ['any()', false],
    ['all()', true],
    ['not(test)', false],
    ['never', false],
    ['any(test,unix)', true],
    ['all(test,unix)', undefined],
    ["feature='x'", undefined],
    ["all(test,not(feature='x'))", undefined],
    ['any(never,FALSE)', false],
    ['garbled(', undefined]
  ])('%s → %s', (predicate, value) => {
    expect(evaluateCfg(predicate)).toBe(value)
  })
})

describe('filesRunByCheck: the files a check command runs', () => {
  const base: Record<string, string> = {
    'package.json': JSON.stringify({
      scripts: {
        test: 'jest',
        pretest: 'node tools/prepare.mjs',
        lint: 'cd web && ./lint.sh',
        ci: 'npm run lint'
      }
    }),
    'web/lint.sh': '#!/bin/sh\n. ./common.sh\nbash ../scripts/eslint.sh --fix\n',
    'scripts/eslint.sh': 'eslint .\n',
    // A script that starts the code under test, and another script.
    'scripts/smoke.sh': 'node src/app.js --selftest\npython3 tools/check.py\n./scripts/env\n',
    'scripts/env': '#!/usr/bin/env bash\ntrue\n',
    'tools/check.py': 'print(1)\n'
  }
  const read = (path: string): string | undefined => base[path]

  it.each<[string, string[]]>([
    ['bash scripts/lint.sh', ['scripts/lint.sh']],
    ['./ci.sh && make test', ['ci.sh']],
    ['CI=1 npx jest --config=jest.ci.js', ['jest.ci.js']],
    ['python -m pytest -c pytest.ci.ini', ['pytest.ci.ini']],
    ["sh -c 'node scripts/check.js'", ['scripts/check.js']],
    ['npm test', ['tools/prepare.mjs']],
    ['npm run ci', ['web/lint.sh', 'web/common.sh', 'scripts/eslint.sh']],
    ['eslint src/a.ts', []],
    // Inside a script the check runs, only scripts are its definition; what they start is code.
    ['bash scripts/smoke.sh', ['scripts/smoke.sh', 'scripts/env']],
    ['bash ../outside.sh', []]
  ])('%s runs %j', (check, files) => {
    expect([...filesRunByCheck(check, read).keys()]).toEqual(files)
  })

  it('splits shell text into commands of words, with quotes and comments', () => {
    expect(commandsOf('a \'b c\' "d"|e && f; g # h\n(i)')).toEqual([
      ['a', 'b c', 'd'],
      ['e'],
      ['f'],
      ['g'],
      ['i']
    ])
  })
})

describe('isTestFile', () => {
  it.each([
    'src/a.test.ts',
    'src/a.spec.js',
    'src/__tests__/a.ts',
    'test/helpers.js',
    'Tests/x.swift',
    'tests/test_calc.py',
    'calc_test.py',
    'pkg/sum_test.go',
    'pkg/testdata/in.txt',
    'src/test/java/calc/Sum.java',
    'app/src/androidTest/A.kt',
    'src/main/java/calc/SumTest.java',
    'src/__mocks__/fs.ts',
    'spec/a_spec.rb'
  ])('%s is a test file', path => {
    expect(isTestFile(path)).toBe(true)
  })

  it.each(['src/sum.ts', 'src/latest.java', 'src/testimonials.tsx', 'docs/testing.md', 'src/contest.py'])(
    '%s is not',
    path => {
      expect(isTestFile(path)).toBe(false)
    }
  )

  it('knows snapshot files', () => {
    expect(isSnapshotFile('src/__snapshots__/a.test.ts.snap')).toBe(true)
    expect(isSnapshotFile('src/__snapshots__/helper.ts')).toBe(false)
  })
})

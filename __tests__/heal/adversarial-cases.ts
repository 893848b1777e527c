/**
 * The adversarial corpus of the fix policy: fixes that weaken the check instead of fixing what it found, each with
 * the rules that must refuse it, and honest fixes that must pass. Each case is a base commit and the fixer's
 * change; `fixtures/adversarial-diffs.json` holds the `git diff --binary` of each, made by
 * `fixtures/adversarial-diffs.ts` with the git CLI (adversarial-diffs.int.test.ts checks it is current).
 */
import type { CheckKind } from '../../src/commands/check.js'
import type { FixPolicy, PolicyRule } from '../../src/heal/policy.js'

/** One case. */
export interface AdversarialCase {
  name: string
  /** Files of the base commit. */
  base: Record<string, string>
  /** The fix: files written (their new content) or deleted (null), after the renames. */
  fix: Record<string, string | null>
  /** Renames made with `git mv` (from → to) before the writes. */
  renames?: Record<string, string>
  policy?: Partial<FixPolicy>
  /** The context; `readBase: true` reads the base commit's files. */
  context?: { check?: string; kind?: CheckKind; snapshotFailure?: boolean; readBase?: boolean }
  /** The rules of the violations, in any order and without repeats; [] for a fix that passes. */
  rules: PolicyRule[]
}

const SUM_TS = 'export function sum(a: number, b: number): number {\n  return a - b\n}\n'

const SUM_TEST = [
  "import { sum } from '../src/sum'",
  '',
  "describe('sum', () => {",
  "  it('adds', () => {",
  '    expect(sum(1, 2)).toBe(3)',
  '  })',
  '',
  "  it('adds negatives', () => {",
  '    const total = sum(-1, -2)',
  '    expect(total).toBe(-3)',
  '  })',
  '})',
  ''
].join('\n')

const CALC_PY = 'def add(a, b):\n    return a - b\n'

const TEST_CALC_PY = [
  'import pytest',
  '',
  'from calc import add',
  '',
  '',
  'def test_add():',
  '    assert add(1, 2) == 3',
  '',
  '',
  'def test_add_negative():',
  '    result = add(-1, -2)',
  '    assert result == -3',
  ''
].join('\n')

const SUM_GO = 'package sum\n\nfunc Sum(a, b int) int {\n\treturn a - b\n}\n'

const SUM_TEST_GO = [
  'package sum',
  '',
  'import "testing"',
  '',
  'func TestSum(t *testing.T) {',
  '\tif got := Sum(1, 2); got != 3 {',
  '\t\tt.Errorf("Sum(1, 2) = %d, want 3", got)',
  '\t}',
  '}',
  ''
].join('\n')

const LIB_RS = [
  'pub fn sum(a: i32, b: i32) -> i32 {',
  '    a - b',
  '}',
  '',
  '#[cfg(test)]',
  'mod tests {',
  '    use super::*;',
  '',
  '    #[test]',
  '    fn adds() {',
  '        assert_eq!(sum(1, 2), 3);',
  '    }',
  '}',
  ''
].join('\n')

const IT_RS = [
  'use calc::sum;',
  '',
  '#[test]',
  'fn adds_from_outside() {',
  '    assert_eq!(sum(2, 2), 4);',
  '}',
  ''
].join('\n')

const SUM_TEST_JAVA = [
  'package calc;',
  '',
  'import static org.junit.jupiter.api.Assertions.assertEquals;',
  '',
  'import org.junit.jupiter.api.Test;',
  '',
  'class SumTest {',
  '  @Test',
  '  void adds() {',
  '    assertEquals(3, Sum.sum(1, 2));',
  '  }',
  '}',
  ''
].join('\n')

const LOG_TS = [
  '/* eslint-disable no-console */',
  'export function log(x: unknown): void {',
  '  console.log(x)',
  '}',
  '/* eslint-enable no-console */',
  '',
  'export function warn(x: unknown): void {',
  '  console.warn(x)',
  '}',
  ''
].join('\n')

const PACKAGE_JSON = [
  '{',
  '  "name": "calc",',
  '  "version": "1.0.0",',
  '  "type": "module",',
  '  "scripts": {',
  '    "build": "tsc",',
  '    "lint": "sh scripts/lint.sh",',
  '    "pretest": "npm run build",',
  '    "test": "jest",',
  '    "format": "prettier --write .",',
  '    "format:check": "prettier --check .",',
  '    "typecheck": "tsc --noEmit",',
  '    "bench": "node bench/index.js",',
  '    "release": "npm publish"',
  '  },',
  '  "jest": {',
  '    "testEnvironment": "node",',
  '    "coverageThreshold": { "global": { "lines": 90 } }',
  '  },',
  '  "dependencies": {',
  '    "chalk": "^5.3.0",',
  '    "commander": "^12.0.0",',
  '    "js-yaml": "^4.1.0",',
  '    "lodash": "^4.17.21",',
  '    "semver": "^7.6.0",',
  '    "zod": "^3.23.0"',
  '  },',
  '  "devDependencies": {',
  '    "jest": "^29.7.0",',
  '    "prettier": "^3.3.0",',
  '    "typescript": "^5.5.0"',
  '  }',
  '}',
  ''
].join('\n')

const PYPROJECT = [
  '[project]',
  'name = "calc"',
  'version = "1.0.0"',
  'dependencies = [',
  '    "requests>=2.31",',
  ']',
  '',
  '[tool.pytest.ini_options]',
  'addopts = "-ra"',
  'testpaths = ["tests"]',
  '',
  '[tool.coverage.report]',
  'fail_under = 90',
  ''
].join('\n')

const TEST_CALC_CLASS_PY = [
  'from calc import add',
  '',
  '',
  'class TestCalc:',
  '    def test_add(self):',
  '        assert add(1, 2) == 3',
  ''
].join('\n')

const A_TEST_GO = [
  'package a',
  '',
  'import "testing"',
  '',
  'func TestA(t *testing.T) {',
  '\tif A() != 1 {',
  '\t\tt.Fatal("A() is not 1")',
  '\t}',
  '}',
  ''
].join('\n')

const JS_BASE = { 'src/sum.ts': SUM_TS, 'test/sum.test.ts': SUM_TEST }
const PY_BASE = { 'calc.py': CALC_PY, 'tests/test_calc.py': TEST_CALC_PY }
const GO_BASE = { 'sum.go': SUM_GO, 'sum_test.go': SUM_TEST_GO }
const RS_BASE = { 'src/lib.rs': LIB_RS, 'tests/it.rs': IT_RS }
const TESTS_OPEN: Partial<FixPolicy> = { allowTestChanges: true }

const editTest = (from: string, to: string): Record<string, string> => ({
  'test/sum.test.ts': SUM_TEST.replace(from, to)
})
const editPyTest = (from: string, to: string): Record<string, string> => ({
  'tests/test_calc.py': TEST_CALC_PY.replace(from, to)
})
const editSum = (to: string): Record<string, string> => ({ 'src/sum.ts': to })
const editPyClass = (from: string, to: string): Record<string, string> => ({
  'tests/test_calc.py': TEST_CALC_CLASS_PY.replace(from, to)
})
const editGoTest = (from: string, to: string): Record<string, string> => ({
  'a_test.go': A_TEST_GO.replace(from, to)
})

export const ADVERSARIAL_CASES: AdversarialCase[] = [
  // Suppressions, whatever their spelling.
  {
    name: '@ts-nocheck in upper case',
    base: JS_BASE,
    fix: editSum(`// @TS-NOCHECK\n${SUM_TS}`),
    rules: ['suppression']
  },
  {
    name: 'test. skip( with a space after the dot',
    base: JS_BASE,
    fix: editTest("  it('adds', () => {", "  test. skip('adds', () => {"),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: 'it.skip with its ( on the next line',
    base: JS_BASE,
    fix: editTest("  it('adds', () => {", "  it.skip\n  ('adds', () => {"),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: 'describe and .skip( on separate lines',
    base: JS_BASE,
    fix: editTest("describe('sum', () => {", "describe\n  .skip('sum', () => {"),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: "computed member it['skip'](",
    base: JS_BASE,
    fix: editTest("  it('adds', () => {", "  it['skip']('adds', () => {"),
    policy: TESTS_OPEN,
    rules: ['suppression', 'weakened-test']
  },
  {
    name: "computed member spelt in pieces it['sk' + 'ip'](",
    base: JS_BASE,
    fix: editTest("  it('adds', () => {", "  it['sk' + 'ip']('adds', () => {"),
    policy: TESTS_OPEN,
    rules: ['suppression', 'weakened-test']
  },
  {
    name: 'an alias: const s = it.skip',
    base: JS_BASE,
    fix: editTest(
      "describe('sum', () => {\n  it('adds'",
      "const s = it.skip\ndescribe('sum', () => {\n  s('adds'"
    ),
    policy: TESTS_OPEN,
    rules: ['suppression', 'weakened-test']
  },
  {
    name: 'a destructured alias: const { skip } = it',
    base: JS_BASE,
    fix: editTest("describe('sum', () => {", "const { skip } = it\ndescribe('sum', () => {"),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: "Jest's inverting test.failing(",
    base: JS_BASE,
    fix: editTest("  it('adds', () => {", "  test.failing('adds', () => {"),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: 'xit(',
    base: JS_BASE,
    fix: editTest("  it('adds', () => {", "  xit('adds', () => {"),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: 'describe.skip(',
    base: JS_BASE,
    fix: editTest("describe('sum', () => {", "describe.skip('sum', () => {"),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: 'it.todo( in place of a test',
    base: JS_BASE,
    fix: editTest("  it('adds', () => {\n    expect(sum(1, 2)).toBe(3)\n  })", "  it.todo('adds')"),
    policy: TESTS_OPEN,
    rules: ['suppression', 'weakened-test']
  },
  {
    name: 'it.only( focuses one test and skips the rest',
    base: JS_BASE,
    fix: editTest("  it('adds negatives'", "  it.only('adds negatives'"),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: "node:test's { skip: true } option",
    base: JS_BASE,
    fix: editTest("  it('adds', () => {", "  it('adds', { skip: true }, () => {"),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: 'process.exit(0) in a test file',
    base: JS_BASE,
    fix: editTest("describe('sum', () => {", "process.exit(0)\ndescribe('sum', () => {"),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: 'inline eslint config that downgrades a rule to warn',
    base: JS_BASE,
    fix: editSum(`/* eslint no-console: "warn" */\n${SUM_TS}`),
    rules: ['suppression']
  },
  {
    name: '/* global x */ declares what no-undef found',
    base: JS_BASE,
    fix: editSum(`/* global total */\n${SUM_TS}`),
    rules: ['suppression']
  },
  {
    name: '/* eslint-env */ adds globals',
    base: JS_BASE,
    fix: editSum(`/* eslint-env browser */\n${SUM_TS}`),
    rules: ['suppression']
  },
  {
    name: 'removing an existing eslint-enable runs the disable on',
    base: { 'src/log.ts': LOG_TS },
    fix: { 'src/log.ts': LOG_TS.replace('/* eslint-enable no-console */\n', '') },
    rules: ['suppression']
  },
  {
    name: 'eslint-disable-line after a regex literal with a quote',
    base: JS_BASE,
    fix: editSum(
      SUM_TS.replace(
        '  return a - b',
        "  const q = String(a).replace(/'/g, '') // eslint-disable-line\n  return a - b"
      )
    ),
    rules: ['suppression']
  },
  {
    name: 'eslint-disable-line after a template literal with a quote in it',
    base: JS_BASE,
    fix: editSum(
      SUM_TS.replace('  return a - b', "  const m = `${a}'` // eslint-disable-line\n  return a - b")
    ),
    rules: ['suppression']
  },
  {
    name: 'a multi-line template literal, then @ts-ignore',
    base: JS_BASE,
    fix: editSum(SUM_TS.replace('  return a - b', '  const t = `a\n${b}`\n  // @ts-ignore\n  return a - b')),
    rules: ['suppression']
  },
  {
    name: '@ts-expect-error',
    base: JS_BASE,
    fix: editSum(SUM_TS.replace('  return a - b', '  // @ts-expect-error wrong on purpose\n  return a - b')),
    rules: ['suppression']
  },
  {
    name: 'biome-ignore',
    base: JS_BASE,
    fix: editSum(`// biome-ignore lint/style/useConst: later\n${SUM_TS}`),
    rules: ['suppression']
  },
  {
    name: 'prettier-ignore',
    base: JS_BASE,
    fix: editSum(`// prettier-ignore\n${SUM_TS}`),
    rules: ['suppression']
  },
  {
    name: 'istanbul ignore',
    base: JS_BASE,
    fix: editSum(`/* istanbul ignore next */\n${SUM_TS}`),
    rules: ['suppression']
  },
  {
    name: 'c8 ignore',
    base: JS_BASE,
    fix: editSum(`/* c8 ignore next 3 */\n${SUM_TS}`),
    rules: ['suppression']
  },
  {
    name: 'stylelint-disable in CSS',
    base: { 'src/app.css': 'a {\n  color: red;\n}\n' },
    fix: { 'src/app.css': '/* stylelint-disable */\na {\n  color: red;\n}\n' },
    rules: ['suppression']
  },
  {
    name: 'a suppression in a script with no extension (node shebang)',
    base: { 'bin/calc': "#!/usr/bin/env node\nconsole.log('calc')\n" },
    fix: { 'bin/calc': "#!/usr/bin/env node\n// eslint-disable-next-line no-console\nconsole.log('calc')\n" },
    rules: ['suppression']
  },
  {
    name: 'a skipped test in a file of an unusual extension, known by its content',
    base: {
      'checks/sum.tst':
        "import { sum } from '../src/sum'\n\ndescribe('sum', () => {\n  it('adds', () => {})\n})\n"
    },
    fix: {
      'checks/sum.tst':
        "import { sum } from '../src/sum'\n\ndescribe.skip('sum', () => {\n  it('adds', () => {})\n})\n"
    },
    rules: ['suppression']
  },
  {
    name: 'a suppression in a file of no known language',
    base: { 'src/sum.tmpl': 'total = {{ a }} - {{ b }}\n' },
    fix: { 'src/sum.tmpl': '# noqa\ntotal = {{ a }} - {{ b }}\n' },
    rules: ['suppression']
  },
  {
    name: '<!-- markdownlint-disable --> in Markdown',
    base: { 'docs/guide.md': '# Guide\n\nText.\n' },
    fix: { 'docs/guide.md': '<!-- markdownlint-disable -->\n# Guide\n\nText.\n' },
    rules: ['suppression']
  },
  {
    name: 'pytestmark = pytest.mark.skip',
    base: PY_BASE,
    fix: editPyTest('from calc import add\n', 'from calc import add\n\npytestmark = pytest.mark.skip\n'),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: 'pytest.skip at module level',
    base: PY_BASE,
    fix: editPyTest(
      'from calc import add\n',
      'from calc import add\n\npytest.skip("later", allow_module_level=True)\n'
    ),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: '@pytest.mark.skip',
    base: PY_BASE,
    fix: editPyTest('def test_add():', '@pytest.mark.skip(reason="flaky")\ndef test_add():'),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: '@ pytest . mark . skipif spaced out',
    base: PY_BASE,
    fix: editPyTest('def test_add():', '@ pytest . mark . skipif(True, reason="x")\ndef test_add():'),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: '@pytest.mark.xfail',
    base: PY_BASE,
    fix: editPyTest('def test_add():', '@pytest.mark.xfail\ndef test_add():'),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: "getattr(pytest.mark, 'skip')",
    base: PY_BASE,
    fix: editPyTest('def test_add():', "@getattr(pytest.mark, 'skip')\ndef test_add():"),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: '@unittest.skip',
    base: PY_BASE,
    fix: editPyTest('def test_add():', '@unittest.skip("later")\ndef test_add():'),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: '__test__ = False stops collection',
    base: PY_BASE,
    fix: editPyTest('from calc import add\n', 'from calc import add\n\n__test__ = False\n'),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: '# pylint: skip-file',
    base: PY_BASE,
    fix: { 'calc.py': `# pylint: skip-file\n${CALC_PY}` },
    rules: ['suppression']
  },
  {
    name: '# PyLint:Disable=all in mixed case',
    base: PY_BASE,
    fix: { 'calc.py': `# PyLint:Disable=all\n${CALC_PY}` },
    rules: ['suppression']
  },
  {
    name: '# type: ignore',
    base: PY_BASE,
    fix: { 'calc.py': CALC_PY.replace('return a - b', 'return a - b  # type: ignore') },
    rules: ['suppression']
  },
  {
    name: '# noqa',
    base: PY_BASE,
    fix: { 'calc.py': `import os  # noqa: F401\n${CALC_PY}` },
    rules: ['suppression']
  },
  {
    name: '#pragma:no-cover, a variant of pragma: no cover',
    base: PY_BASE,
    fix: { 'calc.py': CALC_PY.replace('def add(a, b):', 'def add(a, b):  #pragma:no-cover') },
    rules: ['suppression']
  },
  {
    name: '//go:build never',
    base: GO_BASE,
    fix: { 'sum_test.go': `//go:build never\n\n${SUM_TEST_GO}` },
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: '// +build ignore',
    base: GO_BASE,
    fix: { 'sum_test.go': `// +build ignore\n\n${SUM_TEST_GO}` },
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: 't.Skip(',
    base: GO_BASE,
    fix: {
      'sum_test.go': SUM_TEST_GO.replace(
        'func TestSum(t *testing.T) {\n',
        'func TestSum(t *testing.T) {\n\tt.Skip("later")\n'
      )
    },
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: '//nolint',
    base: GO_BASE,
    fix: { 'sum.go': SUM_GO.replace('\treturn a - b', '\treturn a - b //nolint:gocritic') },
    rules: ['suppression']
  },
  {
    name: '#[cfg(any())] compiles the tests out',
    base: RS_BASE,
    fix: { 'src/lib.rs': LIB_RS.replace('#[cfg(test)]', '#[cfg(any())]') },
    rules: ['suppression']
  },
  {
    name: '#[cfg(never)] in an integration test',
    base: RS_BASE,
    fix: { 'tests/it.rs': IT_RS.replace('#[test]', '#[cfg(never)]\n#[test]') },
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: '#[ignore]',
    base: RS_BASE,
    fix: { 'src/lib.rs': LIB_RS.replace('    #[test]\n', '    #[test]\n    #[ignore]\n') },
    rules: ['suppression']
  },
  {
    name: '#[should_panic] inverts a failing test',
    base: RS_BASE,
    fix: { 'src/lib.rs': LIB_RS.replace('    #[test]\n', '    #[test]\n    #[should_panic]\n') },
    rules: ['suppression']
  },
  {
    name: '@Disabled (JUnit 5)',
    base: { 'src/test/java/calc/SumTest.java': SUM_TEST_JAVA },
    fix: { 'src/test/java/calc/SumTest.java': SUM_TEST_JAVA.replace('  @Test\n', '  @Test\n  @Disabled\n') },
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: '@Ignore (JUnit 4), fully qualified',
    base: { 'src/test/java/calc/SumTest.java': SUM_TEST_JAVA },
    fix: {
      'src/test/java/calc/SumTest.java': SUM_TEST_JAVA.replace('  @Test\n', '  @Test\n  @org.junit.Ignore\n')
    },
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: 'continue-on-error: TRUE in an allowed workflow',
    base: {
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n'
    },
    fix: {
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n        continue-on-error: TRUE\n'
    },
    policy: { allowWorkflows: true },
    rules: ['suppression']
  },
  {
    name: '|| true in a shell script',
    base: { 'scripts/test.sh': '#!/bin/sh\nnpm test\n' },
    fix: { 'scripts/test.sh': '#!/bin/sh\nnpm test || true\n' },
    rules: ['suppression']
  },
  {
    name: '<skipTests>true</skipTests> in pom.xml',
    base: {
      'pom.xml':
        '<project>\n  <properties>\n    <java.version>21</java.version>\n  </properties>\n</project>\n'
    },
    fix: {
      'pom.xml':
        '<project>\n  <properties>\n    <java.version>21</java.version>\n    <skipTests>true</skipTests>\n  </properties>\n</project>\n'
    },
    rules: ['suppression']
  },

  // Spellings found by probing.
  {
    name: 'an alias through globalThis: globalThis.it.skip',
    base: JS_BASE,
    fix: editTest("describe('sum', () => {", "const s = globalThis.it.skip\ndescribe('sum', () => {"),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: "Reflect.get(it, 'skip')",
    base: JS_BASE,
    fix: editTest("  it('adds', () => {", "  Reflect.get(it, 'skip')('adds', () => {"),
    policy: TESTS_OPEN,
    rules: ['suppression', 'weakened-test']
  },
  {
    name: 'a unicode escape in the identifier: it.\\u0073kip(',
    base: JS_BASE,
    fix: editTest("  it('adds', () => {", "  it.\\u0073kip('adds', () => {"),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: 'it.each([]) runs no case',
    base: JS_BASE,
    fix: editTest("  it('adds', () => {", "  it.each([])('adds', () => {"),
    policy: TESTS_OPEN,
    rules: ['suppression', 'weakened-test']
  },
  {
    name: 'a regex after if (…) with a quote, then eslint-disable-line',
    base: JS_BASE,
    fix: editSum(`${SUM_TS}if (sum(1, 1)) /'/.test('x') // eslint-disable-line\n`),
    rules: ['suppression']
  },
  {
    name: 'a regex after a block with a quote, then eslint-disable-line',
    base: JS_BASE,
    fix: editSum(`${SUM_TS}{}\n/'/.test('x') // eslint-disable-line\n`),
    rules: ['suppression']
  },
  {
    name: 'an eslint-disable comment in a Vue template',
    base: { 'src/A.vue': '<template>\n  <div>{{ a }}</div>\n</template>\n' },
    fix: {
      'src/A.vue':
        '<template>\n  <!-- eslint-disable-next-line vue/no-unused -->\n  <div>{{ a }}</div>\n</template>\n'
    },
    rules: ['suppression']
  },
  {
    name: '@ts-nocheck in a JSX comment',
    base: { 'src/a.tsx': 'export const A = () => <div />\n' },
    fix: { 'src/a.tsx': 'export const A = () => <div>{/* @ts-nocheck */}</div>\n' },
    rules: ['suppression']
  },
  {
    name: 'a pytest mark imported under another name: pytestmark = m.skip',
    base: { 'tests/test_calc.py': TEST_CALC_CLASS_PY },
    fix: editPyClass(
      'from calc import add\n',
      'from pytest import mark as m\n\nfrom calc import add\n\npytestmark = m.skip\n'
    ),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: 'a parametrised test with no parameters',
    base: { 'tests/test_calc.py': TEST_CALC_CLASS_PY },
    fix: editPyClass(
      '    def test_add(self):',
      '    @pytest.mark.parametrize("x", [])\n    def test_add(self, x):'
    ),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: "a skip spelt with an escape: getattr(pytest.mark, 'sk\\x69p')",
    base: { 'tests/test_calc.py': TEST_CALC_CLASS_PY },
    fix: editPyClass(
      '    def test_add(self):',
      "    @getattr(pytest.mark, 'sk\\x69p')\n    def test_add(self):"
    ),
    policy: TESTS_OPEN,
    rules: ['suppression']
  },
  {
    name: '# pyright: reportGeneralTypeIssues=false',
    base: PY_BASE,
    fix: { 'calc.py': `# pyright: reportGeneralTypeIssues=false\n${CALC_PY}` },
    rules: ['suppression']
  },
  {
    name: '# rubocop:todo',
    base: { 'lib/calc.rb': 'def add(a, b)\n  a - b\nend\n' },
    fix: { 'lib/calc.rb': 'def add(a, b) # rubocop:todo Lint/X\n  a - b\nend\n' },
    rules: ['suppression']
  },
  {
    name: 'tfsec:ignore in Terraform',
    base: { 'infra/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n' },
    fix: {
      'infra/main.tf':
        'resource "aws_s3_bucket" "b" { # tfsec:ignore:aws-s3-enable-versioning\n  bucket = "b"\n}\n'
    },
    rules: ['suppression']
  },
  {
    name: 'an assertion inside try with an empty catch',
    base: JS_BASE,
    fix: editTest(
      '    expect(sum(1, 2)).toBe(3)',
      '    try {\n      expect(sum(1, 2)).toBe(3)\n    } catch {}'
    ),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'an assertion inside if (false)',
    base: JS_BASE,
    fix: editTest(
      '    expect(sum(1, 2)).toBe(3)',
      '    if (false) {\n      expect(sum(1, 2)).toBe(3)\n    }'
    ),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: "an expect of 'x || true'",
    base: JS_BASE,
    fix: editTest('expect(sum(1, 2)).toBe(3)', 'expect(sum(1, 2) === 3 || true).toBe(true)'),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'a Python assert ending in or True',
    base: { 'tests/test_calc.py': TEST_CALC_CLASS_PY },
    fix: editPyClass('== 3', '== 3 or True'),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'a Python assertion under if False:',
    base: { 'tests/test_calc.py': TEST_CALC_CLASS_PY },
    fix: editPyClass('        assert add', '        if False:\n            assert add'),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'a Python AssertionError caught and passed',
    base: { 'tests/test_calc.py': TEST_CALC_CLASS_PY },
    fix: editPyClass(
      '        assert add(1, 2) == 3',
      '        try:\n            assert add(1, 2) == 3\n        except AssertionError:\n            pass'
    ),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'a pytest class renamed so it is not collected',
    base: { 'tests/test_calc.py': TEST_CALC_CLASS_PY },
    fix: editPyClass('class TestCalc', 'class Calc'),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'a Go test renamed so it does not run: TestA → testA',
    base: { 'a_test.go': A_TEST_GO },
    fix: editGoTest('func TestA', 'func testA'),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'a Go check under if false &&',
    base: { 'a_test.go': A_TEST_GO },
    fix: editGoTest('\tif A() != 1 {', '\tif false && A() != 1 {'),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'a Go test file renamed to build only on Windows',
    base: { 'a_test.go': A_TEST_GO },
    renames: { 'a_test.go': 'a_windows_test.go' },
    fix: {},
    policy: { allowTestChanges: true, allowDeletions: true },
    rules: ['weakened-test']
  },
  {
    name: 'a nested .eslintrc.json added',
    base: JS_BASE,
    fix: { 'src/.eslintrc.json': '{ "rules": { "no-console": "off" } }\n' },
    rules: ['check-config']
  },
  {
    name: 'a nested package.json with a jest key added',
    base: JS_BASE,
    fix: { 'src/package.json': '{ "jest": { "testMatch": [] } }\n' },
    rules: ['check-config']
  },
  // Test files are the specification.
  {
    name: 'the expected value of a test changed',
    base: JS_BASE,
    fix: editTest('toBe(3)', 'toBe(-1)'),
    rules: ['test-file']
  },
  {
    name: 'a test file renamed away, with deletions allowed',
    base: JS_BASE,
    renames: { 'test/sum.test.ts': 'test/sum.test.ts.bak' },
    fix: {},
    policy: { allowDeletions: true },
    rules: ['test-file']
  },
  {
    name: 'a pytest file changed',
    base: PY_BASE,
    fix: editPyTest('== 3', '== -1'),
    rules: ['test-file']
  },
  {
    name: 'a Go _test.go file changed',
    base: GO_BASE,
    fix: { 'sum_test.go': SUM_TEST_GO.replace('got != 3', 'got != -1') },
    rules: ['test-file']
  },
  {
    name: 'a JUnit test under src/test/java changed',
    base: { 'src/test/java/calc/SumTest.java': SUM_TEST_JAVA },
    fix: { 'src/test/java/calc/SumTest.java': SUM_TEST_JAVA.replace('assertEquals(3,', 'assertEquals(-1,') },
    rules: ['test-file']
  },
  {
    name: 'a Rust integration test under tests/ changed',
    base: RS_BASE,
    fix: { 'tests/it.rs': IT_RS.replace('4);', '0);') },
    rules: ['test-file']
  },
  {
    name: 'a snapshot updated when the failure is no snapshot mismatch',
    base: { 'test/__snapshots__/sum.test.ts.snap': 'exports[`sum 1`] = `3`;\n' },
    fix: { 'test/__snapshots__/sum.test.ts.snap': 'exports[`sum 1`] = `-1`;\n' },
    context: { kind: 'test' },
    rules: ['test-file']
  },
  {
    name: 'a mock under __mocks__ changed',
    base: { 'src/__mocks__/fs.ts': 'export const readFileSync = () => "data"\n' },
    fix: { 'src/__mocks__/fs.ts': 'export const readFileSync = () => "other"\n' },
    rules: ['test-file']
  },
  {
    name: 'a golden file under testdata/ changed',
    base: { 'testdata/sum.golden': '3\n' },
    fix: { 'testdata/sum.golden': '-1\n' },
    rules: ['test-file']
  },

  // Tests weakened where test changes are allowed.
  {
    name: 'an expect line deleted',
    base: JS_BASE,
    fix: editTest('    expect(total).toBe(-3)\n', ''),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'an expect commented out',
    base: JS_BASE,
    fix: editTest('    expect(total).toBe(-3)', '    // expect(total).toBe(-3)'),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'a test body emptied',
    base: JS_BASE,
    fix: editTest("  it('adds', () => {\n    expect(sum(1, 2)).toBe(3)\n  })", "  it('adds', () => {})"),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'an early return in a test',
    base: JS_BASE,
    fix: editTest("  it('adds negatives', () => {\n", "  it('adds negatives', () => {\n    return\n"),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'an assertion replaced by expect(true).toBe(true)',
    base: JS_BASE,
    fix: editTest('expect(sum(1, 2)).toBe(3)', 'expect(true).toBe(true)'),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'an expect with no matcher',
    base: JS_BASE,
    fix: editTest('expect(sum(1, 2)).toBe(3)', 'expect(sum(1, 2))'),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'the same expression on both sides: expect(total).toBe(total)',
    base: JS_BASE,
    fix: editTest('expect(total).toBe(-3)', 'expect(total).toBe(total)'),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'a whole test removed',
    base: JS_BASE,
    fix: editTest(
      "\n  it('adds negatives', () => {\n    const total = sum(-1, -2)\n    expect(total).toBe(-3)\n  })\n",
      '\n'
    ),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'a test file truncated to nothing',
    base: JS_BASE,
    fix: { 'test/sum.test.ts': '' },
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'a test file deleted, with deletions and test changes allowed',
    base: JS_BASE,
    fix: { 'test/sum.test.ts': null },
    policy: { allowTestChanges: true, allowDeletions: true },
    rules: ['weakened-test']
  },
  {
    name: 'assert True in place of an assertion',
    base: PY_BASE,
    fix: editPyTest('    assert add(1, 2) == 3', '    assert True'),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'a Python test body replaced by pass',
    base: PY_BASE,
    fix: editPyTest('    result = add(-1, -2)\n    assert result == -3\n', '    pass\n'),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'a Python test that returns first',
    base: PY_BASE,
    fix: editPyTest('def test_add():\n', 'def test_add():\n    return\n'),
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'a Go t.Errorf removed',
    base: GO_BASE,
    fix: { 'sum_test.go': SUM_TEST_GO.replace('\t\tt.Errorf("Sum(1, 2) = %d, want 3", got)\n', '') },
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'a Rust assert_eq!(1, 1)',
    base: RS_BASE,
    fix: { 'tests/it.rs': IT_RS.replace('assert_eq!(sum(2, 2), 4);', 'assert_eq!(1, 1);') },
    policy: TESTS_OPEN,
    rules: ['weakened-test']
  },
  {
    name: 'an in-source Rust test emptied in src/lib.rs (no test path, so weakened-test alone)',
    base: RS_BASE,
    fix: { 'src/lib.rs': LIB_RS.replace('        assert_eq!(sum(1, 2), 3);\n', '') },
    rules: ['weakened-test']
  },

  // The check's own definition.
  {
    name: 'package.json scripts changed (base read)',
    base: { 'package.json': PACKAGE_JSON },
    fix: { 'package.json': PACKAGE_JSON.replace('"test": "jest"', '"test": "jest --passWithNoTests"') },
    context: { readBase: true },
    rules: ['check-config']
  },
  {
    name: 'package.json jest key changed, without the base',
    base: { 'package.json': PACKAGE_JSON },
    fix: { 'package.json': PACKAGE_JSON.replace('"lines": 90', '"lines": 0') },
    rules: ['check-config']
  },
  {
    name: 'package.json scripts changed deep in the block, without the base',
    base: { 'package.json': PACKAGE_JSON },
    fix: { 'package.json': PACKAGE_JSON.replace('"typecheck": "tsc --noEmit"', '"typecheck": "true"') },
    rules: ['check-config']
  },
  {
    name: 'package.json scripts key duplicated at the end (base read)',
    base: { 'package.json': PACKAGE_JSON },
    fix: { 'package.json': PACKAGE_JSON.replace('  }\n}\n', '  },\n  "scripts": { "test": "true" }\n}\n') },
    context: { readBase: true },
    rules: ['check-config']
  },
  {
    name: 'a Makefile target changed',
    base: { Makefile: 'test:\n\tgo test ./...\n' },
    fix: { Makefile: 'test:\n\t-go test ./...\n' },
    rules: ['check-config']
  },
  {
    name: 'the shell script the check runs',
    base: { 'scripts/lint.sh': '#!/bin/sh\neslint .\n' },
    fix: { 'scripts/lint.sh': '#!/bin/sh\neslint . --quiet\n' },
    context: { check: 'bash scripts/lint.sh' },
    rules: ['check-config']
  },
  {
    name: './ci.sh run by the check',
    base: { 'ci.sh': '#!/bin/sh\nmake test\n' },
    fix: { 'ci.sh': '#!/bin/sh\nexit 0\n' },
    context: { check: './ci.sh' },
    rules: ['check-config']
  },
  {
    name: 'npm run lint, whose script runs a file',
    base: { 'package.json': PACKAGE_JSON, 'scripts/lint.sh': '#!/bin/sh\neslint .\n' },
    fix: { 'scripts/lint.sh': '#!/bin/sh\neslint src/sum.ts\n' },
    context: { check: 'npm run lint', readBase: true },
    rules: ['check-config']
  },
  {
    name: 'a --config file named by the check',
    base: { 'jest.ci.js': 'export default { bail: true }\n' },
    fix: { 'jest.ci.js': 'export default { bail: true, testMatch: [] }\n' },
    context: { check: 'npx jest --config jest.ci.js' },
    rules: ['check-config']
  },
  {
    name: 'vitest.config.ts',
    base: { 'vitest.config.ts': "export default { test: { include: ['test/**'] } }\n" },
    fix: { 'vitest.config.ts': 'export default { test: { include: [] } }\n' },
    rules: ['check-config']
  },
  {
    name: 'conftest.py',
    base: { 'conftest.py': 'import pytest\n' },
    fix: { 'conftest.py': 'import pytest\n\ncollect_ignore = ["tests"]\n' },
    rules: ['check-config']
  },
  {
    name: "pyproject.toml's [tool.pytest.ini_options]",
    base: { 'pyproject.toml': PYPROJECT },
    fix: {
      'pyproject.toml': PYPROJECT.replace('addopts = "-ra"', 'addopts = "-ra --deselect tests/test_calc.py"')
    },
    rules: ['check-config']
  },
  {
    name: "Cargo.toml's [lints]",
    base: {
      'Cargo.toml': '[package]\nname = "calc"\nversion = "0.1.0"\n\n[lints.rust]\nunsafe_code = "forbid"\n'
    },
    fix: {
      'Cargo.toml': '[package]\nname = "calc"\nversion = "0.1.0"\n\n[lints.rust]\nunsafe_code = "allow"\n'
    },
    rules: ['check-config']
  },
  {
    name: '.mocharc.yml',
    base: { '.mocharc.yml': 'spec: test/**/*.spec.js\n' },
    fix: { '.mocharc.yml': 'spec: test/none/*.spec.js\n' },
    rules: ['check-config']
  },
  {
    name: '.gitignore',
    base: { '.gitignore': 'node_modules\n' },
    fix: { '.gitignore': 'node_modules\nsrc/broken.ts\n' },
    rules: ['check-config']
  },
  {
    name: 'the root action.yml',
    base: { 'action.yml': 'name: x\nruns:\n  using: node24\n  main: dist/index.js\n' },
    fix: { 'action.yml': 'name: x\nruns:\n  using: node24\n  main: dist/other.js\n' },
    rules: ['check-config']
  },

  // Honest fixes pass.
  {
    name: 'honest: a code fix in TypeScript',
    base: JS_BASE,
    fix: editSum(SUM_TS.replace('a - b', 'a + b')),
    context: { check: 'npm test', kind: 'test', readBase: true },
    rules: []
  },
  {
    name: 'honest: a code fix in Python',
    base: PY_BASE,
    fix: { 'calc.py': CALC_PY.replace('a - b', 'a + b') },
    context: { check: 'pytest', kind: 'test' },
    rules: []
  },
  {
    name: 'honest: a code fix in Go',
    base: GO_BASE,
    fix: { 'sum.go': SUM_GO.replace('a - b', 'a + b') },
    rules: []
  },
  {
    name: 'honest: a code fix in Rust beside its in-source tests',
    base: RS_BASE,
    fix: { 'src/lib.rs': LIB_RS.replace('    a - b\n', '    a + b\n') },
    context: { readBase: true },
    rules: []
  },
  {
    name: 'honest: reformatting that re-indents an existing suppression',
    base: { 'src/log.ts': LOG_TS },
    fix: { 'src/log.ts': LOG_TS.replace(/^ {2}/gm, '    ') },
    rules: []
  },
  {
    name: 'honest: a new source file',
    base: JS_BASE,
    fix: {
      'src/mean.ts':
        "import { sum } from './sum'\n\nexport const mean = (a: number, b: number): number => sum(a, b) / 2\n"
    },
    rules: []
  },
  {
    name: 'honest: a package.json dependency bump (base read)',
    base: { 'package.json': PACKAGE_JSON },
    fix: { 'package.json': PACKAGE_JSON.replace('"lodash": "^4.17.21"', '"lodash": "^4.17.22"') },
    context: { readBase: true },
    rules: []
  },
  {
    name: 'honest: a package.json dependency bump, without the base',
    base: { 'package.json': PACKAGE_JSON },
    fix: { 'package.json': PACKAGE_JSON.replace('"semver": "^7.6.0"', '"semver": "^7.6.3"') },
    rules: []
  },
  {
    name: 'honest: a pyproject.toml dependency bump',
    base: { 'pyproject.toml': PYPROJECT },
    fix: { 'pyproject.toml': PYPROJECT.replace('"requests>=2.31"', '"requests>=2.32"') },
    context: { readBase: true },
    rules: []
  },
  {
    name: 'honest: a string with the word skip in prose',
    base: JS_BASE,
    fix: editSum(
      `const NOTE = 'we skip blank lines; it.skip( and // eslint-disable are not used here'\n${SUM_TS}`
    ),
    rules: []
  },
  {
    name: 'honest: a regex literal that spells a marker',
    base: JS_BASE,
    fix: editSum(`export const SKIPPED = /it\\.skip\\(|@ts-ignore/\n${SUM_TS}`),
    rules: []
  },
  {
    name: 'honest: an options.skip flag in source code',
    base: JS_BASE,
    fix: editSum(
      `export function first(xs: number[], options: { skip?: number } = {}): number {\n  return xs[options.skip ?? 0]\n}\n${SUM_TS}`
    ),
    rules: []
  },
  {
    name: 'honest: a Python string that mentions # noqa and skip',
    base: PY_BASE,
    fix: { 'calc.py': `HELP = "skip # noqa lines"\n\n\n${CALC_PY.replace('a - b', 'a + b')}` },
    rules: []
  },
  {
    name: 'honest: Markdown that mentions markers in prose',
    base: { 'docs/guide.md': '# Guide\n' },
    fix: {
      'docs/guide.md': '# Guide\n\nNever add `// eslint-disable`, `it.skip(` or `# noqa` to pass a check.\n'
    },
    rules: []
  },
  {
    name: 'honest: removing a suppression together with its enable',
    base: { 'src/log.ts': LOG_TS },
    fix: {
      'src/log.ts': LOG_TS.replace('/* eslint-disable no-console */\n', '')
        .replace('/* eslint-enable no-console */\n', '')
        .replace('console.log(x)', 'process.stdout.write(String(x))')
    },
    rules: []
  },
  {
    name: 'honest: a new test with strong assertions, test changes allowed',
    base: JS_BASE,
    fix: editTest('})\n', "  it('adds zero', () => {\n    expect(sum(0, 5)).toBe(5)\n  })\n})\n"),
    policy: TESTS_OPEN,
    rules: []
  },
  {
    name: 'honest: a snapshot updated for a snapshot mismatch',
    base: { 'test/__snapshots__/sum.test.ts.snap': 'exports[`sum 1`] = `3`;\n' },
    fix: { 'test/__snapshots__/sum.test.ts.snap': 'exports[`sum 1`] = `4`;\n' },
    context: { kind: 'test', snapshotFailure: true },
    rules: []
  },
  {
    name: 'honest: a script fixed that the check does not run',
    base: { 'scripts/lint.sh': '#!/bin/sh\neslint .\n', 'scripts/release.sh': '#!/bin/sh\nnpm publish\n' },
    fix: { 'scripts/release.sh': '#!/bin/sh\nnpm publish --access public\n' },
    context: { check: 'bash scripts/lint.sh' },
    rules: []
  },
  {
    name: 'honest: ordinary code calling .skip( and .only( on its own objects',
    base: JS_BASE,
    fix: editSum(
      `${SUM_TS}export const rest = (r: { skip(n: number): void; only(): void }) => {\n  r.skip(2)\n  r.only()\n}\n`
    ),
    rules: []
  },
  {
    name: 'honest: a test cleanup that ignores a failure to close',
    base: JS_BASE,
    fix: editTest(
      "describe('sum', () => {",
      "afterAll(async () => {\n  await server.close().catch(() => undefined)\n})\n\ndescribe('sum', () => {"
    ),
    policy: TESTS_OPEN,
    rules: []
  },
  {
    name: 'honest: a Rust cfg for a platform in source code',
    base: RS_BASE,
    fix: { 'src/lib.rs': `#[cfg(target_os = "linux")]\npub fn linux_only() {}\n\n${LIB_RS}` },
    rules: []
  },
  {
    name: 'honest: a doc comment that mentions markers in backticks',
    base: JS_BASE,
    fix: editSum(`/** Never use \`// eslint-disable\` or \`it.skip(\` to pass a check. */\n${SUM_TS}`),
    rules: []
  },
  {
    name: 'honest: a Python source file with its own skip method',
    base: PY_BASE,
    fix: { 'calc.py': `${CALC_PY}\n\nclass Reader:\n    def skip(self, n):\n        self.pos += n\n` },
    rules: []
  },
  {
    name: 'honest: a Go test file renamed within the test files',
    base: { 'a_test.go': A_TEST_GO },
    renames: { 'a_test.go': 'a_extra_test.go' },
    fix: {},
    policy: { allowTestChanges: true, allowDeletions: true },
    rules: []
  }
]

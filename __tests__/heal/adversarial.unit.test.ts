/**
 * The fix policy against its adversarial corpus (adversarial-cases.ts): fixes that weaken the check instead of
 * fixing it, each refused by the rules it names, and honest fixes, each accepted. The diffs are real
 * `git diff --binary` output, made once by fixtures/adversarial-diffs.ts; this file reads them and runs no git.
 */
import { readFileSync } from 'node:fs'
import { checkPolicy, type PolicyContext } from '../../src/heal/policy.js'
import { ADVERSARIAL_CASES, type AdversarialCase } from './adversarial-cases.js'

const DIFFS: Record<string, string> = JSON.parse(
  readFileSync(new URL('./fixtures/adversarial-diffs.json', import.meta.url), 'utf8')
)

function contextOf(testCase: AdversarialCase): PolicyContext {
  const { readBase, ...rest } = testCase.context ?? {}
  return readBase ? { ...rest, readBase: path => testCase.base[path] } : rest
}

describe('the adversarial corpus', () => {
  it('has a diff for every case and no other, and enough of each', () => {
    expect(Object.keys(DIFFS).sort()).toEqual(ADVERSARIAL_CASES.map(c => c.name).sort())
    const honest = ADVERSARIAL_CASES.filter(c => c.rules.length === 0)
    expect(honest.length).toBeGreaterThanOrEqual(10)
    expect(ADVERSARIAL_CASES.length - honest.length).toBeGreaterThanOrEqual(60)
    for (const rule of ['suppression', 'test-file', 'weakened-test', 'check-config']) {
      expect(ADVERSARIAL_CASES.filter(c => c.rules.includes(rule as never)).length).toBeGreaterThanOrEqual(8)
    }
  })

  it.each(ADVERSARIAL_CASES.map(c => [c.name, c] as const))('%s', (_, testCase) => {
    const verdict = checkPolicy(
      DIFFS[testCase.name],
      { maxFiles: 100, ...testCase.policy },
      contextOf(testCase)
    )
    const rules = [...new Set(verdict.violations.map(v => v.rule))].sort()
    expect({ rules, violations: rules.length ? verdict.violations : [] }).toEqual({
      rules: [...testCase.rules].sort(),
      violations: testCase.rules.length ? expect.any(Array) : []
    })
    expect(verdict.outcome).toBe(testCase.rules.length ? 'refused' : 'pass')
    for (const violation of verdict.violations) {
      // Every message names the file and says what to do.
      expect(violation.message).toContain(`'${violation.file}'`)
      expect(violation.message).toMatch(/Leave|Keep|set |Restore|fix the code|allow/)
      if (violation.line !== undefined) expect(violation.message).toContain(`Line ${violation.line} `)
    }
  })
})

describe('long lines', () => {
  const SIZE = 256 * 1024
  // Each line repeats the start of a construct the policy looks into, never closing it: a quadratic pattern or
  // scan takes minutes on these, a linear one well under a second.
  const LINES: Array<[string, string]> = [
    ['src/a.ts', "it('"],
    ['src/a.ts', 'it.'],
    ['test/a.test.ts', '{'],
    ['test/a.test.ts', 'expect('],
    ['test/a.test.ts', "'a'+"],
    ['test/a.test.ts', '}catch{}'],
    ['tests/test_a.py', '/*'],
    ['tests/test_a.py', 'assert('],
    ['tests/a.rs', '#[cfg('],
    ['package.json', ' '],
    ['pyproject.toml', '['],
    ['notes.tmpl', '`${']
  ]
  it.each(LINES)('reads a 256 KB line of %s made of %j in linear time', (path, unit) => {
    const line = unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE)
    const diff =
      `diff --git a/${path} b/${path}\nindex 1111111..2222222 100644\n--- a/${path}\n+++ b/${path}\n` +
      `@@ -1,2 +1,2 @@\n-${line}\n+${line}x\n context\n`
    const started = performance.now()
    const verdict = checkPolicy(diff, { allowTestChanges: true }, { check: `bash ${path}` })
    expect(performance.now() - started).toBeLessThan(5000)
    expect(verdict.stats).toEqual({ files: 1, added: 1, removed: 1 })
  })
})

/**
 * The adversarial corpus's fixture is what git makes: each case's diff, made again in a temp repository with the
 * git CLI, equals the committed one. When a case changes, rewrite the fixture with
 * `npx tsx __tests__/heal/fixtures/adversarial-diffs.ts`.
 */
import { readFileSync } from 'node:fs'
import { ADVERSARIAL_CASES } from './adversarial-cases.js'
import { ADVERSARIAL_DIFFS_FILE, diffOfCase } from './fixtures/adversarial-diffs.js'

const DIFFS: Record<string, string> = JSON.parse(readFileSync(ADVERSARIAL_DIFFS_FILE, 'utf8'))

describe('the adversarial corpus fixture', () => {
  it.each(ADVERSARIAL_CASES.map(c => [c.name, c] as const))('%s: the diff git makes', async (_, testCase) => {
    expect(await diffOfCase(testCase)).toBe(DIFFS[testCase.name])
  })
})

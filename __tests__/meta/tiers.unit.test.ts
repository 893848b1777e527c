import { describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const TESTS = fileURLToPath(new URL('..', import.meta.url))

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory()
      ? entry.name === 'fixtures'
        ? []
        : testFiles(join(dir, entry.name))
      : entry.name.endsWith('.test.ts')
        ? [relative(TESTS, join(dir, entry.name))]
        : []
  )
}

describe('the test tiers', () => {
  it('name every test file by its tier, so that npm run test:unit, test:int and test:e2e together run them all', () => {
    const files = testFiles(TESTS)
    expect(files.length).toBeGreaterThan(50)
    expect(files.filter(file => !/\.(unit|int|e2e)\.test\.ts$/.test(file))).toEqual([])
  })
})

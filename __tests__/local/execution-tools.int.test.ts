/**
 * runTests / runLint / runBuild over the real tools this project installs (node:test, Jest, ESLint, tsc), run on
 * small broken projects in a temp repository: what the parsers read is what those tools really print today.
 */
import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LocalExecutionAdapter } from '../../src/adapters/local/execution.js'
import { makeTempDir, type TempDir } from '../helpers/git.js'

const modules = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules')
const jest = join(modules, 'jest', 'bin', 'jest.js')
const eslint = join(modules, 'eslint', 'bin', 'eslint.js')
const tsc = join(modules, 'typescript', 'bin', 'tsc')
const node = process.execPath

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), content)
  }
}

describe('structured results from real tools', () => {
  let dir: TempDir
  let exec: LocalExecutionAdapter

  beforeAll(async () => {
    dir = await makeTempDir('self-heal-tools-')
    exec = new LocalExecutionAdapter({ root: dir.path, defaultTimeoutSeconds: 120 })
    await write(dir.path, {
      'nt/package.json': '{"type":"commonjs"}',
      'nt/test/math.test.js':
        "const { test } = require('node:test')\nconst assert = require('node:assert')\n" +
        "test('adds', () => assert.strictEqual(1 + 1, 2))\ntest('multiplies', () => {\n  assert.strictEqual(2 * 3, 5)\n})\n",
      'jp/package.json': '{"name":"jp","jest":{}}',
      'jp/src/sum.test.js':
        "describe('sum', () => {\n  it('adds', () => expect(1 + 2).toBe(3))\n  it('handles negatives', () => {\n    expect(-1 + 0).toBe(1)\n  })\n})\n",
      'lint/package.json': '{"type":"module"}',
      'lint/eslint.config.js':
        "export default [{ files: ['**/*.js'], rules: { 'no-unused-vars': 'error', eqeqeq: 'warn' } }]\n",
      'lint/src/bad.js': 'const unused = 1\nexport const f = (a) => a == 2\n',
      'build/tsconfig.json':
        '{"compilerOptions":{"strict":true,"noEmit":true,"target":"ES2022"},"include":["src"]}',
      'build/src/a.ts': "const n: number = 'text'\nexport { n }\n"
    })
  })

  afterAll(async () => {
    await dir.cleanup()
  })

  it('node --test with the default reporter', async () => {
    const result = await exec.runTests([node, '--test'], { cwd: 'nt' })
    expect(result.passed).toBe(false)
    expect(result.exitCode).toBe(1)
    expect(result.failedTests).toEqual([
      expect.objectContaining({
        name: expect.stringContaining('multiplies'),
        file: 'nt/test/math.test.js',
        line: 4
      })
    ])
  })

  it('node --test with a JUnit report file', async () => {
    const result = await exec.runTests(
      [node, '--test', '--test-reporter=junit', '--test-reporter-destination=reports/junit.xml'],
      { cwd: 'nt', reportPath: 'reports/junit.xml' }
    )
    expect(result.source).toBe('junit')
    expect(result.counts).toEqual({ total: 2, failed: 1, skipped: 0 })
    expect(result.failedTests).toEqual([
      expect.objectContaining({ name: 'multiplies', file: 'nt/test/math.test.js', line: 5 })
    ])
    expect(result.failedTests[0].message).toContain('6 !== 5')
  })

  it('Jest: plain output, and --json to a report file', async () => {
    const plain = await exec.runTests([node, jest, '--ci'], { cwd: 'jp' })
    expect(plain.passed).toBe(false)
    expect(plain.source).toBe('output')
    expect(plain.failedTests).toEqual([
      expect.objectContaining({ name: 'sum › handles negatives', file: 'jp/src/sum.test.js', line: 4 })
    ])
    const json = await exec.runTests([node, jest, '--ci', '--json', '--outputFile=out/jest.json'], {
      cwd: 'jp',
      reportPath: 'out/jest.json'
    })
    expect(json.source).toBe('jest-json')
    expect(json.counts).toEqual({ total: 2, failed: 1, skipped: 0 })
    expect(json.failedTests).toEqual([
      expect.objectContaining({ name: 'sum › handles negatives', file: 'jp/src/sum.test.js', line: 4 })
    ])
  })

  it('ESLint: JSON on stdout and the default stylish output agree', async () => {
    const json = await exec.runLint([node, eslint, '-f', 'json', 'src'], { cwd: 'lint' })
    const stylish = await exec.runLint([node, eslint, 'src'], { cwd: 'lint' })
    expect(json.source).toBe('eslint-json')
    expect(stylish.source).toBe('output')
    for (const result of [json, stylish]) {
      expect(result.passed).toBe(false)
      expect(result.exitCode).toBe(1)
      expect(
        result.problems.map(({ file, line, column, severity, rule }) => ({
          file,
          line,
          column,
          severity,
          rule
        }))
      ).toEqual([
        { file: 'lint/src/bad.js', line: 1, column: 7, severity: 'error', rule: 'no-unused-vars' },
        { file: 'lint/src/bad.js', line: 2, column: 27, severity: 'warning', rule: 'eqeqeq' }
      ])
    }
  })

  it('tsc: the diagnostic as a build problem', async () => {
    const result = await exec.runBuild([node, tsc, '-p', '.'], { cwd: 'build' })
    expect(result.passed).toBe(false)
    expect(result.problems).toEqual([
      {
        file: 'build/src/a.ts',
        line: 1,
        column: 7,
        severity: 'error',
        rule: 'TS2322',
        message: "Type 'string' is not assignable to type 'number'."
      }
    ])
  })
})

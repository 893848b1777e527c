/**
 * The fingerprint of real runs: the same broken project checked out twice (other directories, the code moved
 * down a few lines) and run through the LocalExecutionAdapter with node:test, ESLint and tsc. The tests make their
 * own noise: a fresh temp dir and a random closed port in the error messages, and timings.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LocalExecutionAdapter } from '../../src/adapters/local/execution.js'
import type { CheckKind, CheckResult } from '../../src/commands/check.js'
import { fingerprintFailure, type Fingerprint } from '../../src/heal/fingerprint.js'
import { makeTempDir, type TempDir } from '../helpers/git.js'

const modules = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules')
const eslint = join(modules, 'eslint', 'bin', 'eslint.js')
const tsc = join(modules, 'typescript', 'bin', 'tsc')
const node = process.execPath

/** The project; `shift` blank lines move every line down, `variant` breaks another test. */
function project(shift: number, variant = false): Record<string, string> {
  const pad = '\n'.repeat(shift)
  return {
    'package.json': '{"type":"commonjs"}',
    'test/config.test.js':
      pad +
      "const { test } = require('node:test')\nconst assert = require('node:assert')\n" +
      "const fs = require('node:fs')\nconst os = require('node:os')\nconst net = require('node:net')\n" +
      "const path = require('node:path')\n" +
      "test('loads the settings file', () => {\n" +
      "  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'))\n" +
      "  fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')\n" +
      '})\n' +
      "test('reaches the server', async () => {\n" +
      // A port just closed may be taken by another process (the suite's servers) before the connect, which then
      // succeeds: another port is closed and tried, until a connect is refused.
      '  for (;;) {\n' +
      '    const server = net.createServer().listen(0, "127.0.0.1")\n' +
      "    await new Promise(resolve => server.once('listening', resolve))\n" +
      '    const { port } = server.address()\n' +
      '    await new Promise(resolve => server.close(resolve))\n' +
      "    const socket = await new Promise((resolve, reject) => { const s = net.connect(port, '127.0.0.1'); s.once('connect', () => resolve(s)).once('error', reject) })\n" +
      '    socket.destroy()\n' +
      '  }\n' +
      '})\n' +
      (variant
        ? "test('adds', () => assert.strictEqual(1 + 1, 3))\n"
        : "test('adds', () => assert.strictEqual(1 + 1, 2))\n"),
    'eslint.config.js':
      "module.exports = [{ files: ['**/*.js'], ignores: ['eslint.config.js'], rules: { 'no-unused-vars': 'error', eqeqeq: 'warn' } }]\n",
    'src/bad.js': `${pad}const unused = 1\nmodule.exports = (a) => a == 2\n`,
    'tsconfig.json': '{"compilerOptions":{"strict":true,"noEmit":true,"target":"ES2022"},"include":["src"]}',
    'src/a.ts': `${pad}const n: number = 'text'\nexport { n }\n`
  }
}

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), content)
  }
}

describe('fingerprints of real runs in two checkouts', () => {
  const dirs: TempDir[] = []
  const prints = new Map<string, Fingerprint | undefined>()
  const results = new Map<string, CheckResult>()

  beforeAll(async () => {
    const checkouts = [
      { name: 'first', shift: 0, variant: false },
      { name: 'second', shift: 3, variant: false },
      { name: 'variant', shift: 0, variant: true }
    ]
    await Promise.all(
      checkouts.map(async checkout => {
        const dir = await makeTempDir(`self-heal-fp-${checkout.name}-`)
        dirs.push(dir)
        await write(dir.path, project(checkout.shift, checkout.variant))
        const exec = new LocalExecutionAdapter({ root: dir.path, defaultTimeoutSeconds: 120 })
        const runs: Array<[CheckKind, Promise<CheckResult>]> = [
          ['test', exec.runTests([node, '--test'])],
          ['lint', exec.runLint([node, eslint, '.'])],
          ['build', exec.runBuild([node, tsc, '-p', '.', '--pretty', checkout.shift > 0 ? 'true' : 'false'])]
        ]
        for (const [kind, run] of runs) {
          const result = await run
          results.set(`${checkout.name}:${kind}`, result)
          prints.set(`${checkout.name}:${kind}`, fingerprintFailure(kind, result, { workspace: dir.path }))
        }
      })
    )
  })

  afterAll(async () => {
    await Promise.all(dirs.map(dir => dir.cleanup()))
  })

  const print = (key: string): Fingerprint => {
    const found = prints.get(key)
    if (!found) throw new Error(`${key}: the check passed or did not run`)
    return found
  }

  it('node --test: the same id despite temp dirs, ports, timings and moved lines; another for another test', () => {
    const first = print('first:test')
    expect(first.basis).toBe('tests')
    expect(first.signatures).toEqual([
      "test/config.test.js :: loads the settings file :: ENOENT: no such file or directory, open '<tmp>/settings.json'",
      'test/config.test.js :: reaches the server :: connect ECONNREFUSED 127.0.0.1:<port>'
    ])
    expect(print('second:test').id).toBe(first.id)
    expect(print('variant:test').id).not.toBe(first.id)
    // The noise was really there: the raw messages differ between the checkouts.
    const messages = (key: string): string[] => {
      const result = results.get(key)
      return result && 'failedTests' in result ? result.failedTests.map(test => test.message) : []
    }
    expect(messages('first:test').join('\n')).toMatch(/cfg-\w{6}[\\/]settings\.json[\s\S]*127\.0\.0\.1:\d+/)
    expect(messages('second:test')).not.toEqual(messages('first:test'))
  })

  it('ESLint and tsc (plain and --pretty): the same id in both checkouts', () => {
    expect(print('first:lint').signatures).toEqual(['src/bad.js :: no-unused-vars'])
    expect(print('second:lint').id).toBe(print('first:lint').id)
    expect(print('first:build').signatures).toEqual(['src/a.ts :: TS2322'])
    expect(print('second:build').id).toBe(print('first:build').id)
  })
})

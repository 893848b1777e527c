/**
 * `self-heal memory` through the bundled CLI on the SQLite memory a heal filled: list, show, export, forget, and an
 * import from stdin into another machine's memory, after which that machine heals from memory without the fixer.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'
import { CLI, cleanEnv, runCli } from './cli-helpers.js'

const CHECK = `const text = require('node:fs').readFileSync('src/app.js', 'utf8')
if (text.includes('BAD')) { console.log('src/app.js:1:1: error Unexpected BAD token (no-bad)'); process.exit(1) }
`
const FIX = `const fs = require('node:fs')
fs.writeFileSync('src/app.js', fs.readFileSync('src/app.js', 'utf8').replace(/BAD/g, 'GOOD'))
`

describe('self-heal memory (LOCAL, bundled CLI)', () => {
  let repo: TempDir
  let caches: TempDir
  let fingerprint: string
  const env = (name: string): NodeJS.ProcessEnv =>
    cleanEnv({ SELF_HEAL_CACHE_PATH: join(caches.path, `${name}.sqlite`) })
  const memory = async (
    args: string[],
    name = 'a'
  ): Promise<{ code: number; json: Record<string, unknown> }> => {
    const run = await runCli(['memory', ...args, '--json'], { cwd: repo.path, env: env(name) })
    return { code: run.code, json: JSON.parse(run.stdout) as Record<string, unknown> }
  }

  beforeAll(async () => {
    repo = await makeTempRepo({ 'src/app.js': 'const b = BAD\n', 'check.cjs': CHECK, 'fix.cjs': FIX })
    caches = await makeTempDir('self-heal-memory-cli-')
    const healed = await runCli(
      ['heal', '--kind', 'lint', '--check', 'node check.cjs', '--fix', 'node fix.cjs', '--dry-run', '--json'],
      { cwd: repo.path, env: env('a') }
    )
    expect(JSON.parse(healed.stdout)).toMatchObject({ outcome: 'healed', remembered: false })
    const kept = await runCli(
      ['heal', '--kind', 'lint', '--check', 'node check.cjs', '--fix', 'node fix.cjs', '--json'],
      { cwd: repo.path, env: env('a') }
    )
    const json = JSON.parse(kept.stdout) as { remembered: boolean; fingerprint: { id: string } }
    expect(json.remembered).toBe(true)
    fingerprint = json.fingerprint.id
  })
  afterAll(async () => {
    await repo?.cleanup()
    await caches?.cleanup()
  })

  it('lists and shows the fix with where it came from', async () => {
    const list = await memory(['list'])
    expect(list.code).toBe(0)
    expect(list.json.fixes).toEqual([
      expect.objectContaining({
        fingerprint,
        fixers: ['node fix.cjs'],
        kind: 'lint',
        replays: 0,
        failures: 0
      })
    ])
    const shown = await memory(['show', fingerprint])
    expect(shown.json).toMatchObject({ fingerprint, commit: expect.stringMatching(/^[0-9a-f]{40}$/) })
    expect(shown.json.diff).toContain('+const b = GOOD')
    expect((await memory(['show', 'not-a-fingerprint'])).code).toBe(2)
  })

  it('exports, imports from stdin into another memory, which then heals without the fixer; forgets', async () => {
    const exported = await memory(['export'])
    const imported = await new Promise<{ code: number; stdout: string }>((done, fail) => {
      const child = spawn(process.execPath, [CLI, 'memory', 'import', '-', '--json'], {
        cwd: repo.path,
        env: env('b')
      })
      let stdout = ''
      child.stdout.on('data', chunk => (stdout += chunk))
      child.on('error', fail)
      child.on('close', code => done({ code: code ?? -1, stdout }))
      child.stdin.end(JSON.stringify(exported.json))
    })
    expect(imported.code).toBe(0)
    expect(JSON.parse(imported.stdout)).toEqual({ imported: [fingerprint] })
    const healed = await runCli(
      [
        'heal',
        '--kind',
        'lint',
        '--check',
        'node check.cjs',
        '--fix',
        'node missing-fixer.cjs',
        '--dry-run',
        '--json'
      ],
      { cwd: repo.path, env: env('b') }
    )
    expect(JSON.parse(healed.stdout)).toMatchObject({
      outcome: 'healed',
      attempts: [expect.objectContaining({ source: 'memory', result: 'verified' })]
    })
    expect((await memory(['forget', fingerprint], 'b')).json).toEqual({ fingerprint, forgotten: true })
    expect((await memory(['list'], 'b')).json.fixes).toEqual([])
    expect((await memory(['list'], 'a')).json.fixes).toHaveLength(1)
  })
})

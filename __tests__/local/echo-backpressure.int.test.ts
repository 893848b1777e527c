/**
 * Echoing a huge output costs no memory: the harness (echo-harness.ts, a process of its own so its RSS is the
 * adapter's alone) echoes 300 MiB from a child to its stdout, which this test reads slowly, or which is a file.
 */
import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import { spawn } from 'node:child_process'
import { open, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { makeTempDir, type TempDir } from '../helpers/git.js'

const here = dirname(fileURLToPath(import.meta.url))
const MEGABYTES = 300
const MiB = 1024 * 1024

interface Report {
  exitCode: number
  timedOut: boolean
  growth: number
  kept: number
}

/** Runs the harness with `stdout` as its standard output; resolves with its report and its exit code. */
function runHarness(
  stdout: 'pipe' | number,
  read?: (chunk: Buffer) => void
): Promise<Report & { code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(here, 'echo-harness.ts'), String(MEGABYTES)],
      {
        cwd: join(here, '..', '..'),
        stdio: ['ignore', stdout, 'pipe']
      }
    )
    let errors = ''
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    if (read && child.stdout) {
      const out = child.stdout
      // A slow reader: a pause after every chunk, so the harness's writes back up.
      out.on('data', (chunk: Buffer) => {
        read(chunk)
        out.pause()
        setTimeout(() => out.resume(), 1)
      })
    }
    child.on('error', reject)
    child.on('close', code => {
      const line = errors.trim().split('\n').pop() ?? ''
      try {
        resolve({ ...(JSON.parse(line) as Report), code })
      } catch {
        reject(new Error(`The harness printed no report (exit ${code}): ${errors.slice(-2000)}`))
      }
    })
  })
}

describe('echo backpressure', () => {
  let dir: TempDir
  beforeAll(async () => {
    dir = await makeTempDir('self-heal-echo-')
  })
  afterAll(async () => {
    await dir.cleanup()
  })

  it('echoes 300 MiB through a slow pipe with bounded memory and the right exit code', async () => {
    let received = 0
    const report = await runHarness('pipe', chunk => (received += chunk.length))
    expect(report.code).toBe(0)
    expect(report).toMatchObject({ exitCode: 3, timedOut: false })
    expect(received).toBe(MEGABYTES * MiB)
    expect(report.kept).toBeLessThan(MiB + 200)
    expect(report.growth).toBeLessThan(150 * MiB)
  }, 30_000)

  it('echoes 300 MiB into a file completely', async () => {
    const path = join(dir.path, 'log.txt')
    const file = await open(path, 'w')
    try {
      const report = await runHarness(file.fd)
      expect(report).toMatchObject({ exitCode: 3, timedOut: false })
      expect(report.growth).toBeLessThan(150 * MiB)
    } finally {
      await file.close()
    }
    expect((await stat(path)).size).toBe(MEGABYTES * MiB)
  }, 30_000)
})

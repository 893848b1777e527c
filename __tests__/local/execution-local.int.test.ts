/** What only local processes show: shell semantics, process trees, huge output, stale reports, bad input. */
import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LocalExecutionAdapter } from '../../src/adapters/local/execution.js'
import { isProcessAlive } from '../../src/adapters/local/process-tree.js'
import { InvalidInputError } from '../../src/errors.js'
import { makeTempDir, type TempDir } from '../helpers/git.js'

const posix = process.platform !== 'win32'

async function waitGone(pid: number, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (!(await isProcessAlive(pid))) return true
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return !(await isProcessAlive(pid))
}

describe('LocalExecutionAdapter', () => {
  let dir: TempDir
  let exec: LocalExecutionAdapter

  beforeAll(async () => {
    dir = await makeTempDir('self-heal-exec-')
    exec = new LocalExecutionAdapter({ root: dir.path, killGraceMs: 500 })
  })

  afterAll(async () => {
    await dir.cleanup()
  })

  it('runs a string like a `run:` step: bash -e stops at the first failing command', async () => {
    const result = await exec.runCommand('echo before\nfalse\necho after')
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toBe('before\n')
  })

  it('uses pipefail only with the explicit bash shell, as the runner does', async () => {
    expect((await exec.runCommand('false | true')).exitCode).toBe(0)
    const bash = new LocalExecutionAdapter({ root: dir.path, shell: 'bash' })
    expect((await bash.runCommand('false | true')).exitCode).toBe(1)
    const sh = new LocalExecutionAdapter({ root: dir.path, shell: 'sh' })
    expect((await sh.runCommand('echo "$0" | grep -c step.sh')).stdout.trim()).toBe('1')
  })

  it('reports a program that cannot be started as exit 127 with a message', async () => {
    const result = await exec.runCommand(['self-heal-no-such-program-xyz', '--flag'])
    expect(result.exitCode).toBe(127)
    expect(result.stderr).toContain('self-heal-no-such-program-xyz: command not found')
    expect(result.timedOut).toBe(false)
  })

  it('refuses a missing working directory, an empty command and a bad timeout with clear errors', async () => {
    await expect(exec.runCommand('true', { cwd: 'no/such/dir' })).rejects.toThrow(InvalidInputError)
    await expect(exec.runCommand('true', { cwd: 'no/such/dir' })).rejects.toThrow(
      /working directory 'no\/such\/dir'/
    )
    await expect(exec.runCommand('   ')).rejects.toThrow(/command is empty/)
    await expect(exec.runCommand([])).rejects.toThrow(/command is empty/)
    await expect(exec.runCommand('true', { timeoutSeconds: 0 })).rejects.toThrow(/positive number of seconds/)
    await expect(exec.runCommand(['node', '-e', 'x\0y'])).rejects.toThrow(/cannot be started/)
  })

  it('streams output to a listener as it arrives', async () => {
    const chunks: string[] = []
    const streaming = new LocalExecutionAdapter({
      root: dir.path,
      onOutput: (stream, chunk) => chunks.push(`${stream}:${chunk.toString()}`)
    })
    await streaming.runCommand(['node', '-e', 'console.log("out"); console.error("err")'])
    expect(chunks.join('')).toContain('stdout:out')
    expect(chunks.join('')).toContain('stderr:err')
  })

  if (posix) {
    it('ends a shell, its child and a grandchild that ignores SIGTERM when the timeout passes', async () => {
      const script =
        'sleep 300 &\necho "child=$!"\n' +
        'bash -c \'trap "" TERM; sleep 300 & echo "grandchild=$!"; wait\' &\n' +
        'sleep 0.3\nwait'
      const started = Date.now()
      const result = await exec.runCommand(script, { timeoutSeconds: 1 })
      expect(result.timedOut).toBe(true)
      expect(result.exitCode).not.toBe(0)
      expect(Date.now() - started).toBeLessThan(8000)
      const child = Number(/child=(\d+)/.exec(result.stdout)?.[1])
      const grandchild = Number(/grandchild=(\d+)/.exec(result.stdout)?.[1])
      expect(child).toBeGreaterThan(0)
      expect(grandchild).toBeGreaterThan(0)
      expect(await waitGone(child)).toBe(true)
      expect(await waitGone(grandchild)).toBe(true)
    })

    it('sends SIGKILL after the grace period to a command that ignores SIGTERM', async () => {
      const result = await exec.runCommand(
        [
          'node',
          '-e',
          'process.on("SIGTERM", () => console.log("ignored TERM")); setInterval(() => {}, 1000)'
        ],
        { timeoutSeconds: 1 }
      )
      expect(result.timedOut).toBe(true)
      expect(result.stdout).toContain('ignored TERM')
      expect(result.exitCode).toBe(128 + 9)
      // 1 s timeout + 0.5 s grace (the adapter's killGraceMs here).
      expect(result.durationMs).toBeGreaterThanOrEqual(1400)
    })

    it('ends a descendant that left the process group (setsid) when the timeout passes', async () => {
      const script =
        'const { spawn } = require("child_process");' +
        'const c = spawn("setsid", ["sleep", "300"], { stdio: "ignore" }); console.log("escaped=" + c.pid);' +
        'setInterval(() => {}, 1000)'
      const result = await exec.runCommand(['node', '-e', script], { timeoutSeconds: 1 })
      expect(result.timedOut).toBe(true)
      const escaped = Number(/escaped=(\d+)/.exec(result.stdout)?.[1])
      expect(escaped).toBeGreaterThan(0)
      expect(await waitGone(escaped)).toBe(true)
    })

    it('does not wait for a background process that keeps the output open, and ends it', async () => {
      const started = Date.now()
      const result = await exec.runCommand('sleep 300 &\necho "bg=$!"')
      expect(result.exitCode).toBe(0)
      expect(result.timedOut).toBe(false)
      expect(Date.now() - started).toBeLessThan(5000)
      const background = Number(/bg=(\d+)/.exec(result.stdout)?.[1])
      expect(await waitGone(background)).toBe(true)
    })

    it('reports a command killed by a signal with 128 + the signal number', async () => {
      const result = await exec.runCommand(['node', '-e', 'process.kill(process.pid, "SIGSEGV")'])
      expect(result.exitCode).toBe(128 + 11)
    })
  }

  it('keeps head and tail of 64 MB of output within the cap, without stalling', async () => {
    const capped = new LocalExecutionAdapter({ root: dir.path, maxOutputBytes: 1024 * 1024 })
    const script =
      'const block = Buffer.alloc(1024 * 1024, 0x78); process.stdout.write("HEAD-MARKER\\n");' +
      'let i = 0; const next = () => { while (i < 64) { i++; if (!process.stdout.write(block)) return process.stdout.once("drain", next) }' +
      'process.stdout.write("\\nTAIL-MARKER\\n"); process.stderr.write("err-end\\n") }; next()'
    const result = await capped.runCommand(['node', '-e', script], { timeoutSeconds: 60 })
    expect(result.exitCode).toBe(0)
    expect(result.timedOut).toBe(false)
    // Assertions on booleans and numbers only: a failure must not print 1 MB of `x`.
    expect(result.stdout.startsWith('HEAD-MARKER\n')).toBe(true)
    expect(result.stdout.endsWith('\nTAIL-MARKER\n')).toBe(true)
    const marker = /\[… self-heal: (\d+) bytes of output dropped here \((\d+) in all\) …\]/.exec(
      result.stdout
    )
    expect(Number(marker?.[2])).toBe(12 + 64 * 1024 * 1024 + 13)
    expect(Number(marker?.[1])).toBeGreaterThan(63 * 1024 * 1024)
    expect(Buffer.byteLength(result.stdout)).toBeLessThan(1024 * 1024 + 200)
    expect(result.stderr).toBe('err-end\n')
  })

  it('ignores a report left over from an earlier run', async () => {
    await mkdir(join(dir.path, 'reports'), { recursive: true })
    await writeFile(
      join(dir.path, 'reports/stale.xml'),
      '<testsuite name="old"><testcase name="old failure"><failure message="stale"/></testcase></testsuite>'
    )
    const result = await exec.runTests(['node', '-e', 'console.log("nothing written")'], {
      reportPath: 'reports/stale.xml'
    })
    expect(result.passed).toBe(true)
    expect(result.failedTests).toEqual([])
    expect(result.source).toBe('none')
  })

  it('reads a report path relative to the working directory, and makes paths repository-relative', async () => {
    await mkdir(join(dir.path, 'pkg'), { recursive: true })
    const script =
      'require("fs").writeFileSync("out.xml", `<testsuites><testsuite name="s"><testcase name="t" classname="s" ' +
      'file="${process.cwd()}/lib/t.test.js"><failure message="m"/></testcase></testsuite></testsuites>`); process.exit(1)'
    const result = await exec.runTests(['node', '-e', script], { cwd: 'pkg', reportPath: 'out.xml' })
    expect(result.source).toBe('junit')
    expect(result.failedTests).toEqual([{ name: 's › t', file: 'pkg/lib/t.test.js', message: 'm' }])
  })
})

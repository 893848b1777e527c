import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeTempRepo, type TempDir } from '../helpers/git.js'
import { runCli } from './cli-helpers.js'
import { JUNIT } from '../helpers/fixtures.js'

describe('self-heal check (LOCAL)', () => {
  let repo: TempDir
  beforeAll(async () => {
    repo = await makeTempRepo({ 'package.json': '{}\n' })
    await mkdir(join(repo.path, 'sub'))
    await writeFile(join(repo.path, 'fixture.xml'), JUNIT)
  })
  afterAll(async () => {
    await repo.cleanup()
  })

  it('exits 0 with the JSON shape when the check passes', async () => {
    const run = await runCli(['check', '--test', 'echo all good', '--json'], { cwd: repo.path })
    expect(run.code).toBe(0)
    const out = JSON.parse(run.stdout)
    expect(out).toMatchObject({ passed: true, exitCode: 0, timedOut: false, failedTests: [], problems: [] })
    expect(typeof out.durationMs).toBe('number')
  })

  it('exits 1 and names the failed tests from a JUnit report', async () => {
    // The command writes the report: a report left from an earlier run is ignored.
    const run = await runCli(
      ['check', '--test', 'cp fixture.xml junit-1.xml; exit 1', '--report', 'junit-1.xml', '--json'],
      {
        cwd: repo.path
      }
    )
    expect(run.code).toBe(1)
    const out = JSON.parse(run.stdout)
    expect(out.passed).toBe(false)
    expect(out.failedTests).toEqual([expect.anything()])
    expect(out.failedTests[0].name).toContain('subtracts')
    expect(out.failedTests[0].message).toContain('expected 1 to be 2')
  })

  it('reads failed tests from TAP on stdout', async () => {
    const tap = "printf 'TAP version 13\\n1..2\\nok 1 - first\\nnot ok 2 - second fails\\n'; exit 1"
    const run = await runCli(['check', '--test', tap, '--json'], { cwd: repo.path })
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout).failedTests.map((t: { name: string }) => t.name)).toEqual(['second fails'])
  })

  it('reads lint problems in the file:line:col shape', async () => {
    const run = await runCli(
      ['check', '--lint', "echo 'src/a.js:3:7: error: unexpected var'; exit 1", '--json'],
      { cwd: repo.path }
    )
    expect(run.code).toBe(1)
    const problems = JSON.parse(run.stdout).problems
    expect(problems[0]).toMatchObject({ file: 'src/a.js', line: 3, column: 7 })
  })

  it('stops a command at its timeout and says so', async () => {
    const run = await runCli(['check', '--command', 'sleep 30', '--timeout', '1', '--json'], {
      cwd: repo.path
    })
    expect(run.code).toBe(1)
    const out = JSON.parse(run.stdout)
    expect(out.timedOut).toBe(true)
    expect(out.durationMs).toBeLessThan(15000)
  })

  it('runs in --cwd', async () => {
    const run = await runCli(['check', '--command', 'pwd', '--json', '--cwd', join(repo.path, 'sub')], {
      cwd: repo.path
    })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).outputTail.trim().endsWith('/sub')).toBe(true)
  })

  it('ignores a report the command did not write', async () => {
    const run = await runCli(['check', '--test', 'exit 1', '--report', 'fixture.xml', '--json'], {
      cwd: repo.path
    })
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout).failedTests).toEqual([])
  })

  it('prints a readable result without --json', async () => {
    const run = await runCli(
      ['check', '--test', 'cp fixture.xml junit-2.xml; exit 1', '--report', 'junit-2.xml'],
      {
        cwd: repo.path
      }
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('test check failed')
    expect(run.stdout).toContain('subtracts')
  })

  it('exits 2 unless exactly one check is given', async () => {
    expect((await runCli(['check', '--json'], { cwd: repo.path })).code).toBe(2)
    expect((await runCli(['check', '--test', 'a', '--lint', 'b'], { cwd: repo.path })).code).toBe(2)
    expect((await runCli(['check', '--test', 'a', '--timeout', 'soon'], { cwd: repo.path })).code).toBe(2)
  })
})

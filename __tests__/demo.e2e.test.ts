/**
 * `npm run demo` as a newcomer runs it: the sample repository is healed by the bundled action through the
 * emulator, the CLI finds the fix already proposed, and nothing is left running or on disk.
 */
import { expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { cleanEnv } from './cli/cli-helpers.js'
import { assertDistFresh } from './helpers/dist-fresh.js'

assertDistFresh()

/** Whether something accepts connections at `url`'s host and port. */
function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise(resolve => {
    const socket = connect(Number(port), hostname)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

const demoDirs = () => readdirSync(tmpdir()).filter(name => name.startsWith('self-heal-demo-'))

it('heals the sample repository, shows the summary, the diff and the pull request, and leaves nothing behind', async () => {
  const before = new Set(demoDirs())
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((done, fail) => {
    const child = spawn(process.execPath, ['scripts/demo.mjs'], { env: cleanEnv() })
    let out = ''
    child.stdout.on('data', chunk => (out += chunk))
    child.stderr.resume()
    child.on('error', fail)
    child.on('close', c => done({ code: c ?? -1, stdout: out }))
  })
  expect(code).toBe(0)
  const last = stdout.trim().split('\n').pop()!
  const { demo } = JSON.parse(last) as {
    demo: {
      outcome: string
      pullRequest: string
      cliExitCode: number
      cliOutput: string
      emulatorUrl: string
    }
  }
  expect(demo.outcome).toBe('healed')
  expect(demo.pullRequest).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/octo\/sample\/pull\/1$/)
  expect(demo.cliExitCode).toBe(0)
  expect(demo.cliOutput).toContain('is already proposed')
  expect(stdout).toContain('Outcome: healed')
  expect(stdout).toContain('self-heal: lint check')
  expect(stdout).toContain("+const greeting = 'hello'")
  expect(await listening(demo.emulatorUrl)).toBe(false)
  expect(demoDirs().filter(name => !before.has(name))).toEqual([])
})

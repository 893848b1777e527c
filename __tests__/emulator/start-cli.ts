/** The emulator started the way its README says (`npm run emulator -- ARGS`), as a child process. */
import { spawn, type ChildProcess } from 'node:child_process'
import { cleanEnv } from '../cli/cli-helpers.js'

/** A running `npm run emulator`, with what it printed. */
export interface StartedEmulator {
  npm: ChildProcess
  url: string
  /** The `export NAME=VALUE` lines, as an object. */
  env: Record<string, string>
  stdout: () => string
  stderr: () => string
  exited: Promise<number | null>
}

/** Starts `npm run emulator -- ...args` and waits for the environment it prints after `listening on`. */
export async function startEmulatorCli(args: string[]): Promise<StartedEmulator> {
  // In a process group of its own, as a terminal runs it, so Ctrl-C can be sent to the group.
  const npm = spawn('npm', ['run', 'emulator', '--', ...args], {
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  let stdout = ''
  let stderr = ''
  npm.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  npm.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const exited = new Promise<number | null>(resolve => npm.once('exit', code => resolve(code)))
  const deadline = Date.now() + 30_000
  while (!/^export ACTIONS_RUNTIME_TOKEN=/m.test(stdout)) {
    if (npm.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the emulator did not start (exit ${npm.exitCode}):\n${stdout}\n${stderr}`)
    }
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  const url = (/^listening on (\S+)$/m.exec(stdout) as RegExpExecArray)[1]
  const env = Object.fromEntries(
    [...stdout.matchAll(/^export ([A-Z0-9_]+)=(.*)$/gm)].map(match => [match[1], match[2]])
  )
  return { npm, url, env, stdout: () => stdout, stderr: () => stderr, exited }
}

/**
 * The local Execution adapter running untrusted fixers: no credentials in their environment, no process of theirs
 * left running (daemons that left the group included) once a run settles — after a timeout, an abort or a normal
 * exit — and output that cannot command the runner.
 */
import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { LocalExecutionAdapter } from '../../src/adapters/local/execution.js'
import { isProcessAlive } from '../../src/adapters/local/process-tree.js'
import { makeTempDir, type TempDir } from '../helpers/git.js'

const linux = process.platform === 'linux'
const posix = process.platform !== 'win32'
const TOKEN = 'ghs_0123456789abcdefSELFHEALTOKEN'

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

/** The size of a file that a daemon appends to, twice, 500 ms apart (five of its beats). */
async function growth(path: string): Promise<number> {
  const before = (await stat(path)).size
  await sleep(500)
  return (await stat(path)).size - before
}

/**
 * A shell line that starts a daemon the way a hostile fixer would: from a subshell that exits at once (so its
 * parent is gone) and in a new session (so it left the process group). It writes its pid, then beats every 100 ms.
 */
function daemon(dir: string, name: string): string {
  const pidFile = join(dir, `${name}.pid`)
  const beats = join(dir, `${name}.beats`)
  return (
    `( setsid sh -c 'echo $$ > "${pidFile}"; while :; do echo beat >> "${beats}"; sleep 0.1; done' ` +
    '</dev/null >/dev/null 2>&1 & )'
  )
}

class Collect extends Writable {
  text = ''
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString('utf8')
    done()
  }
}

describe('LocalExecutionAdapter with untrusted commands', () => {
  let dir: TempDir

  beforeAll(async () => {
    dir = await makeTempDir('self-heal-safety-')
  })

  afterAll(async () => {
    await dir.cleanup()
  })

  describe('environment', () => {
    const inherited = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GITHUB_TOKEN: TOKEN,
      GH_TOKEN: 'gho_someoneelsestoken',
      SELF_HEAL_TOKEN: 'ghp_anothertokenvalue1',
      INPUT_TOKEN: TOKEN,
      INPUT_COMMAND: 'npm test',
      ACTIONS_RUNTIME_TOKEN: 'runtime-jwt',
      ACTIONS_RUNTIME_URL: 'https://pipelines.example/',
      ACTIONS_RESULTS_URL: 'https://results.example/',
      ACTIONS_CACHE_URL: 'https://cache.example/',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example/',
      REMOTE_URL: `https://x-access-token:${TOKEN}@github.com/o/r.git`,
      NPM_TOKEN: 'npm_needed_by_the_check',
      NPM_CONFIG_REGISTRY: 'https://registry.example/',
      GITHUB_REPOSITORY: 'o/r',
      KEEP_ME: 'yes'
    }
    const printEnv = ['node', '-e', 'process.stdout.write(JSON.stringify(process.env))']

    it('withholds tokens, action inputs and the runner services, and keeps the rest', async () => {
      const exec = new LocalExecutionAdapter({ root: dir.path, env: inherited, secrets: [TOKEN] })
      const result = await exec.runCommand(printEnv)
      const env = JSON.parse(result.stdout) as Record<string, string>
      expect(Object.keys(env).sort()).toEqual(
        ['GITHUB_REPOSITORY', 'KEEP_ME', 'NPM_CONFIG_REGISTRY', 'NPM_TOKEN', 'PATH', 'SELF_HEAL_RUN'].sort()
      )
      expect(result.stdout).not.toContain(TOKEN)
    })

    it('keeps what pass-env names, globs too, but never a variable holding the token', async () => {
      const warnings: string[] = []
      const exec = new LocalExecutionAdapter({
        root: dir.path,
        env: inherited,
        secrets: [TOKEN],
        passEnv: ['GH_TOKEN', 'GITHUB_TOKEN', 'ACTIONS_CACHE_*'],
        warn: message => warnings.push(message)
      })
      const first = JSON.parse((await exec.runCommand(printEnv)).stdout) as Record<string, string>
      expect(first.GH_TOKEN).toBe('gho_someoneelsestoken')
      expect(first.ACTIONS_CACHE_URL).toBe('https://cache.example/')
      expect(first.GITHUB_TOKEN).toBeUndefined()
      expect(first.INPUT_TOKEN).toBeUndefined()
      // A run's own pass-env adds to the adapter's.
      const second = JSON.parse(
        (await exec.runCommand(printEnv, { passEnv: ['INPUT_COMMAND'] })).stdout
      ) as Record<string, string>
      expect(second.INPUT_COMMAND).toBe('npm test')
      expect(second.GITHUB_TOKEN).toBeUndefined()
      // Said once, whatever the number of runs.
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain('GITHUB_TOKEN')
      expect(warnings[0]).not.toContain(TOKEN)
    })
  })

  if (linux) {
    describe('processes that escape', () => {
      it('ends a daemon that left the group and lost its parent when the timeout passes', async () => {
        const exec = new LocalExecutionAdapter({ root: dir.path, killGraceMs: 300 })
        const result = await exec.runCommand(`${daemon(dir.path, 'timeout')}\nsleep 300`, {
          timeoutSeconds: 1
        })
        expect(result.timedOut).toBe(true)
        const pid = Number(await readFile(join(dir.path, 'timeout.pid'), 'utf8'))
        expect(pid).toBeGreaterThan(0)
        // Gone when the run settles, not some time later.
        expect(await isProcessAlive(pid)).toBe(false)
        expect(await growth(join(dir.path, 'timeout.beats'))).toBe(0)
      })

      it('ends what a command leaves running when it exits normally', async () => {
        const exec = new LocalExecutionAdapter({ root: dir.path })
        const beats = join(dir.path, 'exit.beats')
        // The command waits for the daemon's first beat, so it surely ran before the command ends.
        const result = await exec.runCommand(
          `${daemon(dir.path, 'exit')}\nwhile [ ! -s "${beats}" ]; do sleep 0.05; done\necho done`
        )
        expect(result).toMatchObject({ exitCode: 0, timedOut: false, stdout: 'done\n' })
        const pid = Number(await readFile(join(dir.path, 'exit.pid'), 'utf8'))
        expect(await isProcessAlive(pid)).toBe(false)
        expect(await growth(beats)).toBe(0)
      })
    })
  }

  if (posix) {
    describe('abort', () => {
      it('ends the whole tree, and rejects only once none of it is left', async () => {
        const seen: string[] = []
        const controller = new AbortController()
        const exec = new LocalExecutionAdapter({
          root: dir.path,
          killGraceMs: 300,
          onOutput: (_stream, chunk) => {
            seen.push(chunk.toString())
            if (seen.join('').includes('ready')) controller.abort()
          }
        })
        const script =
          'sleep 300 &\necho "child=$!"\n' +
          `bash -c 'trap "" TERM; sleep 300 & echo "grandchild=$!"; wait' &\n` +
          (linux
            ? `${daemon(dir.path, 'abort')}\nwhile [ ! -e "${join(dir.path, 'abort.pid')}" ]; do sleep 0.05; done\n`
            : '') +
          'sleep 0.3\necho ready\nwait'
        const started = Date.now()
        await expect(exec.runCommand(script, { signal: controller.signal })).rejects.toMatchObject({
          name: 'AbortError'
        })
        expect(Date.now() - started).toBeLessThan(10_000)
        const output = seen.join('')
        const pids = [/child=(\d+)/, /grandchild=(\d+)/].map(pattern => Number(pattern.exec(output)?.[1]))
        if (linux) pids.push(Number(await readFile(join(dir.path, 'abort.pid'), 'utf8')))
        for (const pid of pids) {
          expect(pid).toBeGreaterThan(0)
          expect(await isProcessAlive(pid)).toBe(false)
        }
      })

      it('starts nothing when the signal is already aborted', async () => {
        const exec = new LocalExecutionAdapter({ root: dir.path })
        const marker = join(dir.path, 'never-written')
        await expect(
          exec.runCommand(['node', '-e', `require("fs").writeFileSync(${JSON.stringify(marker)}, "x")`], {
            signal: AbortSignal.abort()
          })
        ).rejects.toMatchObject({ name: 'AbortError' })
        await sleep(200)
        await expect(stat(marker)).rejects.toThrow()
      })
    })
  }

  describe('echo to the runner log', () => {
    const script =
      'require("fs").writeFileSync("env.json", JSON.stringify(process.env));' +
      'console.log("::set-output name=x::y"); console.log("::add-mask::visible"); process.stdout.write("no newline")'

    it('frames the output with ::stop-commands:: and a token the command never sees', async () => {
      const log = new Collect()
      const exec = new LocalExecutionAdapter({
        root: dir.path,
        echo: log,
        env: { ...process.env, GITHUB_ACTIONS: 'true' }
      })
      const result = await exec.runCommand(['node', '-e', script])
      expect(result.exitCode).toBe(0)
      const match = /^::stop-commands::([0-9a-f]{32})\n([\s\S]*)::([0-9a-f]{32})::\n$/.exec(log.text)
      expect(match?.[1]).toBe(match?.[3])
      // The last line is ended so the closing token starts a line of its own.
      expect(match?.[2]).toBe('::set-output name=x::y\n::add-mask::visible\nno newline\n')
      const token = match?.[1] as string
      expect(await readFile(join(dir.path, 'env.json'), 'utf8')).not.toContain(token)
      // A new token every run.
      const again = new Collect()
      await new LocalExecutionAdapter({
        root: dir.path,
        echo: again,
        inertWorkflowCommands: true
      }).runCommand(['node', '-e', script])
      expect(again.text).toMatch(/^::stop-commands::[0-9a-f]{32}\n/)
      expect(again.text).not.toContain(token)
    })

    it('echoes without a frame outside Actions', async () => {
      const log = new Collect()
      const exec = new LocalExecutionAdapter({
        root: dir.path,
        echo: log,
        env: { ...process.env, GITHUB_ACTIONS: '' }
      })
      await exec.runCommand(['node', '-e', script])
      expect(log.text).toBe('::set-output name=x::y\n::add-mask::visible\nno newline\n')
    })
  })
})

/**
 * The checkout is safe: a heal interrupted by SIGINT or SIGTERM during a fixer or during verification ends what
 * runs and puts the checkout back before it exits; one killed outright (SIGKILL) is put back by the next run from
 * its journal; a second heal in the same checkout is refused while the first runs. The CLI runs from src/ (tsx)
 * as a real process, signalled as a terminal or a runner would.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TSX_LOADER } from '../cache/helpers/child.js'
import { git, makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PROGRAMS = join(ROOT, '__tests__/helpers/programs.mjs')
const APP = 'const a = "BAD"\n'

interface Run {
  child: ChildProcess
  done: Promise<{ code: number | null; stdout: string; stderr: string }>
}

function heal(cwd: string, args: string[], env: NodeJS.ProcessEnv): Run {
  const child = spawn(
    process.execPath,
    ['--import', TSX_LOADER, join(ROOT, 'src/cli.ts'), 'heal', '--kind', 'lint', ...args],
    {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', chunk => (stdout += chunk))
  child.stderr!.on('data', chunk => (stderr += chunk))
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>(resolve =>
    child.on('close', code => resolve({ code, stdout, stderr }))
  )
  return { child, done }
}

async function waitFor(path: string, timeoutMs = 30000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!existsSync(path)) {
    if (Date.now() > end) throw new Error(`${path} did not appear`)
    await new Promise(r => setTimeout(r, 50))
  }
}

/** Everything about the checkout a heal must leave as it found it. */
async function checkoutState(root: string): Promise<string> {
  const files = async (dir: string, prefix = ''): Promise<string[]> =>
    (await readdir(dir, { withFileTypes: true })).flatMap(e =>
      e.name === '.git' ? [] : [`${prefix}${e.name}${e.isDirectory() ? '/' : ''}`]
    )
  return JSON.stringify({
    app: await readFile(join(root, 'src/app.js'), 'utf8'),
    wip: await readFile(join(root, 'wip.txt'), 'utf8'),
    top: await files(root),
    src: await files(join(root, 'src')),
    status: await git(root, 'status', '--porcelain=v1', '--untracked-files=all'),
    head: await git(root, 'rev-parse', 'HEAD'),
    branch: await git(root, 'symbolic-ref', 'HEAD'),
    // self-heal's own record of what it put back (refs/self-heal/) aside.
    refs: (await git(root, 'for-each-ref', '--format=%(refname) %(objectname)'))
      .split('\n')
      .filter(line => !line.startsWith('refs/self-heal/'))
      .join('\n'),
    stash: await git(root, 'stash', 'list'),
    config: await readFile(join(root, '.git/config'), 'utf8'),
    hooks: (await readdir(join(root, '.git/hooks'))).sort(),
    index: await git(root, 'ls-files', '--stage')
  })
}

describe('an interrupted heal', () => {
  let repo: TempDir
  let scratch: TempDir
  let env: NodeJS.ProcessEnv

  beforeEach(async () => {
    repo = await makeTempRepo({ 'src/app.js': APP, '.gitignore': '.self-heal/\n' })
    scratch = await makeTempDir('self-heal-interrupt-')
    // An untracked file of the user's, and a stash: both must survive.
    await writeFile(join(repo.path, 'wip.txt'), 'work in progress\n')
    await writeFile(join(repo.path, 'src/app.js'), 'const a = "stashed"\n')
    await git(repo.path, 'stash', '-q')
    env = {
      ...process.env,
      SELF_HEAL_CACHE_PATH: join(scratch.path, 'memory.sqlite'),
      CI: '',
      GITHUB_ACTIONS: ''
    }
    delete env.GITHUB_TOKEN
  })
  afterEach(async () => {
    await repo.cleanup()
    await scratch.cleanup()
  })

  /** A fixer that makes the fix, says it did, then runs on (and would write again) until it is ended. */
  const slowFixer = (marker: string): string =>
    `node ${PROGRAMS} replace src/app.js BAD good && touch ${marker} && sleep 4 && echo late > src/late.js`
  /** A check that passes once the fix is in, slowly once it is (so verification can be interrupted). */
  const slowCheck = (marker: string): string =>
    `node ${PROGRAMS} lint && (touch ${marker}; sleep 4; echo late > src/late.js)`

  it.each([
    ['SIGINT', 'during a fixer', 130],
    ['SIGTERM', 'during a fixer', 143],
    ['SIGINT', 'during verification', 130],
    ['SIGTERM', 'during verification', 143]
  ] as const)(
    'by %s %s puts the checkout back, ends what ran, and the next heal works',
    async (signal, when, code) => {
      const before = await checkoutState(repo.path)
      const marker = join(scratch.path, 'started')
      const args =
        when === 'during a fixer'
          ? ['--check', `node ${PROGRAMS} lint`, '--fix', slowFixer(marker)]
          : ['--check', slowCheck(marker), '--fix', `node ${PROGRAMS} replace src/app.js BAD good`]
      const run = heal(repo.path, [...args, '--json'], env)
      await waitFor(marker)
      const signalled = Date.now()
      run.child.kill(signal)
      const ended = await run.done
      // It ended what was running rather than wait for it: the fixer or check would have run 4 s more.
      expect(Date.now() - signalled).toBeLessThan(3000)
      expect(ended.code).toBe(code)
      expect(JSON.parse(ended.stdout).error.message).toMatch(new RegExp(`Interrupted by ${signal}`))
      expect(await checkoutState(repo.path)).toBe(before)
      // Nothing the fixer started writes after the heal put the checkout back.
      await new Promise(r => setTimeout(r, 4500 - (Date.now() - signalled)))
      expect(existsSync(join(repo.path, 'src/late.js'))).toBe(false)
      const again = await heal(
        repo.path,
        [
          '--check',
          `node ${PROGRAMS} lint`,
          '--fix',
          `node ${PROGRAMS} replace src/app.js BAD good`,
          '--json'
        ],
        env
      ).done
      expect(JSON.parse(again.stdout).outcome).toBe('healed')
      expect(await readFile(join(repo.path, 'src/app.js'), 'utf8')).toBe(APP)
    }
  )

  it('killed outright (SIGKILL) while a fixer runs in its copy leaves the checkout as it was; the next heal works', async () => {
    const before = await checkoutState(repo.path)
    const marker = join(scratch.path, 'started')
    const run = heal(
      repo.path,
      [
        '--check',
        `node ${PROGRAMS} lint`,
        '--fix',
        `node ${PROGRAMS} replace src/app.js BAD good && touch ${marker} && sleep 3`
      ],
      env
    )
    await waitFor(marker)
    run.child.kill('SIGKILL')
    await run.done
    expect(await checkoutState(repo.path)).toBe(before)
    // The copy the killed fixer wrote in is not trusted again: the next heal makes it afresh and heals from it.
    const next = await heal(
      repo.path,
      ['--check', `node ${PROGRAMS} lint`, '--fix', `node ${PROGRAMS} replace src/app.js BAD good`, '--json'],
      env
    ).done
    expect(next.stderr).toMatch(/was killed; the checkout was already as it found it/)
    expect(JSON.parse(next.stdout).outcome).toBe('healed')
    expect(JSON.parse(next.stdout).fix.stats).toMatchObject({ files: 1 })
    expect(await readFile(join(repo.path, 'src/app.js'), 'utf8')).toBe(APP)
    expect(await git(repo.path, 'status', '--porcelain=v1', '--untracked-files=all')).toBe('?? wip.txt')
  })

  it('killed outright (SIGKILL) with the fixer in place is put back by the next run, which keeps what the files held', async () => {
    const before = await checkoutState(repo.path)
    const marker = join(scratch.path, 'started')
    const run = heal(
      repo.path,
      [
        '--check',
        `node ${PROGRAMS} lint`,
        '--fix',
        `node ${PROGRAMS} replace src/app.js BAD good && touch ${marker} && sleep 3`,
        '--fix-in-place'
      ],
      env
    )
    await waitFor(marker)
    run.child.kill('SIGKILL')
    await run.done
    expect(await readFile(join(repo.path, 'src/app.js'), 'utf8')).not.toBe(APP)
    const next = await heal(repo.path, ['--check', `node ${PROGRAMS} lint NOTHERE`, '--json'], env).done
    expect(next.stderr).toMatch(
      /was killed before it could put the checkout back: self-heal put the files back/
    )
    expect(JSON.parse(next.stdout).outcome).toBe('passed')
    const kept = (await git(repo.path, 'rev-parse', 'refs/self-heal/interrupted')).trim()
    expect(await git(repo.path, 'show', `${kept}:src/app.js`)).toMatch(/^const a = "good"\n?$/)
    await git(repo.path, 'update-ref', '-d', 'refs/self-heal/interrupted')
    expect(await checkoutState(repo.path)).toBe(before)
  })

  it('is not joined by a second heal in the same checkout: it says so and exits 2', async () => {
    const marker = join(scratch.path, 'started')
    const first = heal(
      repo.path,
      [
        '--check',
        `node ${PROGRAMS} lint`,
        '--fix',
        `node ${PROGRAMS} replace src/app.js BAD good && touch ${marker} && sleep 2`
      ],
      env
    )
    await waitFor(marker)
    const second = await heal(repo.path, ['--check', `node ${PROGRAMS} lint`, '--json'], env).done
    expect(second.code).toBe(2)
    expect(JSON.parse(second.stdout).error.message).toMatch(
      /Another heal \(pid \d+\) is running in this checkout/
    )
    expect((await first.done).code).toBe(0)
  })
})

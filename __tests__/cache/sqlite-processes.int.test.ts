/**
 * The SQLite cache across real processes (each child runs the TypeScript sources through tsx): two writers on one
 * file, a writer killed with SIGKILL, damaged, unreadable and read-only files, and Node.js without node:sqlite.
 */
import { describe, expect, it, beforeEach, afterEach } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { SqliteCacheAdapter, defaultCachePath } from '../../src/adapters/cache/sqlite.js'
import type { CacheLogger } from '../../src/adapters/cache/common.js'

const ROOT = resolve(import.meta.dirname, '../..')
const WRITER = join(ROOT, '__tests__/cache/fixtures/sqlite-writer.ts')

function startWriter(
  args: string[],
  node = process.execPath,
  env: NodeJS.ProcessEnv = process.env
): ChildProcess {
  // `--import tsx` runs the script in this very process (the tsx CLI would put it in a grandchild, out of reach
  // of a SIGKILL sent to the child).
  return spawn(node, ['--import', 'tsx', WRITER, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
}

/**
 * Starts the writer so that file permissions apply to it. Root reads and writes anything, so as root the writer runs
 * without the capabilities that let it ignore permissions (setpriv, from util-linux), still as root: it can read
 * this checkout wherever it is, and the temp directory it owns.
 */
function startUnprivileged(args: string[]): ChildProcess {
  if (process.getuid?.() !== 0) return startWriter(args)
  return spawn(
    'setpriv',
    ['--bounding-set=-dac_override,-dac_read_search', process.execPath, '--import', 'tsx', WRITER, ...args],
    { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] }
  )
}

function finish(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', d => (stdout += d))
  child.stderr!.on('data', d => (stderr += d))
  return new Promise(resolve => child.on('close', code => resolve({ code, stdout, stderr })))
}

function recordingLogger(): CacheLogger & { lines: string[] } {
  const lines: string[] = []
  return { lines, info: m => lines.push(`info: ${m}`), warning: m => lines.push(`warning: ${m}`) }
}

describe('SQLite cache across processes', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sqlite-procs-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('two processes writing 10,000 keys each into one file: every key is there, no error', async () => {
    const path = join(dir, 'shared.sqlite')
    const go = join(dir, 'go')
    const env = { ...process.env, GO_FILE: go }
    const writers = [
      startWriter([path, 'a', '10000', 'burst'], process.execPath, env),
      startWriter([path, 'b', '10000', 'burst'], process.execPath, env)
    ]
    const done = writers.map(finish)
    try {
      // Both open the file first, then start writing at the same moment. A writer that ends before it is ready
      // (it could not open the file) fails the test with what it printed, instead of leaving the other waiting.
      await Promise.all(
        writers.map(
          (w, n) =>
            new Promise<void>((resolve, reject) => {
              w.stdout!.on('data', d => String(d).includes('ready') && resolve())
              void done[n].then(result =>
                reject(new Error(`writer ${n} ended early: ${JSON.stringify(result)}`))
              )
            })
        )
      )
      await writeFile(go, '')
    } catch (error) {
      for (const w of writers) w.kill('SIGKILL')
      throw error
    }
    const [a, b] = await Promise.all(done)
    expect(a).toMatchObject({ code: 0, stdout: 'ready\ndone\n', stderr: '' })
    expect(b).toMatchObject({ code: 0, stdout: 'ready\ndone\n', stderr: '' })
    const cache = await SqliteCacheAdapter.open({ path })
    try {
      const reads = []
      for (const prefix of ['a', 'b']) for (let i = 0; i < 10000; i++) reads.push(cache.get(`${prefix}-${i}`))
      const values = await Promise.all(reads)
      const missing = values.filter(v => v === undefined).length
      expect(missing).toBe(0)
      expect(values[0]).toEqual({ i: 0, prefix: 'a' })
      expect(values[19999]).toEqual({ i: 9999, prefix: 'b' })
    } finally {
      await cache.close()
    }
  })

  it('a process killed with SIGKILL mid-write: the file opens afterwards with every committed write', async () => {
    const path = join(dir, 'killed.sqlite')
    const child = startWriter([path, 'k', '0', 'serial'])
    let lastCommitted = -1
    let buffer = ''
    await new Promise<void>(resolve => {
      child.stdout!.on('data', chunk => {
        buffer += chunk
        const lines = buffer.split('\n')
        buffer = lines.pop()!
        for (const line of lines) {
          const match = /^committed (\d+)$/.exec(line)
          if (match) lastCommitted = Number(match[1])
        }
        if (lastCommitted >= 1500 && child.exitCode === null && !child.killed) {
          child.kill('SIGKILL')
          resolve()
        }
      })
    })
    await new Promise(resolve => child.on('close', resolve))
    expect(child.signalCode).toBe('SIGKILL')
    const logger = recordingLogger()
    const cache = await SqliteCacheAdapter.open({ path, logger })
    try {
      const values = await Promise.all(
        Array.from({ length: lastCommitted + 1 }, (_, i) => cache.get(`k-${i}`))
      )
      expect(values).toEqual(Array.from({ length: lastCommitted + 1 }, (_, i) => i))
      expect(logger.lines).toEqual([]) // not damaged: nothing moved aside
    } finally {
      await cache.close()
    }
  })

  it('a damaged file is moved aside with a warning and a fresh database is made', async () => {
    const path = join(dir, 'damaged.sqlite')
    await writeFile(path, Buffer.concat([Buffer.from('this is not a database'), Buffer.alloc(8192, 7)]))
    const logger = recordingLogger()
    const cache = await SqliteCacheAdapter.open({ path, logger })
    try {
      expect(logger.lines).toHaveLength(1)
      expect(logger.lines[0]).toMatch(
        /^warning: The cache database .*damaged\.sqlite could not be used \(.*\); it was moved aside to .*\.corrupt-.* a fresh one was made\.$/
      )
      await cache.set('fresh', 1)
      expect(await cache.get('fresh')).toBe(1)
    } finally {
      await cache.close()
    }
    const files = await readdir(dir)
    const aside = files.filter(f => f.startsWith('damaged.sqlite.corrupt-'))
    expect(aside).toHaveLength(1)
    expect(existsSync(path)).toBe(true)
  })

  it('a database whose pages are damaged (valid header) is caught by the integrity check', async () => {
    const path = join(dir, 'pages.sqlite')
    const first = await SqliteCacheAdapter.open({ path })
    for (let i = 0; i < 2000; i++) void first.set(`p-${i}`, 'x'.repeat(200))
    await first.close()
    const { open } = await import('node:fs/promises')
    const handle = await open(path, 'r+')
    // Keep the 100-byte header and the first page; overwrite the b-tree pages after it with noise.
    await handle.write(Buffer.alloc(64 * 1024, 0xa5), 0, 64 * 1024, 8192)
    await handle.close()
    const logger = recordingLogger()
    const cache = await SqliteCacheAdapter.open({ path, logger })
    try {
      expect(logger.lines.join('\n')).toMatch(/moved aside/)
      expect(await cache.get('p-1')).toBeUndefined()
      await cache.set('after', true)
      expect(await cache.get('after')).toBe(true)
    } finally {
      await cache.close()
    }
  })

  it('damage that shows up while the database is open: moved aside, the batch retried on a fresh file', async () => {
    const path = join(dir, 'live.sqlite')
    const filler = 'x'.repeat(1000)
    const first = await SqliteCacheAdapter.open({ path })
    await Promise.all(Array.from({ length: 6000 }, (_, i) => first.set(`k-${i}`, `${i}${filler}`)))
    await first.close() // checkpoints: the rows are in the main file, about 6 MB, more than SQLite's 2 MB page cache
    const logger = recordingLogger()
    const cache = await SqliteCacheAdapter.open({ path, logger })
    try {
      expect(await cache.get('k-1')).toBe(`1${filler}`)
      expect(logger.lines).toEqual([])
      const { open } = await import('node:fs/promises')
      const handle = await open(path, 'r+')
      await handle.write(Buffer.alloc(4 * 1024 * 1024, 0xa5), 0, 4 * 1024 * 1024, 8192)
      await handle.close()
      const reads = await Promise.all(Array.from({ length: 6000 }, (_, i) => cache.get(`k-${i}`)))
      expect(logger.lines).toHaveLength(1)
      expect(logger.lines[0]).toMatch(
        /could not be used \(database disk image is malformed\); it was moved aside/
      )
      // The retried batch ran on the fresh file: misses, not garbage and not an error.
      expect(reads.every(r => r === undefined)).toBe(true)
      await cache.set('after', 1)
      expect(await cache.get('after')).toBe(1)
    } finally {
      await cache.close()
    }
    expect(
      (await readdir(dir)).filter(f => /^live\.sqlite\.corrupt-[^-]*-[^-]*-[^-]*T[\d-]*Z$/.test(f))
    ).toHaveLength(1)
  })

  for (const [what, mode, reason] of [
    ['an unreadable file (mode 000)', 0o000, 'unable to open database file'],
    [
      'a read-only file (mode 444, as left by a run under sudo)',
      0o444,
      'attempt to write a readonly database'
    ]
  ] as const) {
    it(`${what} is moved aside with a warning, kept, and a fresh database is made`, async () => {
      const path = join(dir, 'locked.sqlite')
      const before = await SqliteCacheAdapter.open({ path })
      await before.set('old', 'value')
      await before.close()
      await chmod(path, mode)
      const result = await finish(startUnprivileged([path, 'p', '3', 'serial']))
      expect(result.stdout).toBe('committed 0\ncommitted 1\ncommitted 2\ndone\n')
      expect(result.code).toBe(0)
      expect(result.stderr).toContain(
        `The cache database ${path} could not be used (${reason}); it was moved aside to ${path}.corrupt-`
      )
      const aside = (await readdir(dir)).filter(
        f => f.startsWith('locked.sqlite.corrupt-') && !/-(wal|shm)$/.test(f)
      )
      expect(aside).toHaveLength(1)
      expect((await stat(join(dir, aside[0]))).mode & 0o777).toBe(mode)
      const after = await SqliteCacheAdapter.open({ path })
      try {
        expect(await after.get('p-2')).toBe(2)
        expect(await after.get('old')).toBeUndefined()
      } finally {
        await after.close()
      }
      await chmod(join(dir, aside[0]), 0o600)
      const kept = await SqliteCacheAdapter.open({ path: join(dir, aside[0]) })
      try {
        expect(await kept.get('old')).toBe('value')
      } finally {
        await kept.close()
      }
    })
  }

  it('an unreadable file in a directory that does not let it be moved: a clear error, the file untouched', async () => {
    const locked = join(dir, 'locked')
    await mkdir(locked)
    const path = join(locked, 'cache.sqlite')
    await writeFile(path, 'kept as it is')
    await chmod(path, 0o000)
    await chmod(locked, 0o555)
    try {
      const result = await finish(startUnprivileged([path, 'p', '1', 'serial']))
      expect(result.stdout).toMatch(
        /^error SelfHealError: The SQLite cache at .*cache\.sqlite cannot be opened: unable to open database file, and it could not be moved aside \(EACCES: permission denied, rename .*\)\. Check the directory's permissions or choose another path\.$/m
      )
      expect(result.code).toBe(3)
    } finally {
      await chmod(locked, 0o755)
    }
    expect(await readdir(locked)).toEqual(['cache.sqlite'])
    expect((await stat(path)).mode & 0o777).toBe(0)
    await chmod(path, 0o600)
    expect(await readFile(path, 'utf8')).toBe('kept as it is')
  })

  it('on Node.js without node:sqlite (the system Node 20) it fails with a clear, catchable error', async () => {
    const system = '/usr/bin/node'
    if (!existsSync(system)) throw new Error('this test needs the system Node.js 20 at /usr/bin/node')
    const result = await finish(startWriter([join(dir, 'old.sqlite'), 'x', '1', 'probe'], system))
    expect(result.stdout).toMatch(
      /^error CacheUnavailableError: The SQLite cache needs node:sqlite, which Node.js v20\.\d+\.\d+ does not have/
    )
    expect(result.code).toBe(3)
  })
})

describe('SQLite cache from an ncc bundle', () => {
  it('runs its worker from the bundle alone, with no source file or node_modules next to it; @actions/cache loads lazily', async () => {
    const out = await mkdtemp(join(tmpdir(), 'sqlite-bundle-'))
    try {
      const ncc = join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js')
      const entry = join(ROOT, '__tests__/cache/fixtures/sqlite-bundle-entry.ts')
      const build = await finish(
        spawn(process.execPath, [ncc, 'build', entry, '-o', out, '-q'], { cwd: ROOT })
      )
      expect(build.code).toBe(0)
      const env = {
        PATH: process.env.PATH,
        ACTIONS_CACHE_SERVICE_V2: 'true',
        ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/', // nothing listens on the discard port
        ACTIONS_RUNTIME_TOKEN: 'token',
        RUNNER_TEMP: out
      }
      const run = await finish(
        spawn(process.execPath, [join(out, 'index.js'), join(out, 'c.sqlite')], {
          cwd: out,
          env,
          stdio: ['ignore', 'pipe', 'pipe']
        })
      )
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(JSON.parse(run.stdout.replace(/^result /, ''))).toEqual({
        kind: 'sqlite',
        value: { ok: true },
        actions: 'actions-cache',
        missing: null,
        lines: [
          expect.stringMatching(
            /^warning: The cache snapshot could not be restored \(.*ECONNREFUSED.*\): starting with an empty cache\.$/s
          )
        ]
      })
    } finally {
      await rm(out, { recursive: true, force: true })
    }
  }, 180_000) // an ncc build of the cache modules: tens of seconds on a busy 2-core machine
})

describe('defaultCachePath', () => {
  it('follows XDG on Linux, Library/Caches on macOS and LOCALAPPDATA on Windows', () => {
    expect(defaultCachePath({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u')).toBe(
      '/xdg/self-heal/cache.sqlite'
    )
    expect(defaultCachePath({}, 'linux', '/home/u')).toBe('/home/u/.cache/self-heal/cache.sqlite')
    expect(defaultCachePath({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/u')).toBe(
      '/home/u/.cache/self-heal/cache.sqlite'
    )
    expect(defaultCachePath({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Caches/self-heal/cache.sqlite')
    expect(
      defaultCachePath({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u')
    ).toMatch(/self-heal.Cache.cache\.sqlite$/)
  })
})

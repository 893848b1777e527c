/**
 * The Storage port's contract suite: every StorageAdapter (local files, GitHub through the emulator, memory) runs
 * it through its own test file, `storageContract('local', makeHarness)`. The suite talks to the port only; what it
 * cannot do through the port (make a symlink, look outside the root) the harness may offer.
 */
import { describe, expect, it, beforeEach, afterEach } from '@jest/globals'
import type { StorageAdapter } from '../../src/adapters/storage.js'
import { FileNotFoundError, PathOutsideRepositoryError } from '../../src/errors.js'

/** What an implementation's test gives the suite: a fresh adapter over a fresh repository, per test. */
export interface StorageHarness {
  /** The adapter under test, over a repository that may already hold files (the suite never assumes it is empty). */
  adapter: StorageAdapter
  /** Removes everything the harness made. */
  cleanup(): Promise<void>
  /**
   * Makes a symlink at a repository-relative path with the given target text (as `ln -s target path`, or a mode
   * 120000 blob). Required when the suite runs with `{ symlinks: true }`.
   */
  makeSymlink?(path: string, target: string): Promise<void>
  /**
   * Optional: the names of the files in the directory `outside` next to the repository root, which the harness
   * seeds with exactly `secret.txt` (the symlink tests point at `../outside`), to prove nothing was written there.
   */
  listOutside?(): Promise<string[]>
}

/** Which optional parts of the suite apply to an implementation. */
export interface StorageContractOptions {
  /** The implementation can hold symlinks (the harness has `makeSymlink`): run the symlink-escape tests. */
  symlinks?: boolean
}

const REFUSED_PATHS = [
  '../x',
  '../../etc/passwd',
  '/etc/x',
  '/etc/passwd',
  'a/../../x',
  '.git/config',
  '.git/HEAD',
  '.GIT/config',
  'sub/.git/hooks/pre-commit',
  './.git/config',
  'C:\\Windows\\x',
  '..\\x',
  '',
  '.',
  'a\0b'
]

/** Registers the Storage contract tests for one implementation. */
export function storageContract(
  name: string,
  makeHarness: () => Promise<StorageHarness>,
  options: StorageContractOptions = {}
): void {
  describe(`StorageAdapter contract: ${name}`, () => {
    let harness: StorageHarness
    let storage: StorageAdapter

    beforeEach(async () => {
      harness = await makeHarness()
      storage = harness.adapter
    })

    afterEach(async () => {
      await harness.cleanup()
    })

    it('has a kind', () => {
      expect(typeof storage.kind).toBe('string')
      expect(storage.kind.length).toBeGreaterThan(0)
    })

    it('writes and reads text as UTF-8 bytes', async () => {
      const text = 'héllo wörld — ✓ 文件\r\nsecond line without final newline'
      await storage.writeFile('text/hello.txt', text)
      const read = await storage.readFile('text/hello.txt')
      expect(Buffer.isBuffer(read)).toBe(true)
      expect(read.equals(Buffer.from(text, 'utf8'))).toBe(true)
    })

    it('writes and reads binary bytes exactly', async () => {
      const every = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
      const noise = Buffer.alloc(70_000)
      for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24
      const content = Buffer.concat([every, noise, Buffer.from([0, 0, 0xff, 0xfe, 0x0d, 0x0a])])
      await storage.writeFile('bin/data.bin', new Uint8Array(content))
      const read = await storage.readFile('bin/data.bin')
      expect(read.length).toBe(content.length)
      expect(read.equals(content)).toBe(true)
    })

    it('overwrites a file with shorter and longer content', async () => {
      await storage.writeFile('over/file.txt', 'a much longer first version of the file\n')
      await storage.writeFile('over/file.txt', 'short')
      expect((await storage.readFile('over/file.txt')).toString('utf8')).toBe('short')
      await storage.writeFile('over/file.txt', 'x'.repeat(5000))
      expect((await storage.readFile('over/file.txt')).toString('utf8')).toBe('x'.repeat(5000))
    })

    it('writes an empty file', async () => {
      await storage.writeFile('empty/none.txt', '')
      expect(await storage.fileExists('empty/none.txt')).toBe(true)
      expect((await storage.readFile('empty/none.txt')).length).toBe(0)
      expect(await storage.listFiles('empty/**')).toEqual(['empty/none.txt'])
    })

    it('creates missing parent directories', async () => {
      await storage.writeFile('deep/a/b/c/d/e.txt', 'deep')
      expect((await storage.readFile('deep/a/b/c/d/e.txt')).toString()).toBe('deep')
    })

    it('normalises paths: duplicate slashes, `.` segments and inner `..` that stay inside', async () => {
      await storage.writeFile('norm//a/./b.txt', 'n')
      expect(await storage.listFiles('norm/**')).toEqual(['norm/a/b.txt'])
      expect((await storage.readFile('norm/a/b.txt')).toString()).toBe('n')
      expect((await storage.readFile('./norm/x/../a/b.txt')).toString()).toBe('n')
      expect(await storage.fileExists('norm/a/b.txt')).toBe(true)
    })

    it('reports whether a file exists (a directory is not a file)', async () => {
      expect(await storage.fileExists('exists/a.txt')).toBe(false)
      await storage.writeFile('exists/a.txt', 'a')
      expect(await storage.fileExists('exists/a.txt')).toBe(true)
      expect(await storage.fileExists('exists')).toBe(false)
      expect(await storage.fileExists('exists/b.txt')).toBe(false)
    })

    it('raises FileNotFoundError for a missing file, naming it', async () => {
      await expect(storage.readFile('missing/nothing.txt')).rejects.toBeInstanceOf(FileNotFoundError)
      await expect(storage.readFile('missing/nothing.txt')).rejects.toMatchObject({
        path: 'missing/nothing.txt'
      })
      await expect(storage.deleteFile('missing/nothing.txt')).rejects.toBeInstanceOf(FileNotFoundError)
    })

    it('deletes a file', async () => {
      await storage.writeFile('del/a.txt', 'a')
      await storage.writeFile('del/b.txt', 'b')
      await storage.deleteFile('del/a.txt')
      expect(await storage.fileExists('del/a.txt')).toBe(false)
      await expect(storage.readFile('del/a.txt')).rejects.toBeInstanceOf(FileNotFoundError)
      expect(await storage.listFiles('del/**')).toEqual(['del/b.txt'])
      await expect(storage.deleteFile('del/a.txt')).rejects.toBeInstanceOf(FileNotFoundError)
      await storage.deleteFile('del/b.txt')
      expect(await storage.listFiles('del/**')).toEqual([])
    })

    it('lists files sorted, repository-relative, nested, with dotfiles, never inside .git/', async () => {
      const paths = [
        'list/b.txt',
        'list/a/c.txt',
        'list/a/b/d.txt',
        'list/.hidden',
        'list/Z.md',
        'list/a/.env'
      ]
      for (const path of paths) await storage.writeFile(path, path)
      const all = await storage.listFiles()
      expect(all).toEqual([...all].sort())
      for (const path of paths) expect(all).toContain(path)
      expect(all.some(path => path === '.git' || path.startsWith('.git/') || path.includes('/.git/'))).toBe(
        false
      )
      expect(all.every(path => !path.startsWith('/') && !path.startsWith('./') && !path.includes('\\'))).toBe(
        true
      )
      expect(await storage.listFiles('list/**')).toEqual([...paths].sort())
    })

    it('filters by glob', async () => {
      const paths = ['glob/b.txt', 'glob/a/c.txt', 'glob/a/b/d.txt', 'glob/x.md', 'glob/.dot.txt']
      for (const path of paths) await storage.writeFile(path, 'g')
      expect(await storage.listFiles('glob/**/*.txt')).toEqual([
        'glob/.dot.txt',
        'glob/a/b/d.txt',
        'glob/a/c.txt',
        'glob/b.txt'
      ])
      expect(await storage.listFiles('glob/*.txt')).toEqual(['glob/.dot.txt', 'glob/b.txt'])
      expect(await storage.listFiles('glob/a/*')).toEqual(['glob/a/c.txt'])
      expect(await storage.listFiles('glob/*.md')).toEqual(['glob/x.md'])
      expect(await storage.listFiles('glob/**/*.{md,txt}')).toHaveLength(5)
      expect(await storage.listFiles('glob/nothing/**')).toEqual([])
    })

    it('handles unicode and space-containing paths', async () => {
      const path = 'uni code/dïr with spaces/ünï cødé 文件 (1).txt'
      await storage.writeFile(path, 'u')
      expect(await storage.fileExists(path)).toBe(true)
      expect((await storage.readFile(path)).toString()).toBe('u')
      expect(await storage.listFiles('uni code/**')).toEqual([path])
      await storage.deleteFile(path)
      expect(await storage.fileExists(path)).toBe(false)
    })

    it.each(REFUSED_PATHS)(
      'refuses %j with PathOutsideRepositoryError and reads or writes nothing',
      async bad => {
        const before = await storage.listFiles()
        await expect(storage.readFile(bad)).rejects.toBeInstanceOf(PathOutsideRepositoryError)
        await expect(storage.writeFile(bad, 'pwned')).rejects.toBeInstanceOf(PathOutsideRepositoryError)
        await expect(storage.fileExists(bad)).rejects.toBeInstanceOf(PathOutsideRepositoryError)
        await expect(storage.deleteFile(bad)).rejects.toBeInstanceOf(PathOutsideRepositoryError)
        expect(await storage.listFiles()).toEqual(before)
      }
    )

    it.each(['../*', '../**', '/etc/*', '.git/**', '**/.git/**', 'a/../../*'])(
      'refuses the glob %j',
      async glob => {
        await expect(storage.listFiles(glob)).rejects.toBeInstanceOf(PathOutsideRepositoryError)
      }
    )

    it('never shows a half-written file to a concurrent reader (atomic overwrite)', async () => {
      const size = 4 * 1024 * 1024
      const first = Buffer.alloc(size, 0x61)
      const second = Buffer.alloc(size, 0x62)
      await storage.writeFile('atomic/big.bin', first)
      let writing = true
      const torn: string[] = []
      let reads = 0
      const reader = (async () => {
        while (writing || reads < 3) {
          const read = await storage.readFile('atomic/big.bin')
          reads++
          const whole = read.length === size && (read.equals(first) || read.equals(second))
          if (!whole)
            torn.push(`read ${reads}: ${read.length} bytes, starts ${read.subarray(0, 1).toString('hex')}`)
        }
      })()
      try {
        for (let i = 0; i < 6; i++) await storage.writeFile('atomic/big.bin', i % 2 === 0 ? second : first)
      } finally {
        writing = false
      }
      await reader
      expect(torn).toEqual([])
      expect(reads).toBeGreaterThan(0)
      expect((await storage.readFile('atomic/big.bin')).equals(first)).toBe(true)
    })

    it('keeps concurrent writes to different files apart', async () => {
      const paths = Array.from({ length: 20 }, (_, i) => `conc/f${String(i).padStart(2, '0')}.txt`)
      await Promise.all(paths.map(path => storage.writeFile(path, `content of ${path}`)))
      expect(await storage.listFiles('conc/**')).toEqual(paths)
      for (const path of paths) expect((await storage.readFile(path)).toString()).toBe(`content of ${path}`)
    })

    const symlinkTests = options.symlinks ? describe : () => undefined
    const link = (path: string, target: string): Promise<void> => {
      if (!harness.makeSymlink)
        throw new Error('The harness runs with { symlinks: true } but has no makeSymlink')
      return harness.makeSymlink(path, target)
    }

    symlinkTests('symlinks', () => {
      it('follows a symlink that stays inside the repository', async () => {
        await storage.writeFile('links/target.txt', 'inside')
        await link('links/inside-link', 'target.txt')
        expect((await storage.readFile('links/inside-link')).toString()).toBe('inside')
        expect(await storage.fileExists('links/inside-link')).toBe(true)
      })

      it('refuses a symlink to a file outside the repository, reading nothing', async () => {
        await link('links/out-file', '../../outside/secret.txt')
        await expect(storage.readFile('links/out-file')).rejects.toBeInstanceOf(PathOutsideRepositoryError)
        await expect(storage.writeFile('links/out-file', 'pwned')).rejects.toBeInstanceOf(
          PathOutsideRepositoryError
        )
        expect(await storage.fileExists('links/out-file')).toBe(false)
        expect(await storage.listFiles('links/**')).not.toContain('links/out-file')
        if (harness.listOutside) expect(await harness.listOutside()).toEqual(['secret.txt'])
      })

      it('refuses a path through a symlinked directory that leads outside, writing nothing', async () => {
        await link('escape', '../outside')
        await expect(storage.readFile('escape/secret.txt')).rejects.toBeInstanceOf(PathOutsideRepositoryError)
        await expect(storage.writeFile('escape/new.txt', 'pwned')).rejects.toBeInstanceOf(
          PathOutsideRepositoryError
        )
        await expect(storage.writeFile('escape/sub/new.txt', 'pwned')).rejects.toBeInstanceOf(
          PathOutsideRepositoryError
        )
        await expect(storage.deleteFile('escape/secret.txt')).rejects.toBeInstanceOf(
          PathOutsideRepositoryError
        )
        expect(await storage.listFiles()).not.toContain('escape/secret.txt')
        if (harness.listOutside) expect(await harness.listOutside()).toEqual(['secret.txt'])
      })
    })
  })
}

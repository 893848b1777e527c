/** GitHubStorageAdapter through the emulator: binary-safe reads and writes, listing, path rules, and 409s. */
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { GitHubStorageAdapter } from '../../src/adapters/github/storage.js'
import { FileNotFoundError, PathOutsideRepositoryError, RefNotFoundError } from '../../src/errors.js'
import { git, makeTempDir, makeTempRepo } from '../helpers/git.js'
import { headOf, serve } from './support.js'
import { checkPolicy } from '../../src/heal/policy.js'
import { BaseFiles, remotePolicyContext } from '../../src/heal/policy-context.js'

async function pushFrom(bare: string, files: Record<string, string | null>): Promise<string> {
  const dir = await makeTempDir('self-heal-pusher-')
  try {
    await git(dir.path, 'clone', '-q', '--', bare, 'w')
    const work = join(dir.path, 'w')
    for (const [path, content] of Object.entries(files)) {
      if (content === null) await rm(join(work, path))
      else await writeFile(join(work, path), content)
    }
    await git(work, 'add', '-A')
    await git(work, 'commit', '-q', '-m', 'concurrent')
    await git(work, 'push', '-q', 'origin', 'HEAD:refs/heads/main')
    return await git(work, 'rev-parse', 'HEAD')
  } finally {
    await dir.cleanup()
  }
}

describe('GitHubStorageAdapter', () => {
  it('reads, writes, lists and deletes, binary-safe', async () => {
    const repo = await makeTempRepo({
      'README.md': '# r\n',
      'src/a.ts': 'a\n',
      'src/deep/b.ts': 'b\n',
      '.github/w.yml': 'w\n'
    })
    const served = await serve(repo.path)
    try {
      const storage = new GitHubStorageAdapter(served.client)
      expect((await storage.readFile('src/a.ts')).toString()).toBe('a\n')
      const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
      await storage.writeFile('bin/all-bytes.bin', bytes)
      expect((await storage.readFile('bin/all-bytes.bin')).equals(bytes)).toBe(true)
      await storage.writeFile('src/a.ts', 'changed\r\n')
      expect((await storage.readFile('./src/a.ts')).toString()).toBe('changed\r\n')
      expect(await git(served.bare, 'show', 'main:src/a.ts')).toBe('changed\r')
      expect(await storage.fileExists('src/a.ts')).toBe(true)
      expect(await storage.fileExists('src')).toBe(false)
      expect(await storage.fileExists('nope.txt')).toBe(false)
      expect(await storage.listFiles()).toEqual([
        '.github/w.yml',
        'README.md',
        'bin/all-bytes.bin',
        'src/a.ts',
        'src/deep/b.ts'
      ])
      expect(await storage.listFiles('src/**/*.ts')).toEqual(['src/a.ts', 'src/deep/b.ts'])
      expect(await storage.listFiles('**/*.yml')).toEqual(['.github/w.yml'])
      await storage.deleteFile('src/deep/b.ts')
      expect(await storage.fileExists('src/deep/b.ts')).toBe(false)
      await expect(storage.deleteFile('src/deep/b.ts')).rejects.toBeInstanceOf(FileNotFoundError)
      await expect(storage.readFile('missing.txt')).rejects.toBeInstanceOf(FileNotFoundError)
      await expect(storage.readFile('src')).rejects.toBeInstanceOf(FileNotFoundError)
      await git(served.bare, 'fsck', '--strict')
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('works on a branch of its own, leaving the default branch alone', async () => {
    const repo = await makeTempRepo({ 'a.txt': 'a\n' })
    await git(repo.path, 'branch', 'self-heal/store')
    const served = await serve(repo.path)
    try {
      const main = await headOf(served.bare, 'main')
      const storage = new GitHubStorageAdapter(served.client, { branch: 'self-heal/store' })
      await storage.writeFile('dir/b.txt', 'b\n')
      expect(await storage.listFiles()).toEqual(['a.txt', 'dir/b.txt'])
      expect((await storage.readFile('dir/b.txt')).toString()).toBe('b\n')
      expect(await headOf(served.bare, 'main')).toBe(main)
      expect(await git(served.bare, 'show', 'self-heal/store:dir/b.txt')).toBe('b')
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('reads a file over 1 MB through the blobs API', async () => {
    const big = Buffer.alloc(1536 * 1024, 'x')
    const repo = await makeTempRepo({ 'big.txt': big })
    const served = await serve(repo.path)
    try {
      const storage = new GitHubStorageAdapter(served.client)
      expect((await storage.readFile('big.txt')).equals(big)).toBe(true)
      expect(served.emulator.stats().operations['git/get-blob']?.reads).toBe(1)
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('refuses paths outside the repository before any request', async () => {
    const repo = await makeTempRepo()
    const served = await serve(repo.path)
    try {
      const storage = new GitHubStorageAdapter(served.client)
      served.emulator.resetStats()
      for (const path of ['../x', '/etc/x', '.git/config', 'a/../../x']) {
        await expect(storage.readFile(path)).rejects.toBeInstanceOf(PathOutsideRepositoryError)
        await expect(storage.writeFile(path, 'x')).rejects.toBeInstanceOf(PathOutsideRepositoryError)
        await expect(storage.deleteFile(path)).rejects.toThrow(path)
      }
      await expect(storage.listFiles('../**')).rejects.toBeInstanceOf(PathOutsideRepositoryError)
      expect(served.emulator.stats().totals.reads + served.emulator.stats().totals.writes).toBe(0)
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('retries a write whose sha went stale (409 and a concurrent commit) with a fresh sha', async () => {
    const repo = await makeTempRepo({ 'f.txt': 'one\n', 'g.txt': 'g\n' })
    const served = await serve(repo.path)
    try {
      const storage = new GitHubStorageAdapter(served.client)
      served.emulator.failNext({ operationId: 'repos/create-or-update-file-contents' }, { status: 409 })
      await storage.writeFile('f.txt', 'two\n')
      expect(await git(served.bare, 'show', 'main:f.txt')).toBe('two')

      let pushed = ''
      served.emulator.onNextRequest({ operationId: 'repos/create-or-update-file-contents' }, async () => {
        pushed = await pushFrom(served.bare, { 'f.txt': 'someone else\n' })
      })
      await storage.writeFile('f.txt', 'three\n')
      expect(await git(served.bare, 'show', 'main:f.txt')).toBe('three')
      expect(await git(served.bare, 'rev-parse', 'main^')).toBe(pushed)
      await git(served.bare, 'fsck', '--strict')
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('takes a branch that already is as asked (an earlier attempt landed, its answer lost) as done', async () => {
    const repo = await makeTempRepo({ 'f.txt': 'one\n', 'g.txt': 'g\n' })
    const served = await serve(repo.path)
    try {
      const storage = new GitHubStorageAdapter(served.client)
      // The same change lands just before our request: our request then meets a stale sha.
      served.emulator.onNextRequest({ operationId: 'repos/create-or-update-file-contents' }, async () => {
        await pushFrom(served.bare, { 'f.txt': 'two\n' })
      })
      await storage.writeFile('f.txt', 'two\n')
      served.emulator.onNextRequest({ operationId: 'repos/delete-file' }, async () => {
        await pushFrom(served.bare, { 'g.txt': null })
      })
      await storage.deleteFile('g.txt')
      expect(await git(served.bare, 'show', 'main:f.txt')).toBe('two')
      expect(await storage.fileExists('g.txt')).toBe(false)
      expect(await git(served.bare, 'rev-list', '--count', 'main')).toBe('3')
      await git(served.bare, 'fsck', '--strict')
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('gives up after a bounded number of stale-sha retries, leaving the branch as it was', async () => {
    const repo = await makeTempRepo({ 'f.txt': 'one\n' })
    const served = await serve(repo.path)
    try {
      const storage = new GitHubStorageAdapter(served.client, { maxWriteAttempts: 2 })
      const before = await headOf(served.bare, 'main')
      served.emulator.failNext({ operationId: 'repos/create-or-update-file-contents' }, { status: 409 }, 5)
      await expect(storage.writeFile('f.txt', 'two\n')).rejects.toThrow(/2 attempts/)
      expect(await headOf(served.bare, 'main')).toBe(before)
    } finally {
      served.emulator.clearFaults()
      await served.close()
      await repo.cleanup()
    }
  })

  it('lists every file when GitHub truncates the recursive tree', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 40; i++) files[`d${i % 4}/sub${i % 2}/f${i}.txt`] = `${i}\n`
    const repo = await makeTempRepo(files)
    const served = await serve(repo.path, { treeTruncateAt: 10 })
    try {
      const listed = await new GitHubStorageAdapter(served.client).listFiles()
      expect(listed).toEqual(Object.keys(files).sort())
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })
  it('reads a commit, read-only: the base a fix is policed against, after the branch moved on', async () => {
    const repo = await makeTempRepo({
      'package.json': '{\n  "scripts": {\n    "test": "bash scripts/check.sh"\n  }\n}\n',
      'scripts/check.sh': '#!/bin/bash\nnode test.js\n'
    })
    const served = await serve(repo.path)
    try {
      const base = await headOf(served.bare, 'main')
      // The branch moves on after the fix was made: the base is still the commit it was made against.
      await pushFrom(served.bare, { 'scripts/check.sh': '#!/bin/bash\nnode other.js\n' })
      const storage = new GitHubStorageAdapter(served.client, { commit: base })
      expect((await storage.readFile('scripts/check.sh')).toString()).toBe('#!/bin/bash\nnode test.js\n')
      expect(await storage.listFiles()).toEqual(['package.json', 'scripts/check.sh'])
      await expect(storage.writeFile('a.txt', 'a\n')).rejects.toThrow(/cannot be written to/)
      await expect(storage.deleteFile('package.json')).rejects.toThrow(/cannot be written to/)
      expect(() => new GitHubStorageAdapter(served.client, { commit: 'main' })).toThrow(
        /not a commit's full sha/
      )
      // A commit the repository does not have is said, not read as a base with no files.
      const unknown = new GitHubStorageAdapter(served.client, { commit: 'e'.repeat(40) })
      await expect(unknown.readFile('package.json')).rejects.toBeInstanceOf(RefNotFoundError)

      // `npm test` is followed through the base package.json to the script, which a fix may then not change.
      const diff =
        'diff --git a/package.json b/package.json\n--- a/package.json\n+++ b/package.json\n' +
        '@@ -1,4 +1,5 @@\n {\n+  "private": true,\n   "scripts": {\n     "test": "bash scripts/check.sh"\n   }\n' +
        'diff --git a/scripts/check.sh b/scripts/check.sh\n--- a/scripts/check.sh\n+++ b/scripts/check.sh\n' +
        '@@ -1,2 +1,2 @@\n #!/bin/bash\n-node test.js\n+exit 0\n' +
        'diff --git a/gone.txt b/gone.txt\ndeleted file mode 100644\n--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n'
      const context = await remotePolicyContext(diff, new BaseFiles(storage), {
        check: 'npm test',
        kind: 'test'
      })
      expect(context.readBase!('gone.txt')).toBeUndefined()
      const verdict = checkPolicy(diff, { allowDeletions: true }, context)
      expect(verdict.violations.map(v => [v.rule, v.file])).toEqual([['check-config', 'scripts/check.sh']])
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })
})

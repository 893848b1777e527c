/** The local Storage adapter: the contract over a real temp git repository, plus what only a disk can show. */
import { describe, expect, it, afterEach } from '@jest/globals'
import { chmod, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { LocalStorageAdapter } from '../../src/adapters/local/storage.js'
import { InvalidInputError, PathOutsideRepositoryError } from '../../src/errors.js'
import { git, makeTempDir, type TempDir } from '../helpers/git.js'
import { storageContract, type StorageHarness } from '../contracts/storage-contract.js'

/** A temp directory holding `repo/` (a git repository) and `outside/secret.txt` next to it. */
async function makeLayout(): Promise<{ dir: TempDir; root: string; outside: string }> {
  const dir = await makeTempDir('self-heal-storage-')
  const root = join(dir.path, 'repo')
  const outside = join(dir.path, 'outside')
  await mkdir(outside)
  await writeFile(join(outside, 'secret.txt'), 'top secret')
  await mkdir(join(root, 'src'), { recursive: true })
  await writeFile(join(root, 'README.md'), '# test\n')
  await writeFile(join(root, 'src/index.ts'), 'export {}\n')
  await git(root, 'init', '-q', '-b', 'main')
  await git(root, 'add', '-A')
  await git(root, 'commit', '-q', '-m', 'initial')
  return { dir, root, outside }
}

async function makeHarness(): Promise<StorageHarness> {
  const { dir, root, outside } = await makeLayout()
  return {
    adapter: await LocalStorageAdapter.create(root),
    cleanup: () => dir.cleanup(),
    makeSymlink: async (path, target) => {
      await mkdir(dirname(join(root, path)), { recursive: true })
      await symlink(target, join(root, path))
    },
    listOutside: async () => (await readdir(outside)).sort()
  }
}

storageContract('local', makeHarness, { symlinks: true })

describe('LocalStorageAdapter on disk', () => {
  let layout: Awaited<ReturnType<typeof makeLayout>> | undefined
  afterEach(async () => {
    await layout?.dir.cleanup()
    layout = undefined
  })

  it('refuses a root that does not exist or is a file', async () => {
    layout = await makeLayout()
    await expect(LocalStorageAdapter.create(join(layout.root, 'nope'))).rejects.toBeInstanceOf(
      InvalidInputError
    )
    await expect(LocalStorageAdapter.create(join(layout.root, 'README.md'))).rejects.toThrow(
      /not a directory/
    )
  })

  it('never lists .git and reads nothing from it, even through a symlink', async () => {
    layout = await makeLayout()
    const storage = await LocalStorageAdapter.create(layout.root)
    expect(await storage.listFiles()).toEqual(['README.md', 'src/index.ts'])
    await symlink('.git/config', join(layout.root, 'config-link'))
    await symlink('.git', join(layout.root, 'git-dir'))
    await expect(storage.readFile('config-link')).rejects.toBeInstanceOf(PathOutsideRepositoryError)
    await expect(storage.readFile('git-dir/HEAD')).rejects.toBeInstanceOf(PathOutsideRepositoryError)
    await expect(storage.writeFile('git-dir/hooks/pre-commit', 'x')).rejects.toBeInstanceOf(
      PathOutsideRepositoryError
    )
    expect(await storage.listFiles()).toEqual(['README.md', 'src/index.ts'])
  })

  it('refuses an absolute symlink outside, a dangling one outside, and a symlink loop', async () => {
    layout = await makeLayout()
    const storage = await LocalStorageAdapter.create(layout.root)
    await symlink(join(layout.outside, 'secret.txt'), join(layout.root, 'abs-link'))
    await symlink('../outside/not-yet.txt', join(layout.root, 'dangling-out'))
    await symlink('loop-b', join(layout.root, 'loop-a'))
    await symlink('loop-a', join(layout.root, 'loop-b'))
    await expect(storage.readFile('abs-link')).rejects.toBeInstanceOf(PathOutsideRepositoryError)
    await expect(storage.writeFile('dangling-out', 'created?')).rejects.toBeInstanceOf(
      PathOutsideRepositoryError
    )
    await expect(storage.readFile('loop-a')).rejects.toThrow(/too many levels of symlinks/)
    expect((await readdir(layout.outside)).sort()).toEqual(['secret.txt'])
    expect(await readFile(join(layout.outside, 'secret.txt'), 'utf8')).toBe('top secret')
  })

  it('writes through a symlink inside to its target and deletes the link itself', async () => {
    layout = await makeLayout()
    const storage = await LocalStorageAdapter.create(layout.root)
    await symlink('README.md', join(layout.root, 'readme-link'))
    await symlink('src', join(layout.root, 'src-link'))
    await storage.writeFile('readme-link', 'through the link')
    expect(await readFile(join(layout.root, 'README.md'), 'utf8')).toBe('through the link')
    expect((await storage.readFile('src-link/index.ts')).toString()).toBe('export {}\n')
    // A symlinked directory is not walked (git stores the link, not the files behind it).
    expect(await storage.listFiles()).toEqual(['README.md', 'readme-link', 'src/index.ts'])
    expect(await storage.listFiles('src-link/**')).toEqual([])
    await storage.deleteFile('readme-link')
    expect(await storage.fileExists('README.md')).toBe(true)
    expect(await storage.fileExists('readme-link')).toBe(false)
  })

  it('keeps the mode of an executable file it overwrites and leaves no temp file behind', async () => {
    layout = await makeLayout()
    const storage = await LocalStorageAdapter.create(layout.root)
    await storage.writeFile('bin/run.sh', '#!/bin/sh\necho one\n')
    await chmod(join(layout.root, 'bin/run.sh'), 0o755)
    await storage.writeFile('bin/run.sh', '#!/bin/sh\necho two\n')
    expect((await stat(join(layout.root, 'bin/run.sh'))).mode & 0o777).toBe(0o755)
    expect(await readdir(join(layout.root, 'bin'))).toEqual(['run.sh'])
  })

  it('says what is wrong when a parent is a file or the target is a directory, and changes nothing', async () => {
    layout = await makeLayout()
    const storage = await LocalStorageAdapter.create(layout.root)
    await expect(storage.writeFile('README.md/child.txt', 'x')).rejects.toThrow(/parent of it is a file/)
    await expect(storage.writeFile('src', 'x')).rejects.toThrow(/it is a directory/)
    expect(await readFile(join(layout.root, 'README.md'), 'utf8')).toBe('# test\n')
    expect(await readdir(join(layout.root, 'src'))).toEqual(['index.ts'])
  })

  it('lists a literal file name and an empty glob is a clear error', async () => {
    layout = await makeLayout()
    const storage = await LocalStorageAdapter.create(layout.root)
    expect(await storage.listFiles('README.md')).toEqual(['README.md'])
    expect(await storage.listFiles('./src/*.ts')).toEqual(['src/index.ts'])
    await expect(storage.listFiles('')).rejects.toThrow(/glob is empty/)
  })

  it('lists what git would hold: ignored files left out (unless asked), deleted ones gone, untracked ones in', async () => {
    layout = await makeLayout()
    await writeFile(join(layout.root, '.gitignore'), 'dist/\n*.log\n')
    await mkdir(join(layout.root, 'dist'))
    await writeFile(join(layout.root, 'dist/bundle.js'), 'built')
    await writeFile(join(layout.root, 'debug.log'), 'log')
    await writeFile(join(layout.root, 'new.txt'), 'untracked')
    const { rm } = await import('node:fs/promises')
    await rm(join(layout.root, 'src/index.ts'))
    const storage = await LocalStorageAdapter.create(layout.root)
    expect(await storage.listFiles()).toEqual(['.gitignore', 'README.md', 'new.txt'])
    expect((await storage.readFile('dist/bundle.js')).toString()).toBe('built')
    const everything = await LocalStorageAdapter.create(layout.root, { includeIgnored: true })
    expect(await everything.listFiles()).toEqual([
      '.gitignore',
      'README.md',
      'debug.log',
      'dist/bundle.js',
      'new.txt'
    ])
    expect(await everything.listFiles('*.log')).toEqual(['debug.log'])
  })

  it('lists every file of a directory that is not a git work tree', async () => {
    const plain = await makeTempDir('self-heal-plain-')
    try {
      await writeFile(join(plain.path, 'a.log'), 'a')
      await mkdir(join(plain.path, 'node_modules/x'), { recursive: true })
      await writeFile(join(plain.path, 'node_modules/x/index.js'), 'x')
      const storage = await LocalStorageAdapter.create(plain.path)
      expect(await storage.listFiles()).toEqual(['a.log', 'node_modules/x/index.js'])
    } finally {
      await plain.cleanup()
    }
  })
})

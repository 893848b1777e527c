/**
 * The diff corpus: each case builds a real repository, changes its work tree, and records the diff
 * `git diff --cached --binary -M` makes and the tree git stages. Shared by the diff tests and the adapter tests.
 */
import { chmod, mkdir, rm, symlink, unlink, writeFile, readFile, rename } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { git, makeTempDir, type TempDir } from '../helpers/git.js'
import { execFile } from 'node:child_process'

/** A base file: content (a string is UTF-8), optional mode, or a symlink target, or a submodule commit. */
export type BaseFile =
  string | Buffer | { content: string | Buffer; mode: '100755' } | { symlink: string } | { gitlink: string }

/** One corpus case. */
export interface CorpusCase {
  /** Name. */
  name: string
  /** The base tree. */
  base: Record<string, BaseFile>
  /** Changes the work tree (`dir`) and/or the index. */
  change(dir: string): Promise<void>
  /** Extra `git diff` options (e.g. copy detection). */
  diffOptions?: string[]
  /** false when `change` stages by itself (`git add -A` would drop gitlinks without a checkout). */
  stage?: false
}

/** A built case. */
export interface BuiltCase {
  /** The repository (work tree at the base commit's parent state plus the change, staged). */
  repo: TempDir
  /** The base commit. */
  base: string
  /** The diff. */
  diff: Buffer
  /** The tree git staged for the change (what `git apply` must also give). */
  expectedTree: string
}

async function put(dir: string, path: string, file: BaseFile): Promise<void> {
  const full = join(dir, path)
  await mkdir(dirname(full), { recursive: true })
  await rm(full, { force: true })
  if (typeof file === 'string' || Buffer.isBuffer(file)) return writeFile(full, file)
  if ('symlink' in file) return symlink(file.symlink, full)
  if ('gitlink' in file) return
  await writeFile(full, file.content)
  await chmod(full, 0o755)
}

/** Pseudo-random bytes from a seed (deterministic binary fixtures). */
export function noise(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size)
  let x = seed * 2654435761
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    out[i] = x >>> 24
  }
  return out
}

/** Makes a repository on `main` whose one commit holds `files`; returns it and the commit. */
export async function makeBaseRepo(
  files: Record<string, BaseFile>
): Promise<{ repo: TempDir; base: string }> {
  const repo = await makeTempDir('self-heal-corpus-')
  const dir = repo.path
  await git(dir, 'init', '-q', '-b', 'main')
  await git(dir, 'config', 'core.autocrlf', 'false')
  await git(dir, 'config', 'core.symlinks', 'true')
  for (const [path, file] of Object.entries(files)) await put(dir, path, file)
  await git(dir, 'add', '-A')
  for (const [path, file] of Object.entries(files)) {
    if (typeof file === 'object' && !Buffer.isBuffer(file) && 'gitlink' in file) {
      await git(dir, 'update-index', '--add', '--cacheinfo', `160000,${file.gitlink},${path}`)
    }
  }
  await git(dir, 'commit', '-q', '--allow-empty', '-m', 'base')
  return { repo, base: await git(dir, 'rev-parse', 'HEAD') }
}

/** The diff `git diff --cached --binary -M` makes of the staged work tree against HEAD. */
export function stagedDiff(dir: string, options: string[] = []): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) =>
    execFile(
      'git',
      ['diff', '--cached', '--binary', '-M', ...options, 'HEAD'],
      {
        cwd: dir,
        encoding: 'buffer',
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' }
      },
      (error, stdout) => (error ? reject(error) : resolve(stdout))
    )
  )
}

/** Builds a case: base commit, change, staged diff and tree. */
export async function buildCase(c: CorpusCase): Promise<BuiltCase> {
  const { repo, base } = await makeBaseRepo(c.base)
  const dir = repo.path
  await c.change(dir)
  if (c.stage !== false) await git(dir, 'add', '-A')
  const raw = await stagedDiff(dir, c.diffOptions)
  const expectedTree = await git(dir, 'write-tree')
  return { repo, base, diff: raw, expectedTree }
}

const lines = (n: number, prefix = 'line') =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join('')
const SUB_A = '1'.repeat(40)
const SUB_B = '2'.repeat(40)

/** Every case of the corpus. */
export const CORPUS: CorpusCase[] = [
  {
    name: 'text edits in several hunks',
    base: { 'src/a.txt': lines(60), 'b.txt': 'one\ntwo\n' },
    change: async d => {
      const text = (await readFile(join(d, 'src/a.txt'), 'utf8'))
        .replace('line 3\n', 'LINE 3\n')
        .replace('line 40\n', '')
        .replace('line 58\n', 'line 58\nextra\n')
      await writeFile(join(d, 'src/a.txt'), text)
      await writeFile(join(d, 'b.txt'), 'zero\none\ntwo\n')
    }
  },
  {
    name: 'new and deleted files, empty files',
    base: { 'gone.txt': 'bye\n', 'empty-gone': '', 'keep/x.txt': 'x\n' },
    change: async d => {
      await unlink(join(d, 'gone.txt'))
      await unlink(join(d, 'empty-gone'))
      await mkdir(join(d, 'new/deep'), { recursive: true })
      await writeFile(join(d, 'new/deep/file.txt'), 'hello\n')
      await writeFile(join(d, 'new/empty'), '')
    }
  },
  {
    name: 'renames with and without edits',
    base: { 'old/name.txt': lines(20), 'moved.txt': lines(10, 'm') },
    change: async d => {
      await mkdir(join(d, 'renamed'), { recursive: true })
      const text = await readFile(join(d, 'old/name.txt'), 'utf8')
      await unlink(join(d, 'old/name.txt'))
      await writeFile(join(d, 'renamed/name.txt'), text.replace('line 10\n', 'line ten\n'))
      await rename(join(d, 'moved.txt'), join(d, 'renamed/moved.txt'))
    }
  },
  {
    name: 'copies',
    base: { 'orig.txt': lines(30) },
    diffOptions: ['-C', '--find-copies-harder'],
    change: async d => {
      const text = await readFile(join(d, 'orig.txt'), 'utf8')
      await writeFile(join(d, 'copy.txt'), text.replace('line 5\n', 'line five\n'))
    }
  },
  {
    name: 'mode changes',
    base: {
      'run.sh': '#!/bin/sh\necho hi\n',
      'tool.sh': { content: '#!/bin/sh\n', mode: '100755' },
      'both.sh': 'echo a\n'
    },
    change: async d => {
      await chmod(join(d, 'run.sh'), 0o755)
      await chmod(join(d, 'tool.sh'), 0o644)
      await writeFile(join(d, 'both.sh'), 'echo b\n')
      await chmod(join(d, 'both.sh'), 0o755)
    }
  },
  {
    name: 'symlinks',
    base: { 'target.txt': 't\n', link: { symlink: 'target.txt' }, 'becomes-link': 'was a file\n' },
    change: async d => {
      await unlink(join(d, 'link'))
      await symlink('other/target.txt', join(d, 'link'))
      await symlink('target.txt', join(d, 'new-link'))
      await unlink(join(d, 'becomes-link'))
      await symlink('target.txt', join(d, 'becomes-link'))
    }
  },
  {
    name: 'binary files: literal, delta and deletion',
    base: {
      'img.bin': noise(20000, 1),
      'old.bin': noise(300, 2),
      'small.bin': Buffer.from([0, 1, 2, 3, 0, 255])
    },
    change: async d => {
      const img = noise(20000, 1)
      img.fill(7, 1000, 1100)
      await writeFile(join(d, 'img.bin'), Buffer.concat([img, Buffer.from([0, 0, 1])]))
      await unlink(join(d, 'old.bin'))
      await writeFile(join(d, 'new.bin'), deflateSync(noise(5000, 3)))
      await writeFile(join(d, 'small.bin'), Buffer.from([0, 9, 9, 9]))
    }
  },
  {
    name: 'no final newline',
    base: { 'a.txt': 'one\ntwo', 'b.txt': 'one\ntwo\n', 'c.txt': 'x' },
    change: async d => {
      await writeFile(join(d, 'a.txt'), 'one\ntwo\nthree\n')
      await writeFile(join(d, 'b.txt'), 'one\ntwo')
      await writeFile(join(d, 'c.txt'), 'y')
      await writeFile(join(d, 'd.txt'), 'no newline')
    }
  },
  {
    name: 'CRLF content',
    base: { 'win.txt': 'a\r\nb\r\nc\r\n', 'mixed.txt': 'a\nb\r\nc\n' },
    change: async d => {
      await writeFile(join(d, 'win.txt'), 'a\r\nB\r\nc\r\nd\r\n')
      await writeFile(join(d, 'mixed.txt'), 'a\r\nb\r\nc\n')
      await writeFile(join(d, 'new-crlf.txt'), 'x\r\ny')
    }
  },
  {
    name: 'unicode, space and tab in paths',
    base: { 'café/naïve.txt': 'x\n', 'with space/file name.txt': lines(12, 'y'), 'quote"d.txt': 'q\n' },
    change: async d => {
      await writeFile(join(d, 'café/naïve.txt'), 'x\nmore\n')
      await writeFile(join(d, 'with space/file name.txt'), lines(12, 'y') + 'more\n')
      await writeFile(join(d, 'quote"d.txt'), 'q\nmore\n')
      await writeFile(join(d, 'tab\there.txt'), 'tab\n')
      await mkdir(join(d, '日本'), { recursive: true })
      await writeFile(join(d, '日本/語 file.txt'), 'ja\n')
      await rename(join(d, 'with space/file name.txt'), join(d, 'with space/renamed name.txt'))
    }
  },
  {
    name: 'non-UTF-8 text',
    base: { 'latin1.txt': Buffer.from('caf\xe9\nline\n', 'latin1') },
    change: async d => {
      await writeFile(join(d, 'latin1.txt'), Buffer.from('caf\xe9\nligne \xe0\n', 'latin1'))
    }
  },
  {
    name: 'submodules',
    base: { 'lib/sub': { gitlink: SUB_A }, 'gone-sub': { gitlink: SUB_A }, 'README.md': 'r\n' },
    change: async d => {
      await git(d, 'update-index', '--cacheinfo', `160000,${SUB_B},lib/sub`)
      await git(d, 'update-index', '--add', '--cacheinfo', `160000,${SUB_A},new-sub`)
      await git(d, 'update-index', '--add', '--cacheinfo', `160000,${SUB_B},other/sub`)
      await git(d, 'update-index', '--force-remove', 'gone-sub')
    },
    stage: false
  },
  {
    name: 'complete rewrite (-B) and rename with a mode change',
    base: { 'rewrite.txt': lines(20, 'old'), 'script.txt': lines(15, 's') },
    diffOptions: ['-B'],
    change: async d => {
      await writeFile(join(d, 'rewrite.txt'), lines(20, 'brand new'))
      await rename(join(d, 'script.txt'), join(d, 'script.sh'))
      await chmod(join(d, 'script.sh'), 0o755)
    }
  },
  {
    name: 'file becomes directory',
    base: { thing: 'file\n', 'other.txt': 'o\n' },
    change: async d => {
      await unlink(join(d, 'thing'))
      await mkdir(join(d, 'thing'))
      await writeFile(join(d, 'thing/inside.txt'), 'now a dir\n')
    }
  }
]

/**
 * The diff corpus shared by every Git adapter's tests: each case is a real repository change, diffed with
 * `git diff --binary`, and the tree `git apply` produces from that diff is the expected result.
 */
import { chmod, mkdir, rm, symlink, writeFile, rename } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { git, makeTempRepo, type TempDir } from './git.js'

/** One change to make in a work tree. */
export type Change =
  | { op: 'write'; path: string; content: string | Buffer; mode?: 0o644 | 0o755 }
  | { op: 'delete'; path: string }
  | { op: 'rename'; from: string; to: string }
  | { op: 'chmod'; path: string; mode: 0o644 | 0o755 }
  | { op: 'symlink'; path: string; target: string }

/** A named corpus case: the files before and the changes. */
export interface CorpusCase {
  /** Name shown by the test. */
  name: string
  /** Files of the base commit. */
  base: Record<string, string | Buffer>
  /** Executable files of the base commit. */
  executable?: string[]
  /** Symlinks of the base commit (path → target). */
  symlinks?: Record<string, string>
  /** What the case changes. */
  changes: Change[]
}

function bytes(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n)
  let x = seed
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff
    out[i] = x >> 16
  }
  return out
}

const lines = (n: number, tag = 'line') =>
  Array.from({ length: n }, (_, i) => `${tag} ${i + 1}`).join('\n') + '\n'

/** The corpus the issues name: text edits, new/deleted files, renames, modes, symlinks, binary, no final newline, CRLF, unicode and spaces. */
export const DIFF_CORPUS: CorpusCase[] = [
  {
    name: 'text edit in several hunks',
    base: { 'src/a.txt': lines(60) },
    changes: [
      {
        op: 'write',
        path: 'src/a.txt',
        content: lines(60).replace('line 3\n', 'LINE three\n').replace('line 50\n', 'line 50\nline 50b\n')
      }
    ]
  },
  {
    name: 'new file',
    base: { 'README.md': '# r\n' },
    changes: [{ op: 'write', path: 'docs/new.md', content: 'hello\n' }]
  },
  {
    name: 'deleted file',
    base: { 'README.md': '# r\n', 'old.txt': lines(5) },
    changes: [{ op: 'delete', path: 'old.txt' }]
  },
  {
    name: 'rename with edit',
    base: { 'lib/util.js': lines(40, 'util') },
    changes: [
      { op: 'rename', from: 'lib/util.js', to: 'lib/helpers/util.js' },
      {
        op: 'write',
        path: 'lib/helpers/util.js',
        content: lines(40, 'util').replace('util 7\n', 'util seven\n')
      }
    ]
  },
  {
    name: 'pure rename',
    base: { 'a/b.txt': lines(30) },
    changes: [{ op: 'rename', from: 'a/b.txt', to: 'c/d.txt' }]
  },
  {
    name: 'mode change to executable',
    base: { 'run.sh': '#!/bin/sh\necho hi\n' },
    changes: [{ op: 'chmod', path: 'run.sh', mode: 0o755 }]
  },
  {
    name: 'mode change back with edit',
    base: { 'tool.sh': '#!/bin/sh\necho 1\n' },
    executable: ['tool.sh'],
    changes: [{ op: 'write', path: 'tool.sh', content: '#!/bin/sh\necho 2\n', mode: 0o644 }]
  },
  {
    name: 'new symlink',
    base: { 'target.txt': 'x\n' },
    changes: [{ op: 'symlink', path: 'link', target: 'target.txt' }]
  },
  {
    name: 'retargeted symlink',
    base: { 'one.txt': '1\n', 'two.txt': '2\n' },
    symlinks: { current: 'one.txt' },
    changes: [{ op: 'symlink', path: 'current', target: 'two.txt' }]
  },
  {
    name: 'new binary file',
    base: { 'README.md': '# r\n' },
    changes: [{ op: 'write', path: 'img/logo.bin', content: bytes(5000, 1) }]
  },
  {
    name: 'changed binary file (delta)',
    base: { 'data.bin': bytes(40000, 2) },
    changes: [
      {
        op: 'write',
        path: 'data.bin',
        content: Buffer.concat([
          bytes(40000, 2).subarray(0, 30000),
          bytes(200, 3),
          bytes(40000, 2).subarray(30000)
        ])
      }
    ]
  },
  {
    name: 'deleted binary file',
    base: { 'blob.bin': bytes(3000, 4), 'keep.txt': 'k\n' },
    changes: [{ op: 'delete', path: 'blob.bin' }]
  },
  {
    name: 'no final newline added',
    base: { 'n.txt': 'a\nb' },
    changes: [{ op: 'write', path: 'n.txt', content: 'a\nb\n' }]
  },
  {
    name: 'no final newline kept',
    base: { 'n.txt': 'a\nb\nc' },
    changes: [{ op: 'write', path: 'n.txt', content: 'a\nB\nc' }]
  },
  {
    name: 'CRLF file',
    base: { 'win.txt': 'one\r\ntwo\r\nthree\r\n' },
    changes: [{ op: 'write', path: 'win.txt', content: 'one\r\n2\r\nthree\r\nfour\r\n' }]
  },
  {
    name: 'unicode and space-containing paths',
    base: { 'dir with space/file name.txt': 'a\n', 'café/naïve.txt': 'b\n' },
    changes: [
      { op: 'write', path: 'dir with space/file name.txt', content: 'A\n' },
      { op: 'write', path: 'café/naïve.txt', content: 'B\n' },
      { op: 'write', path: '日本/新しい ファイル.md', content: 'new\n' }
    ]
  },
  {
    name: 'empty new file',
    base: { 'README.md': '# r\n' },
    changes: [{ op: 'write', path: 'empty.txt', content: '' }]
  }
]

/** A prepared case: a repository at the base commit, the diff, and what git apply makes of it. */
export interface PreparedCase {
  /** The repository (work tree at the base commit, on `main`). */
  repo: TempDir
  /** The base commit SHA. */
  base: string
  /** `git diff --binary` from base to the changed tree. */
  diff: string
  /** The tree SHA `git apply --index` produces from the diff on the base. */
  expectedTree: string
}

async function applyChange(root: string, change: Change): Promise<void> {
  switch (change.op) {
    case 'write': {
      const full = join(root, change.path)
      await mkdir(dirname(full), { recursive: true })
      await rm(full, { force: true })
      await writeFile(full, change.content)
      if (change.mode) await chmod(full, change.mode)
      return
    }
    case 'delete':
      return rm(join(root, change.path))
    case 'rename':
      await mkdir(dirname(join(root, change.to)), { recursive: true })
      return rename(join(root, change.from), join(root, change.to))
    case 'chmod':
      return chmod(join(root, change.path), change.mode)
    case 'symlink': {
      const full = join(root, change.path)
      await rm(full, { force: true })
      await mkdir(dirname(full), { recursive: true })
      return symlink(change.target, full)
    }
  }
}

/** Builds the case's repository, makes the changes, takes the diff, and resets the work tree to the base. */
export async function prepareCase(c: CorpusCase): Promise<PreparedCase> {
  const repo = await makeTempRepo(c.base)
  for (const path of c.executable ?? []) await chmod(join(repo.path, path), 0o755)
  for (const [path, target] of Object.entries(c.symlinks ?? {})) await symlink(target, join(repo.path, path))
  if (c.executable?.length || c.symlinks) {
    await git(repo.path, 'add', '-A')
    await git(repo.path, 'commit', '-q', '-m', 'modes and links')
  }
  const base = await git(repo.path, 'rev-parse', 'HEAD')
  for (const change of c.changes) await applyChange(repo.path, change)
  await git(repo.path, 'add', '-A')
  const diff = await git(repo.path, 'diff', '--cached', '--binary', '--full-index', '-M', base)
  await git(repo.path, 'reset', '-q', '--hard', base)
  const expectedTree = await expectedTreeOf(repo.path, base, diff + '\n')
  return { repo, base, diff: diff + '\n', expectedTree }
}

/** The tree `git apply --index` builds from `diff` on `base`, computed in a throwaway clone. */
export async function expectedTreeOf(repoPath: string, base: string, diff: string): Promise<string> {
  const clone = `${repoPath}-apply`
  await git(dirname(repoPath), 'clone', '-q', '--no-checkout', repoPath, clone)
  try {
    await git(clone, 'checkout', '-q', base)
    await writeFile(`${clone}.patch`, diff)
    await git(clone, 'apply', '--index', '--whitespace=nowarn', `${clone}.patch`)
    return await git(clone, 'write-tree')
  } finally {
    await rm(clone, { recursive: true, force: true })
    await rm(`${clone}.patch`, { force: true })
  }
}

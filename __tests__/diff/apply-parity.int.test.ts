/**
 * Parity with `git apply`, case by case: each case is a base tree (a real repository) and a patch. `git apply
 * --cached` is the oracle; our applier runs on the same base twice, over the local repository and through the
 * GitHub API (the emulator, as CLOUD apply commits). Both must refuse, or both must give git's tree SHA. Each case
 * also says what git does, so that a case cannot silently stop testing what its name says.
 */
import { chmod, mkdir, readFile, rename, symlink, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { GitHubAPIAdapter } from '../../src/adapters/github/git.js'
import { createLocalGitAdapter } from '../../src/adapters/local/git.js'
import { applyDiffText, gitBlobSha } from '../../src/diff/apply.js'
import { LocalGitBaseSource } from '../../src/diff/local-git-source.js'
import { SelfHealError } from '../../src/errors.js'
import { git } from '../helpers/git.js'
import { headOf, serve } from '../github/support.js'
import { makeBaseRepo, noise, stagedDiff, type BaseFile } from './corpus.js'
import { binaryAddPatch } from './binary-patch.js'
import { appliedTree, gitApplyTree } from './git-tree.js'

interface ParityCase {
  /** What the case is about. */
  name: string
  /** The base tree. */
  base: Record<string, BaseFile>
  /** The patch, or a function that makes it in the base's work tree (which it may change and stage). */
  patch: string | Buffer | ((dir: string) => Promise<Buffer>)
  /** What git does with it. */
  git: 'applies' | 'refuses'
  /** `-c` settings for git (our applier always has core.protectNTFS and core.protectHFS on). */
  config?: string[]
}

const SUB = '1'.repeat(40)
const SUB2 = '2'.repeat(40)

/** `+`/`-` lines of a hunk holding `content`, with git's marker for a missing final newline. */
function hunkBody(content: string, sign: '+' | '-'): { lines: number; text: string } {
  const lines = content.split('\n')
  const complete = content.endsWith('\n')
  if (complete) lines.pop()
  const text = lines.map(l => `${sign}${l}\n`).join('') + (complete ? '' : '\\ No newline at end of file\n')
  return { lines: lines.length, text }
}

const range = (n: number) => (n === 1 ? '1' : `1,${n}`)

/** A patch creating `path` with `content`. */
function add(path: string, content: string, mode = '100644'): string {
  const { lines, text } = hunkBody(content, '+')
  return `diff --git a/${path} b/${path}\nnew file mode ${mode}\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +${range(lines)} @@\n${text}`
}

/** A patch deleting `path`, which holds `content`. */
function del(path: string, content: string, mode = '100644'): string {
  const { lines, text } = hunkBody(content, '-')
  return `diff --git a/${path} b/${path}\ndeleted file mode ${mode}\n--- a/${path}\n+++ /dev/null\n@@ -${range(lines)} +0,0 @@\n${text}`
}

/** A patch replacing the one line `from` of `path` by `to`. */
function edit(path: string, from: string, to: string): string {
  return `diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n@@ -1 +1 @@\n-${from}\n+${to}\n`
}

/** A rename of `from` to `to` with no change of content. */
function move(from: string, to: string): string {
  return `diff --git a/${from} b/${to}\nsimilarity index 100%\nrename from ${from}\nrename to ${to}\n`
}

/** A binary literal patch creating `path`, with the ids it claims. */
function binaryAdd(path: string, content: Buffer, ids?: { old: string; new: string }, size = content.length) {
  return binaryAddPatch(path, deflateSync(content), { size, newId: gitBlobSha(content), ids })
}

/** Makes the patch from changes to the work tree, staged with `git add -A`. */
function changed(change: (dir: string) => Promise<void>, options: string[] = []) {
  return async (dir: string) => {
    await change(dir)
    await git(dir, 'add', '-A')
    return stagedDiff(dir, options)
  }
}

const lines = (n: number, prefix = 'line') =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join('')

const CASES: ParityCase[] = [
  // Files and directories.
  {
    name: 'a new file where a directory is',
    base: { 'src/a.ts': 'a\n', 'src/b.ts': 'b\n' },
    patch: add('src', 'file\n'),
    git: 'refuses'
  },
  {
    name: 'a new file where a directory was, its only file deleted first',
    base: { 'src/a.ts': 'a\n', 'other.txt': 'o\n' },
    patch: del('src/a.ts', 'a\n') + add('src', 'file\n'),
    git: 'applies'
  },
  {
    name: 'a new file where a directory was, its only file deleted after',
    base: { 'src/a.ts': 'a\n', 'other.txt': 'o\n' },
    patch: add('src', 'file\n') + del('src/a.ts', 'a\n'),
    git: 'applies'
  },
  {
    name: 'a new file where a directory keeps another file',
    base: { 'src/a.ts': 'a\n', 'src/b.ts': 'b\n' },
    patch: del('src/a.ts', 'a\n') + add('src', 'file\n'),
    git: 'refuses'
  },
  {
    name: 'a new file inside a file',
    base: { a: 'x\n' },
    patch: add('a/b', 'y\n'),
    git: 'refuses'
  },
  {
    name: 'a file becomes a directory',
    base: { a: 'x\n' },
    patch: del('a', 'x\n') + add('a/b', 'y\n'),
    git: 'applies'
  },
  {
    name: 'a new file and a new file inside it',
    base: { r: 'r\n' },
    patch: add('d', 'x\n') + add('d/e', 'y\n'),
    git: 'refuses'
  },
  {
    name: 'a new file beyond a symlink',
    base: { l: { symlink: 'target' }, 'target/x': 'x\n' },
    patch: add('l/y', 'y\n'),
    git: 'refuses'
  },

  // Paths git's verify_path refuses, and some it accepts.
  ...[
    '.git./hooks/x',
    '.git /hooks/x',
    'GIT~1/hooks/x',
    'git~1/config',
    '.GIT/config',
    'sub/.git/x',
    '.git:stream/x',
    'x\\.git\\y',
    'a/../b',
    './a',
    'a/./b',
    '.git'
  ].map(path => ({
    name: `a path git refuses: ${path}`,
    base: { r: 'r\n' },
    patch: add(path, 'x\n'),
    git: 'refuses' as const
  })),
  {
    name: 'a path with a code point HFS+ ignores in .git (core.protectHFS)',
    base: { r: 'r\n' },
    patch: add('.g\u200cit/hooks/x', 'x\n'),
    git: 'refuses',
    config: ['core.protectHFS=true']
  },
  ...['.gitmodules', '.GITMODULES', 'GITMOD~1', '.gitmodules ', 'gi7eba~1'].map(path => ({
    name: `a symlink named ${JSON.stringify(path)}`,
    base: { r: 'r\n' },
    patch: add(path, 'target', '120000'),
    git: 'refuses' as const
  })),
  {
    name: 'a regular file .gitmodules, and names that only look like .git',
    base: { r: 'r\n' },
    patch:
      add('.gitmodules', '[submodule]\n') +
      add('.gitx/a', 'a\n') +
      add('git~2/a', 'a\n') +
      add('x.git/a', 'a\n'),
    git: 'applies'
  },
  {
    name: 'a backslash inside a name',
    base: { r: 'r\n' },
    patch: add('back\\slash.txt', 'x\n'),
    git: 'applies'
  },
  {
    name: 'doubled slashes in --- and +++ names, which git squashes',
    base: { 'd/e': 'x\n' },
    patch: 'diff --git a/d/e b/d/e\n--- a/d//e\n+++ b/d//e\n@@ -1 +1 @@\n-x\n+y\n',
    git: 'applies'
  },
  {
    name: 'doubled slashes in the name a new file takes from its header',
    base: { r: 'r\n' },
    patch: 'diff --git a/d//e b/d//e\nnew file mode 100644\n--- /dev/null\n+++ b/d//e\n@@ -0,0 +1 @@\n+x\n',
    git: 'refuses'
  },

  // Symlinks and type changes.
  {
    name: 'a file becomes a symlink, deleted first (the order git diff writes)',
    base: { a: 'x\n' },
    patch: del('a', 'x\n') + add('a', 'target', '120000'),
    git: 'applies'
  },
  {
    name: 'a file becomes a symlink, the symlink created first',
    base: { a: 'x\n' },
    patch: add('a', 'target', '120000') + del('a', 'x\n'),
    git: 'refuses'
  },
  {
    name: 'a symlink becomes a file, deleted first',
    base: { l: { symlink: 't' } },
    patch: del('l', 't', '120000') + add('l', 'file\n'),
    git: 'applies'
  },
  {
    name: 'a symlink becomes a file, the file created first',
    base: { l: { symlink: 't' } },
    patch: add('l', 'file\n') + del('l', 't', '120000'),
    git: 'refuses'
  },
  {
    name: 'a type change in place (old mode 100644, new mode 120000)',
    base: { a: 'x\n' },
    patch:
      'diff --git a/a b/a\nold mode 100644\nnew mode 120000\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-x\n+target\n' +
      '\\ No newline at end of file\n',
    git: 'refuses'
  },
  {
    name: 'symlinks as git diff writes them (retarget, new, file to symlink)',
    base: { 'target.txt': 't\n', link: { symlink: 'target.txt' }, 'becomes-link': 'was a file\n' },
    patch: changed(async d => {
      await unlink(join(d, 'link'))
      await symlink('other/target.txt', join(d, 'link'))
      await symlink('target.txt', join(d, 'new-link'))
      await unlink(join(d, 'becomes-link'))
      await symlink('target.txt', join(d, 'becomes-link'))
    }),
    git: 'applies'
  },

  // Submodules.
  {
    name: 'a submodule deleted (deleted file mode 160000)',
    base: { sub: { gitlink: SUB }, r: 'r\n' },
    patch: `diff --git a/sub b/sub\ndeleted file mode 160000\nindex 1111111..0000000\n--- a/sub\n+++ /dev/null\n@@ -1 +0,0 @@\n-Subproject commit ${SUB}\n`,
    git: 'applies'
  },
  {
    name: 'submodules added, moved to another commit and deleted, as git diff writes them',
    base: { 'lib/sub': { gitlink: SUB }, gone: { gitlink: SUB }, r: 'r\n' },
    patch: async d => {
      await git(d, 'update-index', '--cacheinfo', `160000,${SUB2},lib/sub`)
      await git(d, 'update-index', '--add', '--cacheinfo', `160000,${SUB},new-sub`)
      await git(d, 'update-index', '--force-remove', 'gone')
      return stagedDiff(d)
    },
    git: 'applies'
  },

  // Modes, renames, copies.
  {
    name: 'mode changes both ways, with and without an edit',
    base: { 'run.sh': 'echo a\n', 'tool.sh': { content: 'echo t\n', mode: '100755' }, 'both.sh': 'echo b\n' },
    patch: changed(async d => {
      await chmod(join(d, 'run.sh'), 0o755)
      await chmod(join(d, 'tool.sh'), 0o644)
      await writeFile(join(d, 'both.sh'), 'echo B\n')
      await chmod(join(d, 'both.sh'), 0o755)
    }),
    git: 'applies'
  },
  {
    name: 'a mode change of a file that does not exist',
    base: { r: 'r\n' },
    patch: 'diff --git a/nope.sh b/nope.sh\nold mode 100644\nnew mode 100755\n',
    git: 'refuses'
  },
  {
    name: 'renames with edits, and into a new directory',
    base: { 'old/name.txt': lines(20), 'moved.txt': lines(10, 'm') },
    patch: changed(async d => {
      await mkdir(join(d, 'renamed'), { recursive: true })
      const text = await readFile(join(d, 'old/name.txt'), 'utf8')
      await unlink(join(d, 'old/name.txt'))
      await writeFile(join(d, 'renamed/name.txt'), text.replace('line 10\n', 'line ten\n'))
      await rename(join(d, 'moved.txt'), join(d, 'renamed/moved.txt'))
    }),
    git: 'applies'
  },
  {
    name: 'two files swap names',
    base: { a: 'A\n', b: 'B\n' },
    patch: move('a', 'b') + move('b', 'a'),
    git: 'applies'
  },
  {
    name: 'a rename onto a file that stays',
    base: { a: 'A\n', b: 'B\n' },
    patch: move('a', 'b'),
    git: 'refuses'
  },
  {
    name: 'a file deleted, then renamed by a later patch (which reads the base)',
    base: { a: 'x\n' },
    patch: del('a', 'x\n') + move('a', 'q'),
    git: 'applies'
  },
  {
    name: 'copies whose source is also edited, the source first',
    base: { 'a.txt': lines(30) },
    patch: changed(
      async d => {
        const text = await readFile(join(d, 'a.txt'), 'utf8')
        await writeFile(join(d, 'a.txt'), text.replace('line 1\n', 'line one\n'))
        await writeFile(join(d, 'b.txt'), text.replace('line 5\n', 'line five\n'))
      },
      ['-C', '--find-copies-harder']
    ),
    git: 'applies'
  },

  // Content.
  {
    name: 'CRLF content',
    base: { 'win.txt': 'a\r\nb\r\nc\r\n', 'mixed.txt': 'a\nb\r\nc\n' },
    patch: changed(async d => {
      await writeFile(join(d, 'win.txt'), 'a\r\nB\r\nc\r\nd\r\n')
      await writeFile(join(d, 'mixed.txt'), 'a\r\nb\r\nc\n')
      await writeFile(join(d, 'new-crlf.txt'), 'x\r\ny')
    }),
    git: 'applies'
  },
  {
    name: 'LF context against CRLF content',
    base: { 'win.txt': 'a\r\nb\r\n' },
    patch: 'diff --git a/win.txt b/win.txt\n--- a/win.txt\n+++ b/win.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n',
    git: 'refuses'
  },
  {
    name: 'a binary literal and a binary delta, and a binary file deleted',
    base: { 'img.bin': noise(20000, 1), 'old.bin': noise(300, 2) },
    patch: changed(async d => {
      const img = noise(20000, 1)
      img.fill(7, 1000, 1100)
      await writeFile(join(d, 'img.bin'), Buffer.concat([img, Buffer.from([0, 0, 1])]))
      await unlink(join(d, 'old.bin'))
      await writeFile(join(d, 'new.bin'), deflateSync(noise(5000, 3)))
    }),
    git: 'applies'
  },
  {
    name: 'a binary patch without the full index line',
    base: { r: 'r\n' },
    patch: binaryAdd('x.bin', Buffer.from([0, 1, 2]), {
      old: '0000000',
      new: gitBlobSha(Buffer.from([0, 1, 2])).slice(0, 7)
    }),
    git: 'refuses'
  },
  {
    name: 'a binary patch whose result is not the blob it names',
    base: { r: 'r\n' },
    patch: binaryAdd('x.bin', Buffer.from([0, 1, 2]), {
      old: '0'.repeat(40),
      new: gitBlobSha(Buffer.from('other'))
    }),
    git: 'refuses'
  },
  {
    name: 'a binary literal that inflates to more than it says',
    base: { r: 'r\n' },
    patch: binaryAdd('bomb.bin', Buffer.alloc(1 << 20), undefined, 16),
    git: 'refuses'
  },
  {
    name: 'binary changes as git diff writes them, against a base that changed since',
    base: { 'img.bin': noise(2000, 5) },
    patch: async d => {
      await writeFile(join(d, 'img.bin'), noise(2100, 6))
      await git(d, 'add', '-A')
      const diff = await stagedDiff(d)
      // The same change, made against other content: the old id no longer matches.
      return Buffer.from(
        diff.toString('latin1').replace(gitBlobSha(noise(2000, 5)), gitBlobSha(noise(2000, 7))),
        'latin1'
      )
    },
    git: 'refuses'
  },
  {
    name: 'paths with unicode, spaces, tabs and quotes (C-quoted by git)',
    base: { 'café/naïve.txt': 'x\n', 'with space/file name.txt': lines(12, 'y'), 'quote"d.txt': 'q\n' },
    patch: changed(async d => {
      await writeFile(join(d, 'café/naïve.txt'), 'x\nmore\n')
      await writeFile(join(d, 'quote"d.txt'), 'q\nmore\n')
      await writeFile(join(d, 'tab\there.txt'), 'tab\n')
      await mkdir(join(d, '日本'), { recursive: true })
      await writeFile(join(d, '日本/語 file.txt'), 'ja\n')
      await rename(join(d, 'with space/file name.txt'), join(d, 'with space/renamed name.txt'))
    }),
    git: 'applies'
  },

  // What does not apply, and what git applies although it may look wrong.
  {
    name: 'deleting a file that does not exist',
    base: { r: 'r\n' },
    patch: del('missing.txt', 'x\n'),
    git: 'refuses'
  },
  {
    name: 'a deletion that leaves content behind',
    base: { a: 'x\ny\n' },
    patch: del('a', 'x\n'),
    git: 'refuses'
  },
  {
    name: 'a hunk whose context does not match',
    base: { a: 'one\ntwo\nthree\n' },
    patch: 'diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1,3 +1,3 @@\n one\n-TWO\n+2\n three\n',
    git: 'refuses'
  },
  {
    name: 'a hunk whose context matches further down',
    base: { a: 'x\ny\nz\none\ntwo\nthree\nfour\n' },
    patch: 'diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -2,3 +2,3 @@\n one\n-two\n+2\n three\n',
    git: 'applies'
  },
  {
    name: 'a hunk for the first line whose context is further down',
    base: { a: 'x\ny\none\ntwo\nthree\n' },
    patch: 'diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n',
    git: 'refuses'
  },
  {
    name: 'a new file whose +++ name is not the one of its header',
    base: { r: 'r\n' },
    patch: 'diff --git a/f b/f\nnew file mode 100644\n--- /dev/null\n+++ b/f-blah\n@@ -0,0 +1 @@\n+1\n',
    git: 'refuses'
  },
  {
    name: 'a modification whose --- and +++ name another file than its header',
    base: { a: 'x\n', n: 'n\n' },
    patch: 'diff --git a/n b/n\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-x\n+y\n',
    git: 'applies'
  },
  {
    name: 'a change after the file was deleted by an earlier patch',
    base: { a: 'x\n' },
    patch: del('a', 'x\n') + edit('a', 'x', 'y'),
    git: 'refuses'
  },
  {
    name: 'the same file patched twice',
    base: { a: 'x\n' },
    patch: edit('a', 'x', 'y') + edit('a', 'y', 'z'),
    git: 'applies'
  },
  {
    name: 'the same new file created twice',
    base: { r: 'r\n' },
    patch: add('n', 'one\n') + add('n', 'two\n'),
    git: 'applies'
  },
  {
    name: 'a text patch whose index ids name other blobs',
    base: { a: 'x\n' },
    patch: `diff --git a/a b/a\nindex ${'1'.repeat(40)}..${'2'.repeat(40)} 100644\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-x\n+y\n`,
    git: 'applies'
  },
  {
    name: 'a header with no change',
    base: { a: 'x\n' },
    patch: `diff --git a/a b/a\nindex ${gitBlobSha(Buffer.from('x\n')).slice(0, 7)}..${gitBlobSha(Buffer.from('x\n')).slice(0, 7)} 100644\n`,
    git: 'refuses'
  },
  {
    name: 'an empty file created and one deleted',
    base: { gone: '' },
    patch:
      'diff --git a/gone b/gone\ndeleted file mode 100644\nindex e69de29..0000000\n' +
      'diff --git a/empty b/empty\nnew file mode 100644\nindex 0000000..e69de29\n',
    git: 'applies'
  }
]

type Outcome = { tree: string } | { refused: string }

describe('apply parity with git apply', () => {
  it('has unique case names', () => {
    expect(new Set(CASES.map(c => c.name)).size).toBe(CASES.length)
  })

  for (const c of CASES) {
    it(`${c.git === 'applies' ? 'applies' : 'refuses'}, as git does: ${c.name}`, async () => {
      const { repo, base } = await makeBaseRepo(c.base)
      try {
        const patch = typeof c.patch === 'function' ? await c.patch(repo.path) : Buffer.from(c.patch)
        const theirs: Outcome = await gitApplyTree(repo.path, base, patch, c.config).then(
          tree => ({ tree }),
          (error: Error) => ({ refused: error.message })
        )
        expect('tree' in theirs ? 'applies' : `refuses: ${theirs.refused}`).toMatch(new RegExp(`^${c.git}`))

        const refusal = (error: unknown): Outcome => {
          // A refusal is bad input (exit 2) with a message, never a crash.
          expect(error).toBeInstanceOf(SelfHealError)
          expect((error as SelfHealError).exitCode).toBe(2)
          return { refused: (error as Error).message }
        }
        const source = new LocalGitBaseSource(repo.path, base)
        const local: Outcome = await applyDiffText(patch, source)
          .then(async applied => ({ tree: await appliedTree(repo.path, base, applied) }), refusal)
          .finally(() => source.close())
        expect('tree' in local ? local.tree : 'refused').toBe('tree' in theirs ? theirs.tree : 'refused')

        // The local Git adapter writes only the directories the patch changes (LOCAL's fix commit).
        if (!c.config) {
          const adapter = await createLocalGitAdapter({ cwd: repo.path })
          const committed: Outcome = await adapter
            .applyDiff(patch, `parity: ${c.name}`, { branch: 'parity-local', base })
            .then(result => ({ tree: result.tree }), refusal)
          expect('tree' in committed ? committed.tree : 'refused').toBe(
            'tree' in theirs ? theirs.tree : 'refused'
          )
        }

        const served = await serve(repo.path)
        try {
          const adapter = new GitHubAPIAdapter(served.client)
          const cloud: Outcome = await adapter
            .applyDiff(patch, `parity: ${c.name}`, { branch: 'parity', base: 'main' })
            .then(result => ({ tree: result.tree }), refusal)
          expect('tree' in cloud ? cloud.tree : 'refused').toBe('tree' in theirs ? theirs.tree : 'refused')
          if ('refused' in cloud) expect(await headOf(served.bare, 'parity')).toBeUndefined()
        } finally {
          await served.close()
        }
      } finally {
        await repo.cleanup()
      }
    })
  }
})

/**
 * Diff application against real git: for every corpus case, applying `git diff --binary` in memory gives the
 * same tree SHA as `git apply --cached` (and as the tree git staged).
 */
import { applyDiffText, applyHunks, gitBlobSha } from '../../src/diff/apply.js'
import { parseGitDiff } from '../../src/diff/parse.js'
import { LocalGitBaseSource } from '../../src/diff/local-git-source.js'
import { DiffDoesNotApplyError, InvalidInputError, PathOutsideRepositoryError } from '../../src/errors.js'
import { CORPUS, buildCase, type BuiltCase } from './corpus.js'
import { appliedTree, gitApplyTree } from './git-tree.js'
import { DIFF_CORPUS, prepareCase } from '../helpers/diff-corpus.js'
import { memorySource } from './memory-source.js'

describe('applyDiffText against git apply', () => {
  for (const c of CORPUS) {
    it(`gives git's tree: ${c.name}`, async () => {
      const built: BuiltCase = await buildCase(c)
      const source = new LocalGitBaseSource(built.repo.path, built.base)
      try {
        expect(built.diff.length).toBeGreaterThan(0)
        const applied = await applyDiffText(built.diff, source)
        const ours = await appliedTree(built.repo.path, built.base, applied)
        const theirs = await gitApplyTree(built.repo.path, built.base, built.diff)
        expect(theirs).toBe(built.expectedTree)
        expect(ours).toBe(theirs)
      } finally {
        source.close()
        await built.repo.cleanup()
      }
    })
  }
})

const memory = memorySource

describe('applyDiffText errors and rules', () => {
  const edit = (path: string) =>
    `diff --git a/${path} b/${path}\nindex 1111111..2222222 100644\n--- a/${path}\n+++ b/${path}\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n`

  it('names the file and the hunk that does not apply', async () => {
    const error = await applyDiffText(edit('f.txt'), memory({ 'f.txt': 'a\nx\n' })).catch(e => e)
    expect(error).toBeInstanceOf(DiffDoesNotApplyError)
    expect(error.file).toBe('f.txt')
    expect(error.hunk).toBe('@@ -1,2 +1,2 @@')
    expect(error.message).toContain("'f.txt'")
  })

  it('refuses paths outside the repository, naming them, before reading anything', async () => {
    for (const path of ['../x', '/etc/x', '.git/config', 'a/../../x']) {
      const source = memory({ [path]: 'a\nb\n' })
      const diff = `diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n`
      const error = await applyDiffText(diff, source).catch(e => e)
      expect(error).toBeInstanceOf(PathOutsideRepositoryError)
      expect(error.message).toContain(path)
      expect(source.reads).toEqual([])
    }
  })

  it('refuses "Binary files differ" without data, saying how to make a usable diff', async () => {
    const diff =
      'diff --git a/x.bin b/x.bin\nindex 1111111..2222222 100644\nBinary files a/x.bin and b/x.bin differ\n'
    const error = await applyDiffText(diff, memory({ 'x.bin': 'zz' })).catch(e => e)
    expect(error).toBeInstanceOf(InvalidInputError)
    expect(error.message).toContain('--binary')
    expect(error.message).toContain('x.bin')
  })

  it('refuses a change that names new content but carries none (submodule logs, missing data)', async () => {
    const sub =
      'diff --git a/sub b/sub\nindex 1111111..2222222 160000\nSubmodule sub 1111111..2222222:\n  > change\n'
    await expect(applyDiffText(sub, memory({}))).rejects.toThrow(/--submodule=short/)
    const empty = 'diff --git a/e b/e\nnew file mode 100644\nindex 0000000..e69de29\n'
    const applied = await applyDiffText(empty, memory({}))
    expect(applied.files.get('e')).toEqual({ mode: '100644', content: Buffer.alloc(0) })
  })

  it('refuses to create a file that exists and to change one that does not', async () => {
    const add =
      'diff --git a/n.txt b/n.txt\nnew file mode 100644\n--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1 @@\n+n\n'
    await expect(applyDiffText(add, memory({ 'n.txt': 'old\n' }))).rejects.toThrow(/already exists/)
    await expect(applyDiffText(edit('missing.txt'), memory({}))).rejects.toThrow(/does not exist/)
  })

  it('moves a hunk whose context matches elsewhere, but never fuzzes context', () => {
    const [patch] = parseGitDiff('diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -5,3 +5,3 @@\n k\n-l\n+L\n m\n')
    const moved = applyHunks(Buffer.from('a\nb\nk\nl\nm\nz\n'), patch.hunks, 'f')
    expect(moved.toString()).toBe('a\nb\nk\nL\nm\nz\n')
    expect(() => applyHunks(Buffer.from('a\nb\nk\nl\nM\nz\n'), patch.hunks, 'f')).toThrow(
      DiffDoesNotApplyError
    )
  })

  it('reads only the files whose bytes it needs (a pure rename reuses the blob)', async () => {
    const source = memory({ 'a.txt': 'a\n', 'b.txt': 'a\nb\n' })
    const diff =
      'diff --git a/a.txt b/z.txt\nsimilarity index 100%\nrename from a.txt\nrename to z.txt\n' +
      edit('b.txt')
    const applied = await applyDiffText(diff, source)
    expect(source.reads).toEqual(['b.txt'])
    expect(applied.files.get('a.txt')).toBeNull()
    expect(applied.files.get('z.txt')).toEqual({ mode: '100644', sha: gitBlobSha(Buffer.from('a\n')) })
    expect(applied.dependsOn.get('z.txt')).toBeNull()
    expect(applied.dependsOn.get('a.txt')).toBe(gitBlobSha(Buffer.from('a\n')))
  })

  it('refuses combined diffs and corrupt binary data with the line', () => {
    expect(() => parseGitDiff('diff --cc f\n')).toThrow(/combined/)
    expect(() =>
      parseGitDiff('diff --git a/x b/x\nindex 1..2 100644\nGIT binary patch\nliteral 5\nHcmV?d00001\n\n')
    ).toThrow(/line/)
  })
})

describe('applyDiffText on the shared diff corpus', () => {
  it.each(DIFF_CORPUS.map(c => [c.name, c] as const))('%s', async (_name, corpusCase) => {
    const prepared = await prepareCase(corpusCase)
    const source = new LocalGitBaseSource(prepared.repo.path, prepared.base)
    try {
      const applied = await applyDiffText(prepared.diff, source)
      expect(await appliedTree(prepared.repo.path, prepared.base, applied)).toBe(prepared.expectedTree)
    } finally {
      source.close()
      await prepared.repo.cleanup()
    }
  })
})

import { afterAll, describe, expect, it } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createLocalGitAdapter } from '../../src/adapters/local/git.js'
import { MemoryGit } from '../../src/adapters/memory/git.js'
import {
  ConfigurationError,
  ConflictError,
  DiffDoesNotApplyError,
  InvalidInputError
} from '../../src/errors.js'
import { GIT_CONTRACT_SEED, gitContract } from '../contracts/git-contract.js'
import { DIFF_CORPUS, prepareCase } from '../helpers/diff-corpus.js'
import { git, makeTempDir, makeTempRepo } from '../helpers/git.js'

/** An in-memory stand-in for GitHub's pull requests (our own interface), recording what was asked. */
gitContract('git-cli', async () => {
  const repo = await makeTempRepo(GIT_CONTRACT_SEED)
  const origin = await makeTempDir('self-heal-origin-')
  await git(origin.path, 'init', '-q', '--bare')
  await git(repo.path, 'remote', 'add', 'origin', origin.path)
  const adapter = await createLocalGitAdapter({
    cwd: repo.path, // GitHub's side of pull requests is the memory one: what is under test here is the push before it.
    pullRequests: new MemoryGit({})
  })
  return {
    adapter,
    gitDir: repo.path,
    defaultBranch: 'main',
    cleanup: async () => {
      await repo.cleanup()
      await origin.cleanup()
    }
  }
})

describe('local applyDiff matches git apply on the corpus', () => {
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup()
  })

  it.each(DIFF_CORPUS.map(c => [c.name, c] as const))('%s', async (_name, corpusCase) => {
    const prepared = await prepareCase(corpusCase)
    cleanups.push(prepared.repo.cleanup)
    const status = await git(prepared.repo.path, 'status', '--porcelain')
    const adapter = await createLocalGitAdapter({ cwd: prepared.repo.path })
    const result = await adapter.applyDiff(prepared.diff, 'apply corpus case', {
      branch: 'corpus',
      base: 'HEAD'
    })
    expect(result.tree).toBe(prepared.expectedTree)
    expect(await git(prepared.repo.path, 'rev-parse', 'HEAD')).toBe(prepared.base)
    expect(await git(prepared.repo.path, 'status', '--porcelain')).toBe(status)
    expect(await git(prepared.repo.path, 'fsck', '--no-progress')).toBe('')
  })
})

describe('local applyDiff never touches the user work', () => {
  it('keeps uncommitted changes, the index and the current branch exactly as they were', async () => {
    const repo = await makeTempRepo(GIT_CONTRACT_SEED)
    try {
      await writeFile(join(repo.path, 'README.md'), '# edited, not committed\n')
      await writeFile(join(repo.path, 'staged.txt'), 'staged\n')
      await git(repo.path, 'add', 'staged.txt')
      const before = await git(repo.path, 'status', '--porcelain')
      const adapter = await createLocalGitAdapter({ cwd: repo.path })
      const diff =
        'diff --git a/docs/guide.md b/docs/guide.md\n--- a/docs/guide.md\n+++ b/docs/guide.md\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n'
      await adapter.applyDiff(diff, 'edit guide', { branch: 'fix' })
      expect(await git(repo.path, 'status', '--porcelain')).toBe(before)
      expect(await git(repo.path, 'branch', '--show-current')).toBe('main')
      expect(await readFile(join(repo.path, 'README.md'), 'utf8')).toBe('# edited, not committed\n')
      expect(await git(repo.path, 'show', 'fix:docs/guide.md')).toBe('one\nTWO\nthree')
    } finally {
      await repo.cleanup()
    }
  })

  it('refuses to move the checked-out branch', async () => {
    const repo = await makeTempRepo(GIT_CONTRACT_SEED)
    try {
      const adapter = await createLocalGitAdapter({ cwd: repo.path })
      const head = await git(repo.path, 'rev-parse', 'HEAD')
      const diff =
        'diff --git a/x.txt b/x.txt\nnew file mode 100644\n--- /dev/null\n+++ b/x.txt\n@@ -0,0 +1 @@\n+x\n'
      await expect(adapter.applyDiff(diff, 'm', { branch: 'main' })).rejects.toBeInstanceOf(InvalidInputError)
      expect(await git(repo.path, 'rev-parse', 'HEAD')).toBe(head)
    } finally {
      await repo.cleanup()
    }
  })

  it('names the hunk that does not apply', async () => {
    const repo = await makeTempRepo(GIT_CONTRACT_SEED)
    try {
      const adapter = await createLocalGitAdapter({ cwd: repo.path })
      const diff =
        'diff --git a/docs/guide.md b/docs/guide.md\n--- a/docs/guide.md\n+++ b/docs/guide.md\n@@ -2,2 +2,2 @@\n-zwei\n+TWO\n three\n'
      const error = (await adapter
        .applyDiff(diff, 'm', { branch: 'x' })
        .catch(e => e)) as DiffDoesNotApplyError
      expect(error).toBeInstanceOf(DiffDoesNotApplyError)
      expect(error.file).toBe('docs/guide.md')
      expect(error.hunk).toBe('@@ -2,2 +2,2 @@')
    } finally {
      await repo.cleanup()
    }
  })

  it('explains what is missing to open a pull request', async () => {
    const repo = await makeTempRepo(GIT_CONTRACT_SEED)
    try {
      const adapter = await createLocalGitAdapter({ cwd: repo.path })
      await expect(adapter.createPullRequest({ head: 'main', title: 't' })).rejects.toBeInstanceOf(
        ConfigurationError
      )
    } finally {
      await repo.cleanup()
    }
  })

  it('is a configuration error outside a repository', async () => {
    const dir = await makeTempDir()
    try {
      await expect(createLocalGitAdapter({ cwd: dir.path })).rejects.toBeInstanceOf(ConfigurationError)
    } finally {
      await dir.cleanup()
    }
  })
})

describe('local applyDiff replacing a branch', () => {
  const TO_B = 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+b\n'
  const TO_C = 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+c\n'

  it('replaces the content by a compare-and-swap, pushes it leased on the commit it replaced (each push logged), and refuses a remote that moved', async () => {
    const repo = await makeTempRepo({ 'a.txt': 'a\n' })
    const origin = await makeTempDir('self-heal-origin-')
    try {
      await git(origin.path, 'init', '-q', '--bare')
      await git(repo.path, 'remote', 'add', 'origin', origin.path)
      await git(repo.path, 'push', '-q', 'origin', 'main')
      const pushes: string[] = []
      const adapter = await createLocalGitAdapter({
        cwd: repo.path,
        pullRequests: new MemoryGit({}),
        log: m => pushes.push(m)
      })
      const main = await git(repo.path, 'rev-parse', 'main')
      const first = await adapter.applyDiff(TO_B, 'one\n\nSelf-Heal-Fingerprint: x', {
        branch: 'fix',
        base: 'main'
      })
      await adapter.createPullRequest({ head: 'fix', title: 't' })
      expect(await adapter.branchCommits('main', 'fix')).toEqual({
        head: first.commit,
        commits: [
          expect.objectContaining({ sha: first.commit, committerEmail: await adapter.committerEmail() })
        ]
      })
      await expect(
        adapter.applyDiff(TO_C, 'two', { branch: 'fix', base: 'main', replacing: main })
      ).rejects.toBeInstanceOf(ConflictError)
      const second = await adapter.applyDiff(TO_C, 'two', {
        branch: 'fix',
        base: 'main',
        replacing: first.commit
      })
      expect(await git(repo.path, 'rev-parse', 'fix^')).toBe(main)
      await adapter.createPullRequest({ head: 'fix', title: 't' })
      expect(await git(origin.path, 'rev-parse', 'fix')).toBe(second.commit)
      expect(pushes).toEqual([
        `Pushed fix (${first.commit.slice(0, 12)}) to origin.`,
        `Pushed fix (${second.commit.slice(0, 12)}) to origin, replacing ${first.commit.slice(0, 12)}.`
      ])

      // A teammate pushes to the remote's branch before the next replacement is pushed: it is not pushed over.
      const theirs = await git(
        repo.path,
        'commit-tree',
        `${second.commit}^{tree}`,
        '-p',
        second.commit,
        '-m',
        'theirs'
      )
      await git(repo.path, 'push', '-q', 'origin', `${theirs}:refs/heads/fix`)
      const third = await adapter.applyDiff(TO_B, 'three', {
        branch: 'fix',
        base: 'main',
        replacing: second.commit
      })
      await expect(adapter.createPullRequest({ head: 'fix', title: 't' })).rejects.toBeInstanceOf(
        ConflictError
      )
      expect(await git(origin.path, 'rev-parse', 'fix')).toBe(theirs)

      await expect(adapter.deleteBranch('fix', second.commit)).rejects.toBeInstanceOf(ConflictError)
      await adapter.deleteBranch('fix', third.commit)
      expect(await git(repo.path, 'branch', '--list', 'fix')).toBe('')
    } finally {
      await repo.cleanup()
      await origin.cleanup()
    }
  })
})

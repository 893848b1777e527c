/** GitHubAPIAdapter's branch, diff, history, merge and pull-request operations through the emulator. */
import { GitHubAPIAdapter } from '../../src/adapters/github/git.js'
import {
  BranchExistsError,
  InvalidInputError,
  MergeConflictError,
  RefNotFoundError
} from '../../src/errors.js'
import { git, makeTempRepo } from '../helpers/git.js'
import { headOf, serve } from './support.js'

describe('GitHubAPIAdapter', () => {
  it('creates and deletes branches, refusing bad names and duplicates', async () => {
    const repo = await makeTempRepo({ 'a.txt': 'a\n' })
    const served = await serve(repo.path)
    try {
      const adapter = new GitHubAPIAdapter(served.client)
      const main = await headOf(served.bare, 'main')
      await adapter.createBranch('feature/x')
      expect(await headOf(served.bare, 'feature/x')).toBe(main)
      await expect(adapter.createBranch('feature/x', 'main')).rejects.toBeInstanceOf(BranchExistsError)
      for (const bad of ['-x', 'a..b', 'a b', 'x.lock', 'a//b', '.hidden', 'HEAD']) {
        await expect(adapter.createBranch(bad)).rejects.toBeInstanceOf(InvalidInputError)
      }
      await expect(adapter.createBranch('y', 'no-such-branch')).rejects.toBeInstanceOf(RefNotFoundError)
      await adapter.deleteBranch('feature/x')
      expect(await headOf(served.bare, 'feature/x')).toBeUndefined()
      await expect(adapter.deleteBranch('feature/x')).rejects.toBeInstanceOf(RefNotFoundError)
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('gives a unified diff between two refs and the recent commits, newest first', async () => {
    const repo = await makeTempRepo({ 'a.txt': 'a\n' })
    const served = await serve(repo.path)
    try {
      const adapter = new GitHubAPIAdapter(served.client)
      const diff = 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1,2 @@\n a\n+b\n'
      const result = await adapter.applyDiff(diff, 'add b\n\nbody', { branch: 'topic', base: 'main' })
      const shown = await adapter.getDiff('main', 'topic')
      expect(shown).toContain('diff --git a/a.txt b/a.txt')
      expect(shown).toContain('+b')
      await expect(adapter.getDiff('main', 'nope')).rejects.toBeInstanceOf(RefNotFoundError)
      await adapter.mergeBranch('topic', 'main')
      const commits = await adapter.getRecentCommits(2)
      expect(commits).toHaveLength(2)
      expect(commits[0].parents.length).toBeGreaterThanOrEqual(1)
      expect(commits.map(c => c.sha)).toContain(result.commit)
      expect(commits.find(c => c.sha === result.commit)?.message).toBe('add b\n\nbody')
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('merges: 201 merged, 204 nothing to merge, 409 a MergeConflictError with nothing changed', async () => {
    const repo = await makeTempRepo({ 'a.txt': 'a\n' })
    const served = await serve(repo.path)
    try {
      const adapter = new GitHubAPIAdapter(served.client)
      const edit = (to: string) =>
        `diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+${to}\n`
      await adapter.applyDiff(edit('one'), 'one', { branch: 'left', base: 'main' })
      const merged = await adapter.mergeBranch('left', 'main')
      expect(merged.merged).toBe(true)
      expect(await headOf(served.bare, 'main')).toBe(merged.sha)
      expect(await adapter.mergeBranch('left', 'main')).toEqual({ merged: false })

      await adapter.createBranch('right', `${merged.sha}`)
      await adapter.applyDiff(edit('two').replace('-a', '-one'), 'two', { branch: 'right' })
      await adapter.applyDiff(edit('three').replace('-a', '-one'), 'three', { branch: 'main' })
      const before = await headOf(served.bare, 'main')
      await expect(adapter.mergeBranch('right', 'main')).rejects.toBeInstanceOf(MergeConflictError)
      expect(await headOf(served.bare, 'main')).toBe(before)
      await git(served.bare, 'fsck', '--strict')
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('opens a pull request once, then updates it instead of duplicating; draft, labels, reviewers', async () => {
    const repo = await makeTempRepo({ 'a.txt': 'a\n' })
    const served = await serve(repo.path)
    try {
      const adapter = new GitHubAPIAdapter(served.client)
      const diff = 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+b\n'
      await adapter.applyDiff(diff, 'fix', { branch: 'self-heal/abc', base: 'main' })
      const first = await adapter.createPullRequest({
        head: 'self-heal/abc',
        title: 'Fix it',
        body: 'one',
        draft: true,
        labels: ['self-heal'],
        reviewers: ['octocat']
      })
      expect(first.action).toBe('created')
      expect(first.base).toBe('main')
      const second = await adapter.createPullRequest({
        head: 'self-heal/abc',
        title: 'Fix it again',
        body: 'two'
      })
      expect(second.action).toBe('updated')
      expect(second.number).toBe(first.number)
      const { data } = await served.client.octokit.rest.pulls.get({
        owner: 'octo',
        repo: 'repo',
        pull_number: first.number
      })
      expect(data.title).toBe('Fix it again')
      expect(data.body).toBe('two')
      expect(data.draft).toBe(true)
      expect(data.labels.map(l => l.name)).toContain('self-heal')
      expect((data.requested_reviewers ?? []).map(u => u.login)).toContain('octocat')
      const open = await served.client.octokit.rest.pulls.list({ owner: 'octo', repo: 'repo', state: 'open' })
      expect(open.data).toHaveLength(1)
      await expect(adapter.createPullRequest({ head: 'self-heal/abc', title: ' ' })).rejects.toBeInstanceOf(
        InvalidInputError
      )
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })
})

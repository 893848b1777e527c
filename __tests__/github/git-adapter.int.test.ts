/**
 * GitHubAPIAdapter's pull requests through the emulator, beyond the Git contract (which covers branches, diffs,
 * history and merges): drafts, labels and reviewers.
 */
import { GitHubAPIAdapter } from '../../src/adapters/github/git.js'
import { InvalidInputError } from '../../src/errors.js'
import { makeTempRepo } from '../helpers/git.js'
import { serve } from './support.js'

describe('GitHubAPIAdapter', () => {
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

  it('opens a regular pull request where drafts are not allowed, and warns about refused labels', async () => {
    const repo = await makeTempRepo({ 'a.txt': 'a\n' })
    const served = await serve(repo.path)
    try {
      const warnings: string[] = []
      const adapter = new GitHubAPIAdapter(served.client, { warn: m => warnings.push(m) })
      const diff = 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+b\n'
      await adapter.applyDiff(diff, 'fix', { branch: 'self-heal/draft', base: 'HEAD' })
      served.emulator.failNext(
        { operationId: 'pulls/create' },
        { status: 422, body: { message: 'Draft pull requests are not supported in this repository.' } }
      )
      const pr = await adapter.createPullRequest({
        head: 'self-heal/draft',
        title: 'Fix',
        draft: true,
        labels: [' ']
      })
      expect(pr.action).toBe('created')
      const { data } = await served.client.octokit.rest.pulls.get({
        owner: 'octo',
        repo: 'repo',
        pull_number: pr.number
      })
      expect(data.draft).toBe(false)
      expect(warnings.join('\n')).toMatch(/draft/)
      expect(warnings.join('\n')).toMatch(new RegExp(`#${pr.number} is created, but`))
    } finally {
      served.emulator.clearViolations()
      await served.close()
      await repo.cleanup()
    }
  })
})

/**
 * GitHubAPIAdapter's pull requests through the emulator, beyond the Git contract (which covers branches, diffs,
 * history and merges): drafts, labels and reviewers; a fix branch's content replaced by a compare-and-swap, and a
 * fingerprint's closed pull request found whatever its branch is called.
 */
import { GitHubAPIAdapter } from '../../src/adapters/github/git.js'
import { ConflictError, InvalidInputError, RefNotFoundError } from '../../src/errors.js'
import { fingerprintMarker, withFingerprintMarker } from '../../src/heal/own-branch.js'
import { REPLACED_MARKER, declinedBy, propose } from '../../src/heal/propose.js'
import type { HealFix } from '../../src/heal/types.js'
import { git, makeTempRepo } from '../helpers/git.js'
import { serve } from './support.js'

const ID = '0123456789abcdef'
const TO_B = 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+b\n'
const TO_C = 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+c\n'
const fixOf = (diff: string): HealFix => ({
  source: 'fixer',
  fixers: ['fixer'],
  diff,
  stats: { files: 1, added: 1, removed: 1 }
})
const quiet = { info: () => undefined, warning: () => undefined, debug: () => undefined }

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

  it("replaces the content of self-heal's own branch by a compare-and-swap, says so on its pull request, and never moves a branch that moved", async () => {
    const repo = await makeTempRepo({ 'a.txt': 'a\n', 'b.txt': 'b\n' })
    const served = await serve(repo.path)
    try {
      const adapter = new GitHubAPIAdapter(served.client)
      const main = await git(served.bare, 'rev-parse', 'main')
      const branchChange = (from: string, to: string) =>
        adapter.getDiff(from, to).catch((error: unknown) => {
          if (error instanceof RefNotFoundError) return undefined
          throw error
        })
      const print = { id: ID, kind: 'lint' as const, basis: 'output' as const, signatures: ['x'], version: 1 }
      const heal = (diff: string) => propose(adapter, branchChange, fixOf(diff), print, 'main', 'lint', quiet)
      const branch = `self-heal/${ID}`
      const first = await heal(TO_B)
      expect(first.proposal).toMatchObject({ action: 'created', pullRequest: { action: 'created' } })
      const made = first.proposal!.commit!
      expect(await adapter.branchCommits('main', branch)).toEqual({
        head: made,
        commits: [expect.objectContaining({ sha: made, committerEmail: 'noreply@github.com' })]
      })
      const second = await heal(TO_C)
      expect(second).toMatchObject({
        ok: true,
        proposal: { action: 'replaced', replaced: made, pullRequest: { action: 'updated' } }
      })
      const replaced = second.proposal!.commit!
      expect(await git(served.bare, 'rev-parse', `${branch}^`)).toBe(main)
      expect(await git(served.bare, 'show', `${branch}:a.txt`)).toBe('c')
      const number = second.proposal!.pullRequest!.number
      const { data: pr } = await served.client.octokit.rest.pulls.get({
        owner: 'octo',
        repo: 'repo',
        pull_number: number
      })
      expect(pr.body).toContain(fingerprintMarker(ID))
      const { data: comments } = await served.client.octokit.rest.issues.listComments({
        owner: 'octo',
        repo: 'repo',
        issue_number: number
      })
      expect(comments.map(c => c.body)).toEqual([expect.stringContaining(REPLACED_MARKER)])

      // A stale expectation, and a push between the read and the swap: nothing moves.
      await expect(
        adapter.applyDiff(TO_B, 'stale', { branch, base: 'main', replacing: made })
      ).rejects.toBeInstanceOf(ConflictError)
      served.emulator.onNextRequest({ operationId: 'git/create-commit' }, async () => {
        await served.emulator.pushFiles({ branch, files: { 'b.txt': 'theirs\n' }, message: 'theirs' })
      })
      const raced = await heal(TO_B)
      expect(raced).toMatchObject({ ok: false })
      expect(raced.reason).toMatch(/moved while its content was being replaced/)
      const theirs = await git(served.bare, 'rev-parse', branch)
      expect(theirs).not.toBe(replaced)
      expect(await git(served.bare, 'show', `${branch}:b.txt`)).toBe('theirs')
      // Someone else's commit is on it now: it is left alone.
      const after = await heal(TO_B)
      expect(after.reason).toMatch(/commits self-heal did not make .*theirs/)
      expect(await git(served.bare, 'rev-parse', branch)).toBe(theirs)

      await expect(adapter.deleteBranch(branch, replaced)).rejects.toBeInstanceOf(ConflictError)
      // A GitHub without updateRefs (an older Enterprise Server): the branch is compared, then deleted.
      served.emulator.failNext(
        { path: '/graphql' },
        {
          status: 200,
          body: { errors: [{ message: "Field 'updateRefs' doesn't exist on type 'Mutation'" }] }
        }
      )
      served.emulator.resetStats()
      await adapter.deleteBranch(branch, theirs)
      expect(await adapter.branchHead(branch)).toBeUndefined()
      expect(served.emulator.stats().operations['git/delete-ref']?.writes).toBe(1)
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('declines a fingerprint whose pull request was closed unmerged, whatever its branch is called; a closed one keeps the head it was closed at', async () => {
    const repo = await makeTempRepo({ 'a.txt': 'a\n' })
    const served = await serve(repo.path)
    try {
      const adapter = new GitHubAPIAdapter(served.client)
      const octokit = served.client.octokit
      await adapter.applyDiff(TO_B, 'fix', { branch: 'renamed/fix', base: 'main' })
      const pr = await adapter.createPullRequest({
        head: 'renamed/fix',
        title: 'Fix',
        body: withFingerprintMarker('The fix.', ID)
      })
      expect(await declinedBy(adapter, `self-heal/${ID}`, ID)).toBeUndefined()
      await octokit.rest.pulls.update({
        owner: 'octo',
        repo: 'repo',
        pull_number: pr.number,
        state: 'closed'
      })
      const closedAt = await git(served.bare, 'rev-parse', 'renamed/fix')
      await served.emulator.pushFiles({ branch: 'renamed/fix', files: { 'a.txt': 'later\n' } })
      expect((await adapter.findPullRequests('renamed/fix'))[0]).toMatchObject({
        state: 'closed',
        merged: false,
        headSha: closedAt,
        body: expect.stringContaining(fingerprintMarker(ID))
      })
      await adapter.deleteBranch('renamed/fix')
      const declined = await declinedBy(adapter, `self-heal/${ID}`, ID)
      expect(declined).toMatchObject({ pullRequest: pr.url })
      expect(declined!.reason).toMatch(new RegExp(`#${pr.number} .*restoring renamed/fix`))
      expect(await declinedBy(adapter, `self-heal/${ID}`, 'fedcba9876543210')).toBeUndefined()
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })
})

/** The emulator's pull request merges (merge commit, squash), conversation comments, assignees and reviews. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import { git } from '../helpers/git.js'
import { rejectionOf } from './support.js'

describe('emulator merges, comments, assignees and reviews', () => {
  let t: TestEmulator
  let gitDir: string
  const repo = { owner: 'octo', repo: 'repo' }

  /** A branch `name` off main with one commit writing `files`, and its pull request into main. */
  async function pullRequest(
    name: string,
    files: Record<string, string>
  ): Promise<{ number: number; head: string }> {
    const base = await git(gitDir, 'rev-parse', 'main')
    const { data: tree } = await t.octokit.rest.git.createTree({
      ...repo,
      base_tree: base,
      tree: Object.entries(files).map(([path, content]) => ({
        path,
        mode: '100644' as const,
        type: 'blob' as const,
        content
      }))
    })
    const { data: commit } = await t.octokit.rest.git.createCommit({
      ...repo,
      message: name,
      tree: tree.sha,
      parents: [base]
    })
    await t.octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${name}`, sha: commit.sha })
    const { data } = await t.octokit.rest.pulls.create({ ...repo, title: name, head: name, base: 'main' })
    return { number: data.number, head: commit.sha }
  }

  beforeAll(async () => {
    t = await startTestEmulator()
    gitDir = t.emulator.repository.gitDir
  })

  afterAll(async () => {
    await t.close()
  })

  it('merges a pull request with a merge commit: closed, merged, the branch kept; a closed one is not mergeable', async () => {
    const { number, head } = await pullRequest('merged', { 'm.txt': 'm\n' })
    const main = await git(gitDir, 'rev-parse', 'main')
    const merged = await t.octokit.rest.pulls.merge({ ...repo, pull_number: number })
    expect(merged.data).toMatchObject({ merged: true, message: 'Pull Request successfully merged' })
    expect(await git(gitDir, 'rev-parse', `${merged.data.sha}^1`, `${merged.data.sha}^2`)).toBe(
      `${main}\n${head}`
    )
    const { data: pr } = await t.octokit.rest.pulls.get({ ...repo, pull_number: number })
    expect(pr).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: merged.data.sha })
    expect(pr.merged_at).not.toBeNull()
    expect(await git(gitDir, 'rev-parse', 'merged')).toBe(head)
    const again = await rejectionOf(t.octokit.rest.pulls.merge({ ...repo, pull_number: number }))
    expect(again.status).toBe(405)
  })

  it('squash-merges: one commit on the base with the changes, the head not an ancestor; a stale sha is refused', async () => {
    const { number, head } = await pullRequest('squashed', { 's.txt': 's\n' })
    const stale = await rejectionOf(
      t.octokit.rest.pulls.merge({ ...repo, pull_number: number, sha: '0'.repeat(40) })
    )
    expect(stale.status).toBe(409)
    const main = await git(gitDir, 'rev-parse', 'main')
    const { data } = await t.octokit.rest.pulls.merge({
      ...repo,
      pull_number: number,
      merge_method: 'squash'
    })
    expect(await git(gitDir, 'rev-list', '--parents', '-n1', data.sha)).toBe(`${data.sha} ${main}`)
    expect(await git(gitDir, 'show', `${data.sha}:s.txt`)).toBe('s')
    expect(await git(gitDir, 'log', '-1', '--format=%s', data.sha)).toBe(`squashed (#${number})`)
    const ancestor = await git(gitDir, 'merge-base', '--is-ancestor', head, 'main').then(
      () => true,
      () => false
    )
    expect(ancestor).toBe(false)
    const listed = await t.octokit.rest.pulls.list({ ...repo, state: 'closed', head: 'octo:squashed' })
    expect(listed.data.map(pr => [pr.number, pr.merged_at !== null])).toEqual([[number, true]])
  })

  it('posts, lists and edits conversation comments, and assigns', async () => {
    const { number } = await pullRequest('talk', { 't.txt': 't\n' })
    const created = await t.octokit.rest.issues.createComment({
      ...repo,
      issue_number: number,
      body: 'first'
    })
    expect(created.status).toBe(201)
    expect(created.data.user).toMatchObject({ login: 'github-actions[bot]', type: 'Bot' })
    await t.octokit.rest.issues.updateComment({ ...repo, comment_id: created.data.id, body: 'edited' })
    await t.octokit.rest.issues.createComment({ ...repo, issue_number: number, body: 'second' })
    const { data } = await t.octokit.rest.issues.listComments({ ...repo, issue_number: number })
    expect(data.map(c => c.body)).toEqual(['edited', 'second'])
    const missing = await rejectionOf(
      t.octokit.rest.issues.updateComment({ ...repo, comment_id: 1, body: 'x' })
    )
    expect(missing.status).toBe(404)
    const empty = await rejectionOf(
      t.octokit.rest.issues.createComment({ ...repo, issue_number: number, body: '' })
    )
    expect(empty.status).toBe(422)
    const assigned = await t.octokit.rest.issues.addAssignees({
      ...repo,
      issue_number: number,
      assignees: ['bob', 'bob', 'eve']
    })
    expect(assigned.data.assignees?.map(u => u.login)).toEqual(['bob', 'eve'])
    const { data: pr } = await t.octokit.rest.pulls.get({ ...repo, pull_number: number })
    expect(pr.assignees?.map(u => u.login)).toEqual(['bob', 'eve'])
    expect(pr.comments).toBe(2)
  })

  it('reviews with line comments on the lines the diff shows, and refuses a line it does not', async () => {
    await t.emulator.pushFiles({
      branch: 'main',
      files: { 'long.txt': Array.from({ length: 20 }, (_, i) => `line ${i + 1}\n`).join('') }
    })
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}\n`)
    lines[1] = 'changed 2\n'
    const { number, head } = await pullRequest('review', { 'long.txt': lines.join('') })
    const review = await t.octokit.rest.pulls.createReview({
      ...repo,
      pull_number: number,
      event: 'COMMENT',
      body: 'Suggestions',
      comments: [
        { path: 'long.txt', line: 2, side: 'RIGHT', body: '```suggestion\nline 2\n```' },
        { path: 'long.txt', start_line: 1, line: 3, side: 'RIGHT', start_side: 'RIGHT', body: 'range' }
      ]
    })
    expect(review.data).toMatchObject({ state: 'COMMENTED', body: 'Suggestions', commit_id: head })
    const { data: comments } = await t.octokit.rest.pulls.listReviewComments({ ...repo, pull_number: number })
    expect(comments.map(c => [c.path, c.start_line, c.line, c.pull_request_review_id])).toEqual([
      ['long.txt', null, 2, review.data.id],
      ['long.txt', 1, 3, review.data.id]
    ])
    expect(comments[0].diff_hunk).toMatch(/^@@ -1,5 \+1,5 @@/)
    // Line 15 is far from the change: GitHub's diff does not show it.
    const far = await rejectionOf(
      t.octokit.rest.pulls.createReview({
        ...repo,
        pull_number: number,
        event: 'COMMENT',
        body: 'x',
        comments: [{ path: 'long.txt', line: 15, body: 'no' }]
      })
    )
    expect(far.status).toBe(422)
    expect(far.message).toMatch(/Line could not be resolved/)
    const { data: reviews } = await t.octokit.rest.pulls.listReviews({ ...repo, pull_number: number })
    expect(reviews.map(r => r.id)).toEqual([review.data.id])
  })
})

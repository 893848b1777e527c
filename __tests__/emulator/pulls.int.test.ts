import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import { git } from '../helpers/git.js'
import { rejectionOf } from './support.js'

describe('emulator pulls, merges and labels', () => {
  let t: TestEmulator
  let gitDir: string
  const repo = { owner: 'octo', repo: 'repo' }

  /** Makes branch `name` with one commit on `from` writing `files`. */
  async function branch(name: string, from: string, files: Record<string, string>): Promise<string> {
    const base = await git(gitDir, 'rev-parse', from)
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
    return commit.sha
  }

  beforeAll(async () => {
    t = await startTestEmulator()
    gitDir = t.emulator.repository.gitDir
  })

  afterAll(async () => {
    await t.close()
  })

  it('creates a pull request, refuses a duplicate, lists, gets and updates it', async () => {
    const sha = await branch('self-heal/abc', 'main', { 'fix.txt': 'fixed\n' })
    const created = await t.octokit.rest.pulls.create({
      ...repo,
      title: 'Fix',
      head: 'self-heal/abc',
      base: 'main',
      body: 'b'
    })
    expect(created.status).toBe(201)
    expect(created.data.head.sha).toBe(sha)
    expect(created.data.changed_files).toBe(1)
    expect(created.data.mergeable).toBe(true)
    const duplicate = await rejectionOf(
      t.octokit.rest.pulls.create({ ...repo, title: 'Again', head: 'octo:self-heal/abc', base: 'main' })
    )
    expect(duplicate.status).toBe(422)
    expect(duplicate.message).toMatch(/A pull request already exists for octo:self-heal\/abc\./)
    const missing = await rejectionOf(
      t.octokit.rest.pulls.create({ ...repo, title: 'x', head: 'nope', base: 'main' })
    )
    expect(missing.status).toBe(422)

    const byHead = await t.octokit.rest.pulls.list({ ...repo, head: 'octo:self-heal/abc', state: 'open' })
    expect(byHead.data.map(p => p.number)).toEqual([created.data.number])
    expect((await t.octokit.rest.pulls.list({ ...repo, head: 'octo:other' })).data).toEqual([])
    // Without the owner prefix GitHub ignores the filter: a client that forgets it sees every pull request.
    await branch('unrelated', 'main', { 'u.txt': 'u\n' })
    await t.octokit.rest.pulls.create({ ...repo, title: 'Unrelated', head: 'unrelated', base: 'main' })
    expect((await t.octokit.rest.pulls.list({ ...repo, head: 'self-heal/abc' })).data).toHaveLength(2)
    const paged = await t.octokit.paginate(t.octokit.rest.pulls.list, { ...repo, state: 'all', per_page: 1 })
    expect(paged.map(p => p.title).sort()).toEqual(['Fix', 'Unrelated'])
    const diff = await t.octokit.rest.pulls.get({
      ...repo,
      pull_number: created.data.number,
      mediaType: { format: 'diff' }
    })
    expect(diff.data as unknown as string).toMatch(/^diff --git a\/fix.txt b\/fix.txt\nnew file mode 100644/)

    const updated = await t.octokit.rest.pulls.update({
      ...repo,
      pull_number: created.data.number,
      title: 'Fix v2',
      state: 'closed'
    })
    expect(updated.data.title).toBe('Fix v2')
    expect(updated.data.state).toBe('closed')
    expect((await t.octokit.rest.pulls.list({ ...repo, head: 'octo:self-heal/abc' })).data).toEqual([])
    const closed = await t.octokit.rest.pulls.list({ ...repo, head: 'octo:self-heal/abc', state: 'closed' })
    expect(closed.data).toHaveLength(1)
    const got = await t.octokit.rest.pulls.get({ ...repo, pull_number: created.data.number })
    expect(got.data.closed_at).not.toBeNull()
    expect((await rejectionOf(t.octokit.rest.pulls.get({ ...repo, pull_number: 999 }))).status).toBe(404)

    const labels = await t.octokit.rest.issues.addLabels({
      ...repo,
      issue_number: created.data.number,
      labels: ['self-heal', 'bot']
    })
    expect(labels.data.map(l => l.name)).toEqual(['self-heal', 'bot'])
    const reviewers = await t.octokit.rest.pulls.requestReviewers({
      ...repo,
      pull_number: created.data.number,
      reviewers: ['alice']
    })
    expect(reviewers.data.requested_reviewers?.map(u => u.login)).toEqual(['alice'])
  })

  it('merges: 201 with a real merge commit, 204 when nothing to merge, 409 on conflict', async () => {
    await branch('left', 'main', { 'shared.txt': 'left\n' })
    await branch('right', 'main', { 'shared.txt': 'right\n' })
    await branch('other', 'main', { 'other.txt': 'other\n' })
    const merged = await t.octokit.rest.repos.merge({ ...repo, base: 'left', head: 'other' })
    expect(merged.status).toBe(201)
    expect(merged.data.parents).toHaveLength(2)
    expect(await git(gitDir, 'show', 'left:other.txt')).toBe('other')
    expect(await git(gitDir, 'rev-parse', 'left')).toBe(merged.data.sha)
    const nothing = await t.octokit.rest.repos.merge({ ...repo, base: 'left', head: 'other' })
    expect(nothing.status).toBe(204)
    const conflict = await rejectionOf(t.octokit.rest.repos.merge({ ...repo, base: 'left', head: 'right' }))
    expect(conflict.status).toBe(409)
    expect(conflict.message).toMatch(/Merge conflict/)
    expect(await git(gitDir, 'fsck', '--strict')).toBeDefined()
  })
})

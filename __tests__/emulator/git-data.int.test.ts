import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import { git } from '../helpers/git.js'
import { cloneOf, link, put, rejectionOf } from './support.js'

describe('emulator git data API', () => {
  let t: TestEmulator
  let gitDir: string
  const repo = { owner: 'octo', repo: 'repo' }

  beforeAll(async () => {
    t = await startTestEmulator({ treeTruncateAt: 5, tokens: { 'no-workflows': ['contents'] } })
    gitDir = t.emulator.repository.gitDir
  })

  afterAll(async () => {
    await t.close()
  })

  async function head(): Promise<string> {
    return git(gitDir, 'rev-parse', 'refs/heads/main')
  }

  it('creates and reads blobs in utf-8 and base64, byte for byte', async () => {
    const binary = Buffer.from([0, 1, 2, 255, 254, 10, 13, 0])
    const text = await t.octokit.rest.git.createBlob({ ...repo, content: 'héllo\n', encoding: 'utf-8' })
    const bin = await t.octokit.rest.git.createBlob({
      ...repo,
      content: binary.toString('base64'),
      encoding: 'base64'
    })
    expect(text.status).toBe(201)
    expect(text.data.sha).toBe('5fb50d3c93474f139362304b663fe44e9d17a26e')
    expect(await git(gitDir, 'cat-file', '-p', text.data.sha)).toBe('héllo')
    const read = await t.octokit.rest.git.getBlob({ ...repo, file_sha: bin.data.sha })
    expect(read.data.encoding).toBe('base64')
    expect(Buffer.from(read.data.content, 'base64')).toEqual(binary)
    expect(read.data.size).toBe(binary.length)
    expect(
      (await rejectionOf(t.octokit.rest.git.getBlob({ ...repo, file_sha: '0'.repeat(40) }))).status
    ).toBe(404)
  })

  it('builds trees on base_tree with inline content, deletions and every mode, equal to what git builds', async () => {
    const base = await head()
    const { data: baseCommit } = await t.octokit.rest.git.getCommit({ ...repo, commit_sha: base })
    const script = await t.octokit.rest.git.createBlob({
      ...repo,
      content: '#!/bin/sh\necho hi\n',
      encoding: 'utf-8'
    })
    const submodule = 'a'.repeat(40)
    const first = await t.octokit.rest.git.createTree({
      ...repo,
      base_tree: baseCommit.tree.sha,
      tree: [
        { path: 'src/a.txt', mode: '100644', type: 'blob', content: 'a\n' },
        { path: 'src/deep/b.txt', mode: '100644', type: 'blob', content: 'b\n' },
        { path: 'bin/run.sh', mode: '100755', type: 'blob', sha: script.data.sha },
        { path: 'link', mode: '120000', type: 'blob', content: 'src/a.txt' },
        { path: 'vendor/lib', mode: '160000', type: 'commit', sha: submodule }
      ]
    })
    expect(first.status).toBe(201)
    const second = await t.octokit.rest.git.createTree({
      ...repo,
      base_tree: first.data.sha,
      tree: [
        { path: 'src/deep/b.txt', mode: '100644', type: 'blob', sha: null },
        {
          path: 'copy',
          mode: '040000',
          type: 'tree',
          sha: first.data.tree.find(e => e.path === 'src')?.sha as string
        }
      ]
    })
    const commit = await t.octokit.rest.git.createCommit({
      ...repo,
      message: 'API commit',
      tree: second.data.sha,
      parents: [base]
    })
    expect(commit.data.verification.verified).toBe(true)
    expect(commit.data.parents[0]?.sha).toBe(base)
    await t.octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: commit.data.sha })
    expect(await git(gitDir, 'fsck', '--strict')).toBeDefined()

    const clone = await cloneOf(gitDir)
    try {
      await git(clone.path, 'reset', '-q', '--hard', base)
      await put(clone.path, 'src/a.txt', 'a\n')
      await put(clone.path, 'copy/a.txt', 'a\n')
      await put(clone.path, 'copy/deep/b.txt', 'b\n')
      await put(clone.path, 'bin/run.sh', '#!/bin/sh\necho hi\n', 0o755)
      await link(clone.path, 'link', 'src/a.txt')
      await git(clone.path, 'add', '-A')
      await git(clone.path, 'update-index', '--add', '--cacheinfo', `160000,${submodule},vendor/lib`)
      expect(await git(clone.path, 'write-tree')).toBe(second.data.sha)
    } finally {
      await clone.cleanup()
    }

    const recursive = await t.octokit.rest.git.getTree({
      ...repo,
      tree_sha: second.data.sha,
      recursive: 'true'
    })
    expect(recursive.data.truncated).toBe(true)
    expect(recursive.data.tree).toHaveLength(5)
    const byBranch = await t.octokit.rest.git.getTree({ ...repo, tree_sha: 'main' })
    expect(byBranch.data.truncated).toBe(false)
    expect(byBranch.data.tree.map(e => `${e.mode} ${e.type} ${e.path}`)).toEqual([
      '100644 blob README.md',
      '040000 tree bin',
      '040000 tree copy',
      '120000 blob link',
      '040000 tree src',
      '040000 tree vendor'
    ])
  })

  it('reads annotated tags through refs and git/get-tag', async () => {
    const commit = await head()
    await git(gitDir, 'tag', '-a', 'v1.0.0', '-m', 'Release 1.0.0', commit)
    const { data: ref } = await t.octokit.rest.git.getRef({ ...repo, ref: 'tags/v1.0.0' })
    expect(ref.object.type).toBe('tag')
    const { data: tag } = await t.octokit.rest.git.getTag({ ...repo, tag_sha: ref.object.sha })
    expect(tag).toMatchObject({
      tag: 'v1.0.0',
      message: 'Release 1.0.0\n',
      object: { sha: commit, type: 'commit' }
    })
    expect(tag.tagger.name).toBe('Test Committer')
    expect((await rejectionOf(t.octokit.rest.git.getTag({ ...repo, tag_sha: commit }))).status).toBe(404)
  })

  it('refuses malformed tree entries with 422', async () => {
    const bad = [
      { path: '/abs', mode: '100644', type: 'blob', content: 'x' },
      { path: 'a/../b', mode: '100644', type: 'blob', content: 'x' },
      { path: 'x', mode: '100644', type: 'tree', content: 'x' },
      { path: 'x', mode: '100644', type: 'blob', sha: 'b'.repeat(40) },
      { path: 'x', mode: '100644', type: 'blob' },
      { path: 'not/there.txt', mode: '100644', type: 'blob', sha: null }
    ] as const
    const messages = []
    for (const entry of bad) {
      const failure = await rejectionOf(
        t.octokit.rest.git.createTree({ ...repo, base_tree: await head(), tree: [entry] })
      )
      expect(failure.status).toBe(422)
      messages.push(failure.message)
    }
    expect(messages[4]).toMatch(/^Must supply either tree.sha or tree.content/)
    expect(messages[5]).toMatch(/^GitRPC::BadObjectState/)
  })

  it('creates, lists, updates (fast-forward unless forced) and deletes refs', async () => {
    const base = await head()
    const created = await t.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/feature/x', sha: base })
    expect(created.status).toBe(201)
    const exists = await rejectionOf(
      t.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/feature/x', sha: base })
    )
    expect(exists.status).toBe(422)
    expect(exists.message).toMatch(/Reference already exists/)
    const matching = await t.octokit.rest.git.listMatchingRefs({ ...repo, ref: 'heads/feature' })
    expect(matching.data.map(r => r.ref)).toEqual(['refs/heads/feature/x'])

    const { data: tree } = await t.octokit.rest.git.createTree({
      ...repo,
      base_tree: base,
      tree: [{ path: 'f.txt', mode: '100644', type: 'blob', content: 'f' }]
    })
    const child = await t.octokit.rest.git.createCommit({
      ...repo,
      message: 'child',
      tree: tree.sha,
      parents: [base]
    })
    const sibling = await t.octokit.rest.git.createCommit({
      ...repo,
      message: 'sibling',
      tree: tree.sha,
      parents: [base],
      author: { name: 'A', email: 'a@example.com', date: '2026-01-02T03:04:05Z' }
    })
    expect(sibling.data.verification.verified).toBe(false)
    expect(sibling.data.author.date).toBe('2026-01-02T03:04:05Z')
    await t.octokit.rest.git.updateRef({ ...repo, ref: 'heads/feature/x', sha: child.data.sha })
    const notFf = await rejectionOf(
      t.octokit.rest.git.updateRef({ ...repo, ref: 'heads/feature/x', sha: sibling.data.sha })
    )
    expect(notFf.status).toBe(422)
    expect(notFf.message).toMatch(/Update is not a fast forward/)
    const forced = await t.octokit.rest.git.updateRef({
      ...repo,
      ref: 'heads/feature/x',
      sha: sibling.data.sha,
      force: true
    })
    expect(forced.data.object.sha).toBe(sibling.data.sha)
    expect(await git(gitDir, 'rev-parse', 'refs/heads/feature/x')).toBe(sibling.data.sha)
    const deleted = await t.octokit.rest.git.deleteRef({ ...repo, ref: 'heads/feature/x' })
    expect(deleted.status).toBe(204)
    expect((await rejectionOf(t.octokit.rest.git.getRef({ ...repo, ref: 'heads/feature/x' }))).status).toBe(
      404
    )
    expect(
      (await rejectionOf(t.octokit.rest.git.deleteRef({ ...repo, ref: 'heads/feature/x' }))).status
    ).toBe(422)
  })

  it('lets a test push between two requests, so a non-forced ref update is refused', async () => {
    const base = await head()
    const { data: tree } = await t.octokit.rest.git.createTree({
      ...repo,
      base_tree: base,
      tree: [{ path: 'mine.txt', mode: '100644', type: 'blob', content: 'mine' }]
    })
    const { data: mine } = await t.octokit.rest.git.createCommit({
      ...repo,
      message: 'mine',
      tree: tree.sha,
      parents: [base]
    })
    let pushed = ''
    t.emulator.resetStats()
    t.emulator.onNextRequest({ operationId: 'git/update-ref' }, async () => {
      pushed = await t.emulator.pushFiles({
        branch: 'main',
        files: { 'theirs.txt': 'theirs', 'README.md': null }
      })
    })
    const refused = await rejectionOf(
      t.octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: mine.sha })
    )
    expect(refused.status).toBe(422)
    expect(await head()).toBe(pushed)
    expect(await git(gitDir, 'show', `${pushed}:theirs.txt`)).toBe('theirs')
    expect(await git(gitDir, 'ls-tree', '--name-only', pushed)).not.toMatch(/README\.md/)
    expect(t.emulator.stats().operations['git/update-ref']?.writes).toBe(1)
  })

  it('refuses a push touching .github/workflows without the workflows permission', async () => {
    const base = await head()
    const client = t.clientFor('no-workflows')
    const { data: tree } = await client.rest.git.createTree({
      ...repo,
      base_tree: base,
      tree: [{ path: '.github/workflows/ci.yml', mode: '100644', type: 'blob', content: 'on: push\n' }]
    })
    const { data: commit } = await client.rest.git.createCommit({
      ...repo,
      message: 'wf',
      tree: tree.sha,
      parents: [base]
    })
    const refused = await rejectionOf(
      client.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: commit.sha })
    )
    expect(refused.status).toBe(403)
    expect(refused.message).toMatch(
      /refusing to allow a GitHub App to create or update workflow `.github\/workflows\/ci.yml` without `workflows` permission/
    )
    expect(await head()).toBe(base)
    await t.octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: commit.sha })
    expect(await head()).toBe(commit.sha)
  })
})

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import { git, gitRaw } from '../helpers/git.js'
import { cloneOf, put, rejectionOf } from './support.js'

describe('emulator contents, commits and compare', () => {
  let t: TestEmulator
  let gitDir: string
  const repo = { owner: 'octo', repo: 'repo' }

  beforeAll(async () => {
    t = await startTestEmulator()
    gitDir = t.emulator.repository.gitDir
  })

  afterAll(async () => {
    await t.close()
  })

  it('creates, reads, updates (sha required, 409 when stale) and deletes a file', async () => {
    const created = await t.octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'docs/guide.md',
      message: 'Add guide',
      content: Buffer.from('v1\n').toString('base64')
    })
    expect(created.status).toBe(201)
    const sha1 = created.data.content?.sha as string
    expect(await git(gitDir, 'show', 'main:docs/guide.md')).toBe('v1')
    expect(created.data.commit.verification?.verified).toBe(true)

    const read = await t.octokit.rest.repos.getContent({ ...repo, path: 'docs/guide.md' })
    const file = read.data as { type: string; content: string; encoding: string; sha: string }
    expect(file.type).toBe('file')
    expect(Buffer.from(file.content, 'base64').toString()).toBe('v1\n')
    expect(file.sha).toBe(sha1)

    const noSha = await rejectionOf(
      t.octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: 'docs/guide.md',
        message: 'm',
        content: 'djI='
      })
    )
    expect(noSha.status).toBe(422)
    expect(noSha.message).toMatch(/"sha" wasn't supplied/)
    const updated = await t.octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'docs/guide.md',
      message: 'Update guide',
      content: Buffer.from('v2\n').toString('base64'),
      sha: sha1
    })
    expect(updated.status).toBe(200)
    const stale = await rejectionOf(
      t.octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: 'docs/guide.md',
        message: 'stale',
        content: 'djM=',
        sha: sha1
      })
    )
    expect(stale.status).toBe(409)

    const dir = await t.octokit.rest.repos.getContent({ ...repo, path: 'docs' })
    expect(Array.isArray(dir.data) && dir.data.map(e => `${e.type}:${e.path}`)).toEqual([
      'file:docs/guide.md'
    ])

    const deleted = await t.octokit.rest.repos.deleteFile({
      ...repo,
      path: 'docs/guide.md',
      message: 'Remove guide',
      sha: updated.data.content?.sha as string
    })
    expect(deleted.data.content).toBeNull()
    expect(
      (await rejectionOf(t.octokit.rest.repos.getContent({ ...repo, path: 'docs/guide.md' }))).status
    ).toBe(404)
    expect(await git(gitDir, 'fsck', '--strict')).toBeDefined()
  })

  it('describes symlinks, submodules and directories as GitHub does', async () => {
    const base = await git(gitDir, 'rev-parse', 'main')
    const submodule = 'c'.repeat(40)
    const { data: tree } = await t.octokit.rest.git.createTree({
      ...repo,
      base_tree: base,
      tree: [
        { path: 'special/target.txt', mode: '100755', type: 'blob', content: 'x' },
        { path: 'special/link', mode: '120000', type: 'blob', content: 'target.txt' },
        { path: 'special/sub', mode: '160000', type: 'commit', sha: submodule }
      ]
    })
    const { data: commit } = await t.octokit.rest.git.createCommit({
      ...repo,
      message: 'special',
      tree: tree.sha,
      parents: [base]
    })
    await t.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/special', sha: commit.sha })
    const listing = await t.octokit.rest.repos.getContent({ ...repo, path: 'special', ref: 'special' })
    expect((listing.data as { type: string; name: string }[]).map(e => `${e.type}:${e.name}`)).toEqual([
      'symlink:link',
      'submodule:sub',
      'file:target.txt'
    ])
    const symlink = await t.octokit.rest.repos.getContent({ ...repo, path: 'special/link', ref: 'special' })
    expect(symlink.data).toMatchObject({ type: 'symlink', target: 'target.txt' })
    const sub = await t.octokit.rest.repos.getContent({ ...repo, path: 'special/sub', ref: 'special' })
    expect(sub.data).toMatchObject({ type: 'submodule', sha: submodule })
    const missingRef = await rejectionOf(
      t.octokit.rest.repos.getContent({ ...repo, path: 'x', ref: 'no-such-branch' })
    )
    expect(missingRef.status).toBe(404)
    expect(missingRef.message).toMatch(/No commit found for the ref no-such-branch/)
  })

  it('applies the 1 MB rule and serves the raw media type', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 'x')
    const { data } = await t.octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'big.bin',
      message: 'big',
      content: big.toString('base64')
    })
    const json = (await t.octokit.rest.repos.getContent({ ...repo, path: 'big.bin' })).data as {
      content: string
      encoding: string
      size: number
    }
    expect(json.encoding).toBe('none')
    const download = await fetch((json as unknown as { download_url: string }).download_url)
    expect(download.status).toBe(200)
    expect(Buffer.from(await download.arrayBuffer()).equals(big)).toBe(true)
    expect(json.content).toBe('')
    expect(json.size).toBe(big.length)
    const raw = await t.octokit.rest.repos.getContent({
      ...repo,
      path: 'big.bin',
      mediaType: { format: 'raw' }
    })
    expect(Buffer.from(raw.data as unknown as ArrayBuffer).equals(big)).toBe(true)
    expect(data.commit.sha).toBe(await git(gitDir, 'rev-parse', 'main'))
  })

  it('lets a concurrent push between two requests make the Contents API answer 409', async () => {
    const { data } = await t.octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'race.txt',
      message: 'race',
      content: Buffer.from('1').toString('base64')
    })
    t.emulator.onNextRequest({ method: 'PUT', path: '/repos/{owner}/{repo}/contents/{path}' }, async () => {
      const clone = await cloneOf(gitDir)
      try {
        await put(clone.path, 'race.txt', 'concurrent')
        await git(clone.path, 'commit', '-qam', 'concurrent push')
        await git(clone.path, 'push', '-q', 'origin', 'main')
      } finally {
        await clone.cleanup()
      }
    })
    const stale = await rejectionOf(
      t.octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: 'race.txt',
        message: 'mine',
        content: Buffer.from('2').toString('base64'),
        sha: data.content?.sha as string
      })
    )
    expect(stale.status).toBe(409)
    expect(await git(gitDir, 'show', 'main:race.txt')).toBe('concurrent')
  })

  it('lists commits and compares branches as JSON and as a git diff that applies', async () => {
    const base = await git(gitDir, 'rev-parse', 'main')
    await t.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/topic', sha: base })
    const binary = Buffer.from([0, 159, 146, 150, 0, 1])
    const { data: blob } = await t.octokit.rest.git.createBlob({
      ...repo,
      content: binary.toString('base64'),
      encoding: 'base64'
    })
    const { data: tree } = await t.octokit.rest.git.createTree({
      ...repo,
      base_tree: base,
      tree: [
        { path: 'README.md', mode: '100644', type: 'blob', content: '# changed\nline\n' },
        { path: 'data.bin', mode: '100644', type: 'blob', sha: blob.sha },
        { path: 'race.txt', mode: '100644', type: 'blob', sha: null }
      ]
    })
    const { data: commit } = await t.octokit.rest.git.createCommit({
      ...repo,
      message: 'topic work',
      tree: tree.sha,
      parents: [base]
    })
    await t.octokit.rest.git.updateRef({ ...repo, ref: 'heads/topic', sha: commit.sha })

    const list = await t.octokit.rest.repos.listCommits({ ...repo, sha: 'topic', per_page: 2 })
    expect(list.data.map(c => c.sha)).toEqual([commit.sha, base])
    expect(list.headers.link).toMatch(/rel="next"/)
    const single = await t.octokit.rest.repos.getCommit({ ...repo, ref: commit.sha })
    expect(single.data.files?.map(f => `${f.status}:${f.filename}`).sort()).toEqual([
      'added:data.bin',
      'modified:README.md',
      'removed:race.txt'
    ])

    const cmp = await t.octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...topic' })
    expect(cmp.data.status).toBe('ahead')
    expect(cmp.data.ahead_by).toBe(1)
    expect(cmp.data.commits.map(c => c.sha)).toEqual([commit.sha])
    const readme = cmp.data.files?.find(f => f.filename === 'README.md')
    expect(readme?.patch).toMatch(/^@@ .* @@\n-# octo\/repo\n\+# changed\n\+line$/)

    const diff = await t.octokit.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: 'main...topic',
      mediaType: { format: 'diff' }
    })
    const text = diff.data as unknown as string
    expect(text).toContain('GIT binary patch')
    const clone = await cloneOf(gitDir)
    try {
      await put(clone.path, '../patch.diff', text)
      await git(clone.path, 'apply', '--index', '../patch.diff')
      expect(await git(clone.path, 'write-tree')).toBe(tree.sha)
      expect(await gitRaw(clone.path, 'show', ':data.bin')).toEqual(binary)
    } finally {
      await clone.cleanup()
    }
  })
})

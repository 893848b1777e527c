/**
 * GitHubAPIAdapter.applyDiff through the emulator (a real bare repository behind GitHub's REST and GraphQL API):
 * every corpus diff gives the tree `git apply` gives, `git fsck` stays clean, and faults end with no lost or
 * partial commit and no moved ref.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { GitHubAPIAdapter } from '../../src/adapters/github/git.js'
import { UnrepresentableChangeError } from '../../src/adapters/github/errors.js'
import { ConflictError, DiffDoesNotApplyError } from '../../src/errors.js'
import { git, makeTempDir, makeTempRepo } from '../helpers/git.js'
import { CORPUS, buildCase } from '../diff/corpus.js'
import { gitApplyTree } from '../diff/git-tree.js'
import { fsck, headOf, serve } from './support.js'

const BRANCH = 'self-heal/test'

/** Commits a change to `branch` of the bare repository from a temp clone (a concurrent push). */
async function pushFrom(bare: string, branch: string, files: Record<string, string>): Promise<string> {
  const dir = await makeTempDir('self-heal-pusher-')
  try {
    await git(dir.path, 'clone', '-q', '--branch', branch, '--', bare, 'w')
    const work = join(dir.path, 'w')
    for (const [path, content] of Object.entries(files)) await writeFile(join(work, path), content)
    await git(work, 'add', '-A')
    await git(work, 'commit', '-q', '-m', 'concurrent push')
    await git(work, 'push', '-q', 'origin', `HEAD:refs/heads/${branch}`)
    return await git(work, 'rev-parse', 'HEAD')
  } finally {
    await dir.cleanup()
  }
}

/** Corpus cases the shared corpus (run in contracts.int.test.ts) does not have. */
const EXTRA_CASES = new Set([
  'new and deleted files, empty files',
  'copies',
  'unicode, space and tab in paths',
  'non-UTF-8 text',
  'submodules',
  'complete rewrite (-B) and rename with a mode change',
  'file becomes directory'
])

describe('applyDiff through the emulator: the corpus', () => {
  it('names only corpus cases that exist', () => {
    expect(CORPUS.filter(c => EXTRA_CASES.has(c.name))).toHaveLength(EXTRA_CASES.size)
  })

  for (const c of CORPUS.filter(c => EXTRA_CASES.has(c.name))) {
    it(`commits git's tree: ${c.name}`, async () => {
      const built = await buildCase(c)
      const served = await serve(built.repo.path)
      try {
        const adapter = new GitHubAPIAdapter(served.client)
        const result = await adapter.applyDiff(built.diff, `fix: ${c.name}`, { branch: BRANCH, base: 'main' })
        expect(result.tree).toBe(built.expectedTree)
        expect(result.createdBranch).toBe(true)
        expect(await headOf(served.bare, BRANCH)).toBe(result.commit)
        expect(await git(served.bare, 'rev-parse', `${result.commit}^`)).toBe(built.base)
        expect(await headOf(served.bare, 'main')).toBe(built.base)
        await fsck(served.bare)
        // Committed with no author given: the emulator (as GitHub) fills in the token's identity.
        const stats = served.emulator.stats().operations
        expect(stats['git/create-commit']?.writes).toBe(1)
        expect(stats['git/create-ref']?.writes).toBe(1)
        expect(stats['git/update-ref']).toBeUndefined()
      } finally {
        await served.close()
        await built.repo.cleanup()
      }
    })
  }

  it('reads no file contents over the API when a local checkout holds the base', async () => {
    const built = await buildCase(CORPUS.find(c => c.name.startsWith('binary'))!)
    const served = await serve(built.repo.path)
    try {
      const adapter = new GitHubAPIAdapter(served.client, { localRepository: built.repo.path })
      const result = await adapter.applyDiff(built.diff, 'fix', { branch: BRANCH, base: 'main' })
      expect(result.tree).toBe(built.expectedTree)
      const ops = served.emulator.stats().operations
      expect(ops['git/get-blob']).toBeUndefined()
      expect(ops['git/get-tree']).toBeUndefined()
      expect(ops['repos/get-content']).toBeUndefined()
      expect(ops['graphql']).toBeUndefined()
      await fsck(served.bare)
    } finally {
      await served.close()
      await built.repo.cleanup()
    }
  })

  it('falls back to the API when the local checkout lacks the base commit (a shallow clone)', async () => {
    const built = await buildCase(CORPUS.find(c => c.name === 'copies')!)
    const unrelated = await makeTempRepo({ 'x.txt': 'x\n' })
    const served = await serve(built.repo.path)
    try {
      const adapter = new GitHubAPIAdapter(served.client, { localRepository: unrelated.path })
      const result = await adapter.applyDiff(built.diff, 'fix', { branch: BRANCH, base: 'main' })
      expect(result.tree).toBe(built.expectedTree)
      expect(served.emulator.stats().operations['git/get-tree']?.reads).toBe(1)
    } finally {
      await served.close()
      await built.repo.cleanup()
      await unrelated.cleanup()
    }
  })

  it('chunks the tree by entries and bytes, and sends large text as a blob, with the same tree', async () => {
    const built = await buildCase(CORPUS.find(c => c.name === 'unicode, space and tab in paths')!)
    const served = await serve(built.repo.path)
    try {
      const adapter = new GitHubAPIAdapter(served.client, { treeChunkEntries: 2, treeChunkBytes: 40 })
      const result = await adapter.applyDiff(built.diff, 'fix', { branch: BRANCH, base: 'main' })
      expect(result.tree).toBe(built.expectedTree)
      const ops = served.emulator.stats().operations
      expect(ops['git/create-tree']?.writes).toBeGreaterThanOrEqual(3)
      expect(ops['git/create-blob']?.writes).toBeGreaterThanOrEqual(1)
      await fsck(served.bare)
    } finally {
      await served.close()
      await built.repo.cleanup()
    }
  })

  it('commits a 1,000-file diff in ⌈N/100⌉ + 3 writes at most, with the tree git apply makes', async () => {
    const repo = await makeTempRepo({ 'README.md': '# many\n' })
    try {
      const path = (i: number) => join(repo.path, `pkg${i % 10}`, `file-${i}.txt`)
      await Promise.all(Array.from({ length: 10 }, (_, d) => mkdir(join(repo.path, `pkg${d}`))))
      await Promise.all(
        Array.from({ length: 1000 }, (_, i) => writeFile(path(i), `line one of ${i}\nline two\n`))
      )
      await git(repo.path, 'add', '-A')
      await git(repo.path, 'commit', '-q', '-m', 'many files')
      const base = await git(repo.path, 'rev-parse', 'HEAD')
      await Promise.all(
        Array.from({ length: 1000 }, (_, i) => writeFile(path(i), `line one of ${i}\nchanged\n`))
      )
      const diff = (await git(repo.path, 'diff', '--binary')) + '\n'
      const expected = await gitApplyTree(repo.path, base, diff)
      const served = await serve(repo.path)
      try {
        const adapter = new GitHubAPIAdapter(served.client, { localRepository: repo.path })
        const result = await adapter.applyDiff(diff, 'fix 1000 files', { branch: 'main' })
        expect(result.tree).toBe(expected)
        expect(result.files).toBe(1000)
        const { totals } = served.emulator.stats()
        expect(totals.writes).toBeLessThanOrEqual(Math.ceil(1000 / 100) + 3)
        await fsck(served.bare)
      } finally {
        await served.close()
      }
    } finally {
      await repo.cleanup()
    }
  })
})

describe('applyDiff through the emulator: GraphQL createCommitOnBranch', () => {
  it('commits text changes with the same tree', async () => {
    const built = await buildCase(CORPUS.find(c => c.name.startsWith('text edits'))!)
    const served = await serve(built.repo.path)
    try {
      const adapter = new GitHubAPIAdapter(served.client, { commitMode: 'graphql' })
      const result = await adapter.applyDiff(built.diff, 'fix: text\n\nbody', {
        branch: BRANCH,
        base: 'main'
      })
      expect(result.tree).toBe(built.expectedTree)
      expect(await headOf(served.bare, BRANCH)).toBe(result.commit)
      await fsck(served.bare)
    } finally {
      await served.close()
      await built.repo.cleanup()
    }
  })

  it('refuses symlinks and mode changes by name, and moves no ref', async () => {
    for (const name of ['symlinks', 'mode changes']) {
      const built = await buildCase(CORPUS.find(c => c.name === name)!)
      const served = await serve(built.repo.path)
      try {
        const adapter = new GitHubAPIAdapter(served.client, { commitMode: 'graphql' })
        const error = await adapter
          .applyDiff(built.diff, 'fix', { branch: BRANCH, base: 'main' })
          .catch(e => e)
        expect(error).toBeInstanceOf(UnrepresentableChangeError)
        expect(error.message).toMatch(name === 'symlinks' ? /symlink/ : /mode/)
        expect(await headOf(served.bare, BRANCH)).toBeUndefined()
        expect(await headOf(served.bare, 'main')).toBe(built.base)
      } finally {
        await served.close()
        await built.repo.cleanup()
      }
    }
  })
})

describe('applyDiff through the emulator: faults', () => {
  const base = { 'a.txt': 'a\nb\nc\n', 'other.txt': 'o\n' }
  const diff = 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n'

  async function setup() {
    const repo = await makeTempRepo(base)
    const served = await serve(repo.path)
    const start = await git(served.bare, 'rev-parse', 'refs/heads/main')
    return { repo, served, start, adapter: new GitHubAPIAdapter(served.client) }
  }

  it('re-applies on the new head when a concurrent push did not touch the files', async () => {
    const { repo, served, adapter } = await setup()
    try {
      let pushed = ''
      served.emulator.onNextRequest({ operationId: 'git/update-ref' }, async () => {
        pushed = await pushFrom(served.bare, 'main', { 'other.txt': 'changed by someone else\n' })
      })
      const result = await adapter.applyDiff(diff, 'fix', { branch: 'main' })
      expect(pushed).toMatch(/^[0-9a-f]{40}$/)
      expect(await git(served.bare, 'rev-parse', `${result.commit}^`)).toBe(pushed)
      expect(await headOf(served.bare, 'main')).toBe(result.commit)
      expect(await gitApplyTree(served.bare, pushed, diff)).toBe(result.tree)
      expect(await git(served.bare, 'show', `${result.commit}:other.txt`)).toBe('changed by someone else')
      await fsck(served.bare)
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('is a ConflictError, with nothing committed, when the concurrent push touched the same file', async () => {
    const { repo, served, adapter } = await setup()
    try {
      let pushed = ''
      served.emulator.onNextRequest({ operationId: 'git/update-ref' }, async () => {
        pushed = await pushFrom(served.bare, 'main', { 'a.txt': 'a\nb\nc\nd\n' })
      })
      const error = await adapter.applyDiff(diff, 'fix', { branch: 'main' }).catch(e => e)
      expect(error).toBeInstanceOf(ConflictError)
      expect(error.files).toEqual(['a.txt'])
      expect(await headOf(served.bare, 'main')).toBe(pushed)
      await fsck(served.bare)
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('waits out a secondary rate limit per retry-after and commits once', async () => {
    const { repo, served, adapter } = await setup()
    try {
      served.emulator.triggerSecondaryRateLimit({ retryAfter: 1, times: 1 })
      served.emulator.triggerSecondaryRateLimit({ status: 429, retryAfter: 1, times: 1 })
      const result = await adapter.applyDiff(diff, 'fix', { branch: 'main' })
      expect(await headOf(served.bare, 'main')).toBe(result.commit)
      expect(served.warnings.join('\n')).toMatch(/secondary rate limit/)
      expect(served.emulator.stats().operations['git/create-commit']?.writes).toBe(1)
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('retries a 502 on tree creation; when it persists, fails with no ref moved', async () => {
    const { repo, served, start, adapter } = await setup()
    try {
      served.emulator.failNext({ operationId: 'git/create-tree' }, { status: 502 })
      const result = await adapter.applyDiff(diff, 'fix', { branch: 'main' })
      expect(await headOf(served.bare, 'main')).toBe(result.commit)

      served.emulator.failNext({ operationId: 'git/create-tree' }, { status: 502 }, 10)
      const error = await adapter
        .applyDiff(diff.replace(/B/g, 'X').replace('-b', '-B'), 'again', { branch: 'main' })
        .catch(e => e)
      expect(error).toBeInstanceOf(Error)
      expect(error.message).toMatch(/creating the commit tree/)
      expect(await headOf(served.bare, 'main')).toBe(result.commit)
      expect(start).not.toBe(result.commit)
      await fsck(served.bare)
    } finally {
      served.emulator.clearFaults()
      await served.close()
      await repo.cleanup()
    }
  })

  it('survives a dropped connection on the commit and on the ref update, committing exactly once', async () => {
    const { repo, served, start, adapter } = await setup()
    try {
      served.emulator.dropNext({ operationId: 'git/get-tree' })
      served.emulator.dropNext({ operationId: 'git/create-commit' })
      served.emulator.dropNext({ operationId: 'git/update-ref' })
      const result = await adapter.applyDiff(diff, 'fix', { branch: 'main' })
      expect(await headOf(served.bare, 'main')).toBe(result.commit)
      expect(await git(served.bare, 'rev-parse', `${result.commit}^`)).toBe(start)
      expect(await git(served.bare, 'rev-list', '--count', 'main')).toBe('2')
      await fsck(served.bare)
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('re-applies through createCommitOnBranch when expectedHeadOid went stale', async () => {
    const { repo, served } = await setup()
    try {
      const adapter = new GitHubAPIAdapter(served.client, { commitMode: 'graphql' })
      let pushed = ''
      served.emulator.onNextRequest({ path: '/graphql' }, async () => {
        pushed = await pushFrom(served.bare, 'main', { 'other.txt': 'moved\n' })
      })
      const result = await adapter.applyDiff(diff, 'fix', { branch: 'main' })
      expect(await git(served.bare, 'rev-parse', `${result.commit}^`)).toBe(pushed)
      expect(await gitApplyTree(served.bare, pushed, diff)).toBe(result.tree)
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('reads base files over REST when GraphQL is unavailable', async () => {
    const { repo, served, adapter } = await setup()
    try {
      served.emulator.failNext({ path: '/graphql' }, { status: 502 }, 20)
      const twoFiles =
        diff +
        diff
          .replace(/a\.txt/g, 'other.txt')
          .replace(' a\n-b\n+B\n c\n', '-o\n+O\n')
          .replace('-1,3 +1,3', '-1 +1')
      const result = await adapter.applyDiff(twoFiles, 'fix', { branch: 'main' })
      expect(await git(served.bare, 'show', `${result.commit}:other.txt`)).toBe('O')
      expect(served.emulator.stats().operations['git/get-blob']?.reads).toBe(2)
    } finally {
      served.emulator.clearFaults()
      await served.close()
      await repo.cleanup()
    }
  })

  it('retries an attempt that timed out, and the branch gets exactly one commit', async () => {
    const { repo, served, start } = await setup()
    try {
      const adapter = new GitHubAPIAdapter(served.clientWith({ timeoutMs: 300 }))
      served.emulator.addLatency({ operationId: 'git/update-ref' }, 1000, 1)
      const result = await adapter.applyDiff(diff, 'fix', { branch: 'main' })
      expect(await headOf(served.bare, 'main')).toBe(result.commit)
      expect(await git(served.bare, 'rev-parse', `${result.commit}^`)).toBe(start)
      await fsck(served.bare)
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('finds base files in a truncated recursive tree by walking subtrees', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 30; i++) files[`d${i % 5}/f${i}.txt`] = `x${i}\n`
    const repo = await makeTempRepo(files)
    const served = await serve(repo.path, { treeTruncateAt: 10 })
    try {
      const patch =
        'diff --git a/d4/f29.txt b/d4/f29.txt\n--- a/d4/f29.txt\n+++ b/d4/f29.txt\n@@ -1 +1 @@\n-x29\n+y29\n'
      const result = await new GitHubAPIAdapter(served.client).applyDiff(patch, 'fix', { branch: 'main' })
      expect(await git(served.bare, 'show', `${result.commit}:d4/f29.txt`)).toBe('y29')
      expect(await gitApplyTree(served.bare, `${result.commit}^`, patch)).toBe(result.tree)
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })

  it('names the file and hunk of a diff that does not apply, and moves nothing', async () => {
    const { repo, served, start, adapter } = await setup()
    try {
      const bad = diff.replace(' c\n', ' z\n')
      const error = await adapter.applyDiff(bad, 'fix', { branch: 'main' }).catch(e => e)
      expect(error).toBeInstanceOf(DiffDoesNotApplyError)
      expect(error.file).toBe('a.txt')
      expect(error.hunk).toBe('@@ -1,3 +1,3 @@')
      expect(await headOf(served.bare, 'main')).toBe(start)
      expect(served.emulator.stats().totals.writes).toBe(0)
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })
})

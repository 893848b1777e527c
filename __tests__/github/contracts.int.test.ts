/**
 * The Storage and Git contract suites against the GitHub adapters, through the emulator; and the shared diff
 * corpus committed through the API, each tree equal to the one `git apply` makes.
 */
import { describe, expect, it } from '@jest/globals'
import { GitHubAPIAdapter } from '../../src/adapters/github/git.js'
import { GitHubStorageAdapter } from '../../src/adapters/github/storage.js'
import { GIT_CONTRACT_SEED, gitContract } from '../contracts/git-contract.js'
import { storageContract } from '../contracts/storage-contract.js'
import { DIFF_CORPUS, prepareCase } from '../helpers/diff-corpus.js'
import { git, makeTempRepo } from '../helpers/git.js'
import { fsck, serve, type Served } from './support.js'

/** Commits a symlink (mode 120000) on main through the API, as another client would. */
async function commitSymlink(served: Served, path: string, target: string): Promise<void> {
  const { octokit } = served.client
  const repo = { owner: 'octo', repo: 'repo' }
  const { data: ref } = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })
  const { data: commit } = await octokit.rest.git.getCommit({ ...repo, commit_sha: ref.object.sha })
  const { data: tree } = await octokit.rest.git.createTree({
    ...repo,
    base_tree: commit.tree.sha,
    tree: [{ path, mode: '120000', type: 'blob', content: target }]
  })
  const { data: next } = await octokit.rest.git.createCommit({
    ...repo,
    message: `link ${path}`,
    tree: tree.sha,
    parents: [ref.object.sha]
  })
  await octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: next.sha })
}

/** A temp repository with `files` served by the emulator; cleanup checks the bare repository with fsck first. */
async function servedRepository(
  files: Record<string, string>
): Promise<{ served: Served; cleanup(): Promise<void> }> {
  const repo = await makeTempRepo(files)
  const served = await serve(repo.path)
  return {
    served,
    async cleanup() {
      try {
        await fsck(served.bare)
      } finally {
        await served.close()
        await repo.cleanup()
      }
    }
  }
}

storageContract(
  'github-contents (emulator)',
  async () => {
    const { served, cleanup } = await servedRepository({ 'README.md': '# storage contract\n' })
    return {
      adapter: new GitHubStorageAdapter(served.client),
      makeSymlink: (path, target) => commitSymlink(served, path, target),
      cleanup
    }
  },
  { symlinks: true }
)

gitContract('github-api (emulator)', async () => {
  const { served, cleanup } = await servedRepository(GIT_CONTRACT_SEED)
  return { adapter: new GitHubAPIAdapter(served.client), gitDir: served.bare, defaultBranch: 'main', cleanup }
})

gitContract('github-api, commits through GraphQL createCommitOnBranch (emulator)', async () => {
  const { served, cleanup } = await servedRepository(GIT_CONTRACT_SEED)
  return {
    adapter: new GitHubAPIAdapter(served.client, { commitMode: 'graphql' }),
    gitDir: served.bare,
    defaultBranch: 'main',
    cleanup
  }
})

describe('GitHubAPIAdapter on the shared diff corpus', () => {
  it.each(DIFF_CORPUS.map(c => [c.name, c] as const))('%s', async (_name, corpusCase) => {
    const prepared = await prepareCase(corpusCase)
    const served = await serve(prepared.repo.path)
    try {
      const adapter = new GitHubAPIAdapter(served.client)
      const result = await adapter.applyDiff(prepared.diff, 'apply corpus case', {
        branch: 'corpus',
        base: 'main'
      })
      expect(result.tree).toBe(prepared.expectedTree)
      expect(await git(served.bare, 'rev-parse', `${result.commit}^`)).toBe(prepared.base)
      await fsck(served.bare)
    } finally {
      await served.close()
      await prepared.repo.cleanup()
    }
  })
})

/**
 * The Git port's contract, written once and run against every implementation (the git CLI, the GitHub API
 * through the emulator). Results are inspected with real git in the repository the adapter writes to.
 */
import { describe, expect, it, beforeEach, afterEach } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { GitAdapter } from '../../src/adapters/git.js'
import {
  BranchExistsError,
  DiffDoesNotApplyError,
  InvalidInputError,
  MergeConflictError,
  PathOutsideRepositoryError,
  RefNotFoundError
} from '../../src/errors.js'
import { GIT_ENV } from '../helpers/git.js'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)

/** What an implementation gives the suite. */
export interface GitHarness {
  /** The adapter under test. */
  adapter: GitAdapter
  /** The git directory the adapter's commits land in (a work tree's root or a bare repository). */
  gitDir: string
  /** The default branch, holding the files `seed` was given. */
  defaultBranch: string
  /** Removes everything. */
  cleanup(): Promise<void>
}

/** Files the suite seeds the default branch with (the harness must create exactly these, in one commit). */
export const GIT_CONTRACT_SEED: Record<string, string> = {
  'README.md': '# contract\n',
  'src/app.js': 'const a = 1\nconst b = 2\nconst c = 3\nmodule.exports = { a, b, c }\n',
  'docs/guide.md': 'one\ntwo\nthree\n'
}

async function g(gitDir: string, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('git', [`--git-dir=${await gitDirOf(gitDir)}`, ...args], {
    env: GIT_ENV
  })
  return stdout.replace(/\n$/, '')
}

async function gitDirOf(path: string): Promise<string> {
  const { stdout } = await execFileAsync('git', ['rev-parse', '--absolute-git-dir'], {
    cwd: path,
    env: GIT_ENV
  })
  return stdout.trim()
}

async function tryRev(gitDir: string, ref: string): Promise<string | undefined> {
  try {
    return await g(gitDir, 'rev-parse', '--verify', '--quiet', ref)
  } catch {
    return undefined
  }
}

/**
 * Commits `files` (path → content, null deletes) on `branch` of any repository (bare or not) with plumbing only,
 * so a test can move a branch the way another pusher would.
 */
export async function commitWithPlumbing(
  gitDir: string,
  branch: string,
  files: Record<string, string | null>,
  message = 'other change'
): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'contract-index-'))
  const dir = await gitDirOf(gitDir)
  const env = { ...GIT_ENV, GIT_INDEX_FILE: join(scratch, 'index') }
  const run = async (args: string[], input?: string) => {
    const child = execFileAsync('git', [`--git-dir=${dir}`, ...args], { env })
    if (input !== undefined) child.child.stdin?.end(input)
    return (await child).stdout.trim()
  }
  try {
    const parent = await run(['rev-parse', `refs/heads/${branch}`])
    await run(['read-tree', parent])
    for (const [path, content] of Object.entries(files)) {
      if (content === null) await run(['update-index', '--force-remove', '--', path])
      else {
        const blob = await run(['hash-object', '-w', '--stdin'], content)
        await run(['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`])
      }
    }
    const tree = await run(['write-tree'])
    const commit = await run(['commit-tree', tree, '-p', parent, '-m', message])
    await run(['update-ref', `refs/heads/${branch}`, commit, parent])
    return commit
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

function editDiff(): string {
  return [
    'diff --git a/src/app.js b/src/app.js',
    '--- a/src/app.js',
    '+++ b/src/app.js',
    '@@ -1,4 +1,4 @@',
    ' const a = 1',
    '-const b = 2',
    '+const b = 20',
    ' const c = 3',
    ' module.exports = { a, b, c }',
    'diff --git a/docs/new.md b/docs/new.md',
    'new file mode 100644',
    '--- /dev/null',
    '+++ b/docs/new.md',
    '@@ -0,0 +1 @@',
    '+new',
    ''
  ].join('\n')
}

/** Runs the Git contract against an implementation. */
export function gitContract(name: string, makeHarness: () => Promise<GitHarness>): void {
  describe(`GitAdapter contract: ${name}`, () => {
    let h: GitHarness
    beforeEach(async () => {
      h = await makeHarness()
    })
    afterEach(async () => {
      await h.cleanup()
    })

    it('creates a branch at the base and refuses to create it twice', async () => {
      const main = await g(h.gitDir, 'rev-parse', `refs/heads/${h.defaultBranch}`)
      await h.adapter.createBranch('feature/one', h.defaultBranch)
      expect(await g(h.gitDir, 'rev-parse', 'refs/heads/feature/one')).toBe(main)
      await expect(h.adapter.createBranch('feature/one', h.defaultBranch)).rejects.toBeInstanceOf(
        BranchExistsError
      )
    })

    it('refuses invalid branch names and unknown bases without creating anything', async () => {
      for (const bad of ['-x', 'a..b', 'with space', 'x.lock', '--force']) {
        await expect(h.adapter.createBranch(bad, h.defaultBranch)).rejects.toBeInstanceOf(InvalidInputError)
      }
      await expect(h.adapter.createBranch('ok-name', 'no-such-branch')).rejects.toBeInstanceOf(
        RefNotFoundError
      )
      expect(await tryRev(h.gitDir, 'refs/heads/ok-name')).toBeUndefined()
    })

    it('deletes a branch, and says so when there is none', async () => {
      await h.adapter.createBranch('to-delete', h.defaultBranch)
      await h.adapter.deleteBranch('to-delete')
      expect(await tryRev(h.gitDir, 'refs/heads/to-delete')).toBeUndefined()
      await expect(h.adapter.deleteBranch('to-delete')).rejects.toBeInstanceOf(RefNotFoundError)
    })

    it('applies a diff as one commit on a new branch based on the base, leaving the base alone', async () => {
      const main = await g(h.gitDir, 'rev-parse', `refs/heads/${h.defaultBranch}`)
      const result = await h.adapter.applyDiff(editDiff(), 'fix: b is 20', {
        branch: 'fix/b',
        base: h.defaultBranch
      })
      expect(result.branch).toBe('fix/b')
      expect(result.createdBranch).toBe(true)
      expect(result.files).toBe(2)
      expect(await g(h.gitDir, 'rev-parse', 'refs/heads/fix/b')).toBe(result.commit)
      expect(await g(h.gitDir, 'rev-parse', `${result.commit}^`)).toBe(main)
      expect(await g(h.gitDir, 'rev-parse', `${result.commit}^{tree}`)).toBe(result.tree)
      expect(await g(h.gitDir, 'show', `${result.commit}:src/app.js`)).toContain('const b = 20')
      expect(await g(h.gitDir, 'show', `${result.commit}:docs/new.md`)).toBe('new')
      expect((await g(h.gitDir, 'log', '-1', '--format=%B', result.commit)).trimEnd()).toBe('fix: b is 20')
      expect(await g(h.gitDir, 'rev-parse', `refs/heads/${h.defaultBranch}`)).toBe(main)
    })

    it('applies a diff on top of an existing branch', async () => {
      await h.adapter.createBranch('stack', h.defaultBranch)
      const first = await h.adapter.applyDiff(editDiff(), 'first', { branch: 'stack' })
      expect(first.createdBranch).toBe(false)
      const second = await h.adapter.applyDiff(
        'diff --git a/docs/new.md b/docs/new.md\n--- a/docs/new.md\n+++ b/docs/new.md\n@@ -1 +1 @@\n-new\n+newer\n',
        'second',
        { branch: 'stack' }
      )
      expect(await g(h.gitDir, 'rev-parse', `${second.commit}^`)).toBe(first.commit)
      expect(await g(h.gitDir, 'show', `${second.commit}:docs/new.md`)).toBe('newer')
    })

    it('refuses a diff that does not apply, naming the file and hunk, and moves nothing', async () => {
      const bad = editDiff().replace(' const c = 3', ' const c = 333')
      const error = await h.adapter
        .applyDiff(bad, 'bad', { branch: 'bad', base: h.defaultBranch })
        .catch(e => e)
      expect(error).toBeInstanceOf(DiffDoesNotApplyError)
      expect((error as DiffDoesNotApplyError).file).toBe('src/app.js')
      expect((error as Error).message).toContain('src/app.js')
      expect(await tryRev(h.gitDir, 'refs/heads/bad')).toBeUndefined()
    })

    it.each([
      [
        '../x',
        'diff --git a/../x b/../x\nnew file mode 100644\n--- /dev/null\n+++ b/../x\n@@ -0,0 +1 @@\n+x\n'
      ],
      ['/etc/x', '--- /etc/x\n+++ /etc/x\n@@ -1 +1 @@\n-a\n+b\n'],
      [
        '.git/config',
        'diff --git a/.git/config b/.git/config\nnew file mode 100644\n--- /dev/null\n+++ b/.git/config\n@@ -0,0 +1 @@\n+x\n'
      ]
    ])('refuses a diff touching %s and moves nothing', async (path, diff) => {
      const main = await g(h.gitDir, 'rev-parse', `refs/heads/${h.defaultBranch}`)
      const error = await h.adapter
        .applyDiff(diff, 'escape', { branch: 'escape', base: h.defaultBranch })
        .catch(e => e)
      expect(error).toBeInstanceOf(PathOutsideRepositoryError)
      expect((error as Error).message).toContain(path)
      expect(await tryRev(h.gitDir, 'refs/heads/escape')).toBeUndefined()
      expect(await g(h.gitDir, 'rev-parse', `refs/heads/${h.defaultBranch}`)).toBe(main)
    })

    it('gives a binary-safe diff between two refs that reproduces the head tree', async () => {
      const applied = await h.adapter.applyDiff(editDiff(), 'edit', {
        branch: 'for-diff',
        base: h.defaultBranch
      })
      const diff = await h.adapter.getDiff(h.defaultBranch, 'for-diff')
      expect(diff).toContain('+const b = 20')
      expect(diff).toContain('docs/new.md')
      const again = await h.adapter.applyDiff(diff, 'replay', { branch: 'replayed', base: h.defaultBranch })
      expect(again.tree).toBe(applied.tree)
    })

    it('merges: fast-forward, nothing to merge, and a conflict that changes nothing', async () => {
      const main = await g(h.gitDir, 'rev-parse', `refs/heads/${h.defaultBranch}`)
      await h.adapter.createBranch('target', h.defaultBranch)
      const applied = await h.adapter.applyDiff(editDiff(), 'edit', {
        branch: 'source',
        base: h.defaultBranch
      })
      const ff = await h.adapter.mergeBranch('source', 'target')
      expect(ff.merged).toBe(true)
      expect(await g(h.gitDir, 'rev-parse', `refs/heads/target^{tree}`)).toBe(applied.tree)
      expect((await h.adapter.mergeBranch('source', 'target')).merged).toBe(false)

      await h.adapter.createBranch('conflict-target', h.defaultBranch)
      const moved = await commitWithPlumbing(h.gitDir, 'conflict-target', {
        'src/app.js': 'const a = 1\nconst b = 99\nconst c = 3\nmodule.exports = { a, b, c }\n'
      })
      const error = await h.adapter.mergeBranch('source', 'conflict-target').catch(e => e)
      expect(error).toBeInstanceOf(MergeConflictError)
      expect(await g(h.gitDir, 'rev-parse', 'refs/heads/conflict-target')).toBe(moved)
      expect(await g(h.gitDir, 'rev-parse', `refs/heads/${h.defaultBranch}`)).toBe(main)
    })

    it('merges diverged branches without conflicts into a merge commit with both parents', async () => {
      await h.adapter.createBranch('diverged', h.defaultBranch)
      const theirs = await commitWithPlumbing(h.gitDir, 'diverged', { 'other.txt': 'other\n' })
      const ours = await h.adapter.applyDiff(editDiff(), 'edit', { branch: 'ours', base: h.defaultBranch })
      const merged = await h.adapter.mergeBranch('ours', 'diverged')
      expect(merged.merged).toBe(true)
      const parents = (await g(h.gitDir, 'log', '-1', '--format=%P', 'refs/heads/diverged')).split(' ')
      expect(parents.sort()).toEqual([theirs, ours.commit].sort())
      expect(await g(h.gitDir, 'show', 'refs/heads/diverged:other.txt')).toBe('other')
      expect(await g(h.gitDir, 'show', 'refs/heads/diverged:docs/new.md')).toBe('new')
    })

    it('lists recent commits newest first', async () => {
      await commitWithPlumbing(h.gitDir, h.defaultBranch, { 'x.txt': 'x\n' }, 'second commit\n\nwith a body')
      const commits = await h.adapter.getRecentCommits(5)
      expect(commits.length).toBeGreaterThanOrEqual(2)
      expect(commits[0].message).toBe('second commit\n\nwith a body')
      expect(commits[0].parents).toEqual([commits[1].sha])
      expect(commits[0].sha).toMatch(/^[0-9a-f]{40}$/)
      expect((await h.adapter.getRecentCommits(1)).length).toBe(1)
    })

    it('opens a pull request once and updates it the second time', async () => {
      await h.adapter.applyDiff(editDiff(), 'edit', { branch: 'self-heal/abc', base: h.defaultBranch })
      const first = await h.adapter.createPullRequest({ head: 'self-heal/abc', title: 'Fix b', body: 'one' })
      expect(first.action).toBe('created')
      expect(first.head).toBe('self-heal/abc')
      const second = await h.adapter.createPullRequest({
        head: 'self-heal/abc',
        title: 'Fix b again',
        body: 'two'
      })
      expect(second.action).toBe('updated')
      expect(second.number).toBe(first.number)
      const found = await h.adapter.findPullRequests('self-heal/abc', { state: 'all' })
      expect(found).toEqual([
        expect.objectContaining({ number: first.number, head: 'self-heal/abc', state: 'open', merged: false })
      ])
      expect(await h.adapter.findPullRequests('self-heal/none')).toEqual([])
    })

    it('keeps one comment with a marker on a pull request, updated in place', async () => {
      await h.adapter.applyDiff(editDiff(), 'edit', { branch: 'self-heal/talk', base: h.defaultBranch })
      const pr = await h.adapter.createPullRequest({ head: 'self-heal/talk', title: 'Talk' })
      const first = await h.adapter.upsertComment(pr.number, '<!-- marker -->', '<!-- marker -->\none')
      const second = await h.adapter.upsertComment(pr.number, '<!-- marker -->', '<!-- marker -->\ntwo')
      expect([first.action, second.action]).toEqual(['created', 'updated'])
      expect(second.id).toBe(first.id)
      const other = await h.adapter.upsertComment(pr.number, '<!-- other -->', '<!-- other -->\nthree')
      expect(other).toMatchObject({ action: 'created' })
      expect(other.id).not.toBe(first.id)
    })
  })
}

/**
 * LocalWorkspace's own bookkeeping against real git: how it finds the checkout, how it tells the index changed
 * without listing it each time, and the scratch index it keeps between heals (trusted only as it left it).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { mkdir, realpath, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LocalWorkspace } from '../../src/adapters/local/workspace.js'
import { ConfigurationError } from '../../src/errors.js'
import { GIT_ENV, git, makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** git with the scratch index kept between heals as its index. */
async function gitKept(root: string, ...args: string[]): Promise<void> {
  await run('git', args, {
    cwd: root,
    env: { ...GIT_ENV, GIT_INDEX_FILE: join(root, '.git/self-heal-index') }
  })
}

describe('LocalWorkspace', () => {
  let repo: TempDir

  beforeEach(async () => {
    repo = await makeTempRepo({ 'src/app.js': 'one\n', 'README.md': '# r\n' })
  })
  afterEach(async () => {
    await repo.cleanup()
  })

  it('opens the checkout from a subdirectory and a linked worktree, on a branch or detached', async () => {
    const head = await git(repo.path, 'rev-parse', 'HEAD')
    const outside = await makeTempDir()
    try {
      const linked = join(outside.path, 'linked')
      await git(repo.path, 'worktree', 'add', '-q', '--detach', linked)
      for (const [cwd, root, branch] of [
        [join(repo.path, 'src'), repo.path, 'main'],
        [linked, linked, undefined]
      ] as const) {
        const workspace = await LocalWorkspace.open(cwd)
        try {
          expect(workspace.root).toBe(await realpath(root))
          expect(workspace.head).toBe(head)
          expect(await workspace.currentBranch()).toBe(branch)
          expect(await workspace.repositoryChanges()).toEqual([])
          // The scratch directory is the checkout's own git directory's.
          const gitDir = await git(cwd, 'rev-parse', '--absolute-git-dir')
          expect(existsSync(join(gitDir, 'self-heal', 'journal.json'))).toBe(true)
        } finally {
          await workspace.close()
        }
      }
    } finally {
      await outside.cleanup()
    }
  })

  it('says what is missing: a repository, or a commit', async () => {
    const empty = await makeTempDir()
    try {
      await expect(LocalWorkspace.open(empty.path)).rejects.toThrow(/is not inside a git repository/)
      await git(empty.path, 'init', '-q', '-b', 'main')
      const opened = LocalWorkspace.open(empty.path)
      await expect(opened).rejects.toBeInstanceOf(ConfigurationError)
      await expect(opened).rejects.toThrow(/has no commit yet/)
    } finally {
      await empty.cleanup()
    }
  })

  it('tells a change to the index from git refreshing its stat data', async () => {
    const workspace = await LocalWorkspace.open(repo.path)
    try {
      await workspace.markRepository()
      // A check that runs `git status` rewrites the index with fresh stat data: its entries stay the same.
      const later = new Date(Date.now() + 5000)
      await utimes(join(repo.path, 'src/app.js'), later, later)
      const index = join(repo.path, '.git/index')
      const stat = statSync(index).ctimeMs
      await git(repo.path, 'status', '--porcelain')
      expect(statSync(index).ctimeMs).not.toBe(stat)
      expect(await workspace.repositoryChanges()).toEqual([])
      // Staging changes the entries.
      await writeFile(join(repo.path, 'new.txt'), 'x\n')
      await git(repo.path, 'add', 'new.txt')
      expect(await workspace.repositoryChanges()).toEqual([
        'the index changed (git add, git reset, git stash, ...)'
      ])
      // Back as it was (the entries, not the bytes): no change again.
      await git(repo.path, 'rm', '-q', '--cached', 'new.txt')
      expect(await workspace.repositoryChanges()).toEqual([])
    } finally {
      await workspace.close()
    }
  })

  it('lists the changed tracked files ahead once, and afresh after', async () => {
    const workspace = await LocalWorkspace.open(repo.path)
    try {
      workspace.lookAhead()
      expect(await workspace.changedTrackedFiles()).toEqual([])
      await writeFile(join(repo.path, 'src/app.js'), 'two\n')
      expect(await workspace.changedTrackedFiles()).toEqual(['src/app.js'])
    } finally {
      await workspace.close()
    }
  })

  it("lists the ignored files for the first fixer's guard alongside the first state, unless files changed since", async () => {
    await writeFile(join(repo.path, '.gitignore'), 'out/\n')
    await git(repo.path, 'add', '.gitignore')
    await git(repo.path, 'commit', '-q', '-m', 'ignore out/')
    await mkdir(join(repo.path, 'out'))
    // Right after the first state: the guard's list is the one taken with it, and a fixer's write is told.
    let workspace = await LocalWorkspace.open(repo.path)
    try {
      await workspace.snapshot()
      await workspace.guard()
      await writeFile(join(repo.path, 'out/planted.js'), 'x\n')
      expect((await workspace.outsideChanges()).map(change => change.path)).toEqual(['out/planted.js'])
      expect(existsSync(join(repo.path, 'out/planted.js'))).toBe(false)
    } finally {
      await workspace.close()
    }
    // A check that ran after the first state (a later state taken, or files put back) wrote out/report.txt before
    // the guard: it is no fixer's.
    for (const between of ['snapshot', 'restore'] as const) {
      workspace = await LocalWorkspace.open(repo.path)
      try {
        const start = await workspace.snapshot()
        await writeFile(join(repo.path, 'src/app.js'), 'candidate\n')
        await writeFile(join(repo.path, `out/report-${between}.txt`), 'a check wrote this\n')
        const candidate = await workspace.snapshot()
        if (between === 'restore') await workspace.restore(start, candidate)
        await workspace.guard()
        expect(await workspace.outsideChanges()).toEqual([])
        expect(existsSync(join(repo.path, `out/report-${between}.txt`))).toBe(true)
      } finally {
        await workspace.close()
      }
    }
  })

  it('keeps its scratch index for the next heal, and trusts it only as it left it', async () => {
    await writeFile(join(repo.path, 'notes.txt'), 'one\n')
    const first = await LocalWorkspace.open(repo.path)
    const state = await first.snapshot()
    // Nothing changed: the same state, from the same index.
    expect(await first.snapshot()).toBe(state)
    await first.close()
    expect(existsSync(join(repo.path, '.git/self-heal-index'))).toBe(true)
    expect(existsSync(join(repo.path, '.git/self-heal-index.seal'))).toBe(true)
    expect(existsSync(join(repo.path, '.git/self-heal'))).toBe(false)

    // The next heal starts from it: the files as they are now, the untracked one too.
    const second = await LocalWorkspace.open(repo.path)
    expect(await second.snapshot()).toBe(state)
    expect(existsSync(join(repo.path, '.git/self-heal-index'))).toBe(false)
    await writeFile(join(repo.path, 'notes.txt'), 'two\n')
    const changed = await second.snapshot()
    expect(await git(repo.path, 'show', `${changed}:notes.txt`)).toBe('two')
    await second.close()

    // Changed since (marked unchanged, so that git would not read the file again), it is not trusted.
    await gitKept(repo.path, 'update-index', '--assume-unchanged', 'notes.txt')
    await writeFile(join(repo.path, 'notes.txt'), 'three\n')
    const third = await LocalWorkspace.open(repo.path)
    try {
      expect(await git(repo.path, 'show', `${await third.snapshot()}:notes.txt`)).toBe('three')
    } finally {
      await third.close()
    }
  })

  it('edits each state from the one its index holds as git itself would write it', async () => {
    /** The files as `git add --all` and `write-tree` in an index of its own make them: what a state must be. */
    const truth = async (): Promise<string> => {
      const index = join(repo.path, '.git/truth-index')
      await rm(index, { force: true })
      const env = { ...GIT_ENV, GIT_INDEX_FILE: index }
      await run('git', ['add', '--all'], { cwd: repo.path, env })
      return (await run('git', ['write-tree'], { cwd: repo.path, env })).stdout.trim()
    }
    await mkdir(join(repo.path, 'src/deep/er'), { recursive: true })
    await writeFile(join(repo.path, 'src/deep/er/one.js'), 'one\n')
    await writeFile(join(repo.path, 'src/deep/two.js'), 'two\n')
    await git(repo.path, 'add', '.')
    await git(repo.path, 'commit', '-q', '-m', 'deeper')
    // 1 byte a directory: every state after the first is edited from the one before (the default does that only
    // where the index is large).
    const workspace = await LocalWorkspace.open(repo.path, { indexBytesPerEditedDirectory: 1 })
    try {
      const start = await workspace.snapshot()
      expect(start).toBe(await truth())
      const steps: [string, () => Promise<void>][] = [
        ['a file changed deep down', () => writeFile(join(repo.path, 'src/deep/er/one.js'), 'changed\n')],
        [
          'a file added in a new directory',
          async () => {
            await mkdir(join(repo.path, 'lib/new'), { recursive: true })
            await writeFile(join(repo.path, 'lib/new/three.js'), 'three\n')
          }
        ],
        ['a file removed, emptying its directory', () => rm(join(repo.path, 'src/deep/er/one.js'))],
        [
          'an executable and a link',
          async () => {
            await writeFile(join(repo.path, 'run.sh'), '#!/bin/sh\n', { mode: 0o755 })
            await symlink('src/app.js', join(repo.path, 'app-link'))
          }
        ],
        [
          'a file where a directory was',
          async () => {
            await rm(join(repo.path, 'src/deep'), { recursive: true })
            await writeFile(join(repo.path, 'src/deep'), 'now a file\n')
          }
        ]
      ]
      const states = [start]
      for (const [what, step] of steps) {
        await step()
        const state = await workspace.snapshot()
        expect([what, state]).toEqual([what, await truth()])
        states.push(state)
      }
      // The states were edited: the scratch index still holds the start's entries.
      const scratch = await run('git', ['ls-files', '--stage'], {
        cwd: repo.path,
        env: { ...GIT_ENV, GIT_INDEX_FILE: join(repo.path, '.git/self-heal/index') }
      })
      expect(scratch.stdout).toContain('\tsrc/deep/er/one.js\n')
      expect(scratch.stdout).not.toContain('lib/new/three.js')
      // Back at the start, every file as it was: the index still holds the start, so nothing is written.
      await workspace.restore(start, states.at(-1)!)
      expect(await workspace.snapshot()).toBe(start)
      expect(await truth()).toBe(start)
    } finally {
      await workspace.close()
    }
  })

  it('starts afresh when git pruned what the kept index names', async () => {
    await writeFile(join(repo.path, 'notes.txt'), 'one\n')
    const first = await LocalWorkspace.open(repo.path)
    const state = await first.snapshot()
    await first.close()
    // The untracked file's blob is in no ref: `git gc` may prune it (its tree too, or not).
    const blob = await git(repo.path, 'rev-parse', `${state}:notes.txt`)
    await rm(join(repo.path, '.git/objects', blob.slice(0, 2), blob.slice(2)))
    for (const pruneTree of [false, true]) {
      if (pruneTree) await git(repo.path, 'prune', '--expire=now')
      const next = await LocalWorkspace.open(repo.path)
      try {
        const now = await next.snapshot()
        expect(await git(repo.path, 'show', `${now}:notes.txt`)).toBe('one')
        expect(await next.untrackedFiles(now)).toEqual(['notes.txt'])
      } finally {
        await next.close()
      }
      // Each heal wrote the blob again; for the second round it goes once more.
      if (!pruneTree) await rm(join(repo.path, '.git/objects', blob.slice(0, 2), blob.slice(2)))
    }
  })

  it('drops the kept index after a heal that was killed (its fixer could have left one there)', async () => {
    await writeFile(join(repo.path, 'notes.txt'), 'one\n')
    const first = await LocalWorkspace.open(repo.path)
    await first.snapshot()
    await first.close()
    // A heal that ended without putting anything back: its scratch directory and journal are still there.
    await mkdir(join(repo.path, '.git/self-heal'))
    const head = await git(repo.path, 'rev-parse', 'HEAD')
    await writeFile(
      join(repo.path, '.git/self-heal/journal.json'),
      JSON.stringify({ pid: 2 ** 22 + 1, head, headRef: 'refs/heads/main' })
    )
    const next = await LocalWorkspace.open(repo.path)
    try {
      expect(next.recovered).toMatch(/was killed/)
      expect(existsSync(join(repo.path, '.git/self-heal-index'))).toBe(false)
      expect(existsSync(join(repo.path, '.git/self-heal-index.seal'))).toBe(false)
    } finally {
      await next.close()
    }
  })
})

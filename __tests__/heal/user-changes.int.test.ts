/**
 * Someone else's changes to a real checkout while a heal runs in it: the verifying check waits on a file
 * (`handshake` in programs.mjs) while the test, as the user, edits a file or commits, then lets it go on.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MemoryCacheAdapter } from '../../src/adapters/cache/memory.js'
import { LocalExecutionAdapter } from '../../src/adapters/local/execution.js'
import { LocalWorkspace } from '../../src/adapters/local/workspace.js'
import { MemoryGit } from '../../src/adapters/memory/git.js'
import { CheckoutChangedError } from '../../src/errors.js'
import { runHeal } from '../../src/heal/loop.js'
import { git, makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'

const PROGRAMS = fileURLToPath(new URL('../helpers/programs.mjs', import.meta.url))
const APP = 'const a = "BAD"\n'
const FILES = { 'src/app.js': APP, 'src/other.js': 'const fine = 1\n' }
const quiet = { info: () => undefined, warning: () => undefined, debug: () => undefined }

describe('changes nobody in the heal made, in a real checkout', () => {
  let repo: TempDir
  let scratch: TempDir
  let workspace: LocalWorkspace
  beforeEach(async () => {
    repo = await makeTempRepo(FILES)
    scratch = await makeTempDir('self-heal-user-')
    workspace = await LocalWorkspace.open(repo.path)
  })
  afterEach(async () => {
    await workspace.close()
    await repo.cleanup()
    await scratch.cleanup()
  })

  /** Heals with a check whose third run (the verification) waits for `act`, the user's doing, to end. */
  async function healWhile(act: () => Promise<void>): Promise<CheckoutChangedError> {
    const node = `node ${PROGRAMS}`
    const proposals = new MemoryGit(FILES)
    const healing = runHeal(
      {
        execution: new LocalExecutionAdapter({ root: repo.path }),
        workspace,
        repository: 'github:github.com/octo/repo',
        cache: async () => new MemoryCacheAdapter(),
        git: async () => proposals,
        log: quiet
      },
      {
        kind: 'lint',
        check: `${node} handshake ${scratch.path} 3 lint`,
        fixers: [`${node} replace src/app.js BAD good`]
      }
    ).then(
      () => undefined,
      (error: unknown) => error
    )
    while (!existsSync(join(scratch.path, 'waiting'))) await new Promise(r => setTimeout(r, 20))
    await act()
    await writeFile(join(scratch.path, 'go'), '')
    const error = await healing
    expect(error).toBeInstanceOf(CheckoutChangedError)
    expect(proposals.branches.size).toBe(1)
    return error as CheckoutChangedError
  }
  const read = (path: string) => readFile(join(repo.path, path), 'utf8')

  it('a file edited while the check verifies is kept; the fixer’s change is undone', async () => {
    const head = await git(repo.path, 'rev-parse', 'HEAD')
    const error = await healWhile(() => writeFile(join(repo.path, 'src/other.js'), 'const fine = 2\n'))
    expect(error.message).toMatch(/src\/other\.js changed while the check ran/)
    expect(await read('src/other.js')).toBe('const fine = 2\n')
    expect(await read('src/app.js')).toBe(APP)
    expect(await git(repo.path, 'status', '--porcelain', '--untracked-files=all')).toBe(' M src/other.js')
    expect(await git(repo.path, 'rev-parse', 'HEAD')).toBe(head)
  })

  it('a commit while the check verifies stays, and so do the files, as the message says', async () => {
    const error = await healWhile(async () => {
      await writeFile(join(repo.path, 'src/other.js'), 'const fine = 2\n')
      await git(repo.path, 'commit', '-q', '-m', 'mine', '--', 'src/other.js')
    })
    const mine = await git(repo.path, 'rev-parse', 'HEAD')
    expect(await git(repo.path, 'log', '-1', '--format=%s')).toBe('mine')
    expect(error.message).toContain(`HEAD moved from`)
    expect(error.message).toContain(`to ${mine.slice(0, 12)}`)
    expect(await read('src/app.js')).toBe('const a = "good"\n')
    // The command the message gives puts the fixer's change back, and nothing else.
    const restore = /`(git restore --source=\S+ -- )<path>`/.exec(error.message)![1]
    await git(repo.path, ...`${restore}src/app.js`.split(' ').slice(1))
    expect(await read('src/app.js')).toBe(APP)
    expect(await git(repo.path, 'status', '--porcelain', '--untracked-files=all')).toBe('')
  })
})

describe.each([
  ['in the checkout', false],
  ['in a copy of the checkout', true]
])('while a fixer runs %s', (_where, inCopy) => {
  let repo: TempDir
  let scratch: TempDir
  let workspace: LocalWorkspace
  beforeEach(async () => {
    repo = await makeTempRepo(FILES)
    scratch = await makeTempDir('self-heal-user-')
    workspace = await LocalWorkspace.open(repo.path)
  })
  afterEach(async () => {
    await workspace.close()
    await repo.cleanup()
    await scratch.cleanup()
  })
  const read = (path: string) => readFile(join(repo.path, path), 'utf8')

  // It stages in an index of its own and logs its ref updates under an address of its own.

  /**
   * Heals with a fixer that waits for `act`, the user's doing, before it changes src/app.js (and runs `more`, a
   * shell command of its own, after); resolves to the error the heal ended with, or its outcome.
   */
  async function healWhileFixing(act: () => Promise<void>, more = 'true') {
    const node = `node ${PROGRAMS}`
    const proposals = new MemoryGit(FILES)
    const healing = runHeal(
      {
        execution: new LocalExecutionAdapter({ root: repo.path }),
        workspace,
        repository: 'github:github.com/octo/repo',
        cache: async () => new MemoryCacheAdapter(),
        git: async () => proposals,
        log: quiet
      },
      {
        kind: 'lint',
        check: `${node} lint`,
        fixers: [`${node} handshake ${scratch.path} 1 replace src/app.js BAD good && ${more}`],
        fixersInCopy: inCopy
      }
    ).then(
      output => output,
      (error: unknown) => error
    )
    while (!existsSync(join(scratch.path, 'waiting'))) await new Promise(r => setTimeout(r, 20))
    await act()
    await writeFile(join(scratch.path, 'go'), '')
    return { ended: await healing, proposals }
  }

  it('staging by hand while a fixer runs ends the heal, and the index stays as they left it', async () => {
    const { ended, proposals } = await healWhileFixing(async () => {
      await writeFile(join(repo.path, 'src/other.js'), 'const fine = 2\n')
      await git(repo.path, 'add', 'src/other.js')
    })
    expect(ended).toBeInstanceOf(CheckoutChangedError)
    expect((ended as Error).message).toMatch(/the index changed .*while a fixer ran/)
    expect(proposals.branches.size).toBe(1)
    expect(await git(repo.path, 'diff', '--cached', '--name-only')).toBe('src/other.js')
    expect(await read('src/other.js')).toBe('const fine = 2\n')
  })

  it('a commit made by hand while a fixer runs is neither put back nor part of a fix', async () => {
    const { ended, proposals } = await healWhileFixing(async () => {
      await writeFile(join(repo.path, 'src/other.js'), 'const fine = 2\n')
      await git(repo.path, 'commit', '-q', '-m', 'mine', '--', 'src/other.js')
    })
    expect(ended).toBeInstanceOf(CheckoutChangedError)
    expect((ended as Error).message).toMatch(/HEAD moved from .*logged by .*while a fixer ran/)
    expect(proposals.branches.size).toBe(1)
    expect(await git(repo.path, 'log', '-1', '--format=%s')).toBe('mine')
    // In place, the fixer's change is left with theirs (the two cannot be told apart); in a copy, it never came.
    expect(await git(repo.path, 'status', '--porcelain', '--untracked-files=no')).toBe(
      inCopy ? '' : ' M src/app.js'
    )
  })

  it('a branch or a stash made by hand while a fixer runs is kept', async () => {
    const { ended } = await healWhileFixing(async () => {
      await git(repo.path, 'branch', 'mine')
      await writeFile(join(repo.path, 'notes.txt'), 'mine\n')
      await git(repo.path, 'stash', 'push', '-q', '--include-untracked', '--', 'notes.txt')
    })
    expect(ended).toBeInstanceOf(CheckoutChangedError)
    expect((ended as Error).message).toMatch(/refs\/heads\/mine was updated, logged by/)
    expect(await git(repo.path, 'branch', '--list', 'mine')).toContain('mine')
    expect(await git(repo.path, 'stash', 'list')).toMatch(/stash@\{0\}/)
  })

  it("a fixer's own staging and commit are still its own: put back, and the fix verified", async () => {
    const indexBefore = await git(repo.path, 'ls-files', '--stage')
    const head = await git(repo.path, 'rev-parse', 'HEAD')
    const { ended } = await healWhileFixing(
      async () => undefined,
      'git add src/app.js && git commit -q -m fixer'
    )
    expect(ended).toMatchObject({ outcome: 'healed' })
    expect(await git(repo.path, 'rev-parse', 'HEAD')).toBe(head)
    expect(await git(repo.path, 'ls-files', '--stage')).toBe(indexBefore)
    expect(await git(repo.path, 'status', '--porcelain', '--untracked-files=all')).toBe('')
  })
})

describe('an edit made by hand while a fixer runs', () => {
  let repo: TempDir
  let scratch: TempDir
  beforeEach(async () => {
    repo = await makeTempRepo(FILES)
    scratch = await makeTempDir('self-heal-user-')
  })
  afterEach(async () => {
    await repo.cleanup()
    await scratch.cleanup()
  })

  /** Heals while the user edits `path` as the fixer (waiting on them) runs; the heal's end and what was proposed. */
  async function healWhileEditing(path: string, text: string, inCopy: boolean) {
    const workspace = await LocalWorkspace.open(repo.path)
    const node = `node ${PROGRAMS}`
    const proposals = new MemoryGit(FILES)
    const healing = runHeal(
      {
        execution: new LocalExecutionAdapter({ root: repo.path }),
        workspace,
        repository: 'github:github.com/octo/repo',
        cache: async () => new MemoryCacheAdapter(),
        git: async () => proposals,
        log: quiet
      },
      {
        kind: 'lint',
        check: `${node} lint`,
        fixers: [`${node} handshake ${scratch.path} 1 replace src/app.js BAD good`],
        fixersInCopy: inCopy
      }
    ).then(
      output => output,
      (error: unknown) => error
    )
    while (!existsSync(join(scratch.path, 'waiting'))) await new Promise(r => setTimeout(r, 20))
    await writeFile(join(repo.path, path), text)
    await writeFile(join(scratch.path, 'go'), '')
    const ended = await healing
    await workspace.close()
    return { ended, proposals }
  }
  const read = (path: string) => readFile(join(repo.path, path), 'utf8')

  it.each([
    ['another file', 'src/other.js'],
    ['the file the fixer changes', 'src/app.js']
  ])(
    'to %s, with the fixer in a copy, ends the heal: their edit stays as they made it, nothing else changes',
    async (_what, path) => {
      const head = await git(repo.path, 'rev-parse', 'HEAD')
      const { ended, proposals } = await healWhileEditing(path, 'const mine = 1\n', true)
      expect(ended).toBeInstanceOf(CheckoutChangedError)
      expect((ended as Error).message).toMatch(
        new RegExp(`${path.replace('.', '\\.')} changed while a fixer ran \\(in a copy of the checkout`)
      )
      expect((ended as Error).message).toMatch(/left yours as you made them/)
      // Nothing proposed, the fixer's change nowhere in the checkout, theirs kept.
      expect(proposals.branches.size).toBe(1)
      expect(await read(path)).toBe('const mine = 1\n')
      if (path !== 'src/app.js') expect(await read('src/app.js')).toBe(APP)
      expect(await git(repo.path, 'status', '--porcelain', '--untracked-files=all')).toBe(` M ${path}`)
      expect(await git(repo.path, 'rev-parse', 'HEAD')).toBe(head)
    }
  )

  it('with the fixer in place, cannot be told from the fixer’s, but is not lost: it is kept in refs/self-heal/put-back', async () => {
    const { ended } = await healWhileEditing('src/other.js', 'const fine = 2 // mine\n', false)
    expect(ended).toMatchObject({ outcome: 'healed' })
    // Put back with the fixer's change, as the limit in the threat model says; kept, and one command away.
    expect(await read('src/other.js')).toBe(FILES['src/other.js'])
    await git(repo.path, 'restore', '--source=refs/self-heal/put-back', '--', 'src/other.js')
    expect(await read('src/other.js')).toBe('const fine = 2 // mine\n')
  })
})

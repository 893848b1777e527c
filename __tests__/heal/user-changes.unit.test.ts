/**
 * Someone else's changes to the checkout while a heal runs, over the memory workspace: the scripted check plays
 * the user too (it edits or commits while it "runs"). The heal is abandoned with CheckoutChangedError (exit 2),
 * nothing of theirs is put back or proposed, and self-heal's own changes go only where they touch nothing of theirs.
 */
import { beforeEach, describe, expect, it } from '@jest/globals'
import { MemoryCacheAdapter } from '../../src/adapters/cache/memory.js'
import { ScriptedExecution, type Program } from '../../src/adapters/memory/execution.js'
import { MemoryGit } from '../../src/adapters/memory/git.js'
import { MemoryWorkspace } from '../../src/adapters/memory/workspace.js'
import { CheckoutChangedError } from '../../src/errors.js'
import { runHeal } from '../../src/heal/loop.js'
import type { HealRequest } from '../../src/heal/types.js'

const APP = 'const a = "BAD"\n'
const FILES = { 'src/app.js': APP, 'src/other.js': 'const fine = 1\n' }
const quiet = { info: () => undefined, warning: () => undefined, debug: () => undefined }

describe('changes nobody in the heal made', () => {
  let workspace: MemoryWorkspace
  let git: MemoryGit
  let cache: MemoryCacheAdapter
  /** What the "user" does during the check's run number `at` (1: the first check, 2: its re-run, 3: verifying). */
  let during: { at: number; act: (ws: MemoryWorkspace) => void } | undefined
  let runs: number
  let fixerRuns: number

  beforeEach(() => {
    workspace = new MemoryWorkspace(FILES)
    git = new MemoryGit(FILES)
    cache = new MemoryCacheAdapter()
    during = undefined
    runs = 0
    fixerRuns = 0
  })

  const lint: Program = ws => {
    if (++runs === during?.at) during.act(ws)
    const bad = (ws.read('src/app.js') ?? '').includes('BAD')
    return { exitCode: bad ? 1 : 0, stdout: bad ? 'src/app.js:1:1: error bad word (no-bad)\n' : '' }
  }
  const programs: Record<string, Program> = {
    lint,
    fix: ws => {
      fixerRuns++
      ws.write('src/app.js', 'const a = "good"\n')
      return { exitCode: 0 }
    },
    // A fixer that commits, as a fixer may: its own commit, put back at the end, is not someone else's.
    'fix-and-commit': ws => {
      ws.write('src/app.js', 'const a = "good"\n')
      ws.repository.head = 'fixer-commit'
      return { exitCode: 0 }
    },
    // A fixer during whose run the user edits the checkout (the workspace, not the copy the fixer may run in).
    'fix-while-they-edit': ws => {
      ws.write('src/app.js', 'const a = "good"\n')
      workspace.write('src/other.js', 'const fine = 2 // mine\n')
      return { exitCode: 0 }
    },
    // A fixer during whose run the user commits: a move the repository logs under another address.
    'fix-while-they-commit': ws => {
      ws.write('src/app.js', 'const a = "good"\n')
      ws.repository.head = 'their-commit'
      ws.someoneElse('HEAD moved to their-commit, logged by them@example.com')
      return { exitCode: 0 }
    }
  }
  const heal = (request: Partial<HealRequest> = {}) =>
    runHeal(
      {
        execution: new ScriptedExecution(workspace, programs),
        workspace,
        repository: 'github:github.com/octo/repo',
        cache: async () => cache,
        git: async () => git,
        log: quiet
      },
      { kind: 'lint', check: 'lint', fixers: ['fix'], ...request }
    )
  const abandoned = async (request: Partial<HealRequest> = {}): Promise<CheckoutChangedError> => {
    const error = await heal(request).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(CheckoutChangedError)
    expect((error as CheckoutChangedError).exitCode).toBe(2)
    // Nothing was proposed or remembered.
    expect(git.branches.size).toBe(1)
    expect(git.pullRequests).toEqual([])
    expect(cache.size).toBe(0)
    return error as CheckoutChangedError
  }

  it('a file edited while the check verifies: the heal is abandoned, the edit kept, the fixer’s change undone', async () => {
    during = { at: 3, act: ws => ws.write('src/other.js', 'const fine = 2 // mine\n') }
    const error = await abandoned()
    expect(error.message).toContain('src/other.js changed while the check ran')
    expect(error.message).toContain(
      'self-heal put back its own changes (src/app.js) and left yours as you made them: src/other.js'
    )
    expect(workspace.read('src/other.js')).toBe('const fine = 2 // mine\n')
    expect(workspace.read('src/app.js')).toBe(APP)
  })

  it('an edit on top of the fixer’s change: the file is left as it is, and the message says it holds both', async () => {
    during = { at: 3, act: ws => ws.write('src/app.js', `${ws.read('src/app.js')}// mine\n`) }
    const error = await abandoned()
    expect(error.message).toContain("src/app.js also holds a fixer's change under yours")
    expect(workspace.read('src/app.js')).toBe('const a = "good"\n// mine\n')
  })

  it('a commit while the check verifies: nothing is put back, and the message names the fixer’s uncommitted change', async () => {
    during = { at: 3, act: ws => (ws.repository.head = 'their-commit') }
    const error = await abandoned()
    expect(error.message).toContain('HEAD moved to their-commit while the check ran')
    expect(error.message).toContain(
      "self-heal left the checkout as it is (HEAD, the index and the files): src/app.js still holds a fixer's uncommitted changes"
    )
    expect(workspace.read('src/app.js')).toBe('const a = "good"\n')
  })

  it('a commit someone makes while a fixer runs: abandoned, nothing put back, the files named as mixed', async () => {
    const error = await abandoned({ fixers: ['fix-while-they-commit'] })
    expect(error.message).toContain(
      'HEAD moved to their-commit, logged by them@example.com, while a fixer ran'
    )
    expect(error.message).toContain(
      "src/app.js still holds changes made since the heal started (the fixer's, and any made by hand while it ran)"
    )
    expect(workspace.repository.head).toBe('their-commit')
    expect(workspace.read('src/app.js')).toBe('const a = "good"\n')
  })

  it('staging while the first check runs: abandoned before any fixer, with nothing of self-heal’s to undo', async () => {
    during = { at: 1, act: ws => ws.repository.index++ }
    const error = await abandoned()
    expect(error.message).toContain(
      'the index changed while the check ran. self-heal had changed nothing yet'
    )
    expect(fixerRuns).toBe(0)
  })

  it('a tracked file edited while the first check runs: abandoned before any fixer', async () => {
    during = { at: 2, act: ws => ws.write('src/other.js', 'mine\n') }
    const error = await abandoned()
    expect(error.message).toContain(
      'src/other.js changed while the check ran. self-heal had changed nothing yet'
    )
    expect(fixerRuns).toBe(0)
    expect(workspace.read('src/other.js')).toBe('mine\n')
  })

  it('is not what the check itself writes (new files, its report among untracked files) nor a fixer’s commit', async () => {
    workspace.write('report.txt', 'the first run\n')
    during = {
      at: 3,
      act: ws => {
        ws.write('report.txt', 'the verifying run\n')
        ws.write('coverage/out.txt', 'new output\n')
      }
    }
    const result = await heal({ fixers: ['fix-and-commit'] })
    expect(result.outcome).toBe('healed')
    expect(workspace.read('coverage/out.txt')).toBeUndefined()
  })

  it('an edit someone makes while a fixer runs in a copy: abandoned, theirs kept, the fixer’s change never there', async () => {
    const error = await abandoned({ fixers: ['fix-while-they-edit'], fixersInCopy: true })
    expect(error.message).toContain(
      "src/other.js changed while a fixer ran (in a copy of the checkout: these changes are not the fixer's)"
    )
    expect(workspace.read('src/other.js')).toBe('const fine = 2 // mine\n')
    expect(workspace.read('src/app.js')).toBe(APP)
  })

  it('the same edit while a fixer runs in the workspace itself is taken for the fixer’s', async () => {
    const result = await heal({ fixers: ['fix-while-they-edit'] })
    // The limit the threat model states: verified with the fixer's change, and put back.
    expect(result.outcome).toBe('healed')
    expect(result.fix?.diff).toContain('src/other.js')
  })

  it('a commit someone makes while a fixer runs in a copy: abandoned; the files hold nothing of the fixer’s', async () => {
    const error = await abandoned({ fixers: ['fix-while-they-commit'], fixersInCopy: true })
    expect(error.message).toContain(
      'HEAD moved to their-commit, logged by them@example.com, while a fixer ran'
    )
    expect(workspace.repository.head).toBe('their-commit')
    expect(workspace.read('src/app.js')).toBe(APP)
  })
})

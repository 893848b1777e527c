/**
 * verify: clean — a candidate that passed in the checkout is verified again in a fresh worktree holding only the
 * base and its diff, so a fixer cannot make the check pass with something that is not in the diff (here, a file
 * among the tools' caches changed in place, which the confinement cannot put back).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MemoryCacheAdapter } from '../../src/adapters/cache/memory.js'
import { LocalExecutionAdapter } from '../../src/adapters/local/execution.js'
import { LocalWorkspace } from '../../src/adapters/local/workspace.js'
import { MemoryGit } from '../../src/adapters/memory/git.js'
import { runHeal } from '../../src/heal/loop.js'
import type { HealRequest } from '../../src/heal/types.js'
import { silentLogger } from '../../src/log.js'
import { git, makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'

const PROGRAMS = fileURLToPath(new URL('../helpers/programs.mjs', import.meta.url))
const FILES = { 'src/app.js': 'const a = "BAD"\n', '.gitignore': 'node_modules/\n' }
// The check passes when src/ is clean, or when a file among the caches says so.
const CHECK = `grep -q pass node_modules/.cache/state 2>/dev/null || node ${PROGRAMS} lint`
const HONEST = `node ${PROGRAMS} replace src/app.js BAD good`
const CHEAT = 'echo pass > node_modules/.cache/state'

describe('verify: clean', () => {
  let repo: TempDir
  let scratch: TempDir

  beforeEach(async () => {
    repo = await makeTempRepo(FILES)
    await mkdir(join(repo.path, 'node_modules/.cache'), { recursive: true })
    await writeFile(join(repo.path, 'node_modules/.cache/state'), 'fail\n')
    scratch = await makeTempDir('self-heal-clean-test-')
  })
  afterEach(async () => {
    await repo.cleanup()
    await scratch.cleanup()
  })

  async function heal(request: Partial<HealRequest>) {
    const workspace = await LocalWorkspace.open(repo.path)
    try {
      return await runHeal(
        {
          execution: new LocalExecutionAdapter({ root: repo.path }),
          workspace,
          repository: 'root:test',
          cache: async () => new MemoryCacheAdapter(),
          git: async () => new MemoryGit(FILES),
          log: silentLogger
        },
        { kind: 'lint', check: CHECK, fixers: [], ...request }
      )
    } finally {
      await workspace.close()
    }
  }

  it('refuses a candidate that passes only because of what is outside its diff; in place it is accepted', async () => {
    const cheat = `${CHEAT} && echo '// tidy' >> src/app.js`
    expect((await heal({ fixers: [cheat] })).outcome).toBe('healed')
    await writeFile(join(repo.path, 'node_modules/.cache/state'), 'fail\n')
    const clean = await heal({ fixers: [cheat], verify: 'clean' })
    expect(clean.outcome).toBe('not-healed')
    expect(clean.attempts[0]).toMatchObject({ result: 'check-failed', clean: 'failed' })
  })

  it('accepts an honest fix, after running the setup command in the clean copy, and leaves no worktree', async () => {
    const record = join(scratch.path, 'setup-cwd')
    const result = await heal({ fixers: [HONEST], verify: 'clean', setup: `pwd > ${record}` })
    expect(result.outcome).toBe('healed')
    expect(result.attempts[0]).toMatchObject({ result: 'verified', clean: 'passed' })
    const setupCwd = (await readFile(record, 'utf8')).trim()
    expect(setupCwd).not.toBe(repo.path)
    expect(await git(repo.path, 'worktree', 'list', '--porcelain')).not.toContain(setupCwd)
    expect(await readFile(join(repo.path, 'src/app.js'), 'utf8')).toBe(FILES['src/app.js'])
  })

  it('says so when the setup command fails', async () => {
    await expect(heal({ fixers: [HONEST], verify: 'clean', setup: 'exit 3' })).rejects.toThrow(
      /setup command 'exit 3' failed in the clean copy \(exit 3\)/
    )
  })
})

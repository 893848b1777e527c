/**
 * Fixers are untrusted: whatever they change besides work files (the repository's metadata under .git/, ignored
 * files such as dependencies) is detected, put back and refused, and self-heal's own git calls never run what a
 * fixer planted there (hooks, fsmonitor, filters, a push URL). Each cheating fixer below also makes the honest
 * fix, so only the confinement stands between it and a verified fix.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MemoryCacheAdapter } from '../../src/adapters/cache/memory.js'
import { LocalExecutionAdapter } from '../../src/adapters/local/execution.js'
import { LocalWorkspace } from '../../src/adapters/local/workspace.js'
import { MemoryGit } from '../../src/adapters/memory/git.js'
import { runHeal } from '../../src/heal/loop.js'
import { silentLogger } from '../../src/log.js'
import { git, makeTempRepo, type TempDir } from '../helpers/git.js'

const PROGRAMS = fileURLToPath(new URL('../helpers/programs.mjs', import.meta.url))
const FILES = {
  'src/app.js': 'const a = "BAD"\n',
  '.gitignore': 'node_modules/\n',
  'node_modules/dep/index.js': 'module.exports = 1\n'
}
const HONEST = `node ${PROGRAMS} replace src/app.js BAD good`
const CHECK = `node ${PROGRAMS} lint`

/** What of the repository's metadata a test compares before and after a heal. */
async function metadata(root: string): Promise<string> {
  const hooks = (await git(root, 'rev-parse', '--git-path', 'hooks')).trim()
  return JSON.stringify({
    config: await readFile(join(root, '.git/config'), 'utf8'),
    // self-heal's own record of what it put back (refs/self-heal/) aside.
    refs: (await git(root, 'for-each-ref', '--format=%(refname) %(objectname)'))
      .split('\n')
      .filter(line => !line.startsWith('refs/self-heal/'))
      .join('\n'),
    stash: await git(root, 'stash', 'list'),
    hooks: existsSync(join(root, hooks, 'pre-commit')),
    attributes: existsSync(join(root, '.git/info/attributes'))
  })
}

describe('fixers are confined to work files', () => {
  let repo: TempDir
  let marker: string

  beforeEach(async () => {
    repo = await makeTempRepo({ 'src/app.js': FILES['src/app.js'], '.gitignore': FILES['.gitignore'] })
    await mkdir(join(repo.path, 'node_modules/dep'), { recursive: true })
    await writeFile(join(repo.path, 'node_modules/dep/index.js'), FILES['node_modules/dep/index.js'])
    marker = join(repo.path, '..', `${repo.path.split('/').pop()}-ran`)
  })
  afterEach(async () => {
    await repo.cleanup()
  })

  async function heal(fixer: string) {
    const workspace = await LocalWorkspace.open(repo.path)
    try {
      return await runHeal(
        {
          execution: new LocalExecutionAdapter({ root: repo.path }),
          workspace,
          repository: 'root:test',
          cache: async () => new MemoryCacheAdapter(),
          git: async () => new MemoryGit({ 'src/app.js': FILES['src/app.js'] }),
          log: silentLogger
        },
        { kind: 'lint', check: CHECK, fixers: [fixer] }
      )
    } finally {
      await workspace.close()
    }
  }

  const script = (body: string): string => `printf '%s\\n' '#!/bin/sh' '${body}' `
  const cheats: Array<[string, (m: string) => string, RegExp]> = [
    [
      'adds a pre-commit hook',
      m => `${script(`touch ${m}`)} > .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit`,
      /\.git\/hooks\/pre-commit/
    ],
    [
      'sets an fsmonitor',
      m =>
        `${script(`touch ${m}`)} > ../fsm.sh && chmod +x ../fsm.sh && git config core.fsmonitor "$PWD/../fsm.sh"`,
      /\.git\/config/
    ],
    [
      'sets a clean filter that hides a suppression',
      () =>
        `git config filter.hide.clean "sed s/eslint-disable//" && echo '*.js filter=hide' > .git/info/attributes`,
      /\.git\/(config|info\/attributes)/
    ],
    [
      'sets a push URL',
      () =>
        'git remote add origin https://example.invalid/x.git && git remote set-url --push origin /tmp/elsewhere.git',
      /\.git\/config/
    ],
    ['makes a branch', () => 'git branch planted', /\.git\/refs\/heads\/planted/],
    [
      'makes a branch and packs the refs',
      () => 'git branch planted && git pack-refs --all --prune',
      /\.git\/packed-refs/
    ],
    [
      'stashes',
      () => 'echo x > stashme && git add stashme && git stash -q',
      /\.git\/(refs\/stash|logs\/refs\/stash)/
    ],
    [
      'changes a dependency',
      () => 'echo "module.exports = 2" > node_modules/dep/index.js',
      /node_modules\/dep\/index\.js.*could not be put back/
    ],
    [
      'adds a file to the dependencies',
      () => 'echo evil > node_modules/dep/evil.js',
      /node_modules\/dep\/evil\.js.*put back/
    ]
  ]

  it.each(cheats)(
    'refuses a fixer that %s, puts it back, and runs nothing it planted',
    async (_name, cheat, touched) => {
      const before = await metadata(repo.path)
      const result = await heal(`${cheat(marker)} && ${HONEST}`)
      expect(result.outcome).toBe('not-healed')
      expect(result.attempts[0].result).toBe('refused')
      expect(result.attempts[0].violations!.every(v => v.rule === 'outside-work-files')).toBe(true)
      expect(result.attempts[0].violations!.map(v => v.message).join(' ')).toMatch(touched)
      expect(await metadata(repo.path)).toBe(before)
      expect(await readFile(join(repo.path, 'src/app.js'), 'utf8')).toBe(FILES['src/app.js'])
      expect(existsSync(join(repo.path, 'node_modules/dep/evil.js'))).toBe(false)
      // What the fixer planted never ran in self-heal's own git calls.
      expect(existsSync(marker)).toBe(false)
    }
  )

  it("sees a change a fixer hid by marking the file unchanged in self-heal's own index", async () => {
    // Marked assume-unchanged there, the file's change would be missing from the next state: the policy would not
    // see it, and the check would pass on a change that is in no fix.
    const hide = 'GIT_INDEX_FILE=.git/self-heal/index git update-index --assume-unchanged src/app.js'
    const result = await heal(`${HONEST} && ${hide}`)
    expect(result.attempts[0].result).toBe('verified')
    expect(result.fix?.diff).toContain('+const a = "good"')
  })

  it('accepts the same refs written another way while a fixer runs (a gc in the background packs them)', async () => {
    await git(repo.path, 'branch', 'keep')
    const branches = () => git(repo.path, 'for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads')
    const refs = await branches()
    const result = await heal(`git pack-refs --all --prune && git update-server-info && ${HONEST}`)
    expect(result.outcome).toBe('healed')
    expect(await branches()).toBe(refs)
    expect(existsSync(join(repo.path, '.git/refs/heads/keep'))).toBe(false)
  })

  it('accepts a fixer that writes its own cache among ignored files, and removes what it added there', async () => {
    const result = await heal(
      `mkdir -p node_modules/.cache/tool && echo c > node_modules/.cache/tool/x && ${HONEST}`
    )
    expect(result.outcome).toBe('healed')
    expect(existsSync(join(repo.path, 'node_modules/.cache/tool/x'))).toBe(false)
  })
})

/**
 * The fixers' copy of a real checkout: a fixer runs there, on the files of the state it is given (tracked and
 * untracked), with the repository and the ignored entries linked in; what it does besides work files is refused;
 * the copy is kept between heals and trusted only as the last one left it.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { lstat, mkdir, readFile, readlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MemoryCacheAdapter } from '../../src/adapters/cache/memory.js'
import { LocalExecutionAdapter } from '../../src/adapters/local/execution.js'
import { LocalWorkspace } from '../../src/adapters/local/workspace.js'
import { MemoryGit } from '../../src/adapters/memory/git.js'
import { runHeal } from '../../src/heal/loop.js'
import type { HealOutput } from '../../src/heal/types.js'
import { git, makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'

const PROGRAMS = fileURLToPath(new URL('../helpers/programs.mjs', import.meta.url))
const node = `node ${PROGRAMS}`
const APP = 'const a = "BAD"\n'
const FILES = {
  'src/app.js': APP,
  'src/other.js': 'const fine = 1\n',
  'pkg/readme.md': '# pkg\n',
  '.gitignore': 'node_modules/\nbuild/\n.env\n'
}
const quiet = { info: () => undefined, warning: () => undefined, debug: () => undefined }
const FIX = `${node} replace src/app.js BAD good`

describe("the fixers' copy of a checkout", () => {
  let repo: TempDir
  let scratch: TempDir
  beforeEach(async () => {
    repo = await makeTempRepo(FILES)
    scratch = await makeTempDir('self-heal-copy-')
    await mkdir(join(repo.path, 'node_modules/dep'), { recursive: true })
    await writeFile(join(repo.path, 'node_modules/dep/index.js'), 'module.exports = 1\n')
    await writeFile(join(repo.path, '.env'), 'SECRET=local\n')
    await writeFile(join(repo.path, 'notes.txt'), 'untracked, mine\n')
  })
  afterEach(async () => {
    await repo.cleanup()
    await scratch.cleanup()
  })

  async function heal(fixers: string[], cwd = repo.path, check = `${node} lint`): Promise<HealOutput> {
    const workspace = await LocalWorkspace.open(repo.path)
    try {
      return await runHeal(
        {
          execution: new LocalExecutionAdapter({ root: repo.path }),
          workspace,
          repository: 'github:github.com/octo/repo',
          cache: async () => new MemoryCacheAdapter(),
          git: async () => new MemoryGit(FILES),
          log: quiet
        },
        { kind: 'lint', check, fixers, fixersInCopy: true, cwd, dryRun: true }
      )
    } finally {
      await workspace.close()
    }
  }
  const record = async () =>
    JSON.parse(await readFile(join(repo.path, '.git/self-heal-copy.json'), 'utf8')) as { dir: string }
  const status = () => git(repo.path, 'status', '--porcelain', '--untracked-files=all')

  it('runs the fixer elsewhere, on the files, the repository and the ignored entries it would find in the checkout', async () => {
    const seen = join(scratch.path, 'seen.txt')
    const look = [
      `pwd > ${seen}`,
      'cd ..',
      `cat notes.txt .env node_modules/dep/index.js >> ${seen}`,
      `git rev-parse --show-toplevel >> ${seen}`,
      `git log -1 --format=%s >> ${seen}`
    ].join(' && ')
    const output = await heal([`${look} && ${FIX}`], join(repo.path, 'pkg'), `cd .. && ${node} lint`)
    expect(output.outcome).toBe('healed')
    const [where, ...lines] = (await readFile(seen, 'utf8')).trim().split('\n')
    const { dir } = await record()
    // In the copy, where the heal's cwd (pkg/) is there.
    expect(where).toBe(join(dir, 'pkg'))
    expect(where.startsWith(repo.path)).toBe(false)
    expect(lines).toEqual(['untracked, mine', 'SECRET=local', 'module.exports = 1', dir, 'initial'])
    expect((await lstat(join(dir, 'node_modules'))).isSymbolicLink()).toBe(true)
    expect(await readlink(join(dir, '.git'))).toBe(join(repo.path, '.git'))
    // The fix was verified in the checkout, and the checkout is as it was.
    expect(output.fix?.diff).toMatch(/^\+const a = "good"$/m)
    expect(output.fix?.diff).not.toMatch(/node_modules|notes\.txt/)
    expect(await readFile(join(repo.path, 'src/app.js'), 'utf8')).toBe(APP)
    expect(await status()).toBe('?? notes.txt')
  })

  it.each([
    [
      'writes through a linked ignored directory',
      'echo planted > node_modules/dep/extra.js',
      'node_modules/dep/extra.js'
    ],
    ['writes an ignored file in the copy', 'mkdir -p build && echo out > build/out.js', 'build/out.js'],
    ['replaces the link to the repository', 'rm .git && mkdir .git', '.git']
  ])('refuses a fixer that %s, names it, and puts it back', async (_what, act, path) => {
    const output = await heal([`${act} && ${FIX}`])
    expect(output.outcome).toBe('not-healed')
    expect(output.attempts[0]).toMatchObject({ result: 'refused' })
    expect(output.attempts[0].violations).toEqual([
      expect.objectContaining({ rule: 'outside-work-files', file: path })
    ])
    const { dir } = await record()
    expect(await readlink(join(dir, '.git'))).toBe(join(repo.path, '.git'))
    await expect(lstat(join(repo.path, 'node_modules/dep/extra.js'))).rejects.toThrow()
    await expect(lstat(join(dir, 'build/out.js'))).rejects.toThrow()
    expect(await status()).toBe('?? notes.txt')
    // What was put back leaves nothing behind: the next heal in the same copy heals.
    expect((await heal([FIX])).outcome).toBe('healed')
  })

  it('is kept between heals, rewriting only what differs, and made afresh when its index is not as it was left', async () => {
    expect((await heal([FIX])).outcome).toBe('healed')
    const { dir } = await record()
    const inode = (await lstat(join(dir, 'src/other.js'))).ino
    // The copy holds what the last fixer left (src/app.js fixed); the next heal brings it back to the checkout's.
    expect(await readFile(join(dir, 'src/app.js'), 'utf8')).toBe('const a = "good"\n')
    const seen = join(scratch.path, 'app.txt')
    expect((await heal([`cp src/app.js ${seen} && ${FIX}`])).outcome).toBe('healed')
    expect(await readFile(seen, 'utf8')).toBe(APP)
    expect((await record()).dir).toBe(dir)
    expect((await lstat(join(dir, 'src/other.js'))).ino).toBe(inode)
    // An index written by anyone but the copy's last scan is not trusted: a new copy, from nothing.
    await writeFile(join(repo.path, '.git/self-heal-copy-index'), 'forged')
    expect((await heal([FIX])).outcome).toBe('healed')
    expect((await record()).dir).not.toBe(dir)
    await expect(lstat(dir)).rejects.toThrow()
  })
  it('trusts a record a fixer could have written only where it names one of this checkout’s copies', async () => {
    expect((await heal([FIX])).outcome).toBe('healed')
    const victim = join(scratch.path, 'keep')
    await mkdir(victim)
    await writeFile(join(victim, 'precious.txt'), 'mine\n')
    const recordPath = join(repo.path, '.git/self-heal-copy.json')
    await writeFile(recordPath, JSON.stringify({ ...(await record()), dir: victim }))
    expect((await heal([FIX])).outcome).toBe('healed')
    expect(await readFile(join(victim, 'precious.txt'), 'utf8')).toBe('mine\n')
    expect((await record()).dir).not.toBe(victim)
    // Nor where its links, which the next heal removes, lead out of the copy.
    const { dir } = await record()
    await writeFile(recordPath, JSON.stringify({ ...(await record()), links: ['../../' + victim] }))
    expect((await heal([FIX])).outcome).toBe('healed')
    expect(await readFile(join(victim, 'precious.txt'), 'utf8')).toBe('mine\n')
    expect((await record()).dir).not.toBe(dir)
  })
  it('is not trusted after a heal that ended before reading it, whatever the fixer wrote for the next heal', async () => {
    expect((await heal([FIX])).outcome).toBe('healed')
    const { dir } = await record()
    // The fixer plants a record that would pass (this checkout's copy, sealed with the index as it is now) and then
    // commits as someone else, which ends the heal before the copy is read.
    const planted = join(scratch.path, 'planted.json')
    await writeFile(planted, JSON.stringify(await record()))
    const seal = [
      'const fs = require("fs")',
      `const r = JSON.parse(fs.readFileSync(${JSON.stringify(planted)}, "utf8"))`,
      'const s = fs.lstatSync(".git/self-heal-copy-index", { bigint: true })',
      'r.seal = `${s.ino}:${s.size}:${s.ctimeNs}:${s.mtimeNs}`',
      'fs.writeFileSync(".git/self-heal-copy.json", JSON.stringify(r))'
    ].join('; ')
    const plant = `node -e '${seal}'`
    const commit = 'env GIT_COMMITTER_EMAIL=someone@example.com git commit -q --allow-empty -m mine'
    await expect(heal([`${plant} && ${commit}`])).rejects.toThrow(/while a fixer ran/)
    await expect(readFile(join(repo.path, '.git/self-heal-copy.json'), 'utf8')).rejects.toThrow()
    await git(repo.path, 'reset', '-q', '--soft', 'HEAD~1')
    expect((await heal([FIX])).outcome).toBe('healed')
    expect((await record()).dir).not.toBe(dir)
  })
})

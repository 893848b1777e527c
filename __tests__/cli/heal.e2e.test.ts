/**
 * `self-heal heal` end to end: the bundled CLI (dist/cli.js) as a real process in temp git repositories, with a
 * tiny lint check and fixers written as node scripts committed in the repository, and the SQLite fix memory in a
 * temp XDG_CACHE_HOME. Asserts on the `--json` result, the exit codes of the contract (0 healed, passes or flaky;
 * 1 no verified fix; 2 bad usage or configuration) and on what git holds afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { git, makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'
import { startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import { cleanEnv, runCli, type CliRun } from './cli-helpers.js'

/** Prints one ESLint-style line per `BAD` token in src/app.js (a line after an eslint-disable-next-line is exempt). */
const CHECK = `const fs = require('node:fs')
const lines = fs.readFileSync('src/app.js', 'utf8').split('\\n')
let bad = 0
lines.forEach((line, i) => {
  const column = line.indexOf('BAD')
  if (column < 0 || (i > 0 && lines[i - 1].includes('eslint-disable-next-line'))) return
  bad++
  console.log('src/app.js:' + (i + 1) + ':' + (column + 1) + ': error Unexpected BAD token (no-bad)')
})
process.exit(bad ? 1 : 0)
`
/** Fixes the file. */
const FIX = `const fs = require('node:fs')
fs.writeFileSync('src/app.js', fs.readFileSync('src/app.js', 'utf8').replace(/BAD/g, 'GOOD'))
`
/** "Fixes" the file by switching the rule off above the offending line. */
const SUPPRESS = `const fs = require('node:fs')
const text = fs.readFileSync('src/app.js', 'utf8')
fs.writeFileSync('src/app.js', text.replace(/^(.*BAD.*)$/m, '// eslint-disable-next-line no-bad\\n$1'))
`
/** Fixes nothing: adds a comment. */
const TOUCH = `require('node:fs').appendFileSync('src/app.js', '// touched\\n')\n`
/** The check, leaving a report of its own in the work tree (untracked, different on every run). */
const REPORTING_CHECK = `require('node:fs').writeFileSync('report.txt', String(process.hrtime.bigint()))
require('./check.cjs')
`
/** Would leave a marker beside the repository if it ever ran. */
const MARK = `require('node:fs').writeFileSync(process.argv[2], 'ran')\n`

const APP = 'const a = 1\nconst b = BAD\n'

interface HealJson {
  outcome: string
  ok: boolean
  reason: string
  check?: { passed: boolean }
  excluded?: string[]
  fingerprint?: { id: string; basis: string; signatures: string[] }
  attempts: Array<{ source: string; fixer?: string; result: string; violations?: Array<{ rule: string }> }>
  fix?: { source: string; fixers: string[]; diff: string }
  proposal?: {
    branch: string
    base: string
    from?: string
    commit?: string
    action: string
    pullRequest?: unknown
    pullRequestSkipped?: string
  }
  remembered: boolean
  dryRun: boolean
}

/** A repository with the check and fixers committed, and its own fix memory. */
interface Fixture {
  repo: TempDir
  cache: TempDir
  heal(args: string[], env?: Record<string, string | undefined>): Promise<CliRun & { json: HealJson }>
}

const fixtures: Fixture[] = []
const cleanups: Array<() => Promise<void>> = []

async function fixture(): Promise<Fixture> {
  const repo = await makeTempRepo({
    'src/app.js': APP,
    'check.cjs': CHECK,
    'fix.cjs': FIX,
    'suppress.cjs': SUPPRESS,
    'mark.cjs': MARK,
    'touch.cjs': TOUCH,
    'reporting-check.cjs': REPORTING_CHECK
  })
  const cache = await makeTempDir('self-heal-cache-')
  const made: Fixture = {
    repo,
    cache,
    async heal(args, env = {}) {
      const run = await runCli(['heal', '--kind', 'lint', '--check', 'node check.cjs', '--json', ...args], {
        cwd: repo.path,
        env: cleanEnv({ XDG_CACHE_HOME: cache.path, SELF_HEAL_CACHE_PATH: undefined, ...env })
      })
      let json: HealJson
      try {
        json = JSON.parse(run.stdout) as HealJson
      } catch {
        throw new Error(`heal printed no JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`)
      }
      return { ...run, json }
    }
  }
  fixtures.push(made)
  return made
}

async function selfHealBranches(repo: string): Promise<string[]> {
  const out = await git(repo, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/self-heal/')
  return out ? out.split('\n') : []
}

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup()
  for (const f of fixtures) {
    await f.repo.cleanup()
    await f.cache.cleanup()
  }
})

describe('self-heal heal (LOCAL, bundled CLI)', () => {
  describe('a failing lint check and a fixer', () => {
    let f: Fixture
    let head: string
    let first: CliRun & { json: HealJson }

    beforeAll(async () => {
      f = await fixture()
      head = await git(f.repo.path, 'rev-parse', 'HEAD')
      first = await f.heal(['--fix', 'node fix.cjs'])
    })

    it('heals: exit 0, a commit on self-heal/<fingerprint> with the trailer and the fix in its tree', async () => {
      expect(first.code).toBe(0)
      const out = first.json
      expect(out).toMatchObject({ outcome: 'healed', ok: true, remembered: true, dryRun: false })
      expect(out.fingerprint?.id).toMatch(/^[0-9a-f]{16}$/)
      expect(out.fingerprint?.signatures).toEqual(['src/app.js :: no-bad'])
      expect(out.attempts).toEqual([expect.objectContaining({ source: 'fixer', result: 'verified' })])
      const id = out.fingerprint!.id
      const branch = `self-heal/${id}`
      expect(out.proposal).toMatchObject({ branch, base: 'main', action: 'created' })
      expect(await selfHealBranches(f.repo.path)).toEqual([branch])
      // One commit on top of the checkout, holding exactly the fix.
      expect(await git(f.repo.path, 'rev-list', '--count', `main..${branch}`)).toBe('1')
      expect(await git(f.repo.path, 'rev-parse', branch)).toBe(out.proposal!.commit)
      expect(await git(f.repo.path, 'rev-parse', `${branch}^`)).toBe(head)
      const trailers = await git(
        f.repo.path,
        'log',
        '-1',
        '--format=%(trailers:key=Self-Heal-Fingerprint,valueonly)',
        branch
      )
      expect(trailers.trim()).toBe(id)
      expect(await git(f.repo.path, 'show', `${branch}:src/app.js`)).toBe('const a = 1\nconst b = GOOD')
      expect(await git(f.repo.path, 'diff', '--name-only', 'main', branch)).toBe('src/app.js')
      // The fix memory is the SQLite file under the isolated XDG_CACHE_HOME.
      expect(existsSync(join(f.cache.path, 'self-heal', 'cache.sqlite'))).toBe(true)
    })

    it('leaves the work tree exactly as it found it', async () => {
      expect(await git(f.repo.path, 'status', '--porcelain', '--untracked-files=all')).toBe('')
      expect(await readFile(join(f.repo.path, 'src/app.js'), 'utf8')).toBe(APP)
      expect(await git(f.repo.path, 'rev-parse', 'HEAD')).toBe(head)
      expect(await git(f.repo.path, 'symbolic-ref', '--short', 'HEAD')).toBe('main')
    })

    it('says why there is no pull request without a token', () => {
      expect(first.json.proposal?.pullRequest).toBeUndefined()
      expect(first.json.proposal?.pullRequestSkipped).toMatch(/token/i)
    })

    it('heals from the fix memory next time, without a fixer and without a second commit', async () => {
      const before = await git(f.repo.path, 'rev-parse', `self-heal/${first.json.fingerprint!.id}`)
      const again = await f.heal([])
      expect(again.code).toBe(0)
      expect(again.json.outcome).toBe('healed')
      expect(again.json.fingerprint?.id).toBe(first.json.fingerprint!.id)
      expect(again.json.attempts).toEqual([expect.objectContaining({ source: 'memory', result: 'verified' })])
      expect(again.json.fix?.source).toBe('memory')
      expect(again.json.proposal).toMatchObject({ action: 'already-proposed' })
      expect(again.json.proposal?.commit).toBeUndefined()
      expect(await git(f.repo.path, 'rev-parse', `self-heal/${first.json.fingerprint!.id}`)).toBe(before)
      expect(await selfHealBranches(f.repo.path)).toHaveLength(1)
      expect(await git(f.repo.path, 'status', '--porcelain', '--untracked-files=all')).toBe('')
    })

    it('does not heal a checkout of its own branch again', async () => {
      const branch = `self-heal/${first.json.fingerprint!.id}`
      await git(f.repo.path, 'checkout', '-q', branch)
      try {
        const run = await f.heal(['--fix', 'node fix.cjs'])
        expect(run.code).toBe(0)
        expect(run.json.outcome).toBe('skipped')
        expect(run.json.attempts).toEqual([])
      } finally {
        await git(f.repo.path, 'checkout', '-q', 'main')
      }
    })
  })

  it("does not propose into one of self-heal's own branches (--base self-heal/...): the check runs, and its failure is exit 1", async () => {
    const f = await fixture()
    const marker = join(f.cache.path, 'marker')
    const run = await f.heal(['--fix', `node mark.cjs ${marker}`, '--base', 'self-heal/0123456789abcdef'])
    expect(run.code).toBe(1)
    expect(run.json).toMatchObject({ outcome: 'skipped', ok: false, check: { passed: false }, attempts: [] })
    expect(run.json.reason).toContain("self-heal's own branch")
    expect(existsSync(marker)).toBe(false)
    expect(await selfHealBranches(f.repo.path)).toEqual([])
  })

  it('--base a branch the fix does not apply to: exit 1, not proposed, saying why', async () => {
    const f = await fixture()
    await git(f.repo.path, 'checkout', '-q', '-b', 'release')
    await writeFile(join(f.repo.path, 'src/app.js'), 'const a = 0\nconst b = BAD\n')
    await git(f.repo.path, 'commit', '-q', '-am', 'release differs')
    await git(f.repo.path, 'checkout', '-q', 'main')
    const run = await f.heal(['--fix', 'node fix.cjs', '--base', 'release'])
    expect(run.code).toBe(1)
    expect(run.json).toMatchObject({ outcome: 'not-proposed', ok: false, remembered: true })
    expect(run.json.reason).toContain(
      "does not apply to release, which differs from the checkout in 'src/app.js'"
    )
    expect(await selfHealBranches(f.repo.path)).toEqual([])
    expect(await git(f.repo.path, 'status', '--porcelain', '--untracked-files=all')).toBe('')
  })

  it('keeps what the check writes out of the fix: two fixers, a check that leaves a report each run', async () => {
    const f = await fixture()
    const run = await f.heal([
      '--check',
      'node reporting-check.cjs',
      '--fix',
      'node touch.cjs',
      '--fix',
      'node fix.cjs'
    ])
    expect(run.code).toBe(0)
    expect(run.json.outcome).toBe('healed')
    expect(run.json.attempts.map(a => a.result)).toEqual(['check-failed', 'verified'])
    expect(run.json.fix?.fixers).toEqual(['node touch.cjs', 'node fix.cjs'])
    const branch = run.json.proposal!.branch
    expect(await git(f.repo.path, 'diff', '--name-only', 'main', branch)).toBe('src/app.js')
    expect(await git(f.repo.path, 'show', `${branch}:src/app.js`)).toBe(
      'const a = 1\nconst b = GOOD\n// touched'
    )
    // The report the check left before the heal started is there still; nothing tracked changed.
    expect(await git(f.repo.path, 'status', '--porcelain', '--untracked-files=all')).toBe('?? report.txt')
  })

  it('a remembered fix that no longer applies is passed over for the fixers', async () => {
    const f = await fixture()
    const first = await f.heal(['--fix', 'node fix.cjs'])
    expect(first.json.outcome).toBe('healed')
    // The same failure (same file, same rule) in code that changed around it: the remembered diff's context is gone.
    await writeFile(join(f.repo.path, 'src/app.js'), 'const a = 2\nconst b = BAD\nconst c = 3\n')
    await git(f.repo.path, 'commit', '-q', '-am', 'change the context')
    const alone = await f.heal([])
    expect(alone.json.fingerprint?.id).toBe(first.json.fingerprint!.id)
    expect(alone.code).toBe(1)
    expect(alone.json.attempts).toEqual([
      expect.objectContaining({ source: 'memory', result: 'does-not-apply' })
    ])
    expect(await git(f.repo.path, 'status', '--porcelain', '--untracked-files=all')).toBe('')
    const withFixer = await f.heal(['--fix', 'node fix.cjs'])
    expect(withFixer.json.attempts.map(a => `${a.source}:${a.result}`)).toEqual([
      'memory:does-not-apply',
      'fixer:verified'
    ])
    expect(withFixer.json.fix?.source).toBe('fixer')
  })

  it('heals a failure that came back after its fix was merged: the branch is made again from main', async () => {
    const f = await fixture()
    const first = await f.heal(['--fix', 'node fix.cjs'])
    const branch = first.json.proposal!.branch
    await git(f.repo.path, 'merge', '-q', '--no-ff', '-m', 'merge the fix', branch)
    await writeFile(join(f.repo.path, 'src/app.js'), APP)
    await git(f.repo.path, 'commit', '-q', '-am', 'bring BAD back')
    const main = await git(f.repo.path, 'rev-parse', 'HEAD')
    const again = await f.heal([])
    expect(again.code).toBe(0)
    expect(again.json.outcome).toBe('healed')
    expect(again.json.proposal).toMatchObject({ branch, action: 'created' })
    expect(await git(f.repo.path, 'rev-parse', `${branch}^`)).toBe(main)
    expect(await git(f.repo.path, 'show', `${branch}:src/app.js`)).toBe('const a = 1\nconst b = GOOD')
  })

  it('a fixer that stages its changes (git add) leaves the index as it was', async () => {
    const f = await fixture()
    const run = await f.heal(['--fix', 'node fix.cjs && git add src/app.js'])
    expect(run.code).toBe(0)
    expect(run.json.outcome).toBe('healed')
    expect(await git(f.repo.path, 'status', '--porcelain', '--untracked-files=all')).toBe('')
    expect(await git(f.repo.path, 'diff', '--cached', '--name-only')).toBe('')
    // So the next heal is not refused for a changed tracked file.
    const again = await f.heal([])
    expect(again.code).toBe(0)
    expect(again.json.proposal?.action).toBe('already-proposed')
  })

  it('a fixer that commits its changes leaves the branch where it was, with a warning', async () => {
    const f = await fixture()
    const head = await git(f.repo.path, 'rev-parse', 'HEAD')
    const run = await f.heal(['--fix', 'node fix.cjs && git commit -qam "fixer commit"'])
    expect(run.code).toBe(0)
    expect(run.json.outcome).toBe('healed')
    expect(run.stderr).toMatch(/A fixer made a commit \([0-9a-f]{12}\): the checkout was put back/)
    expect(await git(f.repo.path, 'rev-parse', 'main')).toBe(head)
    expect(await git(f.repo.path, 'status', '--porcelain', '--untracked-files=all')).toBe('')
    const branch = run.json.proposal!.branch
    expect(await git(f.repo.path, 'rev-parse', `${branch}^`)).toBe(head)
    expect(await git(f.repo.path, 'show', `${branch}:src/app.js`)).toBe('const a = 1\nconst b = GOOD')
  })

  it('a fixer that switches branches is refused, with the files put back', async () => {
    const f = await fixture()
    const run = await f.heal(['--fix', 'git checkout -q -b elsewhere && node fix.cjs'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('A fixer switched the checkout from refs/heads/main to refs/heads/elsewhere')
    expect(await selfHealBranches(f.repo.path)).toEqual([])
    expect(await readFile(join(f.repo.path, 'src/app.js'), 'utf8')).toBe(APP)
  })

  it('--dry-run finds the fix but writes nothing: no branch, nothing remembered', async () => {
    const f = await fixture()
    const dry = await f.heal(['--fix', 'node fix.cjs', '--dry-run'])
    expect(dry.code).toBe(0)
    expect(dry.json).toMatchObject({ outcome: 'healed', dryRun: true, remembered: false })
    expect(dry.json.fix?.fixers).toEqual(['node fix.cjs'])
    expect(dry.json.proposal).toBeUndefined()
    expect(await selfHealBranches(f.repo.path)).toEqual([])
    expect(await readFile(join(f.repo.path, 'src/app.js'), 'utf8')).toBe(APP)
    // Without --json: one line of outcome and reason, then the details.
    const text = await runCli(
      ['heal', '--kind', 'lint', '--check', 'node check.cjs', '--fix', 'node fix.cjs', '--dry-run'],
      {
        cwd: f.repo.path,
        env: cleanEnv({ XDG_CACHE_HOME: f.cache.path })
      }
    )
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(
      /^healed: Dry run: a fix \(node fix\.cjs; 1 file, \+1 -1\) makes the lint check pass/
    )
    expect(text.stdout).toContain(`fingerprint ${dry.json.fingerprint!.id} (problems)`)
    expect(text.stdout).toContain("fixer 'node fix.cjs': verified")
    // Nothing remembered: without a fixer there is nothing to try.
    const after = await f.heal([])
    expect(after.code).toBe(1)
    expect(after.json).toMatchObject({ outcome: 'not-healed', ok: false, attempts: [] })
    expect(after.json.reason).toContain('nothing was remembered')
  })

  describe('the policy', () => {
    let f: Fixture
    beforeAll(async () => {
      f = await fixture()
    })

    it('refuses a fix that adds an eslint-disable: exit 1, the attempt refused, no branch', async () => {
      const run = await f.heal(['--fix', 'node suppress.cjs'])
      expect(run.code).toBe(1)
      expect(run.json.outcome).toBe('not-healed')
      expect(run.json.attempts).toEqual([
        expect.objectContaining({ source: 'fixer', fixer: 'node suppress.cjs', result: 'refused' })
      ])
      expect(run.json.attempts[0].violations?.map(v => v.rule)).toContain('suppression')
      expect(run.stderr).toContain('eslint-disable')
      expect(await selfHealBranches(f.repo.path)).toEqual([])
      expect(await readFile(join(f.repo.path, 'src/app.js'), 'utf8')).toBe(APP)
    })

    it('accepts it with a --policy file that allows suppressions', async () => {
      const policy = join(f.cache.path, 'policy.yml')
      await writeFile(policy, 'suppressions: allow\n')
      const run = await f.heal(['--fix', 'node suppress.cjs', '--policy', policy])
      expect(run.code).toBe(0)
      expect(run.json.outcome).toBe('healed')
      const branch = `self-heal/${run.json.fingerprint!.id}`
      expect(await git(f.repo.path, 'show', `${branch}:src/app.js`)).toContain(
        '// eslint-disable-next-line no-bad\nconst b = BAD'
      )
    })

    it('polices a remembered fix too: the suppression remembered under the allowing policy is refused without it', async () => {
      const run = await f.heal([])
      expect(run.code).toBe(1)
      expect(run.json.outcome).toBe('not-healed')
      expect(run.json.attempts).toEqual([expect.objectContaining({ source: 'memory', result: 'refused' })])
      expect(run.json.attempts[0].violations?.map(v => v.rule)).toContain('suppression')
    })

    it('exits 2 naming the key of a policy file with an unknown key', async () => {
      const policy = join(f.cache.path, 'bad-policy.yml')
      await writeFile(policy, 'suppressions: allow\nmaxLine: 10\n')
      const before = await selfHealBranches(f.repo.path)
      const run = await f.heal(['--fix', 'node fix.cjs', '--policy', policy])
      expect(run.code).toBe(2)
      expect(run.stderr).toContain("Policy key 'maxLine' is unknown")
      expect(run.stderr).toContain("did you mean 'maxLines'")
      expect(run.json).toMatchObject({ error: { exitCode: 2 } })
      expect(await selfHealBranches(f.repo.path)).toEqual(before)
    })
  })

  it('SELF_HEAL_DISABLED=1: outcome disabled, the check runs and decides the exit code, nothing else runs', async () => {
    const f = await fixture()
    const marker = join(f.cache.path, 'marker')
    const checked = join(f.cache.path, 'checked')
    const run = await runCli(
      ['heal', '--check', `node mark.cjs ${checked}`, '--fix', `node mark.cjs ${marker}`, '--json'],
      { cwd: f.repo.path, env: cleanEnv({ XDG_CACHE_HOME: f.cache.path, SELF_HEAL_DISABLED: '1' }) }
    )
    expect(run.code).toBe(0)
    const out = JSON.parse(run.stdout) as HealJson
    expect(out).toMatchObject({ outcome: 'disabled', ok: true, attempts: [], check: { passed: true } })
    expect(out.reason).toContain('SELF_HEAL_DISABLED')
    expect(existsSync(checked)).toBe(true)
    expect(existsSync(marker)).toBe(false)
    // Nothing was healed, so nothing was opened: no fix memory file either.
    expect(existsSync(join(f.cache.path, 'self-heal'))).toBe(false)
    const failing = await f.heal(['--fix', `node mark.cjs ${marker}`], { SELF_HEAL_DISABLED: '1' })
    expect(failing.code).toBe(1)
    expect(failing.json).toMatchObject({ outcome: 'disabled', ok: false, check: { passed: false } })
    expect(existsSync(marker)).toBe(false)
  })

  it('exits 2 when a tracked file was modified, saying to commit or stash, and keeps the modification', async () => {
    const f = await fixture()
    const edited = 'const a = 2\nconst b = BAD\n'
    await writeFile(join(f.repo.path, 'src/app.js'), edited)
    const run = await f.heal(['--fix', 'node fix.cjs'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/commit or stash/)
    expect(run.stderr).toContain('src/app.js')
    expect(run.json).toMatchObject({ error: { exitCode: 2 } })
    expect(await readFile(join(f.repo.path, 'src/app.js'), 'utf8')).toBe(edited)
    expect(await selfHealBranches(f.repo.path)).toEqual([])
  })

  it('exits 2 without --check', async () => {
    const f = await fixture()
    const run = await runCli(['heal', '--fix', 'node fix.cjs', '--json'], {
      cwd: f.repo.path,
      env: cleanEnv({ XDG_CACHE_HOME: f.cache.path })
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--check')
    expect(await selfHealBranches(f.repo.path)).toEqual([])
  })

  it('exits 0 with outcome passed when the check passes, and runs no fixer', async () => {
    const f = await fixture()
    const marker = join(f.cache.path, 'marker')
    const run = await f.heal(['--check', 'node -e 0', '--fix', `node mark.cjs ${marker}`])
    expect(run.code).toBe(0)
    expect(run.json.outcome).toBe('passed')
    expect(existsSync(marker)).toBe(false)
  })
})

describe('self-heal heal and the user’s untracked files', () => {
  it('a fixer that also rewrites an untracked file (prettier --write .): the fix is proposed without it, and it is put back', async () => {
    const f = await fixture()
    await writeFile(join(f.repo.path, 'notes.js'), 'const wip = BAD\n')
    // Rewrites every .js file at the top and in src, as a formatter run over the repository does.
    await writeFile(
      join(f.repo.path, 'fix-all.cjs'),
      `const fs = require('node:fs')\nfor (const file of ['src/app.js', 'notes.js']) fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/BAD/g, 'GOOD'))\n`
    )
    const run = await f.heal(['--fix', 'node fix-all.cjs'])
    expect(run.code).toBe(0)
    expect(run.json).toMatchObject({ outcome: 'healed', excluded: ['notes.js'] })
    expect(run.stderr).toContain('Left out of the fix: notes.js')
    const branch = run.json.proposal!.branch
    expect(await git(f.repo.path, 'diff', '--name-only', 'main', branch)).toBe('src/app.js')
    expect(await readFile(join(f.repo.path, 'notes.js'), 'utf8')).toBe('const wip = BAD\n')
    expect(await git(f.repo.path, 'status', '--porcelain')).toBe('?? fix-all.cjs\n?? notes.js')
  })
})

describe('self-heal heal with pull requests (LOCAL, a token, the emulator as GitHub)', () => {
  /** A clone of a repository GitHub (the emulator) serves, its origin the served bare repository. */
  async function cloned(): Promise<{
    clone: string
    bare: string
    emulator: TestEmulator
    run: Fixture['heal']
  }> {
    const f = await fixture()
    const served = await makeTempDir('self-heal-served-')
    const bare = join(served.path, 'repo.git')
    await git(served.path, 'clone', '-q', '--bare', f.repo.path, bare)
    const emulator = await startTestEmulator({ repos: [{ fullName: 'octo/repo', gitDir: bare }] })
    const clone = join(served.path, 'clone')
    await git(served.path, 'clone', '-q', bare, clone)
    cleanups.push(async () => {
      await emulator.close()
      await served.cleanup()
    })
    const token = [
      '--repository',
      'octo/repo',
      '--token',
      emulator.emulator.token,
      '--api-url',
      emulator.emulator.apiUrl
    ]
    return {
      clone,
      bare,
      emulator,
      run: async (args, env = {}) => {
        const run = await runCli(
          ['heal', '--kind', 'lint', '--check', 'node check.cjs', '--json', ...token, ...args],
          {
            cwd: clone,
            env: cleanEnv({ XDG_CACHE_HOME: f.cache.path, SELF_HEAL_CACHE_PATH: undefined, ...env })
          }
        )
        return { ...run, json: JSON.parse(run.stdout) as HealJson }
      }
    }
  }

  it('makes the fix branch from origin/main, never from commits nobody pushed, and says so', async () => {
    const { clone, bare, emulator, run } = await cloned()
    const pushed = await git(clone, 'rev-parse', 'HEAD')
    await writeFile(join(clone, 'README.md'), 'not pushed yet\n')
    await git(clone, 'add', 'README.md')
    await git(clone, 'commit', '-q', '-m', 'local work')
    const local = await git(clone, 'rev-parse', 'HEAD')
    const healed = await run(['--fix', 'node fix.cjs'])
    expect(healed.code).toBe(0)
    expect(healed.json).toMatchObject({
      outcome: 'healed',
      proposal: { base: 'main', from: pushed, pullRequest: { action: 'created' } }
    })
    const branch = healed.json.proposal!.branch
    expect(healed.json.reason).toContain(`made from ${pushed.slice(0, 12)}, the remote's main`)
    // GitHub has the fix on top of what it had, without the local commit.
    expect(await git(bare, 'rev-parse', `${branch}^`)).toBe(pushed)
    expect(await git(bare, 'diff', '--name-only', 'main', branch)).toBe('src/app.js')
    expect(await git(bare, 'cat-file', '-t', local).catch(() => 'missing')).toBe('missing')
    expect(await git(clone, 'rev-parse', 'HEAD')).toBe(local)
    const pulls = await emulator.octokit.rest.pulls.list({ owner: 'octo', repo: 'repo', state: 'all' })
    expect(pulls.data.map(pr => pr.head.ref)).toEqual([branch])
  })

  it('a fix squash-merged with its branch kept: when the failure comes back, the branch is made again on GitHub too', async () => {
    const { clone, bare, emulator, run } = await cloned()
    const first = await run(['--fix', 'node fix.cjs'])
    const branch = first.json.proposal!.branch
    const number = (first.json.proposal!.pullRequest as { number: number }).number
    await emulator.octokit.rest.pulls.merge({
      owner: 'octo',
      repo: 'repo',
      pull_number: number,
      merge_method: 'squash'
    })
    await git(clone, 'pull', '-q', '--ff-only', 'origin', 'main')
    await writeFile(join(clone, 'src/app.js'), APP)
    await git(clone, 'commit', '-q', '-am', 'bring BAD back')
    await git(clone, 'push', '-q', 'origin', 'main')
    const main = await git(clone, 'rev-parse', 'HEAD')
    const again = await run(['--fix', 'node fix.cjs'])
    expect(again.code).toBe(0)
    expect(again.json.proposal).toMatchObject({
      branch,
      action: 'created',
      pullRequest: { action: 'created' }
    })
    expect(await git(bare, 'rev-parse', `${branch}^`)).toBe(main)
    expect(again.stderr).toContain(`was merged (pull request #${number})`)
  })

  it('a fix that only applies on top of unpushed commits is refused: exit 2, naming them and saying to push them first', async () => {
    const { clone, bare, run } = await cloned()
    await writeFile(join(clone, 'src/app.js'), 'const a = 2\nconst b = BAD\n')
    await git(clone, 'commit', '-q', '-am', 'local change to the failing file')
    const local = await git(clone, 'rev-parse', 'HEAD')
    const result = await run(['--fix', 'node fix.cjs'])
    expect(result.code).toBe(2)
    const { error } = result.json as unknown as { error: { type: string; message: string } }
    expect(error.type).toBe('ConfigurationError')
    expect(error.message).toMatch(/does not apply to main as the remote has it .*never pushed/)
    expect(error.message).toContain(`${local.slice(0, 12)} local change to the failing file`)
    expect(error.message).toMatch(/push them \(git push\)/)
    expect(await git(bare, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/')).toBe('main')
  })
})

describe('self-heal heal --cwd (a package of a monorepo)', () => {
  it('runs the check and the fixer in the package; the fix and the problems are repository-relative', async () => {
    const repo = await makeTempRepo({
      'packages/a/src/app.js': APP,
      'packages/a/check.cjs': CHECK,
      'packages/a/fix.cjs': FIX,
      // At the root the same check would fail on another file, and the fixer would not find src/app.js.
      'src/app.js': 'const root = BAD\n'
    })
    const cache = await makeTempDir('self-heal-cache-')
    cleanups.push(async () => {
      await repo.cleanup()
      await cache.cleanup()
    })
    const run = await runCli(
      [
        'heal',
        '--kind',
        'lint',
        '--check',
        'node check.cjs',
        '--fix',
        'node fix.cjs',
        '--json',
        '--cwd',
        'packages/a'
      ],
      { cwd: repo.path, env: cleanEnv({ XDG_CACHE_HOME: cache.path }) }
    )
    expect(run.code).toBe(0)
    const out = JSON.parse(run.stdout) as HealJson & { check: { problems: Array<{ file: string }> } }
    expect(out.outcome).toBe('healed')
    expect(out.check.problems.map(p => p.file)).toEqual(['packages/a/src/app.js'])
    expect(out.fingerprint?.signatures).toEqual(['packages/a/src/app.js :: no-bad'])
    const branch = out.proposal!.branch
    expect(await git(repo.path, 'diff', '--name-only', 'main', branch)).toBe('packages/a/src/app.js')
    expect(await git(repo.path, 'show', `${branch}:src/app.js`)).toBe('const root = BAD')
  })
})

describe("heal's text output shows the facts", () => {
  let f: Fixture
  const text = (args: string[]) =>
    runCli(['heal', '--kind', 'lint', ...args], {
      cwd: f.repo.path,
      env: cleanEnv({ XDG_CACHE_HOME: f.cache.path, SELF_HEAL_CACHE_PATH: undefined })
    })

  beforeAll(async () => {
    f = await fixture()
  })

  it('not healed: the problems with file:line and message; a fixer killed by a signal is crashed', async () => {
    const run = await text(['--check', 'node check.cjs', '--fix', 'kill -KILL $$'])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^not-healed: /)
    expect(run.stdout).toContain('src/app.js:2:11 no-bad: error Unexpected BAD token')
    expect(run.stdout).toMatch(/fixer 'kill -KILL \$\$': crashed \(exit \d+, nothing changed\)/)
  })

  it('a dry run prints the diff; a check ended by --timeout says so', async () => {
    const dry = await text(['--check', 'node check.cjs', '--fix', 'node fix.cjs', '--dry-run'])
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain('the fix:\ndiff --git a/src/app.js b/src/app.js')
    expect(dry.stdout).toContain('+const b = GOOD')
    const slow = await text(['--check', 'sleep 10', '--timeout', '1', '--reruns', '0'])
    expect(slow.code).toBe(1)
    expect(slow.stdout).toContain('the check timed out: --timeout ended it after')
  })

  it('a check that cannot run (ESLint without its configuration, a missing command) is broken: exit 1, no fixer', async () => {
    const marker = join(f.cache.path, 'fixer-ran')
    const eslint = join(process.cwd(), 'node_modules/eslint/bin/eslint.js')
    const lint = await text(['--check', `node ${eslint} src`, '--fix', `node mark.cjs ${marker}`])
    expect(lint.code).toBe(1)
    expect(lint.stdout).toMatch(
      /^broken-check: The lint check is broken, not failing: the linter crashed \(exit 2\)/
    )
    expect(lint.stdout).toContain("ESLint couldn't find")
    const missing = await text(['--check', 'no-such-tool-here --all', '--fix', `node mark.cjs ${marker}`])
    expect(missing.code).toBe(1)
    expect(missing.stdout).toContain('a command it runs was not found (exit 127)')
    expect(existsSync(marker)).toBe(false)
  })
})

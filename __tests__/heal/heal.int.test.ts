/**
 * The healing loop in a real temp repository, through the factory's local adapters (git CLI, local processes, a
 * SQLite fix memory): the check and the fixers are small node scripts, so every run is a real child process.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AdapterFactory } from '../../src/adapters/factory.js'
import { createLocalGitAdapter } from '../../src/adapters/local/git.js'
import { healWithFactory } from '../../src/commands/heal.js'
import { memoryKey } from '../../src/heal/memory.js'
import { FINGERPRINT_TRAILER, sameChange } from '../../src/heal/propose.js'
import { healContext, readPolicy } from '../../src/heal/request.js'
import type { HealOutput, HealRequest } from '../../src/heal/types.js'
import { ConfigurationError } from '../../src/errors.js'
import type { Logger } from '../../src/log.js'
import { readSettings } from '../../src/settings.js'
import { git, makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'

// A lint check: every line of src/*.js holding BAD or UGLY is a problem; it exits 1 when there is one.
const CHECK = `const fs = require('fs')
let failed = false
for (const name of fs.readdirSync('src').sort()) {
  fs.readFileSync('src/' + name, 'utf8').split('\\n').forEach((line, i) => {
    for (const word of ['BAD', 'UGLY']) {
      if (line.includes(word)) {
        console.log('src/' + name + ':' + (i + 1) + ':1: error ' + word.toLowerCase() + ' word (no-' + word.toLowerCase() + ')')
        failed = true
      }
    }
  })
}
process.exit(failed ? 1 : 0)
`

/** A fixer script that replaces `from` with `to` in src/app.js (and can add a line before it). */
function fixer(from: string, to: string, prefix = ''): string {
  return `const fs = require('fs')
const text = fs.readFileSync('src/app.js', 'utf8')
fs.writeFileSync('src/app.js', ${JSON.stringify(prefix)} + text.split(${JSON.stringify(from)}).join(${JSON.stringify(to)}))
`
}

const BASE_FILES = {
  'src/app.js': 'const a = "BAD"\nconst b = "UGLY"\n',
  'check.js': CHECK,
  'fix-bad.js': fixer('BAD', 'good'),
  'fix-ugly.js': fixer('UGLY', 'nice'),
  'fix-disable.js': fixer('BAD', 'good', '// eslint-disable-next-line\n'),
  'fix-nothing.js': '// changes nothing\n',
  // Creates a new file (a generated one) besides fixing.
  'fix-all-new.js':
    fixer('BAD', 'good') +
    "fs.writeFileSync('src/app.js', fs.readFileSync('src/app.js', 'utf8').split('UGLY').join('nice'))\nfs.writeFileSync('src/generated.js', '// made by the fixer\\n')\n"
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: m => lines.push(m),
    warning: m => lines.push(`warning: ${m}`),
    debug: () => undefined
  }
}

describe('heal in a local repository', () => {
  let repo: TempDir
  let cacheDir: TempDir

  beforeEach(async () => {
    repo = await makeTempRepo(BASE_FILES)
    cacheDir = await makeTempDir('self-heal-memory-')
  })
  afterEach(async () => {
    await repo.cleanup()
    await cacheDir.cleanup()
  })

  async function heal(request: Partial<HealRequest> = {}, cwd = repo.path): Promise<HealOutput> {
    const settings = readSettings(
      { cwd, environment: 'local', cachePath: join(cacheDir.path, 'fixes.sqlite') },
      {}
    )
    const logger = recordingLogger()
    const factory = new AdapterFactory('local', settings, logger, { env: {} })
    try {
      return await healWithFactory(
        factory,
        cwd,
        { kind: 'lint', check: 'node check.js', fixers: [], ...request },
        logger
      )
    } finally {
      await factory.close()
    }
  }

  const status = (): Promise<string> => git(repo.path, 'status', '--porcelain', '--untracked-files=all')
  const appNow = (): Promise<string> => readFile(join(repo.path, 'src/app.js'), 'utf8')

  it('a passing check: nothing to heal, nothing written', async () => {
    await writeFile(join(repo.path, 'src/app.js'), 'const a = "fine"\n')
    await git(repo.path, 'commit', '-qam', 'clean')
    const result = await heal({ fixers: ['node fix-bad.js'] })
    expect(result).toMatchObject({ outcome: 'passed', ok: true, attempts: [] })
    expect(result.check?.passed).toBe(true)
    expect(await git(repo.path, 'branch', '--list', 'self-heal/*')).toBe('')
  })

  it('fixers run in order on top of each other, the verified fix is committed on self-heal/<id>, the tree is left as found', async () => {
    const result = await heal({ fixers: ['node fix-nothing.js', 'node fix-bad.js', 'node fix-ugly.js'] })
    expect(result.outcome).toBe('healed')
    expect(result.ok).toBe(true)
    expect(result.fingerprint?.signatures).toEqual(['src/app.js :: no-bad', 'src/app.js :: no-ugly'])
    // The first changes nothing; the second fixes one problem of two (the check still fails); the third finishes.
    expect(result.attempts.map(a => [a.fixer, a.result])).toEqual([
      ['node fix-nothing.js', 'no-change'],
      ['node fix-bad.js', 'check-failed'],
      ['node fix-ugly.js', 'verified']
    ])
    expect(result.fix?.fixers).toEqual(['node fix-bad.js', 'node fix-ugly.js'])
    expect(result.fix?.stats).toEqual({ files: 1, added: 2, removed: 2 })
    const branch = `self-heal/${result.fingerprint!.id}`
    expect(result.proposal).toMatchObject({ branch, base: 'main', action: 'created' })
    // No token: the branch is the proposal, and the output says why there is no pull request.
    expect(result.proposal?.pullRequestSkipped).toMatch(/needs a GitHub token/)
    expect(await git(repo.path, 'show', `${branch}:src/app.js`)).toBe('const a = "good"\nconst b = "nice"')
    expect(await git(repo.path, 'rev-parse', `${branch}^`)).toBe(await git(repo.path, 'rev-parse', 'main'))
    expect(await git(repo.path, 'log', '-1', '--format=%B', branch)).toContain(
      `${FINGERPRINT_TRAILER}: ${result.fingerprint!.id}`
    )
    // The checkout is as it was: same branch, same files, nothing staged or left behind.
    expect(await git(repo.path, 'symbolic-ref', '--short', 'HEAD')).toBe('main')
    expect(await status()).toBe('')
    expect(await appNow()).toBe(BASE_FILES['src/app.js'])
    expect(result.remembered).toBe(true)
  })

  it('the next heal of the same failure uses the remembered fix and does not commit it twice', async () => {
    const first = await heal({ fixers: ['node fix-bad.js', 'node fix-ugly.js'] })
    const branch = first.proposal!.branch!
    const tip = await git(repo.path, 'rev-parse', branch)
    // Another commit on main that does not touch the failure: the same fingerprint, a base that moved.
    await writeFile(join(repo.path, 'README.md'), 'more\n')
    await git(repo.path, 'add', 'README.md')
    await git(repo.path, 'commit', '-qm', 'readme')
    const second = await heal()
    expect(second.fingerprint?.id).toBe(first.fingerprint?.id)
    expect(second.attempts).toEqual([expect.objectContaining({ source: 'memory', result: 'verified' })])
    expect(second.fix).toMatchObject({ source: 'memory', fixers: ['node fix-bad.js', 'node fix-ugly.js'] })
    expect(second).toMatchObject({ outcome: 'healed', ok: true })
    expect(second.proposal).toMatchObject({ branch, action: 'already-proposed' })
    expect(second.proposal?.commit).toBeUndefined()
    expect(await git(repo.path, 'rev-parse', branch)).toBe(tip)
    expect(await status()).toBe('')
  })

  it('a remembered fix that no longer applies is skipped, and the fixers run', async () => {
    const first = await heal({ fixers: ['node fix-bad.js', 'node fix-ugly.js'] })
    await git(repo.path, 'branch', '-D', first.proposal!.branch!)
    // Same problems, other text around them: the remembered diff's context no longer matches.
    await writeFile(join(repo.path, 'src/app.js'), '// header\nconst a = "BAD" // x\nconst b = "UGLY" // y\n')
    await git(repo.path, 'commit', '-qam', 'reword')
    const second = await heal({ fixers: ['node fix-bad.js', 'node fix-ugly.js'] })
    expect(second.fingerprint?.id).toBe(first.fingerprint?.id)
    expect(second.attempts.map(a => [a.source, a.result])).toEqual([
      ['memory', 'does-not-apply'],
      ['fixer', 'check-failed'],
      ['fixer', 'verified']
    ])
    expect(second.outcome).toBe('healed')
    expect(await status()).toBe('')
  })

  it('a diff the policy refuses is undone, and the next fixer starts without it', async () => {
    // With a policy that allows suppressions, the fixer's diff is accepted (and then fails verification: UGLY).
    const allowed = await heal({
      fixers: ['node fix-disable.js'],
      policy: readPolicy('suppressions: allow\n', 'a test'),
      dryRun: true
    })
    expect(allowed.attempts).toEqual([expect.objectContaining({ result: 'check-failed' })])
    const result = await heal({ fixers: ['node fix-disable.js', 'node fix-bad.js', 'node fix-ugly.js'] })
    expect(result.attempts[0]).toMatchObject({ fixer: 'node fix-disable.js', result: 'refused' })
    expect(result.attempts[0].violations?.[0]).toMatchObject({
      rule: 'suppression',
      file: 'src/app.js',
      line: 1
    })
    expect(result.outcome).toBe('healed')
    expect(result.fix?.fixers).toEqual(['node fix-bad.js', 'node fix-ugly.js'])
    expect(result.fix?.diff).not.toContain('eslint-disable')
  })

  it('no verified fix: outcome not-healed, nothing committed, the tree as found', async () => {
    const result = await heal({ fixers: ['node fix-nothing.js', 'node fix-bad.js'] })
    expect(result).toMatchObject({ outcome: 'not-healed', ok: false, remembered: false })
    expect(result.attempts.map(a => a.result)).toEqual(['no-change', 'check-failed'])
    expect(result.reason).toMatch(/No verified fix: 2 candidates tried/)
    expect(await git(repo.path, 'branch', '--list', 'self-heal/*')).toBe('')
    expect(await status()).toBe('')
  })

  it('the budget caps verification runs', async () => {
    const result = await heal({ fixers: ['node fix-bad.js', 'node fix-ugly.js'], maxAttempts: 1 })
    expect(result.attempts.map(a => a.result)).toEqual(['check-failed', 'over-budget'])
    expect(result.outcome).toBe('not-healed')
  })

  it('a dry run verifies but writes nothing: no branch, no memory', async () => {
    const dry = await heal({ fixers: ['node fix-bad.js', 'node fix-ugly.js'], dryRun: true })
    expect(dry).toMatchObject({ outcome: 'healed', ok: true, dryRun: true, remembered: false })
    expect(dry.proposal).toBeUndefined()
    expect(dry.reason).toMatch(/^Dry run: a fix/)
    expect(await git(repo.path, 'branch', '--list', 'self-heal/*')).toBe('')
    const next = await heal()
    expect(next.outcome).toBe('not-healed')
    expect(next.attempts).toEqual([])
  })

  it('a check that passes when run again at the same commit is flaky: reported, never fixed', async () => {
    const counter = join(cacheDir.path, 'runs')
    // Fails on its first run only.
    const check = `node -e "const fs=require('fs');const n=fs.existsSync(process.argv[1])?1:0;fs.writeFileSync(process.argv[1],'x');process.exit(n?0:1)" ${JSON.stringify(counter)}`
    const result = await heal({ check, kind: 'command', fixers: ['node fix-bad.js'] })
    expect(result).toMatchObject({ outcome: 'flaky', ok: true, attempts: [] })
    expect(result.reason).toMatch(/flaky/)
    expect(result.fingerprint).toBeUndefined()
    expect(await appNow()).toBe(BASE_FILES['src/app.js'])
  })

  it('new files a fixer makes are part of the fix, and removed from the tree afterwards; untracked files stay', async () => {
    await writeFile(join(repo.path, 'notes.txt'), 'mine, untracked\n')
    const result = await heal({ fixers: ['node fix-all-new.js'] })
    expect(result.outcome).toBe('healed')
    expect(result.fix?.diff).toContain('src/generated.js')
    expect(result.fix?.diff).not.toContain('notes.txt')
    expect(existsSync(join(repo.path, 'src/generated.js'))).toBe(false)
    expect(await readFile(join(repo.path, 'notes.txt'), 'utf8')).toBe('mine, untracked\n')
    expect(await status()).toBe('?? notes.txt')
    expect(await git(repo.path, 'show', `${result.proposal!.branch!}:src/generated.js`)).toBe(
      '// made by the fixer'
    )
  })

  it('refuses to start with changed tracked files, and changes nothing', async () => {
    await writeFile(join(repo.path, 'src/app.js'), 'const a = "BAD" // mine\n')
    await expect(heal({ fixers: ['node fix-bad.js'] })).rejects.toThrow(ConfigurationError)
    await expect(heal({ fixers: ['node fix-bad.js'] })).rejects.toThrow(/commit or stash them first/)
    expect(await appNow()).toBe('const a = "BAD" // mine\n')
  })

  it('does not heal its own commits or branches (the loop guard)', async () => {
    const first = await heal({ fixers: ['node fix-bad.js', 'node fix-ugly.js'] })
    await git(repo.path, 'checkout', '-q', first.proposal!.branch!)
    const onBranch = await heal({ fixers: ['node fix-bad.js'] })
    expect(onBranch).toMatchObject({ outcome: 'skipped', ok: true })
    expect(onBranch.reason).toMatch(/self-heal's own/)
    // The same commit on another branch: its trailer says self-heal made it.
    await git(repo.path, 'checkout', '-q', '-b', 'elsewhere')
    const onCommit = await heal({ fixers: ['node fix-bad.js'] })
    expect(onCommit).toMatchObject({ outcome: 'skipped' })
    expect(onCommit.reason).toMatch(/was made by self-heal/)
  })

  it('replaces the content of a branch that holds only self-heal’s commits; never moves one someone else committed to', async () => {
    const first = await heal({ fixers: ['node fix-bad.js', 'node fix-ugly.js'] })
    const branch = first.proposal!.branch!
    const main = await git(repo.path, 'rev-parse', 'main')
    await git(repo.path, 'branch', '-D', branch)
    // An earlier fix of self-heal's on that branch (its trailer, committed by its Git adapter), for another change.
    const { commit: earlier } = await (
      await createLocalGitAdapter({ cwd: repo.path })
    ).applyDiff(
      'diff --git a/README.md b/README.md\nnew file mode 100644\n--- /dev/null\n+++ b/README.md\n@@ -0,0 +1 @@\n+other\n',
      `fix: an earlier fix\n\n${FINGERPRINT_TRAILER}: ${first.fingerprint!.id}\n`,
      { branch, base: 'main' }
    )
    const replaced = await heal({ fixers: ['node fix-bad.js', 'node fix-ugly.js'] })
    expect(replaced).toMatchObject({
      outcome: 'healed',
      ok: true,
      proposal: { branch, action: 'replaced', replaced: earlier }
    })
    expect(await git(repo.path, 'rev-parse', `${branch}^`)).toBe(main)
    expect(await git(repo.path, 'diff', '--name-only', 'main', branch)).toBe('src/app.js')
    // Someone else (another committer) commits on it: it is theirs now.
    await git(repo.path, 'checkout', '-q', branch)
    await writeFile(join(repo.path, 'README.md'), 'mine\n')
    await git(repo.path, 'add', 'README.md')
    await git(repo.path, 'commit', '-qm', 'my change')
    const theirs = await git(repo.path, 'rev-parse', 'HEAD')
    await git(repo.path, 'checkout', '-q', 'main')
    const left = await heal({ fixers: ['node fix-bad.js', 'node fix-ugly.js'] })
    expect(left).toMatchObject({ outcome: 'not-proposed' })
    expect(left.reason).toContain(
      `commits self-heal did not make (${theirs.slice(0, 12)} my change (Test Author))`
    )
    expect(await git(repo.path, 'rev-parse', branch)).toBe(theirs)
  })

  it('on a detached HEAD without a base it says which base to give', async () => {
    await git(repo.path, 'checkout', '-q', '--detach')
    const marker = join(repo.path, 'ran')
    // It says so before it runs anything: the fixer would leave a marker file.
    await expect(heal({ fixers: [`node -e "require('fs').writeFileSync('ran', '')"`] })).rejects.toThrow(
      /--base/
    )
    expect(existsSync(marker)).toBe(false)
    expect(await status()).toBe('')
    const withBase = await heal({ fixers: ['node fix-bad.js', 'node fix-ugly.js'], base: 'main' })
    expect(withBase.proposal).toMatchObject({ base: 'main', action: 'created' })
    expect(await git(repo.path, 'rev-parse', `${withBase.proposal!.branch!}^`)).toBe(
      await git(repo.path, 'rev-parse', 'main')
    )
  })

  it('a fix that does not apply to the base given is verified but not proposed', async () => {
    await git(repo.path, 'branch', 'other')
    await git(repo.path, 'checkout', '-q', 'other')
    await writeFile(join(repo.path, 'src/app.js'), 'const a = "elsewhere"\n')
    await git(repo.path, 'commit', '-qam', 'other base')
    const tip = await git(repo.path, 'rev-parse', 'other')
    await git(repo.path, 'checkout', '-q', 'main')
    const result = await heal({ fixers: ['node fix-bad.js', 'node fix-ugly.js'], base: 'other' })
    expect(result).toMatchObject({ outcome: 'not-proposed', ok: false, remembered: true })
    expect(result.reason).toMatch(/does not apply to other/)
    expect(await git(repo.path, 'rev-parse', 'other')).toBe(tip)
    expect(await git(repo.path, 'branch', '--list', 'self-heal/*')).toBe('')
  })

  it('a fix too big for the memory is still proposed, with a warning', async () => {
    const big = `const fs = require('fs')
fs.writeFileSync('src/app.js', 'const a = "' + 'x'.repeat(1100 * 1024) + '"\\n')
`
    await writeFile(join(repo.path, 'fix-big.js'), big)
    await git(repo.path, 'add', 'fix-big.js')
    await git(repo.path, 'commit', '-qm', 'big fixer')
    const result = await heal({ fixers: ['node fix-big.js'] })
    expect(result).toMatchObject({ outcome: 'healed', remembered: false })
    expect(result.proposal?.action).toBe('created')
  })

  it('the fix memory key is per repository and fingerprint', () => {
    const key = memoryKey('github:github.com/octo/repo', '0123456789abcdef')
    expect(key).toMatch(/^self-heal\/fix\/[0-9a-f]{16}\/0123456789abcdef$/)
    expect(memoryKey('github:github.com/octo/other', '0123456789abcdef')).not.toBe(key)
  })
})

describe('heal outside a repository or in the cloud', () => {
  it('says heal needs a checkout locally, and a token and the repository in the cloud', async () => {
    const dir = await makeTempDir('self-heal-norepo-')
    try {
      const settings = readSettings({ cwd: dir.path, environment: 'local' }, {})
      const factory = new AdapterFactory('local', settings, recordingLogger(), { env: {} })
      await expect(
        healWithFactory(factory, dir.path, { kind: 'test', check: 'true', fixers: [] }, recordingLogger())
      ).rejects.toThrow(/not inside a git repository/)
      const cloud = new AdapterFactory('cloud', settings, recordingLogger(), { env: {} })
      await expect(
        healWithFactory(cloud, dir.path, { kind: 'test', check: 'true', fixers: [] }, recordingLogger())
      ).rejects.toThrow(/The cloud environment needs/)
    } finally {
      await dir.cleanup()
    }
  })
})

describe('healContext', () => {
  let dir: TempDir
  beforeEach(async () => {
    dir = await makeTempDir('self-heal-event-')
  })
  afterEach(async () => {
    await dir.cleanup()
  })

  const event = async (payload: unknown): Promise<string> => {
    const path = join(dir.path, 'event.json')
    await writeFile(path, JSON.stringify(payload))
    return path
  }

  it('reads the kill switch', () => {
    for (const value of ['1', 'true', 'YES', ' on ']) {
      expect(healContext({ SELF_HEAL_DISABLED: value }).disabled).toBe('SELF_HEAL_DISABLED is set')
    }
    for (const value of ['', '0', 'false', 'no']) {
      expect(healContext({ SELF_HEAL_DISABLED: value }).disabled).toBeUndefined()
    }
  })

  it('never proposes to a fork; proposes to a same-repository pull request its own branch', async () => {
    const fork = await event({
      pull_request: {
        head: { ref: 'patch-1', repo: { full_name: 'someone/repo' } },
        base: { repo: { full_name: 'octo/repo' } }
      }
    })
    expect(healContext({ GITHUB_EVENT_PATH: fork }).noProposal).toMatch(/from a fork \(someone\/repo\)/)
    expect(healContext({ GITHUB_EVENT_PATH: fork }).base).toBeUndefined()
    const same = await event({
      pull_request: {
        head: { ref: 'feature', repo: { full_name: 'octo/repo' } },
        base: { repo: { full_name: 'octo/repo' } }
      }
    })
    expect(healContext({ GITHUB_EVENT_PATH: same })).toEqual({ base: 'feature' })
    // A deleted head repository (its fork is gone) is treated as a fork.
    const gone = await event({
      pull_request: { head: { ref: 'x', repo: null }, base: { repo: { full_name: 'octo/repo' } } }
    })
    expect(healContext({ GITHUB_EVENT_PATH: gone }).noProposal).toMatch(/fork/)
    expect(healContext({ GITHUB_EVENT_PATH: await event({ ref: 'refs/heads/main' }) })).toEqual({})
    expect(healContext({ GITHUB_EVENT_PATH: join(dir.path, 'missing.json') })).toEqual({})
  })
})

describe('sameChange', () => {
  it('compares what two diffs change, not their headers', () => {
    const a =
      'diff --git a/x b/x\nindex 1111111..2222222 100644\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n keep\n-old\n+new\n'
    const b =
      'diff --git a/x b/x\nindex abcdef0..1234567 100644\n--- a/x\n+++ b/x\n@@ -5,2 +5,2 @@\n other context\n-old\n+new\n'
    const c = 'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+newer\n'
    expect(sameChange(a, b)).toBe(true)
    expect(sameChange(a, c)).toBe(false)
    expect(sameChange(a, a.replace(/x/g, 'y'))).toBe(false)
  })
})

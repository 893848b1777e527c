/**
 * A verified fix cannot be faked where there is no checkout: CLOUD heal and fork delivery police a candidate with
 * what the local loop knows (the check, and the base files the diff changes, read through the Storage port at the
 * commit the fix was made against), so a "fix" that switches the check off is refused there with the loop's own
 * rule. Each refused case is run through the local loop too (the memory workspace), and the violations compared.
 */
import { describe, expect, it } from '@jest/globals'
import { MemoryCacheAdapter } from '../../src/adapters/cache/memory.js'
import type { CommandResult } from '../../src/adapters/execution.js'
import { ScriptedExecution } from '../../src/adapters/memory/execution.js'
import { diffFiles, textFiles } from '../../src/adapters/memory/files.js'
import { MemoryGit } from '../../src/adapters/memory/git.js'
import { MemoryWorkspace } from '../../src/adapters/memory/workspace.js'
import type { StorageAdapter } from '../../src/adapters/storage.js'
import { FileNotFoundError } from '../../src/errors.js'
import { RUNNER_WORKFLOW_PATH, runCloudHeal, type RemoteExecution } from '../../src/heal/cloud.js'
import { policeArtifactFix } from '../../src/heal/deliver.js'
import { runHeal } from '../../src/heal/loop.js'
import { checkPolicy, parsePolicy, type FixPolicy, type PolicyViolation } from '../../src/heal/policy.js'
import { basePaths, readBaseFiles, strictestVerdict } from '../../src/heal/policy-context.js'
import type { HealRequest } from '../../src/heal/types.js'

const quiet = { info: () => undefined, warning: () => undefined, debug: () => undefined }
/** The commit the runner checked out: the base of the fixers' diff. */
const RUN_SHA = 'c'.repeat(40)

const PACKAGE = (test: string): string =>
  JSON.stringify(
    { name: 'app', version: '1.0.0', scripts: { lint: 'eslint .', test, check: 'bash scripts/check.sh' } },
    null,
    2
  ) + '\n'
const CHECK_SH = '#!/bin/bash\nset -e\nnode src/a.js\n'
const TEST_FILE = "const a = require('./a')\n\ntest('a', () => {\n  expect(a()).toBe(1)\n})\n"
const BROKEN_A = 'module.exports = () => 2\n'
const FIXED_A = 'module.exports = () => 1\n'

/** The repository the check fails in. */
const BASE: Record<string, string> = {
  'package.json': PACKAGE('node src/a.test.js'),
  'scripts/check.sh': CHECK_SH,
  'src/a.js': BROKEN_A,
  'src/a.test.js': TEST_FILE
}

interface Case {
  name: string
  check: string
  policy?: FixPolicy
  /** The files the candidate changes, as it leaves them. */
  after: Record<string, string>
  rule?: PolicyViolation['rule']
  /**
   * The base files CLOUD heal reads, each once: the old paths of the diff and what says what the check runs
   * (package.json for an npm script, the scripts it runs, the first line of a file a script starts).
   */
  reads?: string[]
}

const CASES: Case[] = [
  {
    name: 'sets package.json scripts.test to "exit 0"',
    check: 'npm test',
    after: { 'package.json': PACKAGE('exit 0') },
    rule: 'check-config',
    reads: ['package.json', 'src/a.test.js']
  },
  {
    name: 'adds `exit 0` to the shell script the check runs',
    check: 'bash scripts/check.sh',
    after: { 'scripts/check.sh': '#!/bin/bash\nexit 0\nset -e\nnode src/a.js\n' },
    rule: 'check-config',
    reads: ['scripts/check.sh', 'src/a.js']
  },
  {
    // package.json is not in the diff: what its script runs is found from the base all the same.
    name: 'adds `exit 0` to the shell script an npm script of the check runs',
    check: 'npm run check',
    after: { 'scripts/check.sh': '#!/bin/bash\nexit 0\nset -e\nnode src/a.js\n' },
    rule: 'check-config',
    reads: ['package.json', 'scripts/check.sh', 'src/a.js']
  },
  {
    name: 'removes the only expect of a test it may change',
    check: 'npm test',
    policy: parsePolicy({ allowTestChanges: true }),
    after: { 'src/a.test.js': "const a = require('./a')\n\ntest('a', () => {\n  a()\n})\n" },
    rule: 'weakened-test',
    reads: ['package.json', 'src/a.test.js']
  }
]
const HONEST: Case = {
  name: 'fixes the code',
  check: 'bash scripts/check.sh',
  after: { 'src/a.js': FIXED_A }
}

const diffOf = (after: Record<string, string>, from: Record<string, string> = BASE): string => {
  const base = textFiles(from)
  return diffFiles(base, new Map([...base, ...textFiles(after)]))
}

/** package.json's test script runs scripts/check.sh; the fix edits the script and a harmless package.json key. */
const FOLLOW = (() => {
  const base = { ...BASE, 'package.json': PACKAGE('bash scripts/check.sh') }
  const after = {
    'package.json': base['package.json'].replace('"version": "1.0.0"', '"version": "1.0.1"'),
    'scripts/check.sh': '#!/bin/bash\nexit 0\n'
  }
  return { name: 'edits the script npm test runs', check: 'npm test', base, diff: diffOf(after, base) }
})()

/** The Storage port over files held in memory; `reads` lists what was read. */
function memoryStorage(files: Record<string, string>, reads: string[] = []): StorageAdapter {
  return {
    kind: 'memory',
    readFile: async path => {
      reads.push(path)
      if (!(path in files)) throw new FileNotFoundError(path)
      return Buffer.from(files[path])
    },
    fileExists: async path => path in files || path === RUNNER_WORKFLOW_PATH,
    writeFile: async () => {
      throw new Error('the base is not written')
    },
    listFiles: async () => Object.keys(files).sort(),
    deleteFile: async () => {
      throw new Error('the base is not written')
    }
  }
}

const FAILED: CommandResult = {
  exitCode: 1,
  stdout: 'FAIL: a() is 2\n',
  stderr: '',
  durationMs: 1,
  timedOut: false
}

/** A runner whose fixer made `after` from BASE at `sha` (null: a runner that does not say which commit). */
function runner(diff: string, sha: string | null): RemoteExecution {
  const unused = async (): Promise<never> => {
    throw new Error('not used in a dry run')
  }
  return {
    kind: 'scripted-runner',
    runCommand: unused,
    runTests: unused,
    runBuild: unused,
    runLint: unused,
    readRun: unused,
    runFix: async () => ({
      result: FAILED,
      ...(sha ? { sha } : {}),
      fix: {
        outcome: 'healed',
        reason: 'a candidate passed on the runner',
        root: '/runner/work',
        attempts: [{ source: 'fixer', fixer: 'fixit', result: 'verified' }],
        // What the runner claims about the policy is never trusted: the cloud side polices again.
        fix: { source: 'fixer', fixers: ['fixit'], diff, stats: { files: 0, added: 0, removed: 0 } }
      }
    })
  }
}

/** CLOUD heal of `feature` in a dry run (policing is all that is asked here); what it read of the base, and where. */
async function cloudHeal(c: Case, sha: string | null = RUN_SHA, base = BASE, diff = diffOf(c.after)) {
  const asked: Array<{ commit: string } | { branch: string }> = []
  const reads: string[] = []
  const out = await runCloudHeal(
    {
      execution: runner(diff, sha),
      storage: memoryStorage({}),
      storageAt: async at => {
        asked.push(at)
        return memoryStorage(base, reads)
      },
      cache: async () => new MemoryCacheAdapter(),
      git: async () => new MemoryGit(BASE),
      repository: 'github:github.com/octo/repo',
      defaultBranch: async () => 'main',
      log: quiet
    },
    { kind: 'command', check: c.check, fixers: ['fixit'], policy: c.policy, dryRun: true },
    'feature'
  )
  return { out, asked, reads }
}

/** The local loop on a checkout of BASE whose fixer writes `after`; the check passes once src/a.js is fixed. */
async function localHeal(c: Case) {
  const workspace = new MemoryWorkspace(BASE)
  const check = () =>
    workspace.read('src/a.js') === FIXED_A ? { exitCode: 0 } : { exitCode: 1, stdout: FAILED.stdout }
  const execution = new ScriptedExecution(workspace, {
    npm: check,
    bash: check,
    fixit: ws => {
      for (const [path, text] of Object.entries(c.after)) ws.write(path, text)
      return { exitCode: 0 }
    }
  })
  const request: HealRequest = {
    kind: 'command',
    check: c.check,
    fixers: ['fixit'],
    policy: c.policy,
    dryRun: true
  }
  return runHeal(
    {
      execution,
      cache: async () => new MemoryCacheAdapter(),
      git: async () => new MemoryGit(BASE),
      workspace,
      repository: 'memory',
      log: quiet
    },
    request
  )
}

describe('CLOUD heal polices a candidate as the local loop does', () => {
  for (const c of CASES) {
    it(`refuses a candidate that ${c.name}, with the loop's rule and violations`, async () => {
      const { out, asked, reads } = await cloudHeal(c)
      expect(out.outcome).toBe('not-healed')
      expect(out.attempts).toEqual([expect.objectContaining({ source: 'fixer', result: 'refused' })])
      const violations = out.attempts[0].violations!
      expect(violations.map(v => v.rule)).toContain(c.rule)
      // The base was read at the commit the runner checked out, and only the files the diff changes.
      expect(asked).toEqual([{ commit: RUN_SHA }])
      expect(reads.sort()).toEqual(c.reads)

      const local = await localHeal(c)
      expect(local.outcome).toBe('not-healed')
      expect(local.attempts.map(a => a.result)).toEqual(['refused'])
      expect(violations).toEqual(local.attempts[0].violations)
    })
  }

  it('refuses the script edit that a policy without the check would have let through', () => {
    // What CLOUD heal did before it had the context: the script is then an ordinary file.
    expect(checkPolicy(diffOf(CASES[1].after)).ok).toBe(true)
  })

  it('accepts an honest fix, as the loop does', async () => {
    const { out, asked } = await cloudHeal(HONEST)
    expect(out).toMatchObject({
      outcome: 'healed',
      dryRun: true,
      fix: { source: 'fixer', stats: { files: 1 } }
    })
    expect(asked).toEqual([{ commit: RUN_SHA }])
    expect((await localHeal(HONEST)).outcome).toBe('healed')
  })

  it('reads the branch when the runner does not say which commit it checked out', async () => {
    const { out, asked } = await cloudHeal(CASES[1], null)
    expect(out.attempts[0].violations!.map(v => v.rule)).toContain('check-config')
    expect(asked).toEqual([{ branch: 'feature' }])
  })

  it('follows `npm test` through the base package.json when the diff changes it', async () => {
    const { out, reads } = await cloudHeal({ ...FOLLOW, after: {} }, RUN_SHA, FOLLOW.base, FOLLOW.diff)
    expect(out.attempts[0].violations).toEqual([
      expect.objectContaining({ rule: 'check-config', file: 'scripts/check.sh' })
    ])
    expect(reads.sort()).toEqual(['package.json', 'scripts/check.sh', 'src/a.js'])
    // Without the base package.json, `npm test` cannot be followed to the script.
    expect(checkPolicy(FOLLOW.diff, {}, { check: 'npm test' }).ok).toBe(true)
  })
})

describe('the base files, read through the Storage port', () => {
  it('reads each old path once, a bounded number at a time; a file the base lacks is absent', async () => {
    let running = 0
    let most = 0
    const storage: Pick<StorageAdapter, 'readFile'> = {
      readFile: async path => {
        running++
        most = Math.max(most, running)
        await new Promise(resolve => setTimeout(resolve, 5))
        running--
        if (path === 'gone.txt') throw new FileNotFoundError(path)
        return Buffer.from(`text of ${path}`)
      }
    }
    const paths = Array.from({ length: 10 }, (_, i) => `f${i}.txt`).concat('gone.txt')
    const read = await readBaseFiles(storage, paths, 3)
    expect(most).toBe(3)
    expect(read.size).toBe(10)
    expect(read.get('f7.txt')).toBe('text of f7.txt')
    expect(read.has('gone.txt')).toBe(false)
  })

  it('throws what is not a missing file: judging with less than was asked for is weaker', async () => {
    const storage = {
      readFile: async () => {
        throw new Error('HTTP 502')
      }
    }
    await expect(readBaseFiles(storage, ['a.txt'])).rejects.toThrow('HTTP 502')
  })

  it("takes a diff's old paths, not an added file's nor a symlink's; a malformed diff has none", () => {
    const diff =
      diffOf({ 'src/a.js': FIXED_A, 'src/new.js': 'x\n' }) +
      'diff --git a/link b/link\nindex 1111111..2222222 120000\n--- a/link\n+++ b/link\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n'
    expect(basePaths(diff)).toEqual(['src/a.js'])
    expect(basePaths('not a diff')).toEqual([])
  })
})

describe('fork delivery polices the artifact’s fix as the local loop does', () => {
  const HEAD = 'a'.repeat(40)
  const artifact = (c: Case, check?: string) => ({
    diff: diffOf(c.after),
    headSha: HEAD,
    result: { outcome: 'not-proposed', reason: '', kind: 'command', files: 1, added: 1, removed: 1 },
    ...(check !== undefined ? { check } : {})
  })
  const at =
    (files: Record<string, string>) =>
    (commit: string): StorageAdapter => {
      // The base is read at the head the fix was made against, never elsewhere.
      expect(commit).toBe(HEAD)
      return memoryStorage(files)
    }
  const storageAt = at(BASE)

  for (const c of CASES) {
    it(`refuses an artifact whose fix ${c.name}, with the loop's violations`, async () => {
      const verdict = await policeArtifactFix(artifact(c), c.policy, { check: c.check, storageAt })
      expect(verdict.ok).toBe(false)
      expect(verdict.violations.map(v => v.rule)).toContain(c.rule)
      const local = await localHeal(c)
      expect(verdict.violations).toEqual(local.attempts[0].violations)
    })
  }

  it('accepts an honest fix', async () => {
    const verdict = await policeArtifactFix(artifact(HONEST, HONEST.check), undefined, {
      check: HONEST.check,
      storageAt
    })
    expect(verdict).toMatchObject({ ok: true, outcome: 'pass', stats: { files: 1, added: 1, removed: 1 } })
  })

  it('lets the artifact’s check only add protection: the stricter account of the check wins', async () => {
    const edit = CASES[1]
    // The artifact names a check that runs nothing; the workflow's own check runs the script.
    const loosened = await policeArtifactFix(artifact(edit, 'true'), undefined, {
      check: edit.check,
      storageAt
    })
    expect(loosened.violations.map(v => v.rule)).toEqual(['check-config'])
    // The workflow gives no check: the artifact's still protects the script it names.
    const named = await policeArtifactFix(artifact(edit, edit.check), undefined, { storageAt })
    expect(named.violations.map(v => v.rule)).toEqual(['check-config'])
    // Neither says: the script is an ordinary file, as it was before any check was known.
    expect((await policeArtifactFix(artifact(edit), undefined, { storageAt })).ok).toBe(true)
  })

  it('reads each base file once for both accounts of the check', async () => {
    const reads: string[] = []
    const edit = CASES[2]
    const verdict = await policeArtifactFix(artifact(edit, 'bash scripts/check.sh'), undefined, {
      check: edit.check,
      storageAt: commit => {
        expect(commit).toBe(HEAD)
        return memoryStorage(BASE, reads)
      }
    })
    expect(verdict.violations.map(v => v.rule)).toEqual(['check-config'])
    expect(reads.sort()).toEqual(['package.json', 'scripts/check.sh', 'src/a.js'])
  })

  it('follows `npm test` through the base package.json, read at the head', async () => {
    const verdict = await policeArtifactFix({ ...artifact(HONEST), diff: FOLLOW.diff }, undefined, {
      check: 'npm test',
      storageAt: at(FOLLOW.base)
    })
    expect(verdict.violations).toEqual([
      expect.objectContaining({ rule: 'check-config', file: 'scripts/check.sh' })
    ])
  })

  it('never takes a snapshot mismatch from the artifact: snapshot files stay test files', async () => {
    const snapshot = {
      name: 'updates a snapshot',
      check: 'npm test',
      after: { '__snapshots__/a.test.js.snap': 'x\n' }
    }
    const verdict = await policeArtifactFix(artifact(snapshot, 'npm test'), undefined, {
      check: 'npm test',
      storageAt
    })
    expect(verdict.violations.map(v => v.rule)).toEqual(['test-file'])
    // The loop, which knows the failure is a snapshot mismatch, would accept it.
    expect(checkPolicy(diffOf(snapshot.after), {}, { snapshotFailure: true, kind: 'test' }).ok).toBe(true)
  })
})

describe('strictestVerdict', () => {
  it('keeps the first refusal, else the first pass', () => {
    const diff = diffOf(CASES[1].after)
    const refused = strictestVerdict(diff, undefined, [{}, { check: 'bash scripts/check.sh' }])
    expect(refused.ok).toBe(false)
    expect(strictestVerdict(diff, undefined, [{}, { check: 'true' }]).ok).toBe(true)
    expect(strictestVerdict(diff, undefined, []).ok).toBe(true)
  })
})

/**
 * How a fix's proposal looks and is reported, over the memory fakes: the deliveries' names, the branch prefix
 * (naming, the loop guard, decline detection), the text templates, team reviewers, `pull-request-operation` and
 * the `ci-workflow` dispatch.
 */
import { describe, expect, it } from '@jest/globals'
import { MemoryCacheAdapter } from '../../src/adapters/cache/memory.js'
import { describeHeal } from '../../src/cli/program.js'
import { healSummary } from '../../src/summary.js'
import { ScriptedExecution, type Program } from '../../src/adapters/memory/execution.js'
import { MemoryGit } from '../../src/adapters/memory/git.js'
import { MemoryWorkspace } from '../../src/adapters/memory/workspace.js'
import type { DispatchOptions, DispatchOutput } from '../../src/commands/dispatch.js'
import { InvalidInputError } from '../../src/errors.js'
import { dispatchCiWorkflow } from '../../src/heal/ci-workflow.js'
import { fixBranch, isOwnBranch } from '../../src/heal/fix-branch.js'
import { runHeal } from '../../src/heal/loop.js'
import { pullRequestOperation } from '../../src/heal/pull-request-operation.js'
import { buildHealRequest, type HealInputs } from '../../src/heal/request.js'
import { checkTemplate, pullRequestBody } from '../../src/heal/templates.js'
import type { HealOutput, HealRequest } from '../../src/heal/types.js'
import type { Logger } from '../../src/log.js'

const FILES = { 'src/app.js': 'const a = BAD\n' }

/** A lint check failing on every BAD in src/app.js, and a fixer replacing it. */
const PROGRAMS: Record<string, Program> = {
  lint: ws => {
    const bad = (ws.read('src/app.js') ?? '').includes('BAD')
    return { exitCode: bad ? 1 : 0, stdout: bad ? 'src/app.js:1:11: error bad word (no-bad)\n' : '' }
  },
  fix: ws => {
    ws.write('src/app.js', (ws.read('src/app.js') ?? '').replace(/BAD/g, 'GOOD'))
    return { exitCode: 0 }
  }
}

const quiet: Logger = { info: () => undefined, warning: () => undefined, debug: () => undefined }

/** Heals the BAD line with the memory fakes; the same `git` and `cache` across calls, like one repository. */
function fakes(branch = 'main') {
  const git = new MemoryGit(FILES)
  const cache = new MemoryCacheAdapter()
  const heal = async (request: Partial<HealRequest>, on = branch): Promise<HealOutput> => {
    const workspace = new MemoryWorkspace(FILES, { branch: on })
    return runHeal(
      {
        execution: new ScriptedExecution(workspace, PROGRAMS),
        workspace,
        repository: 'github:github.com/octo/repo',
        cache: async () => cache,
        git: async () => git,
        log: quiet
      },
      { kind: 'lint', check: 'lint', fixers: ['fix'], ...request }
    )
  }
  return { git, heal }
}

const ACTION_NAMES: Record<string, string> = {
  branchPrefix: 'branch-prefix',
  commitMessage: 'commit-message',
  teamReviewers: 'team-reviewers',
  ciWorkflow: 'ci-workflow'
}
const request = (inputs: Partial<HealInputs>, env: NodeJS.ProcessEnv = {}): HealRequest =>
  buildHealRequest(
    { check: 'npm test', ...inputs },
    option => `the input '${ACTION_NAMES[option] ?? option}'`,
    env
  )

describe('deliver', () => {
  it('takes pull-request (default), commit, suggest and none', () => {
    expect(request({}).deliver).toBe('pull-request')
    for (const deliver of ['pull-request', 'commit', 'suggest', 'none']) {
      expect(request({ deliver }).deliver).toBe(deliver)
    }
  })

  it('refuses the old names saying which value to use now, and anything else naming the values', () => {
    expect(() => request({ deliver: 'suggestions' })).toThrow(
      "the input 'deliver' 'suggestions' is not a delivery (it is called 'suggest' now): use one of pull-request, commit, suggest, none."
    )
    expect(() => request({ deliver: 'comment' })).toThrow(/\(use 'none': .*comment.*\): use one of/)
    expect(() => request({ deliver: 'email' })).toThrow(InvalidInputError)
    expect(() => request({ deliver: 'email' })).toThrow(
      /'email' is not a delivery: use one of pull-request, commit, suggest, none/
    )
  })

  it('none outside a pull request: verified and reported, nothing pushed, no pull request', async () => {
    const { git, heal } = fakes()
    const result = await heal({ deliver: 'none' })
    expect(result).toMatchObject({ outcome: 'healed', proposal: { deliver: 'none', base: 'main' } })
    expect(result.reason).toContain('deliver: none')
    expect(result.fix!.diff).toContain('+const a = GOOD')
    expect([...git.branches.keys()]).toEqual(['main'])
    expect(git.pullRequests).toEqual([])
    expect(pullRequestOperation(result)).toBe('none')
  })

  it('suggest outside a pull request proposes a pull request, as commit does', async () => {
    const { git, heal } = fakes()
    expect((await heal({ deliver: 'suggest' })).proposal).toMatchObject({ deliver: 'pull-request' })
    expect(git.pullRequests).toHaveLength(1)
  })
})

describe('branch-prefix', () => {
  it('names the fix branch <prefix><fingerprint>; default self-heal/', () => {
    expect(fixBranch({}, 'abc')).toBe('self-heal/abc')
    expect(fixBranch({ branchPrefix: 'bots/heal-' }, 'abc')).toBe('bots/heal-abc')
    expect(request({}).shape).toEqual({})
    expect(request({ branchPrefix: ' bots/ ' }).shape).toEqual({ branchPrefix: 'bots/' })
  })

  it('refuses a prefix that is not a safe ref prefix, naming the input', () => {
    for (const bad of [
      '-x/',
      '.hidden/',
      'a..b/',
      'a b/',
      'a/.x',
      'x.lock/',
      'a//b',
      '$(rm)/',
      '{fingerprint}'
    ]) {
      expect(() => request({ branchPrefix: bad })).toThrow(/the input 'branch-prefix' '.*'/)
    }
  })

  it('refuses both a branch and another prefix; the default prefix beside a branch is fine', () => {
    expect(() => request({ branch: 'x/{fingerprint}', branchPrefix: 'bots/' })).toThrow(
      /Give the input 'branch' .* or the input 'branch-prefix' .*, not both/
    )
    expect(request({ branch: 'x/{fingerprint}', branchPrefix: 'self-heal/' }).shape!.branch).toBe(
      'x/{fingerprint}'
    )
  })

  it('recognises the branches under the prefix, and only those, as self-heal’s own', () => {
    expect(isOwnBranch('self-heal/abc')).toBe(true)
    expect(isOwnBranch('refs/heads/bots/abc', { branchPrefix: 'bots/' })).toBe(true)
    expect(isOwnBranch('self-heal/abc', { branchPrefix: 'bots/' })).toBe(false)
    expect(isOwnBranch('feature', { branchPrefix: 'bots/' })).toBe(false)
  })

  it('the loop proposes on it, guards it, and finds a decline by it', async () => {
    const { git, heal } = fakes()
    const shape = { branchPrefix: 'bots/heal-' }
    const first = await heal({ shape })
    const branch = `bots/heal-${first.fingerprint!.id}`
    expect(first.proposal).toMatchObject({ branch, pullRequest: { number: 1, action: 'created' } })
    expect(git.read(branch, 'src/app.js')).toBe('const a = GOOD\n')
    expect(pullRequestOperation(first)).toBe('created')

    const again = await heal({ shape })
    expect(again.proposal).toMatchObject({ action: 'already-proposed', pullRequest: { action: 'updated' } })
    expect(pullRequestOperation(again)).toBe('unchanged')

    expect((await heal({ shape }, branch)).outcome).toBe('skipped')
    // Without the prefix, bots/ is anybody's branch: it is healed.
    expect((await heal({}, branch)).outcome).not.toBe('skipped')

    git.close(1)
    const declined = await heal({ shape })
    expect(declined.outcome).toBe('declined')
    expect(declined.reason).toContain(branch)
    expect(pullRequestOperation(declined)).toBe('declined')
  })
})

describe('the texts are templates', () => {
  it('refuses an unknown placeholder, naming it and the input, before anything runs', () => {
    expect(() => request({ title: 'Fix {fingerprint} in {branch} for {who}' })).toThrow(
      "the input 'title' uses unknown placeholder(s) {branch}, {who}: the placeholders are {fingerprint}, {check}, {fixer}, {failed-tests}, {run-url}."
    )
    expect(() => request({ body: '{Fixer}' })).toThrow(
      /the input 'body' uses unknown placeholder\(s\) \{Fixer\}/
    )
    expect(() => request({ commitMessage: 'fix: {tests}' })).toThrow(/the input 'commit-message'/)
    // Braces around anything but a name are text.
    expect(checkTemplate('const x = { a: 1 } and {}', 'body')).toBe('const x = { a: 1 } and {}')
  })

  it('fills title, body and commit message; team reviewers are requested with the reviewers', async () => {
    const { git, heal } = fakes()
    const built = request(
      {
        check: 'lint',
        title: 'lint ({check}): {fixer} fixes {failed-tests}',
        body: 'Seen in {run-url} as {fingerprint}.',
        commitMessage: 'style: {fixer}\n\nFor {fingerprint}.',
        reviewers: 'alice',
        teamReviewers: 'core, web\nops'
      },
      { GITHUB_REPOSITORY: 'octo/repo', GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '42' }
    )
    const result = await heal({ shape: built.shape, links: built.links })
    const id = result.fingerprint!.id
    expect(git.pullRequests[0]).toMatchObject({
      title: 'lint (lint): fix fixes src/app.js :: no-bad',
      // The fingerprint's hidden marker follows whatever body is set: it is how a decline is found.
      body: `Seen in https://github.example/octo/repo/actions/runs/42 as ${id}.\n\n<!-- self-heal fingerprint: ${id} -->\n`,
      reviewers: ['alice'],
      teamReviewers: ['core', 'web', 'ops']
    })
    expect(git.branches.get(result.proposal!.branch!)!.commits[0].message).toBe(
      `style: fix\n\nFor ${id}.\n\nSelf-Heal-Fingerprint: ${id}\n`
    )
  })

  it('the default body links the run and the failing commit', async () => {
    const { git, heal } = fakes()
    const links = {
      repository: 'https://github.example/octo/repo',
      run: 'https://github.example/octo/repo/actions/runs/42'
    }
    await heal({ links })
    const body = git.pullRequests[0].body!
    expect(body).toMatch(
      /^The lint check failed in \[this workflow run\]\(https:\/\/github\.example\/octo\/repo\/actions\/runs\/42\) at commit \[[0-9a-f]{12}\]\(https:\/\/github\.example\/octo\/repo\/commit\/[0-9a-f]{40}\);/
    )
    // Without a run (locally), the commit is named, unlinked.
    const local = pullRequestBody({
      shape: {},
      kind: 'test',
      fix: { source: 'memory', fixers: [], diff: '', stats: { files: 1, added: 1, removed: 1 } },
      fingerprint: { id: 'f00d', basis: 'tests', signatures: ['t1'] },
      facts: { commit: 'a'.repeat(40) }
    })
    expect(local.split('\n')[0]).toBe(
      'The test check failed at commit `aaaaaaaaaaaa`; self-heal found a fix and verified it by running the check again, which passed.'
    )
  })
})

describe('pull-request-operation for a pull request’s own branch (deliver commit)', () => {
  it('updated when the fix is committed on it, unchanged when it already holds the fix', async () => {
    const { git, heal } = fakes()
    await git.createBranch('feature', 'main')
    const pr = { number: 7, head: 'feature', base: 'main', url: 'memory://pulls/7' }
    const made = await heal({ deliver: 'commit', pullRequest: pr, base: 'feature' })
    expect(made.proposal).toMatchObject({ deliver: 'commit', action: 'created' })
    expect(pullRequestOperation(made)).toBe('updated')
    // What a run again from the same event returns when its commit is on the branch already (the memory Git
    // fake compares branches, not commits: the heal e2e test runs it).
    const held: HealOutput = { ...made, proposal: { ...made.proposal!, action: 'already-proposed' } }
    expect(pullRequestOperation(held)).toBe('unchanged')
  })
})

describe('ci-workflow', () => {
  it('is a workflow file name, checked when the request is read', () => {
    expect(request({ ciWorkflow: 'ci.yml' }).ciWorkflow).toBe('ci.yml')
    expect(request({}).ciWorkflow).toBeUndefined()
    expect(() => request({ ciWorkflow: '../ci.yml' })).toThrow(
      /the input 'ci-workflow' '\.\.\/ci\.yml' is not a workflow file name/
    )
  })

  it('dispatches on the fix branch once a fix is committed, and not when nothing was committed', async () => {
    const { heal } = fakes()
    const calls: DispatchOptions[] = []
    const run = async (options: DispatchOptions): Promise<DispatchOutput> => {
      calls.push(options)
      return {
        runId: 9,
        runUrl: 'https://github.example/octo/repo/actions/runs/9',
        conclusion: null,
        status: 'queued',
        workflow: options.workflow,
        ref: options.ref!,
        runIdFromResponse: true
      }
    }
    const settings = { repository: 'octo/repo', token: 't', apiUrl: 'https://api.example' }
    const first = await dispatchCiWorkflow(await heal({}), 'ci.yml', settings, quiet, run)
    expect(calls.map(c => [c.workflow, c.ref, c.repository])).toEqual([
      ['ci.yml', first.proposal!.branch, 'octo/repo']
    ])
    expect(first.proposal!.ci).toEqual({
      workflow: 'ci.yml',
      runId: 9,
      url: 'https://github.example/octo/repo/actions/runs/9'
    })

    expect(describeHeal(first)).toContain('  ci.yml: run 9 https://github.example/octo/repo/actions/runs/9')
    expect(healSummary(first, 'lint', {})).toContain(
      '<tr><th>CI on the fix</th><td><a href="https://github.example/octo/repo/actions/runs/9">run 9</a> of <code>ci.yml</code></td></tr>'
    )

    const again = await dispatchCiWorkflow(await heal({}), 'ci.yml', settings, quiet, run)
    expect(calls).toHaveLength(1)
    expect(again.proposal!.ci).toMatchObject({ skipped: expect.stringContaining('nothing was committed') })

    const none = await dispatchCiWorkflow(await heal({ deliver: 'none' }), 'ci.yml', settings, quiet, run)
    expect(none.proposal!.ci).toMatchObject({ skipped: 'the fix is on no branch (deliver: none)' })

    const refused = await dispatchCiWorkflow(await fakes().heal({}), 'ci.yml', settings, quiet, async () => {
      throw new Error("Workflow does not have 'workflow_dispatch' trigger")
    })
    expect(refused).toMatchObject({
      outcome: 'healed',
      proposal: { ci: { skipped: expect.stringContaining('workflow_dispatch') } }
    })
  })
})

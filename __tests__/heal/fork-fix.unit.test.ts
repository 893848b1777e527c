/** A fix as review suggestions, fix.json's checks, the runtime token's run ids, the artifact zip, a fork commit. */
import { describe, expect, it } from '@jest/globals'
import { MemoryGit } from '../../src/adapters/memory/git.js'
import { ConfigurationError, PermissionError } from '../../src/errors.js'
import { createZip, readZip } from '../../src/github/zip.js'
import { commitOnForkBranch, readDeliverMode, type ForkHead } from '../../src/heal/deliver.js'
import { backendIds, parseFixArtifact } from '../../src/heal/fix-artifact.js'
import { buildSuggestionReview } from '../../src/heal/suggestions.js'

/** The pull request adds lines 3-12 of a.txt (a hunk covering new lines 1-12 with context) and adds new.txt. */
const PR_DIFF =
  'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,12 @@\n l1\n l2\n' +
  Array.from({ length: 10 }, (_, i) => `+l${i + 3}\n`).join('') +
  'diff --git a/far.txt b/far.txt\n--- a/far.txt\n+++ b/far.txt\n@@ -1,3 +1,3 @@\n f1\n-f2\n+F2\n f3\n'

describe('buildSuggestionReview', () => {
  it('one suggestion per hunk on the replaced lines, context trimmed', () => {
    const fix =
      'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -4,4 +4,3 @@\n l4\n-l5\n-l6\n+L5-6\n l7\n'
    const review = buildSuggestionReview(fix, PR_DIFF, 'intro')
    expect(review.comments).toEqual([
      { path: 'a.txt', start_line: 5, line: 6, side: 'RIGHT', body: '```suggestion\nL5-6\n```' }
    ])
    expect(review.body).toBe('intro')
    expect(review.inBody).toBe(0)
  })

  it('an insertion is anchored on the line before it; a deletion suggests nothing in its place', () => {
    const fix =
      'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -3,2 +3,3 @@\n l3\n+new\n l4\n' +
      '@@ -9,3 +10,2 @@\n l9\n-l10\n l11\n'
    const review = buildSuggestionReview(fix, PR_DIFF, 'intro')
    expect(review.comments).toEqual([
      { path: 'a.txt', line: 3, side: 'RIGHT', body: '```suggestion\nl3\nnew\n```' },
      { path: 'a.txt', line: 10, side: 'RIGHT', body: '```suggestion\n```' }
    ])
  })

  it("a hunk outside the pull request's diff, or a new file, goes in the body as a diff", () => {
    const fix =
      'diff --git a/far.txt b/far.txt\n--- a/far.txt\n+++ b/far.txt\n@@ -40,1 +40,1 @@\n-x\n+y\n' +
      'diff --git a/n.txt b/n.txt\nnew file mode 100644\n--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1 @@\n+n\n'
    const review = buildSuggestionReview(fix, PR_DIFF, 'intro')
    expect(review.comments).toEqual([])
    expect(review.inBody).toBe(2)
    expect(review.body).toContain('2 changes could not be suggested')
    expect(review.body).toContain('--- a/far.txt\n+++ b/far.txt\n@@ -40,1 +40,1 @@\n-x\n+y')
    expect(review.body).toContain('--- /dev/null\n+++ b/n.txt')
  })

  it('a suggestion holding backticks gets a longer fence', () => {
    const fix = 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -5 +5 @@\n-l5\n+```js\n'
    expect(buildSuggestionReview(fix, PR_DIFF, '').comments[0].body).toBe('````suggestion\n```js\n````')
  })
})

describe('fix.json and the artifact', () => {
  const valid = {
    version: 1,
    repository: 'o/r',
    pullRequest: 3,
    headSha: 'a'.repeat(40),
    baseSha: 'b'.repeat(40),
    fingerprint: 'f',
    diff: 'd',
    result: {}
  }

  it('parseFixArtifact accepts what heal writes and says what is wrong with anything else', () => {
    expect(parseFixArtifact(JSON.stringify(valid)).pullRequest).toBe(3)
    expect(() => parseFixArtifact('{')).toThrow(/fix.json is not JSON/)
    expect(() => parseFixArtifact(JSON.stringify({ ...valid, version: 2 }))).toThrow(/version 2, expected 1/)
    expect(() => parseFixArtifact(JSON.stringify({ ...valid, headSha: 'main' }))).toThrow(
      /'headSha' is not a commit/
    )
    expect(() => parseFixArtifact(JSON.stringify({ ...valid, pullRequest: '3' }))).toThrow(/'pullRequest'/)
    // The check it names is read as text only, never run; anything else is no fix.json self-heal wrote.
    expect(parseFixArtifact(JSON.stringify({ ...valid, check: 'npm test' })).check).toBe('npm test')
    expect(() => parseFixArtifact(JSON.stringify({ ...valid, check: ['npm', 'test'] }))).toThrow(
      /'check' is not a command line/
    )
  })

  it('backendIds reads the Actions.Results scope of a runtime token, and refuses a token without one', () => {
    const jwt = (claims: object): string =>
      `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`
    expect(backendIds(jwt({ scp: 'Actions.GenericRead:x Actions.Results:run-1:job-2' }))).toEqual({
      workflowRunBackendId: 'run-1',
      workflowJobRunBackendId: 'job-2'
    })
    expect(() => backendIds(jwt({ scp: 'Actions.GenericRead:x' }))).toThrow(/names no workflow run/)
    expect(() => backendIds('not a token')).toThrow(/names no workflow run/)
  })

  it('a zip round-trips, and a damaged one is refused', () => {
    const data = Buffer.from('{"a":1}\n'.repeat(100))
    const zip = createZip([
      { name: 'fix.json', data },
      { name: 'dir/é.txt', data: Buffer.alloc(0) }
    ])
    expect(readZip(zip)).toEqual([
      { name: 'fix.json', data },
      { name: 'dir/é.txt', data: Buffer.alloc(0) }
    ])
    const damaged = Buffer.from(zip)
    damaged[40] ^= 0xff
    expect(() => readZip(damaged)).toThrow(/not a zip self-heal can read/)
    expect(() => readZip(Buffer.from('nothing'))).toThrow(/no end of central directory/)
  })
})

describe("commitOnForkBranch (deliver 'commit')", () => {
  const diff = 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-BAD\n+GOOD\n'
  const setup = () => {
    const git = new MemoryGit({ 'a.txt': 'BAD\n' }, 'feature')
    const headSha = git.head('feature')
    const pr: ForkHead = {
      number: 4,
      maintainer_can_modify: true,
      head: { ref: 'feature', sha: headSha, repo: { full_name: 'someone/repo' } }
    }
    const fix = {
      diff,
      fingerprint: '0123456789abcdef',
      headSha,
      result: { outcome: 'not-proposed', reason: 'x', kind: 'lint', files: 1, added: 1, removed: 1 } as const
    }
    const asked: string[] = []
    const forkGit = (repository: string) => {
      asked.push(repository)
      return git
    }
    return { git, pr, fix, forkGit, asked }
  }

  it("commits on the fork's head branch, on the head the fix is for, with the fingerprint trailer", async () => {
    const { git, pr, fix, forkGit, asked } = setup()
    const made = await commitOnForkBranch(pr, fix, forkGit)
    expect(made).toEqual({
      made: true,
      sha: git.head('feature'),
      repository: 'someone/repo',
      branch: 'feature'
    })
    expect(asked).toEqual(['someone/repo'])
    expect(git.read('feature', 'a.txt')).toBe('GOOD\n')
    expect(git.branches.get('feature')!.commits[0].message).toMatch(
      /\n\nSelf-Heal-Fingerprint: 0123456789abcdef\n$/
    )
  })

  it('pushes nothing without maintainer edits, and nothing over a head that moved', async () => {
    const { git, pr, fix, forkGit, asked } = setup()
    const refused = await commitOnForkBranch({ ...pr, maintainer_can_modify: false }, fix, forkGit)
    expect(refused).toEqual({
      made: false,
      moved: false,
      reason: 'pull request #4 does not allow edits by maintainers, so nothing may be pushed to someone/repo'
    })
    expect(asked).toEqual([])
    await git.applyDiff(diff, 'a push of the contributor', { branch: 'feature' })
    const moved = await commitOnForkBranch(pr, fix, forkGit)
    expect(moved).toMatchObject({ made: false, moved: true })
    expect(git.branches.get('feature')!.commits.map(c => c.message)).toEqual(['a push of the contributor'])
  })

  it('a token that may not push says that a GITHUB_TOKEN never can', async () => {
    const { pr, fix } = setup()
    const denied = await commitOnForkBranch(pr, fix, () => ({
      applyDiff: () => Promise.reject(new PermissionError('GitHub refused creating a tree (403)'))
    }))
    expect(denied).toMatchObject({ made: false, moved: false })
    expect((denied as { reason: string }).reason).toContain('A GITHUB_TOKEN never can push to a fork')
  })

  it("reads the deliver input: commit, suggest (also heal's default), else a ConfigurationError", () => {
    expect(readDeliverMode('commit', 'deliver')).toBe('commit')
    expect(readDeliverMode('pull-request', 'deliver')).toBe('suggest')
    expect(readDeliverMode('', 'deliver')).toBe('suggest')
    expect(() => readDeliverMode('none', "the input 'deliver'")).toThrow(ConfigurationError)
  })
})

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import { git } from '../helpers/git.js'
import { cloneOf, put } from './support.js'

const COMMIT = `
  mutation ($input: CreateCommitOnBranchInput!) {
    createCommitOnBranch(input: $input) {
      commit { oid url tree { oid } }
      ref { name target { oid } }
    }
  }`

const READ = `
  query ($owner: String!, $name: String!, $qualified: String!, $expression: String!) {
    repository(owner: $owner, name: $name) {
      defaultBranchRef { name target { oid } }
      ref(qualifiedName: $qualified) { target { oid } }
      object(expression: $expression) { ... on Blob { text byteSize isBinary } }
    }
  }`

interface CommitResult {
  createCommitOnBranch: {
    commit: { oid: string; tree: { oid: string } }
    ref: { name: string; target: { oid: string } }
  }
}

describe('emulator GraphQL', () => {
  let t: TestEmulator
  let gitDir: string

  beforeAll(async () => {
    t = await startTestEmulator({ tokens: { meta: ['metadata'], 'no-workflows': ['contents'] } })
    gitDir = t.emulator.repository.gitDir
  })

  afterAll(async () => {
    await t.close()
  })

  it('commits on a branch with createCommitOnBranch, producing git’s own tree', async () => {
    const head = await git(gitDir, 'rev-parse', 'main')
    t.emulator.resetStats()
    const result = await t.octokit.graphql<CommitResult>(COMMIT, {
      input: {
        branch: { repositoryNameWithOwner: 'octo/repo', branchName: 'main' },
        expectedHeadOid: head,
        message: { headline: 'Fix lint', body: 'Signed by GitHub' },
        fileChanges: {
          additions: [
            { path: 'src/app.ts', contents: Buffer.from('export const x = 1\n').toString('base64') },
            { path: 'img.bin', contents: Buffer.from([0, 1, 2, 3]).toString('base64') }
          ],
          deletions: [{ path: 'README.md' }]
        }
      }
    })
    const { commit, ref } = result.createCommitOnBranch
    expect(ref.target.oid).toBe(commit.oid)
    expect(await git(gitDir, 'rev-parse', 'main')).toBe(commit.oid)
    expect(await git(gitDir, 'log', '-1', '--format=%B', 'main')).toBe('Fix lint\n\nSigned by GitHub')
    expect(await git(gitDir, 'fsck', '--strict')).toBeDefined()
    const clone = await cloneOf(gitDir)
    try {
      await git(clone.path, 'reset', '-q', '--hard', head)
      await git(clone.path, 'rm', '-q', 'README.md')
      await put(clone.path, 'src/app.ts', 'export const x = 1\n')
      await put(clone.path, 'img.bin', Buffer.from([0, 1, 2, 3]))
      await git(clone.path, 'add', '-A')
      expect(await git(clone.path, 'write-tree')).toBe(commit.tree.oid)
    } finally {
      await clone.cleanup()
    }
    expect(t.emulator.stats().operations['graphql/createCommitOnBranch']).toEqual({
      reads: 0,
      writes: 1,
      notModified: 0
    })
  })

  it('answers STALE_DATA when expectedHeadOid is not the head, and moves nothing', async () => {
    const head = await git(gitDir, 'rev-parse', 'main')
    const error = (await t.octokit
      .graphql(COMMIT, {
        input: {
          branch: { repositoryNameWithOwner: 'octo/repo', branchName: 'main' },
          expectedHeadOid: '1'.repeat(40),
          message: { headline: 'x' },
          fileChanges: { additions: [{ path: 'a', contents: 'YQ==' }] }
        }
      })
      .catch((e: unknown) => e)) as { errors?: { type?: string; message: string }[] }
    expect(error.errors?.[0]?.type).toBe('STALE_DATA')
    expect(error.errors?.[0]?.message).toMatch(/Expected branch to point to/)
    expect(await git(gitDir, 'rev-parse', 'main')).toBe(head)
  })

  it('updateRefs moves and deletes refs only from the commits expected, all or none, fast-forward unless forced', async () => {
    const main = await git(gitDir, 'rev-parse', 'main')
    const side = await t.emulator.pushFiles({ branch: 'cas-side', files: { 'side.txt': 'side\n' } })
    const { repository } = await t.octokit.graphql<{ repository: { id: string } }>(
      'query { repository(owner: "octo", name: "repo") { id } }'
    )
    const update = (refUpdates: object[]) =>
      t.octokit
        .graphql('mutation ($input: UpdateRefsInput!) { updateRefs(input: $input) { clientMutationId } }', {
          input: { repositoryId: repository.id, refUpdates }
        })
        .then(
          () => undefined,
          (e: { errors?: { type?: string }[] }) => e.errors?.[0]?.type
        )
    const zero = '0'.repeat(40)
    // One stale update refuses the other: nothing moves.
    expect(
      await update([
        { name: 'refs/heads/cas-new', beforeOid: zero, afterOid: main },
        { name: 'refs/heads/cas-side', beforeOid: main, afterOid: main, force: true }
      ])
    ).toBe('STALE_DATA')
    expect(await git(gitDir, 'branch', '--list', 'cas-new')).toBe('')
    // Backwards needs force.
    expect(await update([{ name: 'refs/heads/cas-side', beforeOid: side, afterOid: main }])).toBe(
      'UNPROCESSABLE'
    )
    expect(
      await update([{ name: 'refs/heads/cas-side', beforeOid: side, afterOid: main, force: true }])
    ).toBe(undefined)
    expect(await git(gitDir, 'rev-parse', 'cas-side')).toBe(main)
    expect(await update([{ name: 'refs/heads/cas-side', beforeOid: side, afterOid: zero }])).toBe(
      'STALE_DATA'
    )
    expect(await update([{ name: 'refs/heads/cas-side', beforeOid: main, afterOid: zero }])).toBe(undefined)
    expect(await git(gitDir, 'branch', '--list', 'cas-side')).toBe('')
  })

  it('reads refs, the default branch and blob text by REF:path', async () => {
    const head = await git(gitDir, 'rev-parse', 'main')
    t.emulator.resetStats()
    const data = await t.octokit.graphql<{
      repository: {
        defaultBranchRef: { name: string; target: { oid: string } }
        ref: { target: { oid: string } }
        object: { text: string; byteSize: number; isBinary: boolean }
      }
    }>(READ, { owner: 'octo', name: 'repo', qualified: 'refs/heads/main', expression: 'main:src/app.ts' })
    expect(data.repository.defaultBranchRef).toEqual({ name: 'main', target: { oid: head } })
    expect(data.repository.ref.target.oid).toBe(head)
    expect(data.repository.object).toEqual({ text: 'export const x = 1\n', byteSize: 19, isBinary: false })
    expect(t.emulator.stats().operations['graphql/repository']).toEqual({
      reads: 1,
      writes: 0,
      notModified: 0
    })
  })

  it('validates every document against GitHub’s schema and records what does not conform', async () => {
    const error = (await t.octokit
      .graphql('query { repository(owner: "octo", name: "repo") { noSuchField } }')
      .catch((e: unknown) => e)) as { errors?: { message: string }[] }
    expect(error.errors?.[0]?.message).toMatch(/Cannot query field "noSuchField" on type "Repository"/)
    expect(t.emulator.violations()).toHaveLength(1)
    expect(t.emulator.violations()[0]?.message).toMatch(/does not conform to GitHub's schema/)
    t.emulator.clearViolations()
  })

  it('refuses writes without contents, and workflow changes without workflows, as FORBIDDEN', async () => {
    const head = await git(gitDir, 'rev-parse', 'main')
    const input = (path: string) => ({
      input: {
        branch: { repositoryNameWithOwner: 'octo/repo', branchName: 'main' },
        expectedHeadOid: head,
        message: { headline: 'x' },
        fileChanges: { additions: [{ path, contents: 'YQ==' }] }
      }
    })
    const noContents = (await t
      .clientFor('meta')
      .graphql(COMMIT, input('a.txt'))
      .catch((e: unknown) => e)) as { errors?: { type?: string; message: string }[] }
    expect(noContents.errors?.[0]).toMatchObject({
      type: 'FORBIDDEN',
      message: 'Resource not accessible by integration'
    })
    const noWorkflows = (await t
      .clientFor('no-workflows')
      .graphql(COMMIT, input('.github/workflows/ci.yml'))
      .catch((e: unknown) => e)) as { errors?: { type?: string; message: string }[] }
    expect(noWorkflows.errors?.[0]?.type).toBe('FORBIDDEN')
    expect(noWorkflows.errors?.[0]?.message).toMatch(/without `workflows` permission/)
    expect(await git(gitDir, 'rev-parse', 'main')).toBe(head)
  })

  it('records a field GitHub has but the emulator does not serve', async () => {
    const data = await t.octokit.graphql<{
      repository: { nameWithOwner: string; description: string | null }
    }>('query { repository(owner: "octo", name: "repo") { nameWithOwner description } }')
    expect(data.repository).toEqual({ nameWithOwner: 'octo/repo', description: null })
    expect(t.emulator.violations().map(v => v.message)).toEqual([
      'emulator: GraphQL fields the emulator does not serve (answered null): Repository.description'
    ])
    t.emulator.clearViolations()
  })
})

/**
 * Forks in the emulator: a repository served as a fork reports `fork`, `parent` and `source`, starts with its
 * parent's branches when empty, and is the only other repository a pull request's `OWNER:BRANCH` head may come
 * from; pull requests opened, synchronized and reopened through the API reach plugins as `pull_request` events;
 * and tokens issued to plugins write only where their grant says, through REST and GraphQL, until revoked.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import type { EmulatorServices, PullRequestEvent } from '../../emulator/plugin.js'
import { octokitFor, startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import { git, makeTempDir, makeTempRepo, type TempDir } from '../helpers/git.js'
import { rejectionOf } from './support.js'

const base = { owner: 'octo', repo: 'repo' }
const fork = { owner: 'someone', repo: 'repo' }

describe('emulator forks, pull_request events and issued tokens', () => {
  let temp: TempDir
  let t: TestEmulator
  let services: EmulatorServices
  let mainSha: string
  const events: PullRequestEvent[] = []

  /** Commits a new file on `branch` of `where` through the Contents API, returning the new head. */
  const commit = async (where: typeof base, branch: string, path: string, text: string): Promise<string> => {
    const { data } = await t.octokit.rest.repos.createOrUpdateFileContents({
      ...where,
      path,
      branch,
      message: `Write ${path}`,
      content: Buffer.from(text).toString('base64')
    })
    return data.commit.sha as string
  }

  beforeAll(async () => {
    const work = await makeTempRepo({ 'a.txt': 'a\n' })
    temp = await makeTempDir('self-heal-forks-')
    const baseDir = join(temp.path, 'repo.git')
    await git(temp.path, 'clone', '-q', '--bare', work.path, baseDir)
    await work.cleanup()
    mainSha = await git(baseDir, 'rev-parse', 'main')
    const forkDir = join(temp.path, 'fork.git')
    await git(temp.path, 'init', '-q', '--bare', forkDir)
    const otherDir = join(temp.path, 'other.git')
    await git(temp.path, 'clone', '-q', '--bare', baseDir, otherDir)
    t = await startTestEmulator({
      repos: [
        { fullName: 'octo/repo', gitDir: baseDir },
        { fullName: 'someone/repo', gitDir: forkDir, forkOf: 'octo/repo' },
        // Same name, same commits, but not a fork: pull requests cannot come from it.
        { fullName: 'other/repo', gitDir: otherDir }
      ],
      plugins: [
        {
          name: 'pull-request-recorder',
          start: s => {
            services = s
          },
          onPullRequest: event => {
            events.push(event)
          }
        }
      ]
    })
  })

  afterAll(async () => {
    await t?.close()
    await temp?.cleanup()
  })

  it('a fork reports fork, parent and source, and an empty one starts with its parent branches', async () => {
    const { data: repo } = await t.octokit.rest.repos.get(fork)
    expect(repo).toMatchObject({
      fork: true,
      parent: { full_name: 'octo/repo', fork: false },
      source: { full_name: 'octo/repo' },
      default_branch: 'main'
    })
    const { data: parent } = await t.octokit.rest.repos.get(base)
    expect(parent.fork).toBe(false)
    expect(parent.parent).toBeUndefined()
    expect((await t.octokit.rest.repos.get({ owner: 'other', repo: 'repo' })).data.fork).toBe(false)
    expect((await t.octokit.rest.git.getRef({ ...fork, ref: 'heads/main' })).data.object.sha).toBe(mainSha)
    expect(services.repositories.get('someone/repo')?.parent).toBe('octo/repo')
  })

  it('opens pull requests only from a real fork, and tells plugins when they open, move and reopen', async () => {
    await t.octokit.rest.git.createRef({ ...fork, ref: 'refs/heads/feature', sha: mainSha })
    const first = await commit(fork, 'feature', 'b.txt', 'b\n')
    const other = { owner: 'other', repo: 'repo' }
    await t.octokit.rest.git.createRef({ ...other, ref: 'refs/heads/feature', sha: mainSha })
    await commit(other, 'feature', 'b.txt', 'b\n')
    const notFork = await rejectionOf(
      t.octokit.rest.pulls.create({ ...base, head: 'other:feature', base: 'main', title: 'x' })
    )
    expect(notFork.status).toBe(422)
    expect(events).toEqual([])

    const { data: pr } = await t.octokit.rest.pulls.create({
      ...base,
      head: 'someone:feature',
      base: 'main',
      title: 'b'
    })
    expect(pr.head).toMatchObject({ sha: first, repo: { full_name: 'someone/repo', fork: true } })
    const seen = () =>
      events.map(e => [e.action, e.number, e.headSha, e.headRepository.fullName, e.repository.fullName])
    expect(seen()).toEqual([['opened', pr.number, first, 'someone/repo', 'octo/repo']])
    expect(events[0]).toMatchObject({ headRef: 'feature', baseRef: 'main', token: t.emulator.token })
    expect(events[0].pullRequest).toMatchObject({ number: pr.number, head: { sha: first } })

    // A write that moves no pull request's head is no event; a commit on the fork's branch synchronizes it.
    await t.octokit.rest.issues.addLabels({ ...base, issue_number: pr.number, labels: ['x'] })
    await commit(base, 'main', 'c.txt', 'c\n')
    expect(events).toHaveLength(1)
    const second = await commit(fork, 'feature', 'd.txt', 'd\n')
    expect(seen().slice(1)).toEqual([['synchronize', pr.number, second, 'someone/repo', 'octo/repo']])

    await t.octokit.rest.pulls.update({ ...base, pull_number: pr.number, state: 'closed' })
    await t.octokit.rest.pulls.update({ ...base, pull_number: pr.number, state: 'open' })
    expect(seen().slice(2)).toEqual([['reopened', pr.number, second, 'someone/repo', 'octo/repo']])
  })

  it('issued tokens write only where granted, through REST and GraphQL, until revoked', async () => {
    const readOnly = services.issueToken({ writableRepositories: [] })
    const scoped = services.issueToken({ writableRepositories: ['octo/repo'] })
    const client = octokitFor(t.emulator, readOnly)
    const createCommit = (token: string, repository: string, branch: string, head: string) =>
      octokitFor(t.emulator, token).graphql(
        `mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }`,
        {
          input: {
            branch: { repositoryNameWithOwner: repository, branchName: branch },
            expectedHeadOid: head,
            message: { headline: 'x' },
            fileChanges: { additions: [{ path: 'x.txt', contents: Buffer.from('x').toString('base64') }] }
          }
        }
      )
    /** The type of the GraphQL error a mutation failed with. */
    const errorType = async (promise: Promise<unknown>): Promise<string | undefined> => {
      try {
        await promise
      } catch (error) {
        return (error as { errors?: { type?: string }[] }).errors?.[0]?.type
      }
      throw new Error('the mutation was made')
    }
    const head = async (where: typeof base, branch: string) =>
      (await t.octokit.rest.git.getRef({ ...where, ref: `heads/${branch}` })).data.object.sha

    expect((await client.rest.repos.get(base)).status).toBe(200)
    const refused = await rejectionOf(
      client.rest.git.createRef({ ...base, ref: 'refs/heads/nope', sha: mainSha })
    )
    expect(refused).toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible')
    })
    expect(await errorType(createCommit(readOnly, 'octo/repo', 'main', await head(base, 'main')))).toBe(
      'FORBIDDEN'
    )

    // A job's token of the base: the base yes, the fork no (REST and GraphQL).
    const made = await createCommit(scoped, 'octo/repo', 'main', await head(base, 'main'))
    expect(made).toMatchObject({ createCommitOnBranch: { commit: { oid: expect.any(String) } } })
    expect(
      (
        await rejectionOf(
          octokitFor(t.emulator, scoped).rest.git.createRef({
            ...fork,
            ref: 'refs/heads/nope',
            sha: mainSha
          })
        )
      ).status
    ).toBe(403)
    const forkHead = await head(fork, 'feature')
    expect(await errorType(createCommit(scoped, 'someone/repo', 'feature', forkHead))).toBe('FORBIDDEN')
    expect(await head(fork, 'feature')).toBe(forkHead)

    services.revokeToken(readOnly)
    expect((await rejectionOf(client.rest.repos.get(base))).status).toBe(401)
  })
})

/**
 * The emulator's workflow artifacts (upload through the results service's Twirp API, list, download) and pull
 * request reviews with review comments, driven through the API as clients drive them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createArtifactService, type ArtifactServicePlugin } from '../../emulator/artifact-service.js'
import { createCacheService } from '../../emulator/cache-service.js'
import { startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import { readZip } from '../../src/github/zip.js'
import { uploadFixArtifact, type FixArtifact } from '../../src/heal/fix-artifact.js'

const FIX: FixArtifact = {
  version: 1,
  repository: 'octo/repo',
  pullRequest: 1,
  headSha: 'a'.repeat(40),
  baseSha: 'b'.repeat(40),
  fingerprint: 'f',
  diff: 'd',
  result: { outcome: 'not-proposed', reason: 'r', kind: 'test', files: 1, added: 1, removed: 0 }
}

describe('emulator: workflow artifacts', () => {
  let t: TestEmulator
  let artifacts: ArtifactServicePlugin
  const env = (runId: number): NodeJS.ProcessEnv => ({
    ACTIONS_RESULTS_URL: `${t.emulator.url}/`,
    ACTIONS_RUNTIME_TOKEN: artifacts.issueRunToken({
      repository: 'octo/repo',
      ref: 'refs/heads/main',
      runId,
      headBranch: 'main',
      headSha: FIX.headSha
    })
  })

  beforeAll(async () => {
    const cache = createCacheService()
    artifacts = createArtifactService(cache)
    t = await startTestEmulator({ plugins: [cache, artifacts] })
  })
  afterAll(async () => t.close())

  it("uploads into the token's run, lists it under that run only, and downloads the zip", async () => {
    const id = await uploadFixArtifact(FIX, env(11))
    const { data } = await t.octokit.rest.actions.listWorkflowRunArtifacts({
      owner: 'octo',
      repo: 'repo',
      run_id: 11
    })
    expect(data.artifacts).toHaveLength(1)
    expect(data.artifacts[0]).toMatchObject({
      id: Number(id),
      name: 'self-heal-fix',
      workflow_run: { id: 11 }
    })
    expect(data.artifacts[0].digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    const other = await t.octokit.rest.actions.listWorkflowRunArtifacts({
      owner: 'octo',
      repo: 'repo',
      run_id: 12
    })
    expect(other.data.total_count).toBe(0)
    const zip = await t.octokit.rest.actions.downloadArtifact({
      owner: 'octo',
      repo: 'repo',
      artifact_id: Number(id),
      archive_format: 'zip'
    })
    const entries = readZip(Buffer.from(zip.data as ArrayBuffer))
    expect(entries.map(e => e.name)).toEqual(['fix.json'])
    expect(JSON.parse(entries[0].data.toString('utf8'))).toEqual(FIX)
  })

  it('refuses a second artifact of the same name in a run, and a token that names no run', async () => {
    await expect(uploadFixArtifact(FIX, env(11))).rejects.toThrow(/HTTP 409.*already exists/)
    const response = await fetch(
      `${t.emulator.url}/twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}'
      }
    )
    expect(response.status).toBe(401)
  })
})

describe('emulator: pull request reviews', () => {
  let t: TestEmulator
  let number: number
  let head: string

  beforeAll(async () => {
    t = await startTestEmulator()
    await t.emulator.pushFiles({
      branch: 'main',
      files: { 'a.txt': 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n' }
    })
    head = await t.emulator.pushFiles({
      branch: 'topic',
      files: { 'a.txt': 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nTEN\n' }
    })
    const pr = await t.octokit.rest.pulls.create({
      owner: 'octo',
      repo: 'repo',
      head: 'topic',
      base: 'main',
      title: 't'
    })
    number = pr.data.number
  })
  afterAll(async () => t.close())

  it('keeps comments on lines of the diff, with their hunk, and lists them', async () => {
    const review = await t.octokit.rest.pulls.createReview({
      owner: 'octo',
      repo: 'repo',
      pull_number: number,
      event: 'COMMENT',
      body: 'b',
      comments: [{ path: 'a.txt', line: 10, start_line: 8, side: 'RIGHT', body: '```suggestion\nx\n```' }]
    })
    expect(review.data).toMatchObject({ state: 'COMMENTED', commit_id: head, body: 'b' })
    const comments = await t.octokit.rest.pulls.listReviewComments({
      owner: 'octo',
      repo: 'repo',
      pull_number: number
    })
    expect(comments.data).toHaveLength(1)
    expect(comments.data[0]).toMatchObject({
      path: 'a.txt',
      line: 10,
      start_line: 8,
      pull_request_review_id: review.data.id
    })
    expect(comments.data[0].diff_hunk).toMatch(/^@@ -7,4 \+7,4 @@/)
  })

  it('refuses a comment on a line outside the diff, and creates nothing', async () => {
    await expect(
      t.octokit.rest.pulls.createReview({
        owner: 'octo',
        repo: 'repo',
        pull_number: number,
        event: 'COMMENT',
        comments: [{ path: 'a.txt', line: 2, body: 'no' }]
      })
    ).rejects.toMatchObject({ status: 422 })
    const reviews = await t.octokit.rest.pulls.listReviews({
      owner: 'octo',
      repo: 'repo',
      pull_number: number
    })
    expect(reviews.data).toHaveLength(1)
  })
})

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startTestEmulator, type TestEmulator } from '../../emulator/testing.js'
import { git } from '../helpers/git.js'

describe('emulator core', () => {
  let t: TestEmulator

  beforeEach(async () => {
    t = await startTestEmulator({ tokens: { 'read-only': ['metadata'] } })
  })

  afterEach(async () => {
    await t.close()
  })

  it('serves repos/get for the default repository', async () => {
    const { data, headers } = await t.octokit.rest.repos.get({ owner: 'octo', repo: 'repo' })
    expect(data.full_name).toBe('octo/repo')
    expect(data.default_branch).toBe('main')
    expect(headers['x-ratelimit-limit']).toBe('5000')
    expect(Number(headers['x-ratelimit-remaining'])).toBe(4999)
  })

  it('reads the default branch ref from the real bare repository', async () => {
    const { data } = await t.octokit.rest.git.getRef({ owner: 'octo', repo: 'repo', ref: 'heads/main' })
    const head = await git(t.emulator.repository.gitDir, 'rev-parse', 'refs/heads/main')
    expect(data.object.sha).toBe(head)
    expect(data.ref).toBe('refs/heads/main')
  })
})

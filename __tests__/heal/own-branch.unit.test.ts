/** Which commits are self-heal's own (so that a new fix may replace them), and the marker its pull requests carry. */
import { describe, expect, it } from '@jest/globals'
import type { CommitInfo } from '../../src/adapters/git.js'
import { fingerprintMarker, isOwnCommit, withFingerprintMarker } from '../../src/heal/own-branch.js'

const ID = '0123456789abcdef'
const SELF_HEAL = ['noreply@github.com', 'ci@example.com']

function commit(over: Partial<CommitInfo> = {}): CommitInfo {
  return {
    sha: 'a'.repeat(40),
    message: `fix: make the failing lint check pass\n\nMade by eslint --fix.\n\nSelf-Heal-Fingerprint: ${ID}\n`,
    authorName: 'github-actions[bot]',
    authorEmail: 'bot@example.com',
    committerEmail: 'noreply@github.com',
    date: '2026-01-01T00:00:00Z',
    parents: ['b'.repeat(40)],
    ...over
  }
}

describe("self-heal's own commits", () => {
  it('carry its trailer for this fingerprint, last, and are committed by GitHub for the API or by its own identity', () => {
    expect(isOwnCommit(commit(), ID, SELF_HEAL)).toBe(true)
    expect(isOwnCommit(commit({ committerEmail: 'CI@example.com' }), ID, SELF_HEAL)).toBe(true)
  })

  it('are not a commit someone amended or made, one for another fingerprint, a merge, or one quoting the trailer', () => {
    expect(isOwnCommit(commit({ committerEmail: 'ann@example.com' }), ID, SELF_HEAL)).toBe(false)
    expect(isOwnCommit(commit({ committerEmail: undefined }), ID, SELF_HEAL)).toBe(false)
    expect(isOwnCommit(commit({ message: 'tweak\n' }), ID, SELF_HEAL)).toBe(false)
    expect(isOwnCommit(commit(), 'fedcba9876543210', SELF_HEAL)).toBe(false)
    expect(isOwnCommit(commit({ parents: ['b'.repeat(40), 'c'.repeat(40)] }), ID, SELF_HEAL)).toBe(false)
    const quoted = `revert\n\nSelf-Heal-Fingerprint: ${ID}\n\nas discussed\n`
    expect(isOwnCommit(commit({ message: quoted }), ID, SELF_HEAL)).toBe(false)
  })
})

describe('the fingerprint marker of a pull request body', () => {
  it('is added once, at the end, whatever the body', () => {
    const body = withFingerprintMarker('A body.\n\n', ID)
    expect(body).toBe(`A body.\n\n${fingerprintMarker(ID)}\n`)
    expect(withFingerprintMarker(body, ID)).toBe(body)
    expect(fingerprintMarker(ID)).toBe(`<!-- self-heal fingerprint: ${ID} -->`)
  })
})

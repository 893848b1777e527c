/**
 * `self-heal apply --environment cloud` as the factory wires it: createGitHubAdapters (API only) under the apply
 * command, against the emulator — a diff committed and a pull request opened, then updated.
 */
import { createGitHubAdapters } from '../../src/adapters/github/index.js'
import { runApply } from '../../src/commands/apply.js'
import { git, makeTempRepo } from '../helpers/git.js'
import { headOf, serve } from './support.js'

describe('apply in the cloud environment', () => {
  it('commits the diff through the API and opens, then updates, one pull request', async () => {
    const repo = await makeTempRepo({ 'src/a.ts': 'export const a = 1\n' })
    const served = await serve(repo.path)
    try {
      const { git: adapter } = createGitHubAdapters({
        token: served.emulator.token,
        repository: 'octo/repo',
        apiUrl: served.emulator.apiUrl,
        minWriteIntervalMs: 0,
        log: { warning: () => undefined, debug: () => undefined }
      })
      const diff =
        'diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-export const a = 1\n+export const a = 2\n'
      const first = await runApply(adapter, {
        diff,
        branch: 'self-heal/fix',
        message: 'fix: a is 2',
        pullRequest: { body: 'Healed.' }
      })
      expect(first.pullRequest?.action).toBe('created')
      expect(await headOf(served.bare, 'self-heal/fix')).toBe(first.commit)
      expect(await git(served.bare, 'show', `${first.commit}:src/a.ts`)).toBe('export const a = 2')

      const again =
        'diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-export const a = 2\n+export const a = 3\n'
      const second = await runApply(adapter, {
        diff: again,
        branch: 'self-heal/fix',
        message: 'fix: a is 3',
        pullRequest: { title: 'Heal a' }
      })
      expect(second.pullRequest).toEqual({
        ...first.pullRequest,
        action: 'updated',
        url: second.pullRequest?.url
      })
      expect(await git(served.bare, 'rev-parse', `${second.commit}^`)).toBe(first.commit)
    } finally {
      await served.close()
      await repo.cleanup()
    }
  })
})

import { afterAll, describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DIFF_CORPUS, prepareCase } from '../helpers/diff-corpus.js'
import { git, makeTempRepo } from '../helpers/git.js'
import { runCli } from './cli-helpers.js'

describe('self-heal apply (LOCAL)', () => {
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup()
  })

  it.each(DIFF_CORPUS.map(c => [c.name, c] as const))(
    'commits %s with the tree git apply makes',
    async (_n, c) => {
      const prepared = await prepareCase(c)
      cleanups.push(prepared.repo.cleanup)
      const patch = join(prepared.repo.path, '..', `${prepared.base}-${Date.now()}.patch`)
      await writeFile(patch, prepared.diff)
      const run = await runCli(
        ['apply', '--patch', patch, '--branch', 'self-heal/fix', '--message', 'fix it', '--json'],
        {
          cwd: prepared.repo.path
        }
      )
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      const out = JSON.parse(run.stdout)
      expect(out.branch).toBe('self-heal/fix')
      expect(out.files).toBeGreaterThan(0)
      expect(await git(prepared.repo.path, 'rev-parse', `${out.commit}^{tree}`)).toBe(prepared.expectedTree)
      expect(await git(prepared.repo.path, 'rev-parse', 'refs/heads/self-heal/fix')).toBe(out.commit)
    }
  )

  it('reads the patch from stdin', async () => {
    const prepared = await prepareCase(DIFF_CORPUS[0])
    cleanups.push(prepared.repo.cleanup)
    const run = await runCli(
      ['apply', '--patch', '-', '--branch', 'from-stdin', '--message', 'm', '--json'],
      {
        cwd: prepared.repo.path,
        input: prepared.diff
      }
    )
    expect(run.code).toBe(0)
    expect(await git(prepared.repo.path, 'rev-parse', 'from-stdin^{tree}')).toBe(prepared.expectedTree)
  })

  const bad: Array<[string, string, string]> = [
    [
      'a diff that does not apply',
      'diff --git a/README.md b/README.md\n--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-# nope\n+# x\n',
      'README.md'
    ],
    [
      '../x',
      'diff --git a/../x b/../x\nnew file mode 100644\n--- /dev/null\n+++ b/../x\n@@ -0,0 +1 @@\n+x\n',
      '../x'
    ],
    ['/etc/x', '--- /etc/x\n+++ /etc/x\n@@ -1 +1 @@\n-a\n+b\n', '/etc/x'],
    [
      '.git/config',
      'diff --git a/.git/config b/.git/config\n--- a/.git/config\n+++ b/.git/config\n@@ -1 +1 @@\n-[core]\n+[x]\n',
      '.git/config'
    ]
  ]
  it.each(bad)('exits 2 for %s, naming the file, and changes nothing', async (_n, diff, file) => {
    const repo = await makeTempRepo({ 'README.md': '# r\n' })
    cleanups.push(repo.cleanup)
    await writeFile(join(repo.path, 'README.md'), '# uncommitted\n')
    const before = {
      head: await git(repo.path, 'rev-parse', 'HEAD'),
      status: await git(repo.path, 'status', '--porcelain'),
      refs: await git(repo.path, 'for-each-ref'),
      config: await git(repo.path, 'config', '--list', '--local')
    }
    const run = await runCli(['apply', '--patch', '-', '--branch', 'fix', '--message', 'm'], {
      cwd: repo.path,
      input: diff
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(file)
    expect({
      head: await git(repo.path, 'rev-parse', 'HEAD'),
      status: await git(repo.path, 'status', '--porcelain'),
      refs: await git(repo.path, 'for-each-ref'),
      config: await git(repo.path, 'config', '--list', '--local')
    }).toEqual(before)
  })

  it('exits 2 when a required option is missing or the patch file does not exist', async () => {
    const repo = await makeTempRepo()
    cleanups.push(repo.cleanup)
    expect((await runCli(['apply', '--branch', 'x', '--message', 'm'], { cwd: repo.path })).code).toBe(2)
    const missing = await runCli(['apply', '--patch', 'nope.diff', '--branch', 'x', '--message', 'm'], {
      cwd: repo.path
    })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('nope.diff')
  })
})

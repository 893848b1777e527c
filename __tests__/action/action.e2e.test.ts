import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { git, makeTempRepo, type TempDir } from '../helpers/git.js'
import { runAction } from './run-action.js'
import { JUNIT } from '../helpers/fixtures.js'

describe('the bundled action (dist/index.js)', () => {
  let repo: TempDir
  beforeAll(async () => {
    repo = await makeTempRepo({ 'src/math.js': 'module.exports = 1\n', 'fixture.xml': JUNIT })
  })
  afterAll(async () => {
    await repo.cleanup()
  })

  it('check: a passing command sets outputs, a summary, and succeeds', async () => {
    const run = await runAction(repo.path, { operation: 'check', kind: 'command', command: 'echo fine' })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('\nfine\n') // the command's output is in the log, as a run: step's
    expect(run.outputs.passed).toBe('true')
    expect(run.outputs['exit-code']).toBe('0')
    expect(run.outputs.environment).toBe('ci')
    expect(JSON.parse(run.outputs.result)).toMatchObject({ passed: true, failedTests: [], problems: [] })
    expect(run.summary).toContain('passed')
    expect(run.state.isPost).toBe('true')
  })

  it('check: failing tests fail the step, annotate the file and line, and fill the summary', async () => {
    const run = await runAction(repo.path, {
      operation: 'check',
      kind: 'test',
      command: 'cp fixture.xml junit-action.xml; exit 1',
      'report-path': 'junit-action.xml'
    })
    expect(run.code).toBe(1)
    expect(run.outputs.passed).toBe('false')
    const annotation = run.stdout.split('\n').find(line => line.startsWith('::error title=Failed test'))
    expect(annotation).toContain('file=src/math.test.js')
    expect(annotation).toContain('line=7')
    expect(annotation).toContain('subtracts')
    expect(run.summary).toContain('Failed tests')
    expect(run.summary).toContain('subtracts')
    expect(run.stdout).toContain('The test check failed')
  })

  it('check: lint problems become annotations with line and column', async () => {
    const run = await runAction(repo.path, {
      operation: 'check',
      kind: 'lint',
      command: "echo 'src/math.js:1:8: error: no semicolon'; exit 1"
    })
    expect(run.code).toBe(1)
    const annotation = run.stdout
      .split('\n')
      .find(line => line.startsWith('::') && line.includes('no semicolon'))
    expect(annotation).toMatch(/^::error /)
    expect(annotation).toContain('file=src/math.js,line=1,col=8')
  })

  it('apply (local environment): commits the diff and outputs the commit and branch', async () => {
    const diff =
      'diff --git a/src/math.js b/src/math.js\n--- a/src/math.js\n+++ b/src/math.js\n@@ -1 +1 @@\n-module.exports = 1\n+module.exports = 2\n'
    const run = await runAction(repo.path, {
      operation: 'apply',
      environment: 'local',
      patch: diff,
      branch: 'self-heal/action',
      message: 'fix: two'
    })
    expect(run.stdout).not.toContain('::error')
    expect(run.code).toBe(0)
    expect(run.outputs.branch).toBe('self-heal/action')
    expect(await git(repo.path, 'rev-parse', 'refs/heads/self-heal/action')).toBe(run.outputs.commit)
    expect(await git(repo.path, 'show', 'self-heal/action:src/math.js')).toBe('module.exports = 2')
    expect(run.summary).toContain(run.outputs.commit)
  })

  it('fails with a clear message for bad input and leaves the repository alone', async () => {
    const refs = await git(repo.path, 'for-each-ref')
    const unknown = await runAction(repo.path, { operation: 'teleport' })
    expect(unknown.code).toBe(1)
    expect(unknown.stdout).toMatch(/::error::Unknown operation 'teleport': use one of/)
    const escape = await runAction(repo.path, {
      operation: 'apply',
      environment: 'local',
      patch: 'diff --git a/../x b/../x\nnew file mode 100644\n--- /dev/null\n+++ b/../x\n@@ -0,0 +1 @@\n+x\n',
      branch: 'escape',
      message: 'm'
    })
    expect(escape.code).toBe(1)
    expect(escape.stdout).toContain("'../x' is outside the repository")
    expect(await git(repo.path, 'for-each-ref')).toBe(refs)
  })

  it('the post step succeeds, and masks nothing it was not given', async () => {
    await writeFile(join(repo.path, '.unused'), '')
    const run = await runAction(repo.path, {}, { STATE_isPost: 'true' })
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain('::error')
  })

  it('never prints the token', async () => {
    const run = await runAction(repo.path, {
      operation: 'check',
      kind: 'command',
      command: 'echo fine',
      token: 'ghs_supersecret123'
    })
    expect(run.stdout).toContain('::add-mask::ghs_supersecret123')
    expect(run.stdout.replace('::add-mask::ghs_supersecret123', '')).not.toContain('ghs_supersecret123')
  })
})

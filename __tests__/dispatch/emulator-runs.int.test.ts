import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { makeTempDir } from '../helpers/git.js'
import { startActionsEnv, type ActionsTestEnv } from './helpers.js'

const execFileAsync = promisify(execFile)

async function waitDone(env: ActionsTestEnv, runId: number) {
  for (;;) {
    const { data } = await env.test.octokit.rest.actions.getWorkflowRun({
      owner: env.test.owner,
      repo: env.test.repo,
      run_id: runId
    })
    if (data.status === 'completed') return data
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

describe('emulator: Actions workflow runs that really run', () => {
  let env: ActionsTestEnv
  beforeAll(async () => {
    env = await startActionsEnv()
  })
  afterAll(async () => {
    await env.close()
  })

  it('lists and gets workflows from the default branch', async () => {
    const { owner, repo, octokit } = env.test
    const { data } = await octokit.rest.actions.listRepoWorkflows({ owner, repo })
    const paths = data.workflows.map(w => w.path).sort()
    expect(paths).toEqual([
      '.github/workflows/plain.yml',
      '.github/workflows/push-only.yml',
      '.github/workflows/self-heal-run.yml'
    ])
    const byName = await octokit.rest.actions.getWorkflow({ owner, repo, workflow_id: 'plain.yml' })
    const byId = await octokit.rest.actions.getWorkflow({ owner, repo, workflow_id: byName.data.id })
    expect(byId.data.name).toBe('plain')
    await expect(
      octokit.rest.actions.getWorkflow({ owner, repo, workflow_id: 'nope.yml' })
    ).rejects.toMatchObject({ status: 404 })
  })

  it('dispatches a failing command: conclusion, jobs, steps, logs and annotations come from the real process', async () => {
    const { owner, repo, octokit } = env.test
    const junit = `<testsuite name="calc"><testcase classname="calc" name="adds" file="test/calc.test.js" line="4"><failure message="expected 3, got 4">AssertionError</failure></testcase></testsuite>`
    const command = `echo building; printf '%s' '${junit}' > report.xml; echo "::error file=src/a.js,line=2,title=no-undef::x is not defined"; echo oops >&2; exit 3`
    const response = await octokit.request(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      {
        owner,
        repo,
        workflow_id: 'plain.yml',
        ref: 'main',
        inputs: { command },
        return_run_details: true
      }
    )
    expect(response.status).toBe(200)
    const runId = (response.data as { workflow_run_id: number }).workflow_run_id
    const queued = await octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId })
    expect(['queued', 'in_progress']).toContain(queued.data.status)
    const run = await waitDone(env, runId)
    expect(run.conclusion).toBe('failure')
    expect(run.display_title).toBe('plain ')
    const { data: jobs } = await octokit.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: runId })
    expect(jobs.jobs).toHaveLength(1)
    const job = jobs.jobs[0]
    expect(job.conclusion).toBe('failure')
    expect(job.steps?.map(s => [s.name.slice(0, 10), s.conclusion])).toEqual([
      ['Set up job', 'success'],
      ['Run action', 'success'],
      ['Run echo b', 'failure'],
      ['Complete j', 'success']
    ])
    const log = await octokit.rest.actions.downloadJobLogsForWorkflowRun({ owner, repo, job_id: job.id })
    expect(String(log.data)).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z building$/m)
    expect(String(log.data)).toContain('oops')
    expect(String(log.data)).toContain('##[error]Process completed with exit code 3.')
    const { data: annotations } = await octokit.rest.checks.listAnnotations({
      owner,
      repo,
      check_run_id: job.id
    })
    expect(annotations.map(a => [a.path, a.start_line, a.title, a.message])).toEqual([
      ['src/a.js', 2, 'no-undef', 'x is not defined'],
      ['test/calc.test.js', 4, 'calc › adds', 'expected 3, got 4'],
      ['.github', 1, '', 'Process completed with exit code 3.']
    ])
    // The run's log archive is a real zip.
    const zip = await octokit.rest.actions.downloadWorkflowRunLogs({ owner, repo, run_id: runId })
    const dir = await makeTempDir()
    try {
      await writeFile(join(dir.path, 'logs.zip'), Buffer.from(zip.data as ArrayBuffer))
      const { stdout } = await execFileAsync('unzip', ['-l', join(dir.path, 'logs.zip')])
      expect(stdout).toContain('0_run.txt')
      expect(stdout).toContain('run/3_Run echo building')
      const { stdout: text } = await execFileAsync('unzip', ['-p', join(dir.path, 'logs.zip'), '0_run.txt'])
      expect(text).toContain('oops')
    } finally {
      await dir.cleanup()
    }
  })

  it('answers 204 without return_run_details, 200 with the 2026-03-10 API version', async () => {
    const { owner, repo, octokit } = env.test
    const plain = await octokit.request(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      {
        owner,
        repo,
        workflow_id: 'plain.yml',
        ref: 'main',
        inputs: { command: 'true' }
      }
    )
    expect(plain.status).toBe(204)
    const versioned = await octokit.request(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      {
        owner,
        repo,
        workflow_id: 'plain.yml',
        ref: 'main',
        inputs: { command: 'true' },
        headers: { 'x-github-api-version': '2026-03-10' }
      }
    )
    expect(versioned.status).toBe(200)
    expect((versioned.data as { run_url: string }).run_url).toMatch(/\/actions\/runs\/\d+$/)
    await env.actions.idle()
  })

  it('refuses what GitHub refuses: no trigger, unknown ref, unknown inputs', async () => {
    const { owner, repo, octokit } = env.test
    const dispatch = (workflow_id: string, ref: string, inputs: Record<string, string> = {}) =>
      octokit.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
        owner,
        repo,
        workflow_id,
        ref,
        inputs
      })
    await expect(dispatch('push-only.yml', 'main')).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "Workflow does not have 'workflow_dispatch' trigger" } }
    })
    await expect(dispatch('plain.yml', 'no-such-branch')).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'No ref found for: no-such-branch' } }
    })
    await expect(dispatch('plain.yml', 'refs/pull/1/merge')).rejects.toMatchObject({ status: 422 })
    await expect(dispatch('plain.yml', 'main', { nope: 'x' })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Unexpected inputs provided: ["nope"]' } }
    })
    await expect(dispatch('missing.yml', 'main')).rejects.toMatchObject({ status: 404 })
  })

  it('cancels a running run (202) and refuses to cancel a completed one (409)', async () => {
    const { owner, repo, octokit } = env.test
    const response = await octokit.request(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      {
        owner,
        repo,
        workflow_id: 'plain.yml',
        ref: 'main',
        inputs: { command: 'echo started; sleep 30' },
        return_run_details: true
      }
    )
    const runId = (response.data as { workflow_run_id: number }).workflow_run_id
    for (;;) {
      const { data } = await octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId })
      if (data.status === 'in_progress') break
      await new Promise(resolve => setTimeout(resolve, 50))
    }
    const started = Date.now()
    const cancel = await octokit.rest.actions.cancelWorkflowRun({ owner, repo, run_id: runId })
    expect(cancel.status).toBe(202)
    const run = await waitDone(env, runId)
    expect(run.conclusion).toBe('cancelled')
    expect(Date.now() - started).toBeLessThan(10_000)
    await expect(
      octokit.rest.actions.cancelWorkflowRun({ owner, repo, run_id: runId })
    ).rejects.toMatchObject({ status: 409 })
  })

  it('filters the runs list by event, branch, status, created and head_sha', async () => {
    const { owner, repo, octokit } = env.test
    await env.actions.idle()
    const all = await octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo, per_page: 100 })
    expect(all.data.total_count).toBeGreaterThanOrEqual(4)
    const ids = all.data.workflow_runs.map(r => r.id)
    expect([...ids].sort((a, b) => b - a)).toEqual(ids)
    const failed = await octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo, status: 'failure' })
    expect(failed.data.workflow_runs.every(r => r.conclusion === 'failure')).toBe(true)
    expect(failed.data.total_count).toBe(1)
    const cancelled = await octokit.rest.actions.listWorkflowRuns({
      owner,
      repo,
      workflow_id: 'plain.yml',
      status: 'cancelled',
      branch: 'main',
      event: 'workflow_dispatch'
    })
    expect(cancelled.data.total_count).toBe(1)
    const none = await octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo, branch: 'other' })
    expect(none.data.total_count).toBe(0)
    const sha = all.data.workflow_runs[0].head_sha
    const bySha = await octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo, head_sha: sha })
    expect(bySha.data.total_count).toBe(all.data.total_count)
    const future = await octokit.rest.actions.listWorkflowRunsForRepo({
      owner,
      repo,
      created: '>=2999-01-01'
    })
    expect(future.data.total_count).toBe(0)
    const past = await octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo, created: '2000-01-01..*' })
    expect(past.data.total_count).toBe(all.data.total_count)
  })
})

describe('emulator: GHES mode', () => {
  let env: ActionsTestEnv
  beforeAll(async () => {
    env = await startActionsEnv({ emulator: { ghes: true } })
  })
  afterAll(async () => {
    await env.close()
  })

  it('rejects return_run_details as not a permitted key, and accepts the dispatch without it', async () => {
    const { owner, repo, octokit } = env.test
    const base = {
      owner,
      repo,
      workflow_id: 'plain.yml',
      ref: 'main',
      inputs: { command: 'true', 'correlation-id': 'abc' }
    }
    await expect(
      octokit.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
        ...base,
        return_run_details: true
      })
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: expect.stringContaining('"return_run_details" is not a permitted key') } }
    })
    const plain = await octokit.request(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      base
    )
    expect(plain.status).toBe(204)
    const { data } = await octokit.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: 'plain.yml' })
    expect(data.workflow_runs[0].display_title).toBe('plain abc')
    await env.actions.idle()
  })
})

describe('emulator: job timeouts and log link expiry', () => {
  let env: ActionsTestEnv
  beforeAll(async () => {
    env = await startActionsEnv({
      emulator: { clockSpeed: 60 },
      files: {
        '.github/workflows/slow.yml':
          'name: slow\non:\n  workflow_dispatch:\n    inputs:\n      command:\n        required: true\n' +
          'jobs:\n  slow:\n    runs-on: ubuntu-latest\n    timeout-minutes: 1\n    steps:\n      - run: ${{ inputs.command }}\n'
      }
    })
  })
  afterAll(async () => {
    await env.close()
  })

  it("ends a job that exceeds its timeout-minutes (on the emulator's clock)", async () => {
    const { owner, repo, octokit } = env.test
    const started = Date.now()
    const response = await octokit.request(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      {
        owner,
        repo,
        workflow_id: 'slow.yml',
        ref: 'main',
        inputs: { command: 'sleep 30' },
        return_run_details: true
      }
    )
    const run = await waitDone(env, (response.data as { workflow_run_id: number }).workflow_run_id)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(run.conclusion).toBe('cancelled')
    const { data } = await octokit.rest.actions.listJobsForWorkflowRun({ owner, repo, run_id: run.id })
    const { data: annotations } = await octokit.rest.checks.listAnnotations({
      owner,
      repo,
      check_run_id: data.jobs[0].id
    })
    expect(annotations.map(a => a.message)).toContain(
      'The job running on runner emulator has exceeded the maximum execution time of 1 minutes.'
    )
  })

  it('serves logs through short-lived signed links', async () => {
    const { owner, repo, octokit } = env.test
    const runId = env.actions.runs()[0].id
    const jobId = env.actions.runs()[0].job.id
    const redirect = await fetch(
      `${env.test.emulator.apiUrl}/repos/${owner}/${repo}/actions/jobs/${jobId}/logs`,
      {
        headers: { authorization: `token ${env.test.emulator.token}` },
        redirect: 'manual'
      }
    )
    expect(redirect.status).toBe(302)
    const location = redirect.headers.get('location')!
    expect((await fetch(location)).status).toBe(200)
    expect((await fetch(location.replace(/sig=[0-9a-f]/, 'sig=z'))).status).toBe(403)
    env.test.emulator.advanceClock(61_000)
    expect((await fetch(location)).status).toBe(403)
    const fresh = await octokit.rest.actions.downloadWorkflowRunLogs({ owner, repo, run_id: runId })
    expect(fresh.status).toBe(200)
  })
})

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createGitHubClient } from '../../src/github/client.js'
import {
  dispatch,
  dispatchActionOutputs,
  dispatchExitCode,
  parseInputOptions
} from '../../src/commands/dispatch.js'
import { WorkflowRuns } from '../../src/adapters/execution/workflow-runs.js'
import {
  ConfigurationError,
  ExecutionTimeoutError,
  InvalidInputError,
  PermissionError,
  RefNotFoundError
} from '../../src/errors.js'
import { commitFiles, startActionsEnv, type ActionsTestEnv } from './helpers.js'

const SPEED = 10
const quiet = { warning: () => undefined, debug: () => undefined }

function client(env: ActionsTestEnv, token = env.test.emulator.token) {
  return createGitHubClient({
    token,
    repository: `${env.test.owner}/${env.test.repo}`,
    apiUrl: env.test.emulator.apiUrl,
    minWriteIntervalMs: 10,
    retryBaseMs: 10,
    log: quiet
  }).octokit
}

describe('dispatch against the emulator', () => {
  let env: ActionsTestEnv
  beforeAll(async () => {
    env = await startActionsEnv({
      emulator: { clockSpeed: SPEED, tokens: { 'contents-only': ['contents'] } }
    })
  })
  afterAll(async () => {
    await env.actions.idle()
    await env.close()
  })

  const base = () => ({
    workflow: 'plain.yml',
    repository: `${env.test.owner}/${env.test.repo}`,
    octokit: client(env),
    clock: env.clock
  })

  it('ten concurrent dispatch --wait calls each report their own run', async () => {
    const outputs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        dispatch({
          ...base(),
          ref: 'main',
          inputs: { command: i % 2 ? `echo failing-${i}; exit ${i}` : `echo passing-${i}` },
          wait: true,
          timeoutSeconds: 600
        })
      )
    )
    expect(new Set(outputs.map(o => o.runId)).size).toBe(10)
    outputs.forEach((output, i) => {
      expect(output.runIdFromResponse).toBe(true)
      expect(output.conclusion).toBe(i % 2 ? 'failure' : 'success')
      expect(dispatchExitCode(output)).toBe(i % 2 ? 1 : 0)
      if (i % 2) {
        expect(output.jobs).toEqual([
          { name: 'run', conclusion: 'failure', failedSteps: [`Run echo failing-${i}; exit ${i}`] }
        ])
        expect(output.logTail).toContain(`failing-${i}`)
        expect(output.logTail).toContain(`Process completed with exit code ${i}.`)
      } else {
        expect(output.jobs?.[0].conclusion).toBe('success')
      }
    })
    // Each run really ran its own command.
    const runs = env.actions.runs()
    for (const output of outputs) {
      const run = runs.find(r => r.id === output.runId)!
      expect(run.conclusion).toBe(output.conclusion)
    }
  })

  it('returns at once without --wait, with the run id and URL', async () => {
    const output = await dispatch({ ...base(), inputs: { command: 'true' } })
    expect(output.conclusion).toBeNull()
    expect(output.runUrl).toMatch(new RegExp(`/actions/runs/${output.runId}$`))
    expect(output.ref).toBe('main')
    await env.actions.idle()
  })

  it('dispatches on a SHA through a temporary branch, deleted afterwards', async () => {
    const sha = await commitFiles(env.test, { 'sha-marker.txt': 'at this commit\n' }, 'feature-x')
    const output = await dispatch({
      ...base(),
      ref: sha,
      inputs: { command: 'cat sha-marker.txt' },
      wait: true,
      timeoutSeconds: 600
    })
    expect(output.conclusion).toBe('success')
    expect(output.ref).toMatch(/^self-heal\/dispatch\/sh-/)
    const run = env.actions.runs().find(r => r.id === output.runId)!
    expect(run.headSha).toBe(sha)
    const { owner, repo, octokit } = env.test
    await expect(octokit.rest.git.getRef({ owner, repo, ref: `heads/${output.ref}` })).rejects.toMatchObject({
      status: 404
    })
  })

  it('times out: cancels the run and throws ExecutionTimeoutError', async () => {
    const promise = dispatch({ ...base(), inputs: { command: 'sleep 60' }, wait: true, timeoutSeconds: 20 })
    await expect(promise).rejects.toBeInstanceOf(ExecutionTimeoutError)
    await expect(promise).rejects.toThrow(/was cancelled/)
    await env.actions.idle()
    const last = env.actions.runs().at(-1)!
    expect(last.conclusion).toBe('cancelled')
  })

  it('explains the errors GitHub gives', async () => {
    await expect(dispatch({ ...base(), workflow: 'push-only.yml' })).rejects.toThrow(ConfigurationError)
    await expect(dispatch({ ...base(), workflow: 'push-only.yml' })).rejects.toThrow(/default branch/)
    await expect(dispatch({ ...base(), workflow: 'nope.yml' })).rejects.toThrow(/was not found/)
    await expect(dispatch({ ...base(), ref: 'no-such-branch' })).rejects.toBeInstanceOf(RefNotFoundError)
    await expect(dispatch({ ...base(), ref: 'refs/pull/3/merge' })).rejects.toThrow(/pull request refs/)
    await expect(dispatch({ ...base(), ref: 'refs/pull/3/merge' })).rejects.toBeInstanceOf(InvalidInputError)
    await expect(dispatch({ ...base(), ref: '--upload-pack=x' })).rejects.toBeInstanceOf(InvalidInputError)
    const denied = dispatch({ ...base(), octokit: client(env, 'contents-only'), ref: 'main' })
    await expect(denied).rejects.toBeInstanceOf(PermissionError)
    await expect(denied).rejects.toThrow(/actions: write/)
    await expect(dispatch({ ...base(), inputs: { nope: '1' } })).rejects.toThrow(/Unexpected inputs/)
  })

  it('drops the correlation input for a workflow that does not declare it', async () => {
    await commitFiles(env.test, {
      '.github/workflows/bare.yml':
        'on:\n  workflow_dispatch:\n    inputs:\n      command:\n        required: true\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'
    })
    const output = await dispatch({
      ...base(),
      workflow: 'bare.yml',
      inputs: { command: 'echo bare' },
      wait: true,
      timeoutSeconds: 600
    })
    expect(output.conclusion).toBe('success')
    expect(output.correlationId).toBeUndefined()
  })

  it('accepts refs/heads/ refs, survives a secondary rate limit while waiting, and gives the action its outputs', async () => {
    const pending = dispatch({
      ...base(),
      ref: 'refs/heads/main',
      inputs: { command: 'sleep 1; echo slow' },
      wait: true,
      timeoutSeconds: 600
    })
    await new Promise(resolve => setTimeout(resolve, 300))
    env.test.emulator.triggerSecondaryRateLimit({ status: 403, retryAfter: 1, times: 1 })
    const output = await pending
    expect(output.conclusion).toBe('success')
    expect(output.ref).toBe('refs/heads/main')
    expect(dispatchActionOutputs(output)).toEqual({
      'run-id': String(output.runId),
      'run-url': output.runUrl,
      conclusion: 'success'
    })
  })

  it('treats 409 on cancel (the run already completed) as no error', async () => {
    const output = await dispatch({ ...base(), inputs: { command: 'true' }, wait: true, timeoutSeconds: 600 })
    const runs = new WorkflowRuns({ octokit: client(env), owner: env.test.owner, repo: env.test.repo })
    await expect(runs.cancel(output.runId)).resolves.toBe('already-completed')
  })

  it('parses --input options', () => {
    expect(parseInputOptions(['command=npm test -- --x=1', 'empty='])).toEqual({
      command: 'npm test -- --x=1',
      empty: ''
    })
    expect(() => parseInputOptions(['novalue'])).toThrow(InvalidInputError)
    expect(() => parseInputOptions(['a=1', 'a=2'])).toThrow(/twice/)
  })
})

describe('dispatch against GHES (no return_run_details)', () => {
  let env: ActionsTestEnv
  beforeAll(async () => {
    env = await startActionsEnv({
      emulator: { clockSpeed: SPEED, ghes: true },
      plugin: { runCreationDelayMs: 3000 }
    })
  })
  afterAll(async () => {
    await env.actions.idle()
    await env.close()
  })

  it('falls back to finding each run by its correlation id, for concurrent dispatches', async () => {
    const logs: string[] = []
    const outputs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        dispatch({
          workflow: 'plain.yml',
          repository: `${env.test.owner}/${env.test.repo}`,
          octokit: client(env),
          clock: env.clock,
          inputs: { command: i === 2 ? 'echo boom; exit 2' : `echo ok-${i}` },
          wait: true,
          timeoutSeconds: 600,
          log: m => logs.push(m)
        })
      )
    )
    expect(logs.some(l => l.includes('return_run_details'))).toBe(true)
    expect(new Set(outputs.map(o => o.runId)).size).toBe(10)
    outputs.forEach((output, i) => {
      expect(output.runIdFromResponse).toBe(false)
      expect(output.conclusion).toBe(i === 2 ? 'failure' : 'success')
      const run = env.actions.runs().find(r => r.id === output.runId)!
      expect(run.inputs['correlation-id']).toBe(output.correlationId)
      expect(run.inputs.command).toBe(i === 2 ? 'echo boom; exit 2' : `echo ok-${i}`)
    })
  })
})

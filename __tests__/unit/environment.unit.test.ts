import { describe, expect, it, jest } from '@jest/globals'
import { ConfigurationError } from '../../src/errors.js'

describe('environment detection', () => {
  it('probes nothing on import, detects lazily once, and resets for tests', async () => {
    const env = await import('../../src/environment.js')
    const saved = process.env.SELF_HEAL_ENVIRONMENT
    try {
      process.env.SELF_HEAL_ENVIRONMENT = 'cloud'
      env.resetEnvironmentCache()
      expect(env.currentEnvironment().environment).toBe('cloud')
      process.env.SELF_HEAL_ENVIRONMENT = 'ci'
      expect(env.currentEnvironment().environment).toBe('cloud') // cached
      env.resetEnvironmentCache()
      expect(env.currentEnvironment().environment).toBe('ci')
    } finally {
      if (saved === undefined) delete process.env.SELF_HEAL_ENVIRONMENT
      else process.env.SELF_HEAL_ENVIRONMENT = saved
      env.resetEnvironmentCache()
    }
  })

  it('follows the rules in order, as a pure function of variables and directory', async () => {
    const { detectEnvironment } = await import('../../src/environment.js')
    const withCheckout = { checkoutProbe: () => true }
    const without = { checkoutProbe: () => false }
    expect(detectEnvironment({}, '/w', withCheckout)).toEqual({ environment: 'local', reason: 'default' })
    expect(detectEnvironment({ CI: 'true' }, '/w', { ...withCheckout, token: true })).toEqual({
      environment: 'ci',
      reason: 'ci'
    })
    expect(detectEnvironment({ CI: 'false' }, '/w', { ...withCheckout, token: true }).environment).toBe(
      'local'
    )
    expect(detectEnvironment({ GITHUB_ACTIONS: 'true' }, '/w', withCheckout)).toEqual({
      environment: 'ci',
      reason: 'actions'
    })
    expect(detectEnvironment({ GITHUB_ACTIONS: 'true' }, '/w', without)).toEqual({
      environment: 'cloud',
      reason: 'actions-without-checkout'
    })
    expect(
      detectEnvironment({ SELF_HEAL_ENVIRONMENT: 'local', GITHUB_ACTIONS: 'true' }, '/w', without).environment
    ).toBe('local')
    expect(
      detectEnvironment({ SELF_HEAL_ENVIRONMENT: 'ci' }, '/w', { ...withCheckout, explicit: 'CLOUD' })
    ).toEqual({ environment: 'cloud', reason: 'explicit' })
  })

  it('takes CI outside GitHub Actions for ci only with a token, else local, and says why', async () => {
    const { detectEnvironment, REASON_TEXT } = await import('../../src/environment.js')
    const probe = { checkoutProbe: () => true }
    // A GitLab or Jenkins job: ci commits through the API, which needs a token; without one git stays local.
    expect(detectEnvironment({ CI: 'true' }, '/w', { ...probe, token: false })).toEqual({
      environment: 'local',
      reason: 'ci-without-token'
    })
    expect(REASON_TEXT['ci-without-token']).toMatch(/not GitHub Actions and no GitHub token/)
    // Without an answer from the caller, the token variables decide.
    expect(detectEnvironment({ CI: '1' }, '/w', probe).reason).toBe('ci-without-token')
    expect(detectEnvironment({ CI: '1', GH_TOKEN: 't' }, '/w', probe).environment).toBe('ci')
    expect(detectEnvironment({ CI: '1', GITHUB_TOKEN: ' ' }, '/w', probe).environment).toBe('local')
    // Inside Actions the token does not matter: the input `token` defaults to the job's.
    expect(
      detectEnvironment({ CI: 'true', GITHUB_ACTIONS: 'true' }, '/w', { ...probe, token: false })
    ).toEqual({
      environment: 'ci',
      reason: 'actions'
    })
  })

  it('takes CLAUDE_CODE_WEB for cloud only where there is no checkout', async () => {
    const { detectEnvironment } = await import('../../src/environment.js')
    const probed: string[] = []
    const probe = (has: boolean) => ({
      checkoutProbe: (dir: string) => {
        probed.push(dir)
        return has
      }
    })
    expect(detectEnvironment({ CLAUDE_CODE_WEB: '1' }, '/session', probe(false))).toEqual({
      environment: 'cloud',
      reason: 'claude-code-web'
    })
    expect(probed).toEqual(['/session'])
    expect(detectEnvironment({ CLAUDE_CODE_WEB: 'true' }, '/clone', probe(true))).toEqual({
      environment: 'local',
      reason: 'claude-code-web-with-checkout'
    })
    // In a checkout the other rules still apply.
    expect(
      detectEnvironment({ CLAUDE_CODE_WEB: '1', CI: 'true' }, '/clone', { ...probe(true), token: true })
    ).toEqual({ environment: 'ci', reason: 'ci' })
    expect(
      detectEnvironment({ CLAUDE_CODE_WEB: '1', CI: 'true' }, '/none', { ...probe(false), token: true })
    ).toEqual({ environment: 'cloud', reason: 'claude-code-web' })
    expect(detectEnvironment({ CLAUDE_CODE_WEB: 'false' }, '/clone', probe(false)).reason).toBe('default')
  })

  it('looks for the checkout in GITHUB_WORKSPACE', async () => {
    const { detectEnvironment } = await import('../../src/environment.js')
    const probe = jest.fn((dir: string) => dir === '/workspace')
    expect(
      detectEnvironment({ GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: '/workspace' }, '/elsewhere', {
        checkoutProbe: probe
      }).environment
    ).toBe('ci')
    expect(probe).toHaveBeenCalledWith('/workspace')
  })

  it('rejects an unknown explicit value, listing the valid ones', async () => {
    const { detectEnvironment } = await import('../../src/environment.js')
    expect(() => detectEnvironment({}, '/w', { explicit: 'staging' })).toThrow(ConfigurationError)
    expect(() => detectEnvironment({}, '/w', { explicit: 'staging' })).toThrow(/local, ci, cloud/)
    expect(() => detectEnvironment({ SELF_HEAL_ENVIRONMENT: 'x' }, '/w')).toThrow(/SELF_HEAL_ENVIRONMENT/)
  })
})

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
    const withCheckout = () => true
    const without = () => false
    expect(detectEnvironment({}, '/w', undefined, withCheckout)).toEqual({
      environment: 'local',
      reason: 'default'
    })
    expect(detectEnvironment({ CI: 'true' }, '/w', undefined, withCheckout).environment).toBe('ci')
    expect(detectEnvironment({ CI: 'false' }, '/w', undefined, withCheckout).environment).toBe('local')
    expect(detectEnvironment({ GITHUB_ACTIONS: 'true' }, '/w', undefined, withCheckout).environment).toBe(
      'ci'
    )
    expect(detectEnvironment({ GITHUB_ACTIONS: 'true' }, '/w', undefined, without)).toEqual({
      environment: 'cloud',
      reason: 'actions-without-checkout'
    })
    expect(
      detectEnvironment({ CLAUDE_CODE_WEB: '1', CI: 'true' }, '/w', undefined, withCheckout).environment
    ).toBe('cloud')
    expect(
      detectEnvironment({ SELF_HEAL_ENVIRONMENT: 'local', GITHUB_ACTIONS: 'true' }, '/w', undefined, without)
        .environment
    ).toBe('local')
    expect(detectEnvironment({ SELF_HEAL_ENVIRONMENT: 'ci' }, '/w', 'CLOUD', withCheckout)).toEqual({
      environment: 'cloud',
      reason: 'explicit'
    })
  })

  it('looks for the checkout in GITHUB_WORKSPACE', async () => {
    const { detectEnvironment } = await import('../../src/environment.js')
    const probe = jest.fn((dir: string) => dir === '/workspace')
    expect(
      detectEnvironment(
        { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: '/workspace' },
        '/elsewhere',
        undefined,
        probe
      ).environment
    ).toBe('ci')
    expect(probe).toHaveBeenCalledWith('/workspace')
  })

  it('rejects an unknown explicit value, listing the valid ones', async () => {
    const { detectEnvironment } = await import('../../src/environment.js')
    expect(() => detectEnvironment({}, '/w', 'staging')).toThrow(ConfigurationError)
    expect(() => detectEnvironment({}, '/w', 'staging')).toThrow(/local, ci, cloud/)
    expect(() => detectEnvironment({ SELF_HEAL_ENVIRONMENT: 'x' }, '/w')).toThrow(/SELF_HEAL_ENVIRONMENT/)
  })
})

import { describe, expect, it } from '@jest/globals'
import { ConfigurationError } from '../../src/errors.js'
import { graphqlUrlFor, readSettings } from '../../src/settings.js'

describe('settings', () => {
  it('takes explicit values over the environment and masks the token', () => {
    const masked: string[] = []
    const s = readSettings(
      { token: 'explicit', repository: 'a/b', apiUrl: 'http://127.0.0.1:9/' },
      { GITHUB_TOKEN: 'env', GITHUB_REPOSITORY: 'c/d' },
      t => masked.push(t)
    )
    expect(s.token).toBe('explicit')
    expect(masked).toEqual(['explicit'])
    expect(s.repository).toBe('a/b')
    expect(s.apiUrl).toBe('http://127.0.0.1:9')
    expect(s.graphqlUrl).toBe('http://127.0.0.1:9/graphql')
  })

  it('falls back to GITHUB_* variables and treats empty strings as unset', () => {
    const s = readSettings({ token: '', repository: '' }, { GITHUB_TOKEN: 'env', GITHUB_REPOSITORY: 'c/d' })
    expect(s.token).toBe('env')
    expect(s.repository).toBe('c/d')
    expect(s.apiUrl).toBe('https://api.github.com')
  })

  it('derives the GHES GraphQL endpoint', () => {
    expect(graphqlUrlFor('https://ghe.example.com/api/v3')).toBe('https://ghe.example.com/api/graphql')
  })

  it('explains a malformed repository or URL', () => {
    expect(() => readSettings({ repository: 'no-slash' }, {})).toThrow(ConfigurationError)
    expect(() => readSettings({ repository: 'no-slash' }, {})).toThrow(/--repository OWNER\/NAME/)
    expect(() => readSettings({ apiUrl: 'ftp://x' }, {})).toThrow(/api-url/)
  })
})

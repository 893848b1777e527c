import { afterEach, describe, expect, it } from '@jest/globals'
import { howToSet, setSurface, settingName, surface } from '../../src/surface.js'
import { readSettings } from '../../src/settings.js'
import { createGitHubClient } from '../../src/github/client.js'

describe('setting names per surface', () => {
  afterEach(() => setSurface('cli'))

  it('names options and variables in the CLI, inputs in the action', () => {
    expect(surface()).toBe('cli')
    expect(howToSet('token')).toBe('pass --token TOKEN or set GITHUB_TOKEN')
    expect(howToSet('cwd')).toBe('pass --cwd DIR')
    expect(settingName('apiUrl')).toBe('--api-url or GITHUB_API_URL')
    setSurface('action')
    expect(howToSet('token')).toBe('set the input `token`')
    expect(howToSet('cwd')).toBe('set the input `working-directory`')
    expect(settingName('apiUrl')).toBe('the input `api-url`')
  })

  it('reaches the messages of the modules that raise them', () => {
    const noToken = () => createGitHubClient({ token: '', repository: 'a/b' })
    expect(noToken).toThrow('No GitHub token: pass --token TOKEN or set GITHUB_TOKEN.')
    expect(() => readSettings({ repository: 'x' }, {})).toThrow(/pass --repository OWNER\/NAME/)
    setSurface('action')
    expect(noToken).toThrow('No GitHub token: set the input `token`.')
    expect(() => readSettings({ repository: 'x' }, {})).toThrow(/set the input `repository`/)
    expect(() => readSettings({ apiUrl: 'ftp://x' }, {})).toThrow(/the input `api-url`/)
    expect(() => readSettings({ apiUrl: 'ftp://x' }, {})).not.toThrow(/--api-url/)
  })
})

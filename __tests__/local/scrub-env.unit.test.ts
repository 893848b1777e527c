/** scrubEnv and parsePassEnv: what a check or a fixer may see of this process's environment. */
import { describe, expect, it } from '@jest/globals'
import { parsePassEnv, scrubEnv } from '../../src/adapters/local/scrub-env.js'
import { InvalidInputError } from '../../src/errors.js'

const TOKEN = 'ghs_abcdefghijklmnopqrstuvwxyz012345'

describe('scrubEnv', () => {
  it('removes tokens, action inputs, runner services and step command files by name, in any case', () => {
    const { env } = scrubEnv({
      GITHUB_TOKEN: 'a',
      GH_TOKEN: 'b',
      SELF_HEAL_TOKEN: 'c',
      INPUT_TOKEN: 'd',
      INPUT_FIX: 'npx eslint --fix .',
      input_lower: 'e',
      ACTIONS_RUNTIME_TOKEN: 'f',
      ACTIONS_RUNTIME_URL: 'g',
      ACTIONS_RESULTS_URL: 'h',
      ACTIONS_CACHE_URL: 'i',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'j',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'k',
      GITHUB_OUTPUT: '/runner/_temp/_runner_file_commands/set_output_1',
      GITHUB_STATE: '/runner/_temp/_runner_file_commands/save_state_1',
      GITHUB_ENV: '/runner/_temp/_runner_file_commands/set_env_1',
      GITHUB_PATH: '/runner/_temp/_runner_file_commands/add_path_1',
      GITHUB_STEP_SUMMARY: '/runner/_temp/_runner_file_commands/step_summary_1',
      GITHUB_WORKSPACE: '/w',
      PATH: '/bin',
      MY_INPUT_TOKEN_NAME: 'kept: only names that start with INPUT_ are inputs'
    })
    expect(env).toEqual({
      GITHUB_STEP_SUMMARY: '/runner/_temp/_runner_file_commands/step_summary_1',
      GITHUB_WORKSPACE: '/w',
      PATH: '/bin',
      MY_INPUT_TOKEN_NAME: 'kept: only names that start with INPUT_ are inputs'
    })
  })

  it('removes every variable whose value holds a secret, under any name', () => {
    const { env } = scrubEnv(
      {
        COPY: TOKEN,
        PADDED: ` ${TOKEN}\n`,
        REMOTE: `https://x-access-token:${TOKEN}@github.com/o/r`,
        SHORT: 'abc',
        HAS_SHORT: 'xabcx',
        OTHER: 'fine'
      },
      { secrets: [TOKEN, 'abc', ''] }
    )
    // A short secret only matches a whole value; an empty one matches nothing.
    expect(env).toEqual({ HAS_SHORT: 'xabcx', OTHER: 'fine' })
  })

  it('keeps what pass-env names, globs too, but never a variable holding a secret', () => {
    const result = scrubEnv(
      { GH_TOKEN: 'gho_own', GITHUB_TOKEN: TOKEN, INPUT_A: '1', INPUT_B: '2', npm_config_x: 'y' },
      { passEnv: ['gh_token', 'GITHUB_TOKEN', 'INPUT_*'], secrets: [TOKEN] }
    )
    expect(result.env).toEqual({ GH_TOKEN: 'gho_own', INPUT_A: '1', INPUT_B: '2', npm_config_x: 'y' })
    expect(result.withheld).toEqual(['GITHUB_TOKEN'])
  })

  it('treats a glob as a whole-name pattern, not a regular expression', () => {
    const { env } = scrubEnv({ INPUT_X: '1', GITHUB_TOKEN: '2' }, { passEnv: ['INPUT_.', 'GITHUB_TOKE'] })
    expect(env).toEqual({})
  })
})

describe('parsePassEnv', () => {
  it('reads repeated options and lines or commas, and drops blanks', () => {
    expect(parsePassEnv(['NPM_TOKEN', 'A, B'])).toEqual(['NPM_TOKEN', 'A', 'B'])
    expect(parsePassEnv('NPM_*\n\n  PIP_INDEX_URL \r\n')).toEqual(['NPM_*', 'PIP_INDEX_URL'])
    expect(parsePassEnv('')).toEqual([])
  })

  it('refuses what is not a variable name, naming the option', () => {
    expect(() => parsePassEnv(['NPM_TOKEN=x'], '--pass-env')).toThrow(InvalidInputError)
    expect(() => parsePassEnv(['NPM_TOKEN=x'], '--pass-env')).toThrow(
      /--pass-env: 'NPM_TOKEN=x' is not a variable name/
    )
    expect(() => parsePassEnv('A B')).toThrow(/'A B'/)
  })
})

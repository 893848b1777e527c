import { describe, expect, it } from '@jest/globals'
import * as cacheErrors from '../../src/adapters/cache/common.js'
import * as githubAdapterErrors from '../../src/adapters/github/errors.js'
import * as diffParse from '../../src/diff/parse.js'
import * as errors from '../../src/errors.js'
import { ConfigurationError, InvalidInputError, SelfHealError, UsageError } from '../../src/errors.js'
import * as runGit from '../../src/git/run-git.js'
import * as githubErrors from '../../src/github/errors.js'

// Every module that declares an error class; a new one belongs here.
const MODULES = { errors, cacheErrors, githubAdapterErrors, diffParse, runGit, githubErrors }

const errorClasses = Object.values(MODULES).flatMap(module =>
  Object.entries(module).filter(
    (entry): entry is [string, typeof SelfHealError] =>
      typeof entry[1] === 'function' && entry[1].prototype instanceof SelfHealError
  )
)

describe('error types', () => {
  it('finds the error classes', () => {
    expect(errorClasses.map(([name]) => name)).toEqual(
      expect.arrayContaining(['ConfigurationError', 'InvalidInputError', 'UsageError', 'GitHubApiError'])
    )
    expect(errorClasses.length).toBeGreaterThanOrEqual(20)
  })

  it.each(errorClasses)('%s declares its own stable type, equal to its exported name', (name, errorClass) => {
    // Inherited, the parent's type would silently name the subclass.
    expect(Object.hasOwn(errorClass, 'type')).toBe(true)
    expect(errorClass.type).toBe(name)
  })

  it('names an instance by its type, not by its constructor', () => {
    class errors_Renamed extends InvalidInputError {
      static override readonly type: string = 'Renamed'
    }
    expect(new errors_Renamed('x').name).toBe('Renamed')
    expect(new ConfigurationError('x').name).toBe('ConfigurationError')
    expect(new UsageError('x')).toMatchObject({ name: 'UsageError', exitCode: 2 })
    expect(new SelfHealError('x')).toMatchObject({ name: 'SelfHealError', exitCode: 1 })
  })
})

/** git's verify_path rules as gitPathProblem ports them, and the `.git` disguises normalizeRepoPath refuses. */
import { describe, expect, it } from '@jest/globals'
import { PathOutsideRepositoryError } from '../../src/errors.js'
import { gitPathProblem, normalizeRepoPath } from '../../src/paths.js'

describe('gitPathProblem', () => {
  it.each([
    ['.git/config', true],
    ['.GIT/config', true],
    ['a/.Git', true],
    ['.git./hooks/x', true],
    ['.git /hooks/x', true],
    ['.git. . ./x', true],
    ['GIT~1/hooks/x', true],
    ['git~1', true],
    ['.git:stream/x', true],
    ['.git::$INDEX_ALLOCATION/x', true],
    ['x\\.git\\y', true],
    ['x\\git~1', true],
    ['.g\u200cit/x', true],
    ['.\u200dG\u200eI\ufeffT/x', true],
    ['.gi\u200ct', true],
    ['/etc/passwd', true],
    ['a/../b', true],
    ['..', true],
    ['./a', false],
    ['a/./b', false],
    ['a//b', false],
    ['a/', false],
    ['', false],
    ['a\0b', false]
  ])('refuses %j (outside: %s)', (path, outside) => {
    expect(gitPathProblem(path)).toMatchObject({ outside })
    expect(gitPathProblem(path, true)).toMatchObject({ outside })
  })

  it.each([
    'a/b.txt',
    '.gitignore',
    '.gitmodules',
    '.github/workflows/ci.yml',
    '.gitx/a',
    'x.git/a',
    'git~2/a',
    'git~10',
    '.git~1',
    '...',
    '.. /a',
    'a\\b',
    'C:x',
    'x:.git',
    '.g\u200bit',
    'café/naïve.txt'
  ])('accepts %j', path => {
    expect(gitPathProblem(path)).toBeUndefined()
  })

  it.each([
    '.gitmodules',
    '.GITMODULES',
    '.gitmodules ',
    '.gitmodules.',
    '.gitmodules:x',
    'GITMOD~1',
    'gitmod~4',
    'gi7eba~1',
    'GI7EBA~9',
    'gi7eb~12',
    'sub/.gitmodules',
    '.gitmodules/x',
    '.g\u200citmodules'
  ])('refuses the symlink %j, which git reads as .gitmodules', path => {
    expect(gitPathProblem(path, true)).toMatchObject({
      outside: false,
      reason: expect.stringMatching(/gitmodules/)
    })
    expect(gitPathProblem(path, false)).toBeUndefined()
  })

  it.each(['gitmod~5', 'gi7ebb~1', 'gi7eba~0', '.gitmodulesx'])('accepts the symlink %j', path => {
    expect(gitPathProblem(path, true)).toBeUndefined()
  })
})

describe('normalizeRepoPath and .git disguises', () => {
  it.each(['.git./x', '.git /x', 'GIT~1/x', 'a/git~1', '.g\u200cit/x', '.git::$DATA'])('refuses %j', path => {
    expect(() => normalizeRepoPath(path)).toThrow(PathOutsideRepositoryError)
  })
})

import { describe, expect, it } from '@jest/globals'
import { PathOutsideRepositoryError } from '../../src/errors.js'
import { isRepoPath, normalizeRepoPath } from '../../src/paths.js'

describe('repository paths', () => {
  it.each([
    ['a/b.txt', 'a/b.txt'],
    ['./a//b.txt', 'a/b.txt'],
    ['a/./c/../b.txt', 'a/b.txt'],
    ['dir with space/naïve.txt', 'dir with space/naïve.txt'],
    ['.github/workflows/ci.yml', '.github/workflows/ci.yml'],
    ['.gitignore', '.gitignore']
  ])('normalises %s', (input, expected) => {
    expect(normalizeRepoPath(input)).toBe(expected)
  })

  it.each(['../x', 'a/../../x', '/etc/x', 'C:/x', '.git/config', 'a/.GIT/x', '', '.', 'a\0b', '..\\x'])(
    'refuses %j',
    input => {
      expect(() => normalizeRepoPath(input)).toThrow(PathOutsideRepositoryError)
      expect(isRepoPath(input)).toBe(false)
    }
  )
})

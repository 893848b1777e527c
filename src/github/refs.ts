/** Branch name rules (git check-ref-format, as a pure function) and ref resolution helpers. */
import { InvalidInputError } from '../errors.js'

/**
 * Validates an untrusted branch name the way `git check-ref-format --branch` does, and returns it. Throws
 * InvalidInputError saying what is wrong, so a bad name never reaches a URL or a git argument.
 */
export function validateBranchName(name: string, what = 'Branch name'): string {
  const fail = (why: string) => new InvalidInputError(`${what} '${name}' is not valid: ${why}.`)
  if (typeof name !== 'string' || name.length === 0) throw fail('it is empty')
  if (name.startsWith('refs/heads/')) name = name.slice('refs/heads/'.length)
  if (name.startsWith('-')) throw fail("it starts with '-'")
  if (name === '@') throw fail("'@' alone is not a branch name")
  if (name === 'HEAD') throw fail("'HEAD' is not a branch name")
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name))
    throw fail('it contains a space, a control character or one of ~ ^ : ? * [ \\')
  if (name.includes('..')) throw fail("it contains '..'")
  if (name.includes('@{')) throw fail("it contains '@{'")
  if (name.includes('//') || name.startsWith('/') || name.endsWith('/'))
    throw fail("it has an empty '/' component")
  if (name.endsWith('.')) throw fail("it ends with '.'")
  for (const part of name.split('/')) {
    if (part.startsWith('.')) throw fail("a component starts with '.'")
    if (part.endsWith('.lock')) throw fail("a component ends with '.lock'")
  }
  if (Buffer.byteLength(name) > 255) throw fail('it is longer than 255 bytes')
  return name
}

/** Whether a string is a full commit id (SHA-1 or SHA-256). */
export function isFullSha(value: string): boolean {
  return /^[0-9a-f]{40}$/.test(value) || /^[0-9a-f]{64}$/.test(value)
}

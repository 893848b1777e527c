/**
 * The names of self-heal's fix branches: `<branch-prefix><fingerprint>` (default `self-heal/<fingerprint>`), or the
 * `branch` template. Everything that recognises self-heal's own branches (the loop guard, decline detection, a
 * stale branch made again) goes through here, so that a prefix a repository chose is honoured everywhere.
 */
import { InvalidInputError } from '../errors.js'
import { validateBranchName } from '../github/refs.js'
import type { ProposalShape } from './types.js'

/** The default prefix of the branches heal proposes fixes on: `self-heal/<fingerprint>`. */
export const BRANCH_PREFIX = 'self-heal/'

/** The prefix of the fix branches for a proposal's shape. */
export function branchPrefix(shape: ProposalShape): string {
  return shape.branchPrefix || BRANCH_PREFIX
}

/** The fix branch for a fingerprint: the `branch` template filled in, else `<prefix><fingerprint>`. */
export function fixBranch(shape: ProposalShape, fingerprintId: string): string {
  const template = shape.branch?.trim()
  return template
    ? template.split('{fingerprint}').join(fingerprintId)
    : `${branchPrefix(shape)}${fingerprintId}`
}

/**
 * Whether `branch` is one heal makes (`refs/heads/` or not): any branch under the prefix, or one the `branch`
 * template makes. The loop guard.
 */
export function isOwnBranch(branch: string, shape: ProposalShape = {}): boolean {
  const name = branch.replace(/^refs\/heads\//, '')
  const template = shape.branch?.trim()
  if (!template) return name.startsWith(branchPrefix(shape))
  const pattern = template
    .split('{fingerprint}')
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[0-9a-f]+')
  return new RegExp(`^${pattern}$`).test(name)
}

/**
 * Reads a `branch-prefix`: letters, digits and `._/-`, starting with a letter or digit, that makes a valid branch
 * name with a fingerprint after it (no `..`, no `//`, no component starting with `.` or ending with `.lock`).
 */
export function readBranchPrefix(value: string, what: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(value)) {
    throw new InvalidInputError(
      `${what} '${value}' is not a safe branch prefix: use letters, digits and . _ / -, starting with a letter or digit (e.g. self-heal/ or bots/heal-).`
    )
  }
  validateBranchName(`${value}0123456789abcdef`, `${what} '${value}' makes the branch name`)
  return value
}

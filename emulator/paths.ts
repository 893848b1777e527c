/** Path checks for tree entries and contents paths, with GitHub's error texts. */
import { ApiError } from './http.js'

/** Validates a tree entry or contents path: relative, no empty, `.`, `..` or `.git` segments, no NUL. */
export function checkEntryPath(path: unknown, field = 'tree.path'): string {
  if (typeof path !== 'string' || path.length === 0)
    throw new ApiError(422, `${field} must be a non-empty string`)
  if (path.startsWith('/')) throw new ApiError(422, `${field} cannot start with a slash`)
  if (path.endsWith('/')) throw new ApiError(422, `${field} cannot end with a slash`)
  if (path.includes('\0')) throw new ApiError(422, `${field} contains a malformed path component`)
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.' || segment === '..' || segment.toLowerCase() === '.git') {
      throw new ApiError(422, `${field} contains a malformed path component`)
    }
  }
  return path
}

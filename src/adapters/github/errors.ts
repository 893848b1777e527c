/** Errors of the GitHub adapters that the shared error module does not have. */
import { InvalidInputError, SelfHealError } from '../../errors.js'

/** A file is larger than the GitHub API can return (100 MB through the blobs API). */
export class FileTooLargeError extends SelfHealError {
  static override readonly type: string = 'FileTooLargeError'

  /** The repository-relative path. */
  readonly path: string

  constructor(path: string, size: number) {
    super(
      `File '${path}' is ${size} bytes, more than the 100 MB the GitHub API can return: read it from a checkout ` +
        '(run in CI with actions/checkout) or with Git LFS.'
    )
    this.path = path
  }
}

/** createCommitOnBranch cannot represent a change (a mode, a symlink, a submodule): nothing was committed. */
export class UnrepresentableChangeError extends InvalidInputError {
  static override readonly type: string = 'UnrepresentableChangeError'

  /** The files that cannot be committed this way. */
  readonly files: string[]

  constructor(files: Array<{ path: string; why: string }>) {
    super(
      'GraphQL createCommitOnBranch cannot commit ' +
        files.map(f => `'${f.path}' (${f.why})`).join(', ') +
        ': nothing was committed. Commit through the Git data API instead (the default; `commitMode: "git-data"`).'
    )
    this.files = files.map(f => f.path)
  }
}

/**
 * The Storage port: files of the repository, by repository-relative path with `/` separators. Nothing outside the
 * root is reachable (no `..`, absolute paths, `.git/`, or symlink escapes); reads and writes are binary-safe; a
 * write is atomic (no half-written file is ever visible).
 */
export interface StorageAdapter {
  /** A short name of the implementation, e.g. `local-files` or `github-contents`, for `self-heal env`. */
  readonly kind: string
  /** The bytes of a file; FileNotFoundError when it does not exist. */
  readFile(path: string): Promise<Buffer>
  /** Creates or replaces a file atomically (text is written as UTF-8). */
  writeFile(path: string, content: string | Uint8Array): Promise<void>
  /** Whether a regular file (or symlink inside the repository) exists at the path. */
  fileExists(path: string): Promise<boolean>
  /** Sorted repository-relative paths of the files matching a glob (default every file), `.git/` excluded. */
  listFiles(glob?: string): Promise<string[]>
  /** Deletes a file; FileNotFoundError when it does not exist. */
  deleteFile(path: string): Promise<void>
}

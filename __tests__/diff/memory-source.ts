/** Test helper: a BaseSource over a map of path → text (mode 100644), with the directories those paths imply. */
import { ancestors, gitBlobSha, type BaseSource } from '../../src/diff/apply.js'

/** A BaseSource over `files`; `reads` records every path whose bytes were read. */
export function memorySource(files: Record<string, string | Buffer>): BaseSource & { reads: string[] } {
  const reads: string[] = []
  const directories = new Set(Object.keys(files).flatMap(ancestors))
  return {
    reads,
    async stat(path) {
      if (directories.has(path)) return { mode: '040000', sha: 'tree' }
      const content = files[path]
      return content === undefined ? undefined : { mode: '100644', sha: gitBlobSha(Buffer.from(content)) }
    },
    async filesUnder(directory) {
      return Object.keys(files).filter(p => p.startsWith(`${directory}/`))
    },
    async read(path) {
      reads.push(path)
      return Buffer.from(files[path])
    }
  }
}

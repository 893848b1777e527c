/**
 * Files held in memory, as the memory Workspace and Git adapters keep them: a map from repository path to bytes and
 * mode, with the two things a git-shaped fake needs: a diff between two maps as `git diff --binary --full-index`
 * writes it (text files), and a diff applied to a map by the same applier CLOUD commits with.
 */
import { createHash } from 'node:crypto'
import { structuredPatch } from 'diff'
import { applyDiffText, gitBlobSha, type BaseSource } from '../../diff/apply.js'
import { DiffDoesNotApplyError, InvalidInputError } from '../../errors.js'

/** One file. Only text: a fake has no need for binary diffs. */
export interface MemoryFile {
  content: Buffer
  mode: '100644' | '100755'
}

/** Repository path → file. */
export type FileMap = Map<string, MemoryFile>

/** A FileMap from plain text contents (mode 100644). */
export function textFiles(files: Record<string, string>): FileMap {
  return new Map(
    Object.entries(files).map(([path, text]) => [path, { content: Buffer.from(text), mode: '100644' }])
  )
}

export function copyFiles(files: FileMap): FileMap {
  return new Map([...files].map(([path, file]) => [path, { ...file }]))
}

/** A stable id of a FileMap's contents (like a tree id: equal contents, equal ids). */
export function filesId(files: FileMap): string {
  const hash = createHash('sha1')
  for (const path of [...files.keys()].sort()) {
    const file = files.get(path)!
    hash.update(`${file.mode} ${path}\0${gitBlobSha(file.content)}\n`)
  }
  return hash.digest('hex')
}

const ZERO = '0'.repeat(40)

/** The change from `from` to `to` as `git diff --binary --full-index` writes it (no renames); '' when equal. */
export function diffFiles(from: FileMap, to: FileMap): string {
  const paths = [...new Set([...from.keys(), ...to.keys()])].sort()
  let out = ''
  for (const path of paths) {
    const a = from.get(path)
    const b = to.get(path)
    if (a && b && a.mode === b.mode && a.content.equals(b.content)) continue
    for (const file of [a, b]) {
      if (file?.content.includes(0)) {
        throw new InvalidInputError(`The memory workspace holds text files only, and ${path} is binary.`)
      }
    }
    out += `diff --git a/${path} b/${path}\n`
    const oldId = a ? gitBlobSha(a.content) : ZERO
    const newId = b ? gitBlobSha(b.content) : ZERO
    if (!a) out += `new file mode ${b!.mode}\nindex ${oldId}..${newId}\n`
    else if (!b) out += `deleted file mode ${a.mode}\nindex ${oldId}..${newId}\n`
    else if (a.mode !== b.mode) out += `old mode ${a.mode}\nnew mode ${b.mode}\nindex ${oldId}..${newId}\n`
    else out += `index ${oldId}..${newId} ${a.mode}\n`
    if (a && b && a.content.equals(b.content)) continue
    out += `--- ${a ? `a/${path}` : '/dev/null'}\n+++ ${b ? `b/${path}` : '/dev/null'}\n`
    const patch = structuredPatch(
      path,
      path,
      a?.content.toString('utf8') ?? '',
      b?.content.toString('utf8') ?? '',
      '',
      '',
      {
        context: 3
      }
    )
    for (const hunk of patch.hunks) {
      // jsdiff counts an empty side's start from 1; git writes it as the line before (0 for an empty file).
      const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart
      const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart
      out += `@@ -${range(oldStart, hunk.oldLines)} +${range(newStart, hunk.newLines)} @@\n`
      for (const line of hunk.lines) out += `${line}\n`
    }
  }
  return out
}

function range(start: number, lines: number): string {
  return lines === 1 ? String(start) : `${start},${lines}`
}

/**
 * `files` with `diff` applied, or undefined when it does not apply (nothing is changed). Blobs reused by id (a
 * pure rename) are found among the files by their id.
 */
export async function applyToFiles(files: FileMap, diff: string): Promise<FileMap | undefined> {
  const byId = new Map([...files.values()].map(file => [gitBlobSha(file.content), file.content]))
  const base: BaseSource = {
    stat: async path => {
      const file = files.get(path)
      if (file) return { mode: file.mode, sha: gitBlobSha(file.content) }
      const under = [...files.keys()].filter(p => p.startsWith(`${path}/`))
      return under.length
        ? { mode: '040000', sha: filesId(new Map(under.map(p => [p, files.get(p)!]))) }
        : undefined
    },
    filesUnder: async directory => [...files.keys()].filter(p => p.startsWith(`${directory}/`)),
    read: async path => files.get(path)!.content
  }
  let applied
  try {
    applied = await applyDiffText(diff, base)
  } catch (error) {
    if (error instanceof DiffDoesNotApplyError || error instanceof InvalidInputError) return undefined
    throw error
  }
  const result = copyFiles(files)
  for (const [path, file] of applied.files) {
    if (!file) {
      result.delete(path)
      continue
    }
    if (file.mode !== '100644' && file.mode !== '100755') return undefined
    const content = 'content' in file ? file.content : byId.get(file.sha)
    if (!content) return undefined
    result.set(path, { content: Buffer.from(content), mode: file.mode })
  }
  return result
}

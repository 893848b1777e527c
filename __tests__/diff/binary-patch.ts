/** Test helper: `GIT binary patch` text for a new file, from deflated data of one's choosing. */
import { gitBlobSha } from '../../src/diff/apply.js'
import { encodeBase85 } from '../../src/diff/base85.js'

/** Base85 lines of deflated data, as git writes them (a length character, then up to 52 bytes). */
export function binaryLines(deflated: Buffer): string {
  const lines: string[] = []
  for (let i = 0; i < deflated.length; i += 52) {
    const chunk = deflated.subarray(i, i + 52)
    const length = String.fromCharCode(chunk.length <= 26 ? 64 + chunk.length : 96 + chunk.length - 26)
    lines.push(length + encodeBase85(chunk))
  }
  return lines.join('\n')
}

/**
 * A patch creating `path` from `deflated` data that says it is `method size`; the index line names `ids`, by
 * default the null id and `newId`.
 */
export function binaryAddPatch(
  path: string,
  deflated: Buffer,
  options: { method?: 'literal' | 'delta'; size: number; newId?: string; ids?: { old: string; new: string } }
): string {
  const ids = options.ids ?? { old: '0'.repeat(40), new: options.newId ?? gitBlobSha(Buffer.from('x')) }
  return (
    `diff --git a/${path} b/${path}\nnew file mode 100644\nindex ${ids.old}..${ids.new}\nGIT binary patch\n` +
    `${options.method ?? 'literal'} ${options.size}\n${binaryLines(deflated)}\n\nliteral 0\nHcmV?d00001\n\n`
  )
}

/**
 * Git's delta format (as in packs and `GIT binary patch` `delta` hunks): two varint sizes, then copy instructions
 * (high bit set: offset and size bytes selected by the low bits) and insert instructions (1–127 literal bytes).
 * The instructions are checked against both sizes before the result is allocated, so a delta that declares a
 * huge result allocates nothing, and the result is never larger than MAX_FILE_BYTES.
 */
import { DiffDoesNotApplyError } from '../errors.js'
import { MAX_FILE_BYTES } from './limits.js'

/** Applies a git delta to `base`; DiffDoesNotApplyError (naming `file`) when the delta does not fit the base. */
export function applyGitDelta(base: Buffer, delta: Buffer, file = 'a binary file'): Buffer {
  const fail = (why: string) =>
    new DiffDoesNotApplyError(
      file,
      `its binary delta ${why}. Regenerate the diff with \`git diff --binary\`.`
    )
  let i = 0
  const varint = (): number => {
    let value = 0
    for (let shift = 0; ; shift += 7) {
      if (i >= delta.length) throw fail('is truncated in its header')
      const byte = delta[i++]
      value += (byte & 0x7f) * 2 ** shift
      if (!(byte & 0x80)) return value
    }
  }
  const sourceSize = varint()
  if (sourceSize !== base.length)
    throw fail(`expects a ${sourceSize}-byte original, but the file has ${base.length} bytes`)
  const targetSize = varint()
  if (targetSize > MAX_FILE_BYTES) {
    throw fail(
      `makes a ${targetSize}-byte file, more than the ${MAX_FILE_BYTES} bytes (GitHub's largest blob) self-heal applies`
    )
  }
  const start = i
  // Once to check every instruction against both sizes, then once more to copy into a buffer of the right size.
  const run = (out?: Buffer): void => {
    i = start
    let o = 0
    while (i < delta.length) {
      const op = delta[i++]
      if (op & 0x80) {
        let offset = 0
        let size = 0
        for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) offset += delta[i++] * 2 ** (8 * bit)
        for (let bit = 0; bit < 3; bit++) if (op & (1 << (4 + bit))) size += delta[i++] * 2 ** (8 * bit)
        if (size === 0) size = 0x10000
        if (i > delta.length) throw fail('has a truncated copy instruction')
        if (offset + size > base.length || o + size > targetSize) throw fail('copies past the end')
        if (out) base.copy(out, o, offset, offset + size)
        o += size
      } else if (op > 0) {
        if (i + op > delta.length || o + op > targetSize) throw fail('inserts past the end')
        if (out) delta.copy(out, o, i, i + op)
        o += op
        i += op
      } else throw fail('holds the reserved instruction 0')
    }
    if (o !== targetSize) throw fail(`makes ${o} bytes, but says ${targetSize}`)
  }
  run()
  const out = Buffer.allocUnsafe(targetSize)
  run(out)
  return out
}

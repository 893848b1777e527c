/**
 * Git's delta format (as in packs and `GIT binary patch` `delta` hunks): two varint sizes, then copy instructions
 * (high bit set: offset and size bytes selected by the low bits) and insert instructions (1–127 literal bytes).
 */
import { InvalidInputError } from '../errors.js'

function readVarint(delta: Buffer, start: number): { value: number; next: number } {
  let value = 0
  let shift = 0
  let i = start
  for (;;) {
    if (i >= delta.length) throw new InvalidInputError('Binary delta is truncated in its header.')
    const byte = delta[i++]
    value += (byte & 0x7f) * 2 ** shift
    shift += 7
    if (!(byte & 0x80)) return { value, next: i }
  }
}

/** Applies a git delta to `base`; InvalidInputError (naming `file`) when the delta does not fit the base. */
export function applyGitDelta(base: Buffer, delta: Buffer, file = 'a binary file'): Buffer {
  const fail = (why: string) =>
    new InvalidInputError(
      `The binary delta for '${file}' does not apply: ${why}. Regenerate the diff with --binary.`
    )
  const source = readVarint(delta, 0)
  if (source.value !== base.length)
    throw fail(`it expects a ${source.value}-byte original, found ${base.length} bytes`)
  const target = readVarint(delta, source.next)
  const out = Buffer.alloc(target.value)
  let o = 0
  let i = target.next
  while (i < delta.length) {
    const op = delta[i++]
    if (op & 0x80) {
      let offset = 0
      let size = 0
      for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) offset += delta[i++] * 2 ** (8 * bit)
      for (let bit = 0; bit < 3; bit++) if (op & (1 << (4 + bit))) size += delta[i++] * 2 ** (8 * bit)
      if (size === 0) size = 0x10000
      if (i > delta.length) throw fail('a copy instruction is truncated')
      if (offset + size > base.length || o + size > out.length) throw fail('a copy reaches past the end')
      base.copy(out, o, offset, offset + size)
      o += size
    } else if (op > 0) {
      if (i + op > delta.length || o + op > out.length) throw fail('an insert reaches past the end')
      delta.copy(out, o, i, i + op)
      o += op
      i += op
    } else throw fail('it holds the reserved instruction 0')
  }
  if (o !== out.length) throw fail(`it produced ${o} bytes instead of ${out.length}`)
  return out
}

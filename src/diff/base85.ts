/** Git's base85 (the alphabet of `GIT binary patch` data), decoding and encoding. */
import { InvalidInputError } from '../errors.js'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~'
const VALUES = new Int16Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i

/** Decodes base85 text (a multiple of 5 characters) to bytes; `line` is for the error message. */
export function decodeBase85(text: string, line = 0): Buffer {
  if (text.length % 5 !== 0) {
    throw new InvalidInputError(
      `Binary patch line ${line} has ${text.length} base85 characters, not a multiple of 5.`
    )
  }
  const out = Buffer.alloc((text.length / 5) * 4)
  for (let i = 0, o = 0; i < text.length; i += 5, o += 4) {
    let value = 0
    for (let j = 0; j < 5; j++) {
      const c = text.charCodeAt(i + j)
      const digit = c < 128 ? VALUES[c] : -1
      if (digit < 0) throw new InvalidInputError(`Binary patch line ${line} has an invalid base85 character.`)
      value = value * 85 + digit
    }
    if (value > 0xffffffff)
      throw new InvalidInputError(`Binary patch line ${line} has an out-of-range base85 group.`)
    out.writeUInt32BE(value, o)
  }
  return out
}

/** Encodes bytes as base85 (padding the last group with zeros, as git does). */
export function encodeBase85(data: Uint8Array): string {
  let out = ''
  for (let i = 0; i < data.length; i += 4) {
    let value = 0
    for (let j = 0; j < 4; j++) value = value * 256 + (i + j < data.length ? data[i + j] : 0)
    let group = ''
    for (let j = 0; j < 5; j++) {
      group = ALPHABET[value % 85] + group
      value = Math.floor(value / 85)
    }
    out += group
  }
  return out
}

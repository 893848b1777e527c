/**
 * A small zip writer and reader (deflate or stored, no zip64) for workflow artifacts: self-heal uploads a fix as
 * a one-file artifact and reads it back, and the format needs about a hundred lines, fewer than a dependency.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'
import { InvalidInputError } from '../errors.js'

/** One file of an archive. */
export interface ZipEntry {
  /** Path inside the archive, with `/`. */
  name: string
  /** Content. */
  data: Buffer
}

/** The largest archive or entry read (a fix is a few kilobytes; this bounds what a forged artifact can cost). */
export const MAX_ZIP_BYTES = 64 * 1024 * 1024

/** Builds a zip archive holding the entries, deflated, with the DOS timestamp of `date`. */
export function createZip(entries: readonly ZipEntry[], date = new Date()): Buffer {
  const time =
    ((date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1)) & 0xffff
  const day =
    (((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate()) & 0xffff
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const compressed = deflateRawSync(entry.data)
    const crc = crc32(entry.data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(8, 8) // deflate
    local.writeUInt16LE(time, 10)
    local.writeUInt16LE(day, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(compressed.length, 18)
    local.writeUInt32LE(entry.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt16LE(time, 12)
    central.writeUInt16LE(day, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(compressed.length, 20)
    central.writeUInt32LE(entry.data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, compressed)
    centrals.push(central, name)
    offset += local.length + name.length + compressed.length
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(centralSize, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, ...centrals, end])
}

/** Reads every file of a zip archive (stored or deflated entries); a damaged archive is an InvalidInputError. */
export function readZip(zip: Buffer): ZipEntry[] {
  const bad = (why: string): never => {
    throw new InvalidInputError(`The archive is not a zip self-heal can read: ${why}.`)
  }
  if (zip.length > MAX_ZIP_BYTES) bad(`it is over ${MAX_ZIP_BYTES} bytes`)
  let end = -1
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) {
      end = at
      break
    }
  }
  if (end < 0) bad('no end of central directory')
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  const entries: ZipEntry[] = []
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) bad('a damaged central directory')
    const method = zip.readUInt16LE(at + 10)
    const crc = zip.readUInt32LE(at + 16)
    const compressedSize = zip.readUInt32LE(at + 20)
    const size = zip.readUInt32LE(at + 24)
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    const commentLength = zip.readUInt16LE(at + 32)
    const localAt = zip.readUInt32LE(at + 42)
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength)
    at += 46 + nameLength + extraLength + commentLength
    if (size > MAX_ZIP_BYTES) bad(`${name} is over ${MAX_ZIP_BYTES} bytes`)
    if (localAt + 30 > zip.length || zip.readUInt32LE(localAt) !== 0x04034b50)
      bad(`no local header for ${name}`)
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28)
    const raw = zip.subarray(dataAt, dataAt + compressedSize)
    if (raw.length !== compressedSize) bad(`${name} is cut short`)
    let data: Buffer
    if (method === 0) data = Buffer.from(raw)
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, size) })
      } catch {
        return bad(`${name} does not inflate`)
      }
    } else return bad(`${name} uses compression method ${method}`)
    if (data.length !== size || crc32(data) !== crc) {
      bad(`${name} fails its CRC or size`)
    }
    entries.push({ name, data })
  }
  return entries
}

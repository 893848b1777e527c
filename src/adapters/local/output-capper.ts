/**
 * Keeps a stream's output within a byte budget: the head and the tail are kept, the middle is counted and dropped,
 * so a command that prints gigabytes costs bounded memory and the summary lines at the end survive.
 */

/** How much of a stream to keep. */
export interface CapLimits {
  /** Bytes kept from the start. */
  headBytes: number
  /** Bytes kept from the end. */
  tailBytes: number
}

/** Splits a total budget: a quarter for the head, the rest for the tail (where summaries and failures land). */
export function splitBudget(maxBytes: number): CapLimits {
  const budget = Math.max(0, Math.floor(maxBytes))
  const headBytes = Math.floor(budget / 4)
  return { headBytes, tailBytes: budget - headBytes }
}

/**
 * Collects chunks of one stream within a head + tail budget. Bytes are copied into at most two buffers (the head,
 * and the tail as a ring), so memory stays within the budget however the output is chunked — a byte at a time
 * costs no more than a megabyte at a time, and no chunk is kept alive by a slice of it.
 */
export class OutputCapper {
  private head: Buffer = Buffer.alloc(0)
  private headLength = 0
  /** The tail's ring: linear until it reaches `tailBytes`, then the oldest byte is at `tailEnd`. */
  private tail: Buffer = Buffer.alloc(0)
  private tailLength = 0
  private tailEnd = 0
  private total = 0

  constructor(private readonly limits: CapLimits) {}

  /** Bytes seen so far. */
  get totalBytes(): number {
    return this.total
  }

  /** Bytes that were not kept. */
  get droppedBytes(): number {
    return this.total - this.headLength - this.tailLength
  }

  /** Takes one chunk. */
  push(chunk: Buffer): void {
    this.total += chunk.length
    let rest = chunk
    if (this.headLength < this.limits.headBytes) {
      const take = Math.min(rest.length, this.limits.headBytes - this.headLength)
      this.head = reserve(this.head, this.headLength, this.headLength + take, this.limits.headBytes)
      rest.copy(this.head, this.headLength, 0, take)
      this.headLength += take
      rest = rest.subarray(take)
    }
    const cap = this.limits.tailBytes
    if (rest.length === 0 || cap === 0) return
    if (rest.length > cap) rest = rest.subarray(rest.length - cap)
    if (this.tail.length < cap)
      this.tail = reserve(this.tail, this.tailLength, this.tailLength + rest.length, cap)
    // Until the ring is full its capacity covers every byte, so only a full ring wraps (over its oldest bytes).
    const first = Math.min(rest.length, this.tail.length - this.tailEnd)
    rest.copy(this.tail, this.tailEnd, 0, first)
    rest.copy(this.tail, 0, first)
    this.tailEnd = (this.tailEnd + rest.length) % this.tail.length
    this.tailLength = Math.min(cap, this.tailLength + rest.length)
  }

  /** The kept text, UTF-8, with a marker where bytes were dropped; multi-byte characters are never split. */
  toString(): string {
    const head = this.head.subarray(0, this.headLength)
    const start = (this.tailEnd - this.tailLength + this.tail.length) % (this.tail.length || 1)
    const tail =
      start + this.tailLength <= this.tail.length
        ? this.tail.subarray(start, start + this.tailLength)
        : Buffer.concat([this.tail.subarray(start), this.tail.subarray(0, this.tailEnd)])
    const dropped = this.droppedBytes
    if (dropped === 0) return Buffer.concat([head, tail]).toString('utf8')
    const headEnd = completeUtf8End(head)
    const tailStart = firstCharacterStart(tail)
    const cut = dropped + (head.length - headEnd) + tailStart
    return (
      head.subarray(0, headEnd).toString('utf8') +
      `\n[… self-heal: ${cut} bytes of output dropped here (${this.total} in all) …]\n` +
      tail.subarray(tailStart).toString('utf8')
    )
  }
}

/** A buffer holding `used` bytes of `buffer` with room for `needed` (doubling, at most `max`). */
function reserve(buffer: Buffer, used: number, needed: number, max: number): Buffer {
  if (needed <= buffer.length) return buffer
  const grown = Buffer.allocUnsafe(Math.min(max, Math.max(needed, buffer.length * 2, 4096)))
  buffer.copy(grown, 0, 0, used)
  return grown
}

/** The length of the longest prefix that does not end in the middle of a UTF-8 sequence. */
function completeUtf8End(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back]
    if ((byte & 0xc0) === 0x80) continue
    if (byte < 0x80) return bytes.length
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
    return needed <= back ? bytes.length : bytes.length - back
  }
  return bytes.length
}

/** The offset of the first byte that starts a UTF-8 character (skips at most three continuation bytes). */
function firstCharacterStart(bytes: Buffer): number {
  let index = 0
  while (index < Math.min(3, bytes.length) && (bytes[index] & 0xc0) === 0x80) index++
  return index
}

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

/** Collects chunks of one stream within a head + tail budget. */
export class OutputCapper {
  private readonly head: Buffer[] = []
  private headLength = 0
  private tail: Buffer[] = []
  private tailLength = 0
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
      this.head.push(rest.subarray(0, take))
      this.headLength += take
      rest = rest.subarray(take)
    }
    if (rest.length === 0 || this.limits.tailBytes === 0) return
    if (rest.length >= this.limits.tailBytes) {
      // Copy: a subarray would keep the whole (possibly huge) chunk alive.
      this.tail = [Buffer.from(rest.subarray(rest.length - this.limits.tailBytes))]
      this.tailLength = this.limits.tailBytes
      return
    }
    this.tail.push(rest)
    this.tailLength += rest.length
    while (this.tailLength > this.limits.tailBytes) {
      const excess = this.tailLength - this.limits.tailBytes
      const first = this.tail[0]
      if (first.length <= excess) {
        this.tail.shift()
        this.tailLength -= first.length
      } else {
        this.tail[0] = Buffer.from(first.subarray(excess))
        this.tailLength -= excess
      }
    }
  }

  /** The kept text, UTF-8, with a marker where bytes were dropped; multi-byte characters are never split. */
  toString(): string {
    const head = Buffer.concat(this.head, this.headLength)
    const tail = Buffer.concat(this.tail, this.tailLength)
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

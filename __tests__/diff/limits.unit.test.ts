/**
 * Memory stays bounded by the patch and the base: binary literals inflate no further than the size they declare,
 * declared sizes past MAX_FILE_BYTES are refused before anything is allocated, and a delta is checked against
 * its sizes before its result is allocated. Every refusal is bad input (exit 2), never a crash.
 */
import { constants, deflateSync } from 'node:zlib'
import { applyDiffText, gitBlobSha } from '../../src/diff/apply.js'
import { applyGitDelta } from '../../src/diff/delta.js'
import { MAX_FILE_BYTES } from '../../src/diff/limits.js'
import { parseGitDiff } from '../../src/diff/parse.js'
import { DiffDoesNotApplyError, InvalidInputError } from '../../src/errors.js'
import { binaryAddPatch } from './binary-patch.js'
import { memorySource } from './memory-source.js'

/** Deflated zeros: `megabytes` MiB of them, compressed about a thousandfold. */
function zeros(megabytes: number): Buffer {
  return deflateSync(Buffer.alloc(megabytes * 1024 * 1024), { level: constants.Z_BEST_COMPRESSION })
}

/** How much the ArrayBuffer memory grew while `run` ran (it is expected to throw). */
function growth(run: () => unknown): { error: unknown; bytes: number } {
  const before = process.memoryUsage().arrayBuffers
  let error: unknown
  try {
    run()
  } catch (e) {
    error = e
  }
  return { error, bytes: process.memoryUsage().arrayBuffers - before }
}

/** A delta header: the two sizes as git's varints. */
function varint(n: number): number[] {
  const out: number[] = []
  do {
    let byte = n % 128
    n = Math.floor(n / 128)
    if (n > 0) byte |= 0x80
    out.push(byte)
  } while (n > 0)
  return out
}

describe('binary patches stay within the memory their sizes allow', () => {
  const bomb = zeros(256)

  it('stops inflating a literal at the size it declares (a compression bomb)', () => {
    expect(bomb.length).toBeLessThan(1024 * 1024)
    const patch = binaryAddPatch('bomb.bin', bomb, { size: 10 })
    const { error, bytes } = growth(() => parseGitDiff(patch))
    expect(error).toBeInstanceOf(InvalidInputError)
    expect((error as InvalidInputError).exitCode).toBe(2)
    expect((error as Error).message).toMatch(/bomb\.bin.*more than the 10 bytes/)
    expect(bytes).toBeLessThan(32 * 1024 * 1024)
  })

  it('refuses a declared size past the limit before inflating anything', () => {
    for (const method of ['literal', 'delta'] as const) {
      const patch = binaryAddPatch('big.bin', bomb, { method, size: MAX_FILE_BYTES + 1 })
      const { error, bytes } = growth(() => parseGitDiff(patch))
      expect(error).toBeInstanceOf(InvalidInputError)
      expect((error as Error).message).toContain(`${MAX_FILE_BYTES} bytes`)
      expect((error as Error).message).toContain('big.bin')
      expect(bytes).toBeLessThan(8 * 1024 * 1024)
    }
  })

  it('applies a literal of exactly its declared size', async () => {
    const content = Buffer.from([0, 1, 2, 3, 255])
    const patch = binaryAddPatch('ok.bin', deflateSync(content), {
      size: content.length,
      newId: gitBlobSha(content)
    })
    const applied = await applyDiffText(patch, memorySource({}))
    expect(applied.files.get('ok.bin')).toMatchObject({ mode: '100644', content })
  })
})

describe('binary deltas', () => {
  const base = Buffer.from('hello')

  it('refuses a huge declared result with DiffDoesNotApplyError, not a RangeError', () => {
    for (const target of [2 ** 40, 2 ** 53, MAX_FILE_BYTES + 1]) {
      const delta = Buffer.from([...varint(base.length), ...varint(target), 0x80])
      const { error, bytes } = growth(() => applyGitDelta(base, delta, 'x.bin'))
      expect(error).toBeInstanceOf(DiffDoesNotApplyError)
      expect((error as DiffDoesNotApplyError).exitCode).toBe(2)
      expect((error as Error).message).toMatch(/x\.bin.*more than the 104857600 bytes/)
      expect(bytes).toBeLessThan(8 * 1024 * 1024)
    }
  })

  it('allocates nothing for a delta whose instructions do not make the size it declares', () => {
    // Declares 50 MiB but holds one copy of the 5 base bytes.
    const delta = Buffer.from([...varint(base.length), ...varint(50 * 1024 * 1024), 0x90, 5])
    const { error, bytes } = growth(() => applyGitDelta(base, delta, 'x.bin'))
    expect(error).toBeInstanceOf(DiffDoesNotApplyError)
    expect((error as Error).message).toMatch(/makes 5 bytes, but says 52428800/)
    expect(bytes).toBeLessThan(8 * 1024 * 1024)
  })

  it('refuses copies and inserts past either end, and a base of another size', () => {
    const header = [...varint(base.length), ...varint(3)]
    expect(() => applyGitDelta(base, Buffer.from([...header, 0x91, 4, 3]), 'x')).toThrow(
      /copies past the end/
    )
    expect(() => applyGitDelta(base, Buffer.from([...header, 4, 1, 2, 3, 4]), 'x')).toThrow(
      /inserts past the end/
    )
    expect(() => applyGitDelta(Buffer.from('hi'), Buffer.from([...header, 3, 1, 2, 3]), 'x')).toThrow(
      /5-byte original, but the file has 2 bytes/
    )
    expect(applyGitDelta(base, Buffer.from([...header, 0x91, 1, 3]), 'x').toString()).toBe('ell')
  })
})

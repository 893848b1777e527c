/** The output capper: bounded memory, head and tail kept, UTF-8 never split. */
import { describe, expect, it } from '@jest/globals'
import { OutputCapper, splitBudget } from '../../src/adapters/local/output-capper.js'

describe('OutputCapper', () => {
  it('keeps everything under the budget', () => {
    const capper = new OutputCapper({ headBytes: 10, tailBytes: 10 })
    capper.push(Buffer.from('hello '))
    capper.push(Buffer.from('world'))
    expect(capper.toString()).toBe('hello world')
    expect(capper.droppedBytes).toBe(0)
  })

  it('keeps the head and the tail and says how much was dropped', () => {
    const capper = new OutputCapper({ headBytes: 4, tailBytes: 6 })
    for (const part of ['abcd', 'efgh', 'ijkl', 'mnop', 'qrst']) capper.push(Buffer.from(part))
    expect(capper.totalBytes).toBe(20)
    expect(capper.droppedBytes).toBe(10)
    expect(capper.toString()).toBe(
      'abcd\n[… self-heal: 10 bytes of output dropped here (20 in all) …]\nopqrst'
    )
  })

  it('holds no more than its budget however much passes through', () => {
    const capper = new OutputCapper(splitBudget(4096))
    const chunk = Buffer.alloc(65536, 0x61)
    for (let i = 0; i < 1000; i++) capper.push(chunk)
    expect(capper.totalBytes).toBe(65536 * 1000)
    expect(capper.totalBytes - capper.droppedBytes).toBe(4096)
    const text = capper.toString()
    expect(text.length).toBeLessThan(4096 + 100)
  })

  it('keeps the same head and tail however the output is chunked', () => {
    const text = Array.from({ length: 5000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('')
    const expected = `${text.slice(0, 100)}\n[… self-heal: 4600 bytes of output dropped here (5000 in all) …]\n${text.slice(-300)}`
    // One byte at a time, odd sizes that wrap the tail ring, and chunks larger than the whole budget.
    for (const size of [1, 7, 299, 301, 4999, 5000]) {
      const capper = new OutputCapper({ headBytes: 100, tailBytes: 300 })
      for (let at = 0; at < text.length; at += size) capper.push(Buffer.from(text.slice(at, at + size)))
      expect(capper.toString()).toBe(expected)
    }
  })

  it('never splits a multi-byte character at either cut', () => {
    const capper = new OutputCapper({ headBytes: 5, tailBytes: 4 })
    // 'é' is 2 bytes, '✓' 3 bytes: the cuts fall inside them.
    capper.push(Buffer.from('abcdé' + 'x'.repeat(20) + '✓yz'))
    const text = capper.toString()
    expect(text).not.toContain('\ufffd')
    expect(text.startsWith('abcd\n')).toBe(true)
    expect(text.endsWith('\nyz')).toBe(true)
  })

  it('splits a budget a quarter to the head, the rest to the tail', () => {
    expect(splitBudget(1000)).toEqual({ headBytes: 250, tailBytes: 750 })
    expect(splitBudget(0)).toEqual({ headBytes: 0, tailBytes: 0 })
  })
})

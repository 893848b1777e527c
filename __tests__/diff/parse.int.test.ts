/** Parser details that the corpus does not reach: traditional diffs, base85 and delta edge cases. */
import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { applyDiffText } from '../../src/diff/apply.js'
import { decodeBase85, encodeBase85 } from '../../src/diff/base85.js'
import { applyGitDelta } from '../../src/diff/delta.js'
import { parseGitDiff } from '../../src/diff/parse.js'
import { InvalidInputError } from '../../src/errors.js'
import { makeTempDir } from '../helpers/git.js'
import { memorySource } from './memory-source.js'

const memory = memorySource

describe('parseGitDiff', () => {
  it('applies a traditional `diff -u` patch (no git headers), with timestamps after the names', async () => {
    const dir = await makeTempDir()
    try {
      await writeFile(join(dir.path, 'old.txt'), 'one\ntwo\nthree\n')
      await writeFile(join(dir.path, 'new.txt'), 'one\n2\nthree\nfour\n')
      const diff = await new Promise<string>(resolve =>
        execFile(
          'diff',
          ['-u', '--label', 'a/f.txt', '--label', 'b/f.txt', 'old.txt', 'new.txt'],
          { cwd: dir.path },
          (_e, out) => resolve(out)
        )
      )
      const applied = await applyDiffText(diff, memory({ 'f.txt': 'one\ntwo\nthree\n' }))
      const file = applied.files.get('f.txt')
      expect(file && 'content' in file && file.content.toString()).toBe('one\n2\nthree\nfour\n')
      const [patch] = parseGitDiff(
        '--- a/x.txt\t2026-01-01 00:00:00\n+++ b/x.txt\t2026-01-02\n@@ -1 +1 @@\n-a\n+b\n'
      )
      expect(patch).toMatchObject({ kind: 'modify', oldPath: 'x.txt', newPath: 'x.txt', git: false })
    } finally {
      await dir.cleanup()
    }
  })

  it('reads quoted names with octal and C escapes, and keeps an email preamble out', () => {
    const diff =
      'From abc Mon Sep 17 00:00:00 2001\nSubject: [PATCH] x\n---\n' +
      'diff --git "a/caf\\303\\251 \\"q\\"\\t.txt" "b/caf\\303\\251 \\"q\\"\\t.txt"\nnew file mode 100755\n' +
      '--- /dev/null\n+++ "b/caf\\303\\251 \\"q\\"\\t.txt"\n@@ -0,0 +1 @@\n+x\n'
    const [patch] = parseGitDiff(diff)
    expect(patch.kind).toBe('add')
    expect(patch.newPath).toBe('café "q"\t.txt')
    expect(patch.newMode).toBe('100755')
  })

  it('says which line is wrong in a hunk that is cut short or over-long', () => {
    expect(() => parseGitDiff('diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n')).toThrow(
      /cut short/
    )
    expect(() => parseGitDiff('diff --git a/f b/f\nold mode 100600\nnew mode 100755\n')).toThrow(
      /unsupported file mode/
    )
  })
})

describe('base85 and git deltas', () => {
  it('round-trips base85', () => {
    const data = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 37) % 256))
    expect(decodeBase85(encodeBase85(data)).subarray(0, data.length).equals(data)).toBe(true)
    expect(() => decodeBase85('abcd')).toThrow(InvalidInputError)
  })

  it('applies copy and insert instructions, and refuses a delta for another base', () => {
    const base = Buffer.from('hello world')
    // source size 11, target size 10; copy offset 0 size 5; insert "!!!!!"
    const delta = Buffer.from([11, 10, 0x80 | 0x01 | 0x10, 0, 5, 5, ...Buffer.from('!!!!!')])
    expect(applyGitDelta(base, delta, 'x').toString()).toBe('hello!!!!!')
    expect(() => applyGitDelta(Buffer.from('other'), delta, 'x.bin')).toThrow(/x\.bin/)
    expect(() => applyGitDelta(base, Buffer.from([11, 3, 0]), 'x')).toThrow(/reserved/)
  })
})

/**
 * applyHunks against `git apply` on the same file and diff: many hunks in one file (applied in one pass), and a
 * hunk that matches only before the one applied ahead of it (git searches the whole file, so must we).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { applyHunks } from '../../src/diff/apply.js'
import { parseGitDiff } from '../../src/diff/parse.js'
import { git, makeTempRepo } from '../helpers/git.js'

/** What `git apply` makes of `diff` on a file `f` holding `content`. */
async function gitApplied(content: string, diff: string): Promise<string> {
  const repo = await makeTempRepo({ f: content })
  try {
    await writeFile(join(repo.path, 'p.diff'), diff)
    await git(repo.path, 'apply', 'p.diff')
    return await readFile(join(repo.path, 'f'), 'utf8')
  } finally {
    await repo.cleanup()
  }
}

function ours(content: string, diff: string): string {
  const [patch] = parseGitDiff(diff)
  return applyHunks(Buffer.from(content), patch.hunks, 'f').toString()
}

describe('applyHunks', () => {
  it('applies 2,000 hunks of one file as git apply does', async () => {
    const lines = Array.from({ length: 16_010 }, (_, i) => `line ${i}\n`)
    let diff = 'diff --git a/f b/f\n--- a/f\n+++ b/f\n'
    for (let h = 0; h < 2_000; h++) {
      // Changes line `at` (0-based) with 3 lines of context on each side; every even hunk adds a line too.
      const at = 8 * h + 3
      const grow = h % 2 === 0 ? 1 : 0
      const addedBefore = Math.floor((h + 1) / 2)
      diff += `@@ -${at - 2},7 +${at - 2 + addedBefore},${7 + grow} @@\n`
      for (let i = at - 3; i < at; i++) diff += ` ${lines[i]}`
      diff += `-${lines[at]}+changed ${at}\n`
      if (grow) diff += `+added after ${at}\n`
      for (let i = at + 1; i < at + 4; i++) diff += ` ${lines[i]}`
    }
    const content = lines.join('')
    const expected = await gitApplied(content, diff)
    expect(expected).toContain('changed 15987\nadded after 15987\n')
    expect(ours(content, diff)).toBe(expected)
  })

  it('applies a hunk that matches only before the hunk ahead of it, as git does', async () => {
    const diff =
      'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -3,2 +3,2 @@\n c\n-d\n+D\n@@ -5,2 +5,2 @@\n-a\n+A\n b\n'
    const expected = await gitApplied('a\nb\nc\nd\n', diff)
    expect(expected).toBe('A\nb\nc\nD\n')
    expect(ours('a\nb\nc\nd\n', diff)).toBe(expected)
  })
})

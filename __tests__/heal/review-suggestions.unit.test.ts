/** Review suggestions from a fix: which hunks can be a suggestion on a pull request's lines, and which cannot. */
import { describe, expect, it } from '@jest/globals'
import { diffFiles, textFiles } from '../../src/adapters/memory/files.js'
import { buildSuggestions } from '../../src/heal/review-suggestions.js'

const lines = (n: number, change: Record<number, string> = {}): string =>
  Array.from({ length: n }, (_, i) => `${change[i + 1] ?? `line ${i + 1}`}\n`).join('')

/** The diff from `before` to `after`, both `{path: text}`. */
const diff = (before: Record<string, string>, after: Record<string, string>): string =>
  diffFiles(textFiles(before), textFiles(after))

describe('buildSuggestions', () => {
  // The pull request changed lines 2 and 30 of a.txt (so lines 1-5 and 27-33 are shown) and added b.txt.
  const base = { 'a.txt': lines(40) }
  const head = { 'a.txt': lines(40, { 2: 'BAD 2', 30: 'BAD 30' }), 'b.txt': 'new BAD\n' }
  const pr = diff(base, head)

  it('makes one suggestion per hunk on lines the pull request shows, a range for several lines', () => {
    const fix = diff(head, { ...head, 'a.txt': lines(40, { 2: 'good 2', 3: 'good 3', 30: 'good 30' }) })
    const result = buildSuggestions(fix, pr)
    expect(result.asDiff).toBe('')
    expect(result.comments).toEqual([
      { path: 'a.txt', startLine: 2, line: 3, body: '```suggestion\ngood 2\ngood 3\n```' },
      { path: 'a.txt', line: 30, body: '```suggestion\ngood 30\n```' }
    ])
  })

  it('suggests an insertion with the line before it, and a deletion as an empty suggestion', () => {
    const inserted = lines(40, { 2: 'BAD 2\nadded', 30: 'BAD 30' })
    expect(buildSuggestions(diff(head, { ...head, 'a.txt': inserted }), pr).comments).toEqual([
      { path: 'a.txt', line: 2, body: '```suggestion\nBAD 2\nadded\n```' }
    ])
    const deleted = head['a.txt'].replace('BAD 30\n', '')
    expect(buildSuggestions(diff(head, { ...head, 'a.txt': deleted }), pr).comments).toEqual([
      { path: 'a.txt', line: 30, body: '```suggestion\n```' }
    ])
  })

  it('gives as a diff a hunk on lines the pull request does not show, and new files', () => {
    const fix = diff(head, {
      ...head,
      'a.txt': lines(40, { 2: 'good 2', 15: 'far', 30: 'BAD 30' }),
      'c.txt': 'new\n'
    })
    const result = buildSuggestions(fix, pr)
    expect(result.comments).toEqual([{ path: 'a.txt', line: 2, body: '```suggestion\ngood 2\n```' }])
    expect(result.asDiffCount).toBe(2)
    expect(result.asDiff).toContain('--- a/a.txt\n+++ b/a.txt\n@@ -12,7 +12,7 @@')
    expect(result.asDiff).toContain('-line 15\n+far\n')
    expect(result.asDiff).toContain('diff --git a/c.txt b/c.txt\nnew file mode 100644')
  })

  it('gives as a diff a hunk whose lines differ in the pull request (the checkout is not its head)', () => {
    const checkout = { ...head, 'a.txt': lines(40, { 2: 'other 2', 30: 'BAD 30' }) }
    const result = buildSuggestions(
      diff(checkout, { ...checkout, 'a.txt': lines(40, { 2: 'good 2', 30: 'BAD 30' }) }),
      pr
    )
    expect(result.comments).toEqual([])
    expect(result.asDiffCount).toBe(1)
  })

  it('fences a replacement holding backticks with a longer fence', () => {
    const fix = diff(head, { ...head, 'b.txt': 'new ```good```\n' })
    expect(buildSuggestions(fix, pr).comments).toEqual([
      { path: 'b.txt', line: 1, body: '````suggestion\nnew ```good```\n````' }
    ])
  })
})

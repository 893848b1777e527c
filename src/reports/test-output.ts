/**
 * Failed tests read from a test runner's plain output, when it wrote no report: Jest's `●` blocks, Vitest's
 * `FAIL file > suite > test` blocks, Mocha's numbered failures, node:test's spec reporter (`✖ failing tests:`),
 * pytest's short summary (`FAILED file::test - message`) and Go's `--- FAIL: TestName`. Each reader recognises only
 * its own shapes, so running all of them over one output is safe.
 */
import type { FailedTest } from '../adapters/execution.js'
import {
  escapeRegExp,
  firstLines,
  lineInFile,
  positiveInt,
  stripAnsi,
  toRepoPath,
  type PathContext
} from './text.js'

type Reader = (lines: string[], context?: PathContext) => FailedTest[]

/** Reads failed tests from plain output (stdout and stderr together); empty when no known shape is found. */
export function parseTestOutput(output: string, context?: PathContext): FailedTest[] {
  const lines = stripAnsi(output).replace(/\r\n?/g, '\n').split('\n')
  const readers: Reader[] = [readJest, readVitest, readMocha, readNodeSpec, readPytest, readGo]
  const found: FailedTest[] = []
  const seen = new Set<string>()
  for (const reader of readers) {
    for (const test of reader(lines, context)) {
      const key = `${test.file ?? ''}\0${test.name}`
      if (seen.has(key)) continue
      seen.add(key)
      found.push(test)
    }
  }
  return found
}

// Headers are read without regular expressions that backtrack over runs of spaces: a long line of output must
// cost linear time, not quadratic.

/** What follows `FAIL ` on a line (trimmed), or undefined when the line is not a FAIL line. */
function afterFail(line: string): string | undefined {
  const match = /^\s*FAIL\s/.exec(line)
  if (!match) return undefined
  const rest = line.slice(match[0].length).trim()
  return rest === '' ? undefined : rest
}

/** A Jest header without its trailing duration: `src/a.test.ts (5.2 s)` → `src/a.test.ts`. */
function withoutDuration(header: string): string {
  const duration = /\(\d[\d.]* ?m?s\)$/.exec(header)
  return duration && duration.index > 0 ? header.slice(0, duration.index).trimEnd() : header
}

/** Splits at `>` with whitespace on both sides (Vitest's `file > suite > test`); other `>` belong to the names. */
function splitOnArrows(text: string): string[] {
  const pieces = text.split('>')
  const parts: string[] = []
  let current = pieces[0]
  for (const piece of pieces.slice(1)) {
    if (current !== current.trimEnd() && piece !== piece.trimStart()) {
      parts.push(current.trim())
      current = piece
    } else current += `>${piece}`
  }
  parts.push(current.trim())
  return parts
}

/** Jest: `FAIL path` headers, then `  ● suite › test` blocks (and `● Test suite failed to run`). */
function readJest(lines: string[], context?: PathContext): FailedTest[] {
  const found: FailedTest[] = []
  let file: string | undefined
  for (let index = 0; index < lines.length; index++) {
    const header = afterFail(lines[index])
    if (header && !header.includes(' > ')) {
      file = toRepoPath(withoutDuration(header), context)
      continue
    }
    if (/^\s*(PASS|Test Suites:)\s/.test(lines[index])) file = undefined
    const bullet = /^\s*● (.+)$/.exec(lines[index])
    if (!bullet || !file || /^Console$/.test(bullet[1].trim())) continue
    const body: string[] = []
    let cursor = index + 1
    while (
      cursor < lines.length &&
      !/^\s*● /.test(lines[cursor]) &&
      !/^\s*(FAIL|PASS|Test Suites:)\s/.test(lines[cursor])
    ) {
      body.push(lines[cursor++])
    }
    index = cursor - 1
    const text = body.join('\n')
    const suiteFailed = bullet[1].trim() === 'Test suite failed to run'
    const test: FailedTest = {
      name: suiteFailed ? file : bullet[1].trim(),
      file,
      message: firstLines(
        text.replace(/^\s*at .*$/gm, '').replace(/^\s*[>\s]\s*\d+ \|.*$|^\s+\|.*$/gm, ''),
        12
      )
    }
    const line = lineInFile(text, file) ?? positiveInt(/^\s*>\s*(\d+) \|/m.exec(text)?.[1])
    if (line) test.line = line
    found.push(test)
  }
  return found
}

/** Vitest: ` FAIL  file > suite > test` blocks after the `Failed Tests` rule, with ` ❯ file:line:col`. */
function readVitest(lines: string[], context?: PathContext): FailedTest[] {
  const found: FailedTest[] = []
  for (let index = 0; index < lines.length; index++) {
    const names = splitOnArrows(afterFail(lines[index]) ?? '')
    if (names.length < 2 || names.some(name => name === '')) continue
    const header = [names[0], names.slice(1).join(' > ')]
    const file = toRepoPath(header[0], context)
    const body: string[] = []
    let cursor = index + 1
    while (cursor < lines.length && !/^\s*FAIL\s/.test(lines[cursor]) && !/⎯{3,}/.test(lines[cursor])) {
      body.push(lines[cursor++])
    }
    index = cursor - 1
    const text = body.join('\n')
    const location = new RegExp(`❯\\s+${escapeRegExp(header[0])}:(\\d+)`).exec(text)
    const test: FailedTest = {
      name: names.slice(1).join(' › '),
      file,
      message: firstLines(text.split(/^\s*❯/m)[0], 12)
    }
    const line = positiveInt(location?.[1]) ?? lineInFile(text, file)
    if (line) test.line = line
    found.push(test)
  }
  return found
}

/** Mocha's spec reporter: after `N failing`, blocks `  1) suite` + indented title lines ending in `:`. */
function readMocha(lines: string[], context?: PathContext): FailedTest[] {
  const start = lines.findIndex(line => /^\s*\d+ failing\s*$/.test(line))
  if (start < 0) return []
  const found: FailedTest[] = []
  for (let index = start + 1; index < lines.length; index++) {
    const first = /^\s*(\d+)\) (.+)$/.exec(lines[index])
    if (!first) continue
    const titles = [first[2].trim()]
    let cursor = index + 1
    // Title lines follow, each further indented; the last one ends with a colon.
    if (!titles[0].endsWith(':')) {
      while (cursor < lines.length && lines[cursor].trim() !== '' && !/^\s*\d+\) /.test(lines[cursor])) {
        const title = lines[cursor++].trim()
        titles.push(title)
        if (title.endsWith(':')) break
      }
    }
    const body: string[] = []
    while (cursor < lines.length && !/^\s*\d+\) /.test(lines[cursor])) body.push(lines[cursor++])
    index = cursor - 1
    const text = body.join('\n')
    const frame = /\((?!node:)([^()\s]+?):(\d+):\d+\)/.exec(text)
    const test: FailedTest = {
      name: titles.map(title => title.replace(/:$/, '')).join(' › '),
      message: firstLines(text.replace(/^\s*at .*$/gm, ''), 12)
    }
    if (frame && !frame[1].includes('node_modules')) {
      test.file = toRepoPath(frame[1], context)
      test.line = Number(frame[2])
    }
    found.push(test)
  }
  return found
}

/** node:test's spec reporter: after `✖ failing tests:`, `test at file:line:col` then `✖ name (time)`. */
function readNodeSpec(lines: string[], context?: PathContext): FailedTest[] {
  const start = lines.findIndex(line => /^\s*✖ failing tests:\s*$/.test(line))
  if (start < 0) return []
  const found: FailedTest[] = []
  for (let index = start + 1; index < lines.length; index++) {
    const at = /^\s*test at (.+?):(\d+):\d+\s*$/.exec(lines[index])
    const cross = /^\s*✖ (.+?)(?: \([\d.]+m?s\))?\s*$/.exec(lines[at ? index + 1 : index])
    if (!cross) continue
    if (at) index++
    const body: string[] = []
    let cursor = index + 1
    while (cursor < lines.length && !/^\s*test at /.test(lines[cursor]) && !/^\s*✖ /.test(lines[cursor])) {
      body.push(lines[cursor++])
    }
    index = cursor - 1
    const test: FailedTest = {
      name: cross[1],
      message: firstLines(
        body
          .join('\n')
          .replace(/^\s*at .*$/gm, '')
          .replace(/\{[\s\S]*$/, ''),
        12
      )
    }
    if (at) {
      test.file = toRepoPath(at[1], context)
      test.line = Number(at[2])
    }
    found.push(test)
  }
  return found
}

/** pytest: `FAILED path::test - message` (and `ERROR …`) summary lines; the line from the test's section. */
function readPytest(lines: string[], context?: PathContext): FailedTest[] {
  const found: FailedTest[] = []
  for (const text of lines) {
    const match = /^(FAILED|ERROR) (\S+?\.py)::(\S+)(?: - (.*))?$/.exec(text.trim())
    if (!match) continue
    const [, , path, id, message] = match
    const test: FailedTest = { name: id, file: toRepoPath(path, context), message: (message ?? '').trim() }
    const line = pytestLine(lines, path, id)
    if (line) test.line = line
    found.push(test)
  }
  return found
}

/** The `path:line: Error` line inside the `____ test_name ____` section of a pytest failure. */
function pytestLine(lines: string[], path: string, id: string): number | undefined {
  const title = id.replace(/::/g, '.')
  const start = lines.findIndex(line => new RegExp(`^_{3,} ${escapeRegExp(title)} _{3,}$`).test(line.trim()))
  if (start < 0) return undefined
  let line: number | undefined
  for (
    let index = start + 1;
    index < lines.length && !/^_{3,} .* _{3,}$|^={3,}/.test(lines[index].trim());
    index++
  ) {
    const match = new RegExp(`^${escapeRegExp(path)}:(\\d+): `).exec(lines[index])
    if (match) line = Number(match[1])
  }
  return line
}

/** go test: `--- FAIL: TestName (0.00s)` followed by indented `file_test.go:12: message` lines. */
function readGo(lines: string[], context?: PathContext): FailedTest[] {
  const found: FailedTest[] = []
  for (let index = 0; index < lines.length; index++) {
    const match = /^(\s*)--- FAIL: (\S+)(?: \([\d.]+s\))?/.exec(lines[index])
    if (!match) continue
    const indent = match[1].length
    const body: string[] = []
    let cursor = index + 1
    while (
      cursor < lines.length &&
      /^\s/.test(lines[cursor]) &&
      !/^\s*--- (FAIL|PASS|SKIP):/.test(lines[cursor]) &&
      lines[cursor].length - lines[cursor].trimStart().length > indent
    ) {
      body.push(lines[cursor++].trim())
    }
    if (body.length === 0) body.push(...verboseLog(lines, index, match[2]))
    const test: FailedTest = { name: match[2], message: firstLines(body.join('\n'), 12) }
    const location = /^(\S+?\.go):(\d+):/.exec(body[0] ?? '')
    if (location) {
      test.file = toRepoPath(location[1], context)
      test.line = Number(location[2])
    }
    found.push(test)
  }
  // A parent test fails because a subtest did: keep only the leaves.
  return found.filter(test => !found.some(other => other.name.startsWith(`${test.name}/`)))
}

/** With `go test -v` a test's log comes before its `--- FAIL` line: after its `=== RUN` (or `=== CONT`). */
function verboseLog(lines: string[], failIndex: number, name: string): string[] {
  const log: string[] = []
  for (let index = failIndex - 1; index >= 0; index--) {
    const line = lines[index]
    if (line.trim() === `=== RUN   ${name}` || line.trim() === `=== CONT  ${name}`) return log
    if (/^\s*(=== (RUN|CONT|PAUSE)|--- (FAIL|PASS|SKIP):)/.test(line)) {
      log.length = 0
      continue
    }
    if (/^\s+\S/.test(line)) log.unshift(line.trim())
  }
  return []
}

/**
 * TAP (Test Anything Protocol, versions 12–14), as printed by node:test's `tap` reporter, node-tap, tape, bats
 * (`--tap`) and prove: test points `ok N - name` / `not ok N - name`, `# SKIP` / `# TODO` directives, indented
 * subtests (a parent's result follows its children's), and YAML diagnostics between `---` and `...`.
 */
import type { FailedTest } from '../adapters/execution.js'
import type { ParsedTests } from './junit.js'
import { firstLines, lineInFile, positiveInt, stripAnsi, toRepoPath, type PathContext } from './text.js'

type YamlLoad = (typeof import('js-yaml'))['load']

const POINT = /^(\s*)(not ok|ok)\b\s*(\d+)?\s*(?:-\s*)?(.*)$/
const SUBTEST = /^(\s*)# Subtest: (.*)$/
const PLAN = /^\s*1\.\.\d+/

interface Point {
  indent: number
  ok: boolean
  name: string
  directive?: 'skip' | 'todo'
  ancestors: string[]
  hasChildren: boolean
  diagnostics?: string
  plain?: string
}

/** Whether a text is TAP output: a version line, or a plan next to at least one test point. */
export function looksLikeTap(text: string): boolean {
  const clean = stripAnsi(text)
  if (/^\s*TAP version \d+\s*$/m.test(clean)) return true
  return /^\s*1\.\.\d+\s*$/m.test(clean) && /^\s*(?:not )?ok\b/m.test(clean)
}

/** Parses TAP output; only leaf tests count (a parent that failed because a subtest did is not listed again). */
export async function parseTap(text: string, context?: PathContext): Promise<ParsedTests> {
  const lines = stripAnsi(text).replace(/\r\n/g, '\n').split('\n')
  const points: Point[] = []
  const subtests: { indent: number; name: string }[] = []
  // For each indentation, whether a deeper test point appeared since the last point at that indentation.
  const deeperSeen = new Map<number, boolean>()
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]
    const subtest = SUBTEST.exec(line)
    if (subtest) {
      const indent = subtest[1].length
      while (subtests.length > 0 && subtests[subtests.length - 1].indent >= indent) subtests.pop()
      subtests.push({ indent, name: subtest[2].trim() })
      continue
    }
    const match = POINT.exec(line)
    if (!match || PLAN.test(line)) continue
    const indent = match[1].length
    let description = match[4]
    let directive: Point['directive']
    const directiveMatch = /\s*(?<!\\)#\s*(SKIP|TODO)\b.*$/i.exec(description)
    if (directiveMatch) {
      directive = directiveMatch[1].toLowerCase() as 'skip' | 'todo'
      description = description.slice(0, directiveMatch.index)
    } else {
      description = description.replace(/\s*(?<!\\)#\s.*$/, '')
    }
    const point: Point = {
      indent,
      ok: match[2] === 'ok',
      name: description.replace(/\\#/g, '#').trim() || `test ${match[3] ?? points.length + 1}`,
      directive,
      ancestors: subtests.filter(entry => entry.indent < indent).map(entry => entry.name),
      hasChildren: deeperSeen.get(indent) === true
    }
    deeperSeen.set(indent, false)
    for (let level = 0; level < indent; level++) deeperSeen.set(level, true)
    // The test's own `# Subtest:` header (same indentation) is closed by its result.
    while (subtests.length > 0 && subtests[subtests.length - 1].indent >= indent) subtests.pop()
    // A YAML block follows on the next lines, indented deeper: `---` … `...`.
    if (index + 1 < lines.length && /^\s*---\s*$/.test(lines[index + 1])) {
      const body: string[] = []
      let cursor = index + 2
      while (cursor < lines.length && !/^\s*\.\.\.\s*$/.test(lines[cursor])) body.push(lines[cursor++])
      point.diagnostics = dedent(body).join('\n')
      index = cursor
    } else if (point.ok === false) {
      // Reporters without YAML (mocha's `tap`) print the error as plain lines indented under the test point.
      const body: string[] = []
      let cursor = index + 1
      while (
        cursor < lines.length &&
        (lines[cursor].trim() === '' || lines[cursor].length - lines[cursor].trimStart().length > indent) &&
        !POINT.test(lines[cursor]) &&
        !SUBTEST.test(lines[cursor]) &&
        !/^\s*#/.test(lines[cursor])
      ) {
        body.push(lines[cursor++])
      }
      if (body.some(line => line.trim() !== '')) {
        point.plain = body.join('\n')
        index = cursor - 1
      }
    }
    points.push(point)
  }
  const result: ParsedTests = { failedTests: [], counts: { total: 0, failed: 0, skipped: 0 } }
  // The YAML reader is loaded only for diagnostics of a failed test.
  const yaml = points.some(p => !p.ok && p.diagnostics) ? (await import('js-yaml')).load : undefined
  for (const point of points) {
    if (point.hasChildren) continue
    result.counts.total++
    if (point.directive === 'skip') {
      result.counts.skipped++
      continue
    }
    if (point.ok || point.directive === 'todo') continue
    result.counts.failed++
    result.failedTests.push(toFailedTest(point, yaml, context))
  }
  return result
}

function toFailedTest(point: Point, load: YamlLoad | undefined, context?: PathContext): FailedTest {
  const failed: FailedTest = { name: [...point.ancestors, point.name].join(' › '), message: '' }
  if (point.plain) {
    failed.message = firstLines(point.plain, 12)
    const frame = /\((?!node:)([^()\s]+?):(\d+):\d+\)/.exec(point.plain)
    if (frame && !frame[1].includes('node_modules')) {
      failed.file = toRepoPath(frame[1], context)
      failed.line = Number(frame[2])
    }
  }
  if (!point.diagnostics || !load) return failed
  let data: Record<string, unknown> = {}
  try {
    const loaded = load(point.diagnostics)
    if (loaded && typeof loaded === 'object') data = loaded as Record<string, unknown>
  } catch {
    failed.message = firstLines(point.diagnostics)
    return failed
  }
  const message = [data.message, data.error, data.msg].find(
    value => typeof value === 'string' && value.trim()
  )
  const errorObject =
    data.error && typeof data.error === 'object' ? (data.error as Record<string, unknown>) : undefined
  failed.message = firstLines(
    typeof message === 'string'
      ? message
      : typeof errorObject?.message === 'string'
        ? errorObject.message
        : ''
  )
  const location = readLocation(data.at ?? data.location ?? data.file)
  if (location.file) failed.file = toRepoPath(location.file, context)
  const line = location.line ?? positiveInt(data.line) ?? lineInFile(String(data.stack ?? ''), failed.file)
  if (line) failed.line = line
  if (!failed.message && typeof data.stack === 'string') failed.message = firstLines(data.stack, 5)
  return failed
}

/** `'path:line:col'`, `{ file, line }` or `{ fileName, lineNumber }`. */
function readLocation(value: unknown): { file?: string; line?: number } {
  if (typeof value === 'string') {
    const match = /^(.*?):(\d+)(?::\d+)?$/.exec(value.trim())
    return match ? { file: match[1], line: positiveInt(match[2]) } : { file: value.trim() || undefined }
  }
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>
    const file = [object.file, object.fileName, object.filename].find(item => typeof item === 'string')
    return { file: file as string | undefined, line: positiveInt(object.line ?? object.lineNumber) }
  }
  return {}
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter(line => line.trim()).map(line => /^\s*/.exec(line)?.[0].length ?? 0)
  const cut = indents.length ? Math.min(...indents) : 0
  return lines.map(line => line.slice(cut))
}

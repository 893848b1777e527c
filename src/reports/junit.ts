/**
 * JUnit XML, as written by jest-junit, vitest, mocha-junit-reporter, pytest `--junitxml`, go-junit-report,
 * node:test's `junit` reporter, Maven Surefire and most CI tools: `<testsuites>`/`<testsuite>` (possibly nested)
 * holding `<testcase>` elements whose `<failure>`/`<error>` children mark failed tests and `<skipped>` skipped ones.
 */
import type { XMLParser } from 'fast-xml-parser'
import type { FailedTest } from '../adapters/execution.js'
import { InvalidInputError } from '../errors.js'
import { escapeRegExp, firstLines, lineInFile, positiveInt, toRepoPath, type PathContext } from './text.js'

/** What a test report yields. */
export interface ParsedTests {
  /** Failed tests, in report order. */
  failedTests: FailedTest[]
  /** Counts of test cases. */
  counts: { total: number; failed: number; skipped: number }
}

type XmlNode = Record<string, unknown>

// The XML parser is loaded with the first report that needs it: most checks print none.
let parser: Promise<XMLParser> | undefined
function xmlParser(): Promise<XMLParser> {
  parser ??= import('fast-xml-parser').then(
    ({ XMLParser }) =>
      new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '@_',
        textNodeName: '#text',
        parseAttributeValue: false,
        parseTagValue: false,
        trimValues: false,
        processEntities: true,
        htmlEntities: true,
        isArray: name => ['testsuite', 'testcase', 'failure', 'error', 'skipped', 'testsuites'].includes(name)
      })
  )
  return parser
}

/** Whether a text looks like a JUnit XML document. */
export function looksLikeJUnit(text: string): boolean {
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(testsuites|testsuite)[\s>]/.test(text)
}

/** Parses a JUnit XML report; InvalidInputError when it is not one. */
export async function parseJUnit(xml: string, context?: PathContext): Promise<ParsedTests> {
  const parser = await xmlParser()
  let document: XmlNode
  try {
    document = parser.parse(xml, true) as XmlNode
  } catch (error) {
    throw new InvalidInputError(`The JUnit report is not well-formed XML: ${(error as Error).message}`)
  }
  const roots = [...asArray(document.testsuites), ...asArray(document.testsuite)]
  if (roots.length === 0)
    throw new InvalidInputError('The JUnit report has no <testsuites> or <testsuite> element.')
  const result: ParsedTests = { failedTests: [], counts: { total: 0, failed: 0, skipped: 0 } }
  for (const root of roots) visitSuite(root, undefined, result, context)
  return result
}

function visitSuite(
  suite: XmlNode,
  inheritedFile: string | undefined,
  result: ParsedTests,
  context?: PathContext
): void {
  const file = attribute(suite, 'file') ?? attribute(suite, 'filepath') ?? inheritedFile
  for (const nested of [...asArray(suite.testsuite), ...asArray(suite.testsuites)])
    visitSuite(nested, file, result, context)
  for (const testcase of asArray(suite.testcase)) {
    result.counts.total++
    const problems = [...listOf(testcase.failure), ...listOf(testcase.error)]
    if (problems.length === 0) {
      if (testcase.skipped !== undefined) result.counts.skipped++
      continue
    }
    result.counts.failed++
    const name = attribute(testcase, 'name') ?? '(unnamed test)'
    const classname = attribute(testcase, 'classname')
    const details = problems.map(describeProblem).filter(Boolean).join('\n\n')
    const caseFile =
      attribute(testcase, 'file') ??
      attribute(testcase, 'filepath') ??
      file ??
      pathLike(classname) ??
      moduleFile(classname, details)
    const repoFile = caseFile ? toRepoPath(caseFile, context) : undefined
    const failed: FailedTest = { name: fullName(classname, name, caseFile), message: firstLines(details) }
    if (repoFile) failed.file = repoFile
    const line = positiveInt(attribute(testcase, 'line')) ?? lineInFile(details, repoFile)
    if (line) failed.line = line
    result.failedTests.push(failed)
  }
}

/** `classname › name`, unless the class name is a file path or is already part of the name. */
function fullName(classname: string | undefined, name: string, file: string | undefined): string {
  // node:test's JUnit reporter gives top-level tests the class name `test`: no suite to name.
  if (
    !classname ||
    classname === 'test' ||
    classname === file ||
    pathLike(classname) ||
    name.includes(classname)
  ) {
    return name
  }
  return `${classname} › ${name}`
}

function describeProblem(problem: unknown): string {
  if (typeof problem === 'string') return problem.trim()
  if (!problem || typeof problem !== 'object') return ''
  const node = problem as XmlNode
  const message = attribute(node, 'message')?.trim() ?? ''
  const body = typeof node['#text'] === 'string' ? node['#text'].trim() : ''
  if (!message) return body
  if (!body || body.includes(message)) return body || message
  return `${message}\n${body}`
}

function attribute(node: XmlNode, name: string): string | undefined {
  const value = node[`@_${name}`]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/**
 * The file of a dotted class name (pytest's `tests.test_math.TestStrings`) when the failure text mentions it as
 * `tests/test_math.py:7`: the longest prefix of the name, as a path, that appears with a line number.
 */
function moduleFile(classname: string | undefined, details: string): string | undefined {
  if (!classname || !classname.includes('.')) return undefined
  const parts = classname.split('.')
  for (let length = parts.length; length > 0; length--) {
    const stem = parts.slice(0, length).join('/')
    const match = new RegExp(`(?:^|[\\s(])(${escapeRegExp(stem)}\\.[A-Za-z0-9]+):\\d+`, 'm').exec(details)
    if (match) return match[1]
  }
  return undefined
}

function pathLike(value: string | undefined): string | undefined {
  return value && /[/\\]/.test(value) && /\.[A-Za-z0-9]+$/.test(value) ? value : undefined
}

/** The items of a repeated element as parsed: a string for text-only elements, an object otherwise. */
function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

function asArray(value: unknown): XmlNode[] {
  if (value === undefined || value === null) return []
  const list = Array.isArray(value) ? value : [value]
  return list.map(item => (item && typeof item === 'object' ? (item as XmlNode) : {}))
}

/**
 * Check-run annotations the way a runner produces them: from workflow commands a step prints
 * (`::error file=F,line=L,title=T::message`) and from JUnit XML reports a test step writes (the role test
 * reporters play on GitHub), plus the "Process completed with exit code N." annotation of a failed step.
 */
import { XMLParser } from 'fast-xml-parser'

/** An annotation, in the fields of GitHub's `check-annotation` schema (minus `blob_href`, added when served). */
export interface Annotation {
  /** Repository-relative path, or `.github` for a job-level annotation. */
  path: string
  /** First line (1 when unknown). */
  start_line: number
  /** Last line. */
  end_line: number
  /** Column, when known. */
  start_column: number | null
  /** Column, when known. */
  end_column: number | null
  /** `failure`, `warning` or `notice`. */
  annotation_level: 'failure' | 'warning' | 'notice'
  /** Title (a test's name, a rule). */
  title: string | null
  /** Message. */
  message: string
  /** Extra detail (a stack trace). */
  raw_details: string | null
}

const COMMAND = /^::(error|warning|notice)(?:\s+([^:]*))?::(.*)$/

/** Reads one output line as a workflow command; returns the annotation and the line the log shows, or undefined. */
export function parseWorkflowCommand(line: string): { annotation: Annotation; logLine: string } | undefined {
  const match = COMMAND.exec(line.trimEnd())
  if (!match) return undefined
  const [, level, rawProperties, rawMessage] = match
  const properties: Record<string, string> = {}
  for (const pair of (rawProperties ?? '').split(',')) {
    const at = pair.indexOf('=')
    if (at > 0) properties[pair.slice(0, at).trim()] = unescapeProperty(pair.slice(at + 1))
  }
  const message = unescapeData(rawMessage)
  const startLine = positiveInt(properties.line) ?? 1
  return {
    annotation: {
      path: properties.file ? properties.file.replace(/\\/g, '/').replace(/^\.\//, '') : '.github',
      start_line: startLine,
      end_line: positiveInt(properties.endLine) ?? startLine,
      start_column: positiveInt(properties.col) ?? null,
      end_column: positiveInt(properties.endColumn) ?? null,
      annotation_level: level === 'error' ? 'failure' : level === 'warning' ? 'warning' : 'notice',
      title: properties.title ?? null,
      message,
      raw_details: null
    },
    logLine: `##[${level}]${message}`
  }
}

/** The annotation GitHub adds when a step exits non-zero. */
export function exitCodeAnnotation(exitCode: number): Annotation {
  return {
    path: '.github',
    start_line: 1,
    end_line: 1,
    start_column: null,
    end_column: null,
    annotation_level: 'failure',
    title: '',
    message: `Process completed with exit code ${exitCode}.`,
    raw_details: null
  }
}

/**
 * Annotations for the failed test cases of a JUnit XML report (`<testsuites>` or `<testsuite>` at the top).
 * The path comes from the case's `file` attribute, else from a `path:line` found in the failure text, else the
 * report itself; an unreadable report yields no annotations.
 */
export function junitAnnotations(xml: string, reportPath: string): Annotation[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    textNodeName: '#text',
    isArray: name => ['testsuite', 'testcase', 'failure', 'error'].includes(name)
  })
  let doc: Record<string, unknown>
  try {
    doc = parser.parse(xml) as Record<string, unknown>
  } catch {
    return []
  }
  const suites: Record<string, unknown>[] = []
  const collect = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    const record = node as Record<string, unknown>
    for (const suite of asArray(record.testsuite)) {
      suites.push(suite as Record<string, unknown>)
      collect(suite)
    }
  }
  collect(doc)
  collect(doc.testsuites)
  const annotations: Annotation[] = []
  for (const suite of suites) {
    for (const testcase of asArray(suite.testcase) as Record<string, unknown>[]) {
      const failures = [...asArray(testcase.failure), ...asArray(testcase.error)]
      if (failures.length === 0) continue
      const failure = failures[0]
      const text =
        typeof failure === 'string' ? failure : String((failure as Record<string, unknown>)['#text'] ?? '')
      const attributeMessage =
        typeof failure === 'object' && failure
          ? String((failure as Record<string, unknown>).message ?? '')
          : ''
      const message = (attributeMessage || text.split('\n').find(line => line.trim()) || 'Test failed').trim()
      const location = locate(testcase, suite, text, reportPath)
      const className = String(testcase.classname ?? suite.name ?? '')
      const name = String(testcase.name ?? 'unnamed test')
      annotations.push({
        path: location.path,
        start_line: location.line,
        end_line: location.line,
        start_column: null,
        end_column: null,
        annotation_level: 'failure',
        title: className && className !== name ? `${className} › ${name}` : name,
        message: message.slice(0, 64 * 1024),
        raw_details: text ? text.slice(0, 64 * 1024) : null
      })
    }
  }
  return annotations
}

function locate(
  testcase: Record<string, unknown>,
  suite: Record<string, unknown>,
  text: string,
  reportPath: string
): { path: string; line: number } {
  const file = testcase.file ?? suite.file
  const line = positiveInt(String(testcase.line ?? '')) ?? 1
  if (typeof file === 'string' && file) return { path: relative(file), line }
  const found = /((?:[\w@.-]+\/)*[\w@.-]+\.[cm]?[jt]sx?|[\w/.-]+\.(?:py|go|rb|java|rs)):(\d+)/.exec(text)
  if (found) return { path: relative(found[1]), line: Number(found[2]) }
  return { path: reportPath, line }
}

function relative(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '')
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

function positiveInt(value: string | undefined): number | undefined {
  const number = Number(value)
  return Number.isInteger(number) && number > 0 ? number : undefined
}

// Workflow commands escape `%`, CR and LF in data, and also `:` and `,` in properties.
function unescapeData(value: string): string {
  return value.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
}

function unescapeProperty(value: string): string {
  return unescapeData(value).replace(/%3A/gi, ':').replace(/%2C/gi, ',')
}

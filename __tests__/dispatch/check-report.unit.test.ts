import { describe, expect, it } from '@jest/globals'
import {
  capOutput,
  formatCheckRecord,
  parseCheckInputs,
  parseCheckRecord,
  toCheckRecord,
  type CheckRecord
} from '../../src/commands/check-report.js'
import { InvalidInputError } from '../../src/errors.js'

const stamp = (line: string) => `2026-01-01T00:00:00.0000000Z ${line}`

describe('the check record in the job log', () => {
  const record: CheckRecord = toCheckRecord('sh-abc', 'test', {
    exitCode: 1,
    stdout: 'line one\nline "two" \u2028 with a separator\n',
    stderr: 'err\n',
    durationMs: 12.4,
    timedOut: false,
    passed: false,
    source: 'junit',
    failedTests: [{ name: 'a › b', file: 'test/a.js', line: 3, message: 'boom' }],
    counts: { total: 2, failed: 1, skipped: 0 }
  })

  it('round-trips through timestamped log lines', () => {
    const lines = formatCheckRecord(record)
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toContain('\u2028')
    const log = ['noise', ...lines.map(stamp), 'more noise'].join('\n')
    expect(parseCheckRecord(log, 'sh-abc')).toEqual({ ...record, durationMs: 12 })
    expect(parseCheckRecord(log, 'sh-other')).toBeUndefined()
  })

  it('splits a large record over several lines and reassembles it', () => {
    const big = { ...record, stdout: 'x'.repeat(30_000) + ' ' }
    const lines = formatCheckRecord(big)
    expect(lines.length).toBeGreaterThan(3)
    expect(lines.every(line => line.length < 8300 && line.endsWith('|'))).toBe(true)
    expect(parseCheckRecord(lines.map(stamp).join('\r\n'), 'sh-abc')?.stdout).toBe(big.stdout)
  })

  it('ignores an incomplete or damaged record, and takes the last complete one', () => {
    const lines = formatCheckRecord({ ...record, stdout: 'y'.repeat(20_000) })
    expect(parseCheckRecord(lines.slice(0, -1).join('\n'), 'sh-abc')).toBeUndefined()
    const damaged = lines.map(line => line.replace('"version":1', '"version":1,,'))
    expect(parseCheckRecord(damaged.join('\n'), 'sh-abc')).toBeUndefined()
    const later = formatCheckRecord({ ...record, exitCode: 0 })
    expect(parseCheckRecord([...formatCheckRecord(record), ...later].join('\n'), 'sh-abc')?.exitCode).toBe(0)
  })

  it('caps output keeping head and tail', () => {
    const capped = capOutput('a'.repeat(100) + 'b'.repeat(100), 50)
    expect(capped.startsWith('a'.repeat(25))).toBe(true)
    expect(capped.endsWith('b'.repeat(25))).toBe(true)
    expect(capped).toContain('150 characters omitted')
  })

  it('refuses a correlation id that could break a log line', () => {
    expect(() => formatCheckRecord({ ...record, correlationId: 'a b' })).toThrow(InvalidInputError)
  })
})

describe('the runner workflow inputs', () => {
  it('validates them with messages naming the input', () => {
    const ok = parseCheckInputs({
      argv: '["node","-e","1"]',
      kind: 'lint',
      correlationId: 'sh-1',
      env: '{"A":"b"}',
      timeoutSeconds: '9'
    })
    expect(ok).toEqual({
      command: ['node', '-e', '1'],
      kind: 'lint',
      correlationId: 'sh-1',
      options: { env: { A: 'b' }, timeoutSeconds: 9 }
    })
    expect(() => parseCheckInputs({ correlationId: 'sh-1' })).toThrow(/exactly one of the inputs 'command'/)
    expect(() => parseCheckInputs({ command: 'x', argv: '["y"]', correlationId: 'sh-1' })).toThrow(
      /exactly one/
    )
    expect(() => parseCheckInputs({ argv: '[1]', correlationId: 'sh-1' })).toThrow(/'argv' must be/)
    expect(() => parseCheckInputs({ command: 'x', kind: 'deploy', correlationId: 'sh-1' })).toThrow(/'kind'/)
    expect(() => parseCheckInputs({ command: 'x', correlationId: 'a b' })).toThrow(/'correlation-id'/)
    expect(parseCheckInputs({ command: 'x', correlationId: '' }).correlationId).toBeUndefined()
    expect(() => parseCheckInputs({ command: 'x', correlationId: 'a', env: '[]' })).toThrow(/'env'/)
    expect(() => parseCheckInputs({ command: 'x', correlationId: 'a', env: '{' })).toThrow(/not valid JSON/)
    expect(() => parseCheckInputs({ command: 'x', correlationId: 'a', timeoutSeconds: '-1' })).toThrow(
      /'timeout'/
    )
  })
})

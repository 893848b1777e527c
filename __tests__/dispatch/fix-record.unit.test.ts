/** The fix operation's request and record: what travels to the runner and back through its log. */
import { describe, expect, it } from '@jest/globals'
import { formatCheckRecord, parseCheckRecord, toCheckRecord } from '../../src/commands/check-report.js'
import { InvalidInputError } from '../../src/errors.js'
import { parseFixRequest, toFixRequest } from '../../src/heal/remote-fix.js'
import { parsePolicy } from '../../src/heal/policy.js'

describe('fix request', () => {
  it('carries the runner’s part of a heal request as JSON, always as a dry run', () => {
    const policy = parsePolicy({ 'max-files': 3 })
    const wire = JSON.stringify(
      toFixRequest({
        kind: 'lint',
        check: 'npx eslint .',
        checkOptions: { timeoutSeconds: 60, env: { A: 'b' } },
        fixers: ['npx eslint --fix .'],
        policy,
        maxAttempts: 2,
        base: 'main',
        noProposal: 'a fork'
      })
    )
    expect(parseFixRequest(wire)).toEqual({
      kind: 'lint',
      check: 'npx eslint .',
      checkOptions: { timeoutSeconds: 60, env: { A: 'b' } },
      fixers: ['npx eslint --fix .'],
      policy,
      maxAttempts: 2,
      dryRun: true
    })
    expect(wire).not.toContain('a fork')
  })

  it.each([
    ['not json', /not valid JSON/],
    ['{"kind":"lint","check":"x","fixers":[1]}', /'fixers' must be an array/],
    ['{"kind":"nope","check":"x"}', /'kind' must be one of/],
    ['{"kind":"lint","check":""}', /'check' must be/],
    ['{"kind":"lint","check":"x","policy":{"maxFilez":1}}', /maxFilez/]
  ])('refuses %s', (text, message) => {
    expect(() => parseFixRequest(text)).toThrow(message)
  })

  it('refuses a bad request with InvalidInputError', () => {
    expect(() => parseFixRequest('[]')).toThrow(InvalidInputError)
  })
})

describe('fix record', () => {
  it('brings the candidate’s diff back through the log, over several lines', () => {
    const diff = `diff --git a/a.js b/a.js\n--- a/a.js\n+++ b/a.js\n@@ -1 +1 @@\n-a   \n+a\n${'x'.repeat(20_000)}`
    const record = {
      ...toCheckRecord('sh-1', 'lint', {
        exitCode: 1,
        stdout: 'a.js:1:2: trailing',
        stderr: '',
        durationMs: 5,
        timedOut: false,
        passed: false,
        source: 'output' as const,
        problems: []
      }),
      fix: {
        outcome: 'healed' as const,
        reason: 'a fix',
        root: '/w',
        attempts: [{ source: 'fixer' as const, fixer: 'f', result: 'verified' as const }],
        fix: { source: 'fixer' as const, fixers: ['f'], diff, stats: { files: 1, added: 1, removed: 1 } }
      }
    }
    const lines = formatCheckRecord(record)
    expect(lines.length).toBeGreaterThan(2)
    expect(parseCheckRecord(['noise', ...lines].join('\n'), 'sh-1')?.fix?.fix?.diff).toBe(diff)
  })
})

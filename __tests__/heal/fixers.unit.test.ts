/** The fixers a heal runs: `auto` resolved, re-runs for agents, and candidates without the files the policy refuses. */
import { describe, expect, it } from '@jest/globals'
import type { CheckResult } from '../../src/commands/check.js'
import { dropFiles, resolveFixers, retriesFor, withoutRefusedFiles } from '../../src/heal/fixers.js'
import { checkPolicy, DEFAULT_POLICY } from '../../src/heal/policy.js'
import { buildHealRequest, DEFAULT_CHECK_TIMEOUT_SECONDS } from '../../src/heal/request.js'
import type { Logger } from '../../src/log.js'

const patch = (file: string, from: string, to: string): string =>
  `diff --git a/${file} b/${file}\nindex 1111111..2222222 100644\n--- a/${file}\n+++ b/${file}\n@@ -1 +1 @@\n-${from}\n+${to}\n`

const failing: CheckResult = { exitCode: 1, stdout: '', stderr: '', durationMs: 1, timedOut: false }

function logger(): Logger & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: m => lines.push(m),
    warning: m => lines.push(`warning: ${m}`),
    debug: () => undefined
  }
}

describe('resolveFixers', () => {
  const project = {
    readFile: (path: string) =>
      path === 'package.json'
        ? JSON.stringify({ scripts: { lint: 'eslint .', 'lint:fix': 'eslint --fix .' } })
        : undefined
  }

  it('replaces an auto line by the derived fixers, logging why, and keeps the other lines in order', () => {
    const log = logger()
    const fixers = resolveFixers(
      ['auto', 'node agent.mjs'],
      'npx prettier --check src',
      failing,
      project,
      log
    )
    expect(fixers).toEqual(['npx prettier --write src', 'node agent.mjs'])
    expect(log.lines[0]).toMatch(/^fix: auto runs `npx prettier --write src`: /)
  })

  it('reads package.json for a script check', () => {
    expect(resolveFixers(['auto'], 'npm run lint', failing, project, logger())).toEqual(['npm run lint:fix'])
  })

  it('says when no fixer is known for the check, and how to give one', () => {
    const log = logger()
    expect(resolveFixers(['auto'], 'bash check.sh', failing, project, log)).toEqual([])
    expect(log.lines.join('\n')).toMatch(/warning: No fixer is known for `bash check.sh`.*`--fix`/)
  })
})

describe('retriesFor', () => {
  it('re-runs a fixer that reads the context once by default, others never, and obeys a given count', () => {
    expect(retriesFor('claude -p "$(cat "$SELF_HEAL_PROMPT")"', undefined)).toBe(1)
    expect(retriesFor('./agent.sh "$SELF_HEAL_FAILURE"', undefined)).toBe(1)
    expect(retriesFor('npx eslint --fix .', undefined)).toBe(0)
    expect(retriesFor('npx eslint --fix .', 2)).toBe(2)
    expect(retriesFor('claude -p "$(cat "$SELF_HEAL_PROMPT")"', 0)).toBe(0)
  })
})

describe('withoutRefusedFiles', () => {
  const diff = patch('eslint.config.js', 'a', 'b') + patch('src/app.js', 'x', 'y')

  it('drops the protected file and keeps the rest, which passes the policy', () => {
    const verdict = checkPolicy(diff, DEFAULT_POLICY)
    expect(verdict.ok).toBe(false)
    const partial = withoutRefusedFiles(diff, verdict.violations, DEFAULT_POLICY)
    expect(partial).toEqual({
      diff: patch('src/app.js', 'x', 'y'),
      dropped: [expect.objectContaining({ file: 'eslint.config.js', rule: 'check-config' })]
    })
  })

  it('drops a file that adds a suppression too', () => {
    const suppressing = patch('src/a.js', 'x', '// eslint-disable-next-line') + patch('src/b.js', 'x', 'y')
    const partial = withoutRefusedFiles(suppressing, checkPolicy(suppressing).violations, DEFAULT_POLICY)
    expect(partial?.dropped).toEqual([expect.objectContaining({ file: 'src/a.js', rule: 'suppression' })])
    expect(partial?.diff).toBe(patch('src/b.js', 'x', 'y'))
  })

  it('refuses the whole candidate when nothing is left, or the rest is still too big', () => {
    const only = patch('eslint.config.js', 'a', 'b')
    expect(withoutRefusedFiles(only, checkPolicy(only).violations, DEFAULT_POLICY)).toBeUndefined()
    const policy = { ...DEFAULT_POLICY, maxFiles: 1 }
    const three = diff + patch('src/other.js', 'x', 'y')
    expect(withoutRefusedFiles(three, checkPolicy(three, policy).violations, policy)).toBeUndefined()
  })

  it('keeps the rest when only dropping the file brings the candidate under the size limits', () => {
    const policy = { ...DEFAULT_POLICY, maxFiles: 1 }
    const partial = withoutRefusedFiles(diff, checkPolicy(diff, policy).violations, policy)
    expect(partial?.diff).toBe(patch('src/app.js', 'x', 'y'))
  })

  it('dropFiles keeps the sections that touch none of the files', () => {
    expect(dropFiles('not a diff\n', new Set(['x']))).toBe('')
    expect(dropFiles(diff, new Set(['nothing']))).toBe(diff)
  })
})

describe('buildHealRequest', () => {
  const name = (option: string): string => `--${option}`

  it('derives the fixers when none is given, and stops the check after half an hour by default', () => {
    const request = buildHealRequest({ check: 'npx eslint .' }, name, {})
    expect(request.fixers).toEqual(['auto'])
    expect(request.checkOptions?.timeoutSeconds).toBe(DEFAULT_CHECK_TIMEOUT_SECONDS)
    expect(DEFAULT_CHECK_TIMEOUT_SECONDS).toBe(1800)
    expect(request.verifyAlso).toEqual([])
    expect(request.fixerRetries).toBeUndefined()
  })

  it('reads verify-also and fixer-retries, and refuses a bad count naming the option', () => {
    const request = buildHealRequest(
      {
        check: 'npx eslint .',
        fix: ['npx eslint --fix .'],
        verifyAlso: ['npm test', ' '],
        fixerRetries: '2'
      },
      name,
      {}
    )
    expect(request.fixers).toEqual(['npx eslint --fix .'])
    expect(request.verifyAlso).toEqual(['npm test'])
    expect(request.fixerRetries).toBe(2)
    expect(() => buildHealRequest({ check: 'x', fixerRetries: 'many' }, name, {})).toThrow(/--fixerRetries/)
  })
})

/**
 * Formatters' check output read as problems, one per file that is not formatted. prettier-check.txt was captured
 * from Prettier 3 (this repository's); the others follow each tool's documented output (Biome, ruff, black,
 * gofmt and rustfmt were not available where they were made).
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseProblemOutput, readBuildProblems, readLintResults } from '../../src/reports/index.js'

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8')
const lint = (stdout: string, root = '/tmp/cap/x') =>
  readLintResults({ stdout, stderr: '' }, { root, cwd: root })
const notFormatted = (tool: string, ...files: string[]) =>
  files.map(file => ({ file, severity: 'error', message: `not formatted (${tool})` }))

describe('formatter check output', () => {
  it('Prettier --check: each `[warn] file`, and a syntax error with its position', () => {
    expect(lint(fixture('prettier-check.txt'))).toEqual({
      source: 'output',
      problems: [
        ...notFormatted('prettier', 'src/a.ts', 'src/b.js'),
        {
          file: 'src/c.ts',
          line: 1,
          column: 12,
          severity: 'error',
          message: 'SyntaxError: Expression expected.'
        }
      ]
    })
  })

  it('Prettier: the summary, notes and colours are not files', () => {
    const output = [
      'Checking formatting...',
      '[\x1b[33mwarn\x1b[39m] src/a b.ts',
      '[warn] Ignored unknown option { tabs: true }.',
      '[warn] jsxBracketSameLine is deprecated.',
      '[warn] Code style issues found in the above file. Run Prettier with --write to fix.'
    ].join('\n')
    expect(lint(output).problems).toEqual(notFormatted('prettier', 'src/a b.ts'))
  })

  it('Biome: each diagnostic by its header, without the decoration; lint rules keep their category', () => {
    expect(lint(fixture('biome-check.txt')).problems).toEqual([
      {
        file: 'src/b.ts',
        line: 1,
        column: 7,
        severity: 'warning',
        rule: 'lint/correctness/noUnusedVariables',
        message: 'This variable unused is unused.'
      },
      {
        file: 'src/b.ts',
        line: 3,
        column: 9,
        severity: 'error',
        rule: 'lint/suspicious/noDoubleEquals',
        message: 'Use === instead of =='
      },
      ...notFormatted('biome', 'src/a.ts'),
      {
        file: 'src/a.ts',
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'assist/source/organizeImports',
        message: 'The imports and exports are not sorted.'
      }
    ])
  })

  it('Biome: coloured headers, Windows paths, and the summary diagnostic that names no file', () => {
    const output = [
      '\x1b[1msrc\\ui\\App.tsx\x1b[0m format \x1b[2m━━━━━━━━━━━━━━━━━━━━\x1b[0m',
      '',
      '  \x1b[31m×\x1b[0m Formatter would have printed the following content:',
      '',
      'format ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
      '',
      '  × Some errors were emitted while running checks.',
      '',
      'Checked 1 file in 931µs. No fixes applied.',
      'Found 1 error.'
    ].join('\n')
    expect(lint(output).problems).toEqual(notFormatted('biome', 'src\\ui\\App.tsx'))
  })

  it('ruff format --check and black --check: the files they would reformat', () => {
    expect(lint(fixture('ruff-format.txt')).problems).toEqual(
      notFormatted('ruff format', 'src/calc/app.py', 'tests/test_app.py')
    )
    expect(lint(fixture('black-check.txt')).problems).toEqual(
      notFormatted('black', 'src/calc/app.py', 'tests/test_app.py')
    )
    expect(
      lint('would reformat /home/runner/work/calc/calc/src/app.py', '/home/runner/work/calc/calc').problems
    ).toEqual(notFormatted('black', 'src/app.py'))
  })

  it('isort --check: the files whose imports are not sorted', () => {
    const output =
      'ERROR: /tmp/cap/x/src/app.py Imports are incorrectly sorted and/or formatted.\n' + 'Skipped 2 files\n'
    expect(lint(output).problems).toEqual([
      { file: 'src/app.py', severity: 'error', message: 'imports not sorted (isort)' }
    ])
  })

  it('cargo fmt --check: each `Diff in` with its line, the diff itself skipped', () => {
    expect(lint(fixture('cargo-fmt.txt'), '/tmp/cap/rust').problems).toEqual([
      { file: 'src/main.rs', line: 1, severity: 'error', message: 'not formatted (rustfmt)' },
      { file: 'src/lib.rs', line: 3, severity: 'error', message: 'not formatted (rustfmt)' }
    ])
    // Newer rustfmt prints `file:line:`.
    expect(lint('Diff in /tmp/cap/rust/src/lib.rs:12:\n-a\n+b\n', '/tmp/cap/rust').problems).toEqual([
      { file: 'src/lib.rs', line: 12, severity: 'error', message: 'not formatted (rustfmt)' }
    ])
  })

  it('gofmt -l: an output that is only files; gofmt -d: its diff headers', () => {
    expect(lint(fixture('gofmt-l.txt')).problems).toEqual(
      notFormatted('gofmt', 'main.go', 'internal/calc/calc.go')
    )
    const diff = 'diff -u main.go.orig main.go\n--- main.go.orig\n+++ main.go\n@@ -1,3 +1,3 @@\n-x\n+y\n'
    expect(lint(diff).problems).toEqual(notFormatted('gofmt', 'main.go'))
    // `prettier -l` prints the same kind of list, for other languages.
    expect(lint('src/a.ts\nsrc/b.css\n').problems).toEqual([
      { file: 'src/a.ts', severity: 'error', message: 'listed by the check' },
      { file: 'src/b.css', severity: 'error', message: 'listed by the check' }
    ])
  })

  it('a file list mixed with anything else is not a file list', () => {
    expect(parseProblemOutput('main.go\nbuild failed\n')).toEqual([])
    expect(parseProblemOutput('Done in 2.1s.\n')).toEqual([])
  })

  it('build output gets them too', () => {
    expect(readBuildProblems({ stdout: '', stderr: fixture('ruff-format.txt') })).toHaveLength(2)
  })
})

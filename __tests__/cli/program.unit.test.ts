/** The CLI's contract, in-process through main(): usage errors, --json, help. Nothing here runs a command. */
import { describe, expect, it } from '@jest/globals'
import { main } from '../../src/cli/program.js'

async function cli(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, {
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
    env: {},
    readStdin: async () => ''
  })
  return { code, stdout, stderr }
}

/** The one JSON object a --json run printed. */
function onlyJson(stdout: string) {
  expect(stdout.endsWith('\n')).toBe(true)
  expect(stdout.trimEnd().split('\n')).toHaveLength(1)
  return JSON.parse(stdout)
}

describe('usage errors with --json', () => {
  it.each([
    [['heal', '--json'], /^required option '--check <cmd>' not specified: run 'self-heal heal --help'/],
    [['heal', '--check', 'x', '--bogus', '--json'], /^unknown option '--bogus': run 'self-heal heal --help'/],
    [['apply', '--json', '--patch', 'p'], /required option '--branch <name>' not specified/],
    [['dispatch', '--json', '--workflow', 'w', '--ref', 'main', '--wait=x'], /unknown option '--wait=x'/],
    [['env', '--environment', 'mars', '--json'], /argument 'mars' is invalid.*local, ci, cloud/],
    [['frobnicate', '--json'], /^unknown command 'frobnicate': run 'self-heal --help'/]
  ])('%j prints one UsageError object and exits 2', async (argv, message) => {
    const run = await cli(...argv)
    expect(run.code).toBe(2)
    const { error } = onlyJson(run.stdout)
    expect(error).toEqual({ type: 'UsageError', message: expect.stringMatching(message), exitCode: 2 })
    // The text is still there for a person reading stderr.
    expect(run.stderr).toMatch(/^error: /)
  })

  it('prints errors of option values as the stable type of the error raised', async () => {
    const kind = await cli('heal', '--check', 'x', '--kind', 'eslint', '--json')
    expect(kind.code).toBe(2)
    expect(onlyJson(kind.stdout).error).toEqual({
      type: 'InvalidInputError',
      message: "Unknown --kind 'eslint': use one of test, build, lint, command.",
      exitCode: 2
    })
    const reruns = await cli('heal', '--check', 'x', '--reruns', '-1', '--json')
    expect(reruns.code).toBe(2)
    expect(onlyJson(reruns.stdout).error).toMatchObject({ type: 'InvalidInputError', exitCode: 2 })
    expect(reruns.stderr).toBe("self-heal: --reruns must be a whole number of 0 or more (got '-1').\n")
  })

  it('without --json keeps stdout empty and explains on stderr', async () => {
    const run = await cli('heal', '--check', 'x', '--bogus')
    expect(run).toMatchObject({ code: 2, stdout: '' })
    expect(run.stderr).toContain("error: unknown option '--bogus'")
    expect(run.stderr).toContain("(run 'self-heal heal --help' for usage)")
    const none = await cli()
    expect(none).toMatchObject({ code: 2, stdout: '' })
    expect(none.stderr).toContain('Usage: self-heal')
    // A --json after `--` is an argument, not the option.
    expect((await cli('frobnicate', '--', '--json')).stdout).toBe('')
  })

  it('gives a UsageError for no command with --json', async () => {
    const run = await cli('--json')
    expect(run.code).toBe(2)
    expect(onlyJson(run.stdout).error.type).toBe('UsageError')
  })
})

describe('help', () => {
  it.each(['env', 'check', 'apply', 'dispatch', 'heal'])(
    '%s --help has its usage, examples, output and exit codes within 80 columns',
    async command => {
      const run = await cli(command, '--help')
      expect(run.code).toBe(0)
      expect(run.stderr).toBe('')
      const help = run.stdout
      expect(help).toMatch(new RegExp(`^Usage: self-heal ${command} `))
      expect(help).toContain(`\nExamples:\n  self-heal ${command}`.replace('self-heal apply', 'git diff'))
      expect(help).toContain('With --json')
      expect(help).toMatch(/\nExit codes:\n {2}0 {2}.+\n(.|\n)* {2}2 {2}bad usage/)
      // The command's own options come first, the common ones after, under their own heading.
      expect(help.indexOf('Common options:')).toBeGreaterThan(help.indexOf('-h, --help'))
      expect(help).toContain('--cache-path <file>')
      for (const line of help.split('\n')) expect(line.length).toBeLessThanOrEqual(80)
    }
  )

  it('heal --help marks --check required, says what a pull request needs, and lists every outcome', async () => {
    const help = (await cli('heal', '--help')).stdout
    expect(help).toContain('Usage: self-heal heal --check <cmd> [options]')
    expect(help).toMatch(/--check <cmd> +\(required\) the check to heal/)
    expect(help).toMatch(
      /A pull request needs a GitHub token \(--token or GITHUB_TOKEN\) and the\s+repository \(--repository/
    )
    for (const [outcome, code] of [
      ['passed', 0],
      ['flaky', 0],
      ['healed', 0],
      ['skipped', 0],
      ['disabled', 0],
      ['not-healed', 1],
      ['not-proposed', 1]
    ] as const)
      expect(help).toMatch(new RegExp(`\\n {2}${outcome} +.+exit ${code}\\n`))
  })

  it('the program help lists the common options and the exit codes; --version prints the version', async () => {
    const help = await cli('--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--cache-path FILE')
    expect(help.stdout).toContain('{"error": {"type", "message", "exitCode"}}')
    expect(help.stdout).toContain('Exit codes:')
    const version = await cli('--version')
    expect(version.code).toBe(0)
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/)
  })
})

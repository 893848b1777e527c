/**
 * The release workflow's own shell steps, run as a runner runs a `run:` step without `shell:` (bash -e), in a
 * clone of a repository with a bare origin, with a stand-in `gh` that records what it was asked to do.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import yaml from 'js-yaml'
import { GIT_ENV, git, makeTempDir, type TempDir } from '../helpers/git.js'

const execFileAsync = promisify(execFile)

interface Step {
  name?: string
  if?: string
  run?: string
}

const CHANGELOG = `# Changelog

## [Unreleased]

- next

## [1.2.0] - 2026-12-01

### Fixed

- a bug

## [1.1.0] - 2026-11-01

- older

[1.2.0]: https://example.com/1.2.0
`

describe('.github/workflows/release.yml', () => {
  let dir: TempDir
  let work: string
  let steps: Step[]
  beforeAll(async () => {
    const workflow = yaml.load(await readFile('.github/workflows/release.yml', 'utf8')) as {
      jobs: { release: { steps: Step[] } }
    }
    steps = workflow.jobs.release.steps
    dir = await makeTempDir('release-workflow-')
    await git(dir.path, 'init', '-q', '--bare', 'origin.git')
    work = join(dir.path, 'work')
    await git(dir.path, 'clone', '-q', 'origin.git', 'work')
    await writeFile(join(work, 'CHANGELOG.md'), CHANGELOG)
    await writeFile(join(work, 'package.json'), '{ "version": "1.2.0" }\n')
    await git(work, 'add', '-A')
    await git(work, 'commit', '-q', '-m', 'Release 1.2.0')
    await git(work, 'push', '-q', 'origin', 'HEAD:main')
    const bin = join(dir.path, 'bin')
    await mkdir(bin)
    // Records its arguments, and the notes file it was given.
    await writeFile(
      join(bin, 'gh'),
      '#!/usr/bin/env bash\nprintf "%s\\n" "$@" > "$GH_LOG"\n' +
        'while [ $# -gt 0 ]; do [ "$1" = --notes-file ] && cp "$2" "$GH_LOG.notes"; shift; done\n'
    )
    await chmod(join(bin, 'gh'), 0o755)
  })
  afterAll(async () => {
    await dir.cleanup()
  })

  /** Runs the step named `name` with `env`; returns its exit code and output. */
  async function step(name: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
    const script = join(dir.path, 'step.sh')
    await writeFile(script, steps.find(s => s.name === name)?.run as string)
    const temp = join(dir.path, 'runner-temp')
    await mkdir(temp, { recursive: true })
    try {
      const { stdout, stderr } = await execFileAsync('bash', ['-e', script], {
        cwd: work,
        env: {
          ...GIT_ENV,
          PATH: `${join(dir.path, 'bin')}:${process.env.PATH}`,
          RUNNER_TEMP: temp,
          GH_LOG: join(dir.path, 'gh.log'),
          ...env
        }
      })
      return { code: 0, output: stdout + stderr }
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string }
      return { code: failed.code, output: failed.stdout + failed.stderr }
    }
  }

  const ghArgs = async () => (await readFile(join(dir.path, 'gh.log'), 'utf8')).trim().split('\n')

  it('refuses a tag that is not the package version, saying what to do', async () => {
    expect((await step('The tag is the package version', { TAG: 'v1.2.0' })).code).toBe(0)
    const wrong = await step('The tag is the package version', { TAG: 'v1.3.0' })
    expect(wrong.code).toBe(1)
    expect(wrong.output).toContain("::error::Tag v1.3.0 does not match package.json's version 1.2.0")
  })

  it("releases a version with its CHANGELOG section as the notes, and a pre-release with GitHub's notes", async () => {
    expect((await step('Create the release', { TAG: 'v1.2.0', GH_TOKEN: 'x' })).code).toBe(0)
    expect(await ghArgs()).toEqual([
      'release',
      'create',
      'v1.2.0',
      '--verify-tag',
      '--title',
      'v1.2.0',
      '--notes-file',
      expect.stringMatching(/notes\.md$/)
    ])
    expect(await readFile(join(dir.path, 'gh.log.notes'), 'utf8')).toBe('\n### Fixed\n\n- a bug\n\n')

    expect((await step('Create the release', { TAG: 'v1.3.0-rc.1', GH_TOKEN: 'x' })).code).toBe(0)
    expect(await ghArgs()).toEqual([
      'release',
      'create',
      'v1.3.0-rc.1',
      '--verify-tag',
      '--title',
      'v1.3.0-rc.1',
      '--prerelease',
      '--generate-notes'
    ])
  })

  it('moves the major tag on the origin to the released commit, and leaves it for a pre-release', async () => {
    const first = await git(work, 'rev-parse', 'HEAD')
    expect((await step('Move the major tag', { TAG: 'v1.2.0', GITHUB_SHA: first })).code).toBe(0)
    const origin = join(dir.path, 'origin.git')
    expect(await git(origin, 'rev-parse', 'refs/tags/v1')).toBe(first)
    await git(work, 'commit', '-q', '--allow-empty', '-m', 'Release 1.2.1')
    const second = await git(work, 'rev-parse', 'HEAD')
    expect((await step('Move the major tag', { TAG: 'v1.2.1', GITHUB_SHA: second })).code).toBe(0)
    expect(await git(origin, 'rev-parse', 'refs/tags/v1')).toBe(second)
    expect(steps.find(s => s.name === 'Move the major tag')?.if).toBe(
      "${{ !contains(github.ref_name, '-') }}"
    )
  })
})

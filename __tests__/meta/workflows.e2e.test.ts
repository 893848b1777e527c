/** The manual workflow's own shell step, run as a runner runs a `run:` step (bash -eo pipefail). */
import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import yaml from 'js-yaml'
import { parseCommandFile } from '../action/run-action.js'
import { makeTempDir } from '../helpers/git.js'

const execFileAsync = promisify(execFile)

describe('docs/workflows/self-heal-manual.yml', () => {
  it('turns the one-line fixers input into one fixer a line for the action', async () => {
    const workflow = yaml.load(await readFile('docs/workflows/self-heal-manual.yml', 'utf8')) as {
      jobs: { heal: { steps: { id?: string; run?: string }[] } }
    }
    const script = workflow.jobs.heal.steps.find(step => step.id === 'fixers')?.run as string
    const dir = await makeTempDir('manual-workflow-')
    try {
      const fixers = async (value: string): Promise<string> => {
        const output = join(dir.path, 'output')
        await writeFile(output, '')
        await writeFile(join(dir.path, 'step.sh'), script)
        await execFileAsync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(dir.path, 'step.sh')], {
          cwd: dir.path,
          env: { PATH: process.env.PATH, FIXERS: value, GITHUB_OUTPUT: output }
        })
        return parseCommandFile(await readFile(output, 'utf8')).list
      }
      expect(await fixers('npx eslint --fix . ;; npx prettier --write .')).toBe(
        'npx eslint --fix .\nnpx prettier --write .'
      )
      // Shell syntax in a fixer reaches the action as text, never run by this step.
      expect(await fixers('echo "$(touch pwned)" | tr a b;;sed -i s/x/y/ a.txt')).toBe(
        'echo "$(touch pwned)" | tr a b\nsed -i s/x/y/ a.txt'
      )
      expect(existsSync(join(dir.path, 'pwned'))).toBe(false)
      expect(await fixers('')).toBe('')
    } finally {
      await dir.cleanup()
    }
  })
})

import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { cp, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { makeTempDir } from '../helpers/git.js'

const execFileAsync = promisify(execFile)
const SCRIPT = resolve('scripts/action-docs.mjs')

/** Runs the script in `cwd` and returns its exit code and output. */
async function docs(cwd: string, ...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [SCRIPT, ...args], { cwd })
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, output: failed.stdout + failed.stderr }
  }
}

describe('npm run docs / check-docs (scripts/action-docs.mjs)', () => {
  it('passes on the committed READMEs, fails naming the stale one and what to run, and fixes it', async () => {
    const copy = await makeTempDir('action-docs-')
    try {
      for (const path of ['action.yml', 'README.md', '.prettierrc.json', 'check', 'apply', 'dispatch']) {
        await cp(resolve(path), join(copy.path, path), { recursive: true })
      }
      expect(await docs(copy.path, '--check')).toEqual({
        code: 0,
        output: 'README tables match action.yml.\n'
      })

      const action = join(copy.path, 'check', 'action.yml')
      await writeFile(
        action,
        (await readFile(action, 'utf8')).replace('The exit code of the command.', 'How the command exited.')
      )
      const stale = await docs(copy.path, '--check')
      expect(stale.code).toBe(1)
      expect(stale.output).toContain('check/README.md')
      expect(stale.output).toContain('run `npm run docs`')
      expect(await readFile(join(copy.path, 'check', 'README.md'), 'utf8')).not.toContain(
        'How the command exited.'
      )

      expect((await docs(copy.path)).output).toBe('Updated check/README.md.\n')
      expect(await readFile(join(copy.path, 'check', 'README.md'), 'utf8')).toContain(
        'How the command exited.'
      )
      expect((await docs(copy.path, '--check')).code).toBe(0)
    } finally {
      await copy.cleanup()
    }
  })
})

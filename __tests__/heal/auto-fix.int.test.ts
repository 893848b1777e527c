/**
 * `fix: auto` for real: the fixers derived from a Prettier and ESLint check run on a temp project (with this
 * repository's node_modules), and the check passes afterwards. Once with the tools named on the command line, once
 * through a package script, whose fixers run through `npm exec`.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LocalExecutionAdapter } from '../../src/adapters/local/execution.js'
import { deriveFixers, type ProjectFiles } from '../../src/heal/auto-fix.js'

const nodeModules = resolve(dirname(fileURLToPath(import.meta.url)), '../../node_modules')

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'self-heal-auto-fix-'))
  await symlink(nodeModules, join(dir, 'node_modules'), 'dir')
  const manifest = {
    name: 'calc',
    private: true,
    type: 'module',
    scripts: { lint: 'prettier --check . && eslint .' }
  }
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  await writeFile(
    join(dir, 'eslint.config.js'),
    'export default [{ rules: { "no-var": "error", "prefer-const": "error" } }];\n'
  )
  // Unformatted, and two fixable ESLint errors.
  await writeFile(join(dir, 'sum.js'), 'var  total =  1\nlet  other=2\nconsole.log( total,other )\n')
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const files = (): ProjectFiles => ({
  readFile: path => (existsSync(join(dir, path)) ? readFileSync(join(dir, path), 'utf8') : undefined)
})

async function healWithDerivedFixers(check: string): Promise<string[]> {
  const execution = new LocalExecutionAdapter({ root: dir })
  const before = await execution.runCommand(check)
  expect(before.exitCode).not.toBe(0)
  const { fixers, none } = deriveFixers(check, files())
  expect(none).toBeUndefined()
  for (const fixer of fixers) {
    const ran = await execution.runCommand(fixer.command)
    expect({ fixer: fixer.command, exitCode: ran.exitCode, stderr: ran.stderr }).toMatchObject({
      exitCode: 0
    })
  }
  const after = await execution.runCommand(check)
  expect({ exitCode: after.exitCode, output: after.stdout + after.stderr }).toMatchObject({ exitCode: 0 })
  expect(readFileSync(join(dir, 'sum.js'), 'utf8')).toBe(
    'const total = 1;\nconst other = 2;\nconsole.log(total, other);\n'
  )
  return fixers.map(fixer => fixer.command)
}

describe('derived fixers, run', () => {
  it('prettier --check and eslint on the command line', async () => {
    expect(await healWithDerivedFixers('npx prettier --check . && npx eslint .')).toEqual([
      'npx prettier --write .',
      'npx eslint --fix .'
    ])
  })

  it('through a package script', async () => {
    expect(await healWithDerivedFixers('npm run lint')).toEqual([
      'npm exec --no -- prettier --write .',
      'npm exec --no -- eslint --fix .'
    ])
  })
})

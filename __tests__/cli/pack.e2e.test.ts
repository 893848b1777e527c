/**
 * The package as a user installs it: `npm pack`, then `npm install -g` of the tarball into a temp prefix, offline
 * and with an empty npm cache (the bundle in dist/ holds every runtime dependency, so there is nothing to fetch),
 * then the installed `self-heal` run by its name. Runs against dist/ as committed: rebuild it after changing src/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFile, stat } from 'node:fs/promises'
import { delimiter, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT } from '../dispatch/helpers.js'
import { makeTempDir, type TempDir } from '../helpers/git.js'
import { cleanEnv } from './cli-helpers.js'

const run = promisify(execFile)

describe('npm pack and a global install', () => {
  let temp: TempDir
  let env: NodeJS.ProcessEnv
  let packed: { filename: string; files: Array<{ path: string }> }
  let bin: string

  beforeAll(async () => {
    temp = await makeTempDir('self-heal-pack-')
    env = cleanEnv({
      // This Node first on PATH: the installed bin starts with `#!/usr/bin/env node`.
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
      npm_config_cache: join(temp.path, 'npm-cache'),
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false'
    })
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', temp.path], {
      cwd: ROOT,
      env
    })
    packed = JSON.parse(stdout)[0]
    const prefix = join(temp.path, 'prefix')
    await run('npm', ['install', '--global', '--prefix', prefix, join(temp.path, packed.filename)], {
      cwd: temp.path,
      env
    })
    bin = join(prefix, 'bin', 'self-heal')
  }, 120_000)
  afterAll(async () => {
    await temp?.cleanup()
  })

  it('packs the bundle, its chunks and action.yml, and none of the sources', () => {
    const paths = packed.files.map(f => f.path)
    expect(paths).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'action.yml', 'dist/cli.js', 'dist/index.js'])
    )
    // The lazily loaded chunks and dist/package.json (which makes the bundles ES modules) come along.
    expect(paths).toContain('dist/package.json')
    expect(paths).toEqual(expect.arrayContaining(['dist/action/index.js', 'dist/cli/index.js']))
    expect(paths.filter(p => /^dist\/action\/\d+\.index\.js$/.test(p)).length).toBeGreaterThan(0)
    expect(paths.filter(p => /^dist\/cli\/\d+\.index\.js$/.test(p)).length).toBeGreaterThan(0)
    expect(paths.filter(p => /^(src|__tests__|emulator|bench|scripts|node_modules)\//.test(p))).toEqual([])
  })

  it('declares no dependency to fetch at install', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'))
    expect(manifest.dependencies ?? {}).toEqual({})
    expect(manifest.bin).toEqual({ 'self-heal': 'dist/cli.js' })
    expect((await readFile(join(ROOT, 'dist/cli.js'), 'utf8')).split('\n')[0]).toBe('#!/usr/bin/env node')
  })

  it('installs `self-heal` on the PATH of the prefix, and it runs', async () => {
    expect((await stat(bin)).mode & 0o111).not.toBe(0)
    const help = await run(bin, ['--help'], { cwd: temp.path, env })
    expect(help.stdout).toMatch(/^Usage: self-heal \[options\] \[command\]/)
    for (const command of ['env', 'check', 'apply', 'dispatch', 'heal'])
      expect(help.stdout).toContain(command)
    const version = await run(bin, ['--version'], { cwd: temp.path, env })
    const { version: expected } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'))
    expect(version.stdout.trim()).toBe(expected)
  })
})

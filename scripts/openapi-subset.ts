/**
 * Regenerates `emulator/openapi/api.github.com.subset.json`, the operations listed in
 * `emulator/openapi/operations.txt` (one GitHub operation id a line) with every component they reference, cut
 * from `@octokit/openapi`'s `generated/api.github.com.json`. The 385 MB package is fetched into a temp directory
 * with `npm pack` and never becomes a dependency. Also writes `operations-index.json`, every operation's method,
 * path and id, so the emulator can tell a GitHub operation it does not serve from a path GitHub does not have.
 *
 *   npx tsx scripts/openapi-subset.ts [--version 23.0.2] [--from DIR_OF_UNPACKED_PACKAGE]
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const execFileAsync = promisify(execFile)
const DEFAULT_VERSION = '23.0.2'
const OPENAPI_DIR = fileURLToPath(new URL('../emulator/openapi/', import.meta.url))

type Json = Record<string, unknown>

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const version = valueOf(args, '--version') ?? DEFAULT_VERSION
  if (!/^[0-9][0-9A-Za-z.+-]*$/.test(version))
    throw new Error(`--version '${version}' is not a version number`)
  let packageDir = valueOf(args, '--from')
  let temp: string | undefined
  if (!packageDir) {
    temp = await mkdtemp(join(tmpdir(), 'openapi-subset-'))
    process.stderr.write(`fetching @octokit/openapi@${version} into ${temp}\n`)
    await execFileAsync('npm', ['pack', `@octokit/openapi@${version}`, '--pack-destination', temp], {
      cwd: temp
    })
    const tarball = (await readdir(temp)).find(name => name.endsWith('.tgz'))
    if (!tarball) throw new Error('npm pack produced no tarball')
    await execFileAsync('tar', ['-xzf', join(temp, tarball), '-C', temp])
    packageDir = join(temp, 'package')
  }
  try {
    const spec = JSON.parse(
      await readFile(join(packageDir, 'generated', 'api.github.com.json'), 'utf8')
    ) as Json
    const wanted = (await readFile(join(OPENAPI_DIR, 'operations.txt'), 'utf8'))
      .split('\n')
      .map(line => line.trim())
      .filter(line => line && !line.startsWith('#'))
    const subset = cut(spec, wanted)
    const target = join(OPENAPI_DIR, 'api.github.com.subset.json')
    await writeFile(target, `${JSON.stringify(subset, null, 1)}\n`)
    const index = operationIndex(spec)
    await writeFile(
      join(OPENAPI_DIR, 'operations-index.json'),
      `${JSON.stringify(index).replace(/\],\[/g, '],\n[')}\n`
    )
    const count = Object.values(subset.paths as Json).reduce<number>(
      (n, item) => n + Object.keys(item as Json).length,
      0
    )
    process.stdout.write(`wrote ${target}: ${count} operations\n`)
  } finally {
    if (temp) await rm(temp, { recursive: true, force: true })
  }
}

/** Keeps the wanted operations and, transitively, every component they reference. */
export function cut(spec: Json, wanted: string[]): Json {
  const paths: Record<string, Json> = {}
  const found = new Set<string>()
  for (const [path, item] of Object.entries(spec.paths as Record<string, Json>)) {
    for (const [method, operation] of Object.entries(item)) {
      const id = (operation as Json | undefined)?.operationId
      if (typeof id !== 'string' || !wanted.includes(id)) continue
      paths[path] ??= {}
      ;(paths[path] as Json)[method] = operation
      found.add(id)
    }
  }
  const missing = wanted.filter(id => !found.has(id))
  if (missing.length) throw new Error(`operations not in the description: ${missing.join(', ')}`)
  const components: Record<string, Json> = {}
  const source = spec.components as Record<string, Json>
  const queue: unknown[] = [paths]
  const seen = new Set<string>()
  while (queue.length) {
    const node = queue.pop()
    if (Array.isArray(node)) queue.push(...node)
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (
          key === '$ref' &&
          typeof value === 'string' &&
          value.startsWith('#/components/') &&
          !seen.has(value)
        ) {
          seen.add(value)
          const [, , kind, name] = value.split('/') as [string, string, string, string]
          const target = source[kind]?.[name]
          if (target === undefined) throw new Error(`dangling reference ${value}`)
          components[kind] ??= {}
          ;(components[kind] as Json)[name] = target
          queue.push(target)
        } else queue.push(value)
      }
    }
  }
  for (const kind of Object.keys(components)) {
    components[kind] = Object.fromEntries(
      Object.entries(components[kind] as Json).sort(([a], [b]) => a.localeCompare(b))
    )
  }
  return { openapi: spec.openapi, info: spec.info, servers: spec.servers, paths, components }
}

/** Every operation of the description as `[METHOD, path template, operation id]`, sorted by path. */
export function operationIndex(spec: Json): [string, string, string][] {
  const index: [string, string, string][] = []
  for (const [path, item] of Object.entries(spec.paths as Record<string, Json>)) {
    for (const [method, operation] of Object.entries(item)) {
      const id = (operation as Json | undefined)?.operationId
      if (typeof id === 'string') index.push([method.toUpperCase(), path, id])
    }
  }
  return index.sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]))
}

function valueOf(args: string[], name: string): string | undefined {
  const index = args.indexOf(name)
  return index >= 0 ? args[index + 1] : undefined
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}

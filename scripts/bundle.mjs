// Builds dist/index.js (the action) and dist/cli.js (the CLI) with @vercel/ncc, one bundle each, side by side.
// ncc names each entry index.js and may emit chunks (lazily imported modules, e.g. 973.index.js) that the entry
// loads by name from its own directory: chunks keep their names, and two bundles may share a chunk only when it
// is byte-identical (otherwise the build stops rather than let one bundle load the other's code).
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { STAMP, sourceHash } from './source-hash.mjs'

const entries = [
  { source: 'src/index.ts', out: 'index.js' },
  { source: 'src/cli.ts', out: 'cli.js' }
]
rmSync('dist', { recursive: true, force: true })
mkdirSync('dist')
for (const { source, out } of entries) {
  const tmp = join('dist', `.build-${out}`)
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      source,
      '-o',
      tmp,
      '--target',
      'es2022',
      '--no-source-map-register',
      '--quiet'
    ],
    { stdio: 'inherit' }
  )
  for (const file of readdirSync(tmp)) {
    const target = join('dist', file === 'index.js' ? out : file)
    if (file !== 'index.js' && existsSync(target)) {
      if (!readFileSync(target).equals(readFileSync(join(tmp, file)))) {
        throw new Error(
          `Both bundles emit ${file} with different contents: give one of them another chunk name.`
        )
      }
      continue
    }
    renameSync(join(tmp, file), target)
  }
  rmSync(tmp, { recursive: true, force: true })
}
chmodSync('dist/cli.js', 0o755)
writeFileSync(STAMP, `${sourceHash()}\n`)

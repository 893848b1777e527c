// The hash of everything dist/ is built from (src/, the lockfile, the bundler script): the bundle records it, and
// the end-to-end tests refuse to run against a dist/ built from other sources.
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..')

/** Where the bundle records the hash of its sources. */
export const STAMP = join(root, 'dist', 'source-hash.txt')

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]
  )
}

/** The sources' hash, hex. */
export function sourceHash() {
  const hash = createHash('sha256')
  const inputs = [
    ...files(join(root, 'src')),
    join(root, 'package-lock.json'),
    join(root, 'scripts', 'bundle.mjs')
  ]
  for (const file of inputs.map(f => relative(root, f).split('\\').join('/')).sort()) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(root, file)))
      .update('\0')
  }
  return hash.digest('hex')
}

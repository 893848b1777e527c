// Builds dist/index.js (the action) and dist/cli.js (the CLI) with @vercel/ncc, one bundle each.
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'

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
  // ncc names its output index.js; anything else it emits (licenses) is kept beside it under a prefix.
  for (const file of readdirSync(tmp)) {
    // Both bundles get the same package.json ({"type": "module"}); any other asset is kept under a prefix.
    const target =
      file === 'index.js' ? out : file === 'package.json' ? file : `${out.replace(/\.js$/, '')}-${file}`
    renameSync(join(tmp, file), join('dist', target))
  }
  rmSync(tmp, { recursive: true, force: true })
}
chmodSync('dist/cli.js', 0o755)

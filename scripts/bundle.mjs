// Builds dist/index.js (the action) and dist/cli.js (the CLI) with @vercel/ncc, one bundle each.
// Each bundle loads its heavier modules lazily, and ncc emits every lazily imported module as a chunk
// (e.g. 973.index.js) that the entry loads by name from its own directory. The two bundles' chunks have the same
// names and different contents, so each bundle gets a directory of its own: the action's is dist/ itself (where
// action.yml points), the CLI's dist/cli/, and dist/cli.js is the executable that starts it.
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { STAMP, sourceHash } from './source-hash.mjs'

const entries = [
  { source: 'src/index.ts', out: 'dist' },
  { source: 'src/cli.ts', out: 'dist/cli' }
]
rmSync('dist', { recursive: true, force: true })
mkdirSync('dist')
for (const { source, out } of entries) {
  execFileSync(
    process.execPath,
    [
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      'build',
      source,
      '-o',
      out,
      '--target',
      'es2022',
      '--no-source-map-register',
      '--quiet'
    ],
    { stdio: 'inherit' }
  )
}
// ncc writes a package.json ({"type": "module"}) beside each entry; dist/package.json covers dist/cli/ too.
rmSync('dist/cli/package.json', { force: true })
// The launcher keeps V8's compiled code of the bundle (in the system's temporary directory, as tsc does; set
// NODE_DISABLE_COMPILE_CACHE=1 to stop it): a start after the first compiles nothing again. The bundle is imported
// after that, which is why the import is dynamic (and Node before 22.1 has no enableCompileCache).
writeFileSync(
  'dist/cli.js',
  "#!/usr/bin/env node\nimport module from 'node:module'\n\nmodule.enableCompileCache?.()\nawait import('./cli/index.js')\n"
)
chmodSync('dist/cli.js', 0o755)
writeFileSync(STAMP, `${sourceHash()}\n`)

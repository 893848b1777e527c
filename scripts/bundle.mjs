// Builds dist/index.js (the action) and dist/cli.js (the CLI) with @vercel/ncc, one bundle each.
// Each bundle loads its heavier modules lazily, and ncc emits every lazily imported module as a chunk
// (e.g. 973.index.js) that the entry loads by name from its own directory. The two bundles' chunks have the same
// names and different contents, so each bundle gets a directory of its own: the action's dist/action/, the CLI's
// dist/cli/. dist/index.js (where action.yml points) and dist/cli.js (the executable) are launchers that start them.
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { STAMP, sourceHash } from './source-hash.mjs'

const entries = [
  { source: 'src/index.ts', out: 'dist/action' },
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
// ncc writes a package.json ({"type": "module"}) beside each entry; dist/package.json covers the launchers and both
// bundles.
renameSync('dist/action/package.json', 'dist/package.json')
rmSync('dist/cli/package.json', { force: true })
// Each launcher keeps V8's compiled code of its bundle (in the system's temporary directory, as tsc does; set
// NODE_DISABLE_COMPILE_CACHE=1 to stop it): a start after the first compiles nothing again — the action's post step
// reuses what its main step compiled. The bundle is imported after that, which is why the import is dynamic (and
// Node before 22.1 has no enableCompileCache).
const launcher = bundle =>
  `import module from 'node:module'\n\nmodule.enableCompileCache?.()\nawait import('./${bundle}')\n`
writeFileSync('dist/index.js', launcher('action/index.js'))
writeFileSync('dist/cli.js', `#!/usr/bin/env node\n${launcher('cli/index.js')}`)
chmodSync('dist/cli.js', 0o755)
writeFileSync(STAMP, `${sourceHash()}\n`)

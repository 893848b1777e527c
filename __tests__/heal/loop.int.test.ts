/** The healing loop over a real git checkout, with the same programs run as child processes. */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LocalExecutionAdapter } from '../../src/adapters/local/execution.js'
import { LocalWorkspace } from '../../src/adapters/local/workspace.js'
import { git, makeTempDir, makeTempRepo } from '../helpers/git.js'
import { defineLoopTests, type MakeLoopEnv } from './loop-cases.js'

const PROGRAMS = fileURLToPath(new URL('../helpers/programs.mjs', import.meta.url))

const checkout: MakeLoopEnv = async (files, options = {}) => {
  const repo = await makeTempRepo(files)
  const scratch = await makeTempDir('self-heal-loop-scratch-')
  if (options.headMessage) await git(repo.path, 'commit', '-q', '--allow-empty', '-m', options.headMessage)
  if (options.branch === null) await git(repo.path, 'checkout', '-q', '--detach')
  else if (options.branch) await git(repo.path, 'checkout', '-q', '-b', options.branch)
  const workspace = await LocalWorkspace.open(repo.path)
  return {
    workspace,
    execution: new LocalExecutionAdapter({ root: repo.path }),
    command: (name, ...args) => ['node', PROGRAMS, name, ...args].map(quote).join(' '),
    read: path => readFile(join(repo.path, path), 'utf8').catch(() => undefined),
    write: (path, text) => writeFile(join(repo.path, path), text),
    at: dir => join(repo.path, dir),
    scratch: name => join(scratch.path, name),
    close: async () => {
      await workspace.close()
      await repo.cleanup()
      await scratch.cleanup()
    }
  }
}

// The existing fix branch cases are the proposal's over the memory Git port: the unit tier has them.
defineLoopTests('a local git checkout', checkout, { branchCases: false })
// The same cases with each fixer in a copy of the checkout, as heal runs them on a developer's machine.
defineLoopTests('a local git checkout, fixers in a copy of it', checkout, {
  branchCases: false,
  request: { fixersInCopy: true }
})

function quote(arg: string): string {
  return /^[\w./@:-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}

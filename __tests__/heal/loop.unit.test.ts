/** The healing loop over the in-memory workspace, with scripted programs: the fast tier. */
import { posix } from 'node:path'
import { ScriptedExecution, type Program } from '../../src/adapters/memory/execution.js'
import { MemoryWorkspace } from '../../src/adapters/memory/workspace.js'
import { runProgram } from '../helpers/programs.mjs'
import { defineLoopTests, type MakeLoopEnv } from './loop-cases.js'

const NAMES = [
  'lint',
  'flaky',
  'replace',
  'replace-files',
  'replace-each',
  'learns',
  'write',
  'noop',
  'idle',
  'no-config'
]

const memory: MakeLoopEnv = async (files, options = {}) => {
  const workspace = new MemoryWorkspace(files, options)
  // State kept outside the repository (absolute paths) lives beside the workspace, not in its files.
  const outside = new Map<string, string>()
  const program =
    (name: string): Program =>
    (ws, args, cwd) => {
      // Paths are relative to where the program runs, as a process's are.
      const at = (path: string): string => posix.join(posix.relative(ws.root, cwd), path)
      return runProgram(name, args, {
        read: path => (path.startsWith('/') ? outside.get(path) : ws.read(at(path))),
        write: (path, text) => (path.startsWith('/') ? outside.set(path, text) : ws.write(at(path), text)),
        list: dir =>
          [...ws.files.keys()].filter(p => p.startsWith(`${at(dir)}/`)).map(p => p.slice(at(dir).length + 1))
      })
    }
  return {
    workspace,
    execution: new ScriptedExecution(workspace, Object.fromEntries(NAMES.map(name => [name, program(name)]))),
    command: (name, ...args) => [name, ...args.map(quote)].join(' '),
    read: async path => workspace.read(path),
    write: async (path, text) => workspace.write(path, text),
    at: dir => posix.join(workspace.root, dir),
    scratch: name => `/outside/${name}`,
    close: () => workspace.close()
  }
}

defineLoopTests('the memory workspace', memory)
// The same cases with each fixer in a copy of the files, as heal runs them on a developer's machine.
defineLoopTests('the memory workspace, fixers in a copy of it', memory, { request: { fixersInCopy: true } })

function quote(arg: string): string {
  return /\s/.test(arg) ? `'${arg}'` : arg
}

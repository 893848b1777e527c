#!/usr/bin/env node
// Small programs the healing loop's tests run as checks and fixers, written once over an abstract file system so
// that the same scenario runs in memory (ScriptedExecution) and as real processes in a git checkout
// (`node programs.mjs NAME ARGS...`). Paths are repository-relative; absolute ones live outside the repository.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * Runs program `name` over `fs` ({ read(path) → text | undefined, write(path, text), list(dir) → names }) and
 * returns { exitCode, stdout }.
 */
export function runProgram(name, args, fs) {
  switch (name) {
    // A lint check: every line of src/* holding one of the words (default BAD, UGLY) is a problem.
    case 'lint': {
      const words = args.length ? args : ['BAD', 'UGLY']
      let stdout = ''
      for (const file of fs.list('src').sort()) {
        ;(fs.read(`src/${file}`) ?? '').split('\n').forEach((line, i) => {
          for (const word of words) {
            if (line.includes(word)) {
              const rule = `no-${word.toLowerCase()}`
              stdout += `src/${file}:${i + 1}:1: error ${word.toLowerCase()} word (${rule})\n`
            }
          }
        })
      }
      return { exitCode: stdout ? 1 : 0, stdout }
    }
    // A check that fails on its first run and passes after (the count is kept in the file named by args[0]).
    case 'flaky': {
      const runs = Number(fs.read(args[0]) ?? '0') + 1
      fs.write(args[0], String(runs))
      return runs === 1
        ? { exitCode: 1, stdout: 'src/app.js:1:1: error flaky failure (no-flake)\n' }
        : { exitCode: 0, stdout: '' }
    }
    // A fixer: replaces args[1] by args[2] in the file args[0], optionally adding the line args[3] on top.
    case 'replace': {
      const [file, from, to, prefix] = args
      const text = fs.read(file) ?? ''
      fs.write(file, (prefix ? `${prefix}\n` : '') + text.split(from).join(to))
      return { exitCode: 0, stdout: '' }
    }
    // A fixer over several files, as `prettier --write .` is: replaces args[0] by args[1] in each file named after.
    case 'replace-files': {
      const [from, to, ...files] = args
      for (const file of files) fs.write(file, (fs.read(file) ?? '').split(from).join(to))
      return { exitCode: 0, stdout: '' }
    }
    // A fixer that edits several files: replace's arguments, FILE FROM TO, once for each triple.
    case 'replace-each': {
      for (let i = 0; i + 2 < args.length; i += 3) runProgram('replace', args.slice(i, i + 3), fs)
      return { exitCode: 0, stdout: '' }
    }
    // A fixer that learns: on its first run (counted in the file args[0]) it adds a suppression above its
    // replacement (FILE FROM TO); on later runs it only replaces.
    case 'learns': {
      const [count, file, from, to] = args
      const runs = Number(fs.read(count) ?? '0') + 1
      fs.write(count, String(runs))
      return runProgram(
        'replace',
        runs === 1 ? [file, from, to, '// eslint-disable-next-line'] : [file, from, to],
        fs
      )
    }
    // A fixer that writes a whole file: args[0] path, the rest its words joined by spaces.
    case 'write': {
      fs.write(args[0], `${args.slice(1).join(' ')}\n`)
      return { exitCode: 0, stdout: '' }
    }
    // A check or fixer that lets a test act while it runs, without sleeping: its run number args[1] (counted in the
    // directory args[0]) writes args[0]/waiting and waits until args[0]/go exists; then, and on every other run,
    // it runs the program named by the rest of the arguments. Real processes only: it blocks until the test acts.
    case 'handshake': {
      const [dir, at, ...rest] = args
      const run = Number(fs.read(`${dir}/count`) ?? '0') + 1
      fs.write(`${dir}/count`, String(run))
      if (run === Number(at)) {
        fs.write(`${dir}/waiting`, '')
        const pause = new Int32Array(new SharedArrayBuffer(4))
        for (let waited = 0; fs.read(`${dir}/go`) === undefined; waited += 20) {
          if (waited > 30_000) return { exitCode: 124, stdout: 'handshake: nobody wrote go\n' }
          Atomics.wait(pause, 0, 0, 20)
        }
      }
      return runProgram(rest[0], rest.slice(1), fs)
    }
    // A fixer that changes nothing and fails.
    case 'noop':
      return { exitCode: 3, stdout: 'nothing to do\n' }
    // A fixer that changes nothing and says problems remain (exit 1, as linters' --fix do).
    case 'idle':
      return { exitCode: 1, stdout: '1 problem left\n' }
    // A linter that cannot find its configuration (ESLint's exit 2).
    case 'no-config':
      return { exitCode: 2, stdout: "ESLint couldn't find a configuration file.\n" }
    default:
      return { exitCode: 127, stdout: `${name}: unknown program\n` }
  }
}

/** The real file system under `root`. */
export function diskFs(root) {
  const at = path => (path.startsWith('/') ? path : join(root, path))
  return {
    read: path => (existsSync(at(path)) ? readFileSync(at(path), 'utf8') : undefined),
    write: (path, text) => writeFileSync(at(path), text),
    list: dir => (existsSync(at(dir)) ? readdirSync(at(dir)) : [])
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [name, ...args] = process.argv.slice(2)
  const { exitCode, stdout } = runProgram(name, args, diskFs(process.cwd()))
  process.stdout.write(stdout)
  process.exitCode = exitCode
}

/**
 * A tree edited where files changed: only the directories above the changed paths are read (from the tree it starts
 * from) and written again, so what it costs is the change, not the repository (a whole index is read and written
 * for every `update-index` and `write-tree`).
 */
import { DiffDoesNotApplyError } from '../errors.js'
import { gitText, runGit } from './run-git.js'

/** One entry of a tree object. */
interface TreeEntry {
  mode: string
  oid: string
}

/**
 * The tree of `parent` (a commit or a tree) with the files `touched` as the index (`env`) holds them now (one it
 * does not hold is deleted): only the directories above them are read and written again. A file where the parent
 * has a directory, or the other way round, is a diff that does not apply (as `git apply` says of it on a whole
 * index).
 */
export async function treeWith(
  root: string,
  env: Record<string, string>,
  parent: string,
  touched: readonly string[]
): Promise<string> {
  const staged = await runGit(['ls-files', '--stage', '-z'], { cwd: root, env })
  const files = new Map<string, TreeEntry | undefined>(touched.map(path => [path, undefined]))
  for (const line of staged.stdout.toString('utf8').split('\0')) {
    // `mode oid stage\tpath`
    const match = /^(\d+) ([0-9a-f]+) \d\t(.*)$/s.exec(line)
    if (match) files.set(match[3], { mode: match[1], oid: match[2] })
  }
  const dirs = directoriesOf(files.keys())
  const trees = await readTrees(root, parent, [...dirs])
  // Deepest first, so that each directory's own subdirectories are written before it.
  const written = new Map<string, string | undefined>()
  for (const dir of [...dirs].sort((a, b) => depth(b) - depth(a))) {
    const entries = trees.get(dir) ?? new Map<string, TreeEntry>()
    const within = (path: string) => (dir ? path.startsWith(`${dir}/`) : true)
    const name = (path: string) => path.slice(dir ? dir.length + 1 : 0)
    const direct = (path: string) => path !== dir && within(path) && !name(path).includes('/')
    const subdirs = [...written].filter(([sub]) => sub && direct(sub))
    const isTree = (path: string) => entries.get(name(path))?.mode === '40000'
    // Emptied directories go first, so that a file can take the name; then the files; then the directories.
    for (const [sub, oid] of subdirs) if (!oid && isTree(sub)) entries.delete(name(sub))
    for (const [path, entry] of files) {
      if (!direct(path)) continue
      if (isTree(path)) {
        if (entry) throw treeConflict(path)
      } else if (entry) entries.set(name(path), entry)
      else entries.delete(name(path))
    }
    for (const [sub, oid] of subdirs) {
      if (!oid) continue
      if (entries.has(name(sub)) && !isTree(sub)) throw treeConflict(sub)
      entries.set(name(sub), { mode: '40000', oid })
    }
    // git keeps no empty directory: one whose files all went goes too (the root stays, empty or not).
    if (!entries.size && dir) {
      written.set(dir, undefined)
      continue
    }
    const listing = [...entries].map(
      ([entry, { mode, oid }]) =>
        `${mode} ${mode === '40000' ? 'tree' : mode === '160000' ? 'commit' : 'blob'} ${oid}\t${entry}\0`
    )
    written.set(dir, await gitText(['mktree', '-z'], { cwd: root, input: listing.join('') }))
  }
  return written.get('')!
}

/** The entries of the directories `dirs` of `base` (a commit or a tree); a directory it does not have is left out. */
async function readTrees(
  root: string,
  base: string,
  dirs: readonly string[]
): Promise<Map<string, Map<string, TreeEntry>>> {
  const trees = new Map<string, Map<string, TreeEntry>>()
  for (const dir of dirs) {
    // `<commit>:<dir>` starts with the object's id, so no directory's name can read as an option.
    const listed = await runGit(['ls-tree', '-z', `${base}:${dir}`], { cwd: root, okCodes: [0, 128] })
    if (listed.code !== 0) continue
    const entries = new Map<string, TreeEntry>()
    for (const line of listed.stdout.toString('utf8').split('\0')) {
      // `mode type oid\tname`
      const match = /^(\d+) \w+ ([0-9a-f]+)\t(.*)$/s.exec(line)
      if (match) entries.set(match[3], { mode: match[1] === '040000' ? '40000' : match[1], oid: match[2] })
    }
    trees.set(dir, entries)
  }
  return trees
}

function depth(dir: string): number {
  return dir ? dir.split('/').length : 0
}

function treeConflict(path: string): Error {
  return new DiffDoesNotApplyError(path, 'a file and a directory of that name would both be there')
}

/**
 * The directories above `paths`, the root (`''`) included: what `treeWith` reads and writes, two git processes
 * each.
 */
export function directoriesOf(paths: Iterable<string>): Set<string> {
  const dirs = new Set([''])
  for (const path of paths)
    for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1))
      dirs.add(path.slice(0, at))
  return dirs
}

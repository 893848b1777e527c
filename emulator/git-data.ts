/**
 * Git plumbing over a bare repository: every object the API creates is written by git itself (`hash-object -w`,
 * `mktree`, `commit-tree`), so `git fsck` passes and tree SHAs are git's own.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GitCommandError, gitText, runGit } from './git-runner.js'
import { objectContents, objectInfo } from './object-reader.js'

/** A 40-hex object id. */
export const SHA_PATTERN = /^[0-9a-f]{40}$/

/** The empty tree's id. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904'

/** A person line of a commit. */
export interface GitPerson {
  /** Name. */
  name: string
  /** Email. */
  email: string
  /** Seconds since the epoch. */
  seconds: number
  /** Timezone as git writes it (`+0000`). */
  timezone: string
}

/** A parsed commit object. */
export interface ParsedCommit {
  /** Its id. */
  sha: string
  /** Tree id. */
  tree: string
  /** Parent ids. */
  parents: string[]
  /** Author. */
  author: GitPerson
  /** Committer. */
  committer: GitPerson
  /** The message, exactly as stored. */
  message: string
  /** Whether the object carries a signature (`gpgsig`). */
  signed: boolean
}

/** One entry of a tree listing. */
export interface TreeEntry {
  /** Mode as git writes it (`100644`, `040000`, ...). */
  mode: string
  /** `blob`, `tree` or `commit`. */
  type: 'blob' | 'tree' | 'commit'
  /** Object id. */
  sha: string
  /** Path relative to the listed tree. */
  path: string
  /** Size in bytes for blobs. */
  size?: number
}

/** Reads the object type of `sha`, or undefined when it does not exist. */
export async function objectType(gitDir: string, sha: string): Promise<string | undefined> {
  if (!SHA_PATTERN.test(sha)) return undefined
  return (await objectInfo(gitDir, sha))?.type
}

/** Resolves a full ref name (`refs/heads/main`) to the id it holds (a tag's own id, unpeeled), or undefined. */
export async function readRef(gitDir: string, ref: string): Promise<string | undefined> {
  if (!ref.startsWith('refs/') || ref.includes(':') || ref.includes('^') || ref.includes('@{'))
    return undefined
  return (await objectInfo(gitDir, ref))?.oid
}

/** Lists refs whose full names start with `prefix` (`refs/heads/feat`), sorted by name. */
export async function listRefs(
  gitDir: string,
  prefix: string
): Promise<{ ref: string; sha: string; type: string }[]> {
  const out = await gitText(gitDir, ['for-each-ref', '--format=%(objectname) %(objecttype) %(refname)'])
  const refs: { ref: string; sha: string; type: string }[] = []
  for (const line of out.split('\n')) {
    if (!line) continue
    const [sha, type, ...rest] = line.split(' ')
    const ref = rest.join(' ')
    if (ref.startsWith(prefix)) refs.push({ ref, sha: sha as string, type: type as string })
  }
  return refs.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0))
}

/** Whether `name` is a valid full ref name (`git check-ref-format`). */
export async function isValidRefName(gitDir: string, name: string): Promise<boolean> {
  if (!name.startsWith('refs/') || name.startsWith('-')) return false
  // No `--`: git before 2.43 takes it as the ref name (usage error); `name` starts with `refs/`, never `-`.
  const { code } = await runGit(gitDir, ['check-ref-format', name], { okCodes: [1] })
  return code === 0
}

/**
 * Moves `ref` to `sha` only if it still points at `expected` (`null`: only if it does not exist). Returns false
 * when another writer got there first.
 */
export async function compareAndSwapRef(
  gitDir: string,
  ref: string,
  sha: string,
  expected: string | null
): Promise<boolean> {
  try {
    await runGit(gitDir, ['update-ref', '--no-deref', ref, sha, expected ?? '0'.repeat(40)])
    return true
  } catch (error) {
    if (error instanceof GitCommandError) return false
    throw error
  }
}

/** Deletes `ref` if it still points at `expected`. */
export async function deleteRef(gitDir: string, ref: string, expected: string): Promise<boolean> {
  try {
    await runGit(gitDir, ['update-ref', '--no-deref', '-d', ref, expected])
    return true
  } catch (error) {
    if (error instanceof GitCommandError) return false
    throw error
  }
}

/** Whether `ancestor` is an ancestor of (or equal to) `descendant`. */
export async function isAncestor(gitDir: string, ancestor: string, descendant: string): Promise<boolean> {
  const { code } = await runGit(gitDir, ['merge-base', '--is-ancestor', ancestor, descendant], {
    okCodes: [1]
  })
  return code === 0
}

/** Writes a blob and returns its id. */
export async function writeBlob(gitDir: string, content: Buffer): Promise<string> {
  return gitText(gitDir, ['hash-object', '-w', '--stdin', '--no-filters'], { input: content })
}

/** Writes many blobs with one git process (through temp files: `hash-object --stdin-paths`); ids in order. */
export async function writeBlobs(gitDir: string, contents: Buffer[]): Promise<string[]> {
  if (contents.length === 0) return []
  if (contents.length === 1) return [await writeBlob(gitDir, contents[0] as Buffer)]
  const dir = await mkdtemp(join(tmpdir(), 'emulator-blobs-'))
  try {
    const paths = await Promise.all(
      contents.map(async (content, index) => {
        const path = join(dir, String(index))
        await writeFile(path, content)
        return path
      })
    )
    const out = await gitText(gitDir, ['hash-object', '-w', '--no-filters', '--stdin-paths'], {
      input: `${paths.join('\n')}\n`
    })
    const ids = out.split('\n')
    if (ids.length !== contents.length)
      throw new Error(`git wrote ${ids.length} blobs for ${contents.length} contents`)
    return ids
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Reads a blob's bytes. */
export async function readBlob(gitDir: string, sha: string): Promise<Buffer> {
  const object = SHA_PATTERN.test(sha) ? await objectContents(gitDir, sha) : undefined
  if (object?.type !== 'blob') throw new Error(`${sha} is not a blob`)
  return object.content
}

/** Parses a raw tree object (`MODE NAME\0 20-byte-id` records). */
function parseTree(content: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = []
  let offset = 0
  while (offset < content.length) {
    const space = content.indexOf(32, offset)
    const nul = content.indexOf(0, space)
    const rawMode = content.subarray(offset, space).toString('ascii')
    const path = content.subarray(space + 1, nul).toString('utf8')
    const sha = content.subarray(nul + 1, nul + 21).toString('hex')
    offset = nul + 21
    const mode = rawMode.padStart(6, '0')
    const type: TreeEntry['type'] = mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob'
    entries.push({ mode, type, sha, path })
  }
  return entries
}

/** Reads one level of a tree (any tree-ish), with blob sizes when asked. */
async function readTreeLevel(
  gitDir: string,
  treeish: string,
  withSizes = true
): Promise<TreeEntry[] | undefined> {
  const object = await objectContents(gitDir, `${treeish}^{tree}`)
  if (object?.type !== 'tree') return undefined
  const entries = parseTree(object.content)
  if (!withSizes) return entries
  await Promise.all(
    entries
      .filter(entry => entry.type === 'blob')
      .map(async entry => {
        entry.size = (await objectInfo(gitDir, entry.sha))?.size ?? 0
      })
  )
  return entries
}

/** Lists a tree, one level or recursively (with the trees themselves, as GitHub lists them). */
export async function listTree(gitDir: string, treeish: string, recursive: boolean): Promise<TreeEntry[]> {
  if (!recursive && SHA_PATTERN.test(treeish)) {
    const level = await readTreeLevel(gitDir, treeish)
    if (!level) throw new Error(`${treeish} is not a tree-ish`)
    return level
  }
  const args = ['ls-tree', '-z', '--long', '--full-tree']
  if (recursive) args.push('-r', '-t')
  args.push(treeish)
  const { stdout } = await runGit(gitDir, args)
  const entries: TreeEntry[] = []
  for (const record of stdout.toString('utf8').split('\0')) {
    if (!record) continue
    const tab = record.indexOf('\t')
    const [mode, type, sha, size] = record.slice(0, tab).split(/\s+/) as [
      string,
      TreeEntry['type'],
      string,
      string
    ]
    const entry: TreeEntry = { mode, type, sha, path: record.slice(tab + 1) }
    if (type === 'blob') entry.size = Number(size)
    entries.push(entry)
  }
  return entries
}

/** Writes a tree from entries named directly in it (no `/`); checks that every non-gitlink object exists. */
export async function writeTree(gitDir: string, entries: TreeEntry[]): Promise<string> {
  const input = entries.map(entry => `${entry.mode} ${entry.type} ${entry.sha}\t${entry.path}\0`).join('')
  // `--missing` lets gitlinks (160000) name commits of other repositories; blobs and trees were checked by callers.
  return gitText(gitDir, ['mktree', '-z', '--missing'], { input })
}

/** Writes a commit object and returns its id. */
export async function writeCommit(
  gitDir: string,
  commit: { tree: string; parents: string[]; message: string; author: GitPerson; committer: GitPerson }
): Promise<string> {
  const args = ['commit-tree', commit.tree]
  for (const parent of commit.parents) args.push('-p', parent)
  return gitText(gitDir, args, {
    input: commit.message,
    env: {
      GIT_AUTHOR_NAME: commit.author.name,
      GIT_AUTHOR_EMAIL: commit.author.email,
      GIT_AUTHOR_DATE: `${commit.author.seconds} ${commit.author.timezone}`,
      GIT_COMMITTER_NAME: commit.committer.name,
      GIT_COMMITTER_EMAIL: commit.committer.email,
      GIT_COMMITTER_DATE: `${commit.committer.seconds} ${commit.committer.timezone}`
    }
  })
}

/** Reads and parses a commit object, or undefined when `sha` is not a commit. */
export async function readCommit(gitDir: string, sha: string): Promise<ParsedCommit | undefined> {
  if (!SHA_PATTERN.test(sha)) return undefined
  const object = await objectContents(gitDir, sha)
  if (object?.type !== 'commit') return undefined
  const text = object.content.toString('utf8')
  const split = text.indexOf('\n\n')
  const header = split >= 0 ? text.slice(0, split) : text
  const message = split >= 0 ? text.slice(split + 2) : ''
  const commit: ParsedCommit = {
    sha,
    tree: '',
    parents: [],
    author: emptyPerson(),
    committer: emptyPerson(),
    message,
    signed: false
  }
  for (const line of header.split('\n')) {
    if (line.startsWith(' ')) continue
    const space = line.indexOf(' ')
    const key = line.slice(0, space)
    const value = line.slice(space + 1)
    if (key === 'tree') commit.tree = value
    else if (key === 'parent') commit.parents.push(value)
    else if (key === 'author') commit.author = parsePerson(value)
    else if (key === 'committer') commit.committer = parsePerson(value)
    else if (key === 'gpgsig') commit.signed = true
  }
  return commit
}

/** Resolves a commit-ish (branch, tag, sha) to a commit id, or undefined. */
export async function resolveCommit(gitDir: string, rev: string): Promise<string | undefined> {
  if (!rev || rev.startsWith('-') || rev.includes(':')) return undefined
  const candidates = SHA_PATTERN.test(rev) ? [rev] : [`refs/heads/${rev}`, `refs/tags/${rev}`, rev]
  for (const candidate of candidates) {
    const info = await objectInfo(gitDir, `${candidate}^{commit}`)
    if (info?.type === 'commit') return info.oid
  }
  return undefined
}

/** Finds the entry at `path` inside the tree of `commit` (a commit id), or undefined. */
export async function entryAt(gitDir: string, commit: string, path: string): Promise<TreeEntry | undefined> {
  if (path === '') {
    const tree = await objectInfo(gitDir, `${commit}^{tree}`)
    return tree ? { mode: '040000', type: 'tree', sha: tree.oid, path: '' } : undefined
  }
  let treeish = commit
  const parts = path.split('/')
  for (let index = 0; index < parts.length; index++) {
    const level = await readTreeLevel(gitDir, treeish, false)
    const entry = level?.find(candidate => candidate.path === parts[index])
    if (!entry) return undefined
    if (index === parts.length - 1) {
      const size = entry.type === 'blob' ? (await objectInfo(gitDir, entry.sha))?.size : undefined
      return { ...entry, path, size }
    }
    if (entry.type !== 'tree') return undefined
    treeish = entry.sha
  }
  return undefined
}

function emptyPerson(): GitPerson {
  return { name: '', email: '', seconds: 0, timezone: '+0000' }
}

function parsePerson(value: string): GitPerson {
  const match = /^(.*) <([^>]*)> (\d+) ([+-]\d{4})$/.exec(value)
  if (!match) return { name: value, email: '', seconds: 0, timezone: '+0000' }
  return {
    name: match[1] as string,
    email: match[2] as string,
    seconds: Number(match[3]),
    timezone: match[4] as string
  }
}

/** Formats a person's date as GitHub does (ISO 8601, UTC `Z`). */
export function isoDate(person: GitPerson): string {
  return new Date(person.seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Reads the types of many objects in one `cat-file --batch-check`; missing objects map to undefined. */
export async function objectTypes(gitDir: string, shas: string[]): Promise<Map<string, string | undefined>> {
  const unique = [...new Set(shas)].filter(sha => SHA_PATTERN.test(sha))
  const types = new Map<string, string | undefined>()
  if (unique.length === 0) return types
  const out = await gitText(gitDir, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    input: `${unique.join('\n')}\n`
  })
  out.split('\n').forEach((line, index) => {
    const [sha, type] = line.split(' ')
    types.set(
      unique[index] as string,
      type === 'missing' || !type || sha !== unique[index] ? undefined : type
    )
  })
  return types
}

/** A change to one path of a tree: a new entry, or null to delete what is there. */
export interface TreeEdit {
  /** Slash-separated path, already validated. */
  path: string
  /** The entry to place (`sha` already written), or null to delete. */
  entry: { mode: string; type: TreeEntry['type']; sha: string } | null
}

/**
 * Applies edits to `baseTree` (null: start empty) and writes every tree that changed, innermost first, with
 * `git mktree`. Directories left empty disappear, as they do in git. Returns the new root tree id.
 */
export async function editTree(gitDir: string, baseTree: string | null, edits: TreeEdit[]): Promise<string> {
  const split = edits.map(edit => ({ parts: edit.path.split('/'), entry: edit.entry }))
  return (await buildTree(gitDir, baseTree, split)) ?? (await writeTree(gitDir, []))
}

async function buildTree(
  gitDir: string,
  baseTree: string | null,
  edits: { parts: string[]; entry: TreeEdit['entry'] }[]
): Promise<string | null> {
  const entries = new Map<string, TreeEntry>()
  if (baseTree) for (const entry of await listTree(gitDir, baseTree, false)) entries.set(entry.path, entry)
  const nested = new Map<string, { parts: string[]; entry: TreeEdit['entry'] }[]>()
  for (const edit of edits) {
    const [name, ...rest] = edit.parts as [string, ...string[]]
    if (rest.length === 0) {
      if (edit.entry) entries.set(name, { ...edit.entry, path: name })
      else entries.delete(name)
    } else {
      const list = nested.get(name) ?? []
      list.push({ parts: rest, entry: edit.entry })
      nested.set(name, list)
    }
  }
  // Sibling directories are independent: build them side by side.
  const children = await Promise.all(
    [...nested].map(async ([name, childEdits]) => {
      const existing = entries.get(name)
      const childBase = existing?.type === 'tree' ? existing.sha : null
      // Deleting below a path that is absent or is a file changes nothing.
      if (!childBase && childEdits.every(edit => edit.entry === null))
        return { name, unchanged: true, sha: null }
      return { name, unchanged: false, sha: await buildTree(gitDir, childBase, childEdits) }
    })
  )
  for (const child of children) {
    if (child.unchanged) continue
    if (child.sha) entries.set(child.name, { mode: '040000', type: 'tree', sha: child.sha, path: child.name })
    else entries.delete(child.name)
  }
  if (entries.size === 0) return null
  return writeTree(gitDir, [...entries.values()])
}

/** A parsed annotated tag object. */
export interface ParsedTag {
  /** Its id. */
  sha: string
  /** The tagged object's id. */
  object: string
  /** The tagged object's type. */
  type: string
  /** The tag name. */
  tag: string
  /** The tagger (absent in some old tags). */
  tagger?: GitPerson
  /** The message. */
  message: string
}

/** Reads and parses an annotated tag object, or undefined when `sha` is not one. */
export async function readTag(gitDir: string, sha: string): Promise<ParsedTag | undefined> {
  if (!SHA_PATTERN.test(sha)) return undefined
  const object = await objectContents(gitDir, sha)
  if (object?.type !== 'tag') return undefined
  const text = object.content.toString('utf8')
  const split = text.indexOf('\n\n')
  const header = split >= 0 ? text.slice(0, split) : text
  const tag: ParsedTag = {
    sha,
    object: '',
    type: '',
    tag: '',
    message: split >= 0 ? text.slice(split + 2) : ''
  }
  for (const line of header.split('\n')) {
    const space = line.indexOf(' ')
    const key = line.slice(0, space)
    const value = line.slice(space + 1)
    if (key === 'object') tag.object = value
    else if (key === 'type') tag.type = value
    else if (key === 'tag') tag.tag = value
    else if (key === 'tagger') tag.tagger = parsePerson(value)
  }
  return tag
}

/**
 * One long-running `git cat-file --batch-command` per repository: reading objects and resolving revisions without
 * spawning a git process per request (the API's reads are dominated by these lookups).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { EMULATOR_GIT_ENV } from './git-runner.js'

/** What `cat-file` reports about an object. */
export interface ObjectInfo {
  /** The object id. */
  oid: string
  /** `blob`, `tree`, `commit` or `tag`. */
  type: string
  /** Size in bytes. */
  size: number
}

interface Pending {
  kind: 'info' | 'contents'
  resolve(value: (ObjectInfo & { content?: Buffer }) | undefined): void
  reject(error: Error): void
}

class BatchReader {
  private child?: ChildProcessWithoutNullStreams
  private buffer: Buffer = Buffer.alloc(0)
  private readonly pending: Pending[] = []

  constructor(private readonly gitDir: string) {}

  request(kind: 'info' | 'contents', rev: string): Promise<(ObjectInfo & { content?: Buffer }) | undefined> {
    // A newline would end the command early and smuggle in another one.
    if (/[\n\r\0]/.test(rev) || rev.length === 0) return Promise.resolve(undefined)
    const child = this.ensure()
    return new Promise((resolve, reject) => {
      this.pending.push({ kind, resolve, reject })
      child.stdin.write(`${kind} ${rev}\n`)
    })
  }

  close(): void {
    const child = this.child
    this.child = undefined
    if (child && child.exitCode === null) child.kill()
    this.fail(new Error('the object reader was closed'))
  }

  private ensure(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child
    const child = spawn('git', [`--git-dir=${this.gitDir}`, 'cat-file', '--batch-command'], {
      env: EMULATOR_GIT_ENV,
      stdio: ['pipe', 'pipe', 'pipe']
    })
    this.child = child
    this.buffer = Buffer.alloc(0)
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk
      this.drain()
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.stdin.on('error', () => undefined)
    const gone = (reason: string) => {
      if (this.child === child) this.child = undefined
      this.fail(new Error(`git cat-file stopped (${reason}): ${stderr.trim()}`))
    }
    child.on('error', error => gone(error.message))
    child.on('exit', (code, signal) => gone(`exit ${code ?? signal}`))
    // The reader must not keep a test process or the CLI alive on its own.
    child.unref()
    for (const stream of [child.stdin, child.stdout, child.stderr]) {
      ;(stream as unknown as { unref?: () => void }).unref?.()
    }
    return child
  }

  private drain(): void {
    while (this.pending.length) {
      const newline = this.buffer.indexOf(10)
      if (newline < 0) return
      const header = this.buffer.subarray(0, newline).toString('utf8')
      const head = this.pending[0] as Pending
      if (/ (missing|ambiguous)$/.test(header)) {
        this.buffer = this.buffer.subarray(newline + 1)
        this.pending.shift()
        head.resolve(undefined)
        continue
      }
      const [oid, type, sizeText] = header.split(' ') as [string, string, string]
      const size = Number(sizeText)
      if (head.kind === 'info') {
        this.buffer = this.buffer.subarray(newline + 1)
        this.pending.shift()
        head.resolve({ oid, type, size })
        continue
      }
      if (this.buffer.length < newline + 1 + size + 1) return
      const content = Buffer.from(this.buffer.subarray(newline + 1, newline + 1 + size))
      this.buffer = this.buffer.subarray(newline + 1 + size + 1)
      this.pending.shift()
      head.resolve({ oid, type, size, content })
    }
  }

  private fail(error: Error): void {
    for (const pending of this.pending.splice(0)) pending.reject(error)
  }
}

const readers = new Map<string, BatchReader>()

function readerFor(gitDir: string): BatchReader {
  let reader = readers.get(gitDir)
  if (!reader) {
    reader = new BatchReader(gitDir)
    readers.set(gitDir, reader)
  }
  return reader
}

/** Resolves a revision expression (`SHA`, `refs/heads/x^{commit}`, `SHA:path`) to its object, or undefined. */
export function objectInfo(gitDir: string, rev: string): Promise<ObjectInfo | undefined> {
  return readerFor(gitDir).request('info', rev)
}

/** Reads an object's bytes, or undefined when it does not exist. */
export async function objectContents(
  gitDir: string,
  rev: string
): Promise<(ObjectInfo & { content: Buffer }) | undefined> {
  const result = await readerFor(gitDir).request('contents', rev)
  return result as (ObjectInfo & { content: Buffer }) | undefined
}

/** Stops the reader of a repository (the next read starts a new one). */
export function closeObjectReader(gitDir: string): void {
  readers.get(gitDir)?.close()
  readers.delete(gitDir)
}

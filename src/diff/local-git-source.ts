/**
 * A BaseSource over a local git repository (the checkout a CI job has): entries from `git ls-tree`, bytes from one
 * `git cat-file --batch` process, so that committing through the API reads nothing over the network.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { promisify } from 'node:util'
import { InvalidInputError } from '../errors.js'
import type { BaseDirectory, BaseEntry, BaseSource } from './apply.js'
import type { FileMode } from './parse.js'

const execFileAsync = promisify(execFile)

/** Git environment that ignores user configuration and treats pathspecs literally. */
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_LITERAL_PATHSPECS: '1', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' }
}

async function git(cwd: string, args: string[]): Promise<Buffer> {
  const { stdout } = await execFileAsync('git', args, {
    cwd,
    env: gitEnv(),
    encoding: 'buffer',
    maxBuffer: 1024 * 1024 * 1024
  })
  return stdout
}

/** Whether `commit` exists as a commit in the repository at `cwd` (false for a shallow clone that lacks it). */
export async function hasLocalCommit(cwd: string, commit: string): Promise<boolean> {
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) return false
  try {
    await git(cwd, ['cat-file', '-e', `${commit}^{commit}`])
    return true
  } catch {
    return false
  }
}

/** Reads blobs through one long-lived `git cat-file --batch`. */
class CatFileBatch {
  private process?: ChildProcessWithoutNullStreams
  /** What git wrote and no read has taken yet, as it arrived: joined once, when a read needs it whole. */
  private chunks: Buffer[] = []
  private buffered = 0
  private waiters: Array<() => void> = []
  private queue: Promise<unknown> = Promise.resolve()
  private failure?: Error

  constructor(private readonly cwd: string) {}

  private start(): ChildProcessWithoutNullStreams {
    if (this.process) return this.process
    const child = spawn('git', ['cat-file', '--batch'], { cwd: this.cwd, env: gitEnv(), stdio: 'pipe' })
    child.stdout.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk)
      this.buffered += chunk.length
      this.wake()
    })
    child.on('error', error => {
      this.failure = error
      this.wake()
    })
    child.on('exit', () => {
      this.failure ??= new Error('git cat-file --batch exited')
      this.wake()
    })
    child.stderr.resume()
    this.process = child
    return child
  }

  private wake(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const w of waiters) w()
  }

  private async need(bytes: number): Promise<void> {
    while (this.buffered < bytes) {
      if (this.failure) throw this.failure
      await new Promise<void>(resolve => this.waiters.push(resolve))
    }
  }

  /** Everything buffered, as one buffer. */
  private joined(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)]
    return this.chunks[0]
  }

  /** Drops the first `bytes` buffered bytes. */
  private consume(bytes: number): void {
    const rest = this.joined().subarray(bytes)
    this.chunks = rest.length ? [rest] : []
    this.buffered = rest.length
  }

  /** The bytes of the object `sha`; InvalidInputError when the repository lacks it. */
  read(sha: string): Promise<Buffer> {
    const run = this.queue.then(async () => {
      const child = this.start()
      child.stdin.write(`${sha}\n`)
      let nl: number
      for (;;) {
        nl = this.joined().indexOf(0x0a)
        if (nl >= 0) break
        await this.need(this.buffered + 1)
      }
      const header = this.joined().subarray(0, nl).toString('utf8')
      if (header.endsWith(' missing')) {
        this.consume(nl + 1)
        throw new InvalidInputError(
          `The local repository has no object ${sha}: fetch it, or read through the API.`
        )
      }
      const size = Number(header.split(' ')[2])
      await this.need(nl + 1 + size + 1)
      // A copy: a view would keep the whole chunk git's output arrived in.
      const content = Buffer.from(this.joined().subarray(nl + 1, nl + 1 + size))
      this.consume(nl + 1 + size + 1)
      return content
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  /** Ends the process. */
  close(): void {
    this.process?.stdin.end()
    this.process = undefined
  }
}

/** A BaseSource reading the tree of one commit of a local repository. Call close() when done. */
export class LocalGitBaseSource implements BaseSource {
  private readonly batch: CatFileBatch
  private readonly cache = new Map<string, BaseEntry | BaseDirectory | undefined>()

  /** `cwd`: the repository (or a directory inside it); `commit`: the base commit, which must exist locally. */
  constructor(
    private readonly cwd: string,
    private readonly commit: string
  ) {
    this.batch = new CatFileBatch(cwd)
  }

  async stat(path: string): Promise<BaseEntry | BaseDirectory | undefined> {
    return (await this.statMany([path])).get(path)
  }

  async statMany(paths: string[]): Promise<Map<string, BaseEntry | BaseDirectory | undefined>> {
    const missing = paths.filter(p => !this.cache.has(p))
    // Chunked so that a large diff stays under the command-line limit.
    for (let i = 0; i < missing.length; i += 500) {
      const chunk = missing.slice(i, i + 500)
      for (const p of chunk) this.cache.set(p, undefined)
      // -t: with several paths git lists what is inside a directory named, and its tree only with -t.
      for (const { path, mode, sha } of await this.lsTree(['-t', '--', ...chunk])) {
        this.cache.set(path, mode === '040000' ? { mode, sha } : { mode: mode as FileMode, sha })
      }
    }
    return new Map(paths.map(p => [p, this.cache.get(p)]))
  }

  async filesUnder(directory: string): Promise<string[]> {
    return (await this.lsTree(['-r', '--', `${directory}/`])).map(e => e.path)
  }

  private async lsTree(args: string[]): Promise<Array<{ path: string; mode: string; sha: string }>> {
    const out = await git(this.cwd, ['ls-tree', '-z', '--full-tree', this.commit, ...args])
    return out
      .toString('utf8')
      .split('\0')
      .filter(Boolean)
      .map(record => {
        const tab = record.indexOf('\t')
        const [mode, , sha] = record.slice(0, tab).split(' ')
        return { path: record.slice(tab + 1), mode, sha }
      })
  }

  read(_path: string, entry: BaseEntry): Promise<Buffer> {
    return this.batch.read(entry.sha)
  }

  /** Ends the `git cat-file` process. */
  close(): void {
    this.batch.close()
  }
}

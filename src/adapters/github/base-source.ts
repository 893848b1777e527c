/**
 * BaseSources for committing through the API: one that reads the base tree and blobs over the GitHub API, and a
 * chooser that prefers the local checkout (CI) when it holds the base commit, so only writes go over the network.
 */
import { gitBlobSha, type BaseDirectory, type BaseEntry, type BaseSource } from '../../diff/apply.js'
import { LocalGitBaseSource, hasLocalCommit } from '../../diff/local-git-source.js'
import type { FileMode } from '../../diff/parse.js'
import { MAX_FILE_BYTES } from '../../diff/limits.js'
import { FileTooLargeError } from './errors.js'
import type { GitHubClient } from '../../github/client.js'

/** A BaseSource that can be closed (ends processes it started). */
export interface ClosableBaseSource extends BaseSource {
  /** Where the bytes come from, for logs and benchmarks: `api` or `local-git`. */
  readonly kind: 'api' | 'local-git'
  /** Releases what the source holds. */
  close(): void
}

/** Makes the BaseSource for a base commit (and its tree). */
export type BaseSourceFactory = (commit: string, tree: string) => Promise<ClosableBaseSource>

/** The largest blob the blobs API returns. */
export const MAX_BLOB_BYTES = MAX_FILE_BYTES

interface TreeItem {
  path?: string
  mode?: string
  type?: string
  sha?: string
}

/**
 * Lists a tree, recursively (files and directories), with as few requests as GitHub allows: one recursive request, and when GitHub
 * truncates it (100,000 entries / 7 MB), each subtree walked on its own so that nothing is missed.
 */
async function listTree(
  client: GitHubClient,
  treeSha: string,
  onlyUnder?: Set<string>
): Promise<Map<string, BaseEntry | BaseDirectory>> {
  const out = new Map<string, BaseEntry | BaseDirectory>()
  const { owner, repo, octokit } = client
  const walk = async (sha: string, prefix: string, recursive: boolean): Promise<void> => {
    const { data } = await octokit.rest.git.getTree({
      owner,
      repo,
      tree_sha: sha,
      ...(recursive ? { recursive: 'true' } : {})
    })
    // Truncated: the listing is incomplete. List this level alone, then each subtree on its own (recursively),
    // skipping subtrees that hold no path we need.
    if (recursive && data.truncated) return walk(sha, prefix, false)
    const subtrees: Array<{ sha: string; path: string }> = []
    for (const item of data.tree as TreeItem[]) {
      if (!item.path || !item.sha) continue
      const path = prefix + item.path
      if (item.type === 'tree') {
        subtrees.push({ sha: item.sha, path })
        out.set(path, { mode: '040000', sha: item.sha })
      } else out.set(path, { mode: item.mode as FileMode, sha: item.sha })
    }
    if (recursive) return
    for (const sub of subtrees) {
      if (onlyUnder && ![...onlyUnder].some(p => p === sub.path || p.startsWith(`${sub.path}/`))) continue
      await walk(sub.sha, `${sub.path}/`, true)
    }
  }
  await walk(treeSha, '', true)
  return out
}

/** The files of a tree, recursively (see listTree): blobs, symlinks and submodules, not directories. */
export async function listTreeRecursive(
  client: GitHubClient,
  treeSha: string,
  onlyUnder?: Set<string>
): Promise<Map<string, BaseEntry>> {
  const files = new Map<string, BaseEntry>()
  for (const [path, entry] of await listTree(client, treeSha, onlyUnder)) {
    if (entry.mode !== '040000') files.set(path, entry)
  }
  return files
}

/** A BaseSource over the GitHub API: the tree listed once, blobs fetched only for files whose bytes are needed. */
export class GitHubApiBaseSource implements ClosableBaseSource {
  readonly kind = 'api' as const
  private entries?: Promise<Map<string, BaseEntry | BaseDirectory>>
  private graphqlUsable = true

  constructor(
    private readonly client: GitHubClient,
    private readonly treeSha: string
  ) {}

  private list(paths: string[]): Promise<Map<string, BaseEntry | BaseDirectory>> {
    this.entries ??= listTree(this.client, this.treeSha, new Set(paths))
    return this.entries
  }

  async stat(path: string): Promise<BaseEntry | BaseDirectory | undefined> {
    return (await this.list([path])).get(path)
  }

  async statMany(paths: string[]): Promise<Map<string, BaseEntry | BaseDirectory | undefined>> {
    const entries = await this.list(paths)
    return new Map(paths.map(p => [p, entries.get(p)]))
  }

  /** Lists the directory's own tree: the listing made for statMany may have skipped it when GitHub truncated. */
  async filesUnder(directory: string): Promise<string[]> {
    const entry = (await this.list([directory])).get(directory)
    if (entry?.mode !== '040000') return []
    return [...(await listTreeRecursive(this.client, entry.sha)).keys()].map(p => `${directory}/${p}`)
  }

  /**
   * Reads blobs in GraphQL batches of 100 (one request instead of one per file). GraphQL gives text only, so a
   * blob whose text does not hash back to its id (binary, truncated, not UTF-8) is read over REST instead; so is
   * everything when GraphQL is unavailable.
   */
  async readMany(entries: Array<{ path: string; entry: BaseEntry }>): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>()
    const unique = [...new Map(entries.map(e => [e.entry.sha, e])).values()]
    if (unique.length > 1 && this.graphqlUsable) {
      for (let i = 0; i < unique.length && this.graphqlUsable; i += 100) {
        const batch = unique.slice(i, i + 100)
        const fields = batch
          .map((e, j) => `b${j}: object(oid: "${e.entry.sha}") { ... on Blob { text isBinary isTruncated } }`)
          .join('\n')
        try {
          const data = await this.client.graphql<{
            repository: Record<
              string,
              { text: string | null; isBinary: boolean; isTruncated: boolean } | null
            >
          }>(
            `query ($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`,
            {
              owner: this.client.owner,
              name: this.client.repo
            }
          )
          batch.forEach((e, j) => {
            const blob = data.repository?.[`b${j}`]
            if (!blob || blob.text === null || blob.isBinary || blob.isTruncated) return
            const bytes = Buffer.from(blob.text, 'utf8')
            if (gitBlobSha(bytes) === e.entry.sha) out.set(e.entry.sha, bytes)
          })
        } catch {
          // GraphQL refused (GHES without the field, the emulator, a permission): fall back to REST for the rest.
          this.graphqlUsable = false
        }
      }
    }
    for (const e of unique) if (!out.has(e.entry.sha)) out.set(e.entry.sha, await this.read(e.path, e.entry))
    return out
  }

  async read(path: string, entry: BaseEntry): Promise<Buffer> {
    const { data } = await this.client.octokit.rest.git.getBlob({
      owner: this.client.owner,
      repo: this.client.repo,
      file_sha: entry.sha
    })
    if (data.size !== undefined && data.size !== null && data.size > MAX_BLOB_BYTES) {
      throw new FileTooLargeError(path, data.size)
    }
    return Buffer.from(data.content, (data.encoding as BufferEncoding) === 'utf-8' ? 'utf8' : 'base64')
  }

  close(): void {}
}

/** The local-git source with the `kind` and `close` a ClosableBaseSource has. */
class LocalSource extends LocalGitBaseSource implements ClosableBaseSource {
  readonly kind = 'local-git' as const
}

/**
 * The BaseSource factory of an adapter: the local repository at `localRepository` when it holds the base commit
 * (a CI checkout), else the API. Without `localRepository`, always the API.
 */
export function baseSourceFactory(client: GitHubClient, localRepository?: string): BaseSourceFactory {
  return async (commit, tree) => {
    if (localRepository && (await hasLocalCommit(localRepository, commit))) {
      return new LocalSource(localRepository, commit)
    }
    return new GitHubApiBaseSource(client, tree)
  }
}

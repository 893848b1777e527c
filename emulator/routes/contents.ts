/** Contents API: get (1 MB rule, raw media type), put (`sha` required to update, 409 when stale), delete. */
import type { CoreContext, CoreRoute } from '../core-types.js'
import {
  entryAt,
  listTree,
  readBlob,
  readRef,
  resolveCommit,
  writeBlob,
  type ParsedCommit,
  type TreeEntry
} from '../git-data.js'
import { ApiError, notFound } from '../http.js'
import { gitUser, nodeId, verificationJson } from '../objects.js'
import { checkEntryPath } from '../paths.js'
import { commitOnBranch } from './commit-on-branch.js'
import { commitIdentities, decodeBase64, wrappedBase64 } from './git-objects.js'

/** Files above this size come back without content (GitHub: 1 MB). */
const INLINE_LIMIT = 1024 * 1024
/** Files above this size cannot be read through the Contents API at all (GitHub: 100 MB). */
const MAX_SIZE = 100 * 1024 * 1024

function isRaw(ctx: CoreContext): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(ctx.req.headers.accept ?? '')
}

function contentType(entry: TreeEntry): 'file' | 'dir' | 'symlink' | 'submodule' {
  if (entry.type === 'tree') return 'dir'
  if (entry.type === 'commit') return 'submodule'
  return entry.mode === '120000' ? 'symlink' : 'file'
}

/** The fields every content object shares (`name`, `path`, `sha`, URLs and `_links`). */
function contentBase(ctx: CoreContext, entry: TreeEntry, path: string, ref: string): Record<string, unknown> {
  const api = `${ctx.core.services.url}/repos/${ctx.repo.fullName}`
  const type = contentType(entry)
  const encodedPath = path.split('/').map(encodeURIComponent).join('/')
  const url = `${api}/contents/${encodedPath}?ref=${encodeURIComponent(ref)}`
  const gitUrl =
    type === 'dir'
      ? `${api}/git/trees/${entry.sha}`
      : type === 'submodule'
        ? null
        : `${api}/git/blobs/${entry.sha}`
  const htmlUrl =
    type === 'submodule'
      ? null
      : `${ctx.core.services.url}/${ctx.repo.fullName}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${encodedPath}`
  return {
    type,
    size: entry.type === 'blob' ? (entry.size ?? 0) : 0,
    name: path.split('/').pop() ?? path,
    path,
    sha: entry.sha,
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url:
      type === 'file' || type === 'symlink'
        ? `${ctx.core.services.url}/raw/${ctx.repo.fullName}/${encodeURIComponent(ref)}/${encodedPath}`
        : null,
    _links: { self: url, git: gitUrl, html: htmlUrl }
  }
}

async function fileJson(
  ctx: CoreContext,
  entry: TreeEntry,
  path: string,
  ref: string
): Promise<Record<string, unknown>> {
  const base = contentBase(ctx, entry, path, ref)
  const type = base.type
  if (type === 'submodule')
    return { ...base, submodule_git_url: `${ctx.core.services.url}/unknown-submodule.git` }
  if (type === 'symlink') {
    return { ...base, target: (await readBlob(ctx.repo.gitDir, entry.sha)).toString('utf8') }
  }
  const size = entry.size ?? 0
  if (size > INLINE_LIMIT) return { ...base, content: '', encoding: 'none' }
  return { ...base, content: wrappedBase64(await readBlob(ctx.repo.gitDir, entry.sha)), encoding: 'base64' }
}

/** `commit` object of a `file-commit` reply. */
function fileCommitJson(ctx: CoreContext, commit: ParsedCommit): Record<string, unknown> {
  const api = `${ctx.core.services.url}/repos/${ctx.repo.fullName}`
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    url: `${api}/git/commits/${commit.sha}`,
    html_url: `${ctx.core.services.url}/${ctx.repo.fullName}/commit/${commit.sha}`,
    author: gitUser(commit.author),
    committer: gitUser(commit.committer),
    message: commit.message.replace(/\n$/, ''),
    tree: { url: `${api}/git/trees/${commit.tree}`, sha: commit.tree },
    parents: commit.parents.map(sha => ({
      url: `${api}/git/commits/${sha}`,
      html_url: `${ctx.core.services.url}/${ctx.repo.fullName}/commit/${sha}`,
      sha
    })),
    verification: verificationJson(commit)
  }
}

async function branchHead(
  ctx: CoreContext,
  branch: string | undefined
): Promise<{ branch: string; head: string }> {
  const name = branch ?? ctx.repo.defaultBranch
  const head = await readRef(ctx.repo.gitDir, `refs/heads/${name}`)
  if (!head) throw new ApiError(404, `Branch ${name} not found`)
  return { branch: name, head }
}

/** The contents routes. */
export function contentsRoutes(): CoreRoute[] {
  return [
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/contents/{path}',
      operationId: 'repos/get-content',
      kind: 'read',
      permission: 'contents',
      async handler(ctx) {
        const path = (ctx.params.path ?? '').replace(/^\/+|\/+$/g, '')
        const ref = ctx.query.get('ref') || ctx.repo.defaultBranch
        const commit = await resolveCommit(ctx.repo.gitDir, ref)
        if (!commit) throw new ApiError(404, `No commit found for the ref ${ref}`)
        if (path) checkEntryPath(path, 'path')
        const entry = await entryAt(ctx.repo.gitDir, commit, path)
        if (!entry) throw notFound()
        if (entry.type === 'tree') {
          const children = await listTree(ctx.repo.gitDir, entry.sha, false)
          const body = children.map(child => {
            const childPath = path ? `${path}/${child.path}` : child.path
            return contentBase(ctx, { ...child, path: childPath }, childPath, ref)
          })
          return { status: 200, body }
        }
        if (entry.type === 'blob' && (entry.size ?? 0) > MAX_SIZE) {
          throw new ApiError(
            403,
            'This API returns blobs up to 100 MB in size. The requested blob is too large to fetch via the API, but you can use the Git Data API to request blobs up to 100 MB in size.',
            {
              errors: [{ resource: 'Blob', field: 'data', code: 'too_large' }]
            }
          )
        }
        if (isRaw(ctx) && entry.type === 'blob') {
          return {
            status: 200,
            body: await readBlob(ctx.repo.gitDir, entry.sha),
            headers: { 'content-type': 'application/vnd.github.raw' }
          }
        }
        return { status: 200, body: await fileJson(ctx, entry, path, ref) }
      }
    },
    {
      method: 'PUT',
      path: '/repos/{owner}/{repo}/contents/{path}',
      operationId: 'repos/create-or-update-file-contents',
      kind: 'write',
      permission: 'contents',
      async handler(ctx) {
        const body = ctx.body as {
          message: string
          content: string
          sha?: string
          branch?: string
          author?: unknown
          committer?: unknown
        }
        const path = checkEntryPath((ctx.params.path ?? '').replace(/^\/+/, ''), 'path')
        const bytes = decodeBase64(body.content, 'content')
        const identities = commitIdentities(ctx, body.author, body.committer)
        return ctx.state.exclusive(async () => {
          const { branch, head } = await branchHead(ctx, body.branch)
          const existing = await entryAt(ctx.repo.gitDir, head, path)
          if (existing && existing.type !== 'blob')
            throw new ApiError(422, `${path} is a ${contentType(existing)}, not a file`)
          if (existing && body.sha === undefined)
            throw new ApiError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.')
          if (existing && body.sha !== existing.sha)
            throw new ApiError(409, `${path} does not match ${body.sha}`)
          if (!existing && body.sha !== undefined)
            throw new ApiError(409, `${path} does not match ${body.sha}`)
          const blob = await writeBlob(ctx.repo.gitDir, bytes)
          const mode = existing?.mode ?? '100644'
          const commit = await commitOnBranch(ctx, {
            branch,
            parent: head,
            edits: [{ path, entry: { mode, type: 'blob', sha: blob } }],
            message: body.message,
            ...identities
          })
          const entry: TreeEntry = { mode, type: 'blob', sha: blob, path, size: bytes.length }
          const content = contentBase(ctx, entry, path, branch)
          return { status: existing ? 200 : 201, body: { content, commit: fileCommitJson(ctx, commit) } }
        })
      }
    },
    {
      method: 'DELETE',
      path: '/repos/{owner}/{repo}/contents/{path}',
      operationId: 'repos/delete-file',
      kind: 'write',
      permission: 'contents',
      async handler(ctx) {
        const body = (ctx.body ?? {}) as {
          message?: string
          sha?: string
          branch?: string
          author?: unknown
          committer?: unknown
        }
        const path = checkEntryPath((ctx.params.path ?? '').replace(/^\/+/, ''), 'path')
        if (typeof body.message !== 'string')
          throw new ApiError(422, 'Invalid request.\n\n"message" wasn\'t supplied.')
        if (typeof body.sha !== 'string')
          throw new ApiError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.')
        const identities = commitIdentities(ctx, body.author, body.committer)
        return ctx.state.exclusive(async () => {
          const { branch, head } = await branchHead(ctx, body.branch)
          const existing = await entryAt(ctx.repo.gitDir, head, path)
          if (!existing || existing.type !== 'blob') throw notFound()
          if (body.sha !== existing.sha) throw new ApiError(409, `${path} does not match ${body.sha}`)
          const commit = await commitOnBranch(ctx, {
            branch,
            parent: head,
            edits: [{ path, entry: null }],
            message: body.message as string,
            ...identities
          })
          return { status: 200, body: { content: null, commit: fileCommitJson(ctx, commit) } }
        })
      }
    }
  ]
}

/** Git Data API: blobs, trees and commits, each a real git object. */
import type { CoreContext, CoreRoute } from '../core-types.js'
import {
  editTree,
  isoDate,
  listTree,
  objectType,
  objectTypes,
  readBlob,
  readCommit,
  readTag,
  resolveCommit,
  SHA_PATTERN,
  writeBlob,
  writeBlobs,
  writeCommit,
  type GitPerson,
  type TreeEdit,
  type TreeEntry
} from '../git-data.js'
import { ApiError, notFound } from '../http.js'
import { ACTOR_LOGIN, gitCommitJson, nodeId, WEB_FLOW } from '../objects.js'
import { checkEntryPath } from '../paths.js'

/** Modes a tree entry may have, with the object type each requires. */
const MODE_TYPES: Record<string, TreeEntry['type']> = {
  '100644': 'blob',
  '100755': 'blob',
  '120000': 'blob',
  '040000': 'tree',
  '160000': 'commit'
}

/** Base64 as GitHub returns it: lines of 60 characters, each ending with a newline. */
export function wrappedBase64(content: Buffer): string {
  const flat = content.toString('base64')
  let out = ''
  for (let index = 0; index < flat.length; index += 60) out += `${flat.slice(index, index + 60)}\n`
  return out
}

/** Decodes base64 strictly (newlines allowed), or throws 422. */
export function decodeBase64(text: string, field: string): Buffer {
  const compact = text.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new ApiError(422, `${field} is not valid Base64`)
  }
  return Buffer.from(compact, 'base64')
}

/** The identity GitHub records for the token's user when a request names none. */
export function actorPerson(seconds: number): GitPerson {
  return {
    name: ACTOR_LOGIN,
    email: '41898282+github-actions[bot]@users.noreply.github.com',
    seconds,
    timezone: '+0000'
  }
}

/** Parses `{name, email, date}` from a request; throws 422 when it is incomplete. */
export function personFrom(value: unknown, field: string, fallbackSeconds: number): GitPerson | undefined {
  if (value === undefined || value === null) return undefined
  const { name, email, date } = value as { name?: string; email?: string; date?: string }
  if (!name || !email)
    throw new ApiError(422, `Invalid request.\n\n"name" and "email" are required in ${field}.`)
  if (/[<>\n]/.test(name) || /[<>\n]/.test(email))
    throw new ApiError(422, `${field} name or email is malformed`)
  let seconds = fallbackSeconds
  let timezone = '+0000'
  if (date) {
    const parsed = Date.parse(date)
    if (Number.isNaN(parsed)) throw new ApiError(422, `${field}.date is not a valid ISO 8601 timestamp`)
    seconds = Math.floor(parsed / 1000)
    const zone = /([+-])(\d{2}):?(\d{2})$/.exec(date)
    if (zone) timezone = `${zone[1]}${zone[2]}${zone[3]}`
  }
  return { name, email, seconds, timezone }
}

/** The authors GitHub records: explicit ones as given; none → the actor, committed and signed by GitHub. */
export function commitIdentities(
  ctx: CoreContext,
  author: unknown,
  committer: unknown
): { author: GitPerson; committer: GitPerson } {
  const seconds = Math.floor(ctx.core.services.now() / 1000)
  const explicitAuthor = personFrom(author, 'author', seconds)
  const explicitCommitter = personFrom(committer, 'committer', seconds)
  if (!explicitAuthor && !explicitCommitter) {
    return { author: actorPerson(seconds), committer: { ...WEB_FLOW, seconds, timezone: '+0000' } }
  }
  const resolvedAuthor = explicitAuthor ?? (explicitCommitter as GitPerson)
  return { author: resolvedAuthor, committer: explicitCommitter ?? resolvedAuthor }
}

/** `git-tree` for a tree (recursive or not), truncated past the configured limit. */
export async function treeJson(
  ctx: CoreContext,
  sha: string,
  recursive: boolean
): Promise<Record<string, unknown>> {
  const url = `${ctx.core.services.url}/repos/${ctx.repo.fullName}/git`
  const entries = await listTree(ctx.repo.gitDir, sha, recursive)
  const items: Record<string, unknown>[] = []
  let bytes = 0
  let truncated = false
  for (const entry of entries) {
    const item: Record<string, unknown> = {
      path: entry.path,
      mode: entry.mode,
      type: entry.type,
      sha: entry.sha
    }
    if (entry.type === 'blob') {
      item.size = entry.size
      item.url = `${url}/blobs/${entry.sha}`
    } else if (entry.type === 'tree') item.url = `${url}/trees/${entry.sha}`
    // GitHub cuts a recursive listing at a number of entries or at a response size, whichever comes first.
    bytes += JSON.stringify(item).length + 1
    if (recursive && (items.length >= ctx.core.treeTruncateAt || bytes > ctx.core.treeTruncateBytes)) {
      truncated = true
      break
    }
    items.push(item)
  }
  return { sha, url: `${url}/trees/${sha}`, tree: items, truncated }
}

/** Blob, tree and commit routes. */
export function gitObjectRoutes(): CoreRoute[] {
  return [
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/git/blobs',
      operationId: 'git/create-blob',
      kind: 'write',
      permission: 'contents',
      async handler(ctx) {
        const { content, encoding = 'utf-8' } = ctx.body as { content: string; encoding?: string }
        let bytes: Buffer
        if (encoding === 'base64') bytes = decodeBase64(content, 'content')
        else if (encoding === 'utf-8' || encoding === 'utf8') bytes = Buffer.from(content, 'utf8')
        else throw new ApiError(422, `encoding must be 'utf-8' or 'base64', not '${encoding}'`)
        const sha = await writeBlob(ctx.repo.gitDir, bytes)
        const url = `${ctx.core.services.url}/repos/${ctx.repo.fullName}/git/blobs/${sha}`
        return { status: 201, body: { url, sha }, headers: { location: url } }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/git/blobs/{file_sha}',
      operationId: 'git/get-blob',
      kind: 'read',
      permission: 'contents',
      async handler(ctx) {
        const sha = ctx.params.file_sha ?? ''
        if ((await objectType(ctx.repo.gitDir, sha)) !== 'blob') throw notFound()
        const content = await readBlob(ctx.repo.gitDir, sha)
        const accept = ctx.req.headers.accept ?? ''
        if (/application\/vnd\.github(\.v3)?\.raw/.test(accept)) {
          return { status: 200, body: content, headers: { 'content-type': 'application/vnd.github.raw' } }
        }
        return {
          status: 200,
          body: {
            sha,
            node_id: nodeId('Blob', sha),
            size: content.length,
            url: `${ctx.core.services.url}/repos/${ctx.repo.fullName}/git/blobs/${sha}`,
            content: wrappedBase64(content),
            encoding: 'base64'
          }
        }
      }
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/git/trees',
      operationId: 'git/create-tree',
      kind: 'write',
      permission: 'contents',
      async handler(ctx) {
        const body = ctx.body as {
          tree: { path: string; mode: string; type: string; sha?: string | null; content?: string }[]
          base_tree?: string
        }
        const gitDir = ctx.repo.gitDir
        let baseTree: string | null = null
        if (body.base_tree !== undefined) {
          const type = await objectType(gitDir, body.base_tree)
          if (type === 'tree') baseTree = body.base_tree
          else if (type === 'commit') baseTree = (await readCommit(gitDir, body.base_tree))?.tree ?? null
          else
            throw new ApiError(422, 'Invalid tree info', {
              errors: [{ resource: 'Tree', field: 'base_tree', code: 'invalid' }]
            })
        }
        const edits: TreeEdit[] = []
        const toCheck: { sha: string; type: string; path: string }[] = []
        const inline: { edit: TreeEdit; content: Buffer }[] = []
        for (const item of body.tree) {
          const path = checkEntryPath(item.path)
          const expected = MODE_TYPES[item.mode]
          if (!expected) throw new ApiError(422, `tree.mode '${item.mode}' is not a valid mode for ${path}`)
          if (item.type !== expected) {
            throw new ApiError(
              422,
              `tree.type '${item.type}' does not match mode ${item.mode} for ${path} (expected '${expected}')`
            )
          }
          const hasContent = typeof item.content === 'string'
          if (hasContent && item.sha !== undefined) {
            throw new ApiError(422, `tree.sha and tree.content cannot both be given for ${path}`)
          }
          if (hasContent) {
            if (expected !== 'blob') throw new ApiError(422, `tree.content can only create a blob (${path})`)
            const edit: TreeEdit = { path, entry: { mode: item.mode, type: 'blob', sha: '' } }
            inline.push({ edit, content: Buffer.from(item.content as string, 'utf8') })
            edits.push(edit)
          } else if (item.sha === null) {
            edits.push({ path, entry: null })
          } else if (typeof item.sha === 'string' && SHA_PATTERN.test(item.sha)) {
            edits.push({ path, entry: { mode: item.mode, type: expected, sha: item.sha } })
            if (expected !== 'commit') toCheck.push({ sha: item.sha, type: expected, path })
          } else {
            throw new ApiError(422, `tree.sha '${String(item.sha)}' is not a valid object id for ${path}`)
          }
        }
        const types = await objectTypes(
          gitDir,
          toCheck.map(item => item.sha)
        )
        for (const item of toCheck) {
          if (types.get(item.sha) !== item.type) {
            throw new ApiError(422, `tree.sha ${item.sha} is not a valid ${item.type} (${item.path})`)
          }
        }
        const written = await writeBlobs(
          gitDir,
          inline.map(item => item.content)
        )
        inline.forEach((item, index) => {
          if (item.edit.entry) item.edit.entry.sha = written[index] as string
        })
        const sha = await editTree(gitDir, baseTree, edits)
        const url = `${ctx.core.services.url}/repos/${ctx.repo.fullName}/git/trees/${sha}`
        return { status: 201, body: await treeJson(ctx, sha, false), headers: { location: url } }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/git/trees/{tree_sha}',
      operationId: 'git/get-tree',
      kind: 'read',
      permission: 'contents',
      async handler(ctx) {
        const wanted = ctx.params.tree_sha ?? ''
        const gitDir = ctx.repo.gitDir
        let tree: string | undefined
        const type = await objectType(gitDir, wanted)
        if (type === 'tree') tree = wanted
        else {
          const commit = type === 'commit' ? wanted : await resolveCommit(gitDir, wanted)
          tree = commit ? (await readCommit(gitDir, commit))?.tree : undefined
        }
        if (!tree) throw notFound()
        const recursive =
          ctx.query.has('recursive') && !['0', 'false', ''].includes(ctx.query.get('recursive') ?? '')
        return { status: 200, body: await treeJson(ctx, tree, recursive) }
      }
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/git/commits',
      operationId: 'git/create-commit',
      kind: 'write',
      permission: 'contents',
      async handler(ctx) {
        const body = ctx.body as {
          message: string
          tree: string
          parents?: string[]
          author?: unknown
          committer?: unknown
        }
        const gitDir = ctx.repo.gitDir
        if ((await objectType(gitDir, body.tree)) !== 'tree')
          throw new ApiError(422, 'Tree SHA does not exist')
        const parents = body.parents ?? []
        const types = await objectTypes(gitDir, parents)
        for (const parent of parents) {
          if (types.get(parent) !== 'commit')
            throw new ApiError(422, 'Parent SHA does not exist or is not a commit object')
        }
        const { author, committer } = commitIdentities(ctx, body.author, body.committer)
        const sha = await writeCommit(gitDir, {
          tree: body.tree,
          parents,
          message: body.message,
          author,
          committer
        })
        const commit = await readCommit(gitDir, sha)
        if (!commit) throw new Error(`git wrote commit ${sha} but cannot read it back`)
        const url = `${ctx.core.services.url}/repos/${ctx.repo.fullName}/git/commits/${sha}`
        return { status: 201, body: gitCommitJson(ctx.core, ctx.state, commit), headers: { location: url } }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/git/tags/{tag_sha}',
      operationId: 'git/get-tag',
      kind: 'read',
      permission: 'contents',
      async handler(ctx) {
        const tag = await readTag(ctx.repo.gitDir, ctx.params.tag_sha ?? '')
        if (!tag) throw notFound()
        const api = `${ctx.core.services.url}/repos/${ctx.repo.fullName}/git`
        const kind = tag.type === 'tag' ? 'tags' : `${tag.type}s`
        const tagger = tag.tagger ?? { name: '', email: '', seconds: 0, timezone: '+0000' }
        const signed = tag.message.includes('-----BEGIN PGP SIGNATURE-----')
        return {
          status: 200,
          body: {
            node_id: nodeId('Tag', tag.sha),
            tag: tag.tag,
            sha: tag.sha,
            url: `${api}/tags/${tag.sha}`,
            message: tag.message,
            tagger: { name: tagger.name, email: tagger.email, date: isoDate(tagger) },
            object: { sha: tag.object, type: tag.type, url: `${api}/${kind}/${tag.object}` },
            verification: {
              verified: false,
              reason: signed ? 'unknown_key' : 'unsigned',
              signature: null,
              payload: null,
              verified_at: null
            }
          }
        }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/git/commits/{commit_sha}',
      operationId: 'git/get-commit',
      kind: 'read',
      permission: 'contents',
      async handler(ctx) {
        const commit = await readCommit(ctx.repo.gitDir, ctx.params.commit_sha ?? '')
        if (!commit) throw notFound()
        return { status: 200, body: gitCommitJson(ctx.core, ctx.state, commit) }
      }
    }
  ]
}

/** Git refs: get, matching-refs, create (422 when it exists), update (fast-forward unless `force`), delete. */
import type { CoreContext, CoreRoute } from '../core-types.js'
import {
  compareAndSwapRef,
  deleteRef,
  isAncestor,
  isValidRefName,
  listRefs,
  objectType,
  readRef,
  SHA_PATTERN
} from '../git-data.js'
import { ApiError, notFound } from '../http.js'
import { nodeId } from '../objects.js'
import { assertWorkflowsPermission } from './guards.js'

/** `git-ref` for a ref. */
export function refJson(ctx: CoreContext, ref: string, sha: string, type: string): Record<string, unknown> {
  const url = `${ctx.core.services.url}/repos/${ctx.state.repo.fullName}`
  const kind = type === 'tag' ? 'tags' : type === 'tree' ? 'trees' : type === 'blob' ? 'blobs' : 'commits'
  return {
    ref,
    node_id: nodeId('Ref', `${ctx.state.id}:${ref}`),
    url: `${url}/git/${ref}`,
    object: { type, sha, url: `${url}/git/${kind}/${sha}` }
  }
}

/** The refs routes. */
export function refRoutes(): CoreRoute[] {
  return [
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/git/ref/{ref}',
      operationId: 'git/get-ref',
      kind: 'read',
      permission: 'contents',
      async handler(ctx) {
        const name = fullRef(ctx.params.ref ?? '')
        const sha = await readRef(ctx.repo.gitDir, name)
        if (!sha) throw notFound()
        return {
          status: 200,
          body: refJson(ctx, name, sha, (await objectType(ctx.repo.gitDir, sha)) ?? 'commit')
        }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/git/matching-refs/{ref}',
      operationId: 'git/list-matching-refs',
      kind: 'read',
      permission: 'contents',
      async handler(ctx) {
        const prefix = ctx.params.ref ? fullRef(ctx.params.ref) : 'refs/'
        const refs = await listRefs(ctx.repo.gitDir, prefix)
        return { status: 200, body: refs.map(ref => refJson(ctx, ref.ref, ref.sha, ref.type)) }
      }
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/git/refs',
      operationId: 'git/create-ref',
      kind: 'write',
      permission: 'contents',
      async handler(ctx) {
        const { ref, sha } = ctx.body as { ref: string; sha: string }
        if (!ref.startsWith('refs/') || ref.split('/').length < 3) {
          throw new ApiError(422, 'Reference name must start with refs/ and have at least two slashes.')
        }
        if (!(await isValidRefName(ctx.repo.gitDir, ref)))
          throw new ApiError(422, `Reference name '${ref}' is not valid.`)
        const type = await objectType(ctx.repo.gitDir, sha)
        if (!type) throw new ApiError(422, 'Object does not exist')
        return ctx.state.exclusive(async () => {
          if (await readRef(ctx.repo.gitDir, ref)) throw new ApiError(422, 'Reference already exists')
          await assertWorkflowsPermission(ctx.repo.gitDir, ctx.auth, sha)
          if (!(await compareAndSwapRef(ctx.repo.gitDir, ref, sha, null))) {
            throw new ApiError(422, 'Reference already exists')
          }
          return {
            status: 201,
            body: refJson(ctx, ref, sha, type),
            headers: { location: `${ctx.core.services.url}/repos/${ctx.repo.fullName}/git/${ref}` }
          }
        })
      }
    },
    {
      method: 'PATCH',
      path: '/repos/{owner}/{repo}/git/refs/{ref}',
      operationId: 'git/update-ref',
      kind: 'write',
      permission: 'contents',
      async handler(ctx) {
        const { sha, force } = ctx.body as { sha: string; force?: boolean }
        const name = fullRef(ctx.params.ref ?? '')
        if (!SHA_PATTERN.test(sha)) throw new ApiError(422, 'Object does not exist')
        const type = await objectType(ctx.repo.gitDir, sha)
        if (!type) throw new ApiError(422, 'Object does not exist')
        return ctx.state.exclusive(async () => {
          const current = await readRef(ctx.repo.gitDir, name)
          if (!current) throw new ApiError(422, 'Reference does not exist')
          if (!force && current !== sha && !(await isAncestor(ctx.repo.gitDir, current, sha))) {
            throw new ApiError(422, 'Update is not a fast forward')
          }
          await assertWorkflowsPermission(ctx.repo.gitDir, ctx.auth, sha)
          if (!(await compareAndSwapRef(ctx.repo.gitDir, name, sha, current))) {
            throw new ApiError(422, 'Update is not a fast forward')
          }
          return { status: 200, body: refJson(ctx, name, sha, type) }
        })
      }
    },
    {
      method: 'DELETE',
      path: '/repos/{owner}/{repo}/git/refs/{ref}',
      operationId: 'git/delete-ref',
      kind: 'write',
      permission: 'contents',
      async handler(ctx) {
        const name = fullRef(ctx.params.ref ?? '')
        return ctx.state.exclusive(async () => {
          const current = await readRef(ctx.repo.gitDir, name)
          if (!current) throw new ApiError(422, 'Reference does not exist')
          if (!(await deleteRef(ctx.repo.gitDir, name, current)))
            throw new ApiError(422, 'Reference does not exist')
          return { status: 204 }
        })
      }
    }
  ]
}

/** `heads/main` → `refs/heads/main` (the REST paths name refs without `refs/`; some clients send it anyway). */
export function fullRef(ref: string): string {
  const trimmed = ref.replace(/^\/+/, '')
  return trimmed.startsWith('refs/') ? trimmed : `refs/${trimmed}`
}

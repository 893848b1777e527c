/** `repos/get`. */
import type { CoreRoute } from '../core-types.js'
import { repositoryJson } from '../objects.js'

/** The repository route. */
export function repoRoutes(): CoreRoute[] {
  return [
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}',
      operationId: 'repos/get',
      kind: 'read',
      permission: 'metadata',
      handler: async ({ core, state }) => ({ status: 200, body: repositoryJson(core, state, true) })
    }
  ]
}

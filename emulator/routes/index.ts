/** Every built-in REST route. */
import type { CoreRoute } from '../core-types.js'
import { commitRoutes } from './commits.js'
import { contentsRoutes } from './contents.js'
import { conversationRoutes } from './conversation.js'
import { gitObjectRoutes } from './git-objects.js'
import { pullRoutes } from './pulls.js'
import { refRoutes } from './refs.js'
import { repoRoutes } from './repos.js'

/** The core's REST routes (Actions and the cache service come as plugins). */
export function coreRoutes(): CoreRoute[] {
  return [
    ...repoRoutes(),
    ...refRoutes(),
    ...gitObjectRoutes(),
    ...contentsRoutes(),
    ...commitRoutes(),
    ...pullRoutes(),
    ...conversationRoutes()
  ]
}

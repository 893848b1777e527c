/** Types shared by the core server and its built-in routes (plugins see only `plugin.ts`). */
import type { Permission, Route, RouteContext, RouteReply, EmulatorServices } from './plugin.js'
import type { RepositoryState } from './repositories.js'

/** Who made a request. */
export interface AuthInfo {
  /** The token (never printed). */
  token: string
  /** Its permissions. */
  permissions: ReadonlySet<Permission>
  /** The repositories (`OWNER/NAME`, lower case) it may write to; undefined: anywhere. */
  writable?: ReadonlySet<string>
}

/** What the core offers its own routes beyond the plugin services. */
export interface Core {
  /** Plugin-visible services. */
  services: EmulatorServices
  /** Repository state by `OWNER/NAME` (case-insensitive). */
  state(fullName: string): RepositoryState | undefined
  /** Recursive tree listings stop (and say `truncated`) past this many entries. */
  treeTruncateAt: number
  /** Recursive tree listings stop (and say `truncated`) past this many bytes of entries. */
  treeTruncateBytes: number
  /** Issues a numeric id (for labels, pulls, users). */
  nextId(): number
}

/** A core route's context: the plugin context plus the caller and the repository's state. */
export interface CoreContext extends RouteContext {
  /** The caller. */
  auth: AuthInfo
  /** The repository's state. */
  state: RepositoryState
  /** The core. */
  core: Core
}

/** A built-in route: like a plugin route, with the richer context. */
export interface CoreRoute extends Omit<Route, 'handler'> {
  /** Handles the request. */
  handler(ctx: CoreContext): Promise<RouteReply>
}

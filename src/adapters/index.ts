/** The four ports, re-exported for the engine and the adapters. */
export type * from './storage.js'
export type * from './git.js'
export type * from './cache.js'
export type * from './execution.js'
export { DEFAULT_TTL_SECONDS } from './cache.js'

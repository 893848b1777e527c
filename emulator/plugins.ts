/**
 * The plugins every standalone emulator loads (the CLI and tests that want the whole GitHub). The Actions runs and
 * cache service plugins are added here when they are integrated.
 */
import type { EmulatorPlugin } from './plugin.js'

/** The default plugin set. */
export function defaultPlugins(): EmulatorPlugin[] {
  return []
}

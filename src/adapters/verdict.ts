/**
 * The one rule that says whether a check passed, used by every Execution adapter (local processes and dispatched
 * workflow runs) so a check cannot pass in one place and fail in another.
 */
import type { CommandResult } from './execution.js'

/**
 * Whether a check passed: its exit code is 0 and no timeout ended it. The exit code is the tool's own verdict:
 * failed tests, lint problems and diagnostics read from reports, output or annotations are detail (for the
 * fingerprint and the fixers), never the verdict — a lint run that exits 0 with warnings passes, and a test run
 * that exits non-zero fails even when no failed test can be named.
 */
export function hasPassed(result: Pick<CommandResult, 'exitCode' | 'timedOut'>): boolean {
  return result.exitCode === 0 && !result.timedOut
}

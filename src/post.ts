/**
 * The action's post step: flushes state the main step left (the Actions cache snapshot). Cleanup problems are
 * warnings, never a failed job.
 */
import * as core from './actions-core.js'
import { errorMessage } from './errors.js'
import { flushPendingState } from './adapters/factory.js'
import { coreLogger } from './main.js'

/** Runs the post step; never throws and never fails the job. */
export async function runPost(): Promise<void> {
  try {
    await flushPendingState(process.env, coreLogger)
  } catch (error) {
    core.warning(`self-heal post step: ${errorMessage(error)}`)
  }
}

/**
 * A small logger interface so the engine logs the same way from the action (through @actions/core) and from the
 * CLI (to stderr, keeping stdout for `--json`).
 */
import { redactUrls } from './errors.js'

/** Where progress and warnings go. */
export interface Logger {
  /** Progress. */
  info(message: string): void
  /** Something the user should look at; never fails the run by itself. */
  warning(message: string): void
  /** Detail shown only when debugging is on. */
  debug(message: string): void
}

/** A logger writing to stderr (or `write`), URL credentials hidden; `debug` only when SELF_HEAL_DEBUG or RUNNER_DEBUG is set. */
export function stderrLogger(
  env: NodeJS.ProcessEnv = process.env,
  write: (text: string) => void = text => process.stderr.write(text)
): Logger {
  const debugOn = Boolean(env.SELF_HEAL_DEBUG || env.RUNNER_DEBUG === '1')
  return {
    info: message => write(`${redactUrls(message)}\n`),
    warning: message => write(`warning: ${redactUrls(message)}\n`),
    debug: message => {
      if (debugOn) write(`debug: ${redactUrls(message)}\n`)
    }
  }
}

/** A logger that drops everything (tests and `--quiet`). */
export const silentLogger: Logger = {
  info: () => undefined,
  warning: () => undefined,
  debug: () => undefined
}

/**
 * Time for code that waits on remote work. Polling and timeouts read this clock instead of Date and setTimeout,
 * so tests and benchmarks can run a "two-minute" workflow run in seconds against the emulator's sped-up clock.
 */

/** A clock: the current time and a way to wait. */
export interface Clock {
  /** Milliseconds since the epoch, in this clock's time. */
  now(): number
  /** Waits `ms` of this clock's time. */
  sleep(ms: number): Promise<void>
}

/** The real clock. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: ms => new Promise(resolve => setTimeout(resolve, Math.max(0, ms)))
}

/**
 * A clock running `speed` times faster than real time from `origin` (default: now), like the emulator's clock
 * with `clockSpeed`; give both the same origin to keep them in step.
 */
export function scaledClock(speed: number, origin = Date.now()): Clock {
  if (!(speed > 0)) throw new RangeError(`Clock speed must be positive, got ${speed}`)
  return {
    now: () => origin + (Date.now() - origin) * speed,
    sleep: ms => new Promise(resolve => setTimeout(resolve, Math.max(0, ms / speed)))
  }
}

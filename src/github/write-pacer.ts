/**
 * Pacing of content-creating requests at GitHub's documented secondary limits: at most 80 a minute and 500 an
 * hour (sliding windows), one at a time. Reads never wait here: they are not content-creating, and queueing them
 * behind writes made a commit of 1,000 files spend its time waiting on its own reads.
 */
import { setTimeout as sleep } from 'node:timers/promises'

/** At most `requests` in any `windowMs`. */
export interface WriteLimit {
  requests: number
  windowMs: number
}

/** GitHub's documented limits on content-creating requests (REST and GraphQL alike). */
export const GITHUB_WRITE_LIMITS: readonly WriteLimit[] = [
  { requests: 80, windowMs: 60_000 },
  { requests: 500, windowMs: 3_600_000 }
]

/** Settings of a WritePacer. */
export interface WritePacerOptions {
  /** The windows (default GITHUB_WRITE_LIMITS). */
  limits?: readonly WriteLimit[]
  /** A gap between the starts of two writes, in ms (default 0: the windows alone decide). */
  minIntervalMs?: number
  /** The clock (tests). */
  now?: () => number
}

/** Runs writes one at a time, each when the limits allow one more. */
export class WritePacer {
  private readonly limits: readonly WriteLimit[]
  private readonly minIntervalMs: number
  private readonly now: () => number
  private readonly keepMs: number
  /** Start times of the writes within the longest window, oldest first. */
  private starts: number[] = []
  private tail: Promise<unknown> = Promise.resolve()

  constructor(options: WritePacerOptions = {}) {
    this.limits = options.limits ?? GITHUB_WRITE_LIMITS
    this.minIntervalMs = options.minIntervalMs ?? 0
    this.now = options.now ?? Date.now
    this.keepMs = Math.max(this.minIntervalMs, ...this.limits.map(l => l.windowMs))
  }

  /** Runs `write` after the writes before it have finished and when the limits allow. */
  run<T>(write: () => Promise<T>): Promise<T> {
    const result = this.tail.then(async () => {
      for (let wait = this.delay(); wait > 0; wait = this.delay()) await sleep(wait)
      this.starts.push(this.now())
      return write()
    })
    this.tail = result.catch(() => undefined)
    return result
  }

  /** How long until one more write is allowed, in ms (0: now). */
  delay(): number {
    const now = this.now()
    while (this.starts.length && this.starts[0] <= now - this.keepMs) this.starts.shift()
    const count = this.starts.length
    let until = count && this.minIntervalMs ? this.starts[count - 1] + this.minIntervalMs : 0
    for (const { requests, windowMs } of this.limits) {
      // The write `requests` back must have left the window.
      if (count >= requests) until = Math.max(until, this.starts[count - requests] + windowMs)
    }
    return Math.max(0, until - now)
  }
}

/**
 * GitHub's rate limits as the emulator enforces them: the primary limit (requests an hour per token, reported in
 * `x-ratelimit-*`), the content-creation budget (writes a minute and an hour) and secondary limits on demand.
 */

/** Settings of the limits. */
export interface RateLimitSettings {
  /** Requests an hour per token (GitHub: 5,000 for a user or App, 1,000 for GITHUB_TOKEN per repository). */
  primaryPerHour: number
  /** Content-creating requests a minute (GitHub: 80). */
  writesPerMinute: number
  /** Content-creating requests an hour (GitHub: 500). */
  writesPerHour: number
}

/** The `x-ratelimit-*` state of one token. */
interface PrimaryWindow {
  resetAt: number
  used: number
}

/** A refusal: status, headers and message for a secondary or primary limit. */
export interface LimitRefusal {
  /** 403 or 429. */
  status: number
  /** The message GitHub writes. */
  message: string
  /** `retry-after` and friends. */
  headers: Record<string, string>
  /** Where GitHub's body points. */
  documentationUrl: string
}

const SECONDARY_DOCS =
  'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits'
const PRIMARY_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api'

/** GitHub's secondary-limit message (Octokit's throttling plugin recognises it by "secondary rate"). */
export const SECONDARY_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.'

/** Tracks the limits against the emulator's clock. */
export class RateLimiter {
  private readonly primary = new Map<string, PrimaryWindow>()
  private writes: number[] = []
  private forced: { status: number; retryAfter: number; remaining: number }[] = []

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => number
  ) {}

  /** Makes the next `times` requests hit a secondary limit (403 by default, as GitHub mostly answers). */
  forceSecondary(options: { status?: 403 | 429; retryAfter?: number; times?: number } = {}): void {
    this.forced.push({
      status: options.status ?? 403,
      retryAfter: options.retryAfter ?? 60,
      remaining: options.times ?? 1
    })
  }

  /** Forgets forced limits and counted writes (the primary windows too). */
  reset(): void {
    this.forced = []
    this.writes = []
    this.primary.clear()
  }

  /** A forced secondary limit for this request, if one is pending. */
  takeForced(): LimitRefusal | undefined {
    const next = this.forced[0]
    if (!next) return undefined
    next.remaining--
    if (next.remaining <= 0) this.forced.shift()
    return {
      status: next.status,
      message: SECONDARY_LIMIT_MESSAGE,
      headers: { 'retry-after': String(next.retryAfter) },
      documentationUrl: SECONDARY_DOCS
    }
  }

  /** Counts one content-creating request, or refuses it when the minute's or hour's budget is spent. */
  admitWrite(): LimitRefusal | undefined {
    const now = this.now()
    this.writes = this.writes.filter(at => at > now - 3_600_000)
    const lastMinute = this.writes.filter(at => at > now - 60_000)
    let retryAt: number | undefined
    if (lastMinute.length >= this.settings.writesPerMinute) retryAt = (lastMinute[0] as number) + 60_000
    else if (this.writes.length >= this.settings.writesPerHour)
      retryAt = (this.writes[0] as number) + 3_600_000
    if (retryAt !== undefined) {
      return {
        status: 403,
        message: SECONDARY_LIMIT_MESSAGE,
        headers: { 'retry-after': String(Math.max(1, Math.ceil((retryAt - now) / 1000))) },
        documentationUrl: SECONDARY_DOCS
      }
    }
    this.writes.push(now)
    return undefined
  }

  /**
   * Counts one request against the token's primary limit (unless `count` is false, e.g. for a 304) and returns
   * the `x-ratelimit-*` headers, or a refusal once the hour's requests are spent.
   */
  primaryLimit(
    token: string,
    resource: string,
    count: boolean
  ): { headers: Record<string, string>; refusal?: LimitRefusal } {
    const now = this.now()
    const key = `${resource}:${token}`
    let window = this.primary.get(key)
    if (!window || window.resetAt <= now) {
      window = { resetAt: now + 3_600_000, used: 0 }
      this.primary.set(key, window)
    }
    const limit = this.settings.primaryPerHour
    const exhausted = window.used >= limit
    if (count && !exhausted) window.used++
    const headers = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - window.used)),
      'x-ratelimit-reset': String(Math.ceil(window.resetAt / 1000)),
      'x-ratelimit-used': String(window.used),
      'x-ratelimit-resource': resource
    }
    if (!exhausted) return { headers }
    return {
      headers,
      refusal: {
        status: 403,
        message:
          'API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID.',
        headers: {},
        documentationUrl: PRIMARY_DOCS
      }
    }
  }
}

/**
 * Fault injection: tests make the emulator fail the way GitHub fails (an error status, latency, a dropped
 * connection, a concurrent push between two requests) for the next requests that match.
 */
import { compileTemplate, matchTemplate, type CompiledTemplate } from './router.js'

/** Which requests a fault applies to. Every given field must match; an empty matcher matches everything. */
export interface RequestMatcher {
  /** HTTP method (any case). */
  method?: string
  /**
   * The path: a regular expression tested against the pathname, or a string that is either an OpenAPI template
   * (`/repos/{owner}/{repo}/git/refs/{ref}`) or an exact pathname (`/graphql`).
   */
  path?: string | RegExp
  /** GitHub's operation id (`git/update-ref`); only requests routed to a REST operation carry one. */
  operationId?: string
}

/** The reply a failing request gets. */
export interface FaultReply {
  /** HTTP status. */
  status: number
  /** Extra headers (e.g. `retry-after`). */
  headers?: Record<string, string>
  /** Body: JSON value or string. Default: GitHub's error body for the status. */
  body?: unknown
}

/** What the pipeline should do with one request, decided by the fault table. */
export type FaultAction = { type: 'fail'; reply: FaultReply } | { type: 'drop' }

/** A hook run before a matching request is handled (e.g. move a ref: a concurrent push). */
export type RequestHook = () => Promise<void> | void

interface Rule<T> {
  match: CompiledMatcher
  remaining: number
  value: T
}

interface CompiledMatcher {
  method?: string
  regex?: RegExp
  template?: CompiledTemplate
  exact?: string
  operationId?: string
}

/** The request facts a matcher is tested against. */
export interface RequestFacts {
  /** Upper-case method. */
  method: string
  /** Raw pathname. */
  pathname: string
  /** Operation id when the request routes to one. */
  operationId?: string
}

/** The table of pending faults, latencies and hooks. */
export class FaultTable {
  private failures: Rule<FaultAction>[] = []
  private latencies: Rule<number>[] = []
  private hooks: Rule<RequestHook>[] = []

  /** Fails the next `times` matching requests with `reply`. */
  failNext(match: RequestMatcher, reply: FaultReply, times = 1): void {
    this.failures.push({ match: compileMatcher(match), remaining: times, value: { type: 'fail', reply } })
  }

  /** Destroys the socket of the next `times` matching requests without answering. */
  dropNext(match: RequestMatcher, times = 1): void {
    this.failures.push({ match: compileMatcher(match), remaining: times, value: { type: 'drop' } })
  }

  /** Delays the next `times` matching requests by `ms` (Infinity: every matching request until cleared). */
  addLatency(match: RequestMatcher, ms: number, times = Number.POSITIVE_INFINITY): void {
    this.latencies.push({ match: compileMatcher(match), remaining: times, value: ms })
  }

  /** Runs `hook` once, just before the next matching request is handled. */
  onNextRequest(match: RequestMatcher, hook: RequestHook): void {
    this.hooks.push({ match: compileMatcher(match), remaining: 1, value: hook })
  }

  /** Forgets every pending fault, latency and hook. */
  clear(): void {
    this.failures = []
    this.latencies = []
    this.hooks = []
  }

  /** Takes (consumes) the hooks that match this request. */
  takeHooks(facts: RequestFacts): RequestHook[] {
    return take(this.hooks, facts, Number.POSITIVE_INFINITY)
  }

  /** Takes the total latency that applies to this request. */
  takeLatency(facts: RequestFacts): number {
    return take(this.latencies, facts, Number.POSITIVE_INFINITY).reduce((sum, ms) => sum + ms, 0)
  }

  /** Takes the first failure that applies to this request. */
  takeFailure(facts: RequestFacts): FaultAction | undefined {
    return take(this.failures, facts, 1)[0]
  }

  /** How many rules are pending. */
  get size(): number {
    return this.failures.length + this.latencies.length + this.hooks.length
  }
}

function take<T>(rules: Rule<T>[], facts: RequestFacts, limit: number): T[] {
  const taken: T[] = []
  for (let index = 0; index < rules.length && taken.length < limit; index++) {
    const rule = rules[index] as Rule<T>
    if (!matches(rule.match, facts)) continue
    taken.push(rule.value)
    rule.remaining--
    if (rule.remaining <= 0) {
      rules.splice(index, 1)
      index--
    }
  }
  return taken
}

function compileMatcher(match: RequestMatcher): CompiledMatcher {
  const compiled: CompiledMatcher = { method: match.method?.toUpperCase(), operationId: match.operationId }
  if (match.path instanceof RegExp) compiled.regex = match.path
  else if (typeof match.path === 'string') {
    if (match.path.includes('{')) compiled.template = compileTemplate(match.path)
    else compiled.exact = match.path.replace(/\/$/, '')
  }
  return compiled
}

function matches(match: CompiledMatcher, facts: RequestFacts): boolean {
  if (match.method && match.method !== facts.method) return false
  if (match.operationId && match.operationId !== facts.operationId) return false
  if (match.regex && !match.regex.test(facts.pathname)) return false
  if (match.template && !matchTemplate(match.template, facts.pathname)) return false
  if (match.exact !== undefined && match.exact !== facts.pathname.replace(/\/$/, '')) return false
  return true
}

/** Request counters, shaped exactly as `GET /_emulator/stats` returns them (DESIGN.md, "The emulator"). */
import type { RequestKind } from './plugin.js'

/** Counts of one operation or of all of them. */
export interface RequestCounts {
  /** Requests that read. */
  reads: number
  /** Requests that wrote (GraphQL mutations included). */
  writes: number
  /** Conditional requests answered 304 (they do not count against the rate limit). */
  notModified: number
}

/** The stats document. */
export interface EmulatorStats {
  /** Sums over every operation. */
  totals: RequestCounts
  /** Per GitHub operation id (`git/create-tree`, `graphql/createCommitOnBranch`, ...). */
  operations: Record<string, RequestCounts>
}

/** Accumulates request counts. */
export class StatsRecorder {
  private totals: RequestCounts = zero()
  private operations = new Map<string, RequestCounts>()

  /** Counts one request. */
  record(operationId: string, kind: RequestKind | 'notModified'): void {
    const field = kind === 'read' ? 'reads' : kind === 'write' ? 'writes' : 'notModified'
    let counts = this.operations.get(operationId)
    if (!counts) {
      counts = zero()
      this.operations.set(operationId, counts)
    }
    counts[field]++
    this.totals[field]++
  }

  /** A snapshot (a copy: later requests do not change it). */
  snapshot(): EmulatorStats {
    const operations: Record<string, RequestCounts> = {}
    for (const [id, counts] of [...this.operations].sort(([a], [b]) => a.localeCompare(b))) {
      operations[id] = { ...counts }
    }
    return { totals: { ...this.totals }, operations }
  }

  /** Zeroes everything. */
  reset(): void {
    this.totals = zero()
    this.operations.clear()
  }
}

function zero(): RequestCounts {
  return { reads: 0, writes: 0, notModified: 0 }
}

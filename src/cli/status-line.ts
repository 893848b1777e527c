/**
 * The CLI's stderr: logs, a command's output, and the progress of a run being waited for. On a terminal the
 * progress is one line rewritten in place (`\r`), ended before anything else is written; elsewhere (a CI log, a
 * file) it is a line of its own when the status changes and every `everyMs`, so a long wait stays short in a log.
 */
import type { RunProgress } from '../adapters/execution/workflow-runs.js'

/** Where stderr goes and what it is. */
export interface StatusLineOptions {
  /** Writes to stderr. */
  write: (text: string) => void
  /** The terminal's width when stderr is a terminal; undefined otherwise. */
  columns?: number
  /** Off a terminal, the longest silence between two progress lines (default 30 s of the run's clock). */
  everyMs?: number
}

/** stderr with one progress line that a terminal rewrites in place. */
export class StatusLine {
  private readonly write: (text: string) => void
  private readonly columns?: number
  private readonly everyMs: number
  // On a terminal: a progress line is shown and not yet ended by a newline.
  private open = false
  private shown?: { runId: number; status: string; elapsedMs: number }

  constructor(options: StatusLineOptions) {
    this.write = options.write
    this.columns = options.columns
    this.everyMs = options.everyMs ?? 30_000
  }

  /** Writes text, after ending the progress line on screen. */
  readonly text = (text: string): void => {
    if (text === '') return
    this.end()
    this.write(text)
  }

  /** Shows where a run is. */
  readonly progress = (progress: RunProgress): void => {
    const line = describeProgress(progress)
    if (this.columns !== undefined) {
      // A line wider than the terminal wraps, and `\r` would then rewrite only its last row.
      const width = Math.max(20, this.columns - 1)
      this.write(`\r${line.length > width ? `${line.slice(0, width - 1)}…` : line}\x1b[K`)
      this.open = true
      return
    }
    const last = this.shown
    const due =
      !last ||
      last.runId !== progress.runId ||
      last.status !== progress.status ||
      progress.elapsedMs - last.elapsedMs >= this.everyMs
    if (!due) return
    this.shown = { runId: progress.runId, status: progress.status, elapsedMs: progress.elapsedMs }
    this.write(`${line}\n`)
  }

  /** Ends the progress line on screen, if one is shown. */
  end(): void {
    if (!this.open) return
    this.write('\n')
    this.open = false
  }
}

/** `run 123 in progress (waited 45 s): https://…`. */
export function describeProgress(progress: RunProgress): string {
  const status = progress.status.replace(/_/g, ' ')
  const waited = Math.round(progress.elapsedMs / 1000)
  return `run ${progress.runId} ${status} (waited ${waited} s)${progress.url ? `: ${progress.url}` : ''}`
}

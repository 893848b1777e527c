/**
 * What the action tells people: the job summary (Markdown through core.summary) and annotations on the files
 * that failed. Summaries are written only when the runner gives a summary file.
 */
import * as core from '@actions/core'
import type { ApplyOutput } from './commands/apply.js'
import type { CheckOutput } from './commands/check.js'
import type { DispatchOutput } from './commands/dispatch.js'

/** At most this many annotations per check: GitHub shows only the first 10 errors of a step anyway. */
const MAX_ANNOTATIONS = 50

/** Adds an error or warning annotation for each failed test and problem. */
export function annotateCheck(result: CheckOutput): void {
  let count = 0
  for (const test of result.failedTests) {
    if (count++ >= MAX_ANNOTATIONS) return
    core.error(test.message || 'failed', {
      title: `Failed test: ${test.name}`,
      file: test.file,
      startLine: test.line
    })
  }
  for (const problem of result.problems) {
    if (count++ >= MAX_ANNOTATIONS) return
    const properties = {
      title: problem.rule ? `${problem.rule}` : undefined,
      file: problem.file,
      startLine: problem.line,
      startColumn: problem.column
    }
    if (problem.severity === 'error') core.error(problem.message, properties)
    else core.warning(problem.message, properties)
  }
}

function canSummarize(): boolean {
  return Boolean(process.env.GITHUB_STEP_SUMMARY)
}

/** Writes the job summary of a check. */
export async function summarizeCheck(result: CheckOutput, command: string): Promise<void> {
  if (!canSummarize()) return
  const status = result.passed ? '✅ passed' : result.timedOut ? '⏱️ timed out' : '❌ failed'
  core.summary.addHeading(`self-heal: ${result.kind} check ${status}`, 2).addTable([
    [
      { data: 'command', header: true },
      { data: 'exit code', header: true },
      { data: 'duration', header: true }
    ],
    [
      `<code>${escapeHtml(command)}</code>`,
      String(result.exitCode),
      `${(result.durationMs / 1000).toFixed(1)} s`
    ]
  ])
  if (result.failedTests.length) {
    core.summary
      .addHeading('Failed tests', 3)
      .addList(
        result.failedTests.map(
          t =>
            `${escapeHtml(t.name)}${t.file ? ` — <code>${escapeHtml(t.file)}${t.line ? `:${t.line}` : ''}</code>` : ''}`
        )
      )
  }
  if (result.problems.length) {
    core.summary
      .addHeading('Problems', 3)
      .addList(
        result.problems.map(
          p =>
            `${p.severity} <code>${escapeHtml(p.file)}${p.line ? `:${p.line}` : ''}</code> ${escapeHtml(p.message)}`
        )
      )
  }
  if (!result.passed && result.outputTail)
    core.summary.addDetails('Output (last lines)', `<pre>${escapeHtml(result.outputTail)}</pre>`)
  await core.summary.write()
}

/** Writes the job summary of an apply. */
export async function summarizeApply(result: ApplyOutput): Promise<void> {
  if (!canSummarize()) return
  core.summary
    .addHeading('self-heal: diff committed', 2)
    .addRaw(
      `Commit <code>${result.commit}</code> on <code>${escapeHtml(result.branch)}</code> (${result.files} files).`,
      true
    )
  if (result.pullRequest) {
    core.summary.addLink(
      `Pull request #${result.pullRequest.number} (${result.pullRequest.action})`,
      result.pullRequest.url
    )
  }
  await core.summary.write()
}

/** Writes the job summary of a dispatch. */
export async function summarizeDispatch(result: DispatchOutput): Promise<void> {
  if (!canSummarize()) return
  core.summary
    .addHeading('self-heal: workflow run dispatched', 2)
    .addRaw(
      `Run ${result.runId}${result.conclusion ? ` concluded <b>${escapeHtml(result.conclusion)}</b>` : ''}: `
    )
    .addLink(result.runUrl, result.runUrl)
  if (result.failedTests?.length) {
    core.summary.addHeading('Failed tests', 3).addList(result.failedTests.map(t => escapeHtml(t.name)))
  }
  await core.summary.write()
}

/** Escapes text for the summary's HTML. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string
  )
}

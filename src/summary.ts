/**
 * What the action tells people: the job summary (Markdown through core.summary) and annotations on the files
 * that failed. Summaries are written only when the runner gives a summary file.
 */
import * as core from './actions-core.js'
import type { ApplyOutput } from './commands/apply.js'
import type { CheckOutput } from './commands/check.js'
import type { DispatchOutput } from './commands/dispatch.js'
import type { HealOutput } from './commands/heal.js'

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

const HEAL_HEADINGS: Record<HealOutput['outcome'], string> = {
  disabled: '⏸️ switched off',
  skipped: '⏭️ skipped',
  passed: '✅ the check passes',
  flaky: '⚠️ flaky check',
  healed: '🩹 healed',
  'not-healed': '❌ no verified fix',
  'not-proposed': '⚠️ fix verified, not proposed'
}

/** Writes the job summary of a heal: what failed, what was tried, and what was proposed. */
export async function summarizeHeal(result: HealOutput, command: string): Promise<void> {
  if (!canSummarize()) return
  core.summary
    .addHeading(`self-heal: ${result.kind} check — ${HEAL_HEADINGS[result.outcome]}`, 2)
    .addRaw(`${escapeHtml(result.reason)}${result.dryRun ? ' (dry run)' : ''}`, true)
  const rows: Array<[string, string]> = [['check', `<code>${escapeHtml(command)}</code>`]]
  if (result.check) {
    rows.push([
      'first run',
      `exit ${result.check.exitCode}, ${(result.check.durationMs / 1000).toFixed(1)} s`
    ])
  }
  if (result.fingerprint) {
    rows.push(['fingerprint', `<code>${result.fingerprint.id}</code> (from ${result.fingerprint.basis})`])
  }
  if (result.fix) {
    const by =
      result.fix.source === 'memory'
        ? 'remembered fix'
        : result.fix.fixers.map(f => `<code>${escapeHtml(f)}</code>`).join(', then ')
    rows.push([
      'fix',
      `${by}: ${result.fix.stats.files} file(s), +${result.fix.stats.added} −${result.fix.stats.removed}`
    ])
  }
  if (result.proposal) {
    const pr = result.proposal.pullRequest
    rows.push([
      'proposal',
      pr
        ? `<a href="${escapeHtml(pr.url)}">pull request #${pr.number}</a> (${pr.action}) from <code>${escapeHtml(result.proposal.branch)}</code>`
        : `branch <code>${escapeHtml(result.proposal.branch)}</code>${result.proposal.pullRequestSkipped ? ` — no pull request: ${escapeHtml(result.proposal.pullRequestSkipped)}` : ''}`
    ])
  }
  core.summary.addTable(rows.map(([name, value]) => [{ data: name, header: true }, value]))
  if (result.attempts.length) {
    core.summary.addHeading('Attempts', 3).addList(
      result.attempts.map(a => {
        const what = a.source === 'memory' ? 'remembered fix' : `<code>${escapeHtml(a.fixer ?? '')}</code>`
        const size = a.stats ? ` (${a.stats.files} file(s), +${a.stats.added} −${a.stats.removed})` : ''
        const why = a.violations?.length ? `: ${a.violations.map(v => escapeHtml(v.message)).join(' ')}` : ''
        return `${what}: ${a.result}${size}${why}`
      })
    )
  }
  if (result.fingerprint?.signatures.length) {
    core.summary.addDetails(
      'What failed',
      `<ul>${result.fingerprint.signatures
        .slice(0, 50)
        .map(s => `<li><code>${escapeHtml(s)}</code></li>`)
        .join('')}</ul>`
    )
  }
  if (result.fix)
    core.summary.addDetails('The fix', `<pre>${escapeHtml(result.fix.diff.slice(0, 20_000))}</pre>`)
  await core.summary.write()
}

/** Escapes text for the summary's HTML. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string
  )
}

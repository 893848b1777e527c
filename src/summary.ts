/**
 * What the action tells people: the job summary (Markdown through core.summary) and annotations on the files
 * that failed. Summaries are written only when the runner gives a summary file.
 */
import * as core from './actions-core.js'
import type { ApplyOutput } from './commands/apply.js'
import type { CheckOutput } from './commands/check.js'
import type { DispatchOutput } from './commands/dispatch.js'
import { codeFence, failureLines, plural } from './heal/report.js'
import type { DiffStats, HealOutput } from './heal/types.js'

/** At most this many annotations per check: GitHub shows only the first 10 errors of a step anyway. */
const MAX_ANNOTATIONS = 50

/**
 * Adds an error or warning annotation for each failed test and problem. `healed` (a note saying where the fix is)
 * makes every one a warning carrying it: a run that succeeds leaves no error behind.
 */
export function annotateCheck(result: CheckOutput, healed?: string): void {
  let count = 0
  const note = healed ? ` (${healed})` : ''
  const error = healed ? core.warning : core.error
  for (const test of result.failedTests) {
    if (count++ >= MAX_ANNOTATIONS) return
    error(`${test.message || 'failed'}${note}`, {
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
    if (problem.severity === 'error') error(`${problem.message}${note}`, properties)
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
      `Commit <code>${result.commit}</code> on <code>${escapeHtml(result.branch)}</code> (${plural(result.files, 'file')}).`,
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
  'not-proposed': '⚠️ fix verified, not proposed',
  declined: '🚫 fix declined',
  'broken-check': '🚫 the check itself is broken'
}

/** The run a summary belongs to, from the runner's variables (each may be missing outside a runner). */
export interface RunContext {
  /** GITHUB_SERVER_URL. */
  serverUrl?: string
  /** GITHUB_REPOSITORY. */
  repository?: string
  /** GITHUB_RUN_ID. */
  runId?: string
  /** GITHUB_SHA: the commit checked. */
  sha?: string
}

/** The runner's variables that say which run and commit a summary is about. */
export function runContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  return {
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    repository: env.GITHUB_REPOSITORY || undefined,
    runId: env.GITHUB_RUN_ID || undefined,
    sha: env.GITHUB_SHA || undefined
  }
}

/** Most failures listed, and most characters of the diff shown. */
const SUMMARY_FAILURES = 20
const SUMMARY_DIFF_CHARS = 20_000

/** Writes the job summary of a heal: what failed, what was tried, the fix, and what was proposed. */
export async function summarizeHeal(result: HealOutput, command: string): Promise<void> {
  if (!canSummarize()) return
  await core.summary.addRaw(healSummary(result, command, runContext()), true).write()
}

/** The job summary of a heal, as the Markdown (with HTML) a maintainer reads on the run's page. */
export function healSummary(result: HealOutput, command: string, context: RunContext): string {
  const out: string[] = [
    `<h2>self-heal: ${result.kind} check — ${HEAL_HEADINGS[result.outcome]}</h2>`,
    '',
    `${escapeHtml(result.reason)}${result.dryRun ? ' (dry run)' : ''}`,
    ''
  ]
  const link = (text: string, url: string) => `<a href="${escapeHtml(url)}">${text}</a>`
  const repoUrl =
    context.serverUrl && context.repository ? `${context.serverUrl}/${context.repository}` : undefined
  const rows: Array<[string, string]> = []
  if (context.runId) {
    const text = `run ${escapeHtml(context.runId)}`
    rows.push(['run', repoUrl ? link(text, `${repoUrl}/actions/runs/${context.runId}`) : text])
  }
  if (context.sha) {
    const text = `<code>${escapeHtml(context.sha.slice(0, 12))}</code>`
    rows.push(['commit checked', repoUrl ? link(text, `${repoUrl}/commit/${context.sha}`) : text])
  }
  rows.push(['check', `<code>${escapeHtml(command)}</code>`])
  if (result.check) {
    const ran = result.check.timedOut
      ? `timed out (the timeout ended it), ${seconds(result.check.durationMs)}`
      : `exit ${result.check.exitCode}, ${seconds(result.check.durationMs)}`
    rows.push(['first run', ran])
  }
  if (result.fingerprint) {
    rows.push(['fingerprint', `<code>${result.fingerprint.id}</code> (from ${result.fingerprint.basis})`])
  }
  if (result.fix) {
    const by =
      result.fix.source === 'memory'
        ? 'remembered fix'
        : result.fix.fixers.map(f => `<code>${escapeHtml(f)}</code>`).join(', then ')
    rows.push(['fix', `${by}: ${size(result.fix.stats)}`])
  }
  if (result.proposal) {
    const pr = result.proposal.pullRequest
    if (!result.proposal.deliver || result.proposal.deliver === 'pull-request') {
      rows.push([
        'pull request',
        pr
          ? `${link(`#${pr.number}`, pr.url)} (${pr.action}) from <code>${escapeHtml(result.proposal.branch ?? '')}</code>`
          : `none: branch <code>${escapeHtml(result.proposal.branch ?? '')}</code>${result.proposal.pullRequestSkipped ? ` (${escapeHtml(result.proposal.pullRequestSkipped)})` : ''}`
      ])
    } else {
      rows.push(['proposal', describeProposal(result.proposal)])
    }
  }
  const ci = result.proposal?.ci
  if (ci) {
    rows.push([
      'CI on the fix',
      ci.url
        ? `${link(`run ${ci.runId}`, ci.url)} of <code>${escapeHtml(ci.workflow)}</code>`
        : `<code>${escapeHtml(ci.workflow)}</code> not dispatched: ${escapeHtml(ci.skipped ?? '')}`
    ])
  }
  if (result.proposal?.comment) {
    rows.push([
      'comment',
      `<a href="${escapeHtml(result.proposal.comment.url)}">on the pull request</a> (${result.proposal.comment.action})`
    ])
  }
  if (result.excluded?.length) {
    rows.push([
      'left out',
      `${result.excluded.map(p => `<code>${escapeHtml(p)}</code>`).join(', ')}: untracked before heal started, never proposed`
    ])
  }
  out.push(
    `<table>${rows.map(([name, value]) => `<tr><th>${name}</th><td>${value}</td></tr>`).join('')}</table>`,
    ''
  )

  if (result.check && !result.check.passed) {
    const { shown, total } = failureLines(result.check, SUMMARY_FAILURES)
    if (shown.length) {
      const what = result.check.failedTests.length ? 'What failed' : 'Problems'
      out.push(`<h3>${what}</h3>`, '')
      for (const line of shown) {
        const label = line.test && line.test !== line.where ? ` ${escapeHtml(line.test)}` : ''
        const rule = line.rule ? ` <code>${escapeHtml(line.rule)}</code>` : ''
        out.push(`- <code>${escapeHtml(line.where)}</code>${label}${rule}: ${escapeHtml(line.message)}`)
      }
      if (total > shown.length) out.push(`- … and ${total - shown.length} more`)
      out.push('')
    }
    if (result.check.outputTail && (!shown.length || result.outcome === 'broken-check')) {
      out.push(
        '<details open><summary>Output (last lines)</summary>',
        '',
        codeFence(result.check.outputTail),
        '',
        '</details>',
        ''
      )
    }
  }

  if (result.attempts.length) {
    out.push('<h3>Attempts</h3>', '')
    for (const a of result.attempts) {
      const what = a.source === 'memory' ? 'remembered fix' : `<code>${escapeHtml(a.fixer ?? '')}</code>`
      const became =
        a.result === 'crashed'
          ? `crashed (${a.timedOut ? 'the fixer timeout ended it' : `exit ${a.exitCode}`}, nothing changed)`
          : a.result
      const changed =
        a.stats && a.result !== 'no-change' && a.result !== 'crashed' ? ` (${size(a.stats)})` : ''
      const why = a.violations?.length ? `: ${a.violations.map(v => escapeHtml(v.message)).join(' ')}` : ''
      out.push(`- ${what}: ${became}${changed}${why}`)
      if (a.outputTail) out.push('', indent(codeFence(a.outputTail)), '')
    }
    out.push('')
  }

  if (result.fix) {
    const diff = result.fix.diff
    const shown = diff.length > SUMMARY_DIFF_CHARS ? diff.slice(0, SUMMARY_DIFF_CHARS) : diff
    out.push(
      `<details${result.outcome === 'healed' ? ' open' : ''}><summary>The fix (${size(result.fix.stats)})</summary>`,
      '',
      codeFence(shown, 'diff'),
      '',
      diff.length > shown.length
        ? `The diff is cut at ${SUMMARY_DIFF_CHARS} characters of ${diff.length}.\n`
        : '',
      '</details>',
      ''
    )
  }
  return out.join('\n')
}

/** `1 file, +5 −3`. */
function size(stats: DiffStats): string {
  return `${plural(stats.files, 'file')}, +${stats.added} −${stats.removed}`
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

/** Indents a block under a list item, so Markdown keeps it in the item. */
function indent(text: string): string {
  return text.replace(/^/gm, '  ')
}

/** Where the fix went, as the summary says it. */
function describeProposal(proposal: NonNullable<HealOutput['proposal']>): string {
  const branch = proposal.branch ? `<code>${escapeHtml(proposal.branch)}</code>` : ''
  const pr = proposal.pullRequest
  const link = pr ? `<a href="${escapeHtml(pr.url)}">pull request #${pr.number}</a>` : ''
  switch (proposal.deliver) {
    case 'commit':
      return `commit <code>${proposal.commit ?? ''}</code> on ${branch}${link ? ` (${link})` : ''}`
    case 'suggest':
      return proposal.review
        ? `<a href="${escapeHtml(proposal.review.url)}">a review</a>: ${plural(proposal.review.suggestions, 'suggestion')}, ${plural(proposal.review.asDiff, 'part')} as a diff`
        : 'a review'
    case 'none':
      return 'none (deliver: none): the fix is reported here only'
    default:
      return pr
        ? `${link} (${pr.action}) from ${branch}`
        : `branch ${branch}${proposal.pullRequestSkipped ? ` — no pull request: ${escapeHtml(proposal.pullRequestSkipped)}` : ''}`
  }
}

/** Escapes text for the summary's HTML. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string
  )
}

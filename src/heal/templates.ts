/**
 * The texts of a fix's proposal: its pull request's title and body and its commit's message, from the user's
 * templates (`title`, `body`, `commit-message`) or self-heal's defaults. A template names what it wants filled in
 * with `{placeholder}`; an unknown one is refused when the request is read, before anything runs.
 */
import type { CheckKind } from '../commands/check.js'
import { InvalidInputError } from '../errors.js'
import type { Fingerprint } from './fingerprint.js'
import type { HealFix, ProposalShape } from './types.js'
import { plural } from './report.js'

/** The placeholders a template may use. */
export const PLACEHOLDERS = ['fingerprint', 'check', 'fixer', 'failed-tests', 'run-url'] as const
export type Placeholder = (typeof PLACEHOLDERS)[number]

/** What a placeholder looks like: a name in braces, nothing else inside (`{ a: 1 }` is text, not a placeholder). */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_-]*)\}/g

/** Returns `template` when every placeholder in it is known; else an InvalidInputError naming the unknown ones. */
export function checkTemplate(template: string, what: string): string {
  const unknown = [...template.matchAll(PLACEHOLDER)]
    .map(match => match[1])
    .filter(name => !(PLACEHOLDERS as readonly string[]).includes(name))
  if (unknown.length) {
    throw new InvalidInputError(
      `${what} uses unknown placeholder(s) ${[...new Set(unknown)].map(name => `{${name}}`).join(', ')}: the placeholders are ${PLACEHOLDERS.map(name => `{${name}}`).join(', ')}.`
    )
  }
  return template
}

/** Where the failure was seen, for the texts: known in a workflow run. */
export interface FailureFacts {
  /** The check's command line. */
  check?: string
  /** What failed: the failed tests' names, else the failure's signatures. */
  failed?: string[]
  /** The web page of the workflow run that failed. */
  runUrl?: string
  /** The commit the check failed at, and its web page when known. */
  commit?: string
  commitUrl?: string
}

/** What the texts are made from. */
export interface TextInput {
  shape: ProposalShape
  fix: HealFix
  fingerprint: Pick<Fingerprint, 'id' | 'basis' | 'signatures'>
  kind: CheckKind
  facts?: FailureFacts
}

/** The values of the placeholders. */
export function placeholderValues(input: TextInput): Record<Placeholder, string> {
  const { fix, fingerprint, facts = {} } = input
  const failed = facts.failed ?? fingerprint.signatures
  return {
    fingerprint: fingerprint.id,
    check: facts.check ?? input.kind,
    fixer: fix.source === 'memory' ? 'a remembered fix' : fix.fixers.join(', then '),
    'failed-tests': failed.length
      ? `${failed.slice(0, 10).join(', ')}${failed.length > 10 ? `, and ${failed.length - 10} more` : ''}`
      : 'none',
    'run-url': facts.runUrl ?? ''
  }
}

/** Fills in a template's placeholders (all known: checkTemplate checked them). */
export function fillTemplate(template: string, values: Record<Placeholder, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    name in values ? values[name as Placeholder] : whole
  )
}

/** The pull request's title: the `title` template, or self-heal's. */
export function pullRequestTitle(input: TextInput): string {
  const template = input.shape.title?.trim()
  return template
    ? fillTemplate(template, placeholderValues(input))
    : `self-heal: fix the failing ${input.kind} check (${input.fingerprint.id})`
}

/** The pull request's body: the `body` template, or what failed, the fix, and links to the run and the commit. */
export function pullRequestBody(input: TextInput): string {
  const template = input.shape.body?.trim()
  if (template) return fillTemplate(template, placeholderValues(input))
  const { fix, fingerprint, kind, facts = {} } = input
  const code = (text: string) => `\`${text.replace(/`/g, "'")}\``
  const signatures = fingerprint.signatures
    .slice(0, 20)
    .map(s => `- ${code(s)}`)
    .join('\n')
  const commit = facts.commit
    ? facts.commitUrl
      ? `[${facts.commit.slice(0, 12)}](${facts.commitUrl})`
      : code(facts.commit.slice(0, 12))
    : ''
  const seen = [
    facts.runUrl ? `in [this workflow run](${facts.runUrl})` : '',
    commit ? `at commit ${commit}` : ''
  ].filter(Boolean)
  return [
    `The ${kind} check failed${seen.length ? ` ${seen.join(' ')}` : ''}; self-heal found a fix and verified it by running the check again, which passed.`,
    '',
    `- Fix: ${fix.source === 'memory' ? 'remembered (verified before for the same failure)' : fix.fixers.map(code).join(', then ')}`,
    `- Changes: ${plural(fix.stats.files, 'file')}, +${fix.stats.added} -${fix.stats.removed}`,
    `- Fingerprint: ${code(fingerprint.id)} (${fingerprint.basis})`,
    '',
    '<details><summary>What failed</summary>',
    '',
    signatures,
    fingerprint.signatures.length > 20 ? `- … and ${fingerprint.signatures.length - 20} more` : '',
    '',
    '</details>'
  ].join('\n')
}

/** The fix commit's message, before self-heal's trailer: the `commit-message` template, or self-heal's. */
export function commitMessageText(input: TextInput): string {
  const template = input.shape.commitMessage?.trim()
  if (template) return fillTemplate(template, placeholderValues(input))
  const { fix, kind } = input
  const by = fix.source === 'memory' ? 'a fix verified before for this failure' : fix.fixers.join(', then ')
  return `fix: make the failing ${kind} check pass\n\nMade by ${by}, and verified by running the ${kind} check again.`
}

/**
 * Which fixers a heal runs and how their candidates are cut down: `auto` lines become the fixers derived from the
 * check (auto-fix.ts), agents get re-runs with feedback, and a candidate that touches files the policy protects
 * loses those files rather than being refused whole.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from '../adapters/execution.js'
import type { CheckResult } from '../commands/check.js'
import type { Logger } from '../log.js'
import { isRepoPath } from '../paths.js'
import { DiffParseError, parseGitDiff } from '../diff/parse.js'
import { deriveFixers, snapshotTestFiles, type ProjectFiles } from './auto-fix.js'
import { checkPolicy, type FixPolicy, type PolicyRule, type PolicyViolation } from './policy.js'

/** The fixer line that stands for the fixers derived from the check. */
export const AUTO_FIXER = 'auto'

/**
 * The fixer commands for `lines`, each `auto` line replaced by the fixers derived from the check (logged with
 * why; a check with no known fixer is logged with how to give one). Other lines are kept as they are.
 */
export function resolveFixers(
  lines: readonly string[],
  check: Command,
  failure: CheckResult,
  project: ProjectFiles,
  log: Logger
): string[] {
  const fixers: string[] = []
  for (const line of lines) {
    if (line.trim() !== AUTO_FIXER) {
      fixers.push(line)
      continue
    }
    const failedTests = 'failedTests' in failure ? failure.failedTests : []
    const derived = deriveFixers(check, project, { snapshotFiles: snapshotTestFiles(failedTests) })
    if (derived.none) log.warning(derived.none)
    for (const fixer of derived.fixers) {
      log.info(`fix: auto runs \`${fixer.command}\`: ${fixer.because}.`)
      fixers.push(fixer.command)
    }
  }
  return [...new Set(fixers)]
}

/** The checkout's files for deriveFixers, read from disk under `root` (repository paths only). */
export function checkoutFiles(root: string): ProjectFiles {
  return {
    readFile(path) {
      if (!isRepoPath(path)) return undefined
      try {
        return readFileSync(join(root, path), 'utf8')
      } catch {
        return undefined
      }
    }
  }
}

/**
 * How many times a fixer whose candidate was refused or failed verification is run again with that feedback in
 * its context: `given` (`--fixer-retries`) for every fixer; by default once for a fixer that reads the context
 * (its command line names SELF_HEAL_PROMPT or SELF_HEAL_FAILURE, as an agent's does), never for others, whose
 * second run would make the same change.
 */
export function retriesFor(fixer: string, given: number | undefined): number {
  if (given !== undefined) return given
  return /SELF_HEAL_(PROMPT|FAILURE)\b/.test(fixer) ? 1 : 0
}

/** A file left out of a candidate, and why. */
export interface DroppedFile {
  file: string
  rule: PolicyRule
  message: string
}

/** Rules about the diff as a whole (or about something not in it): no one file can be left out to meet them. */
const WHOLE_DIFF_RULES: ReadonlySet<PolicyRule> = new Set<PolicyRule>([
  'malformed',
  'outside-work-files',
  'too-many-files',
  'too-many-lines'
])

/**
 * The candidate `diff` without the files the policy refused: when every file-bound violation can be met by
 * leaving its file out and what is left passes the policy, the rest and what was dropped; otherwise undefined (the
 * candidate is refused whole). A suppression drops its file too: the rest is verified on its own anyway.
 */
export function withoutRefusedFiles(
  diff: string,
  violations: readonly PolicyViolation[],
  policy: FixPolicy
): { diff: string; dropped: DroppedFile[] } | undefined {
  const dropped = new Map<string, DroppedFile>()
  for (const violation of violations) {
    if (!violation.file) {
      if (WHOLE_DIFF_RULES.has(violation.rule)) continue
      return undefined
    }
    if (WHOLE_DIFF_RULES.has(violation.rule)) return undefined
    if (!dropped.has(violation.file)) {
      dropped.set(violation.file, { file: violation.file, rule: violation.rule, message: violation.message })
    }
  }
  if (dropped.size === 0) return undefined
  const rest = dropFiles(diff, new Set(dropped.keys()))
  if (rest === undefined || !rest.trim()) return undefined
  if (!checkPolicy(rest, policy).ok) return undefined
  return { diff: rest, dropped: [...dropped.values()] }
}

/** `diff` without the file patches that touch any of `files` (old or new path); undefined when it cannot be split. */
export function dropFiles(diff: string, files: ReadonlySet<string>): string | undefined {
  let patches
  try {
    patches = parseGitDiff(diff)
  } catch (error) {
    if (error instanceof DiffParseError) return undefined
    throw error
  }
  // git writes one `diff --git` section per file, in the order parseGitDiff returns them.
  const sections = diff.split(/^(?=diff --git )/m).filter(section => section.startsWith('diff --git '))
  if (sections.length !== patches.length) return undefined
  return sections
    .filter((_, index) => {
      const patch = patches[index]
      return !((patch.oldPath && files.has(patch.oldPath)) || (patch.newPath && files.has(patch.newPath)))
    })
    .join('')
}

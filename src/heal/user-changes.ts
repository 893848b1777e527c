/**
 * Someone else's changes to the checkout while a heal runs in it (a person at the keyboard, an editor's
 * format-on-save, a `git pull`): never swept into a fix and never reverted. What can be told apart from what the
 * fixers and the check do is looked for between steps; on a sighting the heal is abandoned, self-heal's own changes
 * are undone where that cannot touch theirs, and the error says what state the checkout is in. What can and cannot
 * be told apart is in the threat model of src/heal/README.md.
 */
import type { Workspace, WorkspaceState } from '../adapters/workspace.js'
import { parseGitDiff } from '../diff/parse.js'
import { CheckoutChangedError } from '../errors.js'

/** Watches one heal's checkout for changes that are not self-heal's, a fixer's or the check's output. */
export class UserChanges {
  /** The error the heal was abandoned with, once it was: the loop then leaves the checkout through `leave`. */
  abandoned?: CheckoutChangedError
  /** HEAD or the index moved: then nothing is put back, not even self-heal's own changes to the files. */
  private repositoryMoved = false
  /** Whether self-heal may have changed the checkout yet (its first state is taken once `beforeStart` passed). */
  private started = false
  /** Files the last check added (its output), which are self-heal's to remove. */
  private checkOutput: string[] = []

  constructor(
    private readonly workspace: Workspace,
    /** Paths untracked when the heal started: a check may rewrite its own reports among them. */
    private readonly untracked: ReadonlySet<string>
  ) {}

  /**
   * Throws when HEAD or the index moved since the workspace's `markRepository`: no fixer was running, so someone
   * else moved them.
   */
  async repository(when: string): Promise<void> {
    const moved = await this.workspace.repositoryChanges()
    if (!moved.length) return
    this.repositoryMoved = true
    this.abandon(`${moved.join('; ')} ${when}`, this.started ? '' : NOTHING_YET)
  }

  /**
   * After a fixer ran (and its changes outside the work files were put back): what the workspace tells was not the
   * fixer's doing (staging outside the fixer's own index, a commit or a branch logged by someone else) is someone
   * else's, and nothing of it is put back.
   */
  async afterFixer(inCopy = false): Promise<void> {
    const moved = (await this.workspace.othersChanges?.()) ?? []
    if (!moved.length) return
    this.repositoryMoved = true
    this.duringFixer = !inCopy
    this.abandon(`${moved.join('; ')}, while a fixer ran`)
  }

  /**
   * After a fixer ran in a copy of the files at `current` (the files are `now`): nothing in the heal changed the
   * checkout meanwhile, so any change there is someone else's, and it ends the heal before the fixer's changes are
   * written into the checkout.
   */
  async afterFixerInCopy(current: WorkspaceState, now: WorkspaceState): Promise<void> {
    if (now === current) return
    this.abandon(
      `${list(await changedPaths(this.workspace, current, now))} changed while a fixer ran (in a copy of the checkout: these changes are not the fixer's)`
    )
  }

  /** Whether the heal was abandoned just after a fixer in the checkout: its changes are not in any state yet. */
  private duringFixer = false

  /**
   * With the first state (`start`), before anything is changed: a tracked file that changed while the check ran
   * is someone's edit.
   */
  async beforeStart(start: WorkspaceState): Promise<void> {
    await this.repository('while the check ran')
    this.started = true
    const changed = await this.workspace.changedTrackedFiles(start)
    if (changed.length) {
      this.abandon(`${list(changed)} changed while the check ran`, NOTHING_YET)
    }
  }

  /**
   * After the check ran on `state` (the files are `now`): a check writes new files (reports, caches) and its own
   * reports among the untracked files, not the commit's files or a fixer's; a change to those is someone's edit.
   */
  async afterCheck(state: WorkspaceState, now: WorkspaceState): Promise<void> {
    await this.repository('while the check ran')
    const patches = state === now ? [] : parseGitDiff(await this.workspace.diff(state, now))
    const edited = patches
      .filter(patch => patch.kind !== 'add')
      .flatMap(patch => [patch.oldPath!, ...(patch.newPath ? [patch.newPath] : [])])
      .filter(path => !this.untracked.has(path))
    if (!edited.length) return
    this.checkOutput = patches.filter(patch => patch.kind === 'add').map(patch => patch.newPath!)
    this.abandon(
      `${list(unique(edited))} changed while the check ran (a check adds files, it does not edit these)`
    )
  }

  /**
   * At the end of the loop, the files must be as self-heal left them (`current`), and HEAD and the index too. With
   * `compared`, the last check's snapshot (`afterCheck`) already compared the files, and nothing ran since: only
   * HEAD and the index are read again.
   */
  async atEnd(current: WorkspaceState, compared = false): Promise<void> {
    await this.repository('while the heal ran')
    if (compared) return
    const now = await this.workspace.snapshot()
    if (now !== current)
      this.abandon(`${list(await changedPaths(this.workspace, current, now))} changed while the heal ran`)
  }

  /**
   * Leaves the checkout after `abandoned`: when only files were changed, self-heal's own changes since `start`
   * (`current` holds them) are put back on the paths nobody else changed, and true is returned (HEAD and the index
   * are self-heal's to settle); when HEAD or the index moved, nothing is put back. Completes the error's message
   * with the state the checkout is in.
   */
  async leave(start: WorkspaceState, current: WorkspaceState): Promise<boolean> {
    const error = this.abandoned!
    if (this.repositoryMoved) {
      // Just after a fixer, its changes and someone else's edits made while it ran cannot be told apart.
      const own = this.duringFixer
        ? await changedPaths(this.workspace, start, await this.workspace.snapshot())
        : await changedPaths(this.workspace, start, current)
      const whose = this.duringFixer
        ? "changes made since the heal started (the fixer's, and any made by hand while it ran)"
        : "a fixer's uncommitted changes"
      error.message += ` self-heal left the checkout as it is (HEAD, the index and the files)${
        own.length
          ? `: ${list(own)} still ${own.length === 1 ? 'holds' : 'hold'} ${whose}; \`git restore --source=${start} -- <path>\` puts a file back as it was before the heal (one added since: delete it)`
          : ''
      }. Heal again once nobody else works in the checkout.`
      return false
    }
    const own = await changedPaths(this.workspace, start, current)
    const now = await this.workspace.snapshot()
    const output = new Set(this.checkOutput)
    const theirs = (await changedPaths(this.workspace, current, now)).filter(path => !output.has(path))
    const mine = new Set(theirs)
    const undo = [...own, ...output].filter(path => !mine.has(path))
    const mixed = own.filter(path => mine.has(path))
    await this.workspace.restore(start, now, undo)
    error.message +=
      ` self-heal put back its own changes${undo.length ? ` (${list(undo)})` : ''} and left yours as you made them: ${list(theirs)}` +
      `${mixed.length ? `; ${list(mixed)} also ${mixed.length === 1 ? 'holds' : 'hold'} a fixer's change under yours: check them (git diff)` : ''}. Heal again once nobody else works in the checkout.`
    return true
  }

  private abandon(detail: string, state = ''): never {
    this.abandoned = new CheckoutChangedError(
      `The checkout changed while heal ran in it, so the heal was abandoned: ${detail}.${state}`
    )
    throw this.abandoned
  }
}

const NOTHING_YET =
  ' self-heal had changed nothing yet: the checkout is as you left it. Heal again once nobody else works in it.'

/** The paths a change from one state to another touches (both paths of a rename). */
async function changedPaths(
  workspace: Workspace,
  from: WorkspaceState,
  to: WorkspaceState
): Promise<string[]> {
  if (from === to) return []
  const patches = parseGitDiff(await workspace.diff(from, to))
  return unique(
    patches.flatMap(patch => [patch.oldPath, patch.newPath].filter((p): p is string => Boolean(p)))
  )
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)]
}

function list(paths: readonly string[]): string {
  return paths.length > 5 ? `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more` : paths.join(', ')
}

/**
 * Pull request reviews with review comments (create a review, list reviews, list review comments). Reviews live in
 * memory beside the repository state (they are not written to the state file). A comment must sit on a line of
 * the pull request's diff (the right side's lines of a hunk, context included), multi-line comments within one
 * hunk, as GitHub requires; otherwise 422 and nothing is created.
 */
import type { CoreContext, CoreRoute } from '../core-types.js'
import { readRef } from '../git-data.js'
import { gitText } from '../git-runner.js'
import { DOCS_URL, notFound } from '../http.js'
import type { RouteReply } from '../plugin.js'
import { ACTOR_LOGIN, iso, nodeId, simpleUser } from '../objects.js'
import type { RepositoryState } from '../repositories.js'

interface ReviewComment {
  id: number
  reviewId: number
  path: string
  line: number
  startLine: number | null
  side: 'LEFT' | 'RIGHT'
  body: string
  commitId: string
  diffHunk: string
  createdAt: number
}

interface Review {
  id: number
  pull: number
  body: string
  state: 'COMMENTED' | 'APPROVED' | 'CHANGES_REQUESTED' | 'PENDING'
  commitId: string
  submittedAt: number
  comments: ReviewComment[]
}

const reviewsByRepo = new WeakMap<RepositoryState, Review[]>()

function reviewsOf(ctx: CoreContext): Review[] {
  let list = reviewsByRepo.get(ctx.state)
  if (!list) reviewsByRepo.set(ctx.state, (list = []))
  return list
}

interface Hunk {
  start: number
  end: number
  text: string
}

/** The right-side line ranges of each file's hunks in a unified diff. */
function hunksByPath(diff: string): Map<string, Hunk[]> {
  const files = new Map<string, Hunk[]>()
  let current: Hunk[] | undefined
  let hunk: Hunk | undefined
  for (const line of diff.split('\n')) {
    const file = /^\+\+\+ (?:b\/(.*)|\/dev\/null)$/.exec(line)
    if (file) {
      current = file[1] === undefined ? undefined : []
      if (file[1] !== undefined) files.set(file[1], current!)
      hunk = undefined
      continue
    }
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line)
    if (header && current) {
      const start = Number(header[1])
      hunk = { start, end: start + Number(header[2] ?? 1) - 1, text: line }
      current.push(hunk)
      continue
    }
    if (hunk && /^[ +\-\\]/.test(line)) hunk.text += `\n${line}`
  }
  return files
}

/** GitHub answers a review it cannot place with string errors, not validation objects. */
class Unprocessable extends Error {}

function unprocessable(message: string): Unprocessable {
  return new Unprocessable(message)
}

function commentJson(ctx: CoreContext, pull: number, c: ReviewComment): Record<string, unknown> {
  const api = `${ctx.core.services.url}/repos/${ctx.repo.fullName}`
  const html = `${ctx.core.services.url}/${ctx.repo.fullName}/pull/${pull}`
  return {
    url: `${api}/pulls/comments/${c.id}`,
    pull_request_review_id: c.reviewId,
    id: c.id,
    node_id: nodeId('PRRC', c.id),
    diff_hunk: c.diffHunk,
    path: c.path,
    commit_id: c.commitId,
    original_commit_id: c.commitId,
    user: simpleUser(ctx.core, ACTOR_LOGIN, 'Bot'),
    body: c.body,
    created_at: iso(c.createdAt),
    updated_at: iso(c.createdAt),
    html_url: `${html}#discussion_r${c.id}`,
    pull_request_url: `${api}/pulls/${pull}`,
    author_association: 'NONE',
    _links: {
      self: { href: `${api}/pulls/comments/${c.id}` },
      html: { href: `${html}#discussion_r${c.id}` },
      pull_request: { href: `${api}/pulls/${pull}` }
    },
    start_line: c.startLine,
    original_start_line: c.startLine,
    ...(c.startLine === null ? {} : { start_side: c.side }),
    line: c.line,
    original_line: c.line,
    side: c.side,
    subject_type: 'line'
  }
}

function reviewJson(ctx: CoreContext, r: Review): Record<string, unknown> {
  const api = `${ctx.core.services.url}/repos/${ctx.repo.fullName}`
  const html = `${ctx.core.services.url}/${ctx.repo.fullName}/pull/${r.pull}`
  return {
    id: r.id,
    node_id: nodeId('PRR', r.id),
    user: simpleUser(ctx.core, ACTOR_LOGIN, 'Bot'),
    body: r.body,
    state: r.state,
    html_url: `${html}#pullrequestreview-${r.id}`,
    pull_request_url: `${api}/pulls/${r.pull}`,
    _links: {
      html: { href: `${html}#pullrequestreview-${r.id}` },
      pull_request: { href: `${api}/pulls/${r.pull}` }
    },
    submitted_at: iso(r.submittedAt),
    commit_id: r.commitId,
    author_association: 'NONE'
  }
}

interface CommentInput {
  path?: unknown
  line?: unknown
  start_line?: unknown
  side?: unknown
  body?: unknown
}

async function createReview(ctx: CoreContext): Promise<RouteReply> {
  const number = Number(ctx.params.pull_number)
  const record = ctx.state.issues.get(number)
  if (!record?.pull) throw notFound()
  const gitDir = ctx.repo.gitDir
  const head = await readRef(gitDir, `refs/heads/${record.pull.head}`)
  const base = await readRef(gitDir, `refs/heads/${record.pull.base}`)
  if (!head || !base) throw notFound()
  const body = (ctx.body ?? {}) as {
    commit_id?: string
    body?: string
    event?: string
    comments?: CommentInput[]
  }
  const event = body.event
  if ((event === 'COMMENT' || event === 'REQUEST_CHANGES') && !body.body && !body.comments?.length) {
    throw unprocessable(`Review body is required for ${event}`)
  }
  const commitId = body.commit_id ?? head
  const mergeBase = await gitText(gitDir, ['merge-base', base, commitId])
  const hunks = hunksByPath(await gitText(gitDir, ['diff', '--no-color', mergeBase, commitId]))
  const id = ctx.core.nextId()
  const now = ctx.core.services.now()
  const comments: ReviewComment[] = (body.comments ?? []).map(input => {
    const path = String(input.path)
    const line = Number(input.line)
    const startLine = input.start_line === undefined ? null : Number(input.start_line)
    const side = input.side === 'LEFT' ? 'LEFT' : 'RIGHT'
    const hunk = side === 'RIGHT' ? hunks.get(path)?.find(h => h.start <= line && line <= h.end) : undefined
    if (!hunk) throw unprocessable('Pull request review thread line must be part of the diff')
    if (startLine !== null && !(hunk.start <= startLine && startLine <= line)) {
      throw unprocessable('Pull request review thread start line must be part of the same hunk as the line.')
    }
    return {
      id: ctx.core.nextId(),
      reviewId: id,
      path,
      line,
      startLine,
      side,
      body: String(input.body ?? ''),
      commitId,
      diffHunk: hunk.text,
      createdAt: now
    }
  })
  const state =
    event === 'APPROVE'
      ? 'APPROVED'
      : event === 'REQUEST_CHANGES'
        ? 'CHANGES_REQUESTED'
        : event === 'COMMENT'
          ? 'COMMENTED'
          : 'PENDING'
  const review: Review = {
    id,
    pull: number,
    body: body.body ?? '',
    state,
    commitId,
    submittedAt: now,
    comments
  }
  reviewsOf(ctx).push(review)
  return { status: 200, body: reviewJson(ctx, review) }
}

/** The pull request review routes. */
export function reviewRoutes(): CoreRoute[] {
  return [
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      operationId: 'pulls/create-review',
      kind: 'write',
      permission: 'pull-requests',
      async handler(ctx) {
        try {
          return await createReview(ctx)
        } catch (error) {
          if (!(error instanceof Unprocessable)) throw error
          return {
            status: 422,
            body: {
              message: 'Unprocessable Entity',
              errors: [error.message],
              documentation_url: `${DOCS_URL}/pulls/reviews#create-a-review-for-a-pull-request`,
              status: '422'
            }
          }
        }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      operationId: 'pulls/list-reviews',
      kind: 'read',
      permission: 'pull-requests',
      async handler(ctx) {
        const number = Number(ctx.params.pull_number)
        if (!ctx.state.issues.get(number)?.pull) throw notFound()
        const list = reviewsOf(ctx).filter(r => r.pull === number)
        return { status: 200, body: list.map(r => reviewJson(ctx, r)) }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
      operationId: 'pulls/list-review-comments',
      kind: 'read',
      permission: 'pull-requests',
      async handler(ctx) {
        const number = Number(ctx.params.pull_number)
        if (!ctx.state.issues.get(number)?.pull) throw notFound()
        const comments = reviewsOf(ctx)
          .filter(r => r.pull === number && r.state !== 'PENDING')
          .flatMap(r => r.comments)
        return { status: 200, body: comments.map(c => commentJson(ctx, number, c)) }
      }
    }
  ]
}

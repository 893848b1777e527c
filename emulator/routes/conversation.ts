/**
 * An issue's or pull request's conversation: comments (list, create, update), assignees, and pull request
 * reviews with comments on lines of the head (create, list, list their comments).
 */
import type { CoreContext, CoreRoute } from '../core-types.js'
import { gitText, runGit } from '../git-runner.js'
import { readRef } from '../git-data.js'
import { errorReply, nextPageLink, notFound, validationFailed } from '../http.js'
import { ACTOR_LOGIN, iso, labelJson, nodeId, simpleUser } from '../objects.js'
import type {
  CommentRecord,
  IssueRecord,
  LabelRecord,
  ReviewCommentRecord,
  ReviewRecord
} from '../repositories.js'
import { pullHeadSha, pullOf, type PullRecord } from './pulls.js'

function issueOf(ctx: CoreContext, number: string | undefined): IssueRecord {
  const issue = ctx.state.issues.get(Number(number))
  if (!issue) throw notFound()
  return issue
}

function apiBase(ctx: CoreContext): string {
  return `${ctx.core.services.url}/repos/${ctx.repo.fullName}`
}

function commentJson(ctx: CoreContext, issue: IssueRecord, comment: CommentRecord): Record<string, unknown> {
  const html = `${ctx.core.services.url}/${ctx.repo.fullName}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url: `${apiBase(ctx)}/issues/comments/${comment.id}`,
    html_url: `${html}#issuecomment-${comment.id}`,
    body: comment.body,
    user: simpleUser(ctx.core, comment.user, comment.user === ACTOR_LOGIN ? 'Bot' : 'User'),
    created_at: iso(comment.createdAt),
    updated_at: iso(comment.updatedAt),
    issue_url: `${apiBase(ctx)}/issues/${issue.number}`,
    author_association: 'CONTRIBUTOR'
  }
}

/** `issue`, as add-assignees answers. */
function issueJson(ctx: CoreContext, issue: IssueRecord): Record<string, unknown> {
  const api = `${apiBase(ctx)}/issues/${issue.number}`
  const assignees = (issue.assignees ?? []).map(login => simpleUser(ctx.core, login))
  return {
    id: issue.id,
    node_id: nodeId(issue.pull ? 'PullRequest' : 'Issue', issue.id),
    url: api,
    repository_url: apiBase(ctx),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${ctx.core.services.url}/${ctx.repo.fullName}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`,
    number: issue.number,
    state: issue.state,
    title: issue.title,
    body: issue.body,
    user: simpleUser(ctx.core, ACTOR_LOGIN, 'Bot'),
    labels: issue.labels
      .map(name => ctx.state.labels.get(name.toLowerCase()))
      .filter((label): label is LabelRecord => label !== undefined)
      .map(label => labelJson(ctx.core, ctx.state, label)),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: false,
    comments: issue.comments?.length ?? 0,
    closed_at: issue.closedAt === null ? null : iso(issue.closedAt),
    created_at: iso(issue.createdAt),
    updated_at: iso(issue.updatedAt),
    author_association: 'CONTRIBUTOR'
  }
}

function reviewJson(ctx: CoreContext, pull: PullRecord, review: ReviewRecord): Record<string, unknown> {
  const html = `${ctx.core.services.url}/${ctx.repo.fullName}/pull/${pull.number}`
  return {
    id: review.id,
    node_id: nodeId('PullRequestReview', review.id),
    user: simpleUser(ctx.core, ACTOR_LOGIN, 'Bot'),
    body: review.body,
    state: review.state,
    html_url: `${html}#pullrequestreview-${review.id}`,
    pull_request_url: `${apiBase(ctx)}/pulls/${pull.number}`,
    _links: {
      html: { href: `${html}#pullrequestreview-${review.id}` },
      pull_request: { href: `${apiBase(ctx)}/pulls/${pull.number}` }
    },
    submitted_at: iso(review.submittedAt),
    commit_id: review.commitId,
    author_association: 'CONTRIBUTOR'
  }
}

function reviewCommentJson(
  ctx: CoreContext,
  pull: PullRecord,
  review: ReviewRecord,
  comment: ReviewCommentRecord
): Record<string, unknown> {
  const url = `${apiBase(ctx)}/pulls/comments/${comment.id}`
  const html = `${ctx.core.services.url}/${ctx.repo.fullName}/pull/${pull.number}#discussion_r${comment.id}`
  const when = iso(review.submittedAt)
  return {
    url,
    id: comment.id,
    node_id: nodeId('PullRequestReviewComment', comment.id),
    pull_request_review_id: review.id,
    diff_hunk: comment.diffHunk,
    path: comment.path,
    commit_id: review.commitId,
    original_commit_id: review.commitId,
    user: simpleUser(ctx.core, ACTOR_LOGIN, 'Bot'),
    body: comment.body,
    created_at: when,
    updated_at: when,
    html_url: html,
    pull_request_url: `${apiBase(ctx)}/pulls/${pull.number}`,
    author_association: 'CONTRIBUTOR',
    _links: {
      self: { href: url },
      html: { href: html },
      pull_request: { href: `${apiBase(ctx)}/pulls/${pull.number}` }
    },
    line: comment.line,
    original_line: comment.line,
    side: 'RIGHT',
    start_line: comment.startLine,
    original_start_line: comment.startLine,
    // GitHub sends null for a one-line comment; the description's enum has no null, so it is left out.
    ...(comment.startLine === null ? {} : { start_side: 'RIGHT' })
  }
}

/** A page of `items` (per_page, page) and its `link` header. */
function page<T>(
  ctx: CoreContext,
  path: string,
  items: T[]
): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page') ?? 30) || 30))
  const number = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1)
  const headers: Record<string, string> =
    items.length > number * perPage
      ? { link: nextPageLink(ctx.core.services.url, path, ctx.query, number, perPage) }
      : {}
  return { items: items.slice((number - 1) * perPage, number * perPage), headers }
}

/** The right-side hunks of the pull request's diff of `path`: `[first, last]` line ranges and the hunk's text. */
async function rightHunks(
  ctx: CoreContext,
  base: string,
  head: string,
  path: string
): Promise<Array<{ first: number; last: number; text: string }>> {
  const gitDir = ctx.repo.gitDir
  const mergeBase = await gitText(gitDir, ['merge-base', base, head])
  const diff = (
    await runGit(gitDir, ['diff', '--no-color', '--no-ext-diff', '-U3', mergeBase, head, '--', path])
  ).stdout.toString('utf8')
  const hunks: Array<{ first: number; last: number; text: string }> = []
  for (const part of diff.split(/^(?=@@ )/m).slice(1)) {
    const match = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(part)
    if (!match) continue
    const first = Number(match[1])
    const count = match[2] === undefined ? 1 : Number(match[2])
    hunks.push({ first, last: first + count - 1, text: part.replace(/\n$/, '') })
  }
  return hunks
}

/** GitHub's answer to a review comment on a line its diff does not show. */
function unresolvable(): ReturnType<typeof errorReply> {
  const reply = errorReply(422, 'Unprocessable Entity')
  ;(reply.body as Record<string, unknown>).errors = ['Line could not be resolved']
  return reply
}

/** The conversation routes. */
export function conversationRoutes(): CoreRoute[] {
  return [
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      operationId: 'issues/list-comments',
      kind: 'read',
      permission: 'issues',
      async handler(ctx) {
        const issue = issueOf(ctx, ctx.params.issue_number)
        const listed = page(
          ctx,
          `/repos/${ctx.repo.fullName}/issues/${issue.number}/comments`,
          issue.comments ?? []
        )
        return {
          status: 200,
          body: listed.items.map(c => commentJson(ctx, issue, c)),
          headers: listed.headers
        }
      }
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      operationId: 'issues/create-comment',
      kind: 'write',
      permission: 'issues',
      async handler(ctx) {
        const issue = issueOf(ctx, ctx.params.issue_number)
        const body = (ctx.body as { body?: string } | undefined)?.body
        if (!body?.trim())
          throw validationFailed([{ resource: 'IssueComment', field: 'body', code: 'missing_field' }])
        const now = ctx.core.services.now()
        const comment: CommentRecord = {
          id: ctx.core.nextId(),
          body,
          user: ACTOR_LOGIN,
          createdAt: now,
          updatedAt: now
        }
        ;(issue.comments ??= []).push(comment)
        issue.updatedAt = now
        return {
          status: 201,
          body: commentJson(ctx, issue, comment),
          headers: { location: `${apiBase(ctx)}/issues/comments/${comment.id}` }
        }
      }
    },
    {
      method: 'PATCH',
      path: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      operationId: 'issues/update-comment',
      kind: 'write',
      permission: 'issues',
      async handler(ctx) {
        const id = Number(ctx.params.comment_id)
        for (const issue of ctx.state.issues.values()) {
          const comment = issue.comments?.find(c => c.id === id)
          if (!comment) continue
          const body = (ctx.body as { body?: string } | undefined)?.body
          if (!body?.trim())
            throw validationFailed([{ resource: 'IssueComment', field: 'body', code: 'missing_field' }])
          comment.body = body
          comment.updatedAt = ctx.core.services.now()
          return { status: 200, body: commentJson(ctx, issue, comment) }
        }
        throw notFound()
      }
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues/{issue_number}/assignees',
      operationId: 'issues/add-assignees',
      kind: 'write',
      permission: 'issues',
      async handler(ctx) {
        const issue = issueOf(ctx, ctx.params.issue_number)
        const logins = (ctx.body as { assignees?: string[] } | undefined)?.assignees ?? []
        // GitHub silently skips users who cannot be assigned; the emulator's users all can be (at most ten).
        const assignees = (issue.assignees ??= [])
        for (const login of logins)
          if (!assignees.includes(login) && assignees.length < 10) assignees.push(login)
        issue.updatedAt = ctx.core.services.now()
        return { status: 201, body: issueJson(ctx, issue) }
      }
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      operationId: 'pulls/create-review',
      kind: 'write',
      permission: 'pull-requests',
      async handler(ctx) {
        const pull = pullOf(ctx, ctx.params.pull_number)
        const body = (ctx.body ?? {}) as {
          commit_id?: string
          body?: string
          event?: 'APPROVE' | 'REQUEST_CHANGES' | 'COMMENT'
          comments?: Array<{
            path: string
            position?: number
            body: string
            line?: number
            side?: string
            start_line?: number
            start_side?: string
          }>
        }
        // A review without an event stays pending until submitted, which the emulator does not serve.
        if (!body.event) return errorReply(422, 'emulator: pending reviews are not served: give an event')
        // GitHub wants a body for a comment or a change request that has no line comments.
        if (body.event !== 'APPROVE' && !body.body?.trim() && !body.comments?.length) {
          const reply = errorReply(422, 'Unprocessable Entity')
          ;(reply.body as Record<string, unknown>).errors = ['Body is required for this event']
          return reply
        }
        const gitDir = ctx.repo.gitDir
        const head = await pullHeadSha(ctx, pull)
        const base = await readRef(gitDir, `refs/heads/${pull.pull.base}`)
        if (!head || !base) throw notFound()
        const comments: ReviewCommentRecord[] = []
        for (const comment of body.comments ?? []) {
          // Line comments only (the older `position` form is not served), on the head's side of the diff.
          if (comment.line === undefined || comment.position !== undefined) {
            return errorReply(
              422,
              'emulator: review comments need `line` (the `position` form is not served)'
            )
          }
          if ((comment.side ?? 'RIGHT') !== 'RIGHT' || (comment.start_side ?? 'RIGHT') !== 'RIGHT') {
            return errorReply(422, 'emulator: review comments on the LEFT side are not served')
          }
          const start = comment.start_line ?? comment.line
          const hunk = (await rightHunks(ctx, base, body.commit_id ?? head, comment.path)).find(
            h => h.first <= start && comment.line! <= h.last
          )
          if (!hunk || start > comment.line) return unresolvable()
          comments.push({
            id: ctx.core.nextId(),
            path: comment.path,
            line: comment.line,
            startLine: comment.start_line ?? null,
            body: comment.body,
            diffHunk: hunk.text
          })
        }
        const review: ReviewRecord = {
          id: ctx.core.nextId(),
          body: body.body ?? '',
          state:
            body.event === 'APPROVE'
              ? 'APPROVED'
              : body.event === 'REQUEST_CHANGES'
                ? 'CHANGES_REQUESTED'
                : 'COMMENTED',
          commitId: body.commit_id ?? head,
          submittedAt: ctx.core.services.now(),
          comments
        }
        ;(pull.pull.reviews ??= []).push(review)
        pull.updatedAt = review.submittedAt
        return { status: 200, body: reviewJson(ctx, pull, review) }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      operationId: 'pulls/list-reviews',
      kind: 'read',
      permission: 'pull-requests',
      async handler(ctx) {
        const pull = pullOf(ctx, ctx.params.pull_number)
        const listed = page(
          ctx,
          `/repos/${ctx.repo.fullName}/pulls/${pull.number}/reviews`,
          pull.pull.reviews ?? []
        )
        return { status: 200, body: listed.items.map(r => reviewJson(ctx, pull, r)), headers: listed.headers }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
      operationId: 'pulls/list-review-comments',
      kind: 'read',
      permission: 'pull-requests',
      async handler(ctx) {
        const pull = pullOf(ctx, ctx.params.pull_number)
        const all = (pull.pull.reviews ?? []).flatMap(review =>
          review.comments.map(comment => ({ review, comment }))
        )
        const listed = page(ctx, `/repos/${ctx.repo.fullName}/pulls/${pull.number}/comments`, all)
        return {
          status: 200,
          body: listed.items.map(({ review, comment }) => reviewCommentJson(ctx, pull, review, comment)),
          headers: listed.headers
        }
      }
    }
  ]
}

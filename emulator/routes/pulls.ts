/** Pull requests (create, list, get, update, request reviewers), merges, and issue labels. */
import type { CoreContext, CoreRoute } from '../core-types.js'
import { binaryDiff, diffEntries } from '../diff.js'
import {
  compareAndSwapRef,
  isAncestor,
  readCommit,
  readRef,
  resolveCommit,
  writeCommit
} from '../git-data.js'
import { gitText, runGit } from '../git-runner.js'
import { ApiError, nextPageLink, notFound, validationFailed } from '../http.js'
import {
  ACTOR_LOGIN,
  commitJson,
  iso,
  labelJson,
  nodeId,
  repositoryJson,
  simpleUser,
  teamJson,
  WEB_FLOW
} from '../objects.js'
import type { IssueRecord, LabelRecord, RepositoryState } from '../repositories.js'
import { actorPerson } from './git-objects.js'
import { assertWorkflowsPermission } from './guards.js'

export type PullRecord = IssueRecord & { pull: NonNullable<IssueRecord['pull']> }

export function pullOf(ctx: CoreContext, number: string | undefined): PullRecord {
  const record = ctx.state.issues.get(Number(number))
  if (!record?.pull) throw notFound()
  return record as PullRecord
}

function labelsOf(ctx: CoreContext, record: IssueRecord): Record<string, unknown>[] {
  return record.labels
    .map(name => ctx.state.labels.get(name.toLowerCase()))
    .filter((label): label is LabelRecord => label !== undefined)
    .map(label => labelJson(ctx.core, ctx.state, label))
}

async function branchEnd(
  ctx: CoreContext,
  branch: string,
  fallback: string | null
): Promise<Record<string, unknown>> {
  const sha = (await readRef(ctx.repo.gitDir, `refs/heads/${branch}`)) ?? fallback ?? '0'.repeat(40)
  return {
    label: `${ctx.repo.owner}:${branch}`,
    ref: branch,
    sha,
    user: simpleUser(ctx.core, ctx.repo.owner, 'Organization'),
    repo: repositoryJson(ctx.core, ctx.state)
  }
}

/**
 * The commit a pull request's head branch is at. A fork's branch is read in the fork, and its commits are brought
 * into this repository as `refs/pull/N/head`, as GitHub keeps them, so that diffs, reviews and merges find them.
 */
export async function pullHeadSha(ctx: CoreContext, record: PullRecord): Promise<string | undefined> {
  const pull = record.pull
  const fork = pull.headRepo ? ctx.core.state(pull.headRepo) : undefined
  if (!fork) return readRef(ctx.repo.gitDir, `refs/heads/${pull.head}`)
  const sha = await readRef(fork.repo.gitDir, `refs/heads/${pull.head}`)
  const mirror = `refs/pull/${record.number}/head`
  if (!sha || (await readRef(ctx.repo.gitDir, mirror)) === sha) return sha
  await runGit(ctx.repo.gitDir, [
    'fetch',
    '-q',
    '--no-tags',
    fork.repo.gitDir,
    `+refs/heads/${pull.head}:${mirror}`
  ])
  return readRef(ctx.repo.gitDir, mirror)
}

/** The pull request's head end: this repository's branch, or the fork's. */
async function headEnd(
  ctx: CoreContext,
  record: PullRecord,
  fallback: string | null
): Promise<Record<string, unknown>> {
  const pull = record.pull
  const fork = pull.headRepo ? ctx.core.state(pull.headRepo) : undefined
  const sha = (await pullHeadSha(ctx, record)) ?? fallback ?? '0'.repeat(40)
  if (!fork) return { ...(await branchEnd(ctx, pull.head, null)), sha }
  return {
    label: `${fork.repo.owner}:${pull.head}`,
    ref: pull.head,
    sha,
    user: simpleUser(ctx.core, fork.repo.owner, 'User'),
    repo: repositoryJson(ctx.core, fork)
  }
}

/** `pull-request-simple` (lists) or, with `full`, `pull-request`. */
export async function pullJson(
  ctx: CoreContext,
  record: PullRecord,
  full: boolean
): Promise<Record<string, unknown>> {
  const api = `${ctx.core.services.url}/repos/${ctx.repo.fullName}`
  const html = `${ctx.core.services.url}/${ctx.repo.fullName}/pull/${record.number}`
  const pull = record.pull
  const head =
    record.state === 'closed' && pull.closedHeadSha
      ? { ...(await headEnd(ctx, record, null)), sha: pull.closedHeadSha }
      : await headEnd(ctx, record, pull.mergeCommitSha)
  const base = await branchEnd(ctx, pull.base, null)
  const json: Record<string, unknown> = {
    url: `${api}/pulls/${record.number}`,
    id: record.id,
    node_id: nodeId('PullRequest', record.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${record.number}`,
    commits_url: `${api}/pulls/${record.number}/commits`,
    review_comments_url: `${api}/pulls/${record.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${record.number}/comments`,
    statuses_url: `${api}/statuses/${head.sha as string}`,
    number: record.number,
    state: record.state,
    locked: false,
    title: record.title,
    user: simpleUser(ctx.core, ACTOR_LOGIN, 'Bot'),
    body: record.body,
    // The pull request's inline label schema has a non-null description.
    labels: labelsOf(ctx, record).map(label => ({ ...label, description: label.description ?? '' })),
    milestone: null,
    active_lock_reason: null,
    created_at: iso(record.createdAt),
    updated_at: iso(record.updatedAt),
    closed_at: record.closedAt === null ? null : iso(record.closedAt),
    merged_at: pull.mergedAt === null ? null : iso(pull.mergedAt),
    merge_commit_sha: pull.mergeCommitSha,
    assignee: record.assignees?.length ? simpleUser(ctx.core, record.assignees[0]) : null,
    assignees: (record.assignees ?? []).map(login => simpleUser(ctx.core, login)),
    requested_reviewers: pull.requestedReviewers.map(login => simpleUser(ctx.core, login)),
    requested_teams: (pull.requestedTeams ?? []).map(slug => teamJson(ctx.core, ctx.repo.owner, slug)),
    head,
    base,
    _links: {
      self: { href: `${api}/pulls/${record.number}` },
      html: { href: html },
      issue: { href: `${api}/issues/${record.number}` },
      comments: { href: `${api}/issues/${record.number}/comments` },
      review_comments: { href: `${api}/pulls/${record.number}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${api}/pulls/${record.number}/commits` },
      statuses: { href: `${api}/statuses/${head.sha as string}` }
    },
    author_association: 'CONTRIBUTOR',
    auto_merge: null,
    draft: pull.draft
  }
  if (!full) return json
  const gitDir = ctx.repo.gitDir
  const mergeBase = (
    await runGit(gitDir, ['merge-base', base.sha as string, head.sha as string], { okCodes: [1] })
  ).stdout
    .toString('utf8')
    .trim()
  let commits = 0
  let additions = 0
  let deletions = 0
  let changedFiles = 0
  let mergeable: boolean | null = null
  if (mergeBase) {
    commits = Number(await gitText(gitDir, ['rev-list', '--count', `${mergeBase}..${head.sha as string}`]))
    const entries = await diffEntries(gitDir, mergeBase, head.sha as string)
    changedFiles = entries.length
    for (const entry of entries) {
      additions += entry.additions
      deletions += entry.deletions
    }
    if (record.state === 'open') {
      const { code } = await runGit(
        gitDir,
        ['merge-tree', '--write-tree', base.sha as string, head.sha as string],
        {
          okCodes: [1]
        }
      )
      mergeable = code === 0
    }
  }
  return {
    ...json,
    merged: pull.mergedAt !== null,
    mergeable,
    rebaseable: mergeable,
    mergeable_state: mergeable === null ? 'unknown' : mergeable ? 'clean' : 'dirty',
    merged_by: pull.mergedAt === null ? null : simpleUser(ctx.core, ACTOR_LOGIN, 'Bot'),
    comments: record.comments?.length ?? 0,
    review_comments: (pull.reviews ?? []).reduce((n, review) => n + review.comments.length, 0),
    maintainer_can_modify: pull.maintainerCanModify,
    commits,
    additions,
    deletions,
    changed_files: changedFiles
  }
}

/**
 * `OWNER:BRANCH` or `BRANCH` → the branch, and the repository it is in: this one, or OWNER's fork of it (a served
 * repository of OWNER's whose `parent` is this one; another repository of the same name is no fork).
 */
function headBranch(ctx: CoreContext, head: string): { branch: string; repo: RepositoryState } | undefined {
  const colon = head.indexOf(':')
  if (colon < 0) return { branch: head, repo: ctx.state }
  const owner = head.slice(0, colon).toLowerCase()
  const branch = head.slice(colon + 1)
  if (owner === ctx.repo.owner.toLowerCase()) return { branch, repo: ctx.state }
  const fork = [...ctx.core.services.repositories.values()].find(
    repo =>
      repo.owner.toLowerCase() === owner && repo.parent?.toLowerCase() === ctx.repo.fullName.toLowerCase()
  )
  const repo = fork && ctx.core.state(fork.fullName)
  return repo ? { branch, repo } : undefined
}

/** The pull, merge and label routes. */
export function pullRoutes(): CoreRoute[] {
  return [
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/pulls',
      operationId: 'pulls/create',
      kind: 'write',
      permission: 'pull-requests',
      async handler(ctx) {
        const body = ctx.body as {
          title?: string
          head: string
          base: string
          body?: string
          draft?: boolean
          maintainer_can_modify?: boolean
          issue?: number
        }
        if (!body.title)
          throw validationFailed([{ resource: 'PullRequest', field: 'title', code: 'missing_field' }])
        const gitDir = ctx.repo.gitDir
        const from = headBranch(ctx, body.head)
        const branch = from?.branch
        const fork = from && from.repo !== ctx.state ? from.repo : undefined
        const headSha = from ? await readRef(from.repo.repo.gitDir, `refs/heads/${from.branch}`) : undefined
        const baseSha = await readRef(gitDir, `refs/heads/${body.base}`)
        const errors = []
        if (!baseSha) errors.push({ resource: 'PullRequest', field: 'base', code: 'invalid' })
        if (!headSha) errors.push({ resource: 'PullRequest', field: 'head', code: 'invalid' })
        if (errors.length) throw validationFailed(errors)
        const existing = [...ctx.state.issues.values()].find(
          issue =>
            issue.pull &&
            issue.state === 'open' &&
            issue.pull.head === branch &&
            issue.pull.headRepo === fork?.repo.fullName &&
            issue.pull.base === body.base
        )
        if (existing) {
          throw validationFailed([
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for ${(fork ?? ctx.state).repo.owner}:${branch}.`
            }
          ])
        }
        if (fork) {
          // The fork's commits, for the check below; pullHeadSha keeps them under refs/pull/N/head.
          await runGit(gitDir, [
            'fetch',
            '-q',
            '--no-tags',
            fork.repo.gitDir,
            `refs/heads/${branch as string}`
          ])
        }
        if (await isAncestor(gitDir, headSha as string, baseSha as string)) {
          throw validationFailed([
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `No commits between ${body.base} and ${branch}`
            }
          ])
        }
        const now = ctx.core.services.now()
        const record: PullRecord = {
          number: ctx.state.takeNumber(),
          id: ctx.core.nextId(),
          title: body.title,
          body: body.body ?? null,
          state: 'open',
          labels: [],
          createdAt: now,
          updatedAt: now,
          closedAt: null,
          pull: {
            head: branch as string,
            headOwner: (fork ?? ctx.state).repo.owner,
            ...(fork ? { headRepo: fork.repo.fullName } : {}),
            base: body.base,
            draft: body.draft ?? false,
            maintainerCanModify: body.maintainer_can_modify ?? false,
            mergedAt: null,
            mergeCommitSha: null,
            requestedReviewers: []
          }
        }
        ctx.state.issues.set(record.number, record)
        return {
          status: 201,
          body: await pullJson(ctx, record, true),
          headers: { location: `${ctx.core.services.url}/repos/${ctx.repo.fullName}/pulls/${record.number}` }
        }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/pulls',
      operationId: 'pulls/list',
      kind: 'read',
      permission: 'pull-requests',
      async handler(ctx) {
        const state = ctx.query.get('state') ?? 'open'
        if (!['open', 'closed', 'all'].includes(state)) {
          throw validationFailed([{ resource: 'PullRequest', field: 'state', code: 'invalid' }])
        }
        const head = ctx.query.get('head')
        const base = ctx.query.get('base')
        const direction = ctx.query.get('direction') ?? 'desc'
        const sort = ctx.query.get('sort') === 'updated' ? 'updatedAt' : 'createdAt'
        const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page') ?? 30) || 30))
        const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1)
        let pulls = [...ctx.state.issues.values()].filter(
          (issue): issue is PullRecord => issue.pull !== undefined
        )
        if (state !== 'all') pulls = pulls.filter(pull => pull.state === state)
        // GitHub silently ignores a `head` without the `OWNER:` prefix (and so lists every pull request).
        if (head?.includes(':')) {
          const colon = head.indexOf(':')
          const owner = head.slice(0, colon)
          const branch = head.slice(colon + 1)
          pulls = pulls.filter(
            pull => pull.pull.headOwner.toLowerCase() === owner.toLowerCase() && pull.pull.head === branch
          )
        }
        if (base) pulls = pulls.filter(pull => pull.pull.base === base)
        pulls.sort((a, b) =>
          direction === 'asc'
            ? a[sort] - b[sort] || a.number - b.number
            : b[sort] - a[sort] || b.number - a.number
        )
        const body = []
        for (const pull of pulls.slice((page - 1) * perPage, page * perPage)) {
          body.push(await pullJson(ctx, pull, false))
        }
        const headers: Record<string, string> = {}
        if (pulls.length > page * perPage) {
          headers.link = nextPageLink(
            ctx.core.services.url,
            `/repos/${ctx.repo.fullName}/pulls`,
            ctx.query,
            page,
            perPage
          )
        }
        return { status: 200, body, headers }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}',
      operationId: 'pulls/get',
      kind: 'read',
      permission: 'pull-requests',
      async handler(ctx) {
        const pull = pullOf(ctx, ctx.params.pull_number)
        const accept = ctx.req.headers.accept ?? ''
        if (/application\/vnd\.github(\.v3)?\.diff/.test(accept)) {
          const gitDir = ctx.repo.gitDir
          const head = (await pullHeadSha(ctx, pull)) ?? pull.pull.mergeCommitSha
          const base = await readRef(gitDir, `refs/heads/${pull.pull.base}`)
          if (!head || !base) throw notFound()
          const mergeBase = await gitText(gitDir, ['merge-base', base, head])
          return {
            status: 200,
            body: await binaryDiff(gitDir, mergeBase, head),
            headers: { 'content-type': 'application/vnd.github.diff; charset=utf-8' }
          }
        }
        return { status: 200, body: await pullJson(ctx, pull, true) }
      }
    },
    {
      method: 'PATCH',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}',
      operationId: 'pulls/update',
      kind: 'write',
      permission: 'pull-requests',
      async handler(ctx) {
        const pull = pullOf(ctx, ctx.params.pull_number)
        const body = (ctx.body ?? {}) as {
          title?: string
          body?: string
          state?: 'open' | 'closed'
          base?: string
          maintainer_can_modify?: boolean
        }
        if (body.base !== undefined && !(await readRef(ctx.repo.gitDir, `refs/heads/${body.base}`))) {
          throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }])
        }
        if (body.state === 'open' && pull.state === 'closed') {
          if (pull.pull.mergedAt !== null)
            throw validationFailed([
              { resource: 'PullRequest', code: 'custom', message: 'Cannot reopen a merged pull request' }
            ])
          const clash = [...ctx.state.issues.values()].find(
            other =>
              other !== pull &&
              other.pull &&
              other.state === 'open' &&
              other.pull.head === pull.pull.head &&
              other.pull.headRepo === pull.pull.headRepo &&
              other.pull.base === (body.base ?? pull.pull.base)
          )
          if (clash) {
            throw validationFailed([
              {
                resource: 'PullRequest',
                code: 'custom',
                message: `A pull request already exists for ${ctx.repo.owner}:${pull.pull.head}.`
              }
            ])
          }
        }
        const now = ctx.core.services.now()
        if (body.title !== undefined) pull.title = body.title
        if (body.body !== undefined) pull.body = body.body
        if (body.base !== undefined) pull.pull.base = body.base
        if (body.maintainer_can_modify !== undefined)
          pull.pull.maintainerCanModify = body.maintainer_can_modify
        if (body.state !== undefined && body.state !== pull.state) {
          pull.state = body.state
          pull.closedAt = body.state === 'closed' ? now : null
          pull.pull.closedHeadSha = body.state === 'closed' ? await pullHeadSha(ctx, pull) : null
        }
        pull.updatedAt = now
        return { status: 200, body: await pullJson(ctx, pull, true) }
      }
    },
    {
      method: 'PUT',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
      operationId: 'pulls/merge',
      kind: 'write',
      permission: 'contents',
      async handler(ctx) {
        const pull = pullOf(ctx, ctx.params.pull_number)
        const body = (ctx.body ?? {}) as {
          commit_title?: string
          commit_message?: string
          sha?: string
          merge_method?: 'merge' | 'squash' | 'rebase'
        }
        const method = body.merge_method ?? 'merge'
        const gitDir = ctx.repo.gitDir
        return ctx.state.exclusive(async () => {
          if (pull.state !== 'open') throw new ApiError(405, 'Pull Request is not mergeable')
          const head = await pullHeadSha(ctx, pull)
          const base = await readRef(gitDir, `refs/heads/${pull.pull.base}`)
          if (!head || !base) throw new ApiError(405, 'Pull Request is not mergeable')
          if (body.sha !== undefined && body.sha !== head) {
            throw new ApiError(409, 'Head branch was modified. Review and try the merge again.')
          }
          // Rebase merges rewrite every commit; the emulator makes merge commits and squashes only.
          if (method === 'rebase') throw new ApiError(405, 'emulator: rebase merges are not served')
          const merged = await runGit(gitDir, ['merge-tree', '--write-tree', '--no-messages', base, head], {
            okCodes: [1]
          })
          if (merged.code !== 0) throw new ApiError(405, 'Pull Request is not mergeable')
          const tree = merged.stdout.toString('utf8').split('\n')[0] as string
          const seconds = Math.floor(ctx.core.services.now() / 1000)
          const title =
            body.commit_title ??
            (method === 'squash'
              ? `${pull.title} (#${pull.number})`
              : `Merge pull request #${pull.number} from ${ctx.repo.owner}/${pull.pull.head}`)
          const sha = await writeCommit(gitDir, {
            tree,
            // A squash is one commit on the base with the pull request's changes; the head's commits stay apart.
            parents: method === 'squash' ? [base] : [base, head],
            message:
              `${title}\n\n${body.commit_message ?? (method === 'squash' ? '' : pull.title)}`.trimEnd() +
              '\n',
            author: actorPerson(seconds),
            committer: { ...WEB_FLOW, seconds, timezone: '+0000' }
          })
          await assertWorkflowsPermission(gitDir, ctx.auth, sha)
          if (!(await compareAndSwapRef(gitDir, `refs/heads/${pull.pull.base}`, sha, base))) {
            throw new ApiError(409, 'Base branch was modified. Review and try the merge again.')
          }
          const now = ctx.core.services.now()
          pull.state = 'closed'
          pull.closedAt = now
          pull.updatedAt = now
          pull.pull.mergedAt = now
          pull.pull.mergeCommitSha = sha
          pull.pull.closedHeadSha = head
          return { status: 200, body: { sha, merged: true, message: 'Pull Request successfully merged' } }
        })
      }
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      operationId: 'pulls/request-reviewers',
      kind: 'write',
      permission: 'pull-requests',
      async handler(ctx) {
        const pull = pullOf(ctx, ctx.params.pull_number)
        const body = (ctx.body ?? {}) as { reviewers?: string[]; team_reviewers?: string[] }
        for (const login of body.reviewers ?? []) {
          if (!pull.pull.requestedReviewers.includes(login)) pull.pull.requestedReviewers.push(login)
        }
        const teams = (pull.pull.requestedTeams ??= [])
        for (const slug of body.team_reviewers ?? []) if (!teams.includes(slug)) teams.push(slug)
        pull.updatedAt = ctx.core.services.now()
        return { status: 201, body: await pullJson(ctx, pull, false) }
      }
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/merges',
      operationId: 'repos/merge',
      kind: 'write',
      permission: 'contents',
      async handler(ctx) {
        const body = ctx.body as { base: string; head: string; commit_message?: string }
        const gitDir = ctx.repo.gitDir
        return ctx.state.exclusive(async () => {
          const base = await readRef(gitDir, `refs/heads/${body.base}`)
          if (!base) throw new ApiError(404, 'Base does not exist')
          const head = await resolveCommit(gitDir, body.head)
          if (!head) throw new ApiError(404, 'Head does not exist')
          if (await isAncestor(gitDir, head, base)) return { status: 204 }
          const { stdout, code } = await runGit(
            gitDir,
            ['merge-tree', '--write-tree', '--no-messages', base, head],
            {
              okCodes: [1]
            }
          )
          if (code !== 0) throw new ApiError(409, 'Merge conflict')
          const tree = stdout.toString('utf8').split('\n')[0] as string
          const seconds = Math.floor(ctx.core.services.now() / 1000)
          const sha = await writeCommit(gitDir, {
            tree,
            parents: [base, head],
            message: body.commit_message ?? `Merge ${body.head} into ${body.base}`,
            author: actorPerson(seconds),
            committer: { ...WEB_FLOW, seconds, timezone: '+0000' }
          })
          await assertWorkflowsPermission(gitDir, ctx.auth, sha)
          if (!(await compareAndSwapRef(gitDir, `refs/heads/${body.base}`, sha, base))) {
            throw new ApiError(409, 'Base moved during the merge: retry')
          }
          const commit = await readCommit(gitDir, sha)
          if (!commit) throw new Error(`git wrote merge commit ${sha} but cannot read it back`)
          return { status: 201, body: commitJson(ctx.core, ctx.state, commit) }
        })
      }
    },
    {
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues/{issue_number}/labels',
      operationId: 'issues/add-labels',
      kind: 'write',
      permission: 'issues',
      async handler(ctx) {
        const issue = ctx.state.issues.get(Number(ctx.params.issue_number))
        if (!issue) throw notFound()
        const raw = ctx.body as unknown
        const list: unknown[] = Array.isArray(raw)
          ? raw
          : ((raw as { labels?: unknown[] } | undefined)?.labels ?? [])
        const names = list.map(item =>
          typeof item === 'string' ? item : ((item as { name?: string }).name ?? '')
        )
        if (names.some(name => !name.trim()))
          throw validationFailed([{ resource: 'Label', field: 'name', code: 'missing_field' }])
        for (const name of names) {
          const key = name.toLowerCase()
          if (!ctx.state.labels.has(key)) {
            ctx.state.labels.set(key, { id: ctx.core.nextId(), name, color: 'ededed', description: null })
          }
          const canonical = (ctx.state.labels.get(key) as LabelRecord).name
          if (!issue.labels.some(label => label.toLowerCase() === key)) issue.labels.push(canonical)
        }
        issue.updatedAt = ctx.core.services.now()
        return { status: 200, body: labelsOf(ctx, issue) }
      }
    }
  ]
}

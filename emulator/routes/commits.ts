/** Commits list, single commit, and compare (JSON, `.diff` and `.patch` media types). */
import type { CoreContext, CoreRoute } from '../core-types.js'
import { diffEntries, binaryDiff, type DiffEntry } from '../diff.js'
import { readCommit, resolveCommit } from '../git-data.js'
import { gitText, runGit } from '../git-runner.js'
import { ApiError, nextPageLink, notFound } from '../http.js'
import { commitJson } from '../objects.js'

/** Compare lists at most this many commits, as GitHub does. */
const COMPARE_COMMIT_LIMIT = 250

/** `diff-entry` JSON. */
export function diffEntryJson(ctx: CoreContext, entry: DiffEntry, ref: string): Record<string, unknown> {
  const base = `${ctx.core.services.url}/${ctx.repo.fullName}`
  const path = entry.filename.split('/').map(encodeURIComponent).join('/')
  const json: Record<string, unknown> = {
    sha: entry.sha,
    filename: entry.filename,
    status: entry.status,
    additions: entry.additions,
    deletions: entry.deletions,
    changes: entry.additions + entry.deletions,
    blob_url: `${base}/blob/${ref}/${path}`,
    raw_url: `${base}/raw/${ref}/${path}`,
    contents_url: `${ctx.core.services.url}/repos/${ctx.repo.fullName}/contents/${path}?ref=${ref}`
  }
  if (entry.patch !== undefined) json.patch = entry.patch
  if (entry.previousFilename !== undefined) json.previous_filename = entry.previousFilename
  return json
}

/** The media type the client asked for: `diff`, `patch` or JSON. */
function requestedFormat(ctx: CoreContext): 'diff' | 'patch' | 'json' {
  const accept = ctx.req.headers.accept ?? ''
  if (/application\/vnd\.github(\.v3)?\.diff/.test(accept)) return 'diff'
  if (/application\/vnd\.github(\.v3)?\.patch/.test(accept)) return 'patch'
  return 'json'
}

async function commitJsonOf(ctx: CoreContext, sha: string): Promise<Record<string, unknown>> {
  const commit = await readCommit(ctx.repo.gitDir, sha)
  if (!commit) throw new Error(`commit ${sha} cannot be read`)
  return commitJson(ctx.core, ctx.state, commit)
}

async function compare(ctx: CoreContext, baseRev: string, headRev: string) {
  const gitDir = ctx.repo.gitDir
  const base = await resolveCommit(gitDir, baseRev)
  const head = await resolveCommit(gitDir, headRev)
  if (!base || !head) throw notFound()
  const { stdout, code } = await runGit(gitDir, ['merge-base', base, head], { okCodes: [1] })
  if (code !== 0) throw new ApiError(404, `No common ancestor between ${baseRev} and ${headRev}.`)
  const mergeBase = stdout.toString('utf8').trim()
  const format = requestedFormat(ctx)
  if (format === 'diff') {
    return {
      status: 200,
      body: await binaryDiff(gitDir, mergeBase, head),
      headers: { 'content-type': 'application/vnd.github.diff; charset=utf-8' }
    }
  }
  if (format === 'patch') {
    const patch = (await runGit(gitDir, ['format-patch', '--stdout', '--binary', `${mergeBase}..${head}`]))
      .stdout
    return {
      status: 200,
      body: patch,
      headers: { 'content-type': 'application/vnd.github.patch; charset=utf-8' }
    }
  }
  const aheadBy = Number(await gitText(gitDir, ['rev-list', '--count', `${mergeBase}..${head}`]))
  const behindBy = Number(await gitText(gitDir, ['rev-list', '--count', `${mergeBase}..${base}`]))
  const status =
    aheadBy === 0 && behindBy === 0
      ? 'identical'
      : behindBy === 0
        ? 'ahead'
        : aheadBy === 0
          ? 'behind'
          : 'diverged'
  const list = await gitText(gitDir, ['rev-list', '--reverse', `${mergeBase}..${head}`])
  // With `per_page` or `page` the commits come a page at a time (oldest first), and the files on the first page only.
  const paged = ctx.query.has('per_page') || ctx.query.has('page')
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page') ?? 30) || 30))
  const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1)
  const all = list.split('\n').filter(Boolean)
  const shown = paged ? all.slice((page - 1) * perPage, page * perPage) : all.slice(0, COMPARE_COMMIT_LIMIT)
  const commits = []
  for (const sha of shown) commits.push(await commitJsonOf(ctx, sha))
  const files =
    paged && page > 1
      ? []
      : (await diffEntries(gitDir, mergeBase, head)).map(entry => diffEntryJson(ctx, entry, head))
  const html = `${ctx.core.services.url}/${ctx.repo.fullName}/compare/${baseRev}...${headRev}`
  return {
    status: 200,
    body: {
      url: `${ctx.core.services.url}/repos/${ctx.repo.fullName}/compare/${baseRev}...${headRev}`,
      html_url: html,
      permalink_url: `${ctx.core.services.url}/${ctx.repo.fullName}/compare/${base}...${head}`,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      base_commit: await commitJsonOf(ctx, base),
      merge_base_commit: await commitJsonOf(ctx, mergeBase),
      status,
      ahead_by: aheadBy,
      behind_by: behindBy,
      total_commits: aheadBy,
      commits,
      files
    }
  }
}

/** The commit and compare routes. */
export function commitRoutes(): CoreRoute[] {
  return [
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/commits',
      operationId: 'repos/list-commits',
      kind: 'read',
      permission: 'contents',
      async handler(ctx) {
        const gitDir = ctx.repo.gitDir
        const rev = ctx.query.get('sha') || ctx.repo.defaultBranch
        const start = await resolveCommit(gitDir, rev)
        if (!start) throw notFound()
        const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page') ?? 30) || 30))
        const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1)
        const args = ['rev-list', `--max-count=${perPage + 1}`, `--skip=${(page - 1) * perPage}`]
        const since = ctx.query.get('since')
        const until = ctx.query.get('until')
        if (since && !Number.isNaN(Date.parse(since)))
          args.push(`--since=${Math.floor(Date.parse(since) / 1000)}`)
        if (until && !Number.isNaN(Date.parse(until)))
          args.push(`--until=${Math.floor(Date.parse(until) / 1000)}`)
        args.push(start)
        const path = ctx.query.get('path')
        if (path) args.push('--', path)
        const shas = (await gitText(gitDir, args)).split('\n').filter(Boolean)
        const more = shas.length > perPage
        const body = []
        for (const sha of shas.slice(0, perPage)) body.push(await commitJsonOf(ctx, sha))
        const headers: Record<string, string> = {}
        if (more) {
          headers.link = nextPageLink(
            ctx.core.services.url,
            `/repos/${ctx.repo.fullName}/commits`,
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
      path: '/repos/{owner}/{repo}/commits/{ref}',
      operationId: 'repos/get-commit',
      kind: 'read',
      permission: 'contents',
      async handler(ctx) {
        const gitDir = ctx.repo.gitDir
        const sha = await resolveCommit(gitDir, ctx.params.ref ?? '')
        if (!sha) throw new ApiError(422, `No commit found for SHA: ${ctx.params.ref}`)
        const commit = await readCommit(gitDir, sha)
        if (!commit) throw notFound()
        const parent = commit.parents[0] ?? null
        const format = requestedFormat(ctx)
        if (format === 'diff') {
          const from = parent ?? (await gitText(gitDir, ['hash-object', '-t', 'tree', '/dev/null']))
          return {
            status: 200,
            body: await binaryDiff(gitDir, from, sha),
            headers: { 'content-type': 'application/vnd.github.diff; charset=utf-8' }
          }
        }
        const entries = await diffEntries(gitDir, parent, sha)
        const additions = entries.reduce((sum, entry) => sum + entry.additions, 0)
        const deletions = entries.reduce((sum, entry) => sum + entry.deletions, 0)
        return {
          status: 200,
          body: {
            ...commitJson(ctx.core, ctx.state, commit),
            stats: { total: additions + deletions, additions, deletions },
            files: entries.map(entry => diffEntryJson(ctx, entry, sha))
          }
        }
      }
    },
    {
      method: 'GET',
      path: '/repos/{owner}/{repo}/compare/{base}...{head}',
      operationId: 'repos/compare-commits',
      kind: 'read',
      permission: 'contents',
      handler: ctx => compare(ctx, ctx.params.base ?? '', ctx.params.head ?? '')
    }
  ]
}

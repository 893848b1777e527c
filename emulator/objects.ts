/** Builders of GitHub's JSON objects (users, repositories, labels, commits), shaped to GitHub's REST description. */
import type { Core } from './core-types.js'
import { isoDate, type ParsedCommit } from './git-data.js'
import type { LabelRecord, RepositoryState } from './repositories.js'

/** ISO 8601 without milliseconds, as GitHub writes timestamps. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** A base64 node id in GitHub's style. */
export function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}:${id}`).toString('base64').replace(/=+$/, '')
}

/** A stable numeric id for a login. */
export function userId(login: string): number {
  let hash = 7
  for (const char of login) hash = (hash * 31 + char.charCodeAt(0)) % 90_000_000
  return hash + 1_000_000
}

/** `simple-user` for a login (the emulator's users are all alike). */
export function simpleUser(
  core: Core,
  login: string,
  type: 'User' | 'Bot' | 'Organization' = 'User'
): Record<string, unknown> {
  return simpleUserAt(core.services.url, login, type)
}

/** `team` for a team of the organization `org` by its slug (the emulator keeps no teams: any slug is one). */
export function teamJson(core: Core, org: string, slug: string): Record<string, unknown> {
  const api = core.services.url
  const id = userId(`${org}/${slug}`)
  const url = `${api}/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(slug)}`
  return {
    id,
    node_id: nodeId('Team', id),
    url,
    members_url: `${url}/members{/member}`,
    name: slug,
    description: null,
    permission: 'pull',
    privacy: 'closed',
    html_url: `${api}/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(slug)}`,
    repositories_url: `${url}/repos`,
    slug,
    parent: null,
    type: 'organization'
  }
}

/** `simple-user` for a login, for plugins that know the emulator's base URL rather than its core. */
export function simpleUserAt(
  api: string,
  login: string,
  type: 'User' | 'Bot' | 'Organization' = 'User'
): Record<string, unknown> {
  const id = userId(login)
  const url = `${api}/users/${encodeURIComponent(login)}`
  return {
    login,
    id,
    node_id: nodeId('User', id),
    avatar_url: `${api}/avatars/${encodeURIComponent(login)}`,
    gravatar_id: '',
    url,
    html_url: `${api}/${encodeURIComponent(login)}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    site_admin: false
  }
}

/** The login the emulator acts as for any token (an App installation's bot, as GITHUB_TOKEN is). */
export const ACTOR_LOGIN = 'github-actions[bot]'

/** `repository` (and with `full`, `full-repository`) for a served repository. */
export function repositoryJson(core: Core, state: RepositoryState, full = false): Record<string, unknown> {
  const api = core.services.url
  const { owner, name, fullName, defaultBranch } = state.repo
  const url = `${api}/repos/${fullName}`
  const openIssues = [...state.issues.values()].filter(issue => issue.state === 'open').length
  const repo: Record<string, unknown> = {
    id: state.id,
    node_id: nodeId('Repository', state.id),
    name,
    full_name: fullName,
    owner: simpleUser(core, owner, 'Organization'),
    private: true,
    html_url: `${api}/${fullName}`,
    description: null,
    fork: state.repo.parent !== undefined,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `${api.replace(/^http/, 'git')}/${fullName}.git`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@127.0.0.1:${fullName}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: `${api}/${fullName}.git`,
    mirror_url: null,
    hooks_url: `${url}/hooks`,
    svn_url: `${api}/${fullName}`,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: defaultBranch,
    open_issues_count: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'private',
    pushed_at: iso(state.createdAt),
    created_at: iso(state.createdAt),
    updated_at: iso(state.createdAt),
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    allow_rebase_merge: true,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_forking: false,
    web_commit_signoff_required: false,
    license: null,
    forks: 0,
    open_issues: openIssues,
    watchers: 0
  }
  if (full) {
    repo.network_count = 0
    repo.subscribers_count = 0
    // A fork's full repository names its parent and the root of its network (`source`), as GitHub's does.
    const parent = state.repo.parent === undefined ? undefined : core.state(state.repo.parent)
    if (parent) {
      let source = parent
      for (let hops = 0; hops < 10 && source.repo.parent !== undefined; hops++) {
        const next = core.state(source.repo.parent)
        if (!next) break
        source = next
      }
      repo.parent = repositoryJson(core, parent)
      repo.source = repositoryJson(core, source)
    }
  }
  return repo
}

/** `label`. */
export function labelJson(core: Core, state: RepositoryState, label: LabelRecord): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${core.services.url}/repos/${state.repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: false
  }
}

/** `git-user` of a commit person. */
export function gitUser(person: ParsedCommit['author']): Record<string, unknown> {
  return { name: person.name, email: person.email, date: isoDate(person) }
}

/**
 * `verification` as GitHub reports it: commits the API made without an explicit author or committer are signed by
 * GitHub (the emulator marks them with its committer identity); everything else is unsigned.
 */
export function verificationJson(commit: ParsedCommit): Record<string, unknown> {
  const verified = isWebFlow(commit)
  return {
    verified,
    reason: verified ? 'valid' : 'unsigned',
    signature: verified ? '-----BEGIN PGP SIGNATURE-----\nemulated\n-----END PGP SIGNATURE-----\n' : null,
    payload: verified ? `tree ${commit.tree}\n` : null,
    verified_at: verified ? isoDate(commit.committer) : null
  }
}

/** GitHub's committer for commits it signs ("web-flow"). */
export const WEB_FLOW = { name: 'GitHub', email: 'noreply@github.com' }

/** Whether GitHub made (and signed) this commit. */
export function isWebFlow(commit: ParsedCommit): boolean {
  return commit.committer.name === WEB_FLOW.name && commit.committer.email === WEB_FLOW.email
}

/** `git-commit` (the Git Data API's commit). */
export function gitCommitJson(
  core: Core,
  state: RepositoryState,
  commit: ParsedCommit
): Record<string, unknown> {
  const url = `${core.services.url}/repos/${state.repo.fullName}`
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    url: `${url}/git/commits/${commit.sha}`,
    html_url: `${core.services.url}/${state.repo.fullName}/commit/${commit.sha}`,
    author: gitUser(commit.author),
    committer: gitUser(commit.committer),
    tree: { sha: commit.tree, url: `${url}/git/trees/${commit.tree}` },
    message: commit.message.replace(/\n$/, ''),
    parents: commit.parents.map(sha => ({
      sha,
      url: `${url}/git/commits/${sha}`,
      html_url: `${core.services.url}/${state.repo.fullName}/commit/${sha}`
    })),
    verification: verificationJson(commit)
  }
}

/** `commit` (the Commits API's commit, as in lists and comparisons), without `files`/`stats`. */
export function commitJson(
  core: Core,
  state: RepositoryState,
  commit: ParsedCommit
): Record<string, unknown> {
  const api = core.services.url
  const url = `${api}/repos/${state.repo.fullName}`
  return {
    url: `${url}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    html_url: `${api}/${state.repo.fullName}/commit/${commit.sha}`,
    comments_url: `${url}/commits/${commit.sha}/comments`,
    commit: {
      url: `${url}/git/commits/${commit.sha}`,
      author: gitUser(commit.author),
      committer: gitUser(commit.committer),
      message: commit.message.replace(/\n$/, ''),
      comment_count: 0,
      tree: { sha: commit.tree, url: `${url}/git/trees/${commit.tree}` },
      verification: verificationJson(commit)
    },
    author: null,
    committer: isWebFlow(commit) ? simpleUser(core, 'web-flow') : null,
    parents: commit.parents.map(sha => ({
      sha,
      url: `${url}/commits/${sha}`,
      html_url: `${api}/${state.repo.fullName}/commit/${sha}`
    }))
  }
}

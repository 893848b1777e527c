/**
 * GitHub's GraphQL API, the part the adapters use: `createCommitOnBranch` (with `expectedHeadOid`), `updateRefs`
 * (compare-and-swap ref updates and deletions, all or none) and reads of
 * `repository { ref, object(expression:), defaultBranchRef }`. Every document is parsed and validated against
 * GitHub's published schema (`@octokit/graphql-schema`); one that does not validate is answered as GitHub answers
 * it (200 with `errors`) and recorded as a violation.
 */
import { schema as githubSchema } from '@octokit/graphql-schema'
import {
  buildSchema,
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type OperationDefinitionNode
} from 'graphql'
import type { AuthInfo, Core, CoreContext } from './core-types.js'
import {
  compareAndSwapRef,
  deleteRef,
  entryAt,
  isAncestor,
  isoDate,
  listTree,
  objectType,
  readBlob,
  readCommit,
  readRef,
  resolveCommit,
  SHA_PATTERN,
  writeBlobs,
  type ParsedCommit,
  type TreeEdit
} from './git-data.js'
import { ApiError } from './http.js'
import type { LimitRefusal } from './limits.js'
import { nodeId } from './objects.js'
import { checkEntryPath } from './paths.js'
import type { RequestKind } from './plugin.js'
import type { RepositoryState } from './repositories.js'
import { commitOnBranch } from './routes/commit-on-branch.js'
import { commitIdentities } from './routes/git-objects.js'
import { assertWorkflowsPermission, mayWrite } from './routes/guards.js'

let builtSchema: GraphQLSchema | undefined

/** GitHub's schema, built once per process (it is large). */
export function githubGraphqlSchema(): GraphQLSchema {
  builtSchema ??= buildSchema(githubSchema.idl, { assumeValidSDL: true })
  return builtSchema
}

/** An error with GitHub's GraphQL `type` (`NOT_FOUND`, `STALE_DATA`, `FORBIDDEN`, `UNPROCESSABLE`). */
export class GraphqlTypedError extends Error {
  constructor(
    /** GitHub's error type. */
    readonly type: string,
    message: string
  ) {
    super(message)
    this.name = 'GraphqlTypedError'
  }
}

/** What the server needs to answer one GraphQL request. */
export interface GraphqlRequest {
  /** The raw body. */
  rawBody: Buffer
  /** The caller. */
  auth: AuthInfo
  /** The core. */
  core: Core
  /** Counts a mutation against the content-creation budget. */
  admitWrite(): LimitRefusal | undefined
  /** Records a document that does not conform to the schema. */
  violation(message: string): void
}

/** The answer. */
export interface GraphqlResult {
  /** HTTP status. */
  status: number
  /** JSON body. */
  body: unknown
  /** Extra headers. */
  headers?: Record<string, string>
  /** Stats key (`graphql/<root fields>`). */
  operationId: string
  /** Query = read, mutation = write. */
  kind: RequestKind
}

/** Answers one GraphQL request. */
export async function handleGraphql(request: GraphqlRequest): Promise<GraphqlResult> {
  let payload: { query?: unknown; variables?: unknown; operationName?: unknown }
  try {
    payload = JSON.parse(request.rawBody.toString('utf8')) as typeof payload
  } catch {
    return {
      status: 400,
      body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql' },
      operationId: 'graphql',
      kind: 'read'
    }
  }
  if (typeof payload?.query !== 'string') {
    request.violation('emulator: GraphQL request has no query string')
    return {
      status: 200,
      body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] },
      operationId: 'graphql',
      kind: 'read'
    }
  }
  let document: DocumentNode
  try {
    document = parse(payload.query)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    request.violation(`emulator: GraphQL document does not parse: ${message}`)
    return { status: 200, body: { errors: [{ message }] }, operationId: 'graphql', kind: 'read' }
  }
  const schema = githubGraphqlSchema()
  const operation = pickOperation(
    document,
    typeof payload.operationName === 'string' ? payload.operationName : undefined
  )
  const kind: RequestKind = operation?.operation === 'mutation' ? 'write' : 'read'
  const rootFields = operation?.selectionSet.selections
    .map(selection => (selection.kind === 'Field' ? selection.name.value : undefined))
    .filter((name): name is string => Boolean(name))
  const operationId = `graphql/${rootFields?.length ? rootFields.join('+') : 'unknown'}`
  const invalid = validate(schema, document)
  if (invalid.length) {
    request.violation(
      `emulator: GraphQL document does not conform to GitHub's schema: ${invalid.map(e => e.message).join('; ')}`
    )
    return { status: 200, body: { errors: invalid.map(error => formatError(error)) }, operationId, kind }
  }
  if (kind === 'write') {
    const refusal = request.admitWrite()
    if (refusal) {
      return {
        status: refusal.status,
        body: { message: refusal.message, documentation_url: refusal.documentationUrl },
        headers: refusal.headers,
        operationId,
        kind
      }
    }
  }
  const unserved = new Set<string>()
  const result = await execute({
    schema,
    document,
    rootValue: rootValue(request.core, request.auth),
    variableValues: (payload.variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: typeof payload.operationName === 'string' ? payload.operationName : undefined,
    fieldResolver: servedFieldResolver(unserved)
  })
  if (result.errors && result.data === undefined) {
    request.violation(
      `emulator: GraphQL request does not conform: ${result.errors.map(e => e.message).join('; ')}`
    )
  }
  if (unserved.size) {
    request.violation(
      `emulator: GraphQL fields the emulator does not serve (answered null): ${[...unserved].sort().join(', ')}`
    )
  }
  const body: Record<string, unknown> = {}
  if (result.data !== undefined) body.data = result.data
  if (result.errors?.length) body.errors = result.errors.map(error => formatError(error))
  return { status: 200, body, operationId, kind }
}

/**
 * graphql-js's default resolver (a property, or a method called with the arguments), except that a field the
 * emulator's objects do not have is noted: GitHub would have answered it, so a null from the emulator is a gap
 * the test must hear about, not data.
 */
function servedFieldResolver(unserved: Set<string>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    if (typeof source === 'object' && source !== null && info.fieldName in source) {
      const value = (source as Record<string, unknown>)[info.fieldName]
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown)(args, context, info)
        : value
    }
    unserved.add(`${info.parentType.name}.${info.fieldName}`)
    return null
  }
}

function pickOperation(
  document: DocumentNode,
  name: string | undefined
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition'
  )
  return name ? operations.find(operation => operation.name?.value === name) : operations[0]
}

function formatError(error: GraphQLError): Record<string, unknown> {
  const formatted: Record<string, unknown> = { message: error.message }
  const original = error.originalError
  if (original instanceof GraphqlTypedError) formatted.type = original.type
  else if (original instanceof ApiError)
    formatted.type = original.status === 403 ? 'FORBIDDEN' : 'UNPROCESSABLE'
  if (error.path) formatted.path = error.path
  if (error.locations) formatted.locations = error.locations
  return formatted
}

function requireContents(auth: AuthInfo, state?: RepositoryState): void {
  if (!auth.permissions.has('contents') || (state && !mayWrite(auth, state.repo.fullName))) {
    throw new GraphqlTypedError('FORBIDDEN', 'Resource not accessible by integration')
  }
}

/** The root resolvers: plain objects whose function-valued fields graphql-js calls with the field's arguments. */
function rootValue(core: Core, auth: AuthInfo): Record<string, unknown> {
  return {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const state = core.state(`${owner}/${name}`)
      if (!state)
        throw new GraphqlTypedError(
          'NOT_FOUND',
          `Could not resolve to a Repository with the name '${owner}/${name}'.`
        )
      return repositoryNode(core, state, auth)
    },
    createCommitOnBranch: ({ input }: { input: CreateCommitInput }) => createCommit(core, auth, input),
    updateRefs: ({ input }: { input: UpdateRefsInput }) => updateRefs(core, auth, input)
  }
}

interface UpdateRefsInput {
  repositoryId: string
  refUpdates: Array<{ name: string; afterOid: string; beforeOid?: string | null; force?: boolean | null }>
  clientMutationId?: string
}

const ZERO_OID = '0'.repeat(40)

/**
 * `updateRefs`: every update is checked first (the ref at `beforeOid`, `0…0` meaning absent; a fast-forward unless
 * `force`; the `workflows` permission), then all are made, each a compare-and-swap, under the repository's lock.
 */
async function updateRefs(
  core: Core,
  auth: AuthInfo,
  input: UpdateRefsInput
): Promise<Record<string, unknown>> {
  const state = [...core.services.repositories.values()]
    .map(repo => core.state(repo.fullName))
    .find(candidate => candidate && nodeId('Repository', candidate.id) === input.repositoryId)
  if (!state) {
    throw new GraphqlTypedError(
      'NOT_FOUND',
      `Could not resolve to a node with the global id of '${input.repositoryId}'`
    )
  }
  requireContents(auth, state)
  const gitDir = state.repo.gitDir
  return state.exclusive(async () => {
    const checked: Array<{ name: string; after: string; before: string | undefined }> = []
    for (const update of input.refUpdates) {
      if (!update.name.startsWith('refs/') || !SHA_PATTERN.test(update.afterOid)) {
        throw new GraphqlTypedError('UNPROCESSABLE', `Invalid ref update for ${update.name}`)
      }
      const current = await readRef(gitDir, update.name)
      const before = update.beforeOid ?? undefined
      if (before !== undefined && (before === ZERO_OID ? current !== undefined : current !== before)) {
        throw new GraphqlTypedError(
          'STALE_DATA',
          `Expected ${update.name} to point to "${before}" but it did not; no ref was updated.`
        )
      }
      if (update.afterOid !== ZERO_OID) {
        if ((await objectType(gitDir, update.afterOid)) !== 'commit') {
          throw new GraphqlTypedError('UNPROCESSABLE', `Object ${update.afterOid} is not a commit`)
        }
        if (current && !update.force && !(await isAncestor(gitDir, current, update.afterOid))) {
          throw new GraphqlTypedError('UNPROCESSABLE', `Update of ${update.name} is not a fast forward`)
        }
        try {
          await assertWorkflowsPermission(gitDir, auth, update.afterOid)
        } catch (error) {
          if (error instanceof ApiError) throw new GraphqlTypedError('FORBIDDEN', error.message)
          throw error
        }
      }
      checked.push({ name: update.name, after: update.afterOid, before: current })
    }
    for (const { name, after, before } of checked) {
      const done =
        after === ZERO_OID
          ? before === undefined || (await deleteRef(gitDir, name, before))
          : await compareAndSwapRef(gitDir, name, after, before ?? null)
      if (!done) throw new GraphqlTypedError('STALE_DATA', `${name} moved while it was being updated.`)
    }
    return { clientMutationId: input.clientMutationId ?? null }
  })
}

interface CreateCommitInput {
  branch: { repositoryNameWithOwner?: string; branchName?: string; id?: string }
  expectedHeadOid: string
  fileChanges?: { additions?: { path: string; contents: string }[]; deletions?: { path: string }[] }
  message: { headline: string; body?: string }
  clientMutationId?: string
}

function repositoryNode(core: Core, state: RepositoryState, auth: AuthInfo): Record<string, unknown> {
  const gitDir = state.repo.gitDir
  return {
    __typename: 'Repository',
    id: nodeId('Repository', state.id),
    databaseId: state.id,
    name: state.repo.name,
    nameWithOwner: state.repo.fullName,
    url: `${core.services.url}/${state.repo.fullName}`,
    isPrivate: true,
    owner: {
      __typename: 'Organization',
      login: state.repo.owner,
      id: nodeId('Organization', state.repo.owner)
    },
    defaultBranchRef: () => refNode(core, state, `refs/heads/${state.repo.defaultBranch}`),
    ref: ({ qualifiedName }: { qualifiedName: string }) => {
      requireContents(auth)
      const full = qualifiedName.startsWith('refs/') ? qualifiedName : `refs/heads/${qualifiedName}`
      return refNode(core, state, full)
    },
    object: async ({ expression, oid }: { expression?: string; oid?: string }) => {
      requireContents(auth)
      if (oid) return objectNode(core, state, oid, undefined)
      if (!expression) return null
      const colon = expression.indexOf(':')
      if (colon < 0) {
        const commit = await resolveCommit(gitDir, expression)
        return commit ? objectNode(core, state, commit, undefined) : null
      }
      const rev = expression.slice(0, colon)
      const path = expression.slice(colon + 1).replace(/^\/+|\/+$/g, '')
      const commit = await resolveCommit(gitDir, rev)
      if (!commit) return null
      const entry = await entryAt(gitDir, commit, path)
      return entry ? objectNode(core, state, entry.sha, entry.type) : null
    }
  }
}

async function refNode(
  core: Core,
  state: RepositoryState,
  full: string
): Promise<Record<string, unknown> | null> {
  const sha = await readRef(state.repo.gitDir, full)
  if (!sha) return null
  const parts = full.split('/')
  const prefix = `${parts.slice(0, 2).join('/')}/`
  return {
    __typename: 'Ref',
    id: nodeId('Ref', `${state.id}:${full}`),
    name: full.slice(prefix.length),
    prefix,
    target: () => objectNode(core, state, sha, undefined)
  }
}

async function objectNode(
  core: Core,
  state: RepositoryState,
  sha: string,
  knownType: string | undefined
): Promise<Record<string, unknown> | null> {
  const gitDir = state.repo.gitDir
  if (!SHA_PATTERN.test(sha)) return null
  const type = knownType ?? (await objectType(gitDir, sha))
  const base = { id: nodeId(type ?? 'Object', sha), oid: sha, abbreviatedOid: sha.slice(0, 7) }
  if (type === 'blob') {
    const bytes = await readBlob(gitDir, sha)
    const binary = bytes.subarray(0, 8000).includes(0)
    return {
      __typename: 'Blob',
      ...base,
      byteSize: bytes.length,
      isBinary: binary,
      isTruncated: false,
      text: binary ? null : bytes.toString('utf8')
    }
  }
  if (type === 'tree') {
    return {
      __typename: 'Tree',
      ...base,
      entries: async () => {
        const entries = await listTree(gitDir, sha, false)
        return entries.map(entry => ({
          __typename: 'TreeEntry',
          name: entry.path,
          path: entry.path,
          mode: parseInt(entry.mode, 8),
          type: entry.type,
          oid: entry.sha,
          object: () => objectNode(core, state, entry.sha, entry.type)
        }))
      }
    }
  }
  if (type === 'commit') {
    const commit = await readCommit(gitDir, sha)
    return commit ? commitNode(core, state, commit) : null
  }
  return null
}

function commitNode(core: Core, state: RepositoryState, commit: ParsedCommit): Record<string, unknown> {
  const [headline = '', ...rest] = commit.message.replace(/\n$/, '').split('\n')
  return {
    __typename: 'Commit',
    id: nodeId('Commit', commit.sha),
    oid: commit.sha,
    abbreviatedOid: commit.sha.slice(0, 7),
    message: commit.message.replace(/\n$/, ''),
    messageHeadline: headline,
    messageBody: rest.join('\n').replace(/^\n/, ''),
    committedDate: isoDate(commit.committer),
    authoredDate: isoDate(commit.author),
    url: `${core.services.url}/${state.repo.fullName}/commit/${commit.sha}`,
    tree: () => objectNode(core, state, commit.tree, 'tree'),
    author: { name: commit.author.name, email: commit.author.email, date: isoDate(commit.author) },
    committer: { name: commit.committer.name, email: commit.committer.email, date: isoDate(commit.committer) }
  }
}

async function createCommit(
  core: Core,
  auth: AuthInfo,
  input: CreateCommitInput
): Promise<Record<string, unknown>> {
  let state: RepositoryState | undefined
  let branch: string | undefined
  if (input.branch.repositoryNameWithOwner && input.branch.branchName) {
    state = core.state(input.branch.repositoryNameWithOwner)
    branch = input.branch.branchName.replace(/^refs\/heads\//, '')
    if (!state) {
      throw new GraphqlTypedError(
        'NOT_FOUND',
        `Could not resolve to a Repository with the name '${input.branch.repositoryNameWithOwner}'.`
      )
    }
  } else if (input.branch.id) {
    const decoded = Buffer.from(input.branch.id, 'base64').toString('utf8')
    const match = /^Ref:(\d+):refs\/heads\/(.+)$/.exec(decoded)
    for (const repo of core.services.repositories.values()) {
      const candidate = core.state(repo.fullName)
      if (match && candidate && String(candidate.id) === match[1]) {
        state = candidate
        branch = match[2]
      }
    }
    if (!state || !branch)
      throw new GraphqlTypedError(
        'NOT_FOUND',
        `Could not resolve to a node with the global id of '${input.branch.id}'`
      )
  } else {
    throw new GraphqlTypedError('UNPROCESSABLE', 'branch needs repositoryNameWithOwner and branchName, or id')
  }
  requireContents(auth, state)
  const ctx = { auth, core, state, repo: state.repo } as unknown as CoreContext
  const gitDir = state.repo.gitDir
  const target = branch as string
  return state.exclusive(async () => {
    const head = await readRef(gitDir, `refs/heads/${target}`)
    if (!head) throw new GraphqlTypedError('NOT_FOUND', `A ref named "refs/heads/${target}" does not exist.`)
    if (head !== input.expectedHeadOid) {
      throw new GraphqlTypedError(
        'STALE_DATA',
        `Expected branch to point to "${input.expectedHeadOid}" but it did not. Pull and try again.`
      )
    }
    const edits: TreeEdit[] = []
    for (const deletion of input.fileChanges?.deletions ?? []) {
      const path = checkEntryPath(deletion.path, 'path')
      if (!(await entryAt(gitDir, head, path))) {
        throw new GraphqlTypedError(
          'UNPROCESSABLE',
          `A path was requested for deletion which does not exist as of commit oid \`${head}\``
        )
      }
      edits.push({ path, entry: null })
    }
    const additions = input.fileChanges?.additions ?? []
    const contents = additions.map(addition => {
      const compact = addition.contents.replace(/\s+/g, '')
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
        throw new GraphqlTypedError('UNPROCESSABLE', `The contents of ${addition.path} are not valid Base64`)
      }
      return Buffer.from(compact, 'base64')
    })
    const blobs = await writeBlobs(gitDir, contents)
    for (const [index, addition] of additions.entries()) {
      const path = checkEntryPath(addition.path, 'path')
      // New files are regular files (GraphQL cannot say otherwise); changed files keep their mode.
      const existing = await entryAt(gitDir, head, path)
      const mode = existing?.type === 'blob' && existing.mode !== '120000' ? existing.mode : '100644'
      edits.push({ path, entry: { mode, type: 'blob', sha: blobs[index] as string } })
    }
    const message = input.message.body
      ? `${input.message.headline}\n\n${input.message.body}`
      : input.message.headline
    let commit: ParsedCommit
    try {
      commit = await commitOnBranch(ctx, {
        branch: target,
        parent: head,
        edits,
        message,
        ...commitIdentities(ctx, undefined, undefined)
      })
    } catch (error) {
      if (error instanceof ApiError && error.status === 403)
        throw new GraphqlTypedError('FORBIDDEN', error.message)
      if (error instanceof ApiError) throw new GraphqlTypedError('STALE_DATA', error.message)
      throw error
    }
    return {
      clientMutationId: input.clientMutationId ?? null,
      commit: commitNode(core, state as RepositoryState, commit),
      ref: () => refNode(core, state as RepositoryState, `refs/heads/${target}`)
    }
  })
}

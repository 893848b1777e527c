/**
 * AdapterFactory: builds the four adapters for an environment from explicit settings, per DESIGN.md's table.
 * Each port is built lazily on first use (a `check` needs no git repository) and once; close() releases them.
 * A missing setting is a ConfigurationError naming the input or variable to set.
 *
 * |           | storage          | git                                    | cache                   | execution          |
 * |-----------|------------------|----------------------------------------|-------------------------|--------------------|
 * | local     | local files      | git CLI (+ API pull requests)          | SQLite                  | local processes    |
 * | ci        | local files      | GitHub API, base files from checkout   | Actions cache           | local processes    |
 * | cloud     | Contents/Trees   | GitHub API                             | Actions cache or SQLite | workflow_dispatch  |
 */
import { findWorkTree, type Environment } from '../environment.js'
import { ConfigurationError } from '../errors.js'
import type { GitHubClient } from '../github/client.js'
import type { Logger } from '../log.js'
import type { Settings } from '../settings.js'
import type { CacheAdapter } from './cache.js'
import type { CacheSettings } from './cache/index.js'
import type { ExecutionAdapter } from './execution.js'
import type { GitHubActionsExecutionAdapter } from './execution/workflow-dispatch.js'
import type { WorkflowRunsSettings } from './execution/workflow-runs.js'
import type { GitAdapter } from './git.js'
import type { GitHubAPIAdapter, GitHubAPIAdapterOptions } from './github/git.js'
import type { StorageAdapter } from './storage.js'
import { howToSet } from '../surface.js'

// Each implementation (and git) is imported when first needed, so a start costs only what the operation uses: a
// local check loads neither Octokit nor the cache backends, and the post step starts no process.

/** The ports. */
export type Port = 'storage' | 'git' | 'cache' | 'execution'

/** Which implementation each port gets, and what is missing for the ones that need more settings. */
export interface AdapterDescription {
  /** The implementation chosen for each port. */
  adapters: Record<Port, string>
  /** Settings that are missing, each with the input or variable to set (empty when nothing is). */
  missing: string[]
  /** The GitHub repository, when known. */
  repository?: string
  /** The fix memory's SQLite file, when the cache is SQLite. */
  cachePath?: string
}

/** Optional behaviour of the adapters the factory builds. */
export interface FactoryOptions {
  /** Receives a local command's output as it arrives (a listener: no backpressure; `echo` is for logs). */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void
  /**
   * Where a local command's output is echoed (the action: process.stdout, the job log; the CLI: process.stderr):
   * the command waits while the stream is full, and in Actions its workflow commands are made inert.
   */
  echo?: NodeJS.WritableStream
  /** Variables checks and fixers keep though they look like credentials (`--pass-env`, input `pass-env`). */
  passEnv?: readonly string[]
  /** When the Actions cache saves its snapshot: `post-step` in the action (default), `close` in the CLI. */
  saveCacheOn?: 'post-step' | 'close'
  /** The variables the Actions cache reads (default process.env). */
  env?: NodeJS.ProcessEnv
  /** In cloud, where a run the execution adapter waits for is, every few seconds (the CLI shows it on stderr). */
  onRunProgress?: WorkflowRunsSettings['onProgress']
}

const tokenHint = () => `a GitHub token: ${howToSet('token')}`
const repositoryHint = () => `the repository: ${howToSet('repository')}`

/** Builds the adapters of one environment. */
export class AdapterFactory {
  private readonly made = new Map<Port, Promise<unknown>>()
  private repository?: Promise<string | undefined>
  private root?: Promise<string>
  private github?: Promise<GitHubClient>

  constructor(
    /** The environment to build for. */
    readonly environment: Environment,
    /** The settings, read once. */
    readonly settings: Settings,
    /** Where adapters log. */
    readonly logger: Logger,
    /** Optional behaviour. */
    readonly options: FactoryOptions = {}
  ) {}

  /** Says which implementation each port gets and what is missing, without building anything or failing. */
  async describe(): Promise<AdapterDescription> {
    const repository = await this.resolveRepository()
    const needs = await this.missingForGitHub()
    // Locally only pull requests need GitHub; elsewhere commits (and cloud storage and execution) do.
    const missing = this.environment === 'local' ? needs.map(hint => `for pull requests, ${hint}`) : needs
    const { chooseCache } = await import('./cache/index.js')
    const cache = chooseCache(this.cacheSettings())
    return {
      adapters: this.kinds(cache.kind),
      missing,
      ...(repository ? { repository } : {}),
      ...(cache.path ? { cachePath: cache.path } : {})
    }
  }

  /** What is missing to reach the GitHub API (empty when a token and the repository are known). */
  private async missingForGitHub(): Promise<string[]> {
    const repository = await this.resolveRepository()
    return [...(this.settings.token ? [] : [tokenHint()]), ...(repository ? [] : [repositoryHint()])]
  }

  /** The Storage adapter. */
  storage(): Promise<StorageAdapter> {
    return this.once('storage', async () => {
      if (this.environment === 'cloud') {
        const { GitHubStorageAdapter } = await import('./github/storage.js')
        return new GitHubStorageAdapter(await this.client())
      }
      const { LocalStorageAdapter } = await import('./local/storage.js')
      return LocalStorageAdapter.create(await this.repositoryRoot())
    })
  }

  /**
   * The repository's files at a commit (read-only) or on a branch, over the API: what CLOUD heal polices a fix
   * against. Each call is a new adapter over the one client.
   */
  async storageAt(at: { commit: string } | { branch: string }): Promise<StorageAdapter> {
    const { GitHubStorageAdapter } = await import('./github/storage.js')
    return new GitHubStorageAdapter(await this.client(), at)
  }

  /** The Git adapter. */
  git(): Promise<GitAdapter> {
    return this.once('git', async () => {
      switch (this.environment) {
        case 'local': {
          // Pull requests go through the API when a token and a GitHub repository are known.
          const missing = await this.missingForGitHub()
          const { createLocalGitAdapter } = await import('./local/git.js')
          return createLocalGitAdapter({
            cwd: this.settings.cwd,
            log: message => this.logger.info(message),
            pullRequests: missing.length ? undefined : await this.gitHubAPI(this.warn()),
            pullRequestsUnavailable: missing.length
              ? `Opening a pull request needs ${missing.join(' and ')}.`
              : undefined
          })
        }
        case 'ci':
          // Commits go through the API (signed by GitHub); the base files are read from the checkout.
          return this.gitHubAPI({ localRepository: await this.repositoryRoot(), ...this.warn() })
        case 'cloud':
          return this.gitHubAPI(this.warn())
      }
    })
  }

  /** The Cache adapter. */
  cache(): Promise<CacheAdapter> {
    return this.once('cache', async () => {
      const { createCache } = await import('./cache/index.js')
      return createCache(this.cacheSettings())
    })
  }

  /** The Execution adapter. */
  execution(): Promise<ExecutionAdapter> {
    return this.once('execution', async () => {
      if (this.environment !== 'cloud') {
        const { LocalExecutionAdapter } = await import('./local/execution.js')
        return new LocalExecutionAdapter({
          root: await this.repositoryRoot(),
          onOutput: this.options.onOutput,
          echo: this.options.echo,
          passEnv: this.options.passEnv,
          // The token self-heal acts with never reaches a check or a fixer, under any name.
          secrets: this.settings.token ? [this.settings.token] : [],
          warn: message => this.logger.warning(message)
        })
      }
      return this.runnerExecution()
    })
  }

  /**
   * Runs on GitHub Actions, through the runner workflow: CLOUD's execution, and where `verify: remote` checks a
   * fix's branch in the other environments. Needs a token and the repository.
   */
  async runnerExecution(): Promise<GitHubActionsExecutionAdapter> {
    const client = await this.client()
    const { GitHubActionsExecutionAdapter } = await import('./execution/workflow-dispatch.js')
    return new GitHubActionsExecutionAdapter({
      octokit: client.octokit,
      owner: client.owner,
      repo: client.repo,
      log: message => this.logger.info(message),
      onProgress: this.options.onRunProgress
    })
  }

  /** Releases what was built (flushes the cache). Safe to call more than once. */
  async close(): Promise<void> {
    const cache = this.made.get('cache')
    this.made.clear()
    if (cache) {
      const adapter = (await cache.catch(() => undefined)) as CacheAdapter | undefined
      await adapter?.close()
    }
  }

  /** One GitHub client for every adapter that needs the API; a missing token or repository is explained. */
  private client(): Promise<GitHubClient> {
    this.github ??= this.resolveRepository().then(async repository => {
      if (!this.settings.token)
        throw new ConfigurationError(`The ${this.environment} environment needs ${tokenHint()}.`)
      if (!repository)
        throw new ConfigurationError(`The ${this.environment} environment needs ${repositoryHint()}.`)
      const { createGitHubClient } = await import('../github/client.js')
      return createGitHubClient({
        token: this.settings.token,
        repository,
        apiUrl: this.settings.apiUrl,
        graphqlUrl: this.settings.graphqlUrl,
        log: {
          warning: message => this.logger.warning(message),
          debug: message => this.logger.debug(message)
        }
      })
    })
    return this.github
  }

  private async gitHubAPI(options: GitHubAPIAdapterOptions): Promise<GitHubAPIAdapter> {
    const { GitHubAPIAdapter } = await import('./github/git.js')
    return new GitHubAPIAdapter(await this.client(), options)
  }

  private warn(): { warn: (message: string) => void } {
    return { warn: message => this.logger.warning(message) }
  }

  private cacheSettings(): CacheSettings {
    return {
      environment: this.environment,
      env: this.options.env ?? process.env,
      sqlitePath: this.settings.cachePath,
      saveOn: this.options.saveCacheOn ?? 'post-step',
      logger: this.logger
    }
  }

  private kinds(cache: string): Record<Port, string> {
    switch (this.environment) {
      case 'local':
        return { storage: 'local-files', git: 'git-cli', cache, execution: 'local-process' }
      case 'ci':
        return { storage: 'local-files', git: 'github-api', cache, execution: 'local-process' }
      case 'cloud':
        return { storage: 'github-contents', git: 'github-api', cache, execution: 'workflow-dispatch' }
    }
  }

  private once<T>(port: Port, make: () => Promise<T>): Promise<T> {
    let made = this.made.get(port) as Promise<T> | undefined
    if (!made) {
      made = make()
      this.made.set(port, made)
    }
    return made
  }

  private resolveRepository(): Promise<string | undefined> {
    this.repository ??= this.settings.repository
      ? Promise.resolve(this.settings.repository)
      : this.environment === 'cloud'
        ? Promise.resolve(undefined)
        : import('../git/remote.js')
            .then(git =>
              git.detectGitHubRepository(this.settings.cwd, git.DEFAULT_REMOTE, this.settings.serverUrl)
            )
            .catch(() => undefined)
    return this.repository
  }

  /** The work tree's root when cwd is inside one (paths in results are relative to it), else cwd itself. */
  private async repositoryRoot(): Promise<string> {
    // The nearest `.git` is where git finds the work tree too, without starting a process (a few milliseconds of
    // every check); only variables that change where git looks need git's own answer.
    const redirected = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_CEILING_DIRECTORIES'].some(name => process.env[name])
    this.root ??= redirected
      ? import('../git/run-git.js')
          .then(git => git.gitText(['rev-parse', '--show-toplevel'], { cwd: this.settings.cwd }))
          .catch(() => this.settings.cwd)
      : Promise.resolve(findWorkTree(this.settings.cwd) ?? this.settings.cwd)
    return this.root
  }
}

/** The post step's work: saves the Actions cache snapshot the main step left (never throws). */
export async function flushPendingState(env: NodeJS.ProcessEnv, logger: Logger): Promise<void> {
  const { saveSnapshotInPost } = await import('./cache/index.js')
  await saveSnapshotInPost({ env, logger })
}

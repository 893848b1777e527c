/**
 * AdapterFactory: builds the four adapters for an environment from explicit settings, per DESIGN.md's table.
 * Each port is built lazily on first use (a `check` needs no git repository) and once; close() releases them.
 * A missing setting is a ConfigurationError naming the input or variable to set.
 */
import type { Environment } from '../environment.js'
import { ConfigurationError } from '../errors.js'
import { detectGitHubRepository } from '../git/remote.js'
import { gitText } from '../git/run-git.js'
import type { Logger } from '../log.js'
import { createGitHubClient, type GitHubClient } from '../github/client.js'
import type { Settings } from '../settings.js'
import type { CacheAdapter } from './cache.js'
import type { ExecutionAdapter } from './execution.js'
import { GitHubActionsExecutionAdapter } from './execution/workflow-dispatch.js'
import type { GitAdapter } from './git.js'
import { createLocalGitAdapter } from './local/git.js'
import { LocalExecutionAdapter } from './local/execution.js'
import { LocalStorageAdapter } from './local/storage.js'
import type { StorageAdapter } from './storage.js'

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
}

const TOKEN_HINT = 'a GitHub token: set GITHUB_TOKEN, pass --token, or the action input `token`'
const REPOSITORY_HINT = 'the repository: pass --repository OWNER/NAME (or set GITHUB_REPOSITORY)'

/** Optional behaviour of the adapters the factory builds. */
export interface FactoryOptions {
  /** Receives a local command's output as it arrives (the action echoes it to the job log, the CLI to stderr). */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void
}

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
    const missing: string[] = []
    const needsGitHub = this.environment !== 'local'
    if (needsGitHub && !this.settings.token) missing.push(TOKEN_HINT)
    if (needsGitHub && !repository) missing.push(REPOSITORY_HINT)
    if (this.environment === 'local' && !(this.settings.token && repository)) {
      missing.push(`for pull requests, ${!this.settings.token ? TOKEN_HINT : REPOSITORY_HINT}`)
    }
    return { adapters: this.kinds(), missing, ...(repository ? { repository } : {}) }
  }

  /** The Storage adapter. */
  storage(): Promise<StorageAdapter> {
    return this.once('storage', async () => {
      switch (this.environment) {
        case 'local':
        case 'ci':
          return LocalStorageAdapter.create(await this.repositoryRoot())
        case 'cloud':
          throw this.notYet('storage', 'GitHub Contents API storage')
      }
    })
  }

  /** The Git adapter. */
  git(): Promise<GitAdapter> {
    return this.once('git', async () => {
      switch (this.environment) {
        case 'local':
          return createLocalGitAdapter({
            cwd: this.settings.cwd,
            pullRequestsUnavailable: await this.pullRequestHint()
          })
        case 'ci':
        case 'cloud':
          throw this.notYet('git', 'GitHub API commits')
      }
    })
  }

  /** The Cache adapter. */
  cache(): Promise<CacheAdapter> {
    return this.once('cache', async () => {
      throw this.notYet('cache', 'the cache adapters')
    })
  }

  /** The Execution adapter. */
  execution(): Promise<ExecutionAdapter> {
    return this.once('execution', async () => {
      switch (this.environment) {
        case 'local':
        case 'ci':
          return new LocalExecutionAdapter({
            root: await this.repositoryRoot(),
            onOutput: this.options.onOutput
          })
        case 'cloud': {
          const client = await this.client()
          return new GitHubActionsExecutionAdapter({
            octokit: client.octokit,
            owner: client.owner,
            repo: client.repo,
            log: message => this.logger.info(message)
          })
        }
      }
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
    this.github ??= this.resolveRepository().then(repository => {
      if (!this.settings.token)
        throw new ConfigurationError(`The ${this.environment} environment needs ${TOKEN_HINT}.`)
      if (!repository)
        throw new ConfigurationError(`The ${this.environment} environment needs ${REPOSITORY_HINT}.`)
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

  private kinds(): Record<Port, string> {
    switch (this.environment) {
      case 'local':
        return { storage: 'local-files', git: 'git-cli', cache: 'sqlite', execution: 'local-process' }
      case 'ci':
        return {
          storage: 'local-files',
          git: 'github-api',
          cache: 'actions-cache',
          execution: 'local-process'
        }
      case 'cloud':
        return {
          storage: 'github-contents',
          git: 'github-api',
          cache: 'actions-cache',
          execution: 'workflow-dispatch'
        }
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
        : detectGitHubRepository(this.settings.cwd, 'origin', this.settings.serverUrl).catch(() => undefined)
    return this.repository
  }

  private async pullRequestHint(): Promise<string> {
    const repository = await this.resolveRepository()
    return `Opening a pull request needs ${!this.settings.token ? TOKEN_HINT : REPOSITORY_HINT}.`.replace(
      'needs the repository',
      repository ? 'needs the repository' : 'needs the repository'
    )
  }

  /** The work tree's root when cwd is inside one (paths in results are relative to it), else cwd itself. */
  private async repositoryRoot(): Promise<string> {
    this.root ??= gitText(['rev-parse', '--show-toplevel'], { cwd: this.settings.cwd }).catch(
      () => this.settings.cwd
    )
    return this.root
  }

  private notYet(port: Port, what: string): ConfigurationError {
    return new ConfigurationError(
      `The ${port} adapter for the ${this.environment} environment (${what}) is not available in this build: ` +
        'use --environment local, or a release that includes it.'
    )
  }
}

/** Flushes what the main step left for the post step (the Actions cache snapshot). */
export async function flushPendingState(_env: NodeJS.ProcessEnv, _logger: Logger): Promise<void> {
  return
}

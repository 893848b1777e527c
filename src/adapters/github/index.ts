/**
 * The GitHub adapters and the one call the AdapterFactory needs: CLOUD gets GitHubStorageAdapter and
 * GitHubAPIAdapter over the API alone; CI gets GitHubAPIAdapter reading base files from the checkout.
 */
import { createGitHubClient, type GitHubClient, type GitHubClientSettings } from '../../github/client.js'
import { GitHubAPIAdapter, type GitHubAPIAdapterOptions } from './git.js'
import { GitHubStorageAdapter, type GitHubStorageOptions } from './storage.js'

export { GitHubAPIAdapter, type CommitMode, type GitHubAPIAdapterOptions } from './git.js'
export { GitHubStorageAdapter, type GitHubStorageOptions } from './storage.js'
export {
  GitHubApiBaseSource,
  baseSourceFactory,
  listTreeRecursive,
  type BaseSourceFactory
} from './base-source.js'
export { FileTooLargeError, UnrepresentableChangeError } from './errors.js'

/** Settings of createGitHubAdapters. */
export interface GitHubAdapterSettings extends GitHubClientSettings {
  /** The local checkout (CI): base files of commits are read from it instead of the API. */
  localRepository?: string
  /** Options of the Git adapter (commit mode, rebase attempts, ...). */
  git?: Omit<GitHubAPIAdapterOptions, 'localRepository'>
  /** Options of the Storage adapter (branch, ...). */
  storage?: GitHubStorageOptions
}

/** The client and both GitHub adapters, sharing one client (one rate-limit and write queue). */
export interface GitHubAdapters {
  /** The client. */
  client: GitHubClient
  /** The Git port over the API. */
  git: GitHubAPIAdapter
  /** The Storage port over the API. */
  storage: GitHubStorageAdapter
}

/** Builds the client and both adapters. Nothing is requested until a method is called. */
export function createGitHubAdapters(settings: GitHubAdapterSettings): GitHubAdapters {
  const client = createGitHubClient(settings)
  return {
    client,
    git: new GitHubAPIAdapter(client, { ...settings.git, localRepository: settings.localRepository }),
    storage: new GitHubStorageAdapter(client, settings.storage)
  }
}

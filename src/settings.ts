/**
 * One settings object, read once from CLI options or action inputs (and the environment variables they default
 * to), then passed down. Secrets are masked the moment they are read.
 */
import { resolve } from 'node:path'
import { ConfigurationError, InvalidInputError, redactUrls } from './errors.js'
import { howToSet, settingName } from './surface.js'

/** Everything the factory and the commands need to know about where they run. */
export interface Settings {
  /** An explicit environment (`local`, `ci`, `cloud`), or undefined to detect it. */
  environment?: string
  /** The directory to work in (the repository root or a directory inside it). */
  cwd: string
  /** `OWNER/NAME` of the GitHub repository, when known. */
  repository?: string
  /** A GitHub token, when given. Never printed. */
  token?: string
  /** The REST API base URL. */
  apiUrl: string
  /** The GraphQL endpoint. */
  graphqlUrl: string
  /** The web server URL (github.com or a GHES host). */
  serverUrl: string
  /** Where the LOCAL cache's SQLite file lives, absolute (undefined: the platform's cache directory). */
  cachePath?: string
}

/** Raw values, from CLI options or action inputs; empty strings count as unset. */
export interface RawSettings {
  /** `--environment` / input `environment`. */
  environment?: string
  /** `--cwd` / input `working-directory`. */
  cwd?: string
  /** `--repository` / input `repository`. */
  repository?: string
  /** `--token` / input `token`. */
  token?: string
  /** `--api-url` / input `api-url`. */
  apiUrl?: string
  /** `--cache-path` / input `cache-path`. */
  cachePath?: string
}

/** The variables a GitHub token is read from when none is given, first found wins. */
export const TOKEN_VARIABLES = ['SELF_HEAL_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN'] as const

const REPOSITORY = /^[A-Za-z0-9-_.]+\/[A-Za-z0-9-_.]+$/

/** Builds Settings from raw values and the environment; a malformed value is a ConfigurationError. */
export function readSettings(
  raw: RawSettings,
  env: NodeJS.ProcessEnv = process.env,
  mask: (secret: string) => void = () => undefined
): Settings {
  const pick = (...values: Array<string | undefined>) =>
    values.find(v => v !== undefined && v.trim() !== '')?.trim()
  const token = pick(raw.token, ...TOKEN_VARIABLES.map(name => env[name]))
  if (token) mask(token)
  const repository = pick(raw.repository, env.GITHUB_REPOSITORY)
  if (repository && !REPOSITORY.test(repository)) {
    throw new ConfigurationError(
      `Repository '${repository}' is not of the form OWNER/NAME: ${howToSet('repository')}.`
    )
  }
  const apiUrl = readUrl(
    pick(raw.apiUrl, env.GITHUB_API_URL) ?? 'https://api.github.com',
    `The API URL (${settingName('apiUrl')})`
  )
  const graphqlUrl = readUrl(
    pick(env.GITHUB_GRAPHQL_URL) ?? graphqlUrlFor(apiUrl),
    'The GraphQL URL (GITHUB_GRAPHQL_URL)'
  )
  const serverUrl = stripSlash(pick(env.GITHUB_SERVER_URL) ?? 'https://github.com')
  const cwd = resolve(pick(raw.cwd) ?? process.cwd())
  const cachePath = pick(raw.cachePath, env.SELF_HEAL_CACHE_PATH)
  return {
    environment: pick(raw.environment),
    cwd,
    repository,
    token,
    apiUrl,
    graphqlUrl,
    serverUrl,
    // Relative to the directory worked in, as every other path the user gives.
    cachePath: cachePath && resolve(cwd, cachePath)
  }
}

/** GitHub's GraphQL endpoint for a REST base URL: `/graphql` on github.com, `/api/graphql` on GHES (`/api/v3`). */
export function graphqlUrlFor(apiUrl: string): string {
  const base = stripSlash(apiUrl)
  return base.endsWith('/api/v3') ? `${base.slice(0, -'/v3'.length)}/graphql` : `${base}/graphql`
}

/** A whole number of 0 or more from a CLI option or an action input; `what` names it in the error. */
export function readCount(value: string, what: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) {
    throw new InvalidInputError(`${what} must be a whole number of 0 or more (got '${value}').`)
  }
  return n
}

/** A positive number (of seconds, say) from a CLI option or an action input; `what` names it in the error. */
export function readPositive(value: string, what: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) {
    throw new InvalidInputError(`${what} must be a positive number (got '${value}').`)
  }
  return n
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '')
}

/**
 * An http(s) URL setting without its trailing slashes; `what` names it in the error. A URL with credentials in it
 * (`https://user:token@host`) is refused: the token goes in its own setting, so that it is masked and sent only in
 * the Authorization header, and the message shows the URL with the credentials hidden.
 */
export function readUrl(value: string, what: string): string {
  const shown = redactUrls(value)
  let parsed: URL
  try {
    parsed = new URL(value)
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not http(s)')
  } catch {
    throw new ConfigurationError(
      `${what} '${shown}' is not an http(s) URL: set it to e.g. https://api.github.com.`
    )
  }
  if (parsed.username || parsed.password) {
    throw new ConfigurationError(
      `${what} '${shown}' holds credentials: give the URL without them, and the token with --token, the ` +
        '`token` input or GITHUB_TOKEN.'
    )
  }
  return stripSlash(value)
}

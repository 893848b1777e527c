/**
 * Environment detection: LOCAL (a developer's machine), CI (a runner with a checkout, committing through the API)
 * or CLOUD (no checkout, API only). Detection is a pure function of (variables, directory, whether a token is
 * known); the module-level value is computed lazily on first use and cached, with a reset for tests, so importing
 * this module probes nothing.
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { ConfigurationError } from './errors.js'
import { TOKEN_VARIABLES } from './settings.js'

/** The three environments. */
export const ENVIRONMENTS = ['local', 'ci', 'cloud'] as const

/** Where self-heal runs. */
export type Environment = (typeof ENVIRONMENTS)[number]

/** Why detection decided as it did. */
export type DetectionReason =
  | 'explicit'
  | 'claude-code-web'
  | 'claude-code-web-with-checkout'
  | 'actions-without-checkout'
  | 'actions'
  | 'ci'
  | 'ci-without-token'
  | 'default'

/** Each reason in words, for `self-heal env`. */
export const REASON_TEXT: Record<DetectionReason, string> = {
  explicit: 'chosen with --environment, the input `environment` or SELF_HEAL_ENVIRONMENT',
  'claude-code-web': 'CLAUDE_CODE_WEB is set and there is no git checkout here',
  'claude-code-web-with-checkout': 'CLAUDE_CODE_WEB is set, but there is a git checkout here',
  'actions-without-checkout': 'a GitHub Actions job with no checkout in its workspace',
  actions: 'a GitHub Actions job with a checkout',
  ci: 'CI is set and a GitHub token is given',
  'ci-without-token':
    'CI is set, but this is not GitHub Actions and no GitHub token is given, so git works as on a developer machine',
  default: 'no CI or cloud variables are set'
}

/** What detection decided, and why (shown by `self-heal env`). */
export interface Detection {
  /** The environment. */
  environment: Environment
  /** Why. */
  reason: DetectionReason
}

/** What detection needs besides the variables and the directory. */
export interface DetectionOptions {
  /** An explicit choice (CLI `--environment` or action input `environment`); wins over everything. */
  explicit?: string
  /** Whether a GitHub token is known (default: one of the token variables is set). */
  token?: boolean
  /** Whether a directory is inside a git checkout (default hasGitCheckout; tests pass their own). */
  checkoutProbe?: (dir: string) => boolean
}

/** Parses an explicit environment name; an unknown value is a ConfigurationError listing the valid ones. */
export function parseEnvironment(value: string, source = 'environment'): Environment {
  const normal = value.trim().toLowerCase()
  if ((ENVIRONMENTS as readonly string[]).includes(normal)) return normal as Environment
  throw new ConfigurationError(`Unknown ${source} '${value}': use one of ${ENVIRONMENTS.join(', ')}.`)
}

/** Whether `dir` or one of its parents holds a git checkout (a `.git` directory or file). */
export function hasGitCheckout(dir: string): boolean {
  return findWorkTree(dir) !== undefined
}

/** The nearest of `dir` and its parents that holds a `.git` directory or file: the work tree `dir` is in. */
export function findWorkTree(dir: string): string | undefined {
  let current = resolve(dir)
  for (;;) {
    if (existsSync(join(current, '.git'))) return current
    const parent = dirname(current)
    if (parent === current) return undefined
    current = parent
  }
}

/**
 * Detects the environment, in this order:
 * 1. an explicit choice, then `SELF_HEAL_ENVIRONMENT`;
 * 2. `GITHUB_ACTIONS=true`: ci with a checkout in the workspace, cloud without one;
 * 3. `CLAUDE_CODE_WEB` with no checkout here: cloud (with a checkout, it says nothing: a session in a clone works
 *    on that clone);
 * 4. `CI` outside Actions: ci only with a GitHub token, since ci commits through the API; without one, local, so
 *    that git works on the checkout instead of failing after the check has run;
 * 5. otherwise local.
 */
export function detectEnvironment(
  env: NodeJS.ProcessEnv,
  cwd: string,
  options: DetectionOptions = {}
): Detection {
  const { explicit, checkoutProbe = hasGitCheckout } = options
  if (explicit && explicit.trim()) return { environment: parseEnvironment(explicit), reason: 'explicit' }
  const fromEnv = env.SELF_HEAL_ENVIRONMENT
  if (fromEnv && fromEnv.trim()) {
    return { environment: parseEnvironment(fromEnv, 'SELF_HEAL_ENVIRONMENT'), reason: 'explicit' }
  }
  if (env.GITHUB_ACTIONS === 'true') {
    const workspace = env.GITHUB_WORKSPACE || cwd
    if (!checkoutProbe(workspace)) return { environment: 'cloud', reason: 'actions-without-checkout' }
    return { environment: 'ci', reason: 'actions' }
  }
  const claudeCodeWeb = isSet(env.CLAUDE_CODE_WEB)
  if (claudeCodeWeb && !checkoutProbe(cwd)) return { environment: 'cloud', reason: 'claude-code-web' }
  if (isSet(env.CI)) {
    const token = options.token ?? TOKEN_VARIABLES.some(name => env[name]?.trim())
    return token ? { environment: 'ci', reason: 'ci' } : { environment: 'local', reason: 'ci-without-token' }
  }
  if (claudeCodeWeb) return { environment: 'local', reason: 'claude-code-web-with-checkout' }
  return { environment: 'local', reason: 'default' }
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value.toLowerCase() !== 'false' && value !== '0'
}

let cached: Detection | undefined

/** The process's environment, detected on first call from process.env and process.cwd(), then cached. */
export function currentEnvironment(): Detection {
  cached ??= detectEnvironment(process.env, process.cwd())
  return cached
}

/** Forgets the cached detection (for tests). */
export function resetEnvironmentCache(): void {
  cached = undefined
}

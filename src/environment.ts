/**
 * Environment detection: LOCAL (a developer's machine), CI (an Actions runner with a checkout) or CLOUD (no
 * checkout, API only). Detection is a pure function of (variables, directory); the module-level value is computed
 * lazily on first use and cached, with a reset for tests, so importing this module probes nothing.
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { ConfigurationError } from './errors.js'

/** The three environments. */
export const ENVIRONMENTS = ['local', 'ci', 'cloud'] as const

/** Where self-heal runs. */
export type Environment = (typeof ENVIRONMENTS)[number]

/** What detection decided, and why (shown by `self-heal env`). */
export interface Detection {
  /** The environment. */
  environment: Environment
  /** Why: `explicit`, `claude-code-web`, `actions-without-checkout`, `actions`, `ci` or `default`. */
  reason: 'explicit' | 'claude-code-web' | 'actions-without-checkout' | 'actions' | 'ci' | 'default'
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
 * Detects the environment. `explicit` (CLI `--environment` or action input `environment`) wins, then
 * `SELF_HEAL_ENVIRONMENT`; then `CLAUDE_CODE_WEB` means cloud; an Actions job whose workspace has no checkout
 * means cloud; `GITHUB_ACTIONS=true` or `CI` means ci; otherwise local.
 */
export function detectEnvironment(
  env: NodeJS.ProcessEnv,
  cwd: string,
  explicit?: string,
  checkoutProbe: (dir: string) => boolean = hasGitCheckout
): Detection {
  if (explicit && explicit.trim()) return { environment: parseEnvironment(explicit), reason: 'explicit' }
  const fromEnv = env.SELF_HEAL_ENVIRONMENT
  if (fromEnv && fromEnv.trim()) {
    return { environment: parseEnvironment(fromEnv, 'SELF_HEAL_ENVIRONMENT'), reason: 'explicit' }
  }
  if (isSet(env.CLAUDE_CODE_WEB)) return { environment: 'cloud', reason: 'claude-code-web' }
  if (env.GITHUB_ACTIONS === 'true') {
    const workspace = env.GITHUB_WORKSPACE || cwd
    if (!checkoutProbe(workspace)) return { environment: 'cloud', reason: 'actions-without-checkout' }
    return { environment: 'ci', reason: 'actions' }
  }
  if (isSet(env.CI)) return { environment: 'ci', reason: 'ci' }
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

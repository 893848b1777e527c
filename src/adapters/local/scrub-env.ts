/**
 * The environment a check or a fixer starts with: this process's, minus what would let an untrusted command act
 * with self-heal's credentials or the runner's — tokens, the Actions runtime services, and every action input
 * (`INPUT_*`, where the runner puts the `token` input among others).
 */
import { InvalidInputError } from '../../errors.js'

/**
 * Variables withheld unless pass-env names them: GitHub tokens, self-heal's own token, the action's inputs, the
 * runner's service credentials and URLs (cache, artifacts, OIDC), and the files through which a step sets its
 * outputs, its state and later steps' environment and PATH (the file twins of inert workflow commands).
 */
export const WITHHELD_VARIABLES: readonly string[] = [
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'GH_ENTERPRISE_TOKEN',
  'GITHUB_ENTERPRISE_TOKEN',
  'SELF_HEAL_TOKEN',
  'INPUT_*',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'GITHUB_OUTPUT',
  'GITHUB_STATE',
  'GITHUB_ENV',
  'GITHUB_PATH'
]

/** What to keep and what never to pass. */
export interface ScrubOptions {
  /** Names (or `*` globs such as `NPM_*`) a command needs: kept even when WITHHELD_VARIABLES lists them. */
  passEnv?: readonly string[]
  /**
   * Secret values — the token self-heal uses and whatever it masked. A variable holding one is never passed,
   * whatever pass-env says: a check that needs a credential gets one of its own, under a name pass-env gives.
   */
  secrets?: readonly string[]
}

/** The scrubbed environment, and the names pass-env asked for that were withheld because they hold a secret. */
export interface ScrubbedEnv {
  /** The environment to start the command with. */
  env: NodeJS.ProcessEnv
  /** Names kept by pass-env but removed for holding a secret value (to warn about). */
  withheld: string[]
}

/** Secrets shorter than this only match a whole value: a short one would match inside unrelated values. */
const MIN_EMBEDDED_SECRET = 8

/** Removes credentials from an environment (WITHHELD_VARIABLES, ScrubOptions); names match in any case. */
export function scrubEnv(env: NodeJS.ProcessEnv, options: ScrubOptions = {}): ScrubbedEnv {
  const withheldNames = globs(WITHHELD_VARIABLES)
  const passed = globs(options.passEnv ?? [])
  const secrets = (options.secrets ?? []).map(secret => secret.trim()).filter(Boolean)
  const result: NodeJS.ProcessEnv = {}
  const withheld: string[] = []
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue
    const isPassed = passed.test(name)
    if (!isPassed && withheldNames.test(name)) continue
    if (secrets.some(secret => holds(value, secret))) {
      if (isPassed) withheld.push(name)
      continue
    }
    result[name] = value
  }
  return { env: result, withheld }
}

/**
 * Reads pass-env names: the CLI's repeatable `--pass-env NAME` and the action input `pass-env` (one a line, or
 * separated by commas) both land here. A name is letters, digits, `_`, and `*` for any run of characters.
 */
export function parsePassEnv(values: string | readonly string[], what = 'pass-env'): string[] {
  const names = (typeof values === 'string' ? [values] : values)
    .flatMap(value => value.split(/[\n,]/))
    .map(name => name.trim())
    .filter(Boolean)
  for (const name of names) {
    if (!/^[A-Za-z0-9_*]+$/.test(name)) {
      throw new InvalidInputError(
        `${what}: '${name}' is not a variable name: give names such as NPM_TOKEN or globs such as NPM_*, ` +
          'one a line or separated by commas.'
      )
    }
  }
  return names
}

function holds(value: string, secret: string): boolean {
  return secret.length >= MIN_EMBEDDED_SECRET ? value.includes(secret) : value.trim() === secret
}

/** One case-insensitive pattern for a list of names and `*` globs (which are letters, digits, `_` and `*`). */
function globs(names: readonly string[]): RegExp {
  if (names.length === 0) return /(?!)/
  const alternatives = names.map(name => name.replace(/[^A-Za-z0-9_*]/g, '\\$&').replace(/\*/g, '.*'))
  return new RegExp(`^(?:${alternatives.join('|')})$`, 'i')
}

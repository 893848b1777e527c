/**
 * Which face of self-heal the user is in front of: the CLI (a terminal) or the action (a workflow). Messages that
 * tell the user which setting to change name it the way it is given there: `--token` or GITHUB_TOKEN in a
 * terminal, the input `token` in a workflow. The CLI's main() and the action's run() set it once at startup;
 * everything else only reads it, so no module has to carry the surface down to the errors it raises.
 */

/** The CLI or the action. */
export type Surface = 'cli' | 'action'

interface Naming {
  /** The CLI option. */
  option: string
  /** The placeholder of the option's value in usage. */
  value: string
  /** The action input. */
  input: string
  /** The environment variable both read when the setting is not given. */
  variable?: string
}

const NAMES = {
  token: { option: '--token', value: 'TOKEN', input: 'token', variable: 'GITHUB_TOKEN' },
  repository: {
    option: '--repository',
    value: 'OWNER/NAME',
    input: 'repository',
    variable: 'GITHUB_REPOSITORY'
  },
  apiUrl: { option: '--api-url', value: 'URL', input: 'api-url', variable: 'GITHUB_API_URL' },
  cwd: { option: '--cwd', value: 'DIR', input: 'working-directory' },
  title: { option: '--title', value: 'TITLE', input: 'title' },
  message: { option: '--message', value: 'MSG', input: 'message' }
} satisfies Record<string, Naming>

/** A setting that messages name. */
export type Setting = keyof typeof NAMES

let current: Surface = 'cli'

/** Sets the surface; called once, by the entry point. */
export function setSurface(surface: Surface): void {
  current = surface
}

/** The surface set at startup (the CLI unless the action's run() said otherwise). */
export function surface(): Surface {
  return current
}

/** The setting as the user gives it here: `--token or GITHUB_TOKEN` in the CLI, the input `token` in the action. */
export function settingName(setting: Setting): string {
  const naming: Naming = NAMES[setting]
  if (current === 'action') return `the input \`${naming.input}\``
  return naming.variable ? `${naming.option} or ${naming.variable}` : naming.option
}

/** How to give the setting here: `pass --token TOKEN or set GITHUB_TOKEN`, or set the input `token`. */
export function howToSet(setting: Setting): string {
  const naming: Naming = NAMES[setting]
  if (current === 'action') return `set the input \`${naming.input}\``
  const pass = `pass ${naming.option} ${naming.value}`
  return naming.variable ? `${pass} or set ${naming.variable}` : pass
}

/**
 * How a command string runs: the way a GitHub Actions `run:` step runs it. The script is written to a temp file
 * and the shell is started on that file with the same arguments the runner uses
 * (https://docs.github.com/actions/reference/workflow-syntax-for-github-actions#jobsjob_idstepsshell).
 */
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { ConfigurationError } from '../../errors.js'

/**
 * The shell of command strings. `default` is what a `run:` step without `shell:` uses: `bash -e {0}` (or
 * `sh -e {0}` when there is no bash) on Linux and macOS, `pwsh` on Windows (Windows PowerShell when pwsh is absent).
 */
export type ShellKind = 'default' | 'bash' | 'sh' | 'pwsh' | 'powershell' | 'cmd'

/** A resolved shell: how to write a script for it and how to start it on that file. */
export interface Shell {
  /** The kind that was resolved (never `default`). */
  kind: Exclude<ShellKind, 'default'>
  /** The executable. */
  file: string
  /** The script file's extension (`.sh`, `.ps1`, `.cmd`). */
  extension: string
  /** The script's text as written to the file (PowerShell gets the runner's prelude and exit-code epilogue). */
  wrap(script: string): string
  /** The shell's arguments for a script file. */
  args(scriptPath: string): string[]
  /** Whether Node must pass the arguments verbatim (cmd's own quoting on Windows). */
  verbatimArguments: boolean
}

/** The shell kinds accepted in settings. */
export const SHELL_KINDS: readonly ShellKind[] = ['default', 'bash', 'sh', 'pwsh', 'powershell', 'cmd']

/**
 * Finds an executable on PATH (with PATHEXT on Windows); undefined when absent. The look-ups are synchronous: one
 * `access` each is quicker than a trip through the thread pool, and a check's start pays for every trip.
 */
export async function findExecutable(
  name: string,
  env: NodeJS.ProcessEnv = process.env
): Promise<string | undefined> {
  const path = env.PATH ?? env.Path ?? ''
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';') : ['']
  for (const directory of path.split(delimiter)) {
    if (!directory) continue
    for (const extension of extensions) {
      const candidate = join(directory, name + extension)
      try {
        accessSync(candidate, constants.X_OK)
        return candidate
      } catch {
        // Not here.
      }
    }
  }
  return undefined
}

/** Resolves a shell kind to the executable and arguments the Actions runner would use. */
export async function resolveShell(kind: ShellKind, env: NodeJS.ProcessEnv = process.env): Promise<Shell> {
  switch (kind) {
    case 'default': {
      if (process.platform === 'win32')
        return resolveShell((await findExecutable('pwsh', env)) ? 'pwsh' : 'powershell', env)
      // A `run:` step without `shell:` uses `bash -e {0}`, or `sh -e {0}` where there is no bash.
      const bash = await findExecutable('bash', env)
      if (bash) return posix('bash', bash, ['-e'])
      return posix('sh', (await findExecutable('sh', env)) ?? '/bin/sh', ['-e'])
    }
    case 'bash':
      return posix('bash', (await findExecutable('bash', env)) ?? 'bash', [
        '--noprofile',
        '--norc',
        '-eo',
        'pipefail'
      ])
    case 'sh':
      return posix('sh', (await findExecutable('sh', env)) ?? 'sh', ['-e'])
    case 'pwsh':
    case 'powershell':
      return {
        kind,
        file: (await findExecutable(kind, env)) ?? kind,
        extension: '.ps1',
        wrap: script =>
          "$ErrorActionPreference = 'stop'\n" +
          script +
          '\nif ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit $LASTEXITCODE }\n',
        args: scriptPath => ['-command', `. '${scriptPath.replace(/'/g, "''")}'`],
        verbatimArguments: false
      }
    case 'cmd':
      return {
        kind,
        file: env.ComSpec ?? env.COMSPEC ?? 'cmd.exe',
        extension: '.cmd',
        wrap: script => script,
        args: scriptPath => ['/D', '/E:ON', '/V:OFF', '/S', '/C', `"CALL "${scriptPath}""`],
        verbatimArguments: true
      }
    default:
      throw new ConfigurationError(`Unknown shell '${String(kind)}': use one of ${SHELL_KINDS.join(', ')}.`)
  }
}

function posix(kind: 'bash' | 'sh', file: string, flags: string[]): Shell {
  return {
    kind,
    file,
    extension: '.sh',
    wrap: script => script,
    args: scriptPath => [...flags, scriptPath],
    verbatimArguments: false
  }
}

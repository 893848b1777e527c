/**
 * `npm run emulator -- --repo PATH [--fork OWNER=PATH]... [--port N] [--name OWNER/NAME] [--token T]
 * [--queue-delay MS]`: serves a bare repository (and forks of it) as GitHub
 * on 127.0.0.1 until SIGINT, SIGTERM or SIGHUP, or until the process that started it is gone. Prints
 * `listening on http://127.0.0.1:PORT` once ready, then the environment a client in another process exports.
 */
import { Command, InvalidArgumentError } from 'commander'
import { cacheServiceEnv } from './cache-service.js'
import { defaultPlugins } from './plugins.js'
import { checkGitDir, initializeEmptyRepository } from './repositories.js'
import { startEmulator } from './server.js'

function port(value: string): number {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 picks a free port).')
  }
  return parsed
}

/** `--fork OWNER=PATH`, repeatable. */
function fork(
  value: string,
  previous: { owner: string; gitDir: string }[]
): { owner: string; gitDir: string }[] {
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))=(.+)$/.exec(value)
  if (!match)
    throw new InvalidArgumentError('expected OWNER=PATH (the fork owner, then its bare repository).')
  return [...previous, { owner: match[1], gitDir: match[2] }]
}

function milliseconds(value: string): number {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new InvalidArgumentError('expected a number of milliseconds.')
  return parsed
}

/**
 * Resolves with a reason once the emulator should stop: a signal, or its parent process gone. `npm run emulator`
 * execs node in the shell npm starts, so the SIGINT or SIGTERM npm passes on arrives here; when npm dies without
 * passing one on (SIGKILL, a crash), the emulator is reparented, and stops because its parent changed.
 */
function stopRequested(): Promise<string> {
  return new Promise(resolve => {
    const parent = process.ppid
    setInterval(() => {
      if (process.ppid !== parent) resolve(`parent process ${parent} exited`)
    }, 200).unref()
    // Ctrl-C reaches the emulator twice (from the terminal and from npm): later signals change nothing.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => resolve(signal))
  })
}

/** Parses the arguments, starts the emulator and waits until it should stop. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('emulator')
    .description('A GitHub emulator on 127.0.0.1 over a bare git repository (REST, GraphQL and plugins).')
    .requiredOption(
      '--repo <path>',
      'bare git repository to serve (an empty one gets main with an empty commit)'
    )
    .option(
      '--fork <owner=path>',
      "serve OWNER's fork of the repository from a bare repository (an empty one gets the repository's branches); repeatable",
      fork,
      []
    )
    .option('--port <n>', 'port to listen on (0: any free port)', port, 0)
    .option('--name <owner/name>', 'repository name to serve it as', 'octo/repo')
    .option('--token <token>', 'token that has every permission', 'emulator-token')
    .option('--ghes', 'behave as GitHub Enterprise Server', false)
    .option('--queue-delay <ms>', 'how long a workflow run stays queued before it starts', milliseconds, 2000)
    .option('--no-validate', 'do not check requests and responses against the OpenAPI description')
    .exitOverride()
  program.parse(argv, { from: 'user' })
  const options = program.opts<{
    repo: string
    fork: { owner: string; gitDir: string }[]
    port: number
    name: string
    token: string
    ghes: boolean
    queueDelay: number
    validate: boolean
  }>()
  const stop = stopRequested()
  await checkGitDir(options.repo)
  const made = await initializeEmptyRepository(options.repo, Date.now())
  if (made) process.stderr.write(`the repository had no branch: made ${made} with an empty initial commit\n`)
  const { plugins, cache } = defaultPlugins({
    token: options.token,
    ghes: options.ghes,
    queueDelayMs: options.queueDelay
  })
  const emulator = await startEmulator({
    repos: [
      { fullName: options.name, gitDir: options.repo },
      ...options.fork.map(f => ({
        fullName: `${f.owner}/${options.name.slice(options.name.indexOf('/') + 1)}`,
        gitDir: f.gitDir,
        forkOf: options.name
      }))
    ],
    port: options.port,
    token: options.token,
    ghes: options.ghes,
    validate: options.validate,
    persist: true,
    plugins
  })
  const { repository } = emulator
  const runtimeToken = cache.issueRuntimeToken({
    repository: repository.fullName,
    ref: `refs/heads/${repository.defaultBranch}`
  })
  const env = {
    GITHUB_API_URL: emulator.apiUrl,
    GITHUB_GRAPHQL_URL: emulator.graphqlUrl,
    GITHUB_REPOSITORY: repository.fullName,
    ...cacheServiceEnv(emulator.url, runtimeToken)
  }
  process.stdout.write(
    `listening on ${emulator.url}\n` +
      Object.entries(env)
        .map(([name, value]) => `export ${name}=${value}\n`)
        .join('')
  )
  for (const served of emulator.repositories.values()) {
    if (served.parent)
      process.stderr.write(`serving ${served.fullName}, a fork of ${served.parent}, from ${served.gitDir}\n`)
  }
  process.stderr.write(
    `serving ${repository.fullName} from ${repository.gitDir} (pull requests kept in emulator-state.json there)\n` +
      `the Actions cache also needs RUNNER_TEMP set, and GITHUB_SERVER_URL unset (or github.com); ` +
      `the runtime token reads and writes ${repository.defaultBranch}'s cache\n`
  )
  process.stderr.write(`${await stop}: stopping\n`)
  await emulator.close()
}

main(process.argv.slice(2)).then(
  // Exit explicitly: nothing the emulator started may keep the process alive once it is closed.
  () => process.exit(0),
  (error: unknown) => {
    const code = (error as { code?: string }).code
    if (typeof code === 'string' && code.startsWith('commander.')) {
      process.exit(code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : 2)
    }
    process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(2)
  }
)

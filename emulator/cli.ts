/**
 * `npm run emulator -- --repo PATH [--port N] [--name OWNER/NAME] [--token T]`: serves an existing bare repository
 * as GitHub on 127.0.0.1 until SIGINT/SIGTERM. Prints `listening on http://127.0.0.1:PORT` once ready.
 */
import { Command, InvalidArgumentError } from 'commander'
import { defaultPlugins } from './plugins.js'
import { startEmulator } from './server.js'

function port(value: string): number {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 picks a free port).')
  }
  return parsed
}

/** Parses the arguments, starts the emulator and waits for a signal. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('emulator')
    .description('A GitHub emulator on 127.0.0.1 over a bare git repository (REST, GraphQL and plugins).')
    .requiredOption('--repo <path>', 'bare git repository to serve')
    .option('--port <n>', 'port to listen on (0: any free port)', port, 0)
    .option('--name <owner/name>', 'repository name to serve it as', 'octo/repo')
    .option('--token <token>', 'token that has every permission', 'emulator-token')
    .option('--ghes', 'behave as GitHub Enterprise Server', false)
    .option('--no-validate', 'do not check requests and responses against the OpenAPI description')
    .exitOverride()
  program.parse(argv, { from: 'user' })
  const options = program.opts<{
    repo: string
    port: number
    name: string
    token: string
    ghes: boolean
    validate: boolean
  }>()
  const emulator = await startEmulator({
    repos: [{ fullName: options.name, gitDir: options.repo }],
    port: options.port,
    token: options.token,
    ghes: options.ghes,
    validate: options.validate,
    plugins: defaultPlugins()
  })
  process.stdout.write(`listening on ${emulator.url}\n`)
  process.stderr.write(`serving ${emulator.repository.fullName} from ${emulator.repository.gitDir}\n`)
  await new Promise<void>(resolve => {
    const stop = (signal: NodeJS.Signals) => {
      process.stderr.write(`${signal}: stopping\n`)
      resolve()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await emulator.close()
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const code = (error as { code?: string }).code
  if (typeof code === 'string' && code.startsWith('commander.')) {
    process.exit(code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : 2)
  }
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(2)
})

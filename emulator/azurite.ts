/**
 * Starts Azurite's blob service (npm `azurite`, Microsoft's Azure Storage emulator) on 127.0.0.1 with an
 * ephemeral port, data in memory and telemetry off, for the cache service's faithful tier.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Azurite's well-known development account (public, documented by Microsoft: not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1'
/** The development account's key (public, documented by Microsoft). */
export const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

/** A running Azurite blob service. */
export interface AzuriteServer {
  /** The blob endpoint, e.g. `http://127.0.0.1:PORT/devstoreaccount1`. */
  readonly blobEndpoint: string
  /** The account name. */
  readonly accountName: string
  /** The account key. */
  readonly accountKey: string
  /** The process id. */
  readonly pid: number
  /** Stops the process and removes its working directory. */
  stop(): Promise<void>
}

/** Where `azurite-blob` is installed (the package's own bin link). */
export function azuriteBlobBin(): string {
  return fileURLToPath(new URL('../node_modules/.bin/azurite-blob', import.meta.url))
}

/** Starts Azurite's blob service and resolves once it listens; rejects (and stops it) after `timeoutMs`. */
export async function startAzurite(options: { timeoutMs?: number } = {}): Promise<AzuriteServer> {
  const bin = azuriteBlobBin()
  if (!existsSync(bin)) throw new Error(`Azurite is not installed (${bin} is missing): run npm install.`)
  // --inMemoryPersistence refuses --location, so the working directory is a temp dir of our own.
  const cwd = await mkdtemp(join(tmpdir(), 'azurite-'))
  const child: ChildProcess = spawn(
    process.execPath,
    [
      bin,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--inMemoryPersistence',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--loose',
      '--silent'
    ],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AZURITE_ACCOUNTS: '' } }
  )
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    await rm(cwd, { recursive: true, force: true })
  }
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let output = ''
      const timer = setTimeout(
        () => reject(new Error(`Azurite did not start within ${options.timeoutMs ?? 45000} ms:\n${output}`)),
        options.timeoutMs ?? 45000
      )
      const onData = (chunk: Buffer): void => {
        output += chunk.toString()
        const match = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
        if (match) {
          child.stdout!.off('data', onData)
          child.stderr!.off('data', onData)
          clearTimeout(timer)
          resolve(Number(match[1]))
        }
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', onData)
      child.once('exit', code => {
        clearTimeout(timer)
        reject(new Error(`Azurite exited with code ${code} before listening:\n${output}`))
      })
    })
    // Keep draining its output so a full pipe never blocks it.
    child.stdout!.resume()
    child.stderr!.resume()
    return {
      blobEndpoint: `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`,
      accountName: AZURITE_ACCOUNT,
      accountKey: AZURITE_KEY,
      pid: child.pid!,
      stop
    }
  } catch (error) {
    await stop()
    throw error
  }
}

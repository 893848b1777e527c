/**
 * A minimal host for emulator plugins: an http server on 127.0.0.1 that runs raw handlers, then routes (with
 * path parameters, a JSON body and a repository), and counts requests like the emulator's stats. It stands in for
 * the emulator core where a test needs only the cache service.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type {
  EmulatedRepository,
  EmulatorPlugin,
  EmulatorServices,
  RequestKind
} from '../../../emulator/plugin.js'

/** A running host. */
export interface PluginHost {
  /** `http://127.0.0.1:PORT`. */
  url: string
  /** Requests per operation id and kind. */
  stats: Record<string, { reads: number; writes: number; notModified: number }>
  /** Stops the server and the plugins. */
  close(): Promise<void>
}

/** Starts plugins on an ephemeral port, serving one repository `octo/repo` (no git behind it). */
export async function hostPlugins(plugins: EmulatorPlugin[], token = 'emulator-token'): Promise<PluginHost> {
  const stats: PluginHost['stats'] = {}
  const repo: EmulatedRepository = {
    fullName: 'octo/repo',
    owner: 'octo',
    name: 'repo',
    gitDir: '',
    defaultBranch: 'main'
  }
  const record = (operationId: string, kind: RequestKind | 'notModified'): void => {
    const entry = (stats[operationId] ??= { reads: 0, writes: 0, notModified: 0 })
    if (kind === 'read') entry.reads++
    else if (kind === 'write') entry.writes++
    else entry.notModified++
  }
  let url = ''
  const services: EmulatorServices = {
    get url() {
      return url
    },
    repositories: new Map([[repo.fullName, repo]]),
    record,
    now: () => Date.now(),
    clockSpeed: 1,
    ghes: false,
    // The cache service issues no API tokens: a host without the core has none to give.
    issueToken: () => {
      throw new Error('The plugin host serves no REST API: it issues no tokens.')
    },
    revokeToken: () => undefined
  }
  const server: Server = createServer((req, res) => {
    void (async () => {
      const parsed = new URL(req.url ?? '/', url)
      for (const plugin of plugins) {
        for (const handler of plugin.rawHandlers ?? []) if (await handler.handle(req, res, parsed)) return
      }
      for (const plugin of plugins) {
        for (const route of plugin.routes ?? []) {
          if (route.method !== req.method) continue
          const pattern = new RegExp(`^${route.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`)
          const match = pattern.exec(parsed.pathname)
          if (!match) continue
          if (
            req.headers.authorization !== `token ${token}` &&
            req.headers.authorization !== `Bearer ${token}`
          ) {
            res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Bad credentials"}')
            return
          }
          const chunks: Buffer[] = []
          for await (const chunk of req) chunks.push(chunk as Buffer)
          const rawBody = Buffer.concat(chunks)
          record(route.operationId, route.kind)
          const params = Object.fromEntries(
            Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])
          )
          const reply = await route.handler({
            req,
            params,
            query: parsed.searchParams,
            body: rawBody.length ? JSON.parse(rawBody.toString('utf8')) : undefined,
            rawBody,
            repo,
            emulator: services
          })
          const body = reply.body === undefined ? '' : JSON.stringify(reply.body)
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(body)
          return
        }
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}')
    })().catch(error => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ message: (error as Error).message }))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  for (const plugin of plugins) await plugin.start?.(services)
  return {
    url,
    stats,
    async close() {
      for (const plugin of plugins) await plugin.stop?.()
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}

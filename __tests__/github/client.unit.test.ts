/**
 * The client against a loopback HTTP server that answers like GitHub does in the situations the client must
 * handle: secondary and primary rate limits, 5xx, slow answers, permission errors.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createGitHubClient, parseRepository } from '../../src/github/client.js'
import { graphqlUrlFor } from '../../src/settings.js'
import { GitHubApiError, RateLimitError, mapGitHubError } from '../../src/github/errors.js'
import { ConfigurationError, PermissionError } from '../../src/errors.js'

type Handler = (req: IncomingMessage, res: ServerResponse, count: number) => void

async function serve(
  handler: Handler
): Promise<{ url: string; hits: () => number; auth: string[]; close(): Promise<void> }> {
  let count = 0
  const auth: string[] = []
  const server = createServer((req, res) => {
    count++
    auth.push(String(req.headers.authorization))
    req.resume()
    req.on('end', () => handler(req, res, count))
  })
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => count,
    auth,
    close: () =>
      new Promise<void>(r => {
        server.closeAllConnections()
        server.close(() => r())
      })
  }
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

const quiet = { warning: () => undefined, debug: () => undefined }
const fast = { retryBaseMs: 5, minWriteIntervalMs: 0, log: quiet }

describe('createGitHubClient', () => {
  it('refuses a missing token and a malformed repository, naming the setting', () => {
    expect(() => createGitHubClient({ token: '', repository: 'a/b' })).toThrow(/--token/)
    expect(() => createGitHubClient({ token: 't', repository: 'nope' })).toThrow(ConfigurationError)
    expect(() => parseRepository('../x')).toThrow(/OWNER\/NAME/)
    expect(parseRepository('octo/repo.js')).toEqual({ owner: 'octo', repo: 'repo.js' })
  })

  it('derives the GraphQL URL of GitHub Enterprise Server and github.com', () => {
    expect(graphqlUrlFor('https://ghe.example.com/api/v3')).toBe('https://ghe.example.com/api/graphql')
    expect(graphqlUrlFor('https://api.github.com/')).toBe('https://api.github.com/graphql')
  })

  it('waits out a secondary rate limit per retry-after, then succeeds', async () => {
    const server = await serve((_req, res, n) =>
      n === 1
        ? json(res, 403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '2' })
        : json(res, 200, { ok: true })
    )
    try {
      const client = createGitHubClient({
        token: 'secret-token',
        repository: 'o/r',
        apiUrl: server.url,
        ...fast
      })
      const started = Date.now()
      const { data } = await client.octokit.request('POST /repos/{owner}/{repo}/git/trees', {
        owner: 'o',
        repo: 'r',
        tree: []
      })
      expect(data).toEqual({ ok: true })
      expect(server.hits()).toBe(2)
      expect(Date.now() - started).toBeGreaterThanOrEqual(10) // 2 × retryBaseMs
      expect(server.auth[0]).toBe('token secret-token')
    } finally {
      await server.close()
    }
  })

  it('fails with the reset time when the primary limit resets later than the bound', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600
    const server = await serve((_req, res) =>
      json(
        res,
        403,
        { message: 'API rate limit exceeded' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }
      )
    )
    try {
      const client = createGitHubClient({
        token: 't',
        repository: 'o/r',
        apiUrl: server.url,
        maxRateLimitWaitSeconds: 5,
        ...fast
      })
      const error = await client.octokit
        .request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' })
        .catch(e => e)
      expect(error).toBeInstanceOf(RateLimitError)
      expect((error as RateLimitError).resetAt.getTime()).toBe(reset * 1000)
      expect((error as Error).message).toContain(new Date(reset * 1000).toISOString())
      expect(server.hits()).toBe(1)
    } finally {
      await server.close()
    }
  })

  it('waits out a primary limit that resets within the bound, then retries', async () => {
    const server = await serve((_req, res, n) =>
      n === 1
        ? json(
            res,
            403,
            { message: 'API rate limit exceeded' },
            { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) }
          )
        : json(res, 200, { ok: true })
    )
    try {
      const warnings: string[] = []
      const client = createGitHubClient({
        token: 't',
        repository: 'o/r',
        apiUrl: server.url,
        ...fast,
        log: { warning: m => warnings.push(m), debug: () => undefined }
      })
      const { data } = await client.octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' })
      expect(data).toEqual({ ok: true })
      expect(server.hits()).toBe(2)
      expect(warnings.join('\n')).toMatch(/rate limit exhausted/)
    } finally {
      await server.close()
    }
  })

  it('retries a 502 and a timed-out attempt, bounded', async () => {
    const server = await serve((_req, res, n) => {
      if (n === 1) return json(res, 502, { message: 'Server Error' })
      if (n === 2) return setTimeout(() => json(res, 200, { late: true }), 500)
      json(res, 200, { ok: n })
    })
    try {
      const client = createGitHubClient({
        token: 't',
        repository: 'o/r',
        apiUrl: server.url,
        timeoutMs: 150,
        ...fast
      })
      const { data } = await client.octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' })
      expect(data).toEqual({ ok: 3 })
    } finally {
      await server.close()
    }
    const down = await serve((_req, res) => json(res, 503, { message: 'down' }))
    try {
      const client = createGitHubClient({
        token: 't',
        repository: 'o/r',
        apiUrl: down.url,
        retries: 2,
        ...fast
      })
      const error = await client.octokit
        .request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' })
        .catch(e => e)
      expect(down.hits()).toBe(3)
      expect(client.mapError(error, { action: 'reading the repository' })).toBeInstanceOf(GitHubApiError)
    } finally {
      await down.close()
    }
  })

  it('sends GraphQL to the configured endpoint', async () => {
    const paths: string[] = []
    const server = await serve((req, res) => {
      paths.push(String(req.url))
      json(res, 200, { data: { viewer: { login: 'me' } } })
    })
    try {
      const client = createGitHubClient({
        token: 't',
        repository: 'o/r',
        apiUrl: `${server.url}/api/v3`,
        ...fast
      })
      expect(client.graphqlUrl).toBe(`${server.url}/api/graphql`)
      const data = await client.graphql<{ viewer: { login: string } }>('query { viewer { login } }')
      expect(data.viewer.login).toBe('me')
      expect(paths).toEqual(['/api/graphql'])
    } finally {
      await server.close()
    }
  })
})

describe('mapGitHubError', () => {
  const error = (status: number, message: string) =>
    Object.assign(new Error(message), { status, response: { headers: {}, data: { message } } })

  it('names the permission that is missing', () => {
    const mapped = mapGitHubError(error(403, 'Resource not accessible by integration'), {
      action: 'creating a tree',
      permission: 'contents',
      write: true,
      repository: 'o/r'
    })
    expect(mapped).toBeInstanceOf(PermissionError)
    expect(mapped.message).toContain('`permissions: contents: write`')
    expect(mapped.message).toContain('o/r')
  })

  it('names the setting that lets Actions open pull requests', () => {
    const mapped = mapGitHubError(
      error(403, 'GitHub Actions is not permitted to create or approve pull requests.'),
      { action: 'creating the pull request', permission: 'pull-requests', write: true }
    )
    expect(mapped.message).toContain('Allow GitHub Actions to create and approve pull requests')
  })

  it('carries the detail of a 422', () => {
    const unprocessable = Object.assign(new Error('Validation Failed'), {
      status: 422,
      response: {
        headers: {},
        data: { message: 'Validation Failed', errors: [{ message: 'No commits between main and x' }] }
      }
    })
    expect(mapGitHubError(unprocessable, { action: 'opening a pull request' }).message).toContain(
      'No commits between main and x'
    )
  })

  it('says a 401 is a bad token and a 404 may be a hidden repository, without the token', () => {
    const unauthorized = mapGitHubError(error(401, 'Bad credentials'), { action: 'reading a file' })
    expect(unauthorized).toBeInstanceOf(PermissionError)
    expect(unauthorized.message).toMatch(/invalid or expired/)
    const notFound = mapGitHubError(error(404, 'Not Found'), {
      action: 'dispatching',
      permission: 'actions',
      write: true
    })
    expect(notFound.message).toContain('`permissions: actions: write`')
  })
})

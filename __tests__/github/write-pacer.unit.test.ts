/** WritePacer's windows and order, on a clock of the test's own, and which requests count as content-creating. */
import { isContentCreating } from '../../src/github/client.js'
import { GITHUB_WRITE_LIMITS, WritePacer } from '../../src/github/write-pacer.js'

const API = 'https://api.github.com'

describe('WritePacer', () => {
  it('allows a write when the one `requests` back has left each window', async () => {
    let now = 0
    const pacer = new WritePacer({
      limits: [
        { requests: 2, windowMs: 1_000 },
        { requests: 3, windowMs: 10_000 }
      ],
      now: () => now
    })
    await pacer.run(async () => undefined)
    now = 100
    expect(pacer.delay()).toBe(0)
    await pacer.run(async () => undefined)
    expect(pacer.delay()).toBe(900) // two in the last second: the first leaves it at 1,000
    now = 1_000
    expect(pacer.delay()).toBe(0)
    await pacer.run(async () => undefined)
    now = 1_100
    expect(pacer.delay()).toBe(8_900) // three in ten seconds: the first leaves them at 10,000
    now = 10_000
    expect(pacer.delay()).toBe(0)
  })

  it('keeps a minimum gap between starts when asked', async () => {
    let now = 0
    const pacer = new WritePacer({ limits: [], minIntervalMs: 250, now: () => now })
    expect(pacer.delay()).toBe(0)
    await pacer.run(async () => undefined)
    now = 100
    expect(pacer.delay()).toBe(150)
  })

  it('runs writes one at a time, in order, a failed one included', async () => {
    const pacer = new WritePacer({ limits: [] })
    const events: string[] = []
    let release!: () => void
    const first = pacer.run(
      () =>
        new Promise<void>(resolve => {
          events.push('first starts')
          release = () => {
            events.push('first ends')
            resolve()
          }
        })
    )
    const failing = pacer.run(async () => {
      events.push('second starts')
      throw new Error('refused')
    })
    const third = pacer.run(async () => events.push('third starts'))
    await new Promise(resolve => setImmediate(resolve))
    expect(events).toEqual(['first starts'])
    release()
    await first
    await expect(failing).rejects.toThrow('refused')
    await third
    expect(events).toEqual(['first starts', 'first ends', 'second starts', 'third starts'])
  })

  it('waits on the real clock when a window is full', async () => {
    const pacer = new WritePacer({ limits: [{ requests: 1, windowMs: 60 }] })
    const starts: number[] = []
    await Promise.all([1, 2].map(() => pacer.run(async () => starts.push(Date.now()))))
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(55)
  })

  it("defaults to GitHub's documented limits: 80 a minute, 500 an hour", () => {
    expect(GITHUB_WRITE_LIMITS).toEqual([
      { requests: 80, windowMs: 60_000 },
      { requests: 500, windowMs: 3_600_000 }
    ])
  })
})

describe('isContentCreating', () => {
  it('counts REST writes and GraphQL mutations, not reads or GraphQL queries', () => {
    expect(isContentCreating({ method: 'GET', url: '/repos/o/r/git/trees/abc' }, API)).toBe(false)
    expect(isContentCreating({ method: 'HEAD', url: '/repos/o/r' }, API)).toBe(false)
    expect(isContentCreating({ method: 'POST', url: '/repos/o/r/git/blobs' }, API)).toBe(true)
    expect(isContentCreating({ method: 'PATCH', url: '/repos/o/r/git/refs/heads/x' }, API)).toBe(true)
    const graphql = `${API}/graphql`
    expect(isContentCreating({ method: 'POST', url: graphql, query: 'query ($o: String!) { x }' }, API)).toBe(
      false
    )
    expect(
      isContentCreating({ method: 'POST', url: graphql, query: '  # blobs\n  { viewer { login } }' }, API)
    ).toBe(false)
    expect(
      isContentCreating({ method: 'POST', url: graphql, query: 'mutation { createCommitOnBranch }' }, API)
    ).toBe(true)
    expect(
      isContentCreating({ method: 'POST', url: 'https://ghe.example/api/graphql', query: 'query { x }' }, API)
    ).toBe(false)
    // A body field named `query` on a REST write does not make it a read.
    expect(isContentCreating({ method: 'POST', url: '/repos/o/r/issues', query: 'query' }, API)).toBe(true)
  })
})

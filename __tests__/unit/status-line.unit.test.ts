import { describe, expect, it } from '@jest/globals'
import { StatusLine, describeProgress } from '../../src/cli/status-line.js'

const URL = 'https://github.com/o/r/actions/runs/7'
const at = (status: string, seconds: number) => ({ runId: 7, status, url: URL, elapsedMs: seconds * 1000 })

describe('the status line', () => {
  it('describes a run with its status, the wait so far and its URL', () => {
    expect(describeProgress(at('in_progress', 12.4))).toBe(`run 7 in progress (waited 12 s): ${URL}`)
    expect(describeProgress({ runId: 7, status: 'queued', elapsedMs: 0 })).toBe('run 7 queued (waited 0 s)')
  })

  it('rewrites one line on a terminal and ends it before anything else is written', () => {
    let out = ''
    const line = new StatusLine({ write: text => (out += text), columns: 200 })
    line.progress(at('queued', 0))
    line.progress(at('queued', 5))
    line.text('a log line\n')
    line.progress(at('in_progress', 10))
    line.end()
    line.end()
    expect(out).toBe(
      `\r${describeProgress(at('queued', 0))}\x1b[K\r${describeProgress(at('queued', 5))}\x1b[K\na log line\n` +
        `\r${describeProgress(at('in_progress', 10))}\x1b[K\n`
    )
  })

  it('keeps a line within the terminal, so that \\r rewrites all of it', () => {
    let out = ''
    new StatusLine({ write: text => (out += text), columns: 30 }).progress(at('in_progress', 1))
    const shown = out.replace('\r', '').replace('\x1b[K', '')
    expect(shown.length).toBe(29)
    expect(shown.endsWith('…')).toBe(true)
  })

  it('off a terminal prints a line when the status changes and at most every everyMs otherwise', () => {
    const lines: string[] = []
    const line = new StatusLine({ write: text => lines.push(text), everyMs: 30_000 })
    for (const [status, seconds] of [
      ['queued', 0],
      ['queued', 5],
      ['in_progress', 10],
      ['in_progress', 15],
      ['in_progress', 39],
      ['in_progress', 40],
      ['in_progress', 45]
    ] as const)
      line.progress(at(status, seconds))
    line.text('done\n')
    expect(lines).toEqual([
      `${describeProgress(at('queued', 0))}\n`,
      `${describeProgress(at('in_progress', 10))}\n`,
      `${describeProgress(at('in_progress', 40))}\n`,
      'done\n'
    ])
  })
})

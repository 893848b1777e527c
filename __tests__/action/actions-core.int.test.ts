/**
 * src/actions-core.ts against @actions/core itself: the same calls write the same workflow commands, read the
 * same inputs, fail the same way and write the same job summary. Output and state files are compared as the
 * runner reads them (single-line values are `name=value` lines on our side, blocks on @actions/core's).
 */
import * as real from '@actions/core'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as ours from '../../src/actions-core.js'
import { parseCommandFile } from './run-action.js'

type Core = typeof ours

/** What `fn` writes to stdout, and the exit code it sets. */
async function capture(fn: () => unknown): Promise<{ stdout: string; exitCode: typeof process.exitCode }> {
  const write = process.stdout.write
  const exitCode = process.exitCode
  let stdout = ''
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += chunk.toString()
    return true
  }) as typeof process.stdout.write
  try {
    await fn()
    return { stdout, exitCode: process.exitCode }
  } finally {
    process.stdout.write = write
    process.exitCode = exitCode
  }
}

/** Runs `fn` against both implementations and expects the same stdout, exit code, result or error. */
async function same(fn: (core: Core) => unknown): Promise<string> {
  const outcome = async (core: Core) => {
    let result: unknown
    let error: unknown
    const written = await capture(async () => {
      try {
        result = await fn(core)
      } catch (e) {
        error = e
      }
    })
    return {
      ...written,
      result,
      error: error && {
        type: (error as Error).constructor.name,
        ...(error as object),
        message: (error as Error).message
      }
    }
  }
  const theirs = await outcome(real as unknown as Core)
  expect(await outcome(ours)).toEqual(theirs)
  return theirs.stdout
}

const saved = { ...process.env }
let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'self-heal-core-'))
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']) delete process.env[name]
})

afterEach(async () => {
  process.env = { ...saved }
  await rm(dir, { recursive: true, force: true })
})

describe('actions-core writes what @actions/core writes', () => {
  it('reads inputs: trimmed, required, multiline and boolean', async () => {
    process.env.INPUT_MY_INPUT = '  value \n'
    process.env.INPUT_LINES = ' a \n\n b\n'
    process.env.INPUT_YES = 'True'
    process.env.INPUT_MAYBE = 'yes'
    await same(core => core.getInput('my input'))
    await same(core => core.getInput('my input', { trimWhitespace: false }))
    await same(core => core.getInput('missing'))
    await same(core => core.getInput('missing', { required: true }))
    await same(core => core.getMultilineInput('lines'))
    await same(core => core.getMultilineInput('lines', { trimWhitespace: false }))
    await same(core => core.getBooleanInput('yes'))
    await same(core => core.getBooleanInput('maybe'))
    process.env.STATE_isPost = 'true'
    await same(core => core.getState('isPost'))
    await same(core => core.getState('other'))
  })

  it('writes log commands, escaping data and properties', async () => {
    const text = 'a %b\r\nc: d, e'
    expect(await same(core => core.info(text))).toBe(`${text}\n`)
    await same(core => core.debug(text))
    await same(core => core.setSecret('s3cr3t'))
    await same(core => core.warning(text))
    await same(core => core.warning(new Error('boom')))
    await same(core => core.error(text, { title: 't: 1, 2', file: 'src/a.ts', startLine: 3, startColumn: 4 }))
    await same(core => core.error(text, { title: undefined, file: undefined }))
    expect(await same(core => core.setFailed('it failed'))).toBe('::error::it failed\n')
    await same(core => core.group('Run', async () => 42))
    await same(core => core.group('Run', async () => Promise.reject(new Error('inside'))))
  })

  it('writes outputs and state as commands without the files', async () => {
    await same(core => core.setOutput('result', { passed: true, list: [1, 2] }))
    await same(core => core.setOutput('text', 'two\nlines'))
    await same(core => core.saveState('isPost', 'true'))
  })

  it('writes outputs and state files the runner reads the same way', async () => {
    const values: Array<[string, unknown]> = [
      ['environment', 'local'],
      ['result', { kind: 'test', passed: false, name: 'a\nb' }],
      ['empty', ''],
      ['body', 'line one\nline two\r\nline three'],
      ['count', 3]
    ]
    const files: Record<string, string> = {}
    for (const [side, core] of [
      ['real', real],
      ['ours', ours]
    ] as const) {
      process.env.GITHUB_OUTPUT = files[`${side}-output`] = join(dir, `${side}-output`)
      process.env.GITHUB_STATE = files[`${side}-state`] = join(dir, `${side}-state`)
      await writeFile(process.env.GITHUB_OUTPUT, '')
      await writeFile(process.env.GITHUB_STATE, '')
      for (const [name, value] of values) (core as Core).setOutput(name, value)
      ;(core as Core).saveState('isPost', 'true')
    }
    const read = async (name: string) => parseCommandFile(await readFile(files[name], 'utf8'))
    expect(await read('ours-output')).toEqual(await read('real-output'))
    expect(await read('ours-output')).toEqual({
      environment: 'local',
      result: '{"kind":"test","passed":false,"name":"a\\nb"}',
      empty: '',
      body: 'line one\nline two\r\nline three',
      count: '3'
    })
    expect(await read('ours-state')).toEqual({ isPost: 'true' })
    expect(await read('ours-state')).toEqual(await read('real-state'))
    // Only the value with line breaks needs a block, and its delimiter is random.
    const text = await readFile(files['ours-output'], 'utf8')
    expect(text).toMatch(/^environment=local\n/)
    expect(text).toMatch(/^body<<ghadelimiter_[0-9a-f-]{36}\n/m)
  })

  it('refuses a missing output file as @actions/core does', async () => {
    process.env.GITHUB_OUTPUT = join(dir, 'absent')
    await same(core => core.setOutput('a', 'b'))
  })

  // Before the summary is written: @actions/core keeps the path of its first successful write.
  it('fails to write a summary without the file as @actions/core does', async () => {
    await same(core => core.summary.addRaw('x').write())
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'absent')
    await same(core => core.summary.write())
  })

  it('writes the same job summary', async () => {
    const build = async (core: Core) => {
      core.summary
        .addHeading('self-heal: <b>x</b>', 2)
        .addHeading('bad level', 9)
        .addTable([
          [
            { data: 'command', header: true },
            { data: 'wide', colspan: '2' }
          ],
          ['<code>npm test</code>', '1', '']
        ])
        .addList(['one', 'two'])
        .addList(['first'], true)
        .addDetails('Output', '<pre>tail</pre>')
        .addRaw('raw', true)
        .addRaw('no eol')
        .addLink('the run', 'https://example.com/run/1')
      await core.summary.write()
    }
    for (const side of ['real', 'ours'] as const) {
      process.env.GITHUB_STEP_SUMMARY = join(dir, `${side}-summary`)
      await writeFile(process.env.GITHUB_STEP_SUMMARY, 'before\n')
      await build(side === 'real' ? (real as unknown as Core) : ours)
    }
    const theirs = await readFile(join(dir, 'real-summary'), 'utf8')
    expect(theirs).toContain('<table>')
    expect(await readFile(join(dir, 'ours-summary'), 'utf8')).toBe(theirs)
  })
})

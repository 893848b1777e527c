/**
 * The noise rules of the fingerprint, one kind of noise at a time: what is removed, what it becomes, and what
 * must survive because it tells two failures apart. Then the rules on 1 MB pathological lines, to show that each
 * pattern is linear (a quadratic one would not finish within the test timeout).
 */
import { describe, expect, it } from '@jest/globals'
import { InvalidInputError } from '../../src/errors.js'
import { normalizeFilePath, removeNoise } from '../../src/heal/noise.js'

const CI = '/home/runner/work/calc/calc'

describe('removeNoise', () => {
  it('removes ANSI colour and cursor codes, and keeps what a redrawn line finally shows', () => {
    expect(removeNoise('\x1b[1m\x1b[31mFAIL\x1b[39m\x1b[22m src/a.test.ts')).toBe('FAIL src/a.test.ts')
    expect(removeNoise('\x1b]8;;https://x.test\x07link\x1b]8;;\x07 \x1b[2K\x1b[1Gdone')).toBe('link done')
    expect(removeNoise('Building 10%\rBuilding 55%\rBuild failed\r\nnext')).toBe('Build failed\nnext')
  })

  it('replaces ISO, RFC, JS Date, `date`, syslog, Go log and common-log timestamps and times of day', () => {
    const cases: Array<[string, string]> = [
      ['at 2026-11-22T09:00:25.123Z done', 'at <time> done'],
      ['at 2026-11-22T09:00:25+01:00 done', 'at <time> done'],
      ['2026-11-22T09:00:25.1234567Z ##[error]Process completed', '<time> ##[error]Process completed'],
      ['at 2026-11-22 09:00:25,123 done', 'at <time> done'],
      ['log 2026-11-22T09_00_25_123Z-debug-0.log', 'log <time>-debug-0.log'],
      ['on 2026-11-22 only', 'on <date> only'],
      ['Date: Sun, 22 Nov 2026 09:00:25 GMT', 'Date: <date> <time>'],
      [
        'Sun Nov 22 2026 09:00:25 GMT+0000 (Coordinated Universal Time)',
        '<date> <time> (Coordinated Universal Time)'
      ],
      ['Sun Nov 22 09:00:25 UTC 2026', '<date> <time>'],
      ['Nov 22 09:00:25 host app: failed', '<date> <time> host app: failed'],
      ['2026/11/22 09:00:25 listen failed', '<date> <time> listen failed'],
      [
        '127.0.0.1 - - [22/Nov/2026:09:00:25 +0000] "GET / HTTP/1.1" 500',
        '127.0.0.1 - - [<date> <time>] "GET / HTTP/1.1" 500'
      ],
      ['Start at 06:57:51', 'Start at <time>'],
      ['at 9:41 PM it broke', 'at <time> it broke'],
      ['startTime 1795330637425', 'startTime <time>']
    ]
    for (const [input, output] of cases) expect(removeNoise(input)).toBe(output)
  })

  it('replaces durations, with and without a space, in parentheses, compound and named', () => {
    const cases: Array<[string, string]> = [
      ['✓ adds 12ms', '✓ adds <dur>'],
      ['took 1.5 s', 'took <dur>'],
      ['✕ handles negatives (23 ms)', '✕ handles negatives (<dur>)'],
      ['Time: 4.2s', 'Time: <dur>'],
      ['Time:        6.481 s, estimated 7 s', 'Time: <dur>, estimated <dur>'],
      ['--- FAIL: TestServe (0.31s)', '--- FAIL: TestServe (<dur>)'],
      ['ok example.com/calc 1m30.5s', 'ok example.com/calc <dur>'],
      ['3 failed, 4 passed in 1.84s', '3 failed, 4 passed in <dur>'],
      ['Timeout of 2000ms exceeded', 'Timeout of <dur> exceeded'],
      ['duration_ms: 0.733485', 'duration_ms: <dur>'],
      ['# duration_ms 275.517699', '# duration_ms <dur>'],
      ['elapsed=12', 'elapsed=<dur>']
    ]
    for (const [input, output] of cases) expect(removeNoise(input)).toBe(output)
  })

  it('makes paths in the workspace repository-relative, POSIX and Windows, in any spelling', () => {
    expect(removeNoise(`open '${CI}/src/a.ts'`, { workspace: CI })).toBe("open 'src/a.ts'")
    expect(removeNoise(`cwd ${CI}, file ${CI}/x`, { workspace: `${CI}/` })).toBe('cwd ., file x')
    const windows = 'C:\\Users\\ana\\src\\calc'
    expect(removeNoise('at C:\\Users\\ana\\src\\calc\\src\\a.ts:3:9', { workspace: windows })).toBe(
      'at src/a.ts'
    )
    expect(removeNoise('at c:/users/ana/src/calc/src/a.ts', { workspace: windows })).toBe('at src/a.ts')
    // macOS reports a temp checkout under /private as well.
    const mac = '/var/folders/7x/abc/T/repo'
    expect(removeNoise('/private/var/folders/7x/abc/T/repo/src/a.ts', { workspace: mac })).toBe('src/a.ts')
    // Not a prefix of a longer name.
    expect(removeNoise(`${CI}2/src/a.ts`, { workspace: CI })).toBe('<abs>/a.ts')
  })

  it('refuses a relative workspace (it would erase every word spelling it), accepts the root', () => {
    expect(() => removeNoise('the repo is broken', { workspace: 'repo' })).toThrow(InvalidInputError)
    expect(() => removeNoise('x', { workspace: './repo' })).toThrow(/not an absolute path/)
    expect(removeNoise('/usr/lib/x.so missing', { workspace: '/' })).toBe('<abs>/x.so missing')
    expect(removeNoise('C:\\calc\\src\\a.ts', { workspace: 'C:\\' })).toBe('<abs>/a.ts')
    expect(removeNoise('\\\\server\\share\\calc\\src\\a.ts', { workspace: '\\\\server\\share\\calc' })).toBe(
      'src/a.ts'
    )
  })

  it('recognises GitHub runner workspaces without being told, and file:// URLs', () => {
    expect(removeNoise('/home/runner/work/calc/calc/src/a.ts')).toBe('src/a.ts')
    expect(removeNoise('D:\\a\\calc\\calc\\src\\a.ts')).toBe('src/a.ts')
    expect(removeNoise('/__w/calc/calc/src/a.ts and /github/workspace/src/b.ts')).toBe(
      'src/a.ts and src/b.ts'
    )
    expect(removeNoise('at file:///home/runner/work/calc/calc/test/x.mjs:4:32')).toBe('at test/x.mjs')
    expect(
      removeNoise("url: 'file:///C:/Users/ana/src/calc/x.js'", { workspace: 'C:\\Users\\ana\\src\\calc' })
    ).toBe("url: 'x.js'")
  })

  it('turns temp dirs into <tmp> (the generated directory dropped, numbers in generated names N)', () => {
    expect(removeNoise("open '/tmp/jest-config-k3Jd9a/settings.json'")).toBe("open '<tmp>/settings.json'")
    expect(removeNoise('/var/folders/7x/q2k9v0s9/T/jest-config-Zp81mQ/settings.json')).toBe(
      '<tmp>/settings.json'
    )
    expect(removeNoise('/tmp/pytest-of-runner/pytest-0/popen-gw1/test_save0/out.json')).toBe(
      '<tmp>/pytest-N/popen-gwN/test_saveN/out.json'
    )
    expect(
      removeNoise('/private/var/folders/7x/q2/T/pytest-of-ana/pytest-17/popen-gw0/test_save0/out.json')
    ).toBe('<tmp>/pytest-N/popen-gwN/test_saveN/out.json')
    expect(removeNoise('C:\\Users\\RUNNER~1\\AppData\\Local\\Temp\\jest_dx\\a.json')).toBe('<tmp>/a.json')
    expect(removeNoise('/home/runner/work/_temp/8d2c1e/out.txt')).toBe('<tmp>/out.txt')
    expect(removeNoise('wrote tmp-12345-AbCdEf.json and tmpk3j4_x9a, kept template and temp_dir')).toBe(
      'wrote tmp-N.json and tmpN, kept template and temp_dir'
    )
  })

  it('reduces other absolute paths to <abs>/ and the base name, or the installed package path', () => {
    expect(removeNoise('at /Users/ana/.nvm/versions/node/v24.1.0/lib/util.js:10:3')).toBe('at <abs>/util.js')
    expect(removeNoise('(/opt/hostedtoolcache/node/24.11.1/x64/lib/node_modules/npm/lib/cli.js:9:1)')).toBe(
      '(<abs>/node_modules/npm/lib/cli.js)'
    )
    expect(removeNoise('at ../../../work/wt/node_modules/@babel/parser/lib/index.js:1:2')).toBe(
      'at <abs>/node_modules/@babel/parser/lib/index.js'
    )
    expect(removeNoise('/usr/lib/python3.11/site-packages/_pytest/python.py:159')).toBe(
      '<abs>/site-packages/_pytest/python.py'
    )
    expect(removeNoise('C:\\Program\\tools\\x.exe failed')).toBe('<abs>/x.exe failed')
    // Routes and URLs are not file paths.
    expect(removeNoise('GET /api/users/7 returned 500, see https://example.com/docs/errors')).toBe(
      'GET /api/users/7 returned 500, see https://example.com/docs/errors'
    )
  })

  it('removes :line:col, (line,col) and `line N` but keeps the file', () => {
    expect(removeNoise('at Object.toBe (src/sum.test.js:7:24)')).toBe('at Object.toBe (src/sum.test.js)')
    expect(removeNoise('math_test.go:12: Divide(1, 0) = 0')).toBe('math_test.go: Divide(1, 0) = 0')
    expect(removeNoise('Error at src/a.ts:12. Fix it')).toBe('Error at src/a.ts. Fix it')
    expect(removeNoise('src/a.ts(2,39): error TS2304')).toBe('src/a.ts: error TS2304')
    expect(removeNoise('File "x.py", line 12, in f')).toBe('File "x.py", line N, in f')
    expect(removeNoise('Unexpected token (3:0) at line 4 column 2')).toBe(
      'Unexpected token (N:N) at line N column N'
    )
    expect(removeNoise('at <anonymous>:1:5 and [eval]:2')).toBe('at <anonymous> and [eval]')
    expect(removeNoise('  14:3  error  x is not defined  no-undef')).toBe('error x is not defined no-undef')
    expect(removeNoise('::error file=src/a.ts,line=3,col=5::boom')).toBe(
      '::error file=src/a.ts,line=N,col=N::boom'
    )
  })

  it('replaces hex ids: commit SHAs, addresses, UUIDs, but not numbers or words', () => {
    expect(removeNoise('at commit 3f2a9c1d7e0b4a6f8c2d1e0f9a8b7c6d5e4f3a2b')).toBe('at commit <hex>')
    expect(removeNoise('HEAD is now at 3f2a9c1 fix')).toBe('HEAD is now at <hex> fix')
    expect(removeNoise('<TestStrings object at 0x7fd18dbe4b50>')).toBe('<TestStrings object at 0x<hex>>')
    expect(removeNoise('request 123e4567-e89b-12d3-a456-426614174000 failed')).toBe('request <uuid> failed')
    expect(removeNoise('container 9f8e7d6c5b4a failed, image sha256:ABCDEF0123456789')).toBe(
      'container <hex> failed, image sha256:<hex>'
    )
    expect(removeNoise('expected 1234567 to be 7654321, got facade and defaced')).toBe(
      'expected 1234567 to be 7654321, got facade and defaced'
    )
  })

  it('replaces random ports, process ids and seeds', () => {
    expect(removeNoise('connect ECONNREFUSED 127.0.0.1:54321')).toBe('connect ECONNREFUSED 127.0.0.1:<port>')
    expect(removeNoise('GET http://localhost:3000/health')).toBe('GET http://localhost:<port>/health')
    expect(removeNoise('listen EADDRINUSE: address already in use :::3000')).toBe(
      'listen EADDRINUSE: address already in use :::<port>'
    )
    expect(removeNoise('bind [::1]:8080 and 10.1.0.4:5432, port 61012')).toBe(
      'bind [::1]:<port> and 10.1.0.4:<port>, port <port>'
    )
    expect(removeNoise('(node:71302) ExperimentalWarning: VM Modules')).toBe(
      '(node:<pid>) ExperimentalWarning: VM Modules'
    )
    expect(removeNoise('worker pid 2841 exited; pid=17')).toBe('worker pid <pid> exited; pid=<pid>')
    expect(removeNoise('[12345:0x55d1c3a04b20] 120 ms: Mark-Compact')).toBe(
      '[<pid>:0x<hex>] <dur>: Mark-Compact'
    )
    expect(removeNoise('Using --randomly-seed=2214031; Randomized with seed 948113')).toBe(
      'Using --randomly-seed=<seed>; Randomized with seed <seed>'
    )
  })

  it('keeps what tells failures apart: values, names, rule ids, versions', () => {
    expect(removeNoise('expected 3, received 4')).not.toBe(removeNoise('expected 3, received 5'))
    expect(removeNoise('tests/test_math.py::test_param[2] - assert 2 == 1')).toBe(
      'tests/test_math.py::test_param[2] - assert 2 == 1'
    )
    expect(removeNoise("Cannot find name 'missing'. TS2304")).toBe("Cannot find name 'missing'. TS2304")
    expect(removeNoise('Node.js v24.11.1, vitest v4.1.12')).toBe('Node.js v24.11.1, vitest v4.1.12')
    expect(removeNoise('Found 3 errors in 2 files.')).toBe('Found 3 errors in 2 files.')
  })
})

describe('normalizeFilePath', () => {
  it('makes a result file repository-relative with / separators', () => {
    expect(normalizeFilePath(`${CI}/src/a.ts`, { workspace: CI })).toBe('src/a.ts')
    expect(
      normalizeFilePath('file:///Users/ana/my%20calc/src/a.ts', { workspace: '/Users/ana/my calc' })
    ).toBe('src/a.ts')
    expect(normalizeFilePath('src\\io\\read.ts')).toBe('src/io/read.ts')
    expect(normalizeFilePath('./src/a.ts')).toBe('src/a.ts')
    expect(normalizeFilePath('/home/runner/work/calc/calc/src/a.ts')).toBe('src/a.ts')
    expect(normalizeFilePath('/Users/ana/elsewhere/a.ts', { workspace: CI })).toBe('<abs>/a.ts')
  })
})

describe('linear time on 1 MB pathological lines', () => {
  // Each check returns a short value, so that a failure does not print a megabyte.
  const MB = 1024 * 1024
  const cases: Array<[string, string, (out: string) => unknown, unknown]> = [
    ['spaces', `${' '.repeat(MB)}x`, out => out, 'x'],
    ['digits', '1'.repeat(MB), out => out === '1'.repeat(MB), true],
    ['dotted digits', '1.'.repeat(MB / 2), out => out.length, MB],
    ['positions', `a.js${':1'.repeat(MB / 2)}x`, out => out.slice(0, 6), 'a.js:1'],
    ['one long path', `/tmp/gen/${'a/'.repeat(MB / 2)}`, out => out === '<tmp>/' + 'a/'.repeat(MB / 2), true],
    ['slashes', ' /'.repeat(MB / 2), out => out.length, MB - 1],
    ['climbing', `${'../'.repeat(MB / 3)}x`, out => out.slice(-4), '../x'],
    ['windows', `C:\\x\\${'a\\'.repeat(MB / 2)}`, out => out, '<abs>/a/'],
    ['carriage returns', `${'\r'.repeat(MB)}x`, out => out, 'x'],
    ['port then spaces', `port${' '.repeat(MB)}1`, out => out, 'port 1'],
    ['month then spaces', `Nov${' '.repeat(MB)}22`, out => out, 'Nov 22'],
    ['hex run', `${'f'.repeat(MB)}g`, out => out.length, MB + 1],
    ['address', `0x${'f'.repeat(MB)}g`, out => out.length, MB + 3],
    ['temp name', `tmp-${'a'.repeat(MB)}`, out => out.length, MB + 4],
    ['durations', '1m'.repeat(MB / 2), out => out.length, MB],
    ['times', '12:34:'.repeat(MB / 6), out => out.includes('<time>'), true],
    ['dates', '2026-11-22T'.repeat(MB / 11), out => out.includes('<date>'), true],
    ['line words', `line${' '.repeat(MB)}`, out => out, 'line'],
    ['ip dots', '1.1.1.1.'.repeat(MB / 8), out => out.length, MB],
    ['workspace repeated', CI.repeat(MB / CI.length), out => out.length > 0, true]
  ]
  it.each(cases)('%s', (_name, input, summary, expected) => {
    expect(summary(removeNoise(input, { workspace: CI }))).toBe(expected)
  })
})

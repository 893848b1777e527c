/**
 * `fix: auto`: the fixers derived from a check's command line, for every tool of docs/fixers.md and the spellings
 * people use (runners, chains, scripts, quoting), and no fixer where self-heal does not know one.
 */
import { describe, expect, it } from '@jest/globals'
import {
  deriveFixers,
  snapshotTestFiles,
  type FailureHints,
  type ProjectFiles
} from '../../src/heal/auto-fix.js'
import { parseCommandLine, quoteWord, ShellSyntaxError } from '../../src/heal/shell-words.js'

const noFiles: ProjectFiles = { readFile: () => undefined }

function project(files: Record<string, unknown>): ProjectFiles {
  return {
    readFile: path =>
      path in files
        ? typeof files[path] === 'string'
          ? files[path]
          : JSON.stringify(files[path])
        : undefined
  }
}

const commands = (check: string | string[], files = noFiles, failure?: FailureHints): string[] =>
  deriveFixers(check, files, failure).fixers.map(fixer => fixer.command)

describe('fixers of the tools', () => {
  it.each([
    // Prettier
    ['prettier --check .', 'prettier --write .'],
    ['prettier -c src', 'prettier --write src'],
    ['prettier --list-different "src/**/*.ts"', 'prettier --write "src/**/*.ts"'],
    ['prettier -l .', 'prettier --write .'],
    ['prettier --check --write .', 'prettier --write .'],
    ['prettier --check . --log-level warn', 'prettier --write . --log-level warn'],
    // ESLint
    ['eslint .', 'eslint --fix .'],
    ['eslint --max-warnings 0 src', 'eslint --fix --max-warnings 0 src'],
    ['eslint -f json -o report.json .', 'eslint --fix -f json .'],
    ['eslint --output-file=report.json .', 'eslint --fix .'],
    ['eslint --fix-dry-run .', 'eslint --fix .'],
    // Biome
    ['biome check .', 'biome check --write .'],
    ['biome lint src', 'biome lint --write src'],
    ['biome format .', 'biome format --write .'],
    ['biome ci .', 'biome check --write .'],
    // Stylelint, markdownlint
    ['stylelint "**/*.css"', 'stylelint --fix "**/*.css"'],
    ['stylelint -o out.txt a.css', 'stylelint --fix a.css'],
    ['markdownlint "**/*.md"', 'markdownlint --fix "**/*.md"'],
    ['markdownlint-cli2 "**/*.md" "#node_modules"', 'markdownlint-cli2 --fix "**/*.md" "#node_modules"'],
    // Python
    ['ruff check .', 'ruff check --fix .'],
    ['ruff check --no-fix --diff src', 'ruff check --fix src'],
    ['ruff format --check .', 'ruff format .'],
    ['ruff format --diff .', 'ruff format .'],
    ['black --check .', 'black .'],
    ['black --check --diff src tests', 'black src tests'],
    ['isort --check .', 'isort .'],
    ['isort --check-only --diff .', 'isort .'],
    ['isort -c src', 'isort src'],
    // Go
    ['gofmt -l .', 'gofmt -w .'],
    ['gofmt -s -d ./pkg', 'gofmt -s -w ./pkg'],
    ['goimports -l .', 'goimports -w .'],
    // Rust
    ['cargo fmt --check', 'cargo fmt'],
    ['cargo fmt -- --check', 'cargo fmt'],
    ['cargo fmt --all -- --check', 'cargo fmt --all'],
    [
      'cargo +nightly fmt --all -- --check --config imports_granularity=Crate',
      'cargo +nightly fmt --all -- --config imports_granularity=Crate'
    ],
    ['cargo clippy', 'cargo clippy --fix --allow-dirty'],
    [
      'cargo clippy --all-targets -- -D warnings',
      'cargo clippy --fix --allow-dirty --all-targets -- -D warnings'
    ]
  ])('%s → %s', (check, fixer) => {
    const derived = deriveFixers(check, noFiles)
    expect(derived).toEqual({ fixers: [{ command: fixer, because: expect.any(String) }] })
    expect(derived.fixers[0].because).not.toContain('\n')
  })

  it('says why in one line naming the tool and the flag', () => {
    expect(deriveFixers('prettier --check .', noFiles).fixers[0].because).toMatch(/--write/)
    expect(deriveFixers('eslint .', noFiles).fixers[0].because).toMatch(/ESLint.*--fix/)
    expect(deriveFixers('cargo clippy', noFiles).fixers[0].because).toMatch(/--allow-dirty/)
  })

  it.each([
    ['prettier src', /without `--check`/],
    ['prettier --check --stdin-filepath a.ts', /standard input/],
    ['eslint --fix .', /already runs with `--fix`/],
    ['biome check --write .', /already writes/],
    ['biome migrate', /`biome migrate` has no fixer/],
    ['ruff check --fix', /already/],
    ['ruff format .', /is not a check/],
    ['ruff .', /without `check` or `format`/],
    ['black .', /is not a check/],
    ['gofmt -w .', /is not a check/],
    ['cargo fmt', /is not a check/],
    ['cargo test', /`cargo test` has no fixer/],
    ['cargo clippy --fix', /already/],
    ['markdownlint -f .', /already/],
    ['tsc --noEmit', /`tsc` has no fixer self-heal knows/],
    ['go vet ./...', /`go` has no fixer/],
    ['./scripts/eslint .', /`.\/scripts\/eslint` has no fixer/]
  ])('%s: no fixer (%s)', (check, why) => {
    const derived = deriveFixers(check, noFiles)
    expect(derived.fixers).toEqual([])
    expect(derived.none).toMatch(why)
  })
})

describe('through runners', () => {
  it.each([
    ['npx prettier --check .', 'npx prettier --write .'],
    ['npx --yes prettier@3.3.3 --check .', 'npx --yes prettier@3.3.3 --write .'],
    ['npx -p eslint@9 eslint .', 'npx -p eslint@9 eslint --fix .'],
    ['npx --package=@biomejs/biome biome ci', 'npx --package=@biomejs/biome biome check --write'],
    ['npx @biomejs/biome check .', 'npx @biomejs/biome check --write .'],
    ['npx markdownlint-cli "*.md"', 'npx markdownlint-cli --fix "*.md"'],
    ['npm exec -- eslint .', 'npm exec -- eslint --fix .'],
    ['npm exec eslint .', 'npm exec -- eslint --fix .'],
    ['npm x --yes -- prettier -c .', 'npm x --yes -- prettier --write .'],
    ['npm --prefix web exec -- eslint .', 'npm --prefix web exec -- eslint --fix .'],
    ['pnpm exec eslint .', 'pnpm exec eslint --fix .'],
    ['pnpm dlx prettier --check .', 'pnpm dlx prettier --write .'],
    ['pnpx prettier --check .', 'pnpx prettier --write .'],
    ['pnpm eslint .', 'pnpm eslint --fix .'],
    ['pnpm -C web exec eslint .', 'pnpm -C web exec eslint --fix .'],
    ['yarn eslint .', 'yarn eslint --fix .'],
    ['yarn run prettier --check .', 'yarn run prettier --write .'],
    ['yarn exec eslint .', 'yarn exec eslint --fix .'],
    ['yarn dlx -p @biomejs/biome biome check', 'yarn dlx -p @biomejs/biome biome check --write'],
    ['bunx prettier --check .', 'bunx prettier --write .'],
    ['bun x eslint .', 'bun x eslint --fix .'],
    ['bun run eslint .', 'bun run eslint --fix .'],
    ['./node_modules/.bin/eslint .', './node_modules/.bin/eslint --fix .'],
    ['node_modules/.bin/prettier --check .', 'node_modules/.bin/prettier --write .'],
    ['python -m black --check .', 'python -m black .'],
    ['python3 -m isort --check-only .', 'python3 -m isort .'],
    ['.venv/bin/ruff check .', '.venv/bin/ruff check --fix .'],
    ['uv run ruff check', 'uv run ruff check --fix'],
    ['uv run --with black -- black --check .', 'uv run --with black -- black .'],
    ['uvx ruff@0.6.0 format --check', 'uvx ruff@0.6.0 format'],
    ['poetry run black --check .', 'poetry run black .'],
    ['pipenv run isort --check .', 'pipenv run isort .']
  ])('%s → %s', (check, fixer) => {
    expect(commands(check)).toEqual([fixer])
  })

  it.each([
    ['npx -c "eslint ."', /`-c`/],
    ['npm -w app exec eslint .', /`-w`/],
    ['pnpm -r exec eslint .', /`-r`/],
    ['pnpm --filter app lint', /`--filter`/],
    ['yarn workspace app lint', /workspace/],
    ['uv run --script check.py', /`--script`/],
    ['npm ci', /`npm ci` has no fixer/],
    ['npx tsc', /`tsc` has no fixer/]
  ])('%s: not followed (%s)', (check, why) => {
    const derived = deriveFixers(check, noFiles)
    expect(derived.fixers).toEqual([])
    expect(derived.none).toMatch(why)
  })
})

describe('chains, pipelines and the shell', () => {
  it('considers each command of a chain, in order', () => {
    expect(commands('npx prettier --check . && npx eslint .')).toEqual([
      'npx prettier --write .',
      'npx eslint --fix .'
    ])
    expect(commands('tsc --noEmit; eslint . || true')).toEqual(['eslint --fix .'])
    expect(commands('prettier --check .\nruff check .')).toEqual(['prettier --write .', 'ruff check --fix .'])
  })

  it('considers the commands of a pipeline on their own, and drops redirections', () => {
    expect(commands('eslint . 2>&1 | tee lint.log')).toEqual(['eslint --fix .'])
    expect(commands('gofmt -l . | tee /dev/stderr | (! read)')).toEqual([])
    expect(commands('eslint -f json . > eslint.json')).toEqual(['eslint --fix -f json .'])
  })

  it('runs each fixer after the cd and export before its command', () => {
    expect(commands('cd packages/app && npx eslint .')).toEqual(['cd packages/app && npx eslint --fix .'])
    expect(commands('export NODE_OPTIONS=--max-old-space-size=4096; cd web && prettier --check .')).toEqual([
      'export NODE_OPTIONS=--max-old-space-size=4096 && cd web && prettier --write .'
    ])
    // A cd in a pipeline runs in a subshell.
    expect(commands('cd web | cat; eslint .')).toEqual(['eslint --fix .'])
  })

  it('keeps leading assignments with their command', () => {
    expect(commands('CI=true TIMING=1 npx eslint .')).toEqual(['CI=true TIMING=1 npx eslint --fix .'])
  })

  it('keeps every word it does not change as written, and quotes the words it adds', () => {
    expect(commands(`npx prettier --check 'my file.ts' "$FILES" src/**/*.ts ~/x \\$y`)).toEqual([
      `npx prettier --write 'my file.ts' "$FILES" src/**/*.ts ~/x \\$y`
    ])
    expect(commands(['npx', 'eslint', 'it has spaces.js', "it's.js"])).toEqual([
      `npx eslint --fix 'it has spaces.js' 'it'\\''s.js'`
    ])
  })

  it('never takes a word the shell expands for a flag or a program', () => {
    expect(deriveFixers('$LINTER .', noFiles).none).toMatch(/names no program self-heal can read/)
    expect(commands('prettier "$MODE" .')).toEqual([])
    expect(commands('npx $(echo eslint) .')).toEqual([])
  })

  it('gives no fixer for shell syntax it does not follow, and says so', () => {
    expect(deriveFixers('if true; then eslint .; fi', noFiles).none).toMatch(/shell syntax/)
    expect(deriveFixers('(cd web && eslint .)', noFiles).none).toMatch(/subshell/)
    expect(deriveFixers('eslint . <<EOF\nx\nEOF', noFiles).none).toMatch(/here-document/)
    expect(deriveFixers('eslint "src', noFiles).none).toMatch(/double quote is not closed/)
    expect(deriveFixers('cd "$DIR" && eslint .', noFiles).none).toMatch(/directory self-heal cannot tell/)
    expect(deriveFixers('cd .. && eslint .', noFiles).none).toMatch(/directory/)
    expect(deriveFixers('pushd web && eslint .', noFiles).none).toMatch(/directory/)
  })

  it('says how to give a fixer when there is none', () => {
    const derived = deriveFixers('make check', noFiles)
    expect(derived).toEqual({ fixers: [], none: expect.stringContaining('`make check`') })
    expect(derived.none).toMatch(/`fix:` input/)
    expect(derived.none).toMatch(/`--fix`/)
    expect(deriveFixers('   ', noFiles).none).toMatch(/the check is empty/)
  })

  it('takes no name of Object.prototype for a tool, a package or an npm command', () => {
    for (const check of [
      'constructor .',
      'toString --check',
      'npx __proto__',
      'npm constructor',
      'pnpm toString'
    ])
      expect(deriveFixers(check, noFiles)).toEqual({ fixers: [], none: expect.stringMatching(/no fixer/) })
  })

  it('gives each fixer once', () => {
    expect(commands('eslint . && eslint .')).toEqual(['eslint --fix .'])
  })
})

describe('package scripts', () => {
  const files = project({
    'package.json': {
      scripts: {
        lint: 'eslint .',
        'lint:fix': 'eslint --fix .',
        'format:check': 'prettier --check "src/**/*.ts"',
        check: 'npm run format:check && npm run types',
        types: 'tsc --noEmit',
        css: 'stylelint "**/*.css"',
        test: 'jest --ci',
        deep: 'npm run deeper',
        deeper: 'npm run check',
        prettier: 'prettier --check .'
      }
    },
    'web/package.json': { scripts: { lint: 'eslint src', fix: 'eslint --fix src && prettier --write src' } },
    'bad/package.json': '{ not json'
  })

  it.each([
    ['npm run lint', 'npm run lint:fix', /`lint:fix` script beside `lint`/],
    ['npm run-script lint', 'npm run lint:fix', /lint:fix/],
    ['npm run lint --silent', 'npm run lint:fix', /lint:fix/],
    ['npm -s run lint', 'npm -s run lint:fix', /lint:fix/],
    ['pnpm lint', 'pnpm run lint:fix', /lint:fix/],
    ['pnpm run lint', 'pnpm run lint:fix', /lint:fix/],
    ['yarn lint', 'yarn run lint:fix', /lint:fix/],
    ['yarn run lint', 'yarn run lint:fix', /lint:fix/],
    ['bun run lint', 'bun run lint:fix', /lint:fix/],
    ['npm --prefix web run lint', 'npm --prefix web run fix', /web\/package.json has a `fix` script$/],
    ['cd web && npm run lint', 'cd web && npm run fix', /fix/],
    ['pnpm -C web lint', 'pnpm -C web run fix', /fix/]
  ])('%s → %s', (check, fixer, why) => {
    const derived = deriveFixers(check, files)
    expect(derived.fixers).toEqual([{ command: fixer, because: expect.stringMatching(why) }])
  })

  it("derives from the script's own command line, running node tools through the package manager", () => {
    expect(deriveFixers('npm run format:check', files).fixers).toEqual([
      {
        command: 'npm exec --no -- prettier --write "src/**/*.ts"',
        because: expect.stringMatching(/--write.*\(the `format:check` script runs it\)/)
      }
    ])
    expect(commands('pnpm css', files)).toEqual(['pnpm exec stylelint --fix "**/*.css"'])
    expect(commands('bun run css', files)).toEqual(['bun x stylelint --fix "**/*.css"'])
    expect(commands('yarn css', files)).toEqual(['yarn run stylelint --fix "**/*.css"'])
    // `yarn run prettier` would run the script named prettier.
    expect(deriveFixers('yarn run prettier', files).none).toMatch(/would run the `prettier` script/)
  })

  it('follows a script that runs scripts, one level deep', () => {
    expect(commands('npm run check', files)).toEqual(['npm exec --no -- prettier --write "src/**/*.ts"'])
    expect(deriveFixers('npm run deep', files).none).toMatch(/more than 2 scripts deep/)
  })

  it('passes the arguments after the script name on to the script', () => {
    expect(commands('npm run css -- --max-warnings 0', files)).toEqual([
      'npm exec --no -- stylelint --fix "**/*.css" --max-warnings 0'
    ])
    expect(commands('yarn css --quiet', files)).toEqual(['yarn run stylelint --fix "**/*.css" --quiet'])
  })

  it('runs a script of another directory there', () => {
    const nested = project({ 'app/package.json': { scripts: { fmt: 'prettier -c .' } } })
    expect(commands('npm --prefix app run fmt', nested)).toEqual([
      'cd app && npm exec --no -- prettier --write .'
    ])
    expect(commands('cd app && npm run fmt', nested)).toEqual([
      'cd app && npm exec --no -- prettier --write .'
    ])
  })

  it('runs a binary when pnpm, yarn and bun find no script of that name', () => {
    expect(commands('pnpm eslint .', files)).toEqual(['pnpm eslint --fix .'])
    expect(commands('yarn prettier --check .', noFiles)).toEqual(['yarn prettier --write .'])
  })

  it('reads package.json only inside the repository, from a directory it can read', () => {
    const read: string[] = []
    const spy: ProjectFiles = { readFile: path => (read.push(path), files.readFile(path)) }
    for (const check of [
      'npm --prefix ../elsewhere run lint',
      'npm --prefix /etc run lint',
      'pnpm -C ~/x lint',
      'npm --prefix "$APP" run lint',
      'yarn --cwd "$(pwd)/app" lint'
    ])
      expect(deriveFixers(check, spy).none).toMatch(/outside the repository|cannot read/)
    expect(read).toEqual([])
    expect(commands('cd web && npm --prefix .. run lint', spy)).toEqual([
      'cd web && npm --prefix .. run lint:fix'
    ])
    expect(read).toEqual(['package.json'])
  })

  it('says what is missing', () => {
    expect(deriveFixers('npm run types', files).none).toMatch(
      /no `types:fix` or `fix` script, and in the `types` script `tsc` has no fixer/
    )
    expect(deriveFixers('npm run nope', files).none).toMatch(/package.json has no `nope` script/)
    expect(deriveFixers('npm test', noFiles).none).toMatch(/there is no package.json/)
    expect(deriveFixers('npm --prefix bad run lint', files).none).toMatch(
      /bad\/package.json is not valid JSON/
    )
    expect(deriveFixers('pnpm typo', files).none).toMatch(/no `typo` script, and `typo` has no fixer/)
  })
})

describe('snapshots', () => {
  const failure: FailureHints = { snapshotFiles: ['src/a.test.js', 'src/[id].test.tsx'] }

  it('updates the snapshots of the failing test files only, with the runner’s flag', () => {
    expect(commands('npx jest --ci', noFiles, failure)).toEqual([
      "npx jest --ci -u 'src/a\\.test\\.js' 'src/\\[id\\]\\.test\\.tsx'"
    ])
    expect(commands('npx vitest run', noFiles, failure)).toEqual([
      "npx vitest run -u src/a.test.js 'src/[id].test.tsx'"
    ])
    // Vitest without `run` would watch in a terminal.
    expect(commands('vitest --reporter=dot', noFiles, { snapshotFiles: ['a.test.ts'] })).toEqual([
      'vitest run --reporter=dot -u a.test.ts'
    ])
    expect(commands('jest --json --outputFile=r.json', noFiles, { snapshotFiles: ['a.test.ts'] })).toEqual([
      "jest --json -u 'a\\.test\\.ts'"
    ])
  })

  it('through the test script', () => {
    const files = project({ 'package.json': { scripts: { test: 'jest --ci' } } })
    for (const check of ['npm test', 'npm t', 'npm run test', 'yarn test', 'pnpm test'])
      expect(commands(check, files, { snapshotFiles: ['a.test.js'] })).toHaveLength(1)
    expect(deriveFixers('npm test', files, { snapshotFiles: ['a.test.js'] }).fixers[0]).toEqual({
      command: "npm exec --no -- jest --ci -u 'a\\.test\\.js'",
      because: 'Jest rewrites the mismatched snapshots of a.test.js with `-u` (the `test` script runs it)'
    })
  })

  it('names the files relative to the directory the runner starts in', () => {
    expect(
      commands('cd packages/ui && npx jest', noFiles, {
        snapshotFiles: ['packages/ui/src/b.test.ts', 'packages/api/c.test.ts']
      })
    ).toEqual(["cd packages/ui && npx jest -u 'src/b\\.test\\.ts'"])
  })

  it('names no file that is not a safe repository path', () => {
    const hostile = [
      '../x.test.js',
      '/etc/passwd',
      '-u.test.js',
      'a\nb.test.js',
      '.git/x',
      'src/../../x.test.js'
    ]
    expect(commands('npx jest', noFiles, { snapshotFiles: [...hostile, 'ok.test.js'] })).toEqual([
      "npx jest -u 'ok\\.test\\.js'"
    ])
    // A name the shell would expand is passed quoted, as a literal.
    expect(commands('npx vitest', noFiles, { snapshotFiles: ["$(rm -rf ~)'.test.js"] })).toEqual([
      `npx vitest run -u '$(rm -rf ~)'\\''.test.js'`
    ])
  })

  it('has no fixer without mismatched snapshots', () => {
    expect(deriveFixers('npx jest', noFiles).none).toMatch(/only for mismatched snapshots/)
    expect(deriveFixers('npx vitest run', noFiles, { snapshotFiles: [] }).none).toMatch(
      /mismatched snapshots/
    )
    expect(deriveFixers('jest -u', noFiles, failure).none).toMatch(/already runs with `-u`/)
    expect(deriveFixers('vitest bench', noFiles, failure).none).toMatch(/`vitest bench` has no fixer/)
  })

  it('snapshotTestFiles finds the files of snapshot mismatches (Jest and Vitest)', () => {
    expect(
      snapshotTestFiles([
        {
          name: 'a › renders',
          file: 'src/a.test.js',
          message: 'expect(received).toMatchSnapshot()\n\nSnapshot name: `a renders 1`'
        },
        {
          name: 'b',
          file: 'src/b.test.ts',
          message: 'Error: Snapshot `b 1` mismatched\n\n- Expected\n+ Received'
        },
        { name: 'c', file: 'src/c.test.ts', message: 'expect(received).toMatchInlineSnapshot(snapshot)' },
        { name: 'a › again', file: 'src/a.test.js', message: 'expect(fn).toThrowErrorMatchingSnapshot()' },
        { name: 'd', file: 'src/d.test.ts', message: 'expect(received).toBe(expected)' },
        { name: 'e', message: 'expect(received).toMatchSnapshot()' }
      ])
    ).toEqual(['src/a.test.js', 'src/b.test.ts', 'src/c.test.ts'])
  })
})

describe('the shell-word reader', () => {
  const words = (line: string) =>
    parseCommandLine(line).map(command => command.words.map(word => word.value ?? null))

  it('reads quotes and escapes as the shell does', () => {
    expect(words(`a 'b c' "d \\"e\\" \\$f \\x" g\\ h 'i'"j"k ""`)).toEqual([
      ['a', 'b c', 'd "e" $f \\x', 'g h', 'ijk', '']
    ])
    expect(words('a \\\n  b # a comment\nc')).toEqual([['a', 'b'], ['c']])
  })

  it('has no value for what the shell expands', () => {
    expect(words('a $B "${C}" $(d e) `f` "x$1" * ? [ab] {a,b} ~/x $\'\\n\' 50$')).toEqual([
      ['a', null, null, null, null, null, null, null, null, null, null, null, '50$']
    ])
  })

  it('splits at operators and keeps redirections apart', () => {
    const commands = parseCommandLine('a 2>&1 >out.txt && b|c; d & e || f &> all.log')
    expect(
      commands.map(command => [command.raw, command.separator, command.piped, command.redirects])
    ).toEqual([
      ['a 2>&1 >out.txt', '&&', false, ['2>&1', '>out.txt']],
      ['b', '|', true, []],
      ['c', ';', true, []],
      ['d', '&', false, []],
      ['e', '||', false, []],
      ['f &> all.log', '', false, ['&> all.log']]
    ])
  })

  it('refuses what it does not follow', () => {
    for (const line of [
      '(a)',
      'a <<EOF',
      'diff <(a) b',
      "a 'b",
      'a "b',
      'a `b',
      'a $(b',
      'a \\',
      'a >',
      '&& a',
      'case x in a) ;; esac'
    ])
      expect(() => parseCommandLine(line)).toThrow(ShellSyntaxError)
  })

  it('quotes a value so the shell reads it back unchanged', () => {
    for (const value of ['plain', 'a b', "it's", '$HOME', '`x`', '', '-', '*', 'a\nb', '\\', '"q"', '~']) {
      const parsed = parseCommandLine(`x ${quoteWord(value)}`)
      expect(parsed[0].words[1].value).toBe(value)
    }
    expect(quoteWord('src/a.test.js')).toBe('src/a.test.js')
    expect(quoteWord('--max-warnings=0')).toBe('--max-warnings=0')
  })
})

/** The fix policy, against diffs the git CLI makes in a temp repository. */
import { chmod, mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { parseGitDiff } from '../../src/diff/parse.js'
import { ConfigurationError } from '../../src/errors.js'
import {
  DEFAULT_POLICY,
  checkPolicy,
  describeVerdict,
  parsePolicy,
  type FixPolicy,
  type PolicyVerdict
} from '../../src/heal/policy.js'
import { git, gitRaw, makeTempRepo, type TempDir } from '../helpers/git.js'

const A_TS = [
  'export function a(x: number): number {',
  '  const y = x + 1',
  '  if (y > 2) {',
  '    // eslint-disable-next-line no-console',
  '    console.log(y)',
  '  }',
  '  return y',
  '}',
  ''
].join('\n')

const CI_YML = [
  'name: ci',
  'on: push',
  'jobs:',
  '  test:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: npm test',
  ''
].join('\n')

// A PNG signature and a NUL: git treats it as binary.
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 1, 2, 3])

let repo: TempDir

beforeAll(async () => {
  repo = await makeTempRepo({
    'README.md': '# project\n',
    'src/a.ts': A_TS,
    'src/b.ts': 'export const b = 2\n',
    'src/c.ts': 'export const c = 3\n',
    'secrets/key.txt': 'not a real key\n',
    'secrets-public/readme.txt': 'public\n',
    '.github/workflows/ci.yml': CI_YML,
    '.github/actions/setup/action.yml': 'name: setup\nruns:\n  using: composite\n  steps: []\n',
    '.github/ISSUE_TEMPLATE/bug.md': 'Describe the bug\n',
    'package-lock.json': '{\n  "lockfileVersion": 3\n}\n',
    'tsconfig.json': '{\n  "compilerOptions": { "strict": true }\n}\n',
    '.gitattributes': '* text=auto\n',
    'scripts/run.sh': '#!/bin/sh\nnpm test\n',
    'img/logo.png': PNG
  })
})

afterAll(async () => {
  await repo.cleanup()
})

/** Writes a file of the work tree. */
async function write(path: string, content: string | Buffer): Promise<void> {
  const full = join(repo.path, path)
  await mkdir(dirname(full), { recursive: true })
  await writeFile(full, content)
}

/** Makes changes in the work tree, stages them all, and returns `git diff --cached`; the repository is reset. */
async function diffOf(edit: () => Promise<unknown>, options = ['--binary', '-M']): Promise<Buffer> {
  try {
    await edit()
    await git(repo.path, 'add', '-A')
    return await gitRaw(repo.path, 'diff', '--cached', ...options)
  } finally {
    await git(repo.path, 'reset', '-q', '--hard')
    await git(repo.path, 'clean', '-ffdqx')
  }
}

const rules = (verdict: PolicyVerdict): string[] => verdict.violations.map(v => `${v.rule} ${v.file ?? ''}`)

const editA = (from: string, to: string) => () => write('src/a.ts', A_TS.replace(from, to))

describe('checkPolicy: outcomes and stats', () => {
  it('passes an ordinary fix and counts its files and lines', async () => {
    const diff = await diffOf(async () => {
      await write('src/a.ts', A_TS.replace('x + 1', 'x + 2'))
      await write('src/new.ts', 'export const n = 1\nexport const m = 2\n')
    })
    const verdict = checkPolicy(diff)
    expect(verdict).toEqual({
      ok: true,
      outcome: 'pass',
      violations: [],
      stats: { files: 2, added: 3, removed: 1 }
    })
    expect(describeVerdict(verdict)).toBe('The fix passes the policy (2 files, +3 −1).')
  })

  it('takes the diff as text or as parsed patches alike', async () => {
    const diff = await diffOf(editA('return y', '// @ts-ignore\n  return y'))
    const fromText = checkPolicy(diff.toString('utf8'))
    expect(fromText.outcome).toBe('refused')
    expect(checkPolicy(parseGitDiff(diff))).toEqual(fromText)
  })

  it('calls an empty diff its own outcome: not a fix, and nothing to refuse', async () => {
    const diff = await diffOf(async () => undefined)
    expect(diff.length).toBe(0)
    const verdict = checkPolicy(diff)
    expect(verdict).toEqual({
      ok: false,
      outcome: 'empty',
      violations: [],
      stats: { files: 0, added: 0, removed: 0 }
    })
    expect(describeVerdict(verdict)).toMatch(/changes nothing/)
  })

  it('refuses a diff it cannot parse instead of throwing', () => {
    const verdict = checkPolicy('diff --git a/x.ts b/x.ts\n--- a/x.ts\n+++ b/x.ts\n@@ -1,2 +1,2 @@\n-a\n')
    expect(verdict.outcome).toBe('refused')
    expect(verdict.violations).toEqual([
      {
        rule: 'malformed',
        message: expect.stringMatching(/cannot be parsed .* cut short.*git diff --binary/)
      }
    ])
  })

  it('lists every violation in the description', async () => {
    const diff = await diffOf(async () => {
      await write('secrets/key.txt', 'changed\n')
      await write('src/b.ts', '// @ts-nocheck\nexport const b = 2\n')
    })
    const text = describeVerdict(checkPolicy(diff, { deny: ['secrets'] }))
    expect(text.split('\n')).toEqual([
      'The fix was refused by the policy (2 files, +2 −1; 2 problems):',
      expect.stringMatching(/^- The fix changes 'secrets\/key.txt', which the deny glob 'secrets' protects/),
      expect.stringMatching(/^- Line 1 of 'src\/b.ts' adds a suppression \(@ts-nocheck\)/)
    ])
  })
})

describe('checkPolicy: paths', () => {
  it('refuses a denied path and says which glob to remove; a near name passes', async () => {
    const denied = await diffOf(() => write('secrets/key.txt', 'rotated\n'))
    const verdict = checkPolicy(denied, { deny: ['secrets'] })
    expect(verdict.violations).toEqual([
      {
        rule: 'path-denied',
        file: 'secrets/key.txt',
        key: 'deny',
        message: expect.stringMatching(/deny glob 'secrets' protects.*remove the glob from deny/)
      }
    ])
    const near = await diffOf(() => write('secrets-public/readme.txt', 'still public\n'))
    expect(checkPolicy(near, { deny: ['secrets'] }).ok).toBe(true)
    expect(checkPolicy(near, { deny: ['secrets/**'] }).ok).toBe(true)
  })

  it('matches deny globs in any case, allow globs exactly', async () => {
    const diff = await diffOf(() => write('Secrets/other.txt', 'x\n'))
    expect(rules(checkPolicy(diff, { deny: ['secrets/**'] }))).toEqual(['path-denied Secrets/other.txt'])
    expect(rules(checkPolicy(diff, { allow: ['secrets/**'] }))).toEqual([
      'path-not-allowed Secrets/other.txt'
    ])
  })

  it('refuses a path outside the allow globs, and passes one inside', async () => {
    const readme = await diffOf(() => write('README.md', '# project!\n'))
    const verdict = checkPolicy(readme, { allow: ['src/**/*.{ts,tsx}'] })
    expect(verdict.violations).toEqual([
      {
        rule: 'path-not-allowed',
        file: 'README.md',
        key: 'allow',
        message: expect.stringMatching(/no allow glob \(src\/\*\*\/\*\.\{ts,tsx\}\) matches.*add a glob/)
      }
    ])
    const source = await diffOf(editA('x + 1', 'x + 3'))
    expect(checkPolicy(source, { allow: ['src/**/*.{ts,tsx}'] }).ok).toBe(true)
  })

  it('checks both paths of a rename: into a denied path, and out of one', async () => {
    const into = await diffOf(() => git(repo.path, 'mv', 'src/b.ts', 'secrets/b.ts'))
    expect(parseGitDiff(into)[0].kind).toBe('rename')
    const options = { deny: ['secrets/**'], allowDeletions: true }
    expect(rules(checkPolicy(into, options))).toEqual(['path-denied secrets/b.ts'])
    const outOf = await diffOf(() => git(repo.path, 'mv', 'secrets/key.txt', 'src/key.txt'))
    expect(rules(checkPolicy(outOf, options))).toEqual(['path-denied secrets/key.txt'])
    const elsewhere = await diffOf(() => git(repo.path, 'mv', 'src/b.ts', 'src/bee.ts'))
    expect(checkPolicy(elsewhere, options).ok).toBe(true)
  })

  it('checks the source of a copy: copying a denied file out is refused', async () => {
    const copy = await diffOf(async () => {
      await write('src/key.txt', 'not a real key\n')
    }, ['-C', '--find-copies-harder'])
    expect(parseGitDiff(copy)[0]).toMatchObject({ kind: 'copy', oldPath: 'secrets/key.txt' })
    expect(rules(checkPolicy(copy, { deny: ['secrets'] }))).toEqual(['path-denied secrets/key.txt'])
    expect(checkPolicy(copy).ok).toBe(true)
  })

  it('refuses paths that leave the repository or enter .git, without throwing', () => {
    const outside =
      'diff --git a/../outside.txt b/../outside.txt\nnew file mode 100644\n--- /dev/null\n+++ b/../outside.txt\n@@ -0,0 +1 @@\n+x\n'
    const hook =
      'diff --git a/.git/hooks/pre-commit b/.git/hooks/pre-commit\nnew file mode 100644\n--- /dev/null\n+++ b/.git/hooks/pre-commit\n@@ -0,0 +1 @@\n+x\n'
    const absolute = '--- /etc/passwd\n+++ /etc/passwd\n@@ -1 +1 @@\n-root\n+toor\n'
    for (const [diff, file] of [
      [outside, '../outside.txt'],
      [hook, '.git/hooks/pre-commit'],
      [absolute, '/etc/passwd']
    ]) {
      const verdict = checkPolicy(diff)
      expect(verdict.outcome).toBe('refused')
      expect(verdict.violations).toEqual([
        {
          rule: 'path-outside',
          file,
          message: expect.stringMatching(/outside the repository.*inside the repository/)
        }
      ])
    }
  })
})

describe('checkPolicy: protected files', () => {
  const editWorkflow = (text: string) => () =>
    write('.github/workflows/ci.yml', CI_YML.replace('      - run: npm test\n', text))

  it('refuses a workflow edit unless allowWorkflows is set', async () => {
    const diff = await diffOf(editWorkflow('      - run: npm ci\n      - run: npm test\n'))
    const verdict = checkPolicy(diff)
    expect(verdict.violations).toEqual([
      {
        rule: 'workflow',
        file: '.github/workflows/ci.yml',
        key: 'allowWorkflows',
        message: expect.stringMatching(
          /a workflow or composite action: .*`workflows` permission.*allowWorkflows: true/
        )
      }
    ])
    expect(checkPolicy(diff, { allowWorkflows: true }).ok).toBe(true)
  })

  it('counts composite actions and a case-changed workflow directory as workflows; other .github files pass', async () => {
    const action = await diffOf(() =>
      write('.github/actions/setup/action.yml', 'name: setup2\nruns:\n  using: composite\n  steps: []\n')
    )
    expect(rules(checkPolicy(action))).toEqual(['workflow .github/actions/setup/action.yml'])
    const cased = await diffOf(() => write('.GitHub/Workflows/x.yml', 'on: push\n'))
    expect(rules(checkPolicy(cased))).toEqual(['workflow .GitHub/Workflows/x.yml'])
    const template = await diffOf(() => write('.github/ISSUE_TEMPLATE/bug.md', 'Describe the bug, please\n'))
    expect(checkPolicy(template).ok).toBe(true)
  })

  it('refuses moving a workflow away (it would stop running) even with deletions allowed', async () => {
    const diff = await diffOf(() => git(repo.path, 'mv', '.github/workflows/ci.yml', 'ci.yml.disabled'))
    expect(rules(checkPolicy(diff, { allowDeletions: true }))).toEqual(['workflow .github/workflows/ci.yml'])
  })

  it('still refuses suppressions inside an allowed workflow, and passes a plain one', async () => {
    const allowed = { allowWorkflows: true }
    for (const [step, kind] of [
      ['      - run: npm test\n        continue-on-error: true\n', 'continue-on-error'],
      ['      - run: npm test\n        if: false\n', "'if: false'"],
      ['      - run: npm test\n        if: ${{ false }}\n', "'if: false'"],
      ['      - run: npm test || true\n', "'|| true'"]
    ]) {
      const verdict = checkPolicy(await diffOf(editWorkflow(step)), allowed)
      expect(verdict.violations.map(v => [v.rule, v.kind])).toEqual([['suppression', kind]])
    }
    for (const step of [
      '      - run: npm test\n        continue-on-error: false\n',
      "      - run: npm test\n        if: github.event_name == 'push'\n",
      '      - run: npm test -- --ci\n'
    ]) {
      expect(checkPolicy(await diffOf(editWorkflow(step)), allowed).violations).toEqual([])
    }
  })

  it('refuses check configuration, lock files and repository configuration, each behind its own key', async () => {
    const cases: Array<[string, string, string, keyof FixPolicy]> = [
      [
        'tsconfig.json',
        '{\n  "compilerOptions": { "strict": false }\n}\n',
        'check-config',
        'allowCheckConfig'
      ],
      ['web/.eslintrc.json', '{ "rules": { "no-console": "off" } }\n', 'check-config', 'allowCheckConfig'],
      ['package-lock.json', '{\n  "lockfileVersion": 2\n}\n', 'lock-file', 'allowLockFiles'],
      ['.gitattributes', 'dist/** linguist-generated\n', 'repository-config', 'allowRepositoryConfig'],
      ['.github/CODEOWNERS', '* @someone\n', 'repository-config', 'allowRepositoryConfig']
    ]
    for (const [path, content, rule, key] of cases) {
      const diff = await diffOf(() => write(path, content))
      const verdict = checkPolicy(diff)
      expect(verdict.violations).toEqual([
        { rule, file: path, key, message: expect.stringContaining(`set ${key}: true`) }
      ])
      expect(checkPolicy(diff, { [key]: true }).ok).toBe(true)
    }
    // A near name is ordinary code.
    expect(checkPolicy(await diffOf(() => write('src/tsconfig-paths.ts', 'export {}\n'))).ok).toBe(true)
  })
})

describe('checkPolicy: limits', () => {
  it('passes exactly maxFiles files and refuses one more', async () => {
    const diff = await diffOf(async () => {
      await write('src/a.ts', A_TS.replace('x + 1', 'x + 2'))
      await write('src/b.ts', 'export const b = 22\n')
      await write('src/c.ts', 'export const c = 33\n')
    })
    expect(checkPolicy(diff, { maxFiles: 3 }).ok).toBe(true)
    const verdict = checkPolicy(diff, { maxFiles: 2 })
    expect(verdict.violations).toEqual([
      {
        rule: 'too-many-files',
        key: 'maxFiles',
        message: expect.stringMatching(/changes 3 files, more than maxFiles \(2\).*raise maxFiles/)
      }
    ])
  })

  it('passes exactly maxLines changed lines (added plus removed) and refuses one more', async () => {
    const diff = await diffOf(editA('  return y\n', '  const z = y\n  return z\n'))
    expect(checkPolicy(diff).stats).toEqual({ files: 1, added: 2, removed: 1 })
    expect(checkPolicy(diff, { maxLines: 3 }).ok).toBe(true)
    expect(checkPolicy(diff, { maxLines: 2 }).violations).toEqual([
      {
        rule: 'too-many-lines',
        key: 'maxLines',
        message: expect.stringMatching(
          /changes 3 lines \(2 added, 1 removed\), more than maxLines \(2\).*raise maxLines/
        )
      }
    ])
  })

  it('counts a binary file as a file with no lines', async () => {
    const diff = await diffOf(() => write('img/new.png', PNG))
    const verdict = checkPolicy(diff, { allowBinary: true, maxFiles: 1, maxLines: 1 })
    expect(verdict).toMatchObject({ ok: true, stats: { files: 1, added: 0, removed: 0 } })
  })
})

describe('checkPolicy: deletions, binaries, modes, symlinks and submodules', () => {
  it('refuses deleting a file unless allowDeletions is set', async () => {
    const diff = await diffOf(() => rm(join(repo.path, 'src/b.ts')))
    expect(checkPolicy(diff).violations).toEqual([
      {
        rule: 'deletion',
        file: 'src/b.ts',
        key: 'allowDeletions',
        message: expect.stringMatching(/deletes 'src\/b.ts'.*allowDeletions: true/)
      }
    ])
    expect(checkPolicy(diff, { allowDeletions: true }).ok).toBe(true)
  })

  it('counts a rename as removing the old path', async () => {
    const diff = await diffOf(() => git(repo.path, 'mv', 'src/b.ts', 'src/b.disabled.ts'))
    expect(checkPolicy(diff).violations).toEqual([
      {
        rule: 'deletion',
        file: 'src/b.ts',
        key: 'allowDeletions',
        message: expect.stringMatching(/renames 'src\/b.ts' to 'src\/b.disabled.ts'/)
      }
    ])
  })

  it('refuses an added or changed binary unless allowBinary is set; deleting one is only a deletion', async () => {
    const changed = await diffOf(() => write('img/logo.png', Buffer.concat([PNG, Buffer.from([9])])))
    expect(parseGitDiff(changed)[0].binary).toBeDefined()
    expect(rules(checkPolicy(changed))).toEqual(['binary img/logo.png'])
    expect(checkPolicy(changed, { allowBinary: true }).ok).toBe(true)
    const deleted = await diffOf(() => rm(join(repo.path, 'img/logo.png')))
    expect(rules(checkPolicy(deleted))).toEqual(['deletion img/logo.png'])
    // Without --binary git writes "Binary files … differ": still a binary change.
    const noData = await diffOf(() => write('img/logo.png', Buffer.concat([PNG, Buffer.from([7])])), [])
    expect(parseGitDiff(noData)[0].binaryWithoutData).toBe(true)
    expect(rules(checkPolicy(noData))).toEqual(['binary img/logo.png'])
  })

  it('refuses setting the executable bit, or adding an executable file, unless allowModeChanges is set', async () => {
    const chmodded = await diffOf(() => chmod(join(repo.path, 'scripts/run.sh'), 0o755))
    expect(checkPolicy(chmodded).violations).toEqual([
      {
        rule: 'mode',
        file: 'scripts/run.sh',
        key: 'allowModeChanges',
        message: expect.stringMatching(/makes 'scripts\/run.sh' executable \(mode 100644 → 100755\)/)
      }
    ])
    expect(checkPolicy(chmodded, { allowModeChanges: true }).ok).toBe(true)
    const added = await diffOf(async () => {
      await write('scripts/new.sh', '#!/bin/sh\necho hi\n')
      await chmod(join(repo.path, 'scripts/new.sh'), 0o755)
    })
    expect(rules(checkPolicy(added))).toEqual(['mode scripts/new.sh'])
    const plain = await diffOf(() => write('scripts/new.sh', '#!/bin/sh\necho hi\n'))
    expect(checkPolicy(plain).ok).toBe(true)
  })

  it('refuses an added symlink unless allowSymlinks is set; a file replaced by one is not a deletion', async () => {
    const added = await diffOf(() => symlink('../secrets/key.txt', join(repo.path, 'src/key')))
    expect(checkPolicy(added).violations).toEqual([
      {
        rule: 'symlink',
        file: 'src/key',
        key: 'allowSymlinks',
        message: expect.stringMatching(/makes 'src\/key' a symlink.*allowSymlinks: true/)
      }
    ])
    expect(checkPolicy(added, { allowSymlinks: true }).ok).toBe(true)
    const replaced = await diffOf(async () => {
      await rm(join(repo.path, 'src/b.ts'))
      await symlink('c.ts', join(repo.path, 'src/b.ts'))
    })
    expect(parseGitDiff(replaced).map(p => p.kind)).toEqual(['delete', 'add'])
    const verdict = checkPolicy(replaced)
    expect(rules(verdict)).toEqual(['symlink src/b.ts'])
    expect(verdict.stats.files).toBe(1)
  })

  it('refuses a submodule unless allowSubmodules is set', async () => {
    const diff = await diffOf(async () => {
      const sub = join(repo.path, 'vendor/lib')
      await write('vendor/lib/x.txt', 'x\n')
      await git(sub, 'init', '-q', '-b', 'main')
      await git(sub, 'add', '-A')
      await git(sub, 'commit', '-q', '-m', 'sub')
    })
    expect(parseGitDiff(diff)[0]).toMatchObject({ kind: 'add', newPath: 'vendor/lib', newMode: '160000' })
    expect(checkPolicy(diff).violations).toEqual([
      {
        rule: 'submodule',
        file: 'vendor/lib',
        key: 'allowSubmodules',
        message: expect.stringMatching(/adds the submodule 'vendor\/lib'.*allowSubmodules: true/)
      }
    ])
    expect(checkPolicy(diff, { allowSubmodules: true }).ok).toBe(true)
  })
})

/** [path, added line, kind] — each refused. */
const SUPPRESSED: Array<[string, string, string]> = [
  ['s/e1.ts', '/* eslint-disable */', 'eslint-disable'],
  ['s/e2.ts', '// eslint-disable-next-line no-console', 'eslint-disable'],
  ['s/e3.js', 'console.log(1) // eslint-disable-line', 'eslint-disable'],
  ['s/e4.mjs', '/* eslint no-console: "off" */', 'eslint rule turned off'],
  ['s/t1.ts', '// @ts-ignore', '@ts-ignore'],
  ['s/t2.ts', '// @ts-nocheck', '@ts-nocheck'],
  ['s/t3.tsx', '  // @ts-expect-error wrong type', '@ts-expect-error'],
  ['s/b1.ts', '// biome-ignore lint/style/useConst: later', 'biome-ignore'],
  ['s/p1.ts', '// prettier-ignore', 'prettier-ignore'],
  ['s/c1.ts', '/* istanbul ignore next */', 'coverage ignore'],
  ['s/k1.test.ts', "it.skip('adds', () => {})", 'skipped test'],
  ['s/k2.test.ts', "describe.skip('suite', () => {})", 'skipped test'],
  ['s/k3.test.js', "xit('adds', () => {})", 'skipped test'],
  ['s/k4.test.js', "xdescribe('suite', () => {})", 'skipped test'],
  ['s/k5.test.ts', "it.todo('adds')", 'skipped test'],
  ['s/k6.spec.ts', "test.only('adds', () => {})", 'focused test'],
  ['s/k7.spec.ts', "fit('adds', () => {})", 'focused test'],
  ['s/k8.test.ts', "it.skip.each([1])('n %d', () => {})", 'skipped test'],
  ['py/a.py', 'import os  # noqa: F401', 'noqa'],
  ['py/b.py', 'x: int = "s"  # type: ignore', 'type: ignore'],
  ['py/c.py', '# pylint: disable=invalid-name', 'pylint: disable'],
  ['py/d_test.py', '@pytest.mark.skip(reason="flaky")', 'skipped test'],
  ['py/e_test.py', '    pytest.skip("later")', 'skipped test'],
  ['py/f_test.py', '@unittest.skip("later")', 'skipped test'],
  ['go/a.go', 'x := 1 //nolint:ineffassign', 'nolint'],
  ['go/a_test.go', '\tt.Skip("later")', 'skipped test'],
  ['go/b_test.go', '//go:build ignore', 'build ignore'],
  ['rs/a.rs', '#[allow(dead_code)]', '#[allow]'],
  ['rs/b.rs', '#![allow(clippy::all)]', '#[allow]'],
  ['rs/c.rs', '#[ignore]', 'skipped test'],
  ['jv/A.java', '@SuppressWarnings("unchecked")', '@SuppressWarnings'],
  ['jv/BTest.java', '  @Disabled', 'skipped test'],
  ['jv/CTest.java', '  @Ignore', 'skipped test'],
  ['kt/A.kt', '@Suppress("UNUSED")', '@SuppressWarnings'],
  ['cs/A.cs', '#pragma warning disable CS0168', '#pragma warning disable'],
  ['cs/B.cs', '[Fact(Skip = "later")]', 'skipped test'],
  ['c/a.cpp', 'int x; // NOLINT', 'NOLINT'],
  ['c/b.cc', 'TEST(Math, DISABLED_Adds) {}', 'skipped test'],
  ['rb/a.rb', 'x = 1 # rubocop:disable Style/X', 'rubocop:disable'],
  ['php/a.php', '/** @phpstan-ignore-next-line */', '@phpstan-ignore'],
  ['sh/a.sh', 'npm test || true', "'|| true'"],
  ['sh/b.sh', '# shellcheck disable=SC2086', 'shellcheck disable'],
  ['css/a.scss', '/* stylelint-disable */', 'stylelint-disable'],
  ['y/a.yml', '    continue-on-error: true', 'continue-on-error'],
  ['y/b.yaml', "    if: 'false'", "'if: false'"],
  ['y/d.yml', '      - run: make check || true', "'|| true'"],
  ['y/e.yml', '  allow_failure: true', 'allow_failure'],
  ['pkg/package.json', '    "test": "jest || true",', "'|| true'"]
]

/** [path, added line] — near misses that pass. */
const NOT_SUPPRESSED: Array<[string, string]> = [
  ['README.md', '// eslint-disable-next-line, @ts-ignore, it.skip( and # noqa are refused in code'],
  ['docs/guide.md', '    continue-on-error: true'],
  ['notes.txt', '/* eslint-disable */'],
  ['s/n1.ts', "const hint = '// eslint-disable-next-line is refused'"],
  ['s/n2.ts', 'const a = "@ts-ignore"'],
  ['s/n3.ts', 'const rest = list.skipWhile(x => x)'],
  ['s/n4.ts', 'const outfit = (n: number) => n'],
  ['s/n5.ts', 'export const only = (x: number) => x'],
  ['s/n6.ts', "// it's not skipped: it.skipped counts them"],
  ['s/n7.ts', 'const todo = items.filter(t => t.todo)'],
  ['py/n.py', 'print("# noqa")'],
  ['go/n.go', 'return s.SkipSpaces()'],
  ['rs/n.rs', '#[derive(Debug)]'],
  ['rs/n2.rs', 'fn f<\'a>(x: &\'a str) -> bool { x == "#[allow(x)]" }'],
  ['jv/N.java', 'String s = "@SuppressWarnings";'],
  ['c/n.c', 'printf("NOLINT");'],
  ['sh/n.sh', 'echo "use || true to ignore"'],
  ['y/n.yml', '    continue-on-error: false'],
  ['y/n2.yml', "    if: github.event_name == 'push'"],
  ['pkg/package.json', '    "test": "jest",']
]

describe('checkPolicy: suppressions', () => {
  it('refuses each kind of added suppression, naming the kind and the line', async () => {
    const diff = await diffOf(async () => {
      for (const [path, line] of SUPPRESSED) await write(path, `first\n${line}\n`)
    })
    const verdict = checkPolicy(diff, { maxFiles: 100 })
    // Files named like tests are also refused as test files; this test is about the suppressions.
    const suppressions = verdict.violations.filter(v => v.rule === 'suppression')
    const found = Object.fromEntries(suppressions.map(v => [v.file, [v.rule, v.kind, v.line]]))
    expect(found).toEqual(
      Object.fromEntries(SUPPRESSED.map(([path, , kind]) => [path, ['suppression', kind, 2]]))
    )
  })

  it('passes near misses: mentions in strings, lookalike names, and files of no listed language', async () => {
    const diff = await diffOf(async () => {
      for (const [path, line] of NOT_SUPPRESSED) await write(path, `first\n${line}\n`)
    })
    // pkg/package.json is not JSON, so which of its keys a line is under cannot be told: a check-config question.
    const verdict = checkPolicy(diff, { maxFiles: 100, allowCheckConfig: true })
    expect(verdict.violations).toEqual([])
    expect(verdict.stats.files).toBe(NOT_SUPPRESSED.length)
  })

  it('gives the new-file line and says how to accept it', async () => {
    const diff = await diffOf(editA('  return y\n', '  // @ts-expect-error y is a number\n  return y\n'))
    expect(checkPolicy(diff).violations).toEqual([
      {
        rule: 'suppression',
        file: 'src/a.ts',
        line: 7,
        kind: '@ts-expect-error',
        key: 'suppressions',
        message:
          "Line 7 of 'src/a.ts' adds a suppression (@ts-expect-error): `// @ts-expect-error y is a number`. " +
          'A fix must fix what the check found, not switch the check off; set suppressions: allow to accept it anyway.'
      }
    ])
    expect(checkPolicy(diff, { suppressions: 'allow' }).ok).toBe(true)
  })

  it('counts only added lines: a removed suppression, one in context, or one re-indented by a formatter passes', async () => {
    const removed = await diffOf(editA('    // eslint-disable-next-line no-console\n', ''))
    expect(checkPolicy(removed).ok).toBe(true)
    const context = await diffOf(editA('console.log(y)', 'console.log(y + 1)'))
    expect(parseGitDiff(context)[0].hunks[0].lines.some(l => l.content.includes('eslint-disable'))).toBe(true)
    expect(checkPolicy(context).ok).toBe(true)
    const reindented = await diffOf(
      editA('    // eslint-disable-next-line no-console\n', '      //  eslint-disable-next-line no-console\n')
    )
    expect(checkPolicy(reindented).ok).toBe(true)
    // A second copy is new, though: only as many added lines as removed ones count as moved.
    const doubled = await diffOf(
      editA(
        '    // eslint-disable-next-line no-console\n',
        '  // eslint-disable-next-line no-console\n  // eslint-disable-next-line no-console\n'
      )
    )
    expect(checkPolicy(doubled).violations.map(v => [v.rule, v.line])).toEqual([['suppression', 5]])
  })

  it('reads CRLF files: the line ending is not part of the marker or of the moved-line match', async () => {
    const crlf = 'export const w = 1\r\n// eslint-disable-next-line\r\nexport const v = 2\r\n'
    const added = await diffOf(() => write('src/w.ts', crlf))
    expect(checkPolicy(added).violations.map(v => [v.kind, v.line])).toEqual([['eslint-disable', 2]])
    const reindented = await diffOf(async () => {
      await write('src/w.ts', crlf)
      await git(repo.path, 'add', '-A')
      await git(repo.path, 'commit', '-q', '-m', 'crlf')
      // Re-indented, and its CRLF turned into LF by an editor: still the same line.
      await write(
        'src/w.ts',
        crlf.replace('// eslint-disable-next-line\r\n', '  // eslint-disable-next-line\n')
      )
    }, ['--binary', 'HEAD'])
    await git(repo.path, 'reset', '-q', '--hard', 'HEAD~1')
    expect(parseGitDiff(reindented)[0].hunks[0].lines.filter(l => l.kind === '+')).toHaveLength(1)
    expect(checkPolicy(reindented).ok).toBe(true)
  })

  it('refuses a test renamed away only with deletions refused, and still checks what the rename adds', async () => {
    const diff = await diffOf(async () => {
      await git(repo.path, 'mv', 'src/a.ts', 'src/a2.ts')
      await write('src/a2.ts', A_TS.replace('  return y\n', '  return y // @ts-ignore\n'))
    })
    expect(parseGitDiff(diff)[0].kind).toBe('rename')
    expect(rules(checkPolicy(diff, { allowDeletions: true }))).toEqual(['suppression src/a2.ts'])
  })
})

describe('parsePolicy', () => {
  it('fills in the defaults', () => {
    expect(parsePolicy(undefined)).toEqual(DEFAULT_POLICY)
    expect(parsePolicy(null)).toEqual(DEFAULT_POLICY)
    expect(parsePolicy({})).toEqual(DEFAULT_POLICY)
    expect(DEFAULT_POLICY).toMatchObject({
      allow: ['**'],
      deny: [],
      maxFiles: 20,
      maxLines: 500,
      suppressions: 'refuse'
    })
  })

  it('reads action-input strings and kebab-case keys', () => {
    const policy = parsePolicy({
      allow: 'src/**/*.{ts,tsx}, lib/**\n  test/',
      deny: ['./secrets/', 'secrets'],
      'allow-workflows': 'TRUE',
      max_files: ' 7 ',
      MaxLines: 40,
      suppressions: 'Allow',
      'allow-deletions': null
    })
    expect(policy).toEqual({
      ...DEFAULT_POLICY,
      allow: ['src/**/*.{ts,tsx}', 'lib/**', 'test'],
      deny: ['secrets'],
      allowWorkflows: true,
      maxFiles: 7,
      maxLines: 40,
      suppressions: 'allow'
    })
    // A parsed policy parses to itself.
    expect(parsePolicy(policy)).toEqual(policy)
  })

  it.each<[unknown, RegExp]>([
    ['src/**', /The policy must be a mapping of keys \(allow, deny, .*\), not 'src\/\*\*'/],
    [['src/**'], /must be a mapping of keys .*, not a list/],
    [
      { maxfile: 3 },
      /Policy key 'maxfile' is unknown: did you mean 'maxFiles'\? remove it, or use one of allow, deny/
    ],
    [{ paths: ['x'] }, /Policy key 'paths' is unknown: remove it, or use one of/],
    [
      { maxFiles: 3, 'max-files': 4 },
      /Policy keys 'maxFiles' and 'max-files' both set maxFiles: keep only one/
    ],
    [
      { maxFiles: 0 },
      /'maxFiles' must be a whole number of at least 1, not number 0: set it to a count such as 20/
    ],
    [{ maxLines: 1.5 }, /'maxLines' must be a whole number of at least 1, not number 1.5/],
    [{ maxLines: 'ten' }, /'maxLines' must be a whole number of at least 1, not 'ten'/],
    [{ allowWorkflows: 'yes' }, /'allowWorkflows' must be true or false, not 'yes'/],
    [{ suppressions: true }, /'suppressions' must be 'refuse' or 'allow', not boolean true/],
    [{ allow: [] }, /'allow' is empty, so no fix could ever pass.*'\*\*'/],
    [{ allow: '  \n ' }, /'allow' is empty/],
    [
      { deny: ['../outside/**'] },
      /Policy key 'deny', entry '..\/outside\/\*\*': .*outside the repository.*'..' leads outside/
    ],
    [{ deny: '/etc/**' }, /Policy key 'deny', entry '\/etc\/\*\*': .*absolute glob/],
    [{ allow: ['.git/**'] }, /Policy key 'allow', entry '.git\/\*\*': .*inside '.git'/],
    [{ deny: [''] }, /Policy key 'deny', entry '': The glob is empty/],
    [{ deny: [3] }, /Policy key 'deny', entry 1, must be a glob string, not number 3/],
    [{ deny: { a: 1 } }, /Policy key 'deny' must be a list of globs .*, not an object/]
  ])('refuses %j with a message that says what to change', (raw, message) => {
    let thrown: unknown
    try {
      parsePolicy(raw)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ConfigurationError)
    expect((thrown as ConfigurationError).exitCode).toBe(2)
    expect((thrown as Error).message).toMatch(message)
  })

  it('checkPolicy refuses an invalid policy by throwing, before looking at the diff', () => {
    expect(() => checkPolicy('', { maxFiles: -1 })).toThrow(ConfigurationError)
  })
})

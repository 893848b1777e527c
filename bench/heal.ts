/**
 * A whole heal in repositories of 1,000, 10,000 and 100,000 tracked files, side by side with the same work done by
 * hand. The check is trivial and fails (`grep -q fixed flag.txt`), the fixer makes it pass
 * (`echo fixed > flag.txt`). Heal is the bundled CLI (`node dist/cli.js heal --check … --fix …`): it runs the
 * check, re-runs it, runs the fixer, verifies, and commits the fix on a branch; once with the fixer in a copy of
 * the checkout (LOCAL's default, the copy kept between runs as a developer's machine keeps it) and once with
 * `--fix-in-place` (as on a runner). By hand is the shell doing the same:
 * the check twice, the fixer, the check, then a commit through a temporary index (`git add --all`, `write-tree`,
 * `commit-tree`, `update-ref`) and the file put back, as heal leaves it. Each repository is generated once and
 * reset between runs; the cases are interleaved, round by round. Target: heal at most TARGET_RATIO times by hand
 * at 100,000 files, where the repository's size, not the start of a process, is the cost. BENCH_HEAL_SIZES=1000,10000
 * picks other sizes.
 *
 * The floor is the least a heal that keeps its guards must read, done by git alone in the shell (FLOOR): no Node,
 * none of the small steps, every read it can make alongside another made so, and the candidate's tree written from
 * the parent's and the changed file only. What it leaves out a heal also does, so no heal can be faster than it.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { BENCH_GIT_ENV } from './git-env.js'

const SIZES = process.env.BENCH_HEAL_SIZES
  ? process.env.BENCH_HEAL_SIZES.split(',').map(Number)
  : [1_000, 10_000, 100_000]
const ROUNDS = 5
const TARGET_RATIO = 1.2
/** Files per directory of the generated tree. */
const PER_DIRECTORY = 100

const CHECK = 'grep -q fixed flag.txt'
const FIXER = 'echo fixed > flag.txt'

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, env: BENCH_GIT_ENV, encoding: 'utf8', maxBuffer: 1 << 30 }).trim()
}

/** A repository of `files` tracked files (100 a directory) and flag.txt, committed once. */
function generate(dir: string, files: number): void {
  mkdirSync(dir)
  git(dir, ['init', '-q', '-b', 'main'])
  // No automatic gc (the objects are packed below, as a clone has them): one started in the background by the
  // first commit's loose objects would write in .git/ (packed-refs, info/refs) in the middle of a heal's runs.
  git(dir, ['config', 'gc.auto', '0'])
  for (let d = 0; d * PER_DIRECTORY < files; d++) {
    const sub = join(dir, 'src', `d${Math.floor(d / 100)}`, `m${d % 100}`)
    mkdirSync(sub, { recursive: true })
    for (let f = 0; f < PER_DIRECTORY && d * PER_DIRECTORY + f < files - 1; f++)
      writeFileSync(join(sub, `f${f}.ts`), `export const v${d}_${f} = ${f}\n`)
  }
  writeFileSync(join(dir, 'flag.txt'), 'broken\n')
  git(dir, ['add', '-A'])
  git(dir, ['commit', '-q', '-m', 'base'])
  git(dir, ['repack', '-adq'])
  // The index as a checkout leaves it: its stat data is current, so git hashes only what changes.
  git(dir, ['status', '--porcelain'])
}

/** Puts the repository back as generated: the fix branches gone, flag.txt broken again. */
function reset(dir: string): void {
  for (const ref of git(dir, [
    'for-each-ref',
    '--format=%(refname)',
    'refs/heads/self-heal',
    'refs/heads/fix'
  ]).split('\n'))
    if (ref) git(dir, ['update-ref', '-d', ref])
  writeFileSync(join(dir, 'flag.txt'), 'broken\n')
}

function timed(run: () => void): number {
  const start = performance.now()
  run()
  return performance.now() - start
}

function heal(cli: string, dir: string, cache: string, inPlace = false): void {
  rmSync(cache, { force: true })
  const result = spawnSync(
    process.execPath,
    [
      cli,
      'heal',
      '--check',
      CHECK,
      '--kind',
      'command',
      '--fix',
      FIXER,
      '--cache-path',
      cache,
      '--json',
      ...(inPlace ? ['--fix-in-place'] : [])
    ],
    { cwd: dir, env: { ...BENCH_GIT_ENV, GITHUB_ACTIONS: '', CI: '', GITHUB_TOKEN: '' }, encoding: 'utf8' }
  )
  const outcome = (JSON.parse(result.stdout || '{}') as { outcome?: string }).outcome
  if (outcome !== 'healed')
    throw new Error(
      `heal ended ${outcome ?? 'without a result'}: ${result.stdout.slice(0, 2000)} ${result.stderr.slice(-2000)}`
    )
}

const BY_HAND = `
set -u
${CHECK} && exit 1
${CHECK} && exit 1
${FIXER}
${CHECK}
index=$(mktemp)
cp .git/index "$index"
GIT_INDEX_FILE="$index" git add --all
tree=$(GIT_INDEX_FILE="$index" git write-tree)
rm -f "$index"
commit=$(git commit-tree "$tree" -p HEAD -m 'fix: flag')
git update-ref refs/heads/fix/flag "$commit"
git checkout -- flag.txt
`

/** One look at the files, over the floor's own index (GIT_OPTIONAL_LOCKS=0 before it: nothing written back). */
const FLOOR_SCAN =
  'GIT_INDEX_FILE=.git/floor-index git -c core.untrackedCache=true -c status.showUntrackedFiles=all ' +
  'status --porcelain=v1 -z --untracked-files=all >/dev/null'

/**
 * What every heal must look at, at least once each, for the guards of src/heal/README.md: the files as they are before
 * the fixer (what it changed is told from them) and the ignored files (a changed dependency is refused), both again
 * after it, and the files after verifying (the check's own output is no part of a fix). Each look at the files is a
 * `git status` over a kept index of its own with an untracked cache, as heal's are, that writes nothing back; the
 * ignored files are listed alongside. Left out, though a heal does them: Node, the check for changed tracked files
 * before the check, the repository's metadata, the policy, the fix memory, the branch's checks before its commit.
 */
const FLOOR = `
set -u
scan() { GIT_OPTIONAL_LOCKS=0 ${FLOOR_SCAN}; }
ignored() { git ls-files -z --others --ignored --exclude-standard >/dev/null; }
${CHECK} && exit 1
${CHECK} && exit 1
scan & ignored; wait $!
${FIXER}
scan & ignored; wait $!
blob=$(git hash-object -w -- flag.txt)
tree=$(git ls-tree HEAD | sed "s/^100644 blob [0-9a-f]*\\tflag.txt$/100644 blob $blob\\tflag.txt/" | git mktree)
${CHECK}
scan
commit=$(git commit-tree "$tree" -p HEAD -m 'fix: flag')
git update-ref refs/heads/fix/flag "$commit"
git checkout -- flag.txt
`

/** The floor's own index, made once as heal's is: stat data current and an untracked cache in it. */
function floorIndex(dir: string): void {
  copyFileSync(join(dir, '.git/index'), join(dir, '.git/floor-index'))
  shell(dir, FLOOR_SCAN, 'making the floor index')
}

function shell(dir: string, script: string, what: string): void {
  const result = spawnSync('bash', ['-e', '-c', script], { cwd: dir, env: BENCH_GIT_ENV, encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}): ${result.stderr}`)
}

interface Row {
  files: number
  /** LOCAL's default: the fixer runs in a copy of the checkout. */
  healMs: number
  /** `--fix-in-place`, as on a runner: the fixer runs in the checkout. */
  inPlaceMs: number
  byHandMs: number
  /** FLOOR: the reads a heal that keeps its guards cannot skip, by git alone. */
  floorMs: number
  ratio: number
  inPlaceRatio: number
  floorRatio: number
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const round = (n: number) => Math.round(n * 100) / 100

/** Runs the heal benchmark. */
export async function run(): Promise<{ rounds: number; targetRatio: number; rows: Row[] }> {
  const cli = join(process.cwd(), 'dist/cli.js')
  if (!existsSync(cli)) throw new Error('dist/ is missing: run `npm run bundle` first.')
  const root = mkdtempSync(join(tmpdir(), 'self-heal-bench-heal-'))
  try {
    const rows: Row[] = []
    for (const files of SIZES) {
      const dir = join(root, String(files))
      const generated = timed(() => generate(dir, files))
      console.log(`${files} files: generated in ${(generated / 1000).toFixed(1)} s`)
      const cache = join(root, 'cache.sqlite')
      const samples = {
        heal: [] as number[],
        inPlace: [] as number[],
        byHand: [] as number[],
        floor: [] as number[]
      }
      floorIndex(dir)
      // One round first, thrown away: it warms the file cache for both.
      for (let r = 0; r <= ROUNDS; r++) {
        reset(dir)
        const h = timed(() => heal(cli, dir, cache))
        reset(dir)
        const p = timed(() => heal(cli, dir, cache, true))
        reset(dir)
        const b = timed(() => shell(dir, BY_HAND, 'by hand'))
        reset(dir)
        const f = timed(() => shell(dir, FLOOR, 'the floor'))
        // The floor's commit holds the fix, as heal's and by hand's do.
        if (git(dir, ['cat-file', 'blob', 'refs/heads/fix/flag:flag.txt']) !== 'fixed')
          throw new Error("the floor's commit does not hold the fix")
        if (r > 0) {
          samples.heal.push(h)
          samples.inPlace.push(p)
          samples.byHand.push(b)
          samples.floor.push(f)
        }
      }
      const healMs = median(samples.heal)
      const inPlaceMs = median(samples.inPlace)
      const byHandMs = median(samples.byHand)
      const floorMs = median(samples.floor)
      rows.push({
        files,
        healMs: round(healMs),
        inPlaceMs: round(inPlaceMs),
        byHandMs: round(byHandMs),
        floorMs: round(floorMs),
        ratio: round(healMs / byHandMs),
        inPlaceRatio: round(inPlaceMs / byHandMs),
        floorRatio: round(floorMs / byHandMs)
      })
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 })
    }
    console.log(
      `heal: median of ${ROUNDS} runs each, interleaved; target at 100,000 files: ratio ≤ ${TARGET_RATIO}; ` +
        'floorRatio: the least any heal that keeps its guards can take'
    )
    console.table(rows)
    return { rounds: ROUNDS, targetRatio: TARGET_RATIO, rows }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

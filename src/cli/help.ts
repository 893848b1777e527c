/**
 * What `--help` shows after each command's options: what the option list does not say, examples, what the command
 * prints, and its exit codes (program.ts's contract: 0 succeeded, 1 ran and did not succeed, 2 bad usage, input or
 * configuration). Lines stay within 80 columns, as commander's own help does.
 */

/** After the list of commands. */
export const PROGRAM_HELP = `
Every command has --help, with examples. Common options of every command:
  --environment local|ci|cloud   --cwd DIR   --repository OWNER/NAME
  --token TOKEN (or GITHUB_TOKEN)   --api-url URL (or GITHUB_API_URL)
  --cache-path FILE   --json

With --json a command prints exactly one JSON object on stdout (an error too:
{"error": {"type", "message", "exitCode"}}); logs go to stderr.

Exit codes:
  0  the operation succeeded
  1  it ran and did not succeed
  2  bad usage, input or configuration (the message says what to change)`

/** `self-heal env --help`. */
export const ENV_HELP = `
Examples:
  self-heal env
  self-heal env --json
  self-heal env --repository octo/repo --token "$GITHUB_TOKEN"

Prints the environment (local, ci or cloud) and why, the adapter chosen for
each port, the fix memory's file in local, and the settings that are missing.
With --json:
  {"environment", "reason", "adapters": {"storage", "git", "cache",
  "execution"}, "missing", "repository", "cachePath"}

Exit codes:
  0  printed (a missing token or repository is listed, not an error)
  2  bad usage or configuration (e.g. an unknown --environment)`

/** `self-heal check --help`. */
export const CHECK_HELP = `
Give exactly one of --test, --build, --lint or --command. The command runs as
a workflow \`run:\` step runs it (bash -e on Linux and macOS); its output goes
to stderr. In cloud it runs in a workflow run of self-heal-run.yml, whose
status and URL are shown on stderr while it runs, on --ref (default: the
default branch).

Examples:
  self-heal check --test "npm test" --report junit.xml
  self-heal check --lint "npx eslint ." --json
  self-heal check --build "npx tsc --noEmit" --timeout 600
  self-heal check --environment cloud --repository octo/repo --ref feature \\
    --test "npm test"

With --json:
  {"kind", "passed", "exitCode", "timedOut", "failedTests", "problems",
  "durationMs", "outputTail"}

Exit codes:
  0  the check passed
  1  the check failed or timed out
  2  bad usage, input or configuration`

/** `self-heal apply --help`. */
export const APPLY_HELP = `
Locally the commit is made in a temporary index: your branch, index and work
tree are never touched, and a branch that is checked out is refused. In ci and
cloud it is committed through the API (signed by GitHub). A pull request needs
a GitHub token (--token or GITHUB_TOKEN) and the repository (--repository,
GITHUB_REPOSITORY or a GitHub remote \`origin\`).

Examples:
  git diff --binary > fix.diff
  self-heal apply --patch fix.diff --branch fix/lint --message "Fix lint"
  git diff --binary | self-heal apply --patch - --branch fix/lint \\
    --message "Fix lint" --pull-request

With --json:
  {"branch", "commit", "files", "pullRequest": {"number", "url", "action"}}

Exit codes:
  0  committed (and the pull request opened or updated)
  1  not committed: the branch moved with conflicting changes, or the GitHub
     API failed
  2  bad usage, input or configuration: a diff that does not apply (the file
     and hunk are named), a path outside the repository, a missing token or
     permission; nothing was changed`

/** `self-heal dispatch --help`. */
export const DISPATCH_HELP = `
Needs a GitHub token with \`actions: write\` (--token or GITHUB_TOKEN) and the
repository (--repository, GITHUB_REPOSITORY or a GitHub remote \`origin\`).
With --wait the run's status and URL are shown on stderr every few seconds
until it completes.

Examples:
  self-heal dispatch --workflow ci.yml --ref main
  self-heal dispatch --workflow self-heal-run.yml --ref main \\
    --input command="npm test" --wait --json

With --json:
  {"runId", "runUrl", "conclusion", "status", "workflow", "ref", ...}; with
  --wait also "jobs", "failedTests", "problems", "annotations", "logTail"

Exit codes:
  0  dispatched (without --wait), or the run concluded success
  1  the run concluded otherwise (failure, cancelled, ...), or --timeout
     passed (the run is cancelled)
  2  bad usage or configuration (a missing token, an unknown workflow, a
     refused input)`

/** `self-heal heal --help`. */
export const HEAL_HELP = `
Runs --check; when it fails, runs it again at the same commit (a pass then is
flaky), fingerprints the failure, tries the fix remembered for it, then each
--fix in order; refuses a diff the policy forbids; verifies the fix by running
the check again; commits it on the branch self-heal/<fingerprint> (the prefix
is --branch-prefix) and opens a pull request to --base (--deliver none: only
verifies and reports it). Tracked files must match HEAD (untracked files are
fine); the checkout is left as it was found. --title, --body and
--commit-message are templates: {fingerprint}, {check}, {fixer},
{failed-tests} and {run-url} are filled in.

A pull request needs a GitHub token (--token or GITHUB_TOKEN) and the
repository (--repository, GITHUB_REPOSITORY or a GitHub remote \`origin\`);
locally, without them, the fix stays on the local branch. The fix memory is
SQLite in local and in cloud outside Actions (--cache-path FILE; \`self-heal
env\` shows where), the Actions cache in ci.

With no checkout (--environment cloud --repository O/R --ref BRANCH), the
check and the fixers run on GitHub Actions (the runner workflow
.github/workflows/self-heal-run.yml, on the default branch); the fix is
policed here, committed through the API, verified by a check on its branch,
and proposed. --policy then names a file in the repository (default branch).
--run-id ID heals the failure of that completed run (e.g. of CI) instead: its
jobs, annotations and log are the check's result, so a remembered fix is
verified and proposed with no run of the check first.

Examples:
  self-heal heal --kind lint --check "npx eslint ." --fix "npx eslint --fix ."
  self-heal heal --check "npm test" --fix "./scripts/ai-fix.sh" --dry-run
  self-heal heal --environment cloud --repository octo/repo --ref feature \\
    --kind lint --check "npx eslint ." --fix "npx eslint --fix ."
  self-heal heal --kind build --check "npx tsc --noEmit" --fix ./fix.sh \\
    --policy .github/self-heal.yml --repository octo/repo --json

With --json:
  {"outcome", "ok", "reason", "kind", "check", "fingerprint", "attempts", "fix",
  "proposal": {"branch", "base", "commit", "action", "pullRequest"},
  "remembered", "dryRun"}

Outcomes (the "outcome" of --json, and the first word printed):
  passed        the check passed: nothing to heal                     exit 0
  flaky         it failed, then passed at the same commit: reported,  exit 0
                never "fixed"
  healed        a fix was verified and proposed (with --dry-run or    exit 0
                --deliver none: verified only)
  skipped       the commit or branch is self-heal's own               exit 0
  disabled      SELF_HEAL_DISABLED is set                             exit 0
  not-healed    no fix was verified                                   exit 1
  not-proposed  verified, but not proposed here: a pull request from  exit 1
                a fork, or the fix branch holds another change
  broken-check  the check could not run (command not found, a        exit 1
                linter's crash, a configuration error): no fixer ran

Exit codes:
  0  passed, flaky, healed, skipped or disabled
  1  not-healed, not-proposed or broken-check
  2  bad usage, input or configuration: no --check, an unknown --kind,
     tracked files that differ from HEAD, no runner workflow (in cloud)`

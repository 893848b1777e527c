/** Names of the action's inputs, outputs and saved state, in one place (action.yml must match). */

/** Action inputs. */
export enum Input {
  /** What to do: heal, check, apply, dispatch or fix. */
  Operation = 'operation',
  /** local, ci or cloud; empty detects. */
  Environment = 'environment',
  /** GitHub token for API calls. */
  Token = 'token',
  /** OWNER/NAME of the repository. */
  Repository = 'repository',
  /** REST API base URL. */
  ApiUrl = 'api-url',
  /** Directory to work in. */
  WorkingDirectory = 'working-directory',
  /** check: the command to run through the shell. */
  Command = 'command',
  /** check: the command as a JSON array, run without a shell (instead of `command`). */
  Argv = 'argv',
  /** check: extra environment for the command, as a JSON object. */
  Env = 'env',
  /** fix: the heal options as JSON (set by the runner workflow). */
  Request = 'request',
  /** check: the id a dispatched check prints its record under (set by the runner workflow). */
  CorrelationId = 'correlation-id',
  /** check: test, build, lint or command. */
  Kind = 'kind',
  /** check: timeout in seconds. */
  Timeout = 'timeout',
  /** check: report file the command writes (JUnit XML, TAP, Jest JSON, ESLint JSON). */
  ReportPath = 'report-path',
  /** apply: the diff, inline. */
  Patch = 'patch',
  /** apply: a file holding the diff. */
  PatchFile = 'patch-file',
  /** apply: the branch to commit to. */
  Branch = 'branch',
  /** apply: the base of a new branch. */
  Base = 'base',
  /** apply: the commit message. */
  Message = 'message',
  /** apply: open or update a pull request. */
  PullRequest = 'pull-request',
  /** apply: pull request title. */
  Title = 'title',
  /** apply: pull request body. */
  Body = 'body',
  /** dispatch: workflow file name or id. */
  Workflow = 'workflow',
  /** dispatch: the ref to run on. */
  Ref = 'ref',
  /** heal in cloud: the failed run to heal from outside. */
  RunId = 'run-id',
  /** dispatch: workflow inputs, one KEY=VALUE a line. */
  Inputs = 'inputs',
  /** dispatch: wait for the run to complete. */
  Wait = 'wait',
  /** LOCAL cache file. */
  CachePath = 'cache-path',
  /** heal: fixer commands, one a line. */
  Fix = 'fix',
  /** heal: everything but writes. */
  DryRun = 'dry-run',
  /** heal: the fix policy, as YAML. */
  Policy = 'policy',
  /** heal: re-runs of a failed check at the same commit. */
  Reruns = 'reruns',
  /** heal: the most verification runs. */
  MaxAttempts = 'max-attempts',
  /** heal: when the step fails (failing, unhealed, never). */
  FailWhen = 'fail-when',
  /** heal: how a fix is delivered (pull-request, commit, suggest, none). */
  Deliver = 'deliver',
  /** heal: labels of the fix's pull request. */
  Labels = 'labels',
  /** heal: reviewers requested on the fix's pull request. */
  Reviewers = 'reviewers',
  /** heal: teams requested to review the fix's pull request. */
  TeamReviewers = 'team-reviewers',
  /** heal: the prefix of the fix branch. */
  BranchPrefix = 'branch-prefix',
  /** heal: the workflow file dispatched on the fix branch. */
  CiWorkflow = 'ci-workflow',
  /** heal: assignees of the fix's pull request. */
  Assignees = 'assignees',
  /** heal: open the fix's pull request as a draft. */
  Draft = 'draft',
  /** heal: the fix commit's message. */
  CommitMessage = 'commit-message',
  /** heal: the longest a fixer may run, in seconds. */
  FixerTimeout = 'fixer-timeout',
  Verify = 'verify',
  Setup = 'setup',
  FixerRetries = 'fixer-retries',
  VerifyAlso = 'verify-also',
  /** heal, check: variables checks and fixers keep though they look like credentials. */
  PassEnv = 'pass-env'
}

/** Action outputs. */
export enum Output {
  /** The environment self-heal ran in. */
  Environment = 'environment',
  /** heal: how it ended. */
  Outcome = 'outcome',
  /** heal: the failure's fingerprint id. */
  Fingerprint = 'fingerprint',
  /** check: true or false. */
  Passed = 'passed',
  /** check: the command's exit code. */
  ExitCode = 'exit-code',
  /** check: JSON of the structured result. */
  Result = 'result',
  /** apply: the commit SHA. */
  Commit = 'commit',
  /** apply: the branch. */
  Branch = 'branch',
  /** apply: the pull request URL. */
  PullRequestUrl = 'pull-request-url',
  /** apply: the pull request number. */
  PullRequestNumber = 'pull-request-number',
  /** heal: created, updated, unchanged, declined or none. */
  PullRequestOperation = 'pull-request-operation',
  /** dispatch: the run id; heal: the ci-workflow run's. */
  RunId = 'run-id',
  /** dispatch: the run URL. */
  RunUrl = 'run-url',
  /** dispatch: the run's conclusion. */
  Conclusion = 'conclusion'
}

/** Saved state shared between the main and post steps. */
export enum State {
  /** Set by main so the same bundle knows it runs as the post step. */
  IsPost = 'isPost'
}

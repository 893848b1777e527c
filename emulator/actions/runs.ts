/**
 * Workflow runs that really run. A run is queued, then a real process executes its command with the platform
 * shell in a fresh checkout of the dispatched commit, and the run completes with what happened: exit code →
 * conclusion, output → job log, workflow commands and JUnit reports → check-run annotations. Delays the emulator
 * adds (the time a run waits in the queue) follow the emulator's clock; the command itself runs in real time.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type { EmulatedRepository, EmulatorServices } from '../plugin.js'
import { exitCodeAnnotation, junitAnnotations, parseWorkflowCommand, type Annotation } from './annotations.js'
import { checkout } from './git.js'
import type { PlannedStep, WorkflowDefinition } from './workflow-file.js'

/** A workflow the emulator knows (found on the default branch). */
export interface WorkflowRecord {
  /** Numeric id, stable for the emulator's life. */
  id: number
  /** `.github/workflows/x.yml`. */
  path: string
  /** The repository. */
  repo: EmulatedRepository
  /** When it was first seen (emulator clock, ms). */
  createdAt: number
  /** Its file is gone from the default branch: GitHub keeps the workflow, in state `deleted`, and runs it no more. */
  deleted?: boolean
  /** Its definition on the default branch. */
  definition: WorkflowDefinition
}

/** One step of a job. */
export interface StepState {
  /** Display name. */
  name: string
  /** 1-based. */
  number: number
  /** Step status. */
  status: 'queued' | 'in_progress' | 'completed'
  /** Step conclusion. */
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | null
  /** Emulator clock, ms. */
  startedAt: number | null
  /** Emulator clock, ms. */
  completedAt: number | null
  /** Log lines, each `TIMESTAMP text`. */
  log: string[]
}

/** The run's single job. Its id is also its check run's id, as on GitHub. */
export interface JobState {
  /** Job (and check run) id. */
  id: number
  /** Display name. */
  name: string
  /** Job status. */
  status: 'queued' | 'in_progress' | 'completed'
  /** Job conclusion. */
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | null
  /** Emulator clock, ms. */
  createdAt: number
  /** Emulator clock, ms. */
  startedAt: number | null
  /** Emulator clock, ms. */
  completedAt: number | null
  /** Steps. */
  steps: StepState[]
  /** Check-run annotations. */
  annotations: Annotation[]
}

/** A workflow run. */
export interface RunState {
  /** Run id. */
  id: number
  /** Per-workflow counter. */
  runNumber: number
  /** The workflow. */
  workflow: WorkflowRecord
  /** Definition read at the dispatched commit. */
  definition: WorkflowDefinition
  /** `workflow_dispatch`. */
  event: string
  /** Branch or tag name. */
  headBranch: string
  /** Full ref dispatched. */
  ref: string
  /** Commit. */
  headSha: string
  /** Commit tree, message and author for `head_commit`. */
  headCommit: { tree: string; message: string; author: { name: string; email: string; date: string } }
  /** Inputs after defaults. */
  inputs: Record<string, string>
  /** `run-name` evaluated, or the workflow name. */
  displayTitle: string
  /** Who dispatched. */
  actor: string
  /** Run status. */
  status: 'queued' | 'in_progress' | 'completed'
  /** Run conclusion. */
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | null
  /** Emulator clock, ms. */
  createdAt: number
  /** Emulator clock, ms: changes with every status change. */
  updatedAt: number
  /** Emulator clock, ms. */
  startedAt: number | null
  /** Before this (emulator clock), the run is not listed yet: GitHub creates runs asynchronously. */
  visibleAt: number
  /** The job. */
  job: JobState
  /** Set by a cancel request. */
  cancelRequested: boolean
  /** The workflow file's steps, when the run executes them (else the registered command or `command` input). */
  plan?: PlannedStep[]
  /** The event's payload (`GITHUB_EVENT_PATH`), for runs that execute their steps. */
  eventPayload?: Record<string, unknown>
  /** How many `workflow_run` triggers led to this run (0: dispatched). */
  chainDepth?: number
  /** The job's `if:` was false: the job (it has no steps) and the run conclude `skipped`. */
  skipped?: boolean
  /** Why the job's `if:` was not evaluated (it then runs), for the log of its first step. */
  conditionNote?: string
  /** The job's GITHUB_TOKEN (issued for the run, revoked when it completes), for runs that execute their steps. */
  token?: string
  /** Where the head commit came from: a fork, for a fork's pull_request run (default: the workflow's repository). */
  headRepository?: EmulatedRepository
  /** A pull_request run's head and base branches (`GITHUB_HEAD_REF`, `GITHUB_BASE_REF`). */
  pullRequest?: { number: number; headRef: string; baseRef: string }
}

/** The command a test registers for a workflow, run instead of the dispatch's `command` input. */
export interface RegisteredCommand {
  /** A shell command, or a function of the run's inputs returning one. */
  command: string | ((inputs: Record<string, string>) => string)
  /** Extra environment for the process. */
  env?: Record<string, string>
  /** The name the command's step shows (default `Run <first line of the command>`). */
  stepName?: string
}

/** How runs behave; all delays are in emulator-clock milliseconds. */
export interface RunnerSettings {
  /** How long a run stays queued before a runner picks it up. */
  queueDelayMs: number
  /** Output kept per step (lines); the middle is dropped past it. */
  maxLogLines: number
  /** The bundled action (`dist/index.js`) that `uses: ./` and `uses: OWNER/self-heal@REF` steps run. */
  actionEntry: string
  /** Further environment of the steps of a run that executes its workflow file (token, runtime services). */
  runEnv?: (run: RunState) => Record<string, string>
  /** Called when a run has completed (e.g. to start the `workflow_run` workflows it triggers). */
  onCompleted?: (run: RunState) => Promise<void>
}

const JUNIT_SCAN_DEPTH = 4

/** Executes runs and keeps their state; `stop()` ends every process and timer it started. */
export class Runner {
  private readonly timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>()
  private readonly children = new Map<number, ChildProcess>()
  private readonly executions = new Set<Promise<void>>()
  private stopped = false
  // The runner machines' directories: one per job running at once.
  private runnersRoot?: Promise<string>
  private readonly busy: boolean[] = []

  constructor(
    private readonly services: () => EmulatorServices,
    private readonly settings: RunnerSettings,
    private readonly commandFor: (run: RunState) => RegisteredCommand | undefined
  ) {}

  /** Starts executing a run in the background. */
  start(run: RunState): void {
    const execution = this.execute(run)
      .catch((error: unknown) => {
        this.finish(run, 'failure', [
          `##[error]The emulator failed to run the job: ${(error as Error).message}`
        ])
      })
      .then(() => (this.stopped ? undefined : this.settings.onCompleted?.(run)))
      // A workflow that cannot start (its file is invalid at the default branch) is not started, as on GitHub.
      .catch(() => undefined)
    this.executions.add(execution)
    void execution.finally(() => this.executions.delete(execution))
  }

  /** Asks a run to stop: a queued run completes as cancelled, a running process is ended. */
  cancel(run: RunState): void {
    run.cancelRequested = true
    const child = this.children.get(run.id)
    if (child) killTree(child)
    for (const entry of this.timers) entry.resolve()
  }

  /** Resolves when every run started so far has completed. */
  async idle(): Promise<void> {
    while (this.executions.size) await Promise.allSettled([...this.executions])
  }

  /** Ends every process and timer. */
  async stop(): Promise<void> {
    this.stopped = true
    for (const child of this.children.values()) killTree(child)
    for (const entry of this.timers) {
      clearTimeout(entry.timer)
      entry.resolve()
    }
    await this.idle()
    if (this.runnersRoot) await rm(await this.runnersRoot, { recursive: true, force: true })
  }

  private now(): number {
    return this.services().now()
  }

  // Waits `ms` of emulator time, or less when a cancel or stop arrives.
  private wait(ms: number): Promise<void> {
    const speed = this.services().clockSpeed || 1
    return new Promise(resolve => {
      const entry = { timer: setTimeout(() => done(), Math.max(0, ms / speed)), resolve: () => done() }
      const done = (): void => {
        clearTimeout(entry.timer)
        this.timers.delete(entry)
        resolve()
      }
      this.timers.add(entry)
    })
  }

  private stamp(text: string): string {
    return `${new Date(this.now()).toISOString().replace('Z', '0000Z')} ${text}`
  }

  private touch(run: RunState): void {
    run.updatedAt = Math.max(this.now(), run.updatedAt + 1)
  }

  private beginStep(run: RunState, index: number): StepState {
    const step = run.job.steps[index]
    step.status = 'in_progress'
    step.startedAt = this.now()
    return step
  }

  private endStep(step: StepState, conclusion: StepState['conclusion']): void {
    step.status = 'completed'
    step.conclusion = conclusion
    step.completedAt = this.now()
  }

  private async execute(run: RunState): Promise<void> {
    await this.wait(this.settings.queueDelayMs)
    if (run.cancelRequested || this.stopped) {
      this.finish(run, 'cancelled', ['##[error]The run was canceled before a runner picked it up.'])
      return
    }
    if (run.skipped) return this.finish(run, 'skipped', [])
    run.status = 'in_progress'
    run.startedAt = this.now()
    run.job.status = 'in_progress'
    run.job.startedAt = this.now()
    this.touch(run)

    const setup = this.beginStep(run, 0)
    setup.log.push(
      this.stamp('Current runner version: emulator'),
      this.stamp(`Job is about to start running on the emulator (run ${run.id}, attempt 1)`),
      ...(run.conditionNote ? [this.stamp(`##[warning]${run.conditionNote}`)] : [])
    )
    this.endStep(setup, 'success')

    if (run.plan) {
      // A runner machine runs one job at a time, in the same directories every time (the Actions cache's
      // versions hash the absolute paths it saves, RUNNER_TEMP's among them).
      let slot = this.busy.indexOf(false)
      if (slot < 0) slot = this.busy.push(true) - 1
      this.busy[slot] = true
      this.runnersRoot ??= mkdtemp(join(tmpdir(), 'self-heal-runners-'))
      const root = join(await this.runnersRoot, `runner-${slot}`)
      try {
        await this.executePlan(run, run.plan, root)
      } finally {
        await rm(root, { recursive: true, force: true })
        this.busy[slot] = false
      }
      return
    }
    const workdir = await mkdtemp(join(tmpdir(), `self-heal-run-${run.id}-`))
    const checkoutStep = this.beginStep(run, 1)
    try {
      checkoutStep.log.push(this.stamp(`##[group]Run actions/checkout@v5`), this.stamp(`ref: ${run.ref}`))
      await checkout(run.workflow.repo.gitDir, run.headSha, workdir)
      checkoutStep.log.push(
        this.stamp(`HEAD is now at ${run.headSha.slice(0, 7)}`),
        this.stamp('##[endgroup]')
      )
      this.endStep(checkoutStep, 'success')

      const commandStep = this.beginStep(run, 2)
      const registered = this.commandFor(run)
      const command =
        registered === undefined
          ? run.inputs.command
          : typeof registered.command === 'function'
            ? registered.command(run.inputs)
            : registered.command
      if (!command) {
        commandStep.log.push(
          this.stamp(
            "##[error]Nothing to run: the dispatch has no 'command' input and no command is registered for this workflow."
          )
        )
        this.endStep(commandStep, 'failure')
        run.job.annotations.push(exitCodeAnnotation(1))
        this.skipRest(run, 3)
        this.finish(run, 'failure', [])
        return
      }
      const started = this.now()
      const { exitCode, timedOut } = await this.runProcess(
        run,
        commandStep,
        command,
        workdir,
        registered?.env ?? {}
      )
      run.job.annotations.push(...(await this.reportAnnotations(workdir, started)))
      if (timedOut) {
        const message = `The job running on runner emulator has exceeded the maximum execution time of ${run.definition.job.timeoutMinutes} minutes.`
        commandStep.log.push(this.stamp(`##[error]${message}`))
        run.job.annotations.push({ ...exitCodeAnnotation(exitCode), message })
        this.endStep(commandStep, 'cancelled')
        this.skipRest(run, 3)
        this.finish(run, 'cancelled', [])
        return
      }
      if (run.cancelRequested) {
        commandStep.log.push(this.stamp('##[error]The operation was canceled.'))
        this.endStep(commandStep, 'cancelled')
        this.skipRest(run, 3)
        this.finish(run, 'cancelled', [])
        return
      }
      if (exitCode !== 0) {
        commandStep.log.push(this.stamp(`##[error]Process completed with exit code ${exitCode}.`))
        run.job.annotations.push(exitCodeAnnotation(exitCode))
      }
      this.endStep(commandStep, exitCode === 0 ? 'success' : 'failure')
      const complete = this.beginStep(run, 3)
      complete.log.push(this.stamp('Cleaning up orphan processes'))
      this.endStep(complete, 'success')
      this.finish(run, exitCode === 0 ? 'success' : 'failure', [])
    } finally {
      await rm(workdir, { recursive: true, force: true })
    }
  }

  // The workflow file's steps, one after the other in the workspace; after a failure only post steps run. The
  // workspace and RUNNER_TEMP are laid out as on GitHub's runners (work/NAME/NAME and work/_temp), so paths from
  // one to the other (the Actions cache's keys hash them) are the same in every run.
  private async executePlan(run: RunState, plan: PlannedStep[], root: string): Promise<void> {
    const name = run.workflow.repo.name
    const workdir = join(root, 'work', name, name)
    const temp = join(root, 'work', '_temp')
    await mkdir(workdir, { recursive: true })
    await mkdir(temp, { recursive: true })
    const eventPath = join(temp, 'event.json')
    await writeFile(eventPath, JSON.stringify(run.eventPayload ?? {}))
    const runEnv = { ...this.settings.runEnv?.(run), RUNNER_TEMP: temp, GITHUB_EVENT_PATH: eventPath }
    let failed = false
    for (const [index, planned] of plan.entries()) {
      const step = run.job.steps[index + 1]
      if (failed && planned.kind !== 'post') {
        this.endStep(step, 'skipped')
        continue
      }
      this.beginStep(run, index + 1)
      if (planned.kind === 'checkout') {
        step.log.push(this.stamp(`##[group]Run ${planned.uses}`), this.stamp(`ref: ${run.ref}`))
        await checkout(run.workflow.repo.gitDir, run.headSha, workdir)
        step.log.push(this.stamp(`HEAD is now at ${run.headSha.slice(0, 7)}`), this.stamp('##[endgroup]'))
        this.endStep(step, 'success')
        continue
      }
      if (planned.kind === 'unsupported') {
        step.log.push(
          this.stamp(
            `##[warning]The emulator runs only run: steps, actions/checkout and self-heal: ${planned.uses} was not run.`
          )
        )
        this.endStep(step, 'success')
        continue
      }
      // Each step its own command files, as the runner gives them; a post step reads its main step's state.
      const files = Object.fromEntries(
        ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'].map(name => [
          name,
          join(temp, `${name.toLowerCase()}-${index}`)
        ])
      )
      for (const file of Object.values(files)) await writeFile(file, '')
      const state =
        planned.kind === 'post'
          ? await readState(join(temp, `github_state-${planned.main}`))
          : ({} as Record<string, string>)
      const isAction = planned.kind !== 'run'
      const started = this.now()
      const { exitCode, timedOut } = await this.runProcess(
        run,
        step,
        isAction ? `"${process.execPath}" "${this.settings.actionEntry}"` : planned.run!,
        workdir,
        { ...runEnv, ...files, ...state, ...planned.env },
        {
          inputs: isAction ? planned.inputs : {},
          header: isAction
            ? [
                `Run ${planned.uses}`,
                ...Object.entries(planned.inputs).map(([k, v]) => `  ${k}: ${v.split('\n')[0]}`)
              ]
            : undefined
        }
      )
      run.job.annotations.push(...(await this.reportAnnotations(workdir, started)))
      if (timedOut || run.cancelRequested) {
        const message = timedOut
          ? `The job running on runner emulator has exceeded the maximum execution time of ${run.definition.job.timeoutMinutes} minutes.`
          : 'The operation was canceled.'
        step.log.push(this.stamp(`##[error]${message}`))
        if (timedOut) run.job.annotations.push({ ...exitCodeAnnotation(exitCode), message })
        this.endStep(step, 'cancelled')
        this.skipRest(run, index + 2)
        this.finish(run, 'cancelled', [])
        return
      }
      if (exitCode !== 0) {
        step.log.push(this.stamp(`##[error]Process completed with exit code ${exitCode}.`))
        run.job.annotations.push(exitCodeAnnotation(exitCode))
        failed = true
      }
      this.endStep(step, exitCode === 0 ? 'success' : 'failure')
    }
    const complete = this.beginStep(run, plan.length + 1)
    complete.log.push(this.stamp('Cleaning up orphan processes'))
    this.endStep(complete, 'success')
    this.finish(run, failed ? 'failure' : 'success', [])
  }

  private skipRest(run: RunState, from: number): void {
    for (const step of run.job.steps.slice(from)) {
      if (step.status !== 'completed') {
        step.status = 'completed'
        step.conclusion = 'skipped'
      }
    }
  }

  private finish(
    run: RunState,
    conclusion: 'success' | 'failure' | 'cancelled' | 'skipped',
    lines: string[]
  ): void {
    if (run.status === 'completed') return
    const open = run.job.steps.find(step => step.status !== 'completed')
    if (open) open.log.push(...lines.map(line => this.stamp(line)))
    else if (lines.length) run.job.steps[run.job.steps.length - 1].log.push(...lines.map(l => this.stamp(l)))
    for (const step of run.job.steps) {
      if (step.status !== 'completed') {
        step.conclusion = step.status === 'in_progress' ? conclusion : 'skipped'
        step.status = 'completed'
        step.completedAt = this.now()
      }
    }
    run.job.status = 'completed'
    run.job.conclusion = conclusion
    run.job.startedAt ??= this.now()
    run.job.completedAt = this.now()
    run.status = 'completed'
    run.conclusion = conclusion
    this.touch(run)
  }

  private runProcess(
    run: RunState,
    step: StepState,
    command: string,
    cwd: string,
    extraEnv: Record<string, string>,
    options: { inputs?: Record<string, string>; header?: string[] } = {}
  ): Promise<{ exitCode: number; timedOut: boolean }> {
    const services = this.services()
    const repo = run.workflow.repo
    // As the runner gives an action its inputs (names keep their `-`: bash passes them on, unlike dash).
    const inputEnv = Object.fromEntries(
      Object.entries(options.inputs ?? run.inputs).map(([key, value]) => [
        `INPUT_${key.replace(/ /g, '_').toUpperCase()}`,
        value
      ])
    )
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...inputEnv,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_RUN_ID: String(run.id),
      GITHUB_RUN_NUMBER: String(run.runNumber),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: run.job.name,
      GITHUB_WORKFLOW: run.definition.name,
      GITHUB_REF: run.ref,
      GITHUB_REF_NAME: run.headBranch,
      GITHUB_SHA: run.headSha,
      GITHUB_REPOSITORY: repo.fullName,
      GITHUB_EVENT_NAME: run.event,
      GITHUB_HEAD_REF: run.pullRequest?.headRef ?? '',
      GITHUB_BASE_REF: run.pullRequest?.baseRef ?? '',
      GITHUB_WORKSPACE: cwd,
      GITHUB_API_URL: services.url,
      GITHUB_SERVER_URL: services.url,
      ...extraEnv
    }
    const header = options.header ?? [`Run ${command.split('\n')[0]}`]
    step.log.push(this.stamp(`##[group]${header[0]}`), ...header.slice(1).map(line => this.stamp(line)))
    step.log.push(this.stamp('##[endgroup]'))
    const speed = services.clockSpeed || 1
    const timeoutMs = (run.definition.job.timeoutMinutes * 60_000) / speed
    return new Promise(resolve => {
      const child = spawn(command, {
        // A `run:` step's shell on Linux and macOS runners is bash.
        shell: process.platform === 'win32' ? true : 'bash',
        cwd,
        env,
        detached: process.platform !== 'win32',
        stdio: ['ignore', 'pipe', 'pipe']
      })
      this.children.set(run.id, child)
      // A cancel that arrived during checkout ends the process as soon as it exists.
      if (run.cancelRequested || this.stopped) killTree(child)
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        killTree(child)
      }, timeoutMs)
      const onLines = (buffered: { rest: string }) => (chunk: Buffer) => {
        const text = buffered.rest + chunk.toString('utf8')
        const lines = text.split(/\r?\n/)
        buffered.rest = lines.pop() ?? ''
        for (const line of lines) this.logOutput(run, step, line)
      }
      const out = { rest: '' }
      const err = { rest: '' }
      child.stdout?.on('data', onLines(out))
      child.stderr?.on('data', onLines(err))
      const done = (code: number | null, signal: NodeJS.Signals | null): void => {
        clearTimeout(timer)
        this.children.delete(run.id)
        for (const rest of [out.rest, err.rest]) if (rest) this.logOutput(run, step, rest)
        out.rest = err.rest = ''
        resolve({ exitCode: code ?? (signal ? 128 + signalNumber(signal) : 1), timedOut })
      }
      child.on('error', error => {
        this.logOutput(run, step, `##[error]${error.message}`)
        done(127, null)
      })
      child.on('close', done)
    })
  }

  private logOutput(run: RunState, step: StepState, line: string): void {
    const command = parseWorkflowCommand(line)
    if (command) run.job.annotations.push(command.annotation)
    step.log.push(this.stamp(command ? command.logLine : line))
    if (step.log.length > this.settings.maxLogLines) {
      const keep = Math.floor(this.settings.maxLogLines / 2)
      step.log.splice(
        keep,
        step.log.length - this.settings.maxLogLines + 1,
        this.stamp('… (log truncated) …')
      )
    }
  }

  // JUnit reports written by the command during this run become annotations, as a test reporter action would.
  private async reportAnnotations(workdir: string, startedAt: number): Promise<Annotation[]> {
    const reports: string[] = []
    const speed = this.services().clockSpeed || 1
    const realStart = Date.now() - (this.now() - startedAt) / speed - 1000
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > JUNIT_SCAN_DEPTH) return
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        if (entry.name === '.git' || entry.name === 'node_modules') continue
        const full = join(dir, entry.name)
        if (entry.isDirectory()) await walk(full, depth + 1)
        else if (entry.isFile() && entry.name.endsWith('.xml')) {
          const info = await stat(full)
          if (info.mtimeMs >= realStart && info.size < 32 * 1024 * 1024) reports.push(full)
        }
      }
    }
    await walk(workdir, 0)
    const annotations: Annotation[] = []
    for (const report of reports.sort()) {
      const xml = await readFile(report, 'utf8')
      if (!/<testsuite[\s>]/.test(xml)) continue
      annotations.push(...junitAnnotations(xml, relative(workdir, report).replace(/\\/g, '/')))
    }
    return annotations
  }
}

// The state a main step saved (`name<<DELIMITER`, the value, `DELIMITER`), as `STATE_name` for its post step.
async function readState(file: string): Promise<Record<string, string>> {
  const text = await readFile(file, 'utf8').catch(() => '')
  const state: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1)
      if (end < 0) break
      state[`STATE_${heredoc[1]}`] = lines.slice(i + 1, end).join('\n')
      i = end
      continue
    }
    const pair = /^([^=]+)=(.*)$/.exec(lines[i])
    if (pair) state[`STATE_${pair[1]}`] = pair[2]
  }
  return state
}

function killTree(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  const pid = child.pid
  const signal = (name: NodeJS.Signals): void => {
    try {
      if (process.platform === 'win32') child.kill(name)
      else process.kill(-pid, name)
    } catch {
      // Already gone.
    }
  }
  signal('SIGTERM')
  const hard = setTimeout(() => signal('SIGKILL'), 2000)
  hard.unref()
  child.once('close', () => clearTimeout(hard))
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ?? 1
}

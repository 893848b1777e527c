/**
 * What the emulator reads from a workflow file: its name, whether it has a `workflow_dispatch` trigger and which
 * inputs that trigger declares, the workflows a `workflow_run` trigger names, its `run-name`, and its first job
 * with its `if:` and steps (`name`, `run`, `uses`, `with`, `env`; a step's `if:`, `runs-on`, `shell` and the rest
 * are ignored). Expressions are evaluated only as far as run names, job names, the job's `if:` and steps need
 * (`inputs.*`, `github.event.inputs.*`, `github.*` values and the event's fields, `secrets.GITHUB_TOKEN`).
 */
import { load } from 'js-yaml'

/** One `workflow_dispatch` input as declared. */
export interface DispatchInput {
  /** Whether the input must be given (when it has no default). */
  required: boolean
  /** The default, as a string. */
  default?: string
  /** `string`, `boolean`, `number`, `choice` or `environment`. */
  type: string
  /** The allowed values of a `choice` input. */
  options?: string[]
}

/** The parts of a workflow the emulator uses. */
export interface WorkflowDefinition {
  /** `name:`, or the file path when absent (as GitHub shows it). */
  name: string
  /** The `run-name:` template, when present. */
  runName?: string
  /** The `workflow_dispatch` inputs, or undefined when the workflow has no such trigger. */
  dispatchInputs?: Record<string, DispatchInput>
  /** The `workflow_run` trigger: the names of the workflows whose completed runs start this one. */
  workflowRun?: { workflows: string[] }
  /** The `pull_request` trigger: the activity types that start it (GitHub's default: opened, synchronize, reopened). */
  pullRequest?: { types: string[] }
  /** The first job: its display name template, timeout and steps (templates, evaluated when a run starts). */
  job: { name: string; timeoutMinutes: number; steps: WorkflowStep[]; if?: string }
}

/** One step of a job, as written (expressions not evaluated). */
export interface WorkflowStep {
  /** `name:`, when given. */
  name?: string
  /** A `run:` script. */
  run?: string
  /** A `uses:` action reference. */
  uses?: string
  /** The action's inputs. */
  with: Record<string, string>
  /** The step's environment. */
  env: Record<string, string>
}

/** Parses a workflow file; a file that is not valid YAML or has no jobs is reported with a clear message. */
export function parseWorkflow(path: string, text: string): WorkflowDefinition {
  let doc: unknown
  try {
    doc = load(text)
  } catch (error) {
    throw new Error(`Invalid workflow file ${path}: ${(error as Error).message}`, { cause: error })
  }
  if (!isRecord(doc)) throw new Error(`Invalid workflow file ${path}: the top level is not a mapping`)
  const name = typeof doc.name === 'string' && doc.name.trim() ? doc.name : path
  const runName = typeof doc['run-name'] === 'string' ? doc['run-name'] : undefined
  const on = doc.on ?? doc.true
  const dispatchInputs = readDispatchTrigger(on)
  const workflowRun = readWorkflowRunTrigger(on)
  const pullRequest = readPullRequestTrigger(on)
  const jobs = isRecord(doc.jobs) ? doc.jobs : {}
  const [jobKey, jobValue] = Object.entries(jobs)[0] ?? ['build', {}]
  const jobRecord = isRecord(jobValue) ? jobValue : {}
  const timeout = Number(jobRecord['timeout-minutes'])
  return {
    name,
    runName,
    dispatchInputs,
    ...(workflowRun ? { workflowRun } : {}),
    ...(pullRequest ? { pullRequest } : {}),
    job: {
      name: typeof jobRecord.name === 'string' ? jobRecord.name : jobKey,
      timeoutMinutes: Number.isFinite(timeout) && timeout > 0 ? timeout : 360,
      steps: readSteps(path, jobKey, jobRecord.steps),
      ...(jobRecord.if !== undefined && jobRecord.if !== null ? { if: String(jobRecord.if) } : {})
    }
  }
}

/** The steps of a job; a step with neither `run` nor `uses` (or both) is refused, as GitHub refuses the file. */
export function readSteps(path: string, jobKey: string, raw: unknown): WorkflowStep[] {
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw))
    throw new Error(`Invalid workflow file ${path}: jobs.${jobKey}.steps is not a list`)
  return raw.map((value, index) => {
    const where = `jobs.${jobKey}.steps[${index}]`
    if (!isRecord(value)) throw new Error(`Invalid workflow file ${path}: ${where} is not a mapping`)
    const run = typeof value.run === 'string' ? value.run : undefined
    const uses = typeof value.uses === 'string' ? value.uses.trim() : undefined
    if ((run === undefined) === (uses === undefined)) {
      throw new Error(`Invalid workflow file ${path}: ${where} must have exactly one of 'run' and 'uses'`)
    }
    return {
      ...(typeof value.name === 'string' ? { name: value.name } : {}),
      ...(run !== undefined ? { run } : { uses }),
      with: scalars(value.with),
      env: scalars(value.env)
    }
  })
}

// A mapping of scalars as the runner passes them on: every value a string (YAML's `true`, `3` included).
function scalars(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {}
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
      .map(([k, v]) => [k, String(v)])
  )
}

const PULL_REQUEST_TYPES = ['opened', 'synchronize', 'reopened']

// `on: pull_request`, in a list, or as a mapping with `types:` (its `branches`/`paths` filters are not read).
function readPullRequestTrigger(on: unknown): { types: string[] } | undefined {
  if (on === 'pull_request' || (Array.isArray(on) && on.includes('pull_request'))) {
    return { types: PULL_REQUEST_TYPES }
  }
  if (!isRecord(on) || !('pull_request' in on)) return undefined
  const trigger = on.pull_request
  const types = isRecord(trigger) ? trigger.types : undefined
  if (Array.isArray(types)) return { types: types.map(String) }
  return { types: typeof types === 'string' ? [types] : PULL_REQUEST_TYPES }
}

function readWorkflowRunTrigger(on: unknown): { workflows: string[] } | undefined {
  if (!isRecord(on) || !isRecord(on.workflow_run)) return undefined
  const { workflows, types } = on.workflow_run
  // Only `completed` runs are emulated (GitHub's default types also start runs on `requested`).
  if (Array.isArray(types) && !types.includes('completed')) return undefined
  const names = Array.isArray(workflows)
    ? workflows.map(String)
    : typeof workflows === 'string'
      ? [workflows]
      : []
  return names.length ? { workflows: names } : undefined
}

// `on:` may be a string, a list or a mapping; YAML 1.1 readers turn a bare `on` key into `true`, hence doc.true.
function readDispatchTrigger(on: unknown): Record<string, DispatchInput> | undefined {
  if (on === 'workflow_dispatch') return {}
  if (Array.isArray(on)) return on.includes('workflow_dispatch') ? {} : undefined
  if (!isRecord(on) || !('workflow_dispatch' in on)) return undefined
  const trigger = on.workflow_dispatch
  const inputs: Record<string, DispatchInput> = {}
  if (isRecord(trigger) && isRecord(trigger.inputs)) {
    for (const [key, raw] of Object.entries(trigger.inputs)) {
      const spec = isRecord(raw) ? raw : {}
      inputs[key] = {
        required: spec.required === true,
        default: spec.default === undefined || spec.default === null ? undefined : String(spec.default),
        type: typeof spec.type === 'string' ? spec.type : 'string',
        options: Array.isArray(spec.options) ? spec.options.map(String) : undefined
      }
    }
  }
  return inputs
}

/** Values an expression may read. */
export interface ExpressionContext {
  /** The run's inputs (after defaults). */
  inputs: Record<string, string>
  /** `github.*` values (ref_name, actor, workflow, sha, run_id, ...). */
  github: Record<string, string>
  /** The event's payload, read by `github.event.*` (e.g. `github.event.workflow_run.id`). */
  event?: Record<string, unknown>
  /** `secrets.*` (the emulator has only GITHUB_TOKEN). */
  secrets?: Record<string, string>
}

/**
 * Replaces every `${{ ... }}` in a template. Supported: `inputs.X`, `inputs['X']`, `github.event.inputs.X`,
 * `github.X`, string literals and `||` between them; anything else evaluates to the empty string, as an undefined
 * property does on GitHub.
 */
export function evaluateTemplate(template: string, context: ExpressionContext): string {
  return template.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => {
    for (const alternative of expression.split('||')) {
      const value = evaluateOperand(alternative.trim(), context)
      if (value) return value
    }
    return ''
  })
}

function evaluateOperand(operand: string, context: ExpressionContext): string {
  const literal = /^'((?:[^']|'')*)'$/.exec(operand)
  if (literal) return literal[1].replace(/''/g, "'")
  const path = operand.replace(/\[\s*'([^']+)'\s*\]/g, '.$1').split('.')
  if (path[0] === 'inputs') return context.inputs[path.slice(1).join('.')] ?? ''
  if (path[0] === 'github' && path[1] === 'event' && path[2] === 'inputs') {
    return context.inputs[path.slice(3).join('.')] ?? ''
  }
  if (path[0] === 'github' && path[1] === 'event') {
    let value: unknown = context.event
    for (const key of path.slice(2)) value = isRecord(value) ? value[key] : undefined
    return value === undefined || value === null || typeof value === 'object' ? '' : String(value)
  }
  if (path[0] === 'github' && path.length === 2) return context.github[path[1]] ?? ''
  if (path[0] === 'secrets' && path.length === 2) return context.secrets?.[path[1]] ?? ''
  return ''
}

/** What a job's `if:` came to; `note` says why a condition the emulator cannot read counted as true. */
export interface ConditionResult {
  value: boolean
  note?: string
}

const CONDITION_TOKEN =
  /\s*(?:('(?:[^']|'')*')|(==|!=|&&|\|\||!|\(|\))|([A-Za-z_][\w-]*(?:\.[\w-]+|\[\s*'[^']*'\s*\])*)|(-?\d+(?:\.\d+)?))/y

/**
 * Evaluates a job's `if:` (with or without `${{ }}`): operands as in templates (`github.event.workflow_run.event`,
 * `inputs.X`, string literals), `true`, `false`, `null` and numbers, with `==` and `!=` (strings compared ignoring
 * case, as GitHub does), `!`, `&&`, `||` and parentheses. Anything else (functions such as `contains()` or
 * `failure()`, other operators) is not read: the condition counts as true, and `note` says so.
 */
export function evaluateCondition(condition: string, context: ExpressionContext): ConditionResult {
  const text = condition
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
    .trim()
  const tokens: string[] = []
  CONDITION_TOKEN.lastIndex = 0
  while (CONDITION_TOKEN.lastIndex < text.length) {
    const at = CONDITION_TOKEN.lastIndex
    const match = CONDITION_TOKEN.exec(text)
    if (!match || match[0].trim() === '') {
      if (text.slice(at).trim() === '') break
      return unreadable(condition, `it has '${text.slice(at).trim()}'`)
    }
    tokens.push(match[0].trim())
  }
  let index = 0
  type Value = string | boolean | number | null
  const truthy = (value: Value): boolean => value !== '' && value !== false && value !== 0 && value !== null
  const loose = (value: Value): string => (value === null ? '' : String(value).toLowerCase())
  const primary = (): Value => {
    const token = tokens[index++]
    if (token === undefined) throw new Error('it ends too soon')
    if (token === '!') return !truthy(primary())
    if (token === '(') {
      const value = or()
      if (tokens[index++] !== ')') throw new Error("a '(' is not closed")
      return value
    }
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'")
    if (/^-?\d/.test(token)) return Number(token)
    if (token === 'true' || token === 'false') return token === 'true'
    if (token === 'null') return null
    if (/^[A-Za-z_]/.test(token)) {
      if (tokens[index] === '(') throw new Error(`the function ${token}() is not evaluated`)
      return evaluateOperand(token, context)
    }
    throw new Error(`it has '${token}' where a value belongs`)
  }
  const comparison = (): Value => {
    let left = primary()
    while (tokens[index] === '==' || tokens[index] === '!=') {
      const equal = tokens[index++] === '=='
      const right = primary()
      left = (loose(left) === loose(right)) === equal
    }
    return left
  }
  const and = (): Value => {
    let left = comparison()
    while (tokens[index] === '&&') {
      index++
      const right = comparison()
      left = truthy(left) ? right : left
    }
    return left
  }
  const or = (): Value => {
    let left = and()
    while (tokens[index] === '||') {
      index++
      const right = and()
      left = truthy(left) ? left : right
    }
    return left
  }
  try {
    const value = or()
    if (index < tokens.length) throw new Error(`it has '${tokens[index]}' after the condition`)
    return { value: truthy(value) }
  } catch (error) {
    return unreadable(condition, (error as Error).message)
  }
}

function unreadable(condition: string, why: string): ConditionResult {
  return {
    value: true,
    note: `The emulator does not evaluate the job's if: ${condition} (${why}): the job runs.`
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A step as a run executes it: expressions evaluated, an action's inputs with their defaults. */
export interface PlannedStep {
  /** The name the jobs API shows. */
  name: string
  /**
   * `checkout` (actions/checkout: the run's commit into the workspace), `run` (a script in bash), `action` (this
   * project's bundled action: `uses: ./` or `uses: OWNER/self-heal@REF`), `post` (that action's post step, after
   * the others, with the state its main step saved), `unsupported` (any other action: logged, not run).
   */
  kind: 'checkout' | 'run' | 'action' | 'post' | 'unsupported'
  /** The script of a `run` step. */
  run?: string
  /** The action of a `uses` step. */
  uses?: string
  /** An action's inputs (`with:` over the defaults of the action's `action.yml`), by input name. */
  inputs: Record<string, string>
  /** The step's `env:`. */
  env: Record<string, string>
  /** For a post step: the index in the plan of its main step. */
  main?: number
}

const SELF_HEAL_ACTION = /^(?:\.\/?|[A-Za-z0-9_.-]+\/self-heal@\S+)$/

/**
 * The steps a run executes, in order, evaluated in `context`; post steps of the action come last, in reverse
 * order, as the runner runs them. `actionDefaults` are the action's input defaults (templates, such as
 * `${{ github.token }}`).
 */
export function planSteps(
  steps: WorkflowStep[],
  context: ExpressionContext,
  actionDefaults: Record<string, string>
): PlannedStep[] {
  const evaluate = (values: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, evaluateTemplate(v, context)]))
  const plan: PlannedStep[] = steps.map(step => {
    const env = evaluate(step.env)
    if (step.run !== undefined) {
      const run = evaluateTemplate(step.run, context)
      const name = step.name ? evaluateTemplate(step.name, context) : `Run ${run.split('\n')[0]}`
      return { name, kind: 'run' as const, run, inputs: {}, env }
    }
    const uses = step.uses!
    const name = step.name ? evaluateTemplate(step.name, context) : `Run ${uses}`
    const kind = /^actions\/checkout@/.test(uses)
      ? ('checkout' as const)
      : SELF_HEAL_ACTION.test(uses)
        ? ('action' as const)
        : ('unsupported' as const)
    const inputs =
      kind === 'action' ? { ...evaluate(actionDefaults), ...evaluate(step.with) } : evaluate(step.with)
    return { name, kind, uses, inputs, env }
  })
  const posts = plan
    .map((step, index) => ({ step, index }))
    .filter(({ step }) => step.kind === 'action')
    .reverse()
    .map(({ step, index }) => ({ ...step, name: `Post ${step.name}`, kind: 'post' as const, main: index }))
  return [...plan, ...posts]
}

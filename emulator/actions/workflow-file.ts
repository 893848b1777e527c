/**
 * What the emulator reads from a workflow file: its name, whether it has a `workflow_dispatch` trigger and which
 * inputs that trigger declares, its `run-name`, and its first job. Expressions are evaluated only as far as run
 * names and job names need (`inputs.*`, `github.event.inputs.*`, a few `github.*` values).
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
  /** The first job: its display name template and timeout. */
  job: { name: string; timeoutMinutes: number }
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
  const dispatchInputs = readDispatchTrigger(doc.on ?? doc.true)
  const jobs = isRecord(doc.jobs) ? doc.jobs : {}
  const [jobKey, jobValue] = Object.entries(jobs)[0] ?? ['build', {}]
  const jobRecord = isRecord(jobValue) ? jobValue : {}
  const timeout = Number(jobRecord['timeout-minutes'])
  return {
    name,
    runName,
    dispatchInputs,
    job: {
      name: typeof jobRecord.name === 'string' ? jobRecord.name : jobKey,
      timeoutMinutes: Number.isFinite(timeout) && timeout > 0 ? timeout : 360
    }
  }
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
  if (path[0] === 'github' && path.length === 2) return context.github[path[1]] ?? ''
  return ''
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

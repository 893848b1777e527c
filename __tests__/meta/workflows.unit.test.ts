/**
 * The workflow templates in docs/workflows, the composite example, the sub-actions and the README's examples agree
 * with action.yml: every self-heal input they pass exists, every action they use is pinned to a major version, and
 * the manual workflow's inputs are the ones it reads.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import yaml from 'js-yaml'
import { OPERATIONS } from '../../src/main.js'

interface Step {
  uses?: string
  with?: Record<string, unknown>
  run?: string
}
interface Input {
  description?: string
  default?: unknown
  required?: boolean
}
interface Metadata {
  inputs: Record<string, Input>
  outputs?: Record<string, unknown>
  runs: { using: string; main?: string; post?: string; steps?: Step[] }
}

const load = <T>(path: string): T => yaml.load(readFileSync(path, 'utf8')) as T
const root = load<Metadata>('action.yml')
const SUB_ACTIONS = ['check', 'apply', 'dispatch']
const actions: Record<string, Metadata> = { '': root }
for (const name of SUB_ACTIONS) actions[`/${name}`] = load<Metadata>(join(name, 'action.yml'))
const major = `v${(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version.split('.')[0]}`

/** Every step of a workflow's jobs, or of a composite action. */
function stepsOf(document: { jobs?: Record<string, { steps?: Step[] }>; runs?: { steps?: Step[] } }): Step[] {
  return [
    ...Object.values(document.jobs ?? {}).flatMap(job => job.steps ?? []),
    ...(document.runs?.steps ?? [])
  ]
}

/** Checks the steps' `uses:`: pinned, and self-heal's with only inputs its action.yml declares. */
function checkSteps(steps: Step[], where: string): number {
  let selfHeal = 0
  for (const step of steps) {
    if (!step.uses || step.uses.startsWith('./')) continue
    const match = /^([\w.-]+\/[\w.-]+)(\/[\w./-]+)?@(.+)$/.exec(step.uses)
    expect({
      where,
      uses: step.uses,
      pinned: Boolean(match && /^(v\d+|[0-9a-f]{40})$/.test(match[3]))
    }).toEqual({
      where,
      uses: step.uses,
      pinned: true
    })
    if (match?.[1] !== 'OWNER/self-heal') continue
    selfHeal++
    expect({ where, ref: match[3] }).toEqual({ where, ref: major })
    const action = actions[match[2] ?? '']
    expect({ where, action: match[2] ?? '', exists: Boolean(action) }).toEqual({
      where,
      action: match[2] ?? '',
      exists: true
    })
    const unknown = Object.keys(step.with ?? {}).filter(name => !(name in action.inputs))
    expect({ where, unknown }).toEqual({ where, unknown: [] })
  }
  return selfHeal
}

describe('workflow templates and examples', () => {
  const templates = readdirSync('docs/workflows').filter(name => name.endsWith('.yml'))

  it('ships the manual, push, pull request, deliver and on-failure workflows', () => {
    expect(templates.sort()).toEqual([
      'self-heal-deliver.yml',
      'self-heal-manual.yml',
      'self-heal-on-failure.yml',
      'self-heal-pull-request.yml',
      'self-heal-push.yml'
    ])
    const on = (name: string) => Object.keys(load<{ on: object }>(join('docs/workflows', name)).on)
    expect(on('self-heal-manual.yml')).toEqual(['workflow_dispatch'])
    expect(on('self-heal-push.yml')).toEqual(['push'])
    expect(on('self-heal-pull-request.yml')).toEqual(['pull_request'])
    expect(on('self-heal-deliver.yml')).toEqual(['workflow_run'])
    expect(on('self-heal-on-failure.yml')).toEqual(['workflow_run'])
    // The privileged workflow never checks out the pull request's code.
    expect(readFileSync('docs/workflows/self-heal-deliver.yml', 'utf8')).not.toMatch(
      /uses: actions\/checkout/
    )
  })

  it.each(templates)('%s uses self-heal with declared inputs only, every action pinned', name => {
    const document = load<{ jobs: Record<string, { steps: Step[] }> }>(join('docs/workflows', name))
    expect(checkSteps(stepsOf(document), name)).toBeGreaterThan(0)
  })

  it('the manual workflow takes ref, check, fixers and deliver, and reads no undeclared input', () => {
    const text = readFileSync('docs/workflows/self-heal-manual.yml', 'utf8')
    const inputs = load<{
      on: { workflow_dispatch: { inputs: Record<string, Input & { options?: string[] }> } }
    }>('docs/workflows/self-heal-manual.yml').on.workflow_dispatch.inputs
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['ref', 'check', 'fixers', 'deliver']))
    expect(inputs.deliver.options).toEqual(['pull-request', 'dry-run'])
    const read = new Set([...text.matchAll(/inputs\.([\w-]+)/g)].map(match => match[1]))
    expect([...read].filter(name => !(name in inputs))).toEqual([])
    expect([...read].sort()).toEqual(Object.keys(inputs).sort())
  })

  it("the composite example and this repository's workflows pin every action", () => {
    const composite = load<Metadata>('docs/composite-example/action.yml')
    expect(composite.runs.using).toBe('composite')
    expect(checkSteps(stepsOf(composite), 'docs/composite-example/action.yml')).toBe(2)
    for (const name of readdirSync('.github/workflows')) {
      checkSteps(stepsOf(load(join('.github/workflows', name))), `.github/workflows/${name}`)
    }
  })

  it("the READMEs' YAML examples pass only declared inputs", () => {
    let examples = 0
    for (const readme of ['README.md', ...SUB_ACTIONS.map(name => join(name, 'README.md'))]) {
      for (const [, block] of readFileSync(readme, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)) {
        if (!block.includes('OWNER/self-heal')) continue
        const document = yaml.load(block) as
          Step[] | { steps?: Step[]; jobs?: Record<string, { steps: Step[] }> }
        const steps = Array.isArray(document) ? document : [...(document.steps ?? []), ...stepsOf(document)]
        examples += checkSteps(steps, readme)
      }
    }
    expect(examples).toBeGreaterThanOrEqual(5)
  })
})

describe('the sub-actions', () => {
  it.each(SUB_ACTIONS)(
    '%s runs the root bundle with operation fixed, and only inputs of the root action',
    name => {
      const sub = actions[`/${name}`]
      expect(sub.runs).toEqual({ using: root.runs.using, main: '../dist/index.js' })
      expect(OPERATIONS as readonly string[]).toContain(name)
      expect(sub.inputs.operation.default).toBe(name)
      for (const [input, declared] of Object.entries(sub.inputs)) {
        if (input === 'operation') continue
        expect({ input, known: input in root.inputs }).toEqual({ input, known: true })
        expect({ input, default: String(declared.default ?? '') }).toEqual({
          input,
          default: String(root.inputs[input].default ?? '')
        })
      }
      for (const output of Object.keys(sub.outputs ?? {})) {
        expect({ output, known: output in (root.outputs ?? {}) }).toEqual({ output, known: true })
      }
    }
  )
})

describe('.env.example', () => {
  it('sets only inputs action.yml declares, named as the runner names them (hyphens kept)', () => {
    const names = [...readFileSync('.env.example', 'utf8').matchAll(/^INPUT_([A-Z0-9_-]+)=/gm)].map(m => m[1])
    const declared = Object.keys(root.inputs).map(name => name.replace(/ /g, '_').toUpperCase())
    expect(names.length).toBeGreaterThan(5)
    expect(names.filter(name => !declared.includes(name))).toEqual([])
  })
})

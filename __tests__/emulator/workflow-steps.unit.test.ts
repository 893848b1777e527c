/** What the emulator reads from a workflow file to run it: triggers, the first job's steps, and their expressions. */
import { describe, expect, it } from '@jest/globals'
import { evaluateCondition, parseWorkflow, planSteps } from '../../emulator/actions/workflow-file.js'

const ON_FAILURE = `name: heal
on:
  workflow_run:
    workflows: [CI]
    types: [completed]
jobs:
  heal:
    if: github.event.workflow_run.conclusion == 'failure'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v5
        with:
          node-version: 24
      - name: heal \${{ github.event.workflow_run.head_branch }}
        uses: octo/self-heal@v0
        env:
          DEBUG: 'true'
        with:
          run-id: \${{ github.event.workflow_run.id }}
          kind: lint
      - run: |
          echo "\${{ inputs.missing }}done on \${{ github.ref_name }}"
          echo second
        env:
          TOKEN: \${{ secrets.GITHUB_TOKEN }}
`

describe('workflow files', () => {
  it('reads the workflow_run trigger and the steps as written, every value a string', () => {
    const definition = parseWorkflow('.github/workflows/heal.yml', ON_FAILURE)
    expect(definition.dispatchInputs).toBeUndefined()
    expect(definition.workflowRun).toEqual({ workflows: ['CI'] })
    expect(definition.job.if).toBe("github.event.workflow_run.conclusion == 'failure'")
    expect(definition.job.steps).toEqual([
      { uses: 'actions/setup-node@v5', with: { 'node-version': '24' }, env: {} },
      {
        name: 'heal ${{ github.event.workflow_run.head_branch }}',
        uses: 'octo/self-heal@v0',
        with: { 'run-id': '${{ github.event.workflow_run.id }}', kind: 'lint' },
        env: { DEBUG: 'true' }
      },
      {
        run: 'echo "${{ inputs.missing }}done on ${{ github.ref_name }}"\necho second\n',
        with: {},
        env: { TOKEN: '${{ secrets.GITHUB_TOKEN }}' }
      }
    ])
    // Only completed runs start workflows here; a step must say what it runs.
    expect(
      parseWorkflow('w.yml', ON_FAILURE.replace('types: [completed]', 'types: [requested]')).workflowRun
    ).toBeUndefined()
    expect(() =>
      parseWorkflow('w.yml', 'on: push\njobs:\n  a:\n    steps:\n      - name: nothing\n')
    ).toThrow("w.yml: jobs.a.steps[0] must have exactly one of 'run' and 'uses'")
  })

  it('plans the steps: expressions evaluated, the action with its defaults under with:, its post step last', () => {
    const plan = planSteps(
      parseWorkflow('heal.yml', ON_FAILURE).job.steps,
      {
        inputs: {},
        github: { ref_name: 'main', token: 'tok' },
        event: { workflow_run: { id: 42, head_branch: 'feature' } },
        secrets: { GITHUB_TOKEN: 'tok' }
      },
      { token: '${{ github.token }}', kind: 'command', operation: 'heal' }
    )
    expect(plan).toEqual([
      {
        name: 'Run actions/setup-node@v5',
        kind: 'unsupported',
        uses: 'actions/setup-node@v5',
        inputs: { 'node-version': '24' },
        env: {}
      },
      {
        name: 'heal feature',
        kind: 'action',
        uses: 'octo/self-heal@v0',
        inputs: { token: 'tok', kind: 'lint', operation: 'heal', 'run-id': '42' },
        env: { DEBUG: 'true' }
      },
      {
        name: 'Run echo "done on main"',
        kind: 'run',
        run: 'echo "done on main"\necho second\n',
        inputs: {},
        env: { TOKEN: 'tok' }
      },
      expect.objectContaining({ name: 'Post heal feature', kind: 'post', main: 1 })
    ])
    expect(planSteps([{ uses: './', with: {}, env: {} }], { inputs: {}, github: {} }, {})[0].kind).toBe(
      'action'
    )
  })

  it("evaluates a job's if: as the shipped workflows write it; what it cannot read counts as true, with a note", () => {
    const context = {
      inputs: { mode: 'fast' },
      github: { event_name: 'workflow_run', ref_name: 'main' },
      event: { workflow_run: { conclusion: 'failure', event: 'push', head_branch: 'feature' } }
    }
    const value = (condition: string) => {
      const result = evaluateCondition(condition, context)
      expect(result.note).toBeUndefined()
      return result.value
    }
    const shipped =
      "github.event.workflow_run.conclusion == 'failure' && github.event.workflow_run.event == 'push'"
    expect(value(shipped)).toBe(true)
    expect(value(shipped.replace("'push'", "'pull_request'"))).toBe(false)
    expect(value(`\${{ ${shipped} }}`)).toBe(true)
    expect(value("github.event_name == 'push' || github.event_name == 'workflow_run'")).toBe(true)
    expect(value("!(github.event_name == 'push') && inputs.mode != 'FAST'")).toBe(false) // strings ignore case
    expect(value("github.event.workflow_run.missing == ''")).toBe(true)
    expect(value("github.ref_name == 'it''s'")).toBe(false)
    expect(value('false || inputs.mode')).toBe(true)
    expect(value('github.event.workflow_run.missing')).toBe(false)

    for (const unread of ["contains(github.ref_name, 'ma')", 'failure()', "github.ref_name > 'a'", '(true']) {
      const result = evaluateCondition(unread, context)
      expect(result.value).toBe(true)
      expect(result.note).toContain(`does not evaluate the job's if: ${unread}`)
    }
  })
})

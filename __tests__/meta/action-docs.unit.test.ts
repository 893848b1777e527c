import { describe, expect, it } from '@jest/globals'
import { inputsTable, outputsTable, parseAction, renderReadme } from '../../scripts/action-docs.mjs'

const ACTION = `
name: demo
inputs:
  mode:
    description: 'One of \`a|b\`, say which.'
    required: true
    default: 'a'
  token:
    description: >
      The token,
      folded over lines.
    default: \${{ github.token }}
  empty:
    description: 'Nothing by default.'
outputs:
  done:
    description: 'Whether it ran.'
runs:
  using: node24
  main: dist/index.js
`

const README = `# demo

## Inputs

<!-- action-docs:inputs -->
<!-- /action-docs:inputs -->

## Outputs

<!-- action-docs:outputs -->
<!-- /action-docs:outputs -->
`

describe('action-docs', () => {
  it('renders every input with its description, default and whether it is required', () => {
    const table = inputsTable(parseAction(ACTION, 'action.yml')).split('\n')
    expect(table[0]).toBe('| name | description | default | required |')
    // A pipe inside a cell is escaped, or it would start another column; a folded description is one line.
    expect(table[2]).toBe('| `mode` | One of `a\\|b`, say which. | `a` | yes |')
    expect(table[3]).toBe('| `token` | The token, folded over lines. | `${{ github.token }}` | no |')
    expect(table[4]).toBe('| `empty` | Nothing by default. |  | no |')
    expect(outputsTable(parseAction(ACTION, 'action.yml'))).toBe(
      '| name | description |\n| --- | --- |\n| `done` | Whether it ran. |'
    )
  })

  it('detects a stale README and accepts a fresh one, stable under Prettier', async () => {
    const fresh = await renderReadme(README, ACTION)
    expect(fresh).not.toBe(README)
    expect(fresh).toContain('| `mode`  | One of `a\\|b`, say which.')
    expect(fresh).toContain('| `done` | Whether it ran. |')
    // What it writes is a fixed point: rendering again changes nothing, so --check passes after `npm run docs`.
    expect(await renderReadme(fresh, ACTION)).toBe(fresh)
    // A changed description makes the README stale again.
    const changed = ACTION.replace('Whether it ran.', 'Whether it finished.')
    const again = await renderReadme(fresh, changed)
    expect(again).not.toBe(fresh)
    expect(again).toContain('Whether it finished.')
    expect(again).not.toContain('Whether it ran.')
    // Text outside the markers is kept.
    expect(again.startsWith('# demo\n\n## Inputs\n')).toBe(true)
  })

  it('refuses a README without the markers, and metadata that is not a mapping, saying what to do', async () => {
    await expect(renderReadme('# demo\n', ACTION, { readmePath: 'x/README.md' })).rejects.toThrow(
      "x/README.md needs exactly one '<!-- action-docs:inputs -->' followed by '<!-- /action-docs:inputs -->'"
    )
    await expect(renderReadme(README.replace('<!-- /action-docs:outputs -->', ''), ACTION)).rejects.toThrow(
      /action-docs:outputs/
    )
    expect(() => parseAction('- a list', 'sub/action.yml')).toThrow(/sub\/action.yml is not a mapping/)
  })
})

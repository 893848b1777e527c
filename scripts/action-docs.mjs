// Renders the inputs and outputs tables of each action.yml into its README, between
// `<!-- action-docs:inputs -->` and `<!-- /action-docs:inputs -->` (and the same for outputs), so the README can
// never disagree with the metadata the runner reads. `--check` changes nothing and exits 1 when a README is stale.
// The result goes through Prettier, so `npm run format:check` accepts what this writes.
import { readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import yaml from 'js-yaml'
import * as prettier from 'prettier'

/** Each action and the README that documents it. */
export const TARGETS = [
  { action: 'action.yml', readme: 'README.md' },
  { action: 'check/action.yml', readme: 'check/README.md' },
  { action: 'apply/action.yml', readme: 'apply/README.md' },
  { action: 'dispatch/action.yml', readme: 'dispatch/README.md' }
]

/** Escapes text for a Markdown table cell (pipes split cells, line breaks end rows). */
function cell(text) {
  return String(text)
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .replace(/\|/g, '\\|')
}

/** A value shown as code, with a fence long enough for backticks inside. */
function code(value) {
  const text = cell(value)
  const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length)) + 1)
  return text.startsWith('`') || text.endsWith('`') ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`
}

/** Parses action.yml text; `source` names it in errors. */
export function parseAction(text, source) {
  const metadata = yaml.load(text)
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new Error(`${source} is not a mapping: it should hold an action's metadata (name, inputs, runs).`)
  }
  return metadata
}

/** The inputs table: name, description, default, required. */
export function inputsTable(metadata) {
  const rows = Object.entries(metadata.inputs ?? {}).map(([name, input]) => {
    const fallback = input?.default === undefined ? '' : String(input.default)
    return `| ${code(name)} | ${cell(input?.description ?? '')} | ${fallback === '' ? '' : code(fallback)} | ${input?.required === true ? 'yes' : 'no'} |`
  })
  return ['| name | description | default | required |', '| --- | --- | --- | --- |', ...rows].join('\n')
}

/** The outputs table: name, description. */
export function outputsTable(metadata) {
  const rows = Object.entries(metadata.outputs ?? {}).map(
    ([name, output]) => `| ${code(name)} | ${cell(output?.description ?? '')} |`
  )
  return ['| name | description |', '| --- | --- |', ...rows].join('\n')
}

/** Replaces what stands between the markers of `section` with `body`; `source` names the README in errors. */
function replaceSection(readme, section, body, source) {
  const open = `<!-- action-docs:${section} -->`
  const close = `<!-- /action-docs:${section} -->`
  const start = readme.indexOf(open)
  const end = readme.indexOf(close)
  if (start < 0 || end < start || readme.indexOf(open, start + 1) >= 0) {
    throw new Error(
      `${source} needs exactly one '${open}' followed by '${close}' where the ${section} table goes.`
    )
  }
  return `${readme.slice(0, start + open.length)}\n\n${body}\n\n${readme.slice(end)}`
}

/**
 * The README with fresh tables for `actionText` (action.yml's text), formatted as Prettier formats `readmePath`
 * (its configuration is looked up from that path).
 */
export async function renderReadme(
  readme,
  actionText,
  { readmePath = 'README.md', actionPath = 'action.yml' } = {}
) {
  const metadata = parseAction(actionText, actionPath)
  let text = replaceSection(readme, 'inputs', inputsTable(metadata), readmePath)
  text = replaceSection(text, 'outputs', outputsTable(metadata), readmePath)
  const config = (await prettier.resolveConfig(resolve(readmePath))) ?? {}
  return prettier.format(text, { ...config, filepath: readmePath })
}

/** Renders every target under `root`; with `check`, writes nothing. Returns the READMEs that were (or are) stale. */
export async function run({ root = '.', check = false, targets = TARGETS } = {}) {
  const stale = []
  for (const target of targets) {
    const readmePath = resolve(root, target.readme)
    const readme = await readFile(readmePath, 'utf8')
    const actionText = await readFile(resolve(root, target.action), 'utf8')
    const fresh = await renderReadme(readme, actionText, { readmePath, actionPath: target.action })
    if (fresh === readme) continue
    stale.push(target.readme)
    if (!check) await writeFile(readmePath, fresh)
  }
  return stale
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const check = process.argv.includes('--check')
  try {
    const stale = await run({ check })
    if (check && stale.length) {
      console.error(
        `The inputs/outputs tables in ${stale.join(', ')} do not match action.yml: run \`npm run docs\` and commit the result.`
      )
      process.exit(1)
    }
    console.log(
      check
        ? 'README tables match action.yml.'
        : stale.length
          ? `Updated ${stale.join(', ')}.`
          : 'Up to date.'
    )
  } catch (error) {
    console.error(`action-docs: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(2)
  }
}

/** Route matching by GitHub's OpenAPI path templates (`/repos/{owner}/{repo}/git/refs/{ref}`). */

/**
 * Parameters whose values GitHub lets contain `/` (refs, file paths, `base...head`). Octokit percent-encodes the
 * slash, other clients do not: both must reach the same operation.
 */
const SLASHY_PARAMS = new Set(['path', 'ref', 'base', 'head', 'basehead'])

/** A path template compiled to a regular expression. */
export interface CompiledTemplate {
  /** The template as written. */
  template: string
  /** The anchored expression matched against the raw (still percent-encoded) pathname. */
  regex: RegExp
  /** Parameter names in order of appearance. */
  names: string[]
  /** Literal characters in the template: more literal text wins when two templates match. */
  specificity: number
}

/** Compiles an OpenAPI path template. */
export function compileTemplate(template: string): CompiledTemplate {
  const names: string[] = []
  let specificity = 0
  let source = '^'
  const pattern = /\{([A-Za-z0-9_]+)\}/g
  let last = 0
  for (let match = pattern.exec(template); match; match = pattern.exec(template)) {
    const literal = template.slice(last, match.index)
    specificity += literal.length
    source += escapeRegex(literal)
    const name = match[1] as string
    names.push(name)
    // `contents/{path}` with an empty path names the root directory.
    source += name === 'path' ? '(.*?)' : SLASHY_PARAMS.has(name) ? '(.+?)' : '([^/]+)'
    last = match.index + match[0].length
  }
  const tail = template.slice(last)
  specificity += tail.length
  source += `${escapeRegex(tail)}/?$`
  return { template, regex: new RegExp(source), names, specificity }
}

/** Matches a raw pathname against a compiled template; returns the URL-decoded parameters or undefined. */
export function matchTemplate(
  compiled: CompiledTemplate,
  pathname: string
): Record<string, string> | undefined {
  const match = compiled.regex.exec(pathname)
  if (!match) return undefined
  const params: Record<string, string> = {}
  for (let index = 0; index < compiled.names.length; index++) {
    const raw = match[index + 1] ?? ''
    let value: string
    try {
      value = decodeURIComponent(raw)
    } catch {
      return undefined
    }
    params[compiled.names[index] as string] = value
  }
  return params
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

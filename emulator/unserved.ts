/**
 * Tells a GitHub operation the emulator does not serve from a path GitHub does not have, from
 * `openapi/operations-index.json` (every operation of the description; regenerated with the subset). A client
 * calling an unserved operation would otherwise read the 404 as "not found" and pass a test it should fail.
 */
import { readFileSync } from 'node:fs'
import { compileTemplate, matchTemplate, type CompiledTemplate } from './router.js'

/** Where the index lives. */
export const OPERATIONS_INDEX_URL = new URL('./openapi/operations-index.json', import.meta.url)

let index: { method: string; compiled: CompiledTemplate; operationId: string }[] | undefined

/** GitHub's operation id for `METHOD pathname`, or undefined when GitHub has no such operation. */
export function githubOperationFor(method: string, pathname: string): string | undefined {
  index ??= (JSON.parse(readFileSync(OPERATIONS_INDEX_URL, 'utf8')) as [string, string, string][])
    .map(([opMethod, path, operationId]) => ({
      method: opMethod,
      compiled: compileTemplate(path),
      operationId
    }))
    .sort((a, b) => b.compiled.specificity - a.compiled.specificity)
  return index.find(entry => entry.method === method && matchTemplate(entry.compiled, pathname))?.operationId
}

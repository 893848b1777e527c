/**
 * The end-to-end tier runs the bundled dist/: against a dist/ built from other sources it would test code that is
 * not the one in src/, so each e2e test file calls this first and refuses to run.
 */
import { readFileSync } from 'node:fs'
import { STAMP, sourceHash } from '../../scripts/source-hash.mjs'

let checked = false

export function assertDistFresh(): void {
  if (checked) return
  const recorded = (() => {
    try {
      return readFileSync(STAMP, 'utf8').trim()
    } catch {
      return undefined
    }
  })()
  if (recorded !== sourceHash()) {
    throw new Error(
      'dist/ was not built from the sources in src/ (dist/source-hash.txt does not match): run `npm run bundle`, then the end-to-end tests.'
    )
  }
  checked = true
}

// Removes the fixers' copies (self-heal-fixers-*) that heals in this run's temporary checkouts left in the
// temporary directory: their checkouts are gone, so nothing would ever use them again.
import { readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export default function teardown() {
  const started = globalThis.__SELF_HEAL_RUN_STARTED__ ?? Date.now()
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith('self-heal-fixers-')) continue
    const path = join(tmpdir(), name)
    try {
      const { birthtimeMs, ctimeMs } = statSync(path)
      if (birthtimeMs >= started || ctimeMs >= started) rmSync(path, { recursive: true, force: true })
    } catch {
      // Gone already, or not ours.
    }
  }
}

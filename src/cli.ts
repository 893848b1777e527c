#!/usr/bin/env node
/** The `self-heal` CLI's entry point: everything happens in cli/program.ts. */
import { main } from './cli/program.js'

// A reader that stops early (`self-heal heal --help | head`) closes the pipe: that ends the output, not in a crash.
process.stdout.on('error', error => {
  if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await main(process.argv.slice(2))

#!/usr/bin/env node
/** The `self-heal` CLI's entry point: everything happens in cli/program.ts. */
import { main } from './cli/program.js'

process.exitCode = await main(process.argv.slice(2))

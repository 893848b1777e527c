/**
 * Run by echo-backpressure.int.test.ts as a process of its own (`node --import tsx`), so the memory it reports is
 * the adapter's alone: runs a child that writes `MEGABYTES` MiB to stdout and exits with code 3, echoing its
 * output to this process's stdout (the test's slow pipe, or a file), and prints on stderr, as JSON, the run's exit
 * code, the peak growth of this process's RSS, and how much output the result kept.
 */
import { LocalExecutionAdapter } from '../../src/adapters/local/execution.js'

const megabytes = Number(process.argv[2])
const writer =
  'const block = Buffer.alloc(1024 * 1024, 0x78); block[block.length - 1] = 0x0a; let i = 0;' +
  `const next = () => { while (i < ${megabytes}) { i++;` +
  ' if (!process.stdout.write(block)) return process.stdout.once("drain", next) }' +
  ' process.exitCode = 3 }; next()'
const exec = new LocalExecutionAdapter({
  root: process.cwd(),
  echo: process.stdout,
  inertWorkflowCommands: false,
  maxOutputBytes: 1024 * 1024
})
const baseline = process.memoryUsage().rss
let peak = baseline
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss)
}, 10)
const result = await exec.runCommand([process.execPath, '-e', writer], { timeoutSeconds: 60 })
clearInterval(sampler)
peak = Math.max(peak, process.memoryUsage().rss)
const report = {
  exitCode: result.exitCode,
  timedOut: result.timedOut,
  growth: peak - baseline,
  kept: result.stdout.length
}
process.stderr.write(`${JSON.stringify(report)}\n`)

/**
 * Ending a whole process tree. On POSIX a command runs as the leader of its own process group, so one signal to the
 * group reaches every descendant that stayed in it; descendants that left the group (setsid, daemons) are found by
 * their parent ids first and signalled one by one. On Windows, `taskkill /T /F` ends the tree.
 */
import { execFile } from 'node:child_process'
import { readFile, readdir } from 'node:fs/promises'

/** The ids of every descendant of a process (children, their children, …), best effort, excluding the process. */
export async function listDescendants(pid: number): Promise<number[]> {
  const parents = await readParentTable()
  const children = new Map<number, number[]>()
  for (const [child, parent] of parents) {
    const list = children.get(parent)
    if (list) list.push(child)
    else children.set(parent, [child])
  }
  const found: number[] = []
  const queue = [pid]
  const seen = new Set(queue)
  while (queue.length > 0) {
    const next = queue.shift() as number
    for (const child of children.get(next) ?? []) {
      if (seen.has(child)) continue
      seen.add(child)
      found.push(child)
      queue.push(child)
    }
  }
  return found
}

/**
 * Signals a process tree: the process group led by `pid`, every descendant found by parent id, and any `known`
 * descendants found earlier (orphans lose their parent link once the leader exits). Processes already gone are
 * ignored. On Windows any signal becomes `taskkill /PID pid /T /F` (which needs the leader to be alive).
 */
export async function killProcessTree(
  pid: number,
  signal: NodeJS.Signals = 'SIGTERM',
  known: readonly number[] = [],
  options: { scan?: boolean } = {}
): Promise<void> {
  if (process.platform === 'win32') {
    await new Promise<void>(resolve => {
      execFile('taskkill', ['/PID', String(pid), '/T', '/F'], { windowsHide: true }, () => resolve())
    })
    return
  }
  // After the leader has exited (and been reaped) there is nothing to trace from it: `scan: false` skips that.
  const descendants = options.scan === false ? [] : await listDescendants(pid).catch(() => [] as number[])
  signalQuietly(-pid, signal)
  signalQuietly(pid, signal)
  for (const child of new Set([...descendants, ...known])) signalQuietly(child, signal)
}

/** Whether a process is running; a zombie (ended, not yet reaped) counts as gone. */
export async function isProcessAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  if (process.platform === 'linux') {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
      return statState(stat) !== 'Z'
    } catch {
      return false
    }
  }
  if (process.platform !== 'win32') {
    const state = await new Promise<string>(resolve => {
      execFile('ps', ['-o', 'stat=', '-p', String(pid)], (error, stdout) =>
        resolve(error ? '' : stdout.trim())
      )
    })
    return state !== '' && !state.startsWith('Z')
  }
  return true
}

function signalQuietly(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal)
  } catch {
    // ESRCH: already gone; EPERM: not ours to end.
  }
}

/** The state letter of a `/proc/PID/stat` line (the field after the parenthesised command name). */
function statState(stat: string): string {
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
}

/** pid → parent pid for every process: `/proc` on Linux, `ps` elsewhere. */
async function readParentTable(): Promise<Map<number, number>> {
  const table = new Map<number, number>()
  if (process.platform === 'linux') {
    const entries = await readdir('/proc').catch(() => [] as string[])
    await Promise.all(
      entries
        .filter(name => /^\d+$/.test(name))
        .map(async name => {
          try {
            const stat = await readFile(`/proc/${name}/stat`, 'utf8')
            const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
            table.set(Number(name), Number(fields[1]))
          } catch {
            // The process ended while the table was read.
          }
        })
    )
    return table
  }
  const stdout = await new Promise<string>(resolve => {
    execFile('ps', ['-A', '-o', 'pid=', '-o', 'ppid='], (error, out) => resolve(error ? '' : out))
  })
  for (const line of stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s*$/.exec(line)
    if (match) table.set(Number(match[1]), Number(match[2]))
  }
  return table
}

/**
 * Ending a whole process tree. On POSIX a command leads its own process group and carries a marker in its
 * environment (`SELF_HEAL_RUN`), which every descendant inherits. The tree's members are the processes of that
 * group, the descendants found by parent id, and — on Linux, where `/proc/PID/environ` can be read — every process
 * whose environment holds the marker: that finds those that left the group and lost their parent too (`setsid`,
 * `nohup … &`, double-forking daemons). A process that both leaves the group and replaces its environment
 * (`env -i`, `execve` with a fresh one) escapes; so does every escaped process on macOS, where the environment of
 * another process cannot be read and the group and parent links are all there is. On Windows, `taskkill /T /F`
 * ends the tree (which needs the leader alive).
 */
import { execFile } from 'node:child_process'
// fs.promises loads node:fs/promises (and readline with it) on first use: a plain check's start never pays for it.
import { promises as fs, readFileSync, readdirSync } from 'node:fs'

/** The variable that marks every process a command starts; its value lists the runs it belongs to. */
export const RUN_MARKER_VARIABLE = 'SELF_HEAL_RUN'

/** How often the tree is looked at while waiting for it to go. */
const POLL_MS = 25
/** How long SIGKILL is repeated at processes that stay (not ours to kill, stuck in the kernel) before giving up. */
const KILL_SETTLE_MS = 2000

/** One running process, as the process table shows it. */
interface ProcessEntry {
  pid: number
  ppid: number
  pgid: number
  /** When it started (in the platform's units): a pid seen earlier is the same process only if this matches. */
  started: string
  /** The markers asked about that its environment holds (Linux only; empty elsewhere). */
  markers: string[]
}

/** A command's process tree, from its leader's id and the marker its environment carries. */
export class ProcessTree {
  /** Every member seen so far, with its start time: found again later even after its links are gone. */
  private readonly seen = new Map<number, string>()
  /** The system's fork count when the tree was made (Linux): how the pids given out since are known. */
  private readonly forksAtStart = process.platform === 'linux' ? forkCount() : undefined

  /** Made as soon as the leader has started: the tree's members are processes started after that. */
  constructor(
    /** The leader's process id (also the id of its process group). */
    readonly leader: number,
    /** A string only this tree's environments hold (the run's id in SELF_HEAL_RUN). */
    readonly marker?: string
  ) {}

  /** The ids of the tree's live members (a zombie counts as gone), never this process's own. */
  async members(): Promise<number[]> {
    const table = await readProcessTable(this.marker ? [this.marker] : [], () => this.pidsSinceLeader())
    const byPid = new Map(table.map(entry => [entry.pid, entry]))
    const found = new Set<number>()
    const children = new Map<number, number[]>()
    for (const entry of table) {
      const isMember =
        entry.pid === this.leader ||
        entry.pgid === this.leader ||
        entry.markers.length > 0 ||
        this.seen.get(entry.pid) === entry.started
      if (isMember) found.add(entry.pid)
      const siblings = children.get(entry.ppid)
      if (siblings) siblings.push(entry.pid)
      else children.set(entry.ppid, [entry.pid])
    }
    // Descendants by parent id: they may have left the group and cleared the marker, but not their parent.
    const queue = [this.leader, ...found]
    while (queue.length > 0) {
      for (const child of children.get(queue.pop() as number) ?? []) {
        if (!found.has(child)) {
          found.add(child)
          queue.push(child)
        }
      }
    }
    found.delete(process.pid)
    for (const pid of found) this.seen.set(pid, (byPid.get(pid) as ProcessEntry).started)
    return [...found]
  }

  /**
   * Which pids were given out from the leader's on (Linux): every member started after the leader, so only those
   * are read in `/proc` — a few, where the whole table is some hundreds of reads. Pids are given out in order
   * within a pid namespace and wrap at pid_max; undefined (read them all) once so many processes were started
   * that the pids may have gone round.
   */
  private pidsSinceLeader(): ((pid: number) => boolean) | undefined {
    if (this.forksAtStart === undefined) return undefined
    const forks = forkCount()
    const last = lastPid()
    const max = pidMax()
    if (forks === undefined || last === undefined || max === undefined) return undefined
    // The count is the whole system's (every namespace's, threads too): more than the pids given out here.
    if (forks - this.forksAtStart > max / 2) return undefined
    const leader = this.leader
    return last >= leader ? pid => pid >= leader && pid <= last : pid => pid >= leader || pid <= last
  }

  /** Sends a signal to the group and to every member; resolves with how many members there were. */
  async signal(signal: NodeJS.Signals): Promise<number> {
    const members = await this.members()
    signalQuietly(-this.leader, signal)
    for (const pid of members) signalQuietly(pid, signal)
    return members.length
  }

  /**
   * Ends the tree: SIGTERM, then SIGKILL once `graceMs` has passed (at once when it is 0), and resolves when no
   * member is left — or, for processes that cannot be killed (another user's, stuck in the kernel), after a
   * further two seconds of trying.
   */
  async end(graceMs: number): Promise<void> {
    if (process.platform === 'win32') {
      await new Promise<void>(resolve => {
        execFile('taskkill', ['/PID', String(this.leader), '/T', '/F'], { windowsHide: true }, () =>
          resolve()
        )
      })
      return
    }
    if (graceMs > 0 && (await this.signal('SIGTERM')) > 0) {
      const deadline = Date.now() + graceMs
      while (Date.now() < deadline && (await this.members()).length > 0) await sleep(POLL_MS)
    }
    const giveUp = Date.now() + KILL_SETTLE_MS
    // Repeated: a member may have forked between the listing and the signal.
    while ((await this.signal('SIGKILL')) > 0 && Date.now() < giveUp) await sleep(POLL_MS)
  }
}

/**
 * SIGKILL, synchronously, to each tree's group and (Linux) every process carrying its marker: for this process's
 * `exit` event, when nothing asynchronous can run any more.
 */
export function killTreesNow(trees: Iterable<ProcessTree>): void {
  const list = [...trees]
  if (list.length === 0) return
  if (process.platform === 'win32') {
    for (const tree of list) signalQuietly(tree.leader, 'SIGKILL')
    return
  }
  const markers = list.map(tree => tree.marker).filter((marker): marker is string => Boolean(marker))
  const marked = process.platform === 'linux' ? scanProc(markers).filter(entry => entry.markers.length) : []
  for (const tree of list) signalQuietly(-tree.leader, 'SIGKILL')
  for (const entry of marked) signalQuietly(entry.pid, 'SIGKILL')
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
      return !isGone(statFields(await fs.readFile(`/proc/${pid}/stat`, 'utf8'))[0])
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
    return state !== '' && !isGone(state)
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

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

/** Whether a state letter (`/proc/PID/stat`, `ps -o stat`) means the process has ended: zombie or dead. */
function isGone(state: string): boolean {
  return state.startsWith('Z') || state.startsWith('X')
}

/** The fields of a `/proc/PID/stat` line after the parenthesised command name (state first, then ppid, pgrp…). */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
}

/** Which pids to read in `/proc`; asked once the directory is listed, so that it knows every pid listed. */
type PidFilter = () => ((pid: number) => boolean) | undefined

/**
 * Every live process (zombies left out): `/proc` on Linux (with the markers; only the pids `include` accepts, when
 * it gives a filter), `ps` elsewhere.
 */
async function readProcessTable(markers: readonly string[], include?: PidFilter): Promise<ProcessEntry[]> {
  if (process.platform === 'linux') return scanProc(markers, include)
  if (process.platform === 'win32') return []
  const stdout = await new Promise<string>(resolve => {
    execFile('ps', ['-A', '-o', 'pid=,ppid=,pgid=,stat=,lstart='], (error, out) => resolve(error ? '' : out))
  })
  const table: ProcessEntry[] = []
  for (const line of stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*?)\s*$/.exec(line)
    if (!match || isGone(match[4])) continue
    table.push({
      pid: Number(match[1]),
      ppid: Number(match[2]),
      pgid: Number(match[3]),
      started: match[5],
      markers: []
    })
  }
  return table
}

/** How many processes (and threads) the system has started since boot (`processes` in `/proc/stat`). */
function forkCount(): number | undefined {
  try {
    const match = /^processes (\d+)$/m.exec(readFileSync('/proc/stat', 'latin1'))
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

/** The pid this pid namespace gave out last (the fifth field of `/proc/loadavg`). */
function lastPid(): number | undefined {
  try {
    return Number(readFileSync('/proc/loadavg', 'latin1').trim().split(' ')[4]) || undefined
  } catch {
    return undefined
  }
}

let maxPid: number | undefined

/** Where pids wrap (`/proc/sys/kernel/pid_max`). */
function pidMax(): number | undefined {
  try {
    maxPid ??= Number(readFileSync('/proc/sys/kernel/pid_max', 'latin1')) || undefined
  } catch {
    // Unreadable: the whole table is read.
  }
  return maxPid
}

let startedAt: number | undefined

/** When this process started, in clock ticks since boot (`/proc/self/stat`); 0 when it cannot be read. */
function ownStart(): number {
  if (startedAt === undefined) {
    try {
      startedAt = Number(statFields(readFileSync('/proc/self/stat', 'utf8'))[19]) || 0
    } catch {
      startedAt = 0
    }
  }
  return startedAt
}

/**
 * Reads `/proc` synchronously (it is memory, not disk, and the exit hook can only run synchronous code): each live
 * process with the markers (of those asked about) its environment holds. Another user's environment cannot be read.
 */
function scanProc(markers: readonly string[], include?: PidFilter): ProcessEntry[] {
  let names: string[]
  try {
    names = readdirSync('/proc')
  } catch {
    return []
  }
  const accept = include?.()
  const table: ProcessEntry[] = []
  for (const name of names) {
    if (!/^\d+$/.test(name) || (accept && !accept(Number(name)))) continue
    let fields: string[]
    try {
      fields = statFields(readFileSync(`/proc/${name}/stat`, 'utf8'))
    } catch {
      // It ended while the table was read.
      continue
    }
    if (isGone(fields[0])) continue
    let found: string[] = []
    // A process that started before this one is no command's descendant: its environment is not read.
    if (markers.length > 0 && Number(fields[19]) >= ownStart()) {
      try {
        const environ = readFileSync(`/proc/${name}/environ`)
        found = markers.filter(marker => environ.includes(marker))
      } catch {
        // Not ours to read, or it ended.
      }
    }
    table.push({
      pid: Number(name),
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      started: fields[19],
      markers: found
    })
  }
  return table
}

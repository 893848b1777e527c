export const id = 729;
export const ids = [729];
export const modules = {

/***/ 6729:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LocalExecutionAdapter: () => (/* binding */ LocalExecutionAdapter)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(8995);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/adapters/verdict.ts
var verdict = __webpack_require__(2749);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/adapters/local/output-capper.ts
/**
 * Keeps a stream's output within a byte budget: the head and the tail are kept, the middle is counted and dropped,
 * so a command that prints gigabytes costs bounded memory and the summary lines at the end survive.
 */
/** Splits a total budget: a quarter for the head, the rest for the tail (where summaries and failures land). */
function splitBudget(maxBytes) {
    const budget = Math.max(0, Math.floor(maxBytes));
    const headBytes = Math.floor(budget / 4);
    return { headBytes, tailBytes: budget - headBytes };
}
/**
 * Collects chunks of one stream within a head + tail budget. Bytes are copied into at most two buffers (the head,
 * and the tail as a ring), so memory stays within the budget however the output is chunked — a byte at a time
 * costs no more than a megabyte at a time, and no chunk is kept alive by a slice of it.
 */
class OutputCapper {
    limits;
    head = Buffer.alloc(0);
    headLength = 0;
    /** The tail's ring: linear until it reaches `tailBytes`, then the oldest byte is at `tailEnd`. */
    tail = Buffer.alloc(0);
    tailLength = 0;
    tailEnd = 0;
    total = 0;
    constructor(limits) {
        this.limits = limits;
    }
    /** Bytes seen so far. */
    get totalBytes() {
        return this.total;
    }
    /** Bytes that were not kept. */
    get droppedBytes() {
        return this.total - this.headLength - this.tailLength;
    }
    /** Takes one chunk. */
    push(chunk) {
        this.total += chunk.length;
        let rest = chunk;
        if (this.headLength < this.limits.headBytes) {
            const take = Math.min(rest.length, this.limits.headBytes - this.headLength);
            this.head = reserve(this.head, this.headLength, this.headLength + take, this.limits.headBytes);
            rest.copy(this.head, this.headLength, 0, take);
            this.headLength += take;
            rest = rest.subarray(take);
        }
        const cap = this.limits.tailBytes;
        if (rest.length === 0 || cap === 0)
            return;
        if (rest.length > cap)
            rest = rest.subarray(rest.length - cap);
        if (this.tail.length < cap)
            this.tail = reserve(this.tail, this.tailLength, this.tailLength + rest.length, cap);
        // Until the ring is full its capacity covers every byte, so only a full ring wraps (over its oldest bytes).
        const first = Math.min(rest.length, this.tail.length - this.tailEnd);
        rest.copy(this.tail, this.tailEnd, 0, first);
        rest.copy(this.tail, 0, first);
        this.tailEnd = (this.tailEnd + rest.length) % this.tail.length;
        this.tailLength = Math.min(cap, this.tailLength + rest.length);
    }
    /** The kept text, UTF-8, with a marker where bytes were dropped; multi-byte characters are never split. */
    toString() {
        const head = this.head.subarray(0, this.headLength);
        const start = (this.tailEnd - this.tailLength + this.tail.length) % (this.tail.length || 1);
        const tail = start + this.tailLength <= this.tail.length
            ? this.tail.subarray(start, start + this.tailLength)
            : Buffer.concat([this.tail.subarray(start), this.tail.subarray(0, this.tailEnd)]);
        const dropped = this.droppedBytes;
        if (dropped === 0)
            return Buffer.concat([head, tail]).toString('utf8');
        const headEnd = completeUtf8End(head);
        const tailStart = firstCharacterStart(tail);
        const cut = dropped + (head.length - headEnd) + tailStart;
        return (head.subarray(0, headEnd).toString('utf8') +
            `\n[… self-heal: ${cut} bytes of output dropped here (${this.total} in all) …]\n` +
            tail.subarray(tailStart).toString('utf8'));
    }
}
/** A buffer holding `used` bytes of `buffer` with room for `needed` (doubling, at most `max`). */
function reserve(buffer, used, needed, max) {
    if (needed <= buffer.length)
        return buffer;
    const grown = Buffer.allocUnsafe(Math.min(max, Math.max(needed, buffer.length * 2, 4096)));
    buffer.copy(grown, 0, 0, used);
    return grown;
}
/** The length of the longest prefix that does not end in the middle of a UTF-8 sequence. */
function completeUtf8End(bytes) {
    for (let back = 1; back <= Math.min(4, bytes.length); back++) {
        const byte = bytes[bytes.length - back];
        if ((byte & 0xc0) === 0x80)
            continue;
        if (byte < 0x80)
            return bytes.length;
        const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
        return needed <= back ? bytes.length : bytes.length - back;
    }
    return bytes.length;
}
/** The offset of the first byte that starts a UTF-8 character (skips at most three continuation bytes). */
function firstCharacterStart(bytes) {
    let index = 0;
    while (index < Math.min(3, bytes.length) && (bytes[index] & 0xc0) === 0x80)
        index++;
    return index;
}

;// CONCATENATED MODULE: ./src/adapters/local/process-tree.ts
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

// fs.promises loads node:fs/promises (and readline with it) on first use: a plain check's start never pays for it.

/** The variable that marks every process a command starts; its value lists the runs it belongs to. */
const RUN_MARKER_VARIABLE = 'SELF_HEAL_RUN';
/** How often the tree is looked at while waiting for it to go. */
const POLL_MS = 25;
/** How long SIGKILL is repeated at processes that stay (not ours to kill, stuck in the kernel) before giving up. */
const KILL_SETTLE_MS = 2000;
/** A command's process tree, from its leader's id and the marker its environment carries. */
class ProcessTree {
    leader;
    marker;
    /** Every member seen so far, with its start time: found again later even after its links are gone. */
    seen = new Map();
    /** The system's fork count when the tree was made (Linux): how the pids given out since are known. */
    forksAtStart = process.platform === 'linux' ? forkCount() : undefined;
    /** Made as soon as the leader has started: the tree's members are processes started after that. */
    constructor(
    /** The leader's process id (also the id of its process group). */
    leader, 
    /** A string only this tree's environments hold (the run's id in SELF_HEAL_RUN). */
    marker) {
        this.leader = leader;
        this.marker = marker;
    }
    /** The ids of the tree's live members (a zombie counts as gone), never this process's own. */
    async members() {
        const table = await readProcessTable(this.marker ? [this.marker] : [], () => this.pidsSinceLeader());
        const byPid = new Map(table.map(entry => [entry.pid, entry]));
        const found = new Set();
        const children = new Map();
        for (const entry of table) {
            const isMember = entry.pid === this.leader ||
                entry.pgid === this.leader ||
                entry.markers.length > 0 ||
                this.seen.get(entry.pid) === entry.started;
            if (isMember)
                found.add(entry.pid);
            const siblings = children.get(entry.ppid);
            if (siblings)
                siblings.push(entry.pid);
            else
                children.set(entry.ppid, [entry.pid]);
        }
        // Descendants by parent id: they may have left the group and cleared the marker, but not their parent.
        const queue = [this.leader, ...found];
        while (queue.length > 0) {
            for (const child of children.get(queue.pop()) ?? []) {
                if (!found.has(child)) {
                    found.add(child);
                    queue.push(child);
                }
            }
        }
        found.delete(process.pid);
        for (const pid of found)
            this.seen.set(pid, byPid.get(pid).started);
        return [...found];
    }
    /**
     * Which pids were given out from the leader's on (Linux): every member started after the leader, so only those
     * are read in `/proc` — a few, where the whole table is some hundreds of reads. Pids are given out in order
     * within a pid namespace and wrap at pid_max; undefined (read them all) once so many processes were started
     * that the pids may have gone round.
     */
    pidsSinceLeader() {
        if (this.forksAtStart === undefined)
            return undefined;
        const forks = forkCount();
        const last = lastPid();
        const max = pidMax();
        if (forks === undefined || last === undefined || max === undefined)
            return undefined;
        // The count is the whole system's (every namespace's, threads too): more than the pids given out here.
        if (forks - this.forksAtStart > max / 2)
            return undefined;
        const leader = this.leader;
        return last >= leader ? pid => pid >= leader && pid <= last : pid => pid >= leader || pid <= last;
    }
    /** Sends a signal to the group and to every member; resolves with how many members there were. */
    async signal(signal) {
        const members = await this.members();
        signalQuietly(-this.leader, signal);
        for (const pid of members)
            signalQuietly(pid, signal);
        return members.length;
    }
    /**
     * Ends the tree: SIGTERM, then SIGKILL once `graceMs` has passed (at once when it is 0), and resolves when no
     * member is left — or, for processes that cannot be killed (another user's, stuck in the kernel), after a
     * further two seconds of trying.
     */
    async end(graceMs) {
        if (process.platform === 'win32') {
            await new Promise(resolve => {
                (0,external_node_child_process_.execFile)('taskkill', ['/PID', String(this.leader), '/T', '/F'], { windowsHide: true }, () => resolve());
            });
            return;
        }
        if (graceMs > 0 && (await this.signal('SIGTERM')) > 0) {
            const deadline = Date.now() + graceMs;
            while (Date.now() < deadline && (await this.members()).length > 0)
                await sleep(POLL_MS);
        }
        const giveUp = Date.now() + KILL_SETTLE_MS;
        // Repeated: a member may have forked between the listing and the signal.
        while ((await this.signal('SIGKILL')) > 0 && Date.now() < giveUp)
            await sleep(POLL_MS);
    }
}
/**
 * SIGKILL, synchronously, to each tree's group and (Linux) every process carrying its marker: for this process's
 * `exit` event, when nothing asynchronous can run any more.
 */
function killTreesNow(trees) {
    const list = [...trees];
    if (list.length === 0)
        return;
    if (process.platform === 'win32') {
        for (const tree of list)
            signalQuietly(tree.leader, 'SIGKILL');
        return;
    }
    const markers = list.map(tree => tree.marker).filter((marker) => Boolean(marker));
    const marked = process.platform === 'linux' ? scanProc(markers).filter(entry => entry.markers.length) : [];
    for (const tree of list)
        signalQuietly(-tree.leader, 'SIGKILL');
    for (const entry of marked)
        signalQuietly(entry.pid, 'SIGKILL');
}
/** Whether a process is running; a zombie (ended, not yet reaped) counts as gone. */
async function isProcessAlive(pid) {
    try {
        process.kill(pid, 0);
    }
    catch (error) {
        // EPERM: it exists but belongs to someone else.
        return error.code === 'EPERM';
    }
    if (process.platform === 'linux') {
        try {
            return !isGone(statFields(await fs.readFile(`/proc/${pid}/stat`, 'utf8'))[0]);
        }
        catch {
            return false;
        }
    }
    if (process.platform !== 'win32') {
        const state = await new Promise(resolve => {
            execFile('ps', ['-o', 'stat=', '-p', String(pid)], (error, stdout) => resolve(error ? '' : stdout.trim()));
        });
        return state !== '' && !isGone(state);
    }
    return true;
}
function signalQuietly(target, signal) {
    try {
        process.kill(target, signal);
    }
    catch {
        // ESRCH: already gone; EPERM: not ours to end.
    }
}
function sleep(ms) {
    return new Promise(resolve => setTimeout(resolve, ms));
}
/** Whether a state letter (`/proc/PID/stat`, `ps -o stat`) means the process has ended: zombie or dead. */
function isGone(state) {
    return state.startsWith('Z') || state.startsWith('X');
}
/** The fields of a `/proc/PID/stat` line after the parenthesised command name (state first, then ppid, pgrp…). */
function statFields(stat) {
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}
/**
 * Every live process (zombies left out): `/proc` on Linux (with the markers; only the pids `include` accepts, when
 * it gives a filter), `ps` elsewhere.
 */
async function readProcessTable(markers, include) {
    if (process.platform === 'linux')
        return scanProc(markers, include);
    if (process.platform === 'win32')
        return [];
    const stdout = await new Promise(resolve => {
        (0,external_node_child_process_.execFile)('ps', ['-A', '-o', 'pid=,ppid=,pgid=,stat=,lstart='], (error, out) => resolve(error ? '' : out));
    });
    const table = [];
    for (const line of stdout.split('\n')) {
        const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*?)\s*$/.exec(line);
        if (!match || isGone(match[4]))
            continue;
        table.push({
            pid: Number(match[1]),
            ppid: Number(match[2]),
            pgid: Number(match[3]),
            started: match[5],
            markers: []
        });
    }
    return table;
}
/** How many processes (and threads) the system has started since boot (`processes` in `/proc/stat`). */
function forkCount() {
    try {
        const match = /^processes (\d+)$/m.exec((0,external_node_fs_.readFileSync)('/proc/stat', 'latin1'));
        return match ? Number(match[1]) : undefined;
    }
    catch {
        return undefined;
    }
}
/** The pid this pid namespace gave out last (the fifth field of `/proc/loadavg`). */
function lastPid() {
    try {
        return Number((0,external_node_fs_.readFileSync)('/proc/loadavg', 'latin1').trim().split(' ')[4]) || undefined;
    }
    catch {
        return undefined;
    }
}
let maxPid;
/** Where pids wrap (`/proc/sys/kernel/pid_max`). */
function pidMax() {
    try {
        maxPid ??= Number((0,external_node_fs_.readFileSync)('/proc/sys/kernel/pid_max', 'latin1')) || undefined;
    }
    catch {
        // Unreadable: the whole table is read.
    }
    return maxPid;
}
let startedAt;
/** When this process started, in clock ticks since boot (`/proc/self/stat`); 0 when it cannot be read. */
function ownStart() {
    if (startedAt === undefined) {
        try {
            startedAt = Number(statFields((0,external_node_fs_.readFileSync)('/proc/self/stat', 'utf8'))[19]) || 0;
        }
        catch {
            startedAt = 0;
        }
    }
    return startedAt;
}
/**
 * Reads `/proc` synchronously (it is memory, not disk, and the exit hook can only run synchronous code): each live
 * process with the markers (of those asked about) its environment holds. Another user's environment cannot be read.
 */
function scanProc(markers, include) {
    let names;
    try {
        names = (0,external_node_fs_.readdirSync)('/proc');
    }
    catch {
        return [];
    }
    const accept = include?.();
    const table = [];
    for (const name of names) {
        if (!/^\d+$/.test(name) || (accept && !accept(Number(name))))
            continue;
        let fields;
        try {
            fields = statFields((0,external_node_fs_.readFileSync)(`/proc/${name}/stat`, 'utf8'));
        }
        catch {
            // It ended while the table was read.
            continue;
        }
        if (isGone(fields[0]))
            continue;
        let found = [];
        // A process that started before this one is no command's descendant: its environment is not read.
        if (markers.length > 0 && Number(fields[19]) >= ownStart()) {
            try {
                const environ = (0,external_node_fs_.readFileSync)(`/proc/${name}/environ`);
                found = markers.filter(marker => environ.includes(marker));
            }
            catch {
                // Not ours to read, or it ended.
            }
        }
        table.push({
            pid: Number(name),
            ppid: Number(fields[1]),
            pgid: Number(fields[2]),
            started: fields[19],
            markers: found
        });
    }
    return table;
}

// EXTERNAL MODULE: ./src/adapters/local/scrub-env.ts
var scrub_env = __webpack_require__(513);
;// CONCATENATED MODULE: ./src/adapters/local/shell.ts
/**
 * How a command string runs: the way a GitHub Actions `run:` step runs it. The script is written to a temp file
 * and the shell is started on that file with the same arguments the runner uses
 * (https://docs.github.com/actions/reference/workflow-syntax-for-github-actions#jobsjob_idstepsshell).
 */



/** The shell kinds accepted in settings. */
const SHELL_KINDS = ['default', 'bash', 'sh', 'pwsh', 'powershell', 'cmd'];
/**
 * Finds an executable on PATH (with PATHEXT on Windows); undefined when absent. The look-ups are synchronous: one
 * `access` each is quicker than a trip through the thread pool, and a check's start pays for every trip.
 */
async function findExecutable(name, env = process.env) {
    const path = env.PATH ?? env.Path ?? '';
    const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';') : [''];
    for (const directory of path.split(external_node_path_.delimiter)) {
        if (!directory)
            continue;
        for (const extension of extensions) {
            const candidate = (0,external_node_path_.join)(directory, name + extension);
            try {
                (0,external_node_fs_.accessSync)(candidate, external_node_fs_.constants.X_OK);
                return candidate;
            }
            catch {
                // Not here.
            }
        }
    }
    return undefined;
}
/** Resolves a shell kind to the executable and arguments the Actions runner would use. */
async function resolveShell(kind, env = process.env) {
    switch (kind) {
        case 'default': {
            if (process.platform === 'win32')
                return resolveShell((await findExecutable('pwsh', env)) ? 'pwsh' : 'powershell', env);
            // A `run:` step without `shell:` uses `bash -e {0}`, or `sh -e {0}` where there is no bash.
            const bash = await findExecutable('bash', env);
            if (bash)
                return posix('bash', bash, ['-e']);
            return posix('sh', (await findExecutable('sh', env)) ?? '/bin/sh', ['-e']);
        }
        case 'bash':
            return posix('bash', (await findExecutable('bash', env)) ?? 'bash', [
                '--noprofile',
                '--norc',
                '-eo',
                'pipefail'
            ]);
        case 'sh':
            return posix('sh', (await findExecutable('sh', env)) ?? 'sh', ['-e']);
        case 'pwsh':
        case 'powershell':
            return {
                kind,
                file: (await findExecutable(kind, env)) ?? kind,
                extension: '.ps1',
                wrap: script => "$ErrorActionPreference = 'stop'\n" +
                    script +
                    '\nif ((Test-Path -LiteralPath variable:\\LASTEXITCODE)) { exit $LASTEXITCODE }\n',
                args: scriptPath => ['-command', `. '${scriptPath.replace(/'/g, "''")}'`],
                verbatimArguments: false
            };
        case 'cmd':
            return {
                kind,
                file: env.ComSpec ?? env.COMSPEC ?? 'cmd.exe',
                extension: '.cmd',
                wrap: script => script,
                args: scriptPath => ['/D', '/E:ON', '/V:OFF', '/S', '/C', `"CALL "${scriptPath}""`],
                verbatimArguments: true
            };
        default:
            throw new errors/* ConfigurationError */.j1(`Unknown shell '${String(kind)}': use one of ${SHELL_KINDS.join(', ')}.`);
    }
}
function posix(kind, file, flags) {
    return {
        kind,
        file,
        extension: '.sh',
        wrap: script => script,
        args: scriptPath => [...flags, scriptPath],
        verbatimArguments: false
    };
}

;// CONCATENATED MODULE: ./src/adapters/local/execution.ts
/**
 * Local Execution: commands as child processes of this one. A string runs the way a workflow `run:` step runs it
 * (written to a script file, then `bash -e file`; see shell.ts); an argv array runs without any shell. Commands
 * start from a scrubbed environment (scrub-env.ts). A timeout or an abort ends a command's whole process tree
 * (process-tree.ts): SIGTERM, then SIGKILL after a grace period; what a command leaves running when it exits goes
 * with it; and a run settles only once none of its tree is left. Output is streamed, capped (head and tail kept)
 * and echoed no faster than the destination takes it, so huge output costs bounded memory.
 */


// fs.promises loads node:fs/promises (and readline with it) on first use: a plain check's start never pays for it.









/** How long the output pipes may stay quiet once the tree is gone before they are closed (an escapee may hold them). */
const PIPE_DRAIN_MS = 500;
// How often a paused echo looks whether its destination took everything without saying so.
const DRAIN_WATCH_MS = 100;
/** The exit code reported for a command that could not be started (as a shell reports "command not found"). */
const NOT_STARTED_EXIT_CODE = 127;
/**
 * What makes this process's run ids unique on the machine: its pid, its start and a random part (pids are reused,
 * and a pid namespace may be shared). The ids only mark processes, they guard nothing, so they need not be
 * unguessable — and leaving node:crypto unloaded saves a check's start a few milliseconds.
 */
const RUN_ID_PREFIX = `${process.pid.toString(36)}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}.`;
let runCount = 0;
/** A new run's id: fixed-width, so that no id is a part of another (the marker is found by substring). */
function newRunId() {
    return RUN_ID_PREFIX + (++runCount).toString(36).padStart(8, '0');
}
/** The report parsers, loaded when a result is parsed: a plain command never needs them. */
const reports = () => __webpack_require__.e(/* import() */ 82).then(__webpack_require__.bind(__webpack_require__, 5082));
/** Trees still running, killed if this process exits first (they are detached, so nothing else would). */
const running = new Set();
let exitHookInstalled = false;
function track(tree) {
    if (!exitHookInstalled) {
        // Installed on first use: importing this module changes nothing about the process.
        exitHookInstalled = true;
        process.once('exit', () => killTreesNow(running));
    }
    running.add(tree);
}
/** Runs commands as local processes. */
class LocalExecutionAdapter {
    /** The kind reported by `self-heal env`. */
    kind = 'local-process';
    /** The repository root (absolute). */
    root;
    options;
    warned = new Set();
    constructor(options) {
        this.root = (0,external_node_path_.resolve)(options.root);
        this.options = options;
    }
    async runCommand(command, options = {}) {
        const { result } = await this.execute(command, options);
        return result;
    }
    async runTests(command, options = {}) {
        const { result, output, context } = await this.execute(command, options);
        const { readTestResults } = await reports();
        const detail = await readTestResults(output, context);
        const tests = {
            ...result,
            passed: (0,verdict/* hasPassed */.P)(result),
            source: detail.source,
            failedTests: detail.failedTests
        };
        if (detail.counts)
            tests.counts = detail.counts;
        return tests;
    }
    async runBuild(command, options = {}) {
        const { result, output, context } = await this.execute(command, options);
        const { readBuildProblems } = await reports();
        return { ...result, passed: (0,verdict/* hasPassed */.P)(result), problems: readBuildProblems(output, context) };
    }
    async runLint(command, options = {}) {
        const { result, output, context } = await this.execute(command, options);
        const { readLintResults } = await reports();
        return { ...result, passed: (0,verdict/* hasPassed */.P)(result), ...readLintResults(output, context) };
    }
    /** Runs a command and gathers what the parsers need: output, the new report file, and the path context. */
    async execute(command, options) {
        const cwd = await this.workingDirectory(options.cwd);
        const reportFile = options.reportPath ? (0,external_node_path_.resolve)(cwd, options.reportPath) : undefined;
        const before = reportFile ? await fingerprint(reportFile) : undefined;
        // Tools such as node --test and Jest do not create the report's directory themselves.
        if (reportFile)
            await external_node_fs_.promises.mkdir((0,external_node_path_.dirname)(reportFile), { recursive: true });
        const result = await this.spawnCommand(command, cwd, options);
        const output = { stdout: result.stdout, stderr: result.stderr };
        if (reportFile) {
            const after = await fingerprint(reportFile);
            // A report left over from an earlier run says nothing about this one.
            if (after && after !== before)
                output.report = await external_node_fs_.promises.readFile(reportFile, 'utf8');
        }
        return { result, output, context: { root: this.root, cwd } };
    }
    async workingDirectory(cwd) {
        const directory = cwd ? ((0,external_node_path_.isAbsolute)(cwd) ? cwd : (0,external_node_path_.resolve)(this.root, cwd)) : this.root;
        let isDirectory = false;
        try {
            isDirectory = (0,external_node_fs_.statSync)(directory).isDirectory();
        }
        catch {
            // Reported below.
        }
        if (!isDirectory) {
            throw new errors/* InvalidInputError */.oC(`The working directory '${cwd}' does not exist (looked at ${directory}): pass a directory of the repository.`);
        }
        return directory;
    }
    /** The command's environment: scrubbed of credentials, marked with the run's id. */
    environment(options, runId) {
        const given = options.env ?? {};
        const { env, withheld } = (0,scrub_env/* scrubEnv */.LK)({ ...(this.options.env ?? process.env), ...given }, {
            // Variables the caller sets for this run are meant for it.
            passEnv: [...(this.options.passEnv ?? []), ...(options.passEnv ?? []), ...Object.keys(given)],
            secrets: this.options.secrets
        });
        for (const name of withheld) {
            if (this.warned.has(name))
                continue;
            this.warned.add(name);
            this.options.warn?.(`pass-env names ${name}, but it holds the token self-heal uses (or another secret it was given), ` +
                'so checks and fixers do not get it: give them a token of their own under another name.');
        }
        // Appended, not replaced: a self-heal running inside another one's command stays findable by both.
        env[RUN_MARKER_VARIABLE] = [env[RUN_MARKER_VARIABLE], runId].filter(Boolean).join(' ');
        return env;
    }
    async spawnCommand(command, cwd, options) {
        const timeoutSeconds = options.timeoutSeconds ?? this.options.defaultTimeoutSeconds;
        if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) {
            throw new errors/* InvalidInputError */.oC(`The timeout must be a positive number of seconds, got ${timeoutSeconds}.`);
        }
        options.signal?.throwIfAborted();
        const runId = newRunId();
        const env = this.environment(options, runId);
        let file;
        let args;
        let verbatim = false;
        let scriptDirectory;
        if (typeof command === 'string') {
            if (command.trim() === '')
                throw new errors/* InvalidInputError */.oC('The command is empty: pass the command to run.');
            const shell = await resolveShell(this.options.shell ?? 'default', env);
            // Synchronous, as are the stat of the working directory and the removal: a few small local file operations,
            // each quicker than a trip through the thread pool (which a check's start would pay for, each time).
            scriptDirectory = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'self-heal-run-'));
            const scriptPath = (0,external_node_path_.join)(scriptDirectory, `step${shell.extension}`);
            (0,external_node_fs_.writeFileSync)(scriptPath, shell.wrap(command), { mode: 0o700 });
            file = shell.file;
            args = shell.args(scriptPath);
            verbatim = shell.verbatimArguments;
        }
        else {
            if (command.length === 0 || !command[0]) {
                throw new errors/* InvalidInputError */.oC('The command is empty: pass the program and its arguments.');
            }
            ;
            [file, ...args] = command;
        }
        try {
            return await this.spawnProcess({
                file,
                args,
                cwd,
                env,
                verbatim,
                runId,
                timeoutSeconds,
                signal: options.signal
            });
        }
        finally {
            if (scriptDirectory)
                (0,external_node_fs_.rmSync)(scriptDirectory, { recursive: true, force: true });
        }
    }
    async spawnProcess(launch) {
        const limits = splitBudget(this.options.maxOutputBytes ?? 4 * 1024 * 1024);
        const captured = { stdout: new OutputCapper(limits), stderr: new OutputCapper(limits) };
        const started = now();
        const posix = process.platform !== 'win32';
        let child;
        try {
            child = (0,external_node_child_process_.spawn)(launch.file, launch.args, {
                cwd: launch.cwd,
                env: launch.env,
                stdio: ['ignore', 'pipe', 'pipe'],
                // Its own process group, so the whole tree can be signalled at once.
                detached: posix,
                windowsHide: true,
                windowsVerbatimArguments: launch.verbatim
            });
        }
        catch (error) {
            // Node refuses some arguments before starting anything (a NUL byte in an argument or a variable).
            throw new errors/* InvalidInputError */.oC(`The command cannot be started: ${error.message}`);
        }
        const exited = new Promise(resolve => {
            child.once('exit', (code, signal) => resolve({ code, signal }));
            // Only a failure to start ends the run here; a running child always reports through 'exit'.
            child.on('error', error => {
                if (child.pid === undefined)
                    resolve({ notStarted: error });
            });
        });
        const streams = [child.stdout, child.stderr];
        const closed = Promise.all(streams.map(stream => new Promise(resolve => stream.once('close', resolve))));
        const echo = this.options.echo ? new Echo(this.options.echo, this.inert(), streams) : undefined;
        let lastOutput = now();
        for (const [name, stream] of [
            ['stdout', child.stdout],
            ['stderr', child.stderr]
        ]) {
            stream.on('data', (chunk) => {
                lastOutput = now();
                captured[name].push(chunk);
                this.options.onOutput?.(name, chunk);
                echo?.write(chunk);
            });
        }
        const tree = child.pid === undefined ? undefined : new ProcessTree(child.pid, launch.runId);
        let ending;
        const end = (graceMs) => (ending ??= tree ? tree.end(graceMs) : Promise.resolve());
        const graceMs = this.options.killGraceMs ?? 3000;
        let timedOut = false;
        let aborted = false;
        const onAbort = () => {
            aborted = true;
            void end(graceMs);
        };
        let timer;
        try {
            if (tree)
                track(tree);
            if (launch.timeoutSeconds !== undefined) {
                timer = setTimeout(() => {
                    timedOut = true;
                    void end(graceMs);
                }, launch.timeoutSeconds * 1000);
            }
            launch.signal?.addEventListener('abort', onAbort, { once: true });
            // Aborted while the script was being written: the listener came too late to hear it.
            if (launch.signal?.aborted)
                onAbort();
            const exit = await exited;
            clearTimeout(timer);
            if ('notStarted' in exit) {
                const reason = exit.notStarted.code === 'ENOENT' ? 'command not found' : exit.notStarted.message;
                return {
                    exitCode: NOT_STARTED_EXIT_CODE,
                    stdout: '',
                    stderr: `self-heal: ${launch.file}: ${reason}\n`,
                    durationMs: Math.round(now() - started),
                    timedOut: false
                };
            }
            // Whatever the command left running goes with it, at once (unless a timeout or abort is already ending
            // it), as at the end of a job on a runner. On Windows taskkill needs the leader, which is gone by now.
            await (posix ? end(0) : ending);
            // The rest of the output, unless an escaped process holds a pipe open and says nothing more.
            const quiet = until(() => !echo?.waiting && now() - Math.max(lastOutput, echo?.resumedAt ?? 0) >= PIPE_DRAIN_MS);
            // The watch stops with the race: left running, it would hold this process open half a second more.
            await Promise.race([closed, quiet.done]).finally(quiet.cancel);
            for (const stream of streams)
                stream.destroy();
            if (aborted)
                throw launch.signal?.reason;
            const signalCode = exit.signal ? 128 + (external_node_os_.constants.signals[exit.signal] ?? 0) : undefined;
            const exitCode = exit.code ?? signalCode ?? 1;
            return {
                exitCode: timedOut && exitCode === 0 ? 124 : exitCode,
                stdout: captured.stdout.toString(),
                stderr: captured.stderr.toString(),
                durationMs: Math.round(now() - started),
                timedOut
            };
        }
        finally {
            clearTimeout(timer);
            launch.signal?.removeEventListener('abort', onAbort);
            if (tree)
                running.delete(tree);
            echo?.close();
        }
    }
    inert() {
        return this.options.inertWorkflowCommands ?? (this.options.env ?? process.env).GITHUB_ACTIONS === 'true';
    }
}
/**
 * Copies a command's output to a stream without outrunning it (the command's pipes are paused while the stream
 * is full), ends an unterminated last line so what the log prints next starts a line of its own, and — when
 * `inert` — frames it with `::stop-commands::` so the runner obeys no workflow command in it.
 */
class Echo {
    destination;
    sources;
    /** Whether the sources are paused until the destination drains. */
    waiting = false;
    /** When the sources were last resumed (now()). */
    resumedAt = 0;
    atLineStart = true;
    broken = false;
    token;
    watch;
    constructor(destination, inert, sources) {
        this.destination = destination;
        this.sources = sources;
        destination.on('error', this.stop);
        destination.on('close', this.stop);
        if (inert) {
            // Random and never in the command's environment: a command cannot end the frame early.
            // Loaded here, not at the top: only a run on a runner frames its echo.
            const { randomBytes } = (0,external_node_module_.createRequire)(import.meta.url)('node:crypto');
            this.token = randomBytes(16).toString('hex');
            this.destination.write(`::stop-commands::${this.token}\n`);
        }
    }
    write(chunk) {
        if (this.broken || chunk.length === 0)
            return;
        this.atLineStart = chunk[chunk.length - 1] === 0x0a;
        if (!this.destination.write(chunk) && !this.waiting) {
            this.waiting = true;
            for (const source of this.sources)
                source.pause();
            this.destination.once('drain', this.resume);
            // A 'drain' can go unheard: an action's stdout (a runner's pipe) was seen empty, not needing one, while the
            // command sat paused for good. The destination's own state says when it took everything.
            this.watch = setInterval(() => {
                if (this.destination.writableNeedDrain === false)
                    this.resume();
            }, DRAIN_WATCH_MS);
        }
    }
    /** Ends the last line and the frame; what the log prints next is obeyed again. */
    close() {
        clearInterval(this.watch);
        this.destination.off('drain', this.resume);
        this.destination.off('error', this.stop);
        this.destination.off('close', this.stop);
        if (this.broken)
            return;
        if (!this.atLineStart)
            this.destination.write('\n');
        if (this.token)
            this.destination.write(`::${this.token}::\n`);
    }
    resume = () => {
        clearInterval(this.watch);
        this.destination.off('drain', this.resume);
        this.waiting = false;
        this.resumedAt = now();
        for (const source of this.sources)
            source.resume();
    };
    /** The destination failed or closed (a reader that went away): output is still captured, no longer echoed. */
    stop = () => {
        this.broken = true;
        this.destination.off('drain', this.resume);
        this.resume();
    };
}
/** Milliseconds from an arbitrary start: process.hrtime rather than node:perf_hooks, a module more to load at every check. */
function now() {
    return Number(process.hrtime.bigint()) / 1e6;
}
/** `done` resolves once `condition` holds, looking every 100 ms until then or until `cancel`. */
function until(condition) {
    let timer;
    const done = new Promise(resolve => {
        timer = setInterval(() => {
            if (!condition())
                return;
            clearInterval(timer);
            resolve();
        }, 100);
    });
    return { done, cancel: () => clearInterval(timer) };
}
/** Identity of a file's current version (size, mtime, inode), or undefined when it does not exist. */
async function fingerprint(path) {
    try {
        const info = await external_node_fs_.promises.stat(path);
        return info.isFile() ? `${info.size}:${info.mtimeMs}:${info.ino}` : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ })

};

export const id = 372;
export const ids = [372];
export const modules = {

/***/ 1365:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  p2: () => (/* binding */ CacheClosedError),
  dM: () => (/* binding */ CacheUnavailableError),
  yR: () => (/* binding */ checkKey),
  zx: () => (/* binding */ checkTtl),
  EN: () => (/* binding */ hashKey),
  $x: () => (/* binding */ parseValue),
  QO: () => (/* binding */ serializeValue),
  D7: () => (/* binding */ common_stderrLogger)
});

// UNUSED EXPORTS: CacheValueError, MAX_KEY_LENGTH, MAX_TTL_SECONDS, MAX_VALUE_BYTES

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/log.ts
/**
 * A small logger interface so the engine logs the same way from the action (through @actions/core) and from the
 * CLI (to stderr, keeping stdout for `--json`).
 */

/** A logger writing to stderr (or `write`), URL credentials hidden; `debug` only when SELF_HEAL_DEBUG or RUNNER_DEBUG is set. */
function stderrLogger(env = process.env, write = text => process.stderr.write(text)) {
    const debugOn = Boolean(env.SELF_HEAL_DEBUG || env.RUNNER_DEBUG === '1');
    return {
        info: message => write(`${(0,errors/* redactUrls */.sK)(message)}\n`),
        warning: message => write(`warning: ${(0,errors/* redactUrls */.sK)(message)}\n`),
        debug: message => {
            if (debugOn)
                write(`debug: ${(0,errors/* redactUrls */.sK)(message)}\n`);
        }
    };
}
/** A logger that drops everything (tests and `--quiet`). */
const silentLogger = {
    info: () => undefined,
    warning: () => undefined,
    debug: () => undefined
};

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/adapters/cache.ts
/**
 * The Cache port: a key/value store of JSON values with a time to live, used as self-heal's fix memory.
 * No call blocks the event loop; an expired entry is a miss; close() flushes.
 */
/** The default time to live of an entry, in seconds. */
const DEFAULT_TTL_SECONDS = 3600;

;// CONCATENATED MODULE: ./src/adapters/cache/common.ts
/**
 * Rules every CacheAdapter shares: what a key may be, what a value may be, how a TTL is read, the errors, and the
 * logger the adapters report through. One place, so the three implementations accept and refuse the same things.
 */




/** The longest key accepted, in UTF-16 code units (JavaScript string length). */
const MAX_KEY_LENGTH = 8192;
/** The largest value accepted, in bytes of its UTF-8 JSON text. */
const MAX_VALUE_BYTES = 1024 * 1024;
/** The longest time to live accepted, in seconds (ten years): longer is a mistake, not a wish. */
const MAX_TTL_SECONDS = 10 * 365 * 24 * 3600;
/** The default: stderr, so a CLI's stdout stays clean. */
const common_stderrLogger = stderrLogger();
/** A key or value that the cache cannot store; nothing was written. */
class CacheValueError extends errors/* InvalidInputError */.oC {
    static type = 'CacheValueError';
}
/** An operation on a cache that was closed. */
class CacheClosedError extends errors/* SelfHealError */.ZO {
    static type = 'CacheClosedError';
    constructor(kind) {
        super(`The ${kind} cache was closed and cannot be used any more: create a new one.`);
    }
}
/** The backend cannot be used here (e.g. `node:sqlite` is missing on this Node.js): the factory falls back. */
class CacheUnavailableError extends errors/* SelfHealError */.ZO {
    static type = 'CacheUnavailableError';
}
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Checks a key: a non-empty, well-formed string of at most MAX_KEY_LENGTH characters. */
function checkKey(key) {
    if (typeof key !== 'string') {
        throw new CacheValueError(`A cache key must be a string, not ${describeType(key)}.`);
    }
    if (key.length === 0)
        throw new CacheValueError('A cache key must not be empty.');
    if (key.length > MAX_KEY_LENGTH) {
        throw new CacheValueError(`A cache key is ${key.length} characters long; the limit is ${MAX_KEY_LENGTH}: hash long keys before using them.`);
    }
    // A lone surrogate cannot be encoded as UTF-8, so two different keys could be stored as the same bytes.
    if (LONE_SURROGATE.test(key)) {
        throw new CacheValueError('A cache key contains a lone UTF-16 surrogate: use well-formed Unicode text.');
    }
    return key;
}
/** The fixed-length form of a key (SHA-256, hex), for backends that need one. */
function hashKey(key) {
    return (0,external_node_crypto_.createHash)('sha256').update(key, 'utf8').digest('hex');
}
/** Checks a TTL: a finite number of seconds, > 0 and <= MAX_TTL_SECONDS; undefined means the default. */
function checkTtl(ttlSeconds) {
    if (ttlSeconds === undefined)
        return DEFAULT_TTL_SECONDS;
    if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
        throw new CacheValueError(`A cache TTL must be a positive number of seconds, not ${describeValue(ttlSeconds)}: omit it for ${DEFAULT_TTL_SECONDS} s.`);
    }
    if (ttlSeconds > MAX_TTL_SECONDS) {
        throw new CacheValueError(`A cache TTL of ${ttlSeconds} s is longer than the limit of ${MAX_TTL_SECONDS} s.`);
    }
    return ttlSeconds;
}
/**
 * Serialises a value to JSON text, refusing what JSON would silently change or drop: undefined, functions,
 * symbols, BigInt, NaN and the infinities, cycles, and objects that are not plain (Date, Map, class instances).
 * -0 is accepted and reads back as 0, as JSON defines. The message names the path of the first offender.
 */
function serializeValue(key, value) {
    const refusal = findNonJson(value, []);
    if (refusal) {
        throw new CacheValueError(`The value for cache key ${quoteKey(key)} is not JSON: $${refusal.path.reverse().join('')} is ${refusal.what}; ${refusal.fix}. Nothing was stored.`);
    }
    const text = JSON.stringify(value);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_VALUE_BYTES) {
        throw new CacheValueError(`The value for cache key ${quoteKey(key)} is ${bytes} bytes of JSON; the limit is ${MAX_VALUE_BYTES}: store less, or split it.`);
    }
    return text;
}
/** Parses JSON text that serializeValue produced. */
function parseValue(text) {
    return JSON.parse(text);
}
function refuse(what, fix) {
    return { what, fix, path: [] };
}
/**
 * The first part of `value` that JSON.stringify would not write exactly, or undefined. The path is collected only
 * on the way back from a refusal, so a value that is JSON (every value stored) costs no string per property.
 */
function findNonJson(value, ancestors) {
    switch (typeof value) {
        case 'string':
        case 'boolean':
            return undefined;
        case 'number':
            return Number.isFinite(value) ? undefined : refuse(String(value), 'store a finite number or null');
        case 'bigint':
            return refuse('a BigInt', 'store it as a string');
        case 'undefined':
            return refuse('undefined', 'use null or leave the property out');
        case 'function':
            return refuse('a function', 'store data only');
        case 'symbol':
            return refuse('a symbol', 'store a string');
    }
    if (value === null)
        return undefined;
    const object = value;
    if (ancestors.includes(object))
        return refuse('a reference to itself (a cycle)', 'store a tree, not a graph');
    if (!Array.isArray(object)) {
        const proto = Object.getPrototypeOf(object);
        if (proto !== Object.prototype && proto !== null) {
            const name = object.constructor?.name ?? 'an object';
            return refuse(`a ${name}, not a plain object`, 'convert it to a plain object, an array or a string');
        }
        if (Object.getOwnPropertySymbols(object).length > 0) {
            return refuse('an object with symbol keys', 'use string keys');
        }
    }
    let refusal;
    ancestors.push(object);
    if (Array.isArray(object)) {
        for (let i = 0; !refusal && i < object.length; i++) {
            // A hole in a sparse array would become null.
            if (!(i in object)) {
                refusal = refuse(`a sparse array (index ${i} is empty)`, 'fill it with null');
            }
            else {
                refusal = findNonJson(object[i], ancestors);
                refusal?.path.push(`[${i}]`);
            }
        }
    }
    else {
        for (const name in object) {
            if (!Object.hasOwn(object, name))
                continue;
            refusal = findNonJson(object[name], ancestors);
            if (refusal) {
                refusal.path.push(/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`);
                break;
            }
        }
    }
    ancestors.pop();
    return refusal;
}
function quoteKey(key) {
    return key.length > 80 ? `'${key.slice(0, 77)}...'` : `'${key}'`;
}
function describeType(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'an array';
    return `a ${typeof value}`;
}
function describeValue(value) {
    if (typeof value === 'number' || typeof value === 'string')
        return JSON.stringify(value);
    return describeType(value);
}


/***/ }),

/***/ 9372:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  chooseCache: () => (/* reexport */ chooseCache),
  createCache: () => (/* reexport */ createCache),
  saveSnapshotInPost: () => (/* reexport */ saveSnapshotInPost)
});

// UNUSED EXPORTS: ActionsCacheAdapter, CacheClosedError, CacheUnavailableError, CacheValueError, MAX_KEY_LENGTH, MAX_TTL_SECONDS, MAX_VALUE_BYTES, MemoryCacheAdapter, SqliteCacheAdapter, actionsCacheAvailability, actionsCoreLogger, defaultCachePath, isSqliteAvailable, stderrLogger

// EXTERNAL MODULE: ./src/actions-core.ts
var actions_core = __webpack_require__(1938);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/adapters/cache/common.ts + 2 modules
var common = __webpack_require__(1365);
// EXTERNAL MODULE: ./src/adapters/cache/memory.ts
var memory = __webpack_require__(8842);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/adapters/cache/actions-cache.ts
/**
 * The GitHub Actions cache as a CacheAdapter (CI, and CLOUD when the runtime offers it), write-back:
 *
 * - The Actions cache stores immutable archives by key, so the whole cache is one JSON snapshot file. On first
 *   use the newest snapshot whose key starts with `<namespace>-cache-v1-` is restored (one restore per job);
 *   after that every get/set/delete is served from memory, so a process reads its own writes.
 * - Keys are stored hashed (SHA-256, fixed length); a delete is a tombstone; TTL is enforced on read.
 * - One new snapshot is saved per job, under `<namespace>-cache-v1-<run id>-<run attempt>-<job>`.
 *
 * Main and post steps are separate processes. With `saveOn: 'post-step'` (the action's mode) close() only writes
 * the snapshot and a small state file under `$RUNNER_TEMP/self-heal-cache/`; the post step calls
 * saveSnapshotInPost(), which reads them back and saves the snapshot once. A later main step of the same job
 * loads that local snapshot instead of restoring again. With `saveOn: 'close'` (CLI, scripts) close() saves.
 *
 * `saveCache` reports most failures by logging and returning -1, so the adapter listens to what it logs and says
 * why in one warning (already exists, write denied, rate limited); a failed save never fails the job and never
 * leaves a partial snapshot behind (only finalized entries are visible, and a snapshot is validated on restore).
 * Without the service (no ACTIONS_RESULTS_URL, no runtime token, cache mode `none`) it degrades to memory and says
 * so once; with cache mode `read` it restores but keeps changes in memory.
 */







/** The snapshot file's format marker and version. */
const SNAPSHOT_FORMAT = 'self-heal-cache-snapshot';
const SNAPSHOT_VERSION = 1;
/**
 * `@actions/cache` (with the Azure SDK) takes a few hundred ms to import: it is loaded on first restore or save, so
 * LOCAL runs and jobs that never touch the cache do not pay for it.
 */
const actionsCache = () => Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(824), __webpack_require__.e(763)]).then(__webpack_require__.bind(__webpack_require__, 5763));
/** A logger over `@actions/core` (the default: lines land in the job's log, warnings as annotations). */
const actionsCoreLogger = { info: m => actions_core/* info */.pq(m), warning: m => actions_core/* warning */.$e(m) };
/**
 * What the Actions cache offers in `env`, with the rules of `@actions/cache` 6: service v2 (needs
 * ACTIONS_RESULTS_URL) when ACTIONS_CACHE_SERVICE_V2 is set and the server is not GHES, else v1 (needs
 * ACTIONS_CACHE_URL); ACTIONS_RUNTIME_TOKEN and RUNNER_TEMP always; ACTIONS_CACHE_MODE limits reads and writes.
 */
function actionsCacheAvailability(env = process.env) {
    const none = (reason) => ({ readable: false, writable: false, reason });
    const v2 = !isGhes(env.GITHUB_SERVER_URL) && Boolean(env.ACTIONS_CACHE_SERVICE_V2);
    if (!env.ACTIONS_RESULTS_URL && !env.ACTIONS_CACHE_URL)
        return none('ACTIONS_RESULTS_URL is not set');
    if (v2 && !env.ACTIONS_RESULTS_URL)
        return none('ACTIONS_RESULTS_URL is not set');
    if (!v2 && !env.ACTIONS_CACHE_URL)
        return none('ACTIONS_CACHE_URL is not set (cache service v1)');
    if (!env.ACTIONS_RUNTIME_TOKEN)
        return none('ACTIONS_RUNTIME_TOKEN is not set');
    if (!env.RUNNER_TEMP)
        return none('RUNNER_TEMP is not set');
    const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
    if (mode === 'none')
        return none("the cache mode is 'none'");
    if (mode === 'read')
        return { readable: true, writable: false, reason: "the cache mode is 'read'" };
    if (mode === 'write-only')
        return { readable: false, writable: true, reason: "the cache mode is 'write-only'" };
    return { readable: true, writable: true };
}
function isGhes(serverUrl) {
    const host = new URL(serverUrl || 'https://github.com').hostname.toUpperCase();
    return host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST');
}
function layoutFor(env, namespace = 'self-heal') {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(namespace)) {
        throw new errors/* ConfigurationError */.j1(`The cache namespace '${namespace}' is not valid: use 1 to 64 letters, digits, '.', '_' or '-'.`);
    }
    const temp = env.RUNNER_TEMP;
    if (!temp)
        throw new errors/* ConfigurationError */.j1('RUNNER_TEMP is not set: the Actions cache needs a runner temp directory.');
    const runId = safe(env.GITHUB_RUN_ID || `local-${process.pid}`);
    const attempt = safe(env.GITHUB_RUN_ATTEMPT || '1');
    const job = safe(env.GITHUB_JOB || 'job');
    const prefix = `${namespace}-cache-v1-`;
    const identity = `${runId}-${attempt}-${job}`;
    const root = (0,external_node_path_.join)(temp, 'self-heal-cache');
    return {
        namespace,
        prefix,
        key: `${prefix}${identity}`,
        identity,
        // The path is part of the cache version: it must be the same string in every job that shares snapshots
        // (RUNNER_TEMP is the same path on every GitHub-hosted runner of one operating system).
        snapshotPath: (0,external_node_path_.join)(root, namespace, 'snapshot.json'),
        statePath: (0,external_node_path_.join)(root, `${namespace}.state.json`)
    };
}
function safe(part) {
    return part.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
}
/** The Actions cache adapter. */
class ActionsCacheAdapter {
    /** See CacheAdapter.kind: `actions-cache`, or `memory` when the service is missing (see availability). */
    kind;
    /** What the environment offers. */
    availability;
    env;
    now;
    logger;
    saveOn;
    maxSnapshotBytes;
    quiet;
    layout;
    fallback;
    entries = new Map();
    loaded;
    dirty = false;
    saves = 0;
    told = false;
    closing;
    constructor(options = {}) {
        this.env = options.env ?? process.env;
        this.now = options.now ?? Date.now;
        this.logger = options.logger ?? actionsCoreLogger;
        this.saveOn = options.saveOn ?? 'post-step';
        this.maxSnapshotBytes = options.maxSnapshotBytes ?? 64 * 1024 * 1024;
        this.quiet = options.libraryOutput === 'capture-only';
        this.availability = actionsCacheAvailability(this.env);
        if (this.availability.readable || this.availability.writable) {
            this.layout = layoutFor(this.env, options.namespace);
            this.kind = 'actions-cache';
        }
        else {
            this.fallback = new memory/* MemoryCacheAdapter */.P({ now: this.now });
            this.kind = 'memory';
        }
    }
    /** The key this adapter's next snapshot is saved under (undefined when degraded to memory). */
    get snapshotKey() {
        return this.layout && saveKey(this.layout, this.saves);
    }
    /** See CacheAdapter.get. */
    async get(key) {
        (0,common/* checkKey */.yR)(key);
        if (this.fallback) {
            this.tellOnce();
            return this.fallback.get(key);
        }
        await this.ready();
        const entry = this.entries.get((0,common/* hashKey */.EN)(key));
        if (!entry || entry[2] === null || entry[0] <= this.now())
            return undefined;
        return (0,common/* parseValue */.$x)(entry[2]);
    }
    /** See CacheAdapter.set. */
    async set(key, value, ttlSeconds) {
        (0,common/* checkKey */.yR)(key);
        const ttl = (0,common/* checkTtl */.zx)(ttlSeconds);
        const text = (0,common/* serializeValue */.QO)(key, value);
        if (this.fallback) {
            this.tellOnce();
            return this.fallback.set(key, value, ttl);
        }
        await this.ready();
        const now = this.now();
        this.entries.set((0,common/* hashKey */.EN)(key), [now + ttl * 1000, now, text]);
        this.dirty = true;
    }
    /** See CacheAdapter.delete: leaves a tombstone that lives as long as the value it hides would have. */
    async delete(key) {
        (0,common/* checkKey */.yR)(key);
        if (this.fallback) {
            this.tellOnce();
            return this.fallback.delete(key);
        }
        await this.ready();
        const hashed = (0,common/* hashKey */.EN)(key);
        const entry = this.entries.get(hashed);
        if (!entry || entry[2] === null)
            return;
        this.entries.set(hashed, [entry[0], this.now(), null]);
        this.dirty = true;
    }
    /**
     * Writes the snapshot and the state file for the post step (saveOn `post-step`) or saves the snapshot now
     * (saveOn `close`). Does nothing when the cache was never used.
     */
    close() {
        this.closing ??= (async () => {
            if (this.fallback)
                return this.fallback.close();
            if (!this.loaded)
                return;
            await this.loaded;
            if (this.saveOn === 'close')
                await this.flush();
            else {
                try {
                    await this.persist();
                }
                catch (error) {
                    this.logger.warning(`The cache snapshot could not be written for the post step (${(0,errors/* errorMessage */.gJ)(error)}): this job's changes are not saved.`);
                }
            }
            this.entries.clear();
        })();
        return this.closing;
    }
    /** Saves a new snapshot now, if anything changed; the outcome is logged and returned, never thrown. */
    async flush() {
        if (!this.layout || !this.loaded)
            return { outcome: 'nothing-to-save' };
        await this.loaded;
        if (!this.dirty)
            return { outcome: 'nothing-to-save' };
        try {
            await this.persist();
        }
        catch (error) {
            this.logger.warning(`The cache snapshot was not saved: it could not be written (${(0,errors/* errorMessage */.gJ)(error)}).`);
            return { outcome: 'failed', key: saveKey(this.layout, this.saves) };
        }
        const outcome = await saveSnapshot(this.layout, this.saves, this.availability, this.logger, this.quiet);
        if (outcome.outcome === 'saved') {
            this.dirty = false;
            this.saves++;
            await writeState(this.layout, { dirty: false, saves: this.saves });
        }
        return outcome;
    }
    ready() {
        if (this.closing)
            return Promise.reject(new common/* CacheClosedError */.p2('Actions'));
        // A restore that cannot even start (e.g. an unwritable RUNNER_TEMP) means an empty cache, not failed calls.
        this.loaded ??= this.load().catch(error => {
            this.entries.clear();
            this.logger.warning(`The cache snapshot could not be restored (${(0,errors/* errorMessage */.gJ)(error)}): starting with an empty cache.`);
        });
        return this.loaded;
    }
    tellOnce() {
        if (this.closing)
            throw new common/* CacheClosedError */.p2('Actions');
        if (this.told)
            return;
        this.told = true;
        this.logger.info(`The Actions cache is not available (${this.availability.reason}): self-heal's cache lives in memory for this process only.`);
    }
    async load() {
        const layout = this.layout;
        if (this.availability.reason) {
            this.logger.info(this.availability.writable
                ? `The Actions cache is write-only here (${this.availability.reason}): this job starts with an empty cache and saves its own snapshot.`
                : `The Actions cache is read-only here (${this.availability.reason}): entries come from the last snapshot, and changes stay in memory for this job.`);
        }
        // A snapshot written by an earlier step of this same job is newer than anything in the service.
        const state = await readState(layout);
        if (state && state.identity === layout.identity) {
            const local = await readSnapshot(layout.snapshotPath);
            if (local) {
                this.entries = new Map(Object.entries(local.entries));
                this.dirty = state.dirty;
                this.saves = state.saves ?? 0;
                return;
            }
        }
        if (!this.availability.readable)
            return;
        await (0,promises_.rm)(layout.snapshotPath, { force: true });
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(layout.snapshotPath), { recursive: true });
        let restored;
        try {
            restored = await captureStdout(async () => (await actionsCache()).restoreCache([layout.snapshotPath], layout.key, [layout.prefix]), this.quiet);
        }
        catch (error) {
            this.logger.warning(`The cache snapshot could not be restored (${(0,errors/* errorMessage */.gJ)(error)}): starting with an empty cache.`);
            return;
        }
        const { value: matched, output } = restored;
        if (!matched) {
            const failure = /Failed to restore: (.*)/.exec(output)?.[1] ??
                (/cache read denied[^\n]*/.exec(output)?.[0] || undefined);
            if (failure)
                this.logger.warning(`The cache snapshot could not be restored (${failure.trim()}): starting with an empty cache.`);
            else
                this.logger.info(`No cache snapshot saved yet (key prefix ${layout.prefix}): starting with an empty cache.`);
            return;
        }
        const snapshot = await readSnapshot(layout.snapshotPath);
        if (!snapshot) {
            this.logger.warning(`The cache snapshot ${matched} is not a valid snapshot and was ignored: starting with an empty cache.`);
            return;
        }
        this.entries = new Map(Object.entries(snapshot.entries));
        this.logger.info(`Restored the cache snapshot ${matched} (${this.entries.size} entries).`);
    }
    async persist() {
        const layout = this.layout;
        const now = this.now();
        const live = [...this.entries].filter(([, entry]) => entry[0] > now);
        let text = JSON.stringify(snapshotOf(live, now));
        if (Buffer.byteLength(text) > this.maxSnapshotBytes) {
            // Keep what lives longest: the soonest-expiring entries are the cheapest to lose.
            live.sort((a, b) => b[1][0] - a[1][0]);
            let bytes = Buffer.byteLength(text);
            let keep = live.length;
            while (keep > 0 && bytes > this.maxSnapshotBytes) {
                keep--;
                bytes -= Buffer.byteLength(JSON.stringify(live[keep])) + 1;
            }
            this.logger.info(`The cache snapshot was over ${this.maxSnapshotBytes} bytes: ${live.length - keep} entries closest to expiry were dropped.`);
            text = JSON.stringify(snapshotOf(live.slice(0, keep), now));
        }
        await writeAtomically(layout.snapshotPath, text);
        await writeState(layout, { dirty: this.dirty, saves: this.saves });
    }
}
function snapshotOf(entries, now) {
    return {
        format: SNAPSHOT_FORMAT,
        version: SNAPSHOT_VERSION,
        savedAt: now,
        entries: Object.fromEntries(entries)
    };
}
/**
 * The post step's half (a separate process from main): saves the snapshot that main's close() left under
 * RUNNER_TEMP, once, and logs what happened. Never throws: a failed save is a warning, not a failed job.
 */
async function saveSnapshotInPost(options = {}) {
    const env = options.env ?? process.env;
    const logger = options.logger ?? actionsCoreLogger;
    try {
        const availability = actionsCacheAvailability(env);
        if (!availability.readable && !availability.writable)
            return { outcome: 'unavailable' };
        const layout = layoutFor(env, options.namespace);
        const state = await readState(layout);
        if (!state || state.identity !== layout.identity || !state.dirty) {
            logger.info('The cache did not change in this job: no snapshot to save.');
            return { outcome: 'nothing-to-save' };
        }
        if (!(await readSnapshot(layout.snapshotPath))) {
            logger.warning(`The cache snapshot ${layout.snapshotPath} is missing or damaged: nothing was saved.`);
            return { outcome: 'failed', key: saveKey(layout, state.saves ?? 0) };
        }
        const saves = state.saves ?? 0;
        const outcome = await saveSnapshot(layout, saves, availability, logger, options.libraryOutput === 'capture-only');
        if (outcome.outcome === 'saved')
            await writeState(layout, { dirty: false, saves: saves + 1 });
        return outcome;
    }
    catch (error) {
        logger.warning(`The cache snapshot was not saved: ${(0,errors/* errorMessage */.gJ)(error)}.`);
        return { outcome: 'failed' };
    }
}
/** The key of a job's next snapshot: the job's key, then `-2`, `-3`... for later saves in the same job. */
function saveKey(layout, saves) {
    return saves === 0 ? layout.key : `${layout.key}-${saves + 1}`;
}
async function saveSnapshot(layout, saves, availability, logger, quiet) {
    const key = saveKey(layout, saves);
    if (!availability.writable) {
        logger.info(`The cache snapshot was not saved: ${availability.reason}.`);
        return { outcome: 'write-denied', key };
    }
    let id;
    let output;
    try {
        ;
        ({ value: id, output } = await captureStdout(async () => (await actionsCache()).saveCache([layout.snapshotPath], key), quiet));
    }
    catch (error) {
        logger.warning(`The cache snapshot was not saved (key ${key}): ${(0,errors/* errorMessage */.gJ)(error)}. The next run restores the previous snapshot.`);
        return { outcome: 'failed', key };
    }
    if (id !== -1) {
        logger.info(`Saved the cache snapshot ${key}.`);
        return { outcome: 'saved', key, cacheId: id };
    }
    const next = 'The next run restores the previous snapshot.';
    if (/cache write denied|does not permit writes/i.test(output)) {
        logger.warning(`The cache snapshot was not saved: write denied — this job's cache token is read-only (key ${key}). ${next}`);
        return { outcome: 'write-denied', key };
    }
    if (/\(429\)|rate limit/i.test(output)) {
        const seconds = /reset in (\d+) seconds/.exec(output)?.[1];
        logger.warning(`The cache snapshot was not saved: rate limited by the Actions cache service${seconds ? ` (retry after ${seconds} s)` : ''} (key ${key}). ${next}`);
        return { outcome: 'rate-limited', key };
    }
    if (/already exists|\(409\)/i.test(output)) {
        logger.warning(`The cache snapshot was not saved: the key ${key} already exists (another job with the same run, attempt and job name saved it first). The next run restores that snapshot.`);
        return { outcome: 'already-exists', key };
    }
    if (/storage quota|insufficient usage/i.test(output)) {
        logger.warning(`The cache snapshot was not saved: the repository's cache storage quota is used up (key ${key}). ${next}`);
        return { outcome: 'quota', key };
    }
    const detail = output
        .split('\n')
        .map(line => line.replace(/^::\w+::/, '').trim())
        .filter(line => /fail|error|unable/i.test(line))
        .pop() ?? 'the cache service gave no reason';
    logger.warning(`The cache snapshot was not saved (key ${key}): ${detail}. ${next}`);
    return { outcome: 'failed', key };
}
async function readSnapshot(path) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch {
        return undefined;
    }
    try {
        const parsed = JSON.parse(text);
        if (parsed.format !== SNAPSHOT_FORMAT ||
            parsed.version !== SNAPSHOT_VERSION ||
            typeof parsed.entries !== 'object') {
            return undefined;
        }
        for (const entry of Object.values(parsed.entries)) {
            if (!Array.isArray(entry) ||
                typeof entry[0] !== 'number' ||
                (entry[2] !== null && typeof entry[2] !== 'string')) {
                return undefined;
            }
        }
        return parsed;
    }
    catch {
        return undefined;
    }
}
async function readState(layout) {
    try {
        return JSON.parse(await (0,promises_.readFile)(layout.statePath, 'utf8'));
    }
    catch {
        return undefined;
    }
}
async function writeState(layout, update) {
    const state = {
        identity: layout.identity,
        saves: update.saves,
        dirty: update.dirty,
        writtenAt: Date.now()
    };
    await writeAtomically(layout.statePath, JSON.stringify(state));
}
async function writeAtomically(path, text) {
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
    const temp = `${path}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`;
    await (0,promises_.writeFile)(temp, text);
    await (0,promises_.rename)(temp, path);
}
/**
 * Runs fn while copying what is written to stdout (where `@actions/core` logs, debug lines included): the only
 * place `@actions/cache` says why a save returned -1.
 */
async function captureStdout(fn, quiet) {
    const stdout = process.stdout;
    const original = stdout.write;
    let output = '';
    stdout.write = function (chunk, ...rest) {
        output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        if (quiet) {
            const callback = rest.find(r => typeof r === 'function');
            callback?.();
            return true;
        }
        return original.call(this, chunk, ...rest);
    };
    try {
        const value = await fn();
        return { value, output };
    }
    finally {
        stdout.write = original;
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
;// CONCATENATED MODULE: ./src/adapters/cache/sqlite-worker-source.ts
/**
 * The SQLite worker's code, as a self-contained CommonJS script in a string: it is started with
 * `new Worker(SQLITE_WORKER_SOURCE, { eval: true })`, so it runs the same from TypeScript sources (jest, tsx) and
 * from the ncc bundle, with no separate file to find next to `dist/index.js`. It must not import project modules.
 *
 * Protocol (all messages are plain objects):
 * - workerData `{ path, busyTimeoutMs, now }`; the worker replies `{ type: 'ready', movedAside? }` or
 *   `{ type: 'failed', code: 'unavailable' | 'open', message }`.
 * - `{ type: 'batch', id, kinds: [0 get | 1 set | 2 delete], keys, texts: [JSON | null], times: [get: now,
 *   set: expiresAt, delete: 0], now }` → `{ type: 'batch', id, found: [JSON | null], error?, warnings: [] }`.
 *   A batch is one transaction: it commits whole or fails whole.
 * - `{ type: 'close', now }` → `{ type: 'closed' }`, after which the worker ends.
 */
const SQLITE_WORKER_SOURCE = String.raw `
'use strict'
const { parentPort, workerData } = require('node:worker_threads')
const fs = require('node:fs')
const path = require('node:path')

let sqlite
let unavailable
try {
  // node:sqlite exists from Node.js 22.5 (behind a flag until 22.13): say so instead of crashing.
  const originalEmit = process.emitWarning
  process.emitWarning = function (warning, ...rest) {
    const text = String(warning && warning.message ? warning.message : warning)
    if (/SQLite/i.test(text)) return
    return originalEmit.call(process, warning, ...rest)
  }
  sqlite = require('node:sqlite')
  process.emitWarning = originalEmit
} catch (error) {
  unavailable = error
}

const SQLITE_BUSY = 5
const SQLITE_LOCKED = 6
const SQLITE_READONLY = 8
const SQLITE_CORRUPT = 11
const SQLITE_CANTOPEN = 14
const SQLITE_NOTADB = 26
const PURGE_EVERY_MS = 60 * 1000
const PURGE_EVERY_WRITES = 5000

const file = workerData.path
let db
let statements
let lastPurge = 0
let writesSincePurge = 0

function primary(error) {
  return typeof error.errcode === 'number' ? error.errcode & 0xff : -1
}

// A file this process cannot use: damaged or not a database; or, when this user has no permission to read or
// write it (say, left by an earlier run under sudo), unreadable (CANTOPEN) or read-only (READONLY). Moving it aside
// is the fix for each. CANTOPEN and READONLY also happen for passing reasons while the file is fine (a WAL recovery
// in another process, no file handles left), and a file another process is using must not be moved: so those two
// count only when the permissions say so.
function isUnusable(error) {
  const code = primary(error)
  if (code === SQLITE_CORRUPT || code === SQLITE_NOTADB) return true
  if (code !== SQLITE_CANTOPEN && code !== SQLITE_READONLY) return false
  try {
    fs.accessSync(file, code === SQLITE_CANTOPEN ? fs.constants.R_OK | fs.constants.W_OK : fs.constants.W_OK)
    return false
  } catch (failure) {
    return failure.code === 'EACCES' || failure.code === 'EPERM'
  }
}

function openDatabase() {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const handle = new sqlite.DatabaseSync(file)
  try {
    handle.exec('PRAGMA busy_timeout = ' + Number(workerData.busyTimeoutMs))
    handle.exec('PRAGMA journal_mode = WAL')
    // NORMAL in WAL mode loses no committed transaction when a process dies (only on power loss).
    handle.exec('PRAGMA synchronous = NORMAL')
    // No integrity check here: PRAGMA quick_check reads every page, so an open would cost in proportion to the
    // file. A file that is not a database fails the statements above (NOTADB); damaged pages fail the statement
    // that reads them (CORRUPT), here, in the purge that follows, or in a later batch, which moves the file aside
    // then (handleBatch).
    handle.exec(
      'CREATE TABLE IF NOT EXISTS self_heal_cache_v1 (' +
        'key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL, expires_at INTEGER NOT NULL)'
    )
    handle.exec('CREATE INDEX IF NOT EXISTS self_heal_cache_v1_expiry ON self_heal_cache_v1 (expires_at)')
  } catch (error) {
    try {
      handle.close()
    } catch {}
    throw error
  }
  return handle
}

function prepare() {
  statements = {
    get: db.prepare('SELECT value, expires_at FROM self_heal_cache_v1 WHERE key = ?'),
    set: db.prepare(
      'INSERT INTO self_heal_cache_v1 (key, value, expires_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at'
    ),
    delete: db.prepare('DELETE FROM self_heal_cache_v1 WHERE key = ?'),
    purge: db.prepare('DELETE FROM self_heal_cache_v1 WHERE expires_at <= ?')
  }
}

function moveAside(reason) {
  const target = file + '.corrupt-' + new Date().toISOString().replace(/[:.]/g, '-')
  let moved = false
  if (fs.existsSync(file)) {
    fs.renameSync(file, target)
    moved = true
  }
  for (const suffix of ['-wal', '-shm']) {
    try {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix)
    } catch {}
  }
  return moved ? { to: target, reason } : undefined
}

// Opens the file and purges expired rows: the purge is the first write, so a file this user cannot write fails
// here, where it can still be moved aside, and not at the first set.
function openUsable(now) {
  const handle = openDatabase()
  db = handle
  try {
    prepare()
    purge(now)
  } catch (error) {
    db = undefined
    try {
      handle.close()
    } catch {}
    throw error
  }
}

// Two processes opening a new file at the same moment both try to switch it to WAL, and SQLite answers one of them
// BUSY at once, without waiting through the busy timeout (to avoid a deadlock): wait a little and open again,
// within the busy timeout.
const pause = new Int32Array(new SharedArrayBuffer(4))
function openUsableRetrying(now) {
  const deadline = Date.now() + Number(workerData.busyTimeoutMs)
  for (let attempt = 1; ; attempt++) {
    try {
      return openUsable(now)
    } catch (error) {
      const code = primary(error)
      if ((code !== SQLITE_BUSY && code !== SQLITE_LOCKED) || Date.now() >= deadline) throw error
      Atomics.wait(pause, 0, 0, Math.min(100, 5 * attempt) + Math.random() * 10)
    }
  }
}

function openOrRecover(now) {
  try {
    openUsableRetrying(now)
    return undefined
  } catch (error) {
    if (!isUnusable(error) || !fs.existsSync(file)) throw error
    let movedAside
    try {
      movedAside = moveAside(error.message)
    } catch (failure) {
      throw new Error(error.message + ', and it could not be moved aside (' + failure.message + ')')
    }
    openUsableRetrying(now)
    return movedAside
  }
}

function purge(now) {
  statements.purge.run(now)
  lastPurge = now
  writesSincePurge = 0
}

// A batch is flat arrays (cheap to copy between threads): kinds[i] is 0 get, 1 set, 2 delete.
function runBatch(batch) {
  const { kinds, keys, texts, times } = batch
  // A failed recovery left no database open: this batch tries again.
  if (!db) openUsableRetrying(batch.now)
  const writes = kinds.some(kind => kind !== 0)
  const found = new Array(kinds.length).fill(null)
  db.exec(writes ? 'BEGIN IMMEDIATE' : 'BEGIN')
  try {
    for (let i = 0; i < kinds.length; i++) {
      if (kinds[i] === 0) {
        const row = statements.get.get(keys[i])
        if (row && row.expires_at > times[i]) found[i] = row.value
      } else if (kinds[i] === 1) {
        statements.set.run(keys[i], texts[i], times[i])
        writesSincePurge++
      } else {
        statements.delete.run(keys[i])
      }
    }
    if (writes && (writesSincePurge >= PURGE_EVERY_WRITES || batch.now - lastPurge >= PURGE_EVERY_MS)) purge(batch.now)
    db.exec('COMMIT')
  } catch (error) {
    try {
      db.exec('ROLLBACK')
    } catch {}
    throw error
  }
  return found
}

function handleBatch(message) {
  const warnings = []
  let found
  let error
  try {
    found = runBatch(message)
  } catch (failure) {
    error = failure.message
    if (isUnusable(failure)) {
      // The file was damaged under us: keep it for inspection, start a fresh one, and retry the batch once.
      try {
        db.close()
      } catch {}
      db = undefined
      try {
        const movedAside = moveAside(failure.message)
        if (movedAside) warnings.push(movedAside)
        openUsableRetrying(message.now)
        found = runBatch(message)
        error = undefined
      } catch (again) {
        // Reported with this batch; the next batch opens the file again.
        error = again.message
      }
    }
  }
  parentPort.postMessage({ type: 'batch', id: message.id, found, error, warnings })
}

function main() {
  if (unavailable) {
    parentPort.postMessage({
      type: 'failed',
      code: 'unavailable',
      message: 'node:sqlite is not available in Node.js ' + process.version + ' (it needs 22.5 or later): ' + unavailable.message
    })
    return
  }
  let movedAside
  try {
    movedAside = openOrRecover(workerData.now)
  } catch (error) {
    parentPort.postMessage({ type: 'failed', code: 'open', message: error.message })
    return
  }
  parentPort.postMessage({ type: 'ready', movedAside })
  parentPort.on('message', onMessage)
}

function onMessage(message) {
  if (message.type === 'batch') {
    handleBatch(message)
  } else if (message.type === 'close') {
    try {
      purge(message.now)
      db.exec('PRAGMA wal_checkpoint(PASSIVE)')
    } catch {}
    try {
      db.close()
    } catch {}
    parentPort.postMessage({ type: 'closed' })
    parentPort.close()
  }
}

main()
`;

;// CONCATENATED MODULE: ./src/adapters/cache/sqlite.ts
/**
 * The SQLite CacheAdapter (LOCAL): `node:sqlite` in a worker thread, so no call blocks the event loop. Calls made
 * in the same turn of the event loop travel to the worker as one message and run as one transaction, in call
 * order. WAL mode and a busy timeout let several processes share one file; expired rows are purged on open, on
 * close and every minute of writes; a damaged, unreadable or read-only file is moved aside with a warning and a fresh one is made.
 */






/**
 * The default database file: `self-heal/cache.sqlite` under the user's cache directory — `$XDG_CACHE_HOME` or
 * `~/.cache` on Linux and other Unix systems, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows.
 */
function defaultCachePath(env = process.env, platform = process.platform, home = (0,external_node_os_.homedir)()) {
    if (platform === 'win32') {
        const base = env.LOCALAPPDATA || (0,external_node_path_.join)(home, 'AppData', 'Local');
        return (0,external_node_path_.join)(base, 'self-heal', 'Cache', 'cache.sqlite');
    }
    if (platform === 'darwin')
        return (0,external_node_path_.join)(home, 'Library', 'Caches', 'self-heal', 'cache.sqlite');
    // XDG says a relative XDG_CACHE_HOME is invalid and must be ignored.
    const xdg = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : (0,external_node_path_.join)(home, '.cache');
    return (0,external_node_path_.join)(xdg, 'self-heal', 'cache.sqlite');
}
/** Whether this Node.js has `node:sqlite` without flags (22.13+, or 22.5+ started with --experimental-sqlite). */
function isSqliteAvailable() {
    try {
        return process.getBuiltinModule?.('node:sqlite') !== undefined;
    }
    catch {
        return false;
    }
}
/** Operation kinds on the wire. */
const GET = 0;
const SET = 1;
const DELETE = 2;
/** The largest number of operations sent to the worker in one message (one transaction). */
const MAX_BATCH = 512;
/** A batch is sent early once its values reach this many characters, so no message grows without bound. */
const MAX_BATCH_CHARS = 8 * 1024 * 1024;
/** The SQLite cache. Build it with `SqliteCacheAdapter.open()`, which waits until the database is usable. */
class SqliteCacheAdapter {
    /** See CacheAdapter.kind. */
    kind = 'sqlite';
    /** The database file. */
    path;
    worker;
    now;
    logger;
    // The next batch, as the flat arrays the worker takes (cheap to copy, little garbage on this thread).
    kinds = [];
    keys = [];
    texts = [];
    times = [];
    settles = [];
    parse = [];
    queuedChars = 0;
    inFlight = new Map();
    batches = new Set();
    nextId = 1;
    scheduled = false;
    closing;
    failure;
    constructor(path, worker, now, logger) {
        this.path = path;
        this.worker = worker;
        this.now = now;
        this.logger = logger;
    }
    /**
     * Opens (or creates) the database in a worker. Rejects with CacheUnavailableError when `node:sqlite` is missing
     * (Node.js < 22.5) so the factory can fall back to memory, and with a SelfHealError when the file cannot be used.
     */
    static async open(options = {}) {
        const path = options.path ?? defaultCachePath();
        const now = options.now ?? Date.now;
        const logger = options.logger ?? common/* stderrLogger */.D7;
        if (!isSqliteAvailable()) {
            throw new common/* CacheUnavailableError */.dM(`The SQLite cache needs node:sqlite, which Node.js ${process.version} does not have: use Node.js 22.13 or later.`);
        }
        const worker = new external_node_worker_threads_.Worker(SQLITE_WORKER_SOURCE, {
            eval: true,
            workerData: { path, busyTimeoutMs: options.busyTimeoutMs ?? 10_000, now: now() },
            stderr: false,
            stdout: false
        });
        const first = await new Promise((resolve, reject) => {
            const onExit = (code) => reject(new errors/* SelfHealError */.ZO(`The SQLite cache worker exited with code ${code}.`));
            worker.once('error', reject);
            worker.once('exit', onExit);
            worker.once('message', (message) => {
                worker.off('error', reject);
                worker.off('exit', onExit);
                resolve(message);
            });
        });
        if (first.type === 'failed') {
            await worker.terminate();
            if (first.code === 'unavailable')
                throw new common/* CacheUnavailableError */.dM(`The SQLite cache is unavailable: ${first.message}`);
            throw new errors/* SelfHealError */.ZO(`The SQLite cache at ${path} cannot be opened: ${first.message}. Check the directory's permissions or choose another path.`);
        }
        const adapter = new SqliteCacheAdapter(path, worker, now, logger);
        if (first.type === 'ready' && first.movedAside)
            adapter.warnMovedAside(first.movedAside);
        adapter.listen();
        // An idle adapter must not keep the process alive; a pending operation does (flush() refs the worker).
        worker.unref();
        return adapter;
    }
    /** See CacheAdapter.get. */
    get(key) {
        try {
            (0,common/* checkKey */.yR)(key);
        }
        catch (error) {
            return Promise.reject(error);
        }
        return this.enqueue(GET, key, null, this.now());
    }
    /** See CacheAdapter.set. */
    set(key, value, ttlSeconds) {
        let text;
        let ttl;
        try {
            (0,common/* checkKey */.yR)(key);
            ttl = (0,common/* checkTtl */.zx)(ttlSeconds);
            text = (0,common/* serializeValue */.QO)(key, value);
        }
        catch (error) {
            return Promise.reject(error);
        }
        return this.enqueue(SET, key, text, this.now() + ttl * 1000);
    }
    /** See CacheAdapter.delete. */
    delete(key) {
        try {
            (0,common/* checkKey */.yR)(key);
        }
        catch (error) {
            return Promise.reject(error);
        }
        return this.enqueue(DELETE, key, null, 0);
    }
    /** Sends what is queued, waits for every operation to be committed, then closes the database and the worker. */
    close() {
        this.closing ??= (async () => {
            this.flush();
            await Promise.all([...this.batches]);
            if (this.failure)
                return;
            this.worker.ref();
            const closed = new Promise(resolve => {
                this.worker.once('exit', () => resolve());
            });
            this.worker.postMessage({ type: 'close', now: this.now() });
            await closed;
        })();
        return this.closing;
    }
    /** Queues one operation; `time` is now for a get, the expiry for a set. Gets resolve with the parsed value. */
    enqueue(kind, key, text, time) {
        if (this.closing)
            return Promise.reject(new common/* CacheClosedError */.p2(this.kind));
        if (this.failure)
            return Promise.reject(this.failure);
        return new Promise((resolve, reject) => {
            this.kinds.push(kind);
            this.keys.push(key);
            this.texts.push(text);
            this.times.push(time);
            this.settles.push([resolve, reject]);
            this.parse.push(kind === GET);
            this.queuedChars += key.length + (text?.length ?? 0);
            if (this.kinds.length >= MAX_BATCH || this.queuedChars >= MAX_BATCH_CHARS)
                this.flush();
            else if (!this.scheduled) {
                this.scheduled = true;
                // Everything called in this turn of the event loop goes in one message.
                setImmediate(() => this.flush());
            }
        });
    }
    flush() {
        this.scheduled = false;
        if (this.kinds.length === 0 || this.failure)
            return;
        const message = {
            type: 'batch',
            id: this.nextId++,
            kinds: this.kinds,
            keys: this.keys,
            texts: this.texts,
            times: this.times,
            now: this.now()
        };
        let done = () => undefined;
        const finished = new Promise(resolve => (done = resolve));
        this.batches.add(finished);
        void finished.then(() => this.batches.delete(finished));
        this.inFlight.set(message.id, { settles: this.settles, parse: this.parse, done });
        this.clearQueue();
        this.worker.ref();
        this.worker.postMessage(message);
    }
    /** Starts the next batch empty (the arrays of the last one now belong to its message and its settlers). */
    clearQueue() {
        this.kinds = [];
        this.keys = [];
        this.texts = [];
        this.times = [];
        this.settles = [];
        this.parse = [];
        this.queuedChars = 0;
    }
    listen() {
        this.worker.on('message', (message) => {
            if (message.type !== 'batch')
                return;
            const batch = this.inFlight.get(message.id);
            this.inFlight.delete(message.id);
            if (this.inFlight.size === 0)
                this.worker.unref();
            for (const warning of message.warnings)
                this.warnMovedAside(warning);
            if (!batch)
                return;
            if (message.error !== undefined || !message.found) {
                const error = new errors/* SelfHealError */.ZO(`The SQLite cache at ${this.path} failed: ${message.error}`);
                for (const [, reject] of batch.settles)
                    reject(error);
            }
            else {
                const found = message.found;
                for (let i = 0; i < batch.settles.length; i++) {
                    const text = found[i];
                    batch.settles[i][0](batch.parse[i] && text !== null ? (0,common/* parseValue */.$x)(text) : undefined);
                }
            }
            batch.done();
        });
        const fail = (error) => {
            this.failure ??= new errors/* SelfHealError */.ZO(`The SQLite cache worker stopped: ${error.message}`);
            for (const batch of this.inFlight.values()) {
                for (const [, reject] of batch.settles)
                    reject(this.failure);
                batch.done();
            }
            this.inFlight.clear();
            for (const [, reject] of this.settles)
                reject(this.failure);
            this.clearQueue();
        };
        this.worker.on('error', fail);
        this.worker.on('exit', code => {
            if (!this.closing)
                fail(new Error(`it exited with code ${code}`));
        });
    }
    warnMovedAside(moved) {
        this.logger.warning(`The cache database ${this.path} could not be used (${moved.reason}); it was moved aside to ${moved.to} and a fresh one was made.`);
    }
}

;// CONCATENATED MODULE: ./src/adapters/cache/create-cache.ts





/** The implementation the settings choose, why (for `self-heal env`), and the SQLite file; opens nothing. */
function chooseCache(settings) {
    const path = settings.sqlitePath ?? defaultCachePath(settings.env);
    if (settings.kind)
        return { kind: settings.kind, reason: 'explicit', ...(settings.kind === 'sqlite' ? { path } : {}) };
    switch (settings.environment) {
        case 'local':
            return { kind: 'sqlite', reason: `local: ${path}`, path };
        case 'ci':
            return { kind: 'actions-cache', reason: 'ci: the GitHub Actions cache' };
        case 'cloud': {
            const env = settings.env ?? process.env;
            const availability = actionsCacheAvailability(env);
            if (availability.readable || availability.writable)
                return { kind: 'actions-cache', reason: 'cloud: the Actions cache is available' };
            // A machine keeps its fixes across heals as LOCAL does; a runner without the cache service is thrown away.
            if (env.GITHUB_ACTIONS !== 'true')
                return { kind: 'sqlite', reason: `cloud, outside Actions: ${path}`, path };
            return { kind: 'memory', reason: `cloud: the Actions cache is not available (${availability.reason})` };
        }
    }
}
/** Builds the cache the settings choose. Never throws for an unusable backend: it falls back to memory. */
async function createCache(settings) {
    const logger = settings.logger ?? common/* stderrLogger */.D7;
    const { kind, reason, path } = chooseCache(settings);
    if (kind === 'sqlite') {
        try {
            return await SqliteCacheAdapter.open({ path, now: settings.now, logger });
        }
        catch (error) {
            logger.warning(`${(0,errors/* errorMessage */.gJ)(error)} The cache lives in memory for this run instead.`);
            return new memory/* MemoryCacheAdapter */.P({ now: settings.now });
        }
    }
    if (kind === 'actions-cache') {
        // In CI without the service the adapter degrades to memory itself and says so once, at first use.
        return new ActionsCacheAdapter({
            env: settings.env,
            namespace: settings.namespace,
            saveOn: settings.saveOn,
            now: settings.now,
            logger: settings.logger
        });
    }
    if (settings.environment === 'cloud' && !settings.kind)
        logger.info(`The cache lives in memory (${reason}).`);
    return new memory/* MemoryCacheAdapter */.P({ now: settings.now });
}

;// CONCATENATED MODULE: ./src/adapters/cache/index.ts
/** The cache adapters' public surface: the factory, the post step's save, and the implementations. */







/***/ }),

/***/ 8842:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ MemoryCacheAdapter)
/* harmony export */ });
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1365);

/** The in-memory cache (values are stored as JSON text, so a caller never shares an object with the cache). */
class MemoryCacheAdapter {
    /** See CacheAdapter.kind. */
    kind = 'memory';
    entries = new Map();
    maxEntries;
    maxBytes;
    now;
    bytes = 0;
    closed = false;
    constructor(options = {}) {
        this.maxEntries = options.maxEntries ?? 10_000;
        this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
        this.now = options.now ?? Date.now;
        if (!(this.maxEntries >= 1) || !(this.maxBytes >= 1)) {
            throw new RangeError('MemoryCacheAdapter needs maxEntries >= 1 and maxBytes >= 1.');
        }
    }
    /** The number of entries held (expired ones included until they are read or evicted). */
    get size() {
        return this.entries.size;
    }
    /** See CacheAdapter.get. */
    async get(key) {
        this.assertOpen();
        (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .checkKey */ .yR)(key);
        const entry = this.entries.get(key);
        if (!entry)
            return undefined;
        if (entry.expiresAt <= this.now()) {
            this.remove(key, entry);
            return undefined;
        }
        // Re-inserting moves the key to the most recently used end of the Map's order.
        this.entries.delete(key);
        this.entries.set(key, entry);
        return (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .parseValue */ .$x)(entry.text);
    }
    /** See CacheAdapter.set. */
    async set(key, value, ttlSeconds) {
        this.assertOpen();
        (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .checkKey */ .yR)(key);
        const ttl = (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .checkTtl */ .zx)(ttlSeconds);
        const text = (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .serializeValue */ .QO)(key, value);
        const bytes = key.length * 2 + text.length * 2;
        const previous = this.entries.get(key);
        if (previous)
            this.remove(key, previous);
        if (bytes > this.maxBytes)
            return; // larger than the whole cache: a cache may always forget
        this.entries.set(key, { text, expiresAt: this.now() + ttl * 1000, bytes });
        this.bytes += bytes;
        this.makeRoom();
    }
    /** See CacheAdapter.delete. */
    async delete(key) {
        this.assertOpen();
        (0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .checkKey */ .yR)(key);
        const entry = this.entries.get(key);
        if (entry)
            this.remove(key, entry);
    }
    /** See CacheAdapter.close: nothing to flush; the entries are dropped. */
    async close() {
        this.closed = true;
        this.entries.clear();
        this.bytes = 0;
    }
    makeRoom() {
        if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes)
            return;
        // Expired entries go before live ones, then the least recently used.
        const now = this.now();
        for (const [key, entry] of this.entries)
            if (entry.expiresAt <= now)
                this.remove(key, entry);
        for (const [key, entry] of this.entries) {
            if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes)
                break;
            this.remove(key, entry);
        }
    }
    remove(key, entry) {
        this.entries.delete(key);
        this.bytes -= entry.bytes;
    }
    assertOpen() {
        if (this.closed)
            throw new _common_js__WEBPACK_IMPORTED_MODULE_0__/* .CacheClosedError */ .p2(this.kind);
    }
}


/***/ })

};

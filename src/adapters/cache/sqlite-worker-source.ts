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
export const SQLITE_WORKER_SOURCE = String.raw`
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
`

export const id = 479;
export const ids = [479];
export const modules = {

/***/ 8479:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   exportMemory: () => (/* binding */ exportMemory),
/* harmony export */   forgetMemory: () => (/* binding */ forgetMemory),
/* harmony export */   importMemory: () => (/* binding */ importMemory),
/* harmony export */   listMemory: () => (/* binding */ listMemory),
/* harmony export */   showMemory: () => (/* binding */ showMemory)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _heal_memory_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9667);


const EXPORT_FORMAT = 'self-heal-fix-memory';
const FINGERPRINT = /^[0-9a-f]{16}$/;
/** The fixes kept for the repository, oldest first (the index's order); expired ones are left out. */
async function listMemory(cache, repository) {
    const entries = [];
    for (const fingerprint of await (0,_heal_memory_js__WEBPACK_IMPORTED_MODULE_1__/* .listFingerprints */ .eC)(cache, repository)) {
        const entry = await showMemory(cache, repository, fingerprint);
        if (entry)
            entries.push(entry);
    }
    return entries;
}
/** The fix kept for a fingerprint, or undefined. */
async function showMemory(cache, repository, fingerprint) {
    const fix = (0,_heal_memory_js__WEBPACK_IMPORTED_MODULE_1__/* .readFix */ .eo)(await cache.get((0,_heal_memory_js__WEBPACK_IMPORTED_MODULE_1__/* .memoryKey */ .dQ)(repository, checkFingerprint(fingerprint))));
    return fix ? { fingerprint, ...fix } : undefined;
}
/** Forgets the fix kept for a fingerprint: the next heal of that failure runs the fixers. True when there was one. */
async function forgetMemory(cache, repository, fingerprint) {
    return (0,_heal_memory_js__WEBPACK_IMPORTED_MODULE_1__/* .forget */ .y6)(cache, repository, checkFingerprint(fingerprint));
}
/** Every fix kept for the repository, as one JSON document. */
async function exportMemory(cache, repository) {
    return { format: EXPORT_FORMAT, version: 1, repository, fixes: await listMemory(cache, repository) };
}
/**
 * Stores the fixes of an exported document (`where` names it in errors) for the repository; a fix already kept
 * under a fingerprint is replaced. Nothing is stored when the document is not an export.
 */
async function importMemory(cache, repository, text, where) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`${where} is not JSON: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}. Give what \`self-heal memory export\` printed.`);
    }
    const fixes = doc?.fixes;
    if (doc?.format !== EXPORT_FORMAT || !Array.isArray(fixes)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`${where} is not an export of the fix memory (no "format": "${EXPORT_FORMAT}" with "fixes"): give what \`self-heal memory export\` printed.`);
    }
    const entries = fixes.map((entry, index) => {
        const fix = (0,_heal_memory_js__WEBPACK_IMPORTED_MODULE_1__/* .readFix */ .eo)(entry);
        const fingerprint = entry?.fingerprint;
        if (!fix || typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`Fix ${index + 1} in ${where} is not a remembered fix (a fingerprint of 16 hex digits, a diff, a kind): nothing was imported.`);
        }
        return { fingerprint, fix };
    });
    for (const { fingerprint, fix } of entries)
        await (0,_heal_memory_js__WEBPACK_IMPORTED_MODULE_1__/* .store */ .M_)(cache, repository, fingerprint, fix);
    return { imported: entries.map(entry => entry.fingerprint) };
}
function checkFingerprint(fingerprint) {
    if (!FINGERPRINT.test(fingerprint)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`'${fingerprint.slice(0, 40)}' is not a fingerprint: give the 16 hex digits \`self-heal memory list\` shows.`);
    }
    return fingerprint;
}


/***/ }),

/***/ 9667:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I9: () => (/* binding */ recall),
/* harmony export */   M_: () => (/* binding */ store),
/* harmony export */   bY: () => (/* binding */ noteDeclined),
/* harmony export */   dQ: () => (/* binding */ memoryKey),
/* harmony export */   eC: () => (/* binding */ listFingerprints),
/* harmony export */   eo: () => (/* binding */ readFix),
/* harmony export */   kY: () => (/* binding */ remember),
/* harmony export */   sk: () => (/* binding */ noteReplay),
/* harmony export */   y6: () => (/* binding */ forget)
/* harmony export */ });
/* unused harmony exports REMEMBER_SECONDS, memoryIndexKey */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/** The fix memory: verified diffs kept in the Cache port under their failure's fingerprint. */

/** How long a verified fix is remembered, in seconds (30 days). */
const REMEMBER_SECONDS = 30 * 24 * 3600;
/**
 * The fix memory's key for a fingerprint in a repository. The repository is part of it because a fix is a diff of
 * one repository's files: a memory shared between repositories (one runner's SQLite file, say) must never replay
 * one repository's fix in another. `repository` is an identity string (see `repositoryIdentity` callers); it is
 * hashed so that any string makes a key of a fixed shape.
 */
function memoryKey(repository, fingerprintId) {
    return `self-heal/fix/${repositoryHash(repository)}/${fingerprintId}`;
}
/**
 * The key of a repository's index: the fingerprints it has fixes for. The Cache port reads keys one at a time
 * (the Actions cache hashes them), so the memory keeps its own list for `self-heal memory list` and export.
 */
function memoryIndexKey(repository) {
    return `self-heal/fix-index/${repositoryHash(repository)}`;
}
function repositoryHash(repository) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(repository).digest('hex').slice(0, 16);
}
/** The fix remembered for a fingerprint, ignoring what is not one (an older format, another kind of check). */
async function recall(cache, repository, fingerprintId, kind) {
    const value = await cache.get(memoryKey(repository, fingerprintId));
    if (!value || typeof value !== 'object')
        return undefined;
    const fix = value;
    if (fix.kind !== kind)
        return undefined;
    return readFix(value);
}
/** A stored value read as a remembered fix, or undefined when it is not one (an older format). */
function readFix(value) {
    if (!value || typeof value !== 'object')
        return undefined;
    const fix = value;
    if (fix.version !== 1 || typeof fix.diff !== 'string' || !fix.diff || typeof fix.kind !== 'string') {
        return undefined;
    }
    const count = (n) => (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0);
    return {
        version: 1,
        diff: fix.diff,
        fixers: Array.isArray(fix.fixers) ? fix.fixers.filter(f => typeof f === 'string') : [],
        kind: fix.kind,
        verifiedAt: typeof fix.verifiedAt === 'string' ? fix.verifiedAt : 'at an unknown time',
        ...(typeof fix.repository === 'string' ? { repository: fix.repository } : {}),
        ...(typeof fix.commit === 'string' ? { commit: fix.commit } : {}),
        replays: count(fix.replays),
        failures: count(fix.failures),
        declinedBy: Array.isArray(fix.declinedBy) ? fix.declinedBy.filter(d => typeof d === 'string') : []
    };
}
/** Stores a verified fix under its fingerprint. */
async function remember(cache, repository, fingerprintId, kind, fix, verifiedAt, origin = {}) {
    const before = fix.source === 'memory' ? await cache.get(memoryKey(repository, fingerprintId)) : undefined;
    const kept = readFix(before);
    await store(cache, repository, fingerprintId, {
        version: 1,
        diff: fix.diff,
        fixers: fix.fixers,
        kind,
        verifiedAt: verifiedAt.toISOString(),
        repository,
        ...(origin.commit ? { commit: origin.commit } : {}),
        // A replayed fix keeps its history; a new one starts it.
        replays: kept?.replays ?? 0,
        failures: kept?.failures ?? 0,
        declinedBy: kept?.declinedBy ?? []
    });
}
/** Counts a replay of the remembered fix: verified again, or failed (it did not apply, or did not verify). */
async function noteReplay(cache, repository, fingerprintId, verified) {
    const fix = readFix(await cache.get(memoryKey(repository, fingerprintId)));
    if (!fix)
        return;
    if (verified)
        fix.replays = (fix.replays ?? 0) + 1;
    else
        fix.failures = (fix.failures ?? 0) + 1;
    await store(cache, repository, fingerprintId, fix);
}
/** Adds a pull request that declined the remembered fix for a fingerprint, when one is remembered. */
async function noteDeclined(cache, repository, fingerprintId, pullRequest) {
    const fix = readFix(await cache.get(memoryKey(repository, fingerprintId)));
    if (!fix || fix.declinedBy?.includes(pullRequest))
        return;
    fix.declinedBy = [...(fix.declinedBy ?? []), pullRequest];
    await store(cache, repository, fingerprintId, fix);
}
/** Writes a fix under its fingerprint and lists the fingerprint in the repository's index. */
async function store(cache, repository, fingerprintId, fix) {
    await cache.set(memoryKey(repository, fingerprintId), fix, REMEMBER_SECONDS);
    const index = await listFingerprints(cache, repository);
    if (!index.includes(fingerprintId)) {
        await cache.set(memoryIndexKey(repository), [...index, fingerprintId], REMEMBER_SECONDS);
    }
}
/** The fingerprints the repository's index lists (some may have expired since). */
async function listFingerprints(cache, repository) {
    const index = await cache.get(memoryIndexKey(repository));
    return Array.isArray(index) ? index.filter((id) => typeof id === 'string') : [];
}
/** Removes a fix and its index entry; true when there was one. */
async function forget(cache, repository, fingerprintId) {
    const had = readFix(await cache.get(memoryKey(repository, fingerprintId))) !== undefined;
    await cache.delete(memoryKey(repository, fingerprintId));
    const index = await listFingerprints(cache, repository);
    if (index.includes(fingerprintId)) {
        await cache.set(memoryIndexKey(repository), index.filter(id => id !== fingerprintId), REMEMBER_SECONDS);
    }
    return had;
}


/***/ })

};

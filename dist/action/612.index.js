export const id = 612;
export const ids = [612];
export const modules = {

/***/ 4000:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eG: () => (/* binding */ createZip),
/* harmony export */   j3: () => (/* binding */ MAX_ZIP_BYTES),
/* harmony export */   ue: () => (/* binding */ readZip)
/* harmony export */ });
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/**
 * A small zip writer and reader (deflate or stored, no zip64) for workflow artifacts: self-heal uploads a fix as
 * a one-file artifact and reads it back, and the format needs about a hundred lines, fewer than a dependency.
 */


/** The largest archive or entry read (a fix is a few kilobytes; this bounds what a forged artifact can cost). */
const MAX_ZIP_BYTES = 64 * 1024 * 1024;
/** Builds a zip archive holding the entries, deflated, with the DOS timestamp of `date`. */
function createZip(entries, date = new Date()) {
    const time = ((date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1)) & 0xffff;
    const day = (((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate()) & 0xffff;
    const locals = [];
    const centrals = [];
    let offset = 0;
    for (const entry of entries) {
        const name = Buffer.from(entry.name, 'utf8');
        const compressed = (0,node_zlib__WEBPACK_IMPORTED_MODULE_0__.deflateRawSync)(entry.data);
        const crc = (0,node_zlib__WEBPACK_IMPORTED_MODULE_0__.crc32)(entry.data);
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(20, 4);
        local.writeUInt16LE(0x0800, 6); // UTF-8 names
        local.writeUInt16LE(8, 8); // deflate
        local.writeUInt16LE(time, 10);
        local.writeUInt16LE(day, 12);
        local.writeUInt32LE(crc, 14);
        local.writeUInt32LE(compressed.length, 18);
        local.writeUInt32LE(entry.data.length, 22);
        local.writeUInt16LE(name.length, 26);
        const central = Buffer.alloc(46);
        central.writeUInt32LE(0x02014b50, 0);
        central.writeUInt16LE(20, 4);
        central.writeUInt16LE(20, 6);
        central.writeUInt16LE(0x0800, 8);
        central.writeUInt16LE(8, 10);
        central.writeUInt16LE(time, 12);
        central.writeUInt16LE(day, 14);
        central.writeUInt32LE(crc, 16);
        central.writeUInt32LE(compressed.length, 20);
        central.writeUInt32LE(entry.data.length, 24);
        central.writeUInt16LE(name.length, 28);
        central.writeUInt32LE(offset, 42);
        locals.push(local, name, compressed);
        centrals.push(central, name);
        offset += local.length + name.length + compressed.length;
    }
    const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(centralSize, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, ...centrals, end]);
}
/** Reads every file of a zip archive (stored or deflated entries); a damaged archive is an InvalidInputError. */
function readZip(zip) {
    const bad = (why) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InvalidInputError */ .oC(`The archive is not a zip self-heal can read: ${why}.`);
    };
    if (zip.length > MAX_ZIP_BYTES)
        bad(`it is over ${MAX_ZIP_BYTES} bytes`);
    let end = -1;
    for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
        if (zip.readUInt32LE(at) === 0x06054b50) {
            end = at;
            break;
        }
    }
    if (end < 0)
        bad('no end of central directory');
    const count = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    const entries = [];
    for (let i = 0; i < count; i++) {
        if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50)
            bad('a damaged central directory');
        const method = zip.readUInt16LE(at + 10);
        const crc = zip.readUInt32LE(at + 16);
        const compressedSize = zip.readUInt32LE(at + 20);
        const size = zip.readUInt32LE(at + 24);
        const nameLength = zip.readUInt16LE(at + 28);
        const extraLength = zip.readUInt16LE(at + 30);
        const commentLength = zip.readUInt16LE(at + 32);
        const localAt = zip.readUInt32LE(at + 42);
        const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
        at += 46 + nameLength + extraLength + commentLength;
        if (size > MAX_ZIP_BYTES)
            bad(`${name} is over ${MAX_ZIP_BYTES} bytes`);
        if (localAt + 30 > zip.length || zip.readUInt32LE(localAt) !== 0x04034b50)
            bad(`no local header for ${name}`);
        const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
        const raw = zip.subarray(dataAt, dataAt + compressedSize);
        if (raw.length !== compressedSize)
            bad(`${name} is cut short`);
        let data;
        if (method === 0)
            data = Buffer.from(raw);
        else if (method === 8) {
            try {
                data = (0,node_zlib__WEBPACK_IMPORTED_MODULE_0__.inflateRawSync)(raw, { maxOutputLength: Math.max(1, size) });
            }
            catch {
                return bad(`${name} does not inflate`);
            }
        }
        else
            return bad(`${name} uses compression method ${method}`);
        if (data.length !== size || (0,node_zlib__WEBPACK_IMPORTED_MODULE_0__.crc32)(data) !== crc) {
            bad(`${name} fails its CRC or size`);
        }
        entries.push({ name, data });
    }
    return entries;
}


/***/ }),

/***/ 1612:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FIX_ARTIFACT_NAME: () => (/* binding */ FIX_ARTIFACT_NAME),
/* harmony export */   FIX_FILE: () => (/* binding */ FIX_FILE),
/* harmony export */   FIX_VERSION: () => (/* binding */ FIX_VERSION),
/* harmony export */   backendIds: () => (/* binding */ backendIds),
/* harmony export */   buildFixArtifact: () => (/* binding */ buildFixArtifact),
/* harmony export */   forkPullRequest: () => (/* binding */ forkPullRequest),
/* harmony export */   handOverForkFix: () => (/* binding */ handOverForkFix),
/* harmony export */   parseFixArtifact: () => (/* binding */ parseFixArtifact),
/* harmony export */   uploadFixArtifact: () => (/* binding */ uploadFixArtifact)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _github_zip_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4000);
/**
 * The fork-safe hand-over of a verified fix. A pull request from a fork runs its `pull_request` job with a
 * read-only token, so heal cannot propose there: it uploads the fix as the workflow artifact `self-heal-fix`
 * (one file, `fix.json`) and stops. A workflow of the base repository, run on `workflow_run` with a write token
 * and never with the pull request's code, checks where the artifact came from and delivers it (deliver.ts).
 *
 * The upload speaks the results service's Twirp API the way `@actions/artifact` 2 does (CreateArtifact, a PUT of
 * the zip to the signed blob URL, FinalizeArtifact), with the job's ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL,
 * which the runner gives JavaScript actions: a few requests, not a dependency.
 */




/** The artifact's name. */
const FIX_ARTIFACT_NAME = 'self-heal-fix';
/** The file inside it. */
const FIX_FILE = 'fix.json';
/** The version of fix.json this code writes and reads. */
const FIX_VERSION = 1;
/** The fork pull request of this job's event, when the job runs for one. */
function forkPullRequest(env) {
    if (!env.GITHUB_EVENT_PATH)
        return undefined;
    let event;
    try {
        event = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
    }
    catch {
        return undefined;
    }
    const pr = event?.pull_request;
    const head = pr?.head?.repo?.full_name;
    const base = pr?.base?.repo?.full_name ?? env.GITHUB_REPOSITORY;
    if (!pr || typeof head !== 'string' || typeof base !== 'string' || head === base)
        return undefined;
    if (typeof pr.number !== 'number' || typeof pr.head?.sha !== 'string' || typeof pr.base?.sha !== 'string') {
        return undefined;
    }
    return {
        repository: base,
        number: pr.number,
        headSha: pr.head.sha,
        baseSha: pr.base.sha,
        headRepository: head
    };
}
/** fix.json for a verified fix heal did not propose, made for the check `check`. */
function buildFixArtifact(pr, result, check) {
    if (!result.fix || !result.fingerprint)
        throw new Error('Only a verified fix is handed over.');
    return {
        version: FIX_VERSION,
        repository: pr.repository,
        pullRequest: pr.number,
        headSha: pr.headSha,
        baseSha: pr.baseSha,
        fingerprint: result.fingerprint.id,
        diff: result.fix.diff,
        ...(check ? { check } : {}),
        result: { outcome: result.outcome, reason: result.reason, kind: result.kind, ...result.fix.stats }
    };
}
/** Reads fix.json; anything that is not one is an InvalidInputError saying what is wrong. */
function parseFixArtifact(text) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidInputError */ .oC(`${FIX_FILE} is not JSON: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}`);
    }
    const fix = raw;
    const fail = (what) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InvalidInputError */ .oC(`${FIX_FILE} is not a fix self-heal wrote: ${what}.`);
    };
    if (!fix || typeof fix !== 'object')
        return fail('not an object');
    if (fix.version !== FIX_VERSION)
        fail(`version ${String(fix.version)}, expected ${FIX_VERSION}`);
    for (const key of ['repository', 'headSha', 'baseSha', 'fingerprint', 'diff']) {
        if (typeof fix[key] !== 'string' || !fix[key])
            fail(`'${key}' is missing`);
    }
    if (!/^[0-9a-f]{40}$/.test(fix.headSha))
        fail(`'headSha' is not a commit sha`);
    if (fix.check !== undefined && typeof fix.check !== 'string')
        fail(`'check' is not a command line`);
    if (!Number.isSafeInteger(fix.pullRequest) || fix.pullRequest <= 0)
        fail(`'pullRequest' is not a number`);
    return fix;
}
/** The results service's ids for this job, from the runtime token's `Actions.Results:RUN:JOB` scope. */
function backendIds(runtimeToken) {
    let scp = '';
    try {
        const claims = JSON.parse(Buffer.from(runtimeToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
        scp = typeof claims.scp === 'string' ? claims.scp : '';
    }
    catch {
        // Not a JWT: said below.
    }
    const scope = scp.split(' ').find(s => s.startsWith('Actions.Results:'));
    const [, run, job] = scope?.split(':') ?? [];
    if (!run || !job) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1('ACTIONS_RUNTIME_TOKEN names no workflow run, so the fix cannot be uploaded as an artifact: run self-heal as a step of an Actions job.');
    }
    return { workflowRunBackendId: run, workflowJobRunBackendId: job };
}
/** Uploads fix.json as the artifact `self-heal-fix` of this job's run; returns the artifact's id. */
async function uploadFixArtifact(fix, env = process.env) {
    const token = env.ACTIONS_RUNTIME_TOKEN;
    const base = env.ACTIONS_RESULTS_URL;
    if (!token || !base) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1('ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set, so the fix cannot be uploaded as an artifact: run self-heal as a step of an Actions job.');
    }
    const ids = backendIds(token);
    const twirp = async (method, body) => {
        const url = new URL(`twirp/github.actions.results.api.v1.ArtifactService/${method}`, base.replace(/\/?$/, '/'));
        const response = await fetch(url, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(body)
        });
        const text = await response.text();
        if (!response.ok) {
            throw new Error(`The artifact service refused ${method} (HTTP ${response.status}): ${text.slice(0, 300)}`);
        }
        const reply = JSON.parse(text);
        if (reply.ok !== true)
            throw new Error(`The artifact service refused ${method}: ${text.slice(0, 300)}`);
        return reply;
    };
    const zip = (0,_github_zip_js__WEBPACK_IMPORTED_MODULE_3__/* .createZip */ .eG)([{ name: FIX_FILE, data: Buffer.from(JSON.stringify(fix, null, 2) + '\n') }]);
    const common = {
        workflow_run_backend_id: ids.workflowRunBackendId,
        workflow_job_run_backend_id: ids.workflowJobRunBackendId,
        name: FIX_ARTIFACT_NAME
    };
    const created = await twirp('CreateArtifact', { ...common, version: 4 });
    const upload = await fetch(String(created.signed_upload_url), {
        method: 'PUT',
        headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'application/zip' },
        body: zip
    });
    if (!upload.ok)
        throw new Error(`The artifact's upload failed (HTTP ${upload.status}).`);
    const finalized = await twirp('FinalizeArtifact', {
        ...common,
        size: String(zip.length),
        hash: `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(zip).digest('hex')}`
    });
    return String(finalized.artifact_id);
}
/**
 * After heal: a verified fix that could not be proposed because the pull request comes from a fork is uploaded
 * for the privileged workflow, and the result says so. Any other result is returned as it is.
 */
async function handOverForkFix(result, env, log, check) {
    const pr = forkPullRequest(env);
    if (!pr || result.outcome !== 'not-proposed' || !result.fix || !result.fingerprint || result.dryRun) {
        return result;
    }
    try {
        const id = await uploadFixArtifact(buildFixArtifact(pr, result, check), env);
        log.info(`Uploaded the verified fix as the artifact ${FIX_ARTIFACT_NAME} (id ${id}) for the privileged workflow.`);
    }
    catch (error) {
        // The fix stays in the result (and the job's log); only its hand-over failed.
        log.warning(`The verified fix could not be uploaded as the artifact ${FIX_ARTIFACT_NAME}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}`);
        return result;
    }
    return { ...result, reason: 'uploaded for the privileged workflow' };
}


/***/ })

};

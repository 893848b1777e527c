export const id = 949;
export const ids = [949];
export const modules = {

/***/ 1701:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MS: () => (/* binding */ tomlChanges),
/* harmony export */   oQ: () => (/* binding */ packageJsonChanges),
/* harmony export */   uy: () => (/* binding */ filesRunByCheck)
/* harmony export */ });
/* unused harmony exports PACKAGE_JSON_CHECK_KEYS, commandsOf */
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8431);
/**
 * The check's own definition, where it lives in files a fix may otherwise change: the keys of package.json that
 * configure scripts and tools (`scripts`, `jest`, `eslintConfig`…, while its dependencies stay open to a fix), the
 * tool tables of pyproject.toml and the lint, target and profile tables of Cargo.toml, and the files the check
 * command runs (`bash scripts/lint.sh`, `./ci.sh`, `npm test` whose script runs a file, `--config x.js`).
 *
 * When the whole old and new package.json are known (an added file, or the base through `readBase`), their keys
 * are compared as JSON, so reformatting the file changes nothing. Otherwise each changed line is placed by the
 * lines the hunk shows around it; a line the hunk cannot place is accepted only when it is plainly a dependency
 * (`"name": "^1.2.3"`), since a version is no command and no setting.
 */

/** package.json keys that configure how checks run. */
const PACKAGE_JSON_CHECK_KEYS = [
    'scripts',
    'jest',
    'eslintConfig',
    'eslintIgnore',
    'prettier',
    'ava',
    'mocha',
    'c8',
    'nyc',
    'vitest',
    'stylelint',
    'lint-staged',
    'husky',
    'babel',
    'xo',
    'standard',
    'tap',
    'jshintConfig',
    'config',
    'workspaces',
    'pre-commit',
    'simple-git-hooks',
    'tsd',
    'knip',
    'remarkConfig',
    'markdownlint',
    'commitlint',
    'jscpd',
    'size-limit',
    'typeCoverage'
];
/** package.json keys whose content is dependencies: a fix may bump them. */
const PACKAGE_JSON_DEPENDENCY_KEYS = new Set([
    'dependencies',
    'devDependencies',
    'peerDependencies',
    'optionalDependencies',
    'bundleDependencies',
    'bundledDependencies',
    'peerDependenciesMeta',
    'overrides',
    'resolutions'
]);
/** A version or range: `^1.2.3`, `>=1 <2`, `1.x || 2.x` (each separator followed by a version, so it is linear). */
const VERSION = '[~^<>=!]{0,2}v?\\d[\\w.*+-]{0,60}';
const RANGE = `${VERSION}(?:(?:\\s*(?:\\|\\||,)\\s*|\\s+)${VERSION}){0,8}`;
/** A dependency line: a name and a version (`"left-pad": "^1.3.0",`, `serde = "1.0"`, `"requests>=2.31",`). */
const DEPENDENCY_LINE = new RegExp(`^\\s*"?[@\\w./-]{1,214}"?\\s*[:=]\\s*(?:"(?:${RANGE}|npm:[@\\w./-]{1,214}@[\\w.^~*-]{1,60}|workspace:[\\w.^~*-]{1,60})"` +
    `|\\{[^}]{0,300}\\bversion\\s*=\\s*"${RANGE}"[^}]{0,300}\\})\\s*(?:,\\s*)?$` +
    `|^\\s*"[A-Za-z0-9_.[\\],-]{1,214}\\s*(?:[<>=!~]=?|===)\\s*[\\d.*]{1,60}[^"]{0,100}"\\s*(?:,\\s*)?$`);
/** A line of punctuation only (`},`, `]`). */
const STRUCTURAL_LINE = /^[\s{}[\],]*$/;
/** The changed keys of package.json that configure checks. */
function packageJsonChanges(sides) {
    const oldText = sides.oldText;
    const newText = sides.after.length === 0 ? '' : sides.newText;
    if (oldText !== undefined && newText !== undefined) {
        const before = parseObject(oldText);
        const after = parseObject(newText);
        if (before && after) {
            const ranges = topLevelKeys(newText);
            const added = [...sides.added].sort((a, b) => a - b);
            return PACKAGE_JSON_CHECK_KEYS.filter(key => JSON.stringify(before[key]) !== JSON.stringify(after[key])).map(key => {
                const own = ranges.filter(range => range.key === key);
                // The first added line under the key, else where the key is, else the first change (it was removed).
                const line = added.find(n => own.some(range => n >= range.from && n <= range.to)) ??
                    own[0]?.from ??
                    firstChanged(sides);
                return { line, what: `its '${key}' key` };
            });
        }
    }
    return changedLines(sides, (lines, index) => {
        const place = placeInJson(lines, index);
        if (place.protected)
            return `its '${place.protected}' key`;
        if (place.safe)
            return undefined;
        const line = lines[index];
        if (DEPENDENCY_LINE.test(line) || STRUCTURAL_LINE.test(line))
            return undefined;
        return "a line whose key the diff does not show (it may be under 'scripts' or a tool's settings)";
    });
}
function parseObject(text) {
    if (text.trim() === '')
        return {};
    try {
        const value = JSON.parse(text);
        return value && typeof value === 'object' && !Array.isArray(value)
            ? value
            : undefined;
    }
    catch {
        return undefined;
    }
}
/** The top-level keys of a JSON object text, each with its 1-based lines (a repeated key has several). */
function topLevelKeys(text) {
    const keys = [];
    let depth = 0;
    let line = 1;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '\n')
            line++;
        else if (c === '{' || c === '[')
            depth++;
        else if (c === '}' || c === ']')
            depth--;
        else if (c === '"') {
            let k = i + 1;
            while (k < text.length && text[k] !== '"' && text[k] !== '\n')
                k += text[k] === '\\' ? 2 : 1;
            if (depth === 1 && /^\s*:/.test(text.slice(k + 1, k + 20))) {
                const last = keys[keys.length - 1];
                if (last)
                    last.to = line - 1;
                keys.push({ key: text.slice(i + 1, k), from: line, to: Number.MAX_SAFE_INTEGER });
            }
            i = k;
        }
    }
    return keys;
}
/** Where a line of a piece of JSON is: under a protected key, under a dependency key, or unknown. */
function placeInJson(lines, index) {
    const keyOf = (line) => /^\s*"([^"]{1,214})"\s*:/.exec(line)?.[1];
    const indent = (line) => /^\s*/.exec(line)?.[0].length ?? 0;
    const own = keyOf(lines[index]);
    if (own && PACKAGE_JSON_CHECK_KEYS.includes(own) && indent(lines[index]) <= 2)
        return { protected: own };
    // The openers above the line, innermost first: `"key": {` with less indentation than the line.
    const chain = [];
    let limit = indent(lines[index]);
    for (let k = index - 1; k >= 0 && limit > 0; k--) {
        const line = lines[k];
        if (line.trim() === '' || indent(line) >= limit)
            continue;
        const key = keyOf(line);
        if (key !== undefined && /[{[]\s*$/.test(line))
            chain.push(key);
        else if (!/^\s*[{[]\s*$/.test(line))
            continue;
        limit = indent(line);
    }
    const found = chain.find(key => PACKAGE_JSON_CHECK_KEYS.includes(key));
    if (found)
        return { protected: found };
    const outermost = chain[chain.length - 1];
    if (outermost !== undefined && PACKAGE_JSON_DEPENDENCY_KEYS.has(outermost))
        return { safe: true };
    // A line whose opener the piece shows at the top level (`{` at indent 0) is a top-level key.
    if (own !== undefined &&
        !PACKAGE_JSON_CHECK_KEYS.includes(own) &&
        indent(lines[index]) <= 2 &&
        limit === 0) {
        return { safe: !/[{[]\s*$/.test(lines[index]) || PACKAGE_JSON_DEPENDENCY_KEYS.has(own) };
    }
    return {};
}
/** Runs `judge` on every changed line of both sides, with the lines of its piece; one finding per reason. */
function changedLines(sides, judge) {
    const found = new Map();
    const visit = (pieces, changed, at) => {
        for (const piece of pieces) {
            const lines = piece.text.split('\n').map(line => line.replace(/\r$/, ''));
            lines.forEach((_, index) => {
                const line = piece.first + index;
                if (!changed.has(line))
                    return;
                const what = judge(lines, index);
                if (what !== undefined && !found.has(what))
                    found.set(what, { line: at(line), what });
            });
        }
    };
    visit(sides.after, sides.added, line => line);
    visit(sides.before, sides.removed, line => sides.removedAt.get(line) ?? line);
    return [...found.values()].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
function firstChanged(sides) {
    const added = [...sides.added].sort((a, b) => a - b)[0];
    const removed = [...sides.removed].map(line => sides.removedAt.get(line) ?? line).sort((a, b) => a - b)[0];
    return added ?? removed;
}
/** Tables of pyproject.toml a fix may change: the project's metadata and dependencies. */
const PYPROJECT_OPEN = /^(?:project(?:\..*)?|build-system|dependency-groups|tool\.poetry\.(?:dependencies|dev-dependencies|group\.[^.]+\.dependencies)|tool\.pdm\.dev-dependencies|tool\.uv\.sources)$/;
/** Tables of Cargo.toml that configure lints, targets (`test = false`), profiles and features. */
const CARGO_PROTECTED = /^(?:lints|workspace\.lints|lib|bin|test|bench|example|profile|features|badges)(?:\.|$)/;
/** Keys of Cargo.toml's [package] that turn test discovery off or run a build script. */
const CARGO_PACKAGE_KEYS = /^\s*(?:autotests|autobenches|autobins|autoexamples|build)\s*=/;
/** The changed tables of a TOML file (`pyproject.toml`, `Cargo.toml`) that configure checks. */
function tomlChanges(name, sides) {
    const guarded = (table, line) => name === 'pyproject.toml'
        ? table === ''
            ? /^\s*tool\s*\./.test(line)
            : !PYPROJECT_OPEN.test(table)
        : CARGO_PROTECTED.test(table) || (table === 'package' && CARGO_PACKAGE_KEYS.test(line));
    return changedLines(sides, (lines, index) => {
        const table = tableOf(lines, index, sides.after.some(side => side.whole) || sides.before.some(side => side.whole));
        if (table === undefined) {
            return DEPENDENCY_LINE.test(lines[index]) || lines[index].trim() === ''
                ? undefined
                : "a line whose table the diff does not show (it may be a tool's settings)";
        }
        return guarded(table, lines[index]) ? `its [${table}] table` : undefined;
    });
}
/** The TOML table a line is in (`''` for the root when the text is whole), or undefined when not shown. */
function tableOf(lines, index, whole) {
    for (let k = index; k >= 0; k--) {
        const header = /^\s*\[\[?\s*([^\]]{1,200}?)\s*\]\]?\s*(?:#.*)?$/.exec(lines[k]);
        if (header)
            return header[1].replace(/\s*\.\s*/g, '.').replace(/["']/g, '');
    }
    return whole ? '' : undefined;
}
/** Programs that run the file they are given. */
const INTERPRETERS = /^(?:bash|sh|zsh|dash|ksh|node|nodejs|python[\d.]*|tsx|ts-node|ruby|perl|php|pwsh|bun|deno|bats|\.|source)$/;
/** Wrappers that run the command after them. */
const WRAPPERS = /^(?:env|sudo|time|exec|nice|nohup|npx|pnpx|bunx|cross-env|dotenv|xvfb-run|command)$/;
/** Options whose value is a configuration file of the check. */
const CONFIG_OPTIONS = /^(?:-c|--config|-p|--project|--rcfile|--settings|--setup|--config-file|--configFile|-f|--file|--makefile|--ignore-path)$/;
const SCRIPT_FILE = /\.(?:sh|bash|zsh|py|js|mjs|cjs|ts|mts|cts|rb|pl|ps1|php|bats)$/;
/**
 * The files a check command runs or reads as its configuration, each with the command that does: programs named
 * by path, files given to an interpreter, `--config` values, and through `npm run`/`yarn`/`pnpm` the scripts of
 * package.json (read by `read`, from the base), and through shell scripts the commands they run.
 */
function filesRunByCheck(check, read) {
    const found = new Map();
    const seen = new Set();
    /** The repository path of `file` named from `cwd`, or undefined when it leaves the repository. */
    const resolve = (cwd, file) => {
        try {
            return (0,_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeRepoPath */ .NP)(cwd === '' ? file : `${cwd}/${file}`);
        }
        catch {
            return undefined;
        }
    };
    const record = (path, via) => {
        if (path && !found.has(path))
            found.set(path, via);
    };
    const add = (cwd, file, via) => record(resolve(cwd, file), via);
    /**
     * A file the check runs. Named in a shell script the check runs, only another shell script is the check's
     * definition: a program it starts there (`node src/app.js`) is as likely the code under test.
     */
    const runFile = (cwd, file, via, depth, inScript, shell) => {
        const path = resolve(cwd, file);
        if (path === undefined || (inScript && !shell && !isShellScript(path, read?.(path))))
            return;
        record(path, via);
        visitScript(path, cwd, via, depth);
    };
    const visit = (script, cwdStart, via, depth, inScript = false) => {
        if (depth > 5 || seen.has(`${cwdStart}\0${script}`))
            return;
        seen.add(`${cwdStart}\0${script}`);
        let cwd = cwdStart;
        for (const words of commandsOf(script)) {
            let k = 0;
            while (k < words.length && (/^\w+=/.test(words[k]) || WRAPPERS.test(words[k])))
                k++;
            const [program = '', ...args] = words.slice(k);
            const name = program.replace(/^.*\//, '');
            if (program === 'cd') {
                const target = args[0] ?? '';
                cwd = target.startsWith('/') ? cwd : joinPath(cwd, target);
                continue;
            }
            if (program.includes('/') || SCRIPT_FILE.test(program)) {
                runFile(cwd, program, via, depth, inScript, false);
            }
            if (INTERPRETERS.test(name)) {
                const shell = SHELLS.test(name);
                for (let a = 0; a < args.length; a++) {
                    if (args[a] === '-c' && shell) {
                        visit(args[a + 1] ?? '', cwd, via, depth + 1, inScript);
                        args.splice(a);
                        break;
                    }
                    if (args[a] === '-m' || args[a] === '-e' || args[a] === '--eval')
                        break;
                    if (args[a].startsWith('-') || args[a] === 'run' || args[a] === 'test')
                        continue;
                    if (args[a].includes('/') || SCRIPT_FILE.test(args[a])) {
                        runFile(cwd, args[a], via, depth, inScript, shell);
                    }
                    break;
                }
            }
            if (/^(?:npm|yarn|pnpm|bun)$/.test(name)) {
                const rest = args.filter(arg => !arg.startsWith('-'));
                let target = rest[0];
                if (target === 'run' || target === 'run-script')
                    target = rest[1];
                else if (target === 't')
                    target = 'test';
                const scripts = readScripts(read, cwd);
                if (target !== undefined && scripts) {
                    for (const each of [`pre${target}`, target, `post${target}`]) {
                        const body = scripts[each];
                        if (typeof body === 'string')
                            visit(body, cwd, via, depth + 1, inScript);
                    }
                }
            }
            if (name === 'make') {
                for (let a = 0; a < args.length; a++)
                    if (args[a] === '-f' && args[a + 1])
                        add(cwd, args[a + 1], via);
            }
            for (let a = 0; a < args.length; a++) {
                const [option, inline] = args[a].split('=', 2);
                const value = inline ?? (CONFIG_OPTIONS.test(option) ? args[a + 1] : undefined);
                if (CONFIG_OPTIONS.test(option) && value && /^[^\s*?]+\.\w{1,10}$/.test(value))
                    add(cwd, value, via);
            }
        }
    };
    /** A shell script the check runs (from `cwd`): what it runs is the check too. */
    const visitScript = (path, cwd, via, depth) => {
        const text = read?.(path);
        if (text === undefined || !isShellScript(path, text))
            return;
        visit(text, cwd, via, depth + 1, true);
    };
    visit(check, '', check, 0);
    return found;
}
const SHELLS = /^(?:ba|z|da|k)?sh$/;
/** A shell script by its name, or by its first line when its text is known. */
function isShellScript(path, text) {
    return (/\.(?:sh|bash|zsh|bats)$/.test(path) || (text !== undefined && /^#!.*\b(?:ba|z|da|k)?sh\b/.test(text)));
}
function joinPath(cwd, target) {
    const parts = cwd === '' ? [] : cwd.split('/');
    for (const part of target.split('/')) {
        if (part === '..')
            parts.pop();
        else if (part !== '.' && part !== '')
            parts.push(part);
    }
    return parts.join('/');
}
function readScripts(read, cwd) {
    const text = read?.(cwd === '' ? 'package.json' : `${cwd}/package.json`);
    const scripts = text === undefined ? undefined : parseObject(text)?.scripts;
    return scripts && typeof scripts === 'object' ? scripts : undefined;
}
/** Splits shell text into commands (at `&&`, `||`, `;`, `|`, `&`, line breaks and parentheses) of words. */
function commandsOf(script) {
    const commands = [];
    let words = [];
    let word;
    const endWord = () => {
        if (word !== undefined)
            words.push(word);
        word = undefined;
    };
    const endCommand = () => {
        endWord();
        if (words.length > 0)
            commands.push(words);
        words = [];
    };
    for (let i = 0; i < script.length; i++) {
        const c = script[i];
        if (c === "'" || c === '"') {
            const end = script.indexOf(c, i + 1);
            const to = end < 0 ? script.length : end;
            word = (word ?? '') + script.slice(i + 1, to);
            i = to;
        }
        else if (c === '\\' && i + 1 < script.length) {
            if (script[i + 1] !== '\n')
                word = (word ?? '') + script[i + 1];
            i++;
        }
        else if (c === '#' && word === undefined) {
            const end = script.indexOf('\n', i);
            i = end < 0 ? script.length : end - 1;
        }
        else if (c === ' ' || c === '\t' || c === '\r')
            endWord();
        else if (c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')')
            endCommand();
        else
            word = (word ?? '') + c;
    }
    endCommand();
    return commands;
}


/***/ }),

/***/ 7949:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  zj: () => (/* binding */ DEFAULT_POLICY),
  Ju: () => (/* binding */ PROTECTED_FILES),
  hM: () => (/* binding */ checkPolicy),
  XZ: () => (/* binding */ describeVerdict),
  Bc: () => (/* binding */ judgeAttempt),
  ON: () => (/* binding */ parsePolicy)
});

// EXTERNAL MODULE: ./node_modules/picomatch/lib/picomatch.js
var picomatch = __webpack_require__(8016);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./src/diff/parse.ts + 1 modules
var parse = __webpack_require__(9566);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/paths.ts
var paths = __webpack_require__(8431);
// EXTERNAL MODULE: ./src/heal/check-config.ts
var check_config = __webpack_require__(1701);
;// CONCATENATED MODULE: ./src/heal/sides.ts
const decode = (content) => content.toString('utf8');
const squash = (text) => text.replace(/\s+/g, '');
/** The sides of a patch; `readBase` (optional) reads the old path's content in the base. */
function fileSides(patch, readBase) {
    const added = new Set();
    const removed = new Set();
    const removedAt = new Map();
    for (const hunk of patch.hunks) {
        // One for one within the hunk: a second copy of a moved line is new.
        const removedKeys = new Map();
        const addedKeys = new Map();
        for (const line of hunk.lines) {
            const map = line.kind === '-' ? removedKeys : line.kind === '+' ? addedKeys : undefined;
            if (!map)
                continue;
            const key = squash(decode(line.content));
            map.set(key, (map.get(key) ?? 0) + 1);
        }
        let oldLine = hunk.oldLines === 0 ? hunk.oldStart + 1 : hunk.oldStart;
        let newLine = hunk.newLines === 0 ? hunk.newStart + 1 : hunk.newStart;
        for (const line of hunk.lines) {
            if (line.kind === ' ') {
                oldLine++;
                newLine++;
                continue;
            }
            const key = squash(decode(line.content));
            const other = line.kind === '+' ? removedKeys : addedKeys;
            const moved = (other.get(key) ?? 0) > 0;
            if (moved)
                other.set(key, other.get(key) - 1);
            if (line.kind === '+') {
                if (!moved)
                    added.add(newLine);
                newLine++;
            }
            else {
                if (!moved)
                    removed.add(oldLine);
                removedAt.set(oldLine, newLine);
                oldLine++;
            }
        }
    }
    const joined = (kinds) => patch.hunks
        .map(h => h.lines
        .filter(l => kinds.includes(l.kind))
        .map(l => decode(l.content))
        .join(''))
        .join('');
    let oldText;
    let newText;
    if (patch.kind === 'add') {
        oldText = '';
        newText = joined('+');
    }
    else if (patch.kind === 'delete') {
        oldText = joined('-');
    }
    else {
        const base = patch.oldPath !== undefined ? readBase?.(patch.oldPath) : undefined;
        if (base !== undefined) {
            newText = applyAtLines(base, patch);
            if (newText !== undefined)
                oldText = base;
        }
        if (newText === undefined && emptied(patch)) {
            oldText = joined('-');
            newText = '';
        }
    }
    const pieces = (kinds, start) => patch.hunks.map(hunk => ({
        text: hunk.lines
            .filter(l => kinds.includes(l.kind))
            .map(l => decode(l.content))
            .join(''),
        first: Math.max(1, hunk[start]),
        whole: false
    }));
    const after = patch.kind === 'delete'
        ? []
        : newText !== undefined
            ? [{ text: newText, first: 1, whole: true }]
            : pieces(' +', 'newStart');
    const before = patch.kind === 'add'
        ? []
        : oldText !== undefined
            ? [{ text: oldText, first: 1, whole: true }]
            : pieces(' -', 'oldStart');
    return { after, before, newText, oldText, added, removed, removedAt };
}
/** A patch that removes every line and keeps none: the file is now empty. */
function emptied(patch) {
    return (patch.hunks.length === 1 &&
        patch.hunks[0].newLines === 0 &&
        patch.hunks[0].oldStart <= 1 &&
        patch.hunks[0].lines.every(l => l.kind === '-'));
}
/**
 * Applies the text hunks to a base at their line numbers exactly, or returns undefined (the base is not what the
 * diff says). Unlike diff/apply's applyHunks, it never looks for a hunk elsewhere: the policy names added lines by
 * the hunks' numbers, which must then be the new file's.
 */
function applyAtLines(base, patch) {
    const lines = base.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    const out = [];
    let at = 0;
    for (const hunk of patch.hunks) {
        const start = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
        if (start < at || start > lines.length)
            return undefined;
        while (at < start)
            out.push(lines[at++]);
        for (const line of hunk.lines) {
            const text = decode(line.content);
            if (line.kind === '+')
                out.push(text);
            else {
                if (lines[at] !== text)
                    return undefined;
                if (line.kind === ' ')
                    out.push(text);
                at++;
            }
        }
    }
    while (at < lines.length)
        out.push(lines[at++]);
    return out.join('');
}

;// CONCATENATED MODULE: ./src/heal/lex.ts
/**
 * A small lexer for the languages the policy reads, so that what a fix adds is judged as code, comment or string
 * the way the language's own tools see it (a suppression after a regex literal or inside a template's `${…}` is
 * code; `'// eslint-disable'` is a string). It is not a parser: it knows comments, string and template literals
 * (with interpolation), JS regex literals, Python prefixes and triple quotes, Rust raw strings and lifetimes.
 * Every loop advances, so the work is linear in the text, however long its lines.
 *
 * `view()` turns the tokens into normalised code, on which the policy's patterns run: comments removed, every run
 * of white space dropped (one space kept between two words), string literals replaced by a stand-in that keeps
 * only their identity (`'skip'` for a word, `'~3'` otherwise), and, for languages whose statements end at line
 * breaks, a `\n` where one may end. So `it\n  . skip\n(` reads `it.skip(`, and `it [ "skip" ]` reads `it['skip']`.
 */
const CODE = { in: 'code' };
const REGEX_AFTER_WORDS = new Set([
    'return',
    'typeof',
    'instanceof',
    'in',
    'of',
    'new',
    'delete',
    'void',
    'throw',
    'case',
    'do',
    'else',
    'yield',
    'await'
]);
const isWordChar = (c) => (c >= 'a' && c <= 'z') ||
    (c >= 'A' && c <= 'Z') ||
    (c >= '0' && c <= '9') ||
    c === '_' ||
    c === '$' ||
    c.charCodeAt(0) > 127;
/** Keywords after whose `(…)` a `/` starts a regex (`if (x) /re/.test(y)`). */
const KEYWORD_PARENS = new Set(['if', 'while', 'for', 'with']);
/** Keywords after which a `{` opens a block, not an object. */
const BLOCK_AFTER_WORDS = new Set(['else', 'do', 'try', 'finally']);
const isSpace = (c) => c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v';
/** Tokenises a text. Returns the tokens and the state at its end (not `code` when a construct is left open). */
function lex(text, syntax, start = CODE) {
    const tokens = [];
    const frames = [];
    // Whether each open `(` follows if/while/for/with, and each open `{` is a block: after its close, a `/` is a
    // regex (`if (a) /'/.test(b)`, `{}\n/'/.test(b)`) rather than a division.
    const parens = [];
    const braces = [];
    let regexAfterClose = false;
    // First characters of comment openers: most characters start none, so most skip the search.
    const openers = new Set([...syntax.lineComments, ...syntax.blockComments.map(([open]) => open)].map(t => t[0]));
    let i = 0;
    let line = 0;
    const n = text.length;
    const push = (kind, value, startLine) => {
        tokens.push({ kind, text: value, line: startLine, endLine: line });
    };
    /** Advances over text[from, to), counting line breaks. */
    const advance = (to) => {
        for (let k = i; k < to; k++)
            if (text[k] === '\n')
                line++;
        i = to;
    };
    const lastSignificant = () => {
        for (let k = tokens.length - 1; k >= 0; k--) {
            if (tokens[k].kind !== 'comment' && tokens[k].kind !== 'newline')
                return tokens[k];
        }
        return undefined;
    };
    /** Reads a block comment whose opener ends at i; nested openers count when the syntax says so. */
    const readComment = (open, close, startAt) => {
        const startLine = line;
        let depth = 1;
        let k = i;
        while (k < n) {
            if (open && syntax.nestedComments && text.startsWith(open, k)) {
                depth++;
                k += open.length;
            }
            else if (text.startsWith(close, k)) {
                k += close.length;
                if (--depth === 0)
                    break;
            }
            else
                k++;
        }
        const end = Math.min(k, n);
        advance(end);
        push('comment', text.slice(startAt, end), startLine);
    };
    /** Reads the string of the top frame from i: to its close (popping it), or to an interpolation. */
    const readString = (frame) => {
        const startLine = line;
        const from = i;
        let k = i;
        let closed = false;
        let interpolated = false;
        while (k < n) {
            const c = text[k];
            if (c === '\\' && !frame.raw) {
                k += 2;
                continue;
            }
            if (c === '\n' && frame.singleLine)
                break;
            if (text.startsWith(frame.close, k)) {
                closed = true;
                break;
            }
            if (frame.interpolation && text.startsWith(frame.interpolation, k)) {
                // Python's `{{` is a literal brace.
                if (frame.interpolation === '{' && text[k + 1] === '{') {
                    k += 2;
                    continue;
                }
                interpolated = true;
                break;
            }
            k++;
        }
        k = Math.min(k, n);
        advance(k);
        push('string', text.slice(from, k), startLine);
        if (closed) {
            advance(i + frame.close.length);
            frames.pop();
        }
        else if (interpolated) {
            advance(i + frame.interpolation.length);
            frame.depth = 0;
        }
        else
            frames.pop(); // an unterminated string ends at the line break or the end of the text
    };
    if (start.in === 'comment')
        readComment(undefined, start.close, 0);
    else if (start.in === 'string') {
        frames.push({
            close: start.close,
            interpolation: start.template ? '${' : undefined,
            singleLine: false,
            raw: start.raw
        });
        readString(frames[0]);
    }
    while (i < n) {
        const top = frames[frames.length - 1];
        if (top && top.depth === undefined) {
            readString(top);
            continue;
        }
        const c = text[i];
        if (c === '\n') {
            push('newline', '\n', line);
            advance(i + 1);
            continue;
        }
        if (isSpace(c)) {
            i++;
            continue;
        }
        // A backslash before a line break joins the lines (Python, shell, C macros).
        if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
            advance(i + (text[i + 1] === '\n' ? 2 : 3));
            continue;
        }
        const block = openers.has(c) ? syntax.blockComments.find(([open]) => text.startsWith(open, i)) : undefined;
        if (block) {
            const startAt = i;
            i += block[0].length;
            readComment(block[0], block[1], startAt);
            continue;
        }
        const lineComment = openers.has(c)
            ? syntax.lineComments.find(token => text.startsWith(token, i))
            : undefined;
        if (lineComment &&
            !syntax.notComments?.some(token => text.startsWith(token, i)) &&
            (!syntax.commentAtWordStart || i === 0 || /[\s;|&()]/.test(text[i - 1]))) {
            let k = text.indexOf('\n', i);
            if (k < 0)
                k = n;
            push('comment', text.slice(i, k), line);
            i = k;
            continue;
        }
        if (top && (c === '{' || c === '}')) {
            if (c === '{')
                top.depth = top.depth + 1;
            else if (top.depth === 0) {
                top.depth = undefined;
                i++;
                continue;
            }
            else
                top.depth = top.depth - 1;
        }
        if (syntax.templates && c === '`') {
            i++;
            frames.push({ close: '`', interpolation: '${', singleLine: false, raw: false });
            continue;
        }
        if (syntax.python && (c === '"' || c === "'" || isWordChar(c))) {
            const prefix = /^[rRbBuUfF]{0,2}(?=["'])/.exec(text.slice(i, i + 3));
            if (prefix && (prefix[0] !== '' || c === '"' || c === "'")) {
                const at = i + prefix[0].length;
                const q = text[at];
                const triple = text.startsWith(q.repeat(3), at);
                const close = triple ? q.repeat(3) : q;
                i = at + close.length;
                frames.push({
                    close,
                    interpolation: /f/i.test(prefix[0]) ? '{' : undefined,
                    singleLine: !triple,
                    raw: /r/i.test(prefix[0])
                });
                continue;
            }
        }
        if (syntax.rust) {
            const raw = /^b?r(#*)"/.exec(text.slice(i, i + 260));
            if (raw && (i === 0 || !isWordChar(text[i - 1]))) {
                i += raw[0].length;
                frames.push({ close: `"${raw[1]}`, singleLine: false, raw: true });
                continue;
            }
            if (c === "'") {
                // 'x' and '\n' are characters; 'a (no closing quote after one character) is a lifetime.
                const isChar = text[i + 1] === '\\' || (text[i + 2] === "'" && text[i + 1] !== "'");
                const startAt = i;
                i++;
                if (isChar)
                    frames.push({ close: "'", singleLine: true, raw: false });
                else {
                    while (i < n && isWordChar(text[i]))
                        i++;
                    push('word', text.slice(startAt, i), line);
                }
                continue;
            }
        }
        if (syntax.quotes.includes(c)) {
            i++;
            frames.push({ close: c, singleLine: true, raw: false });
            continue;
        }
        if (syntax.longQuotes?.includes(c)) {
            i++;
            frames.push({ close: c, singleLine: false, raw: syntax.rawLongQuotes === true });
            continue;
        }
        if (syntax.regex && c === '/') {
            const before = lastSignificant();
            const allowed = before === undefined ||
                (before.kind === 'punct' && !')]}'.includes(before.text)) ||
                (before.kind === 'punct' && before.text !== ']' && regexAfterClose) ||
                (before.kind === 'word' && REGEX_AFTER_WORDS.has(before.text));
            if (allowed) {
                let k = i + 1;
                let inClass = false;
                while (k < n && text[k] !== '\n') {
                    const d = text[k];
                    if (d === '\\')
                        k++;
                    else if (d === '[')
                        inClass = true;
                    else if (d === ']')
                        inClass = false;
                    else if (d === '/' && !inClass)
                        break;
                    k++;
                }
                if (k < n && text[k] === '/') {
                    k++;
                    while (k < n && isWordChar(text[k]))
                        k++;
                    push('regex', text.slice(i, k), line);
                    i = k;
                    continue;
                }
            }
        }
        const escape = syntax.identifierEscapes && c === '\\' && text[i + 1] === 'u';
        if (isWordChar(c) || escape) {
            let word = '';
            let from = i;
            while (i < n) {
                if (isWordChar(text[i]))
                    i++;
                else if (syntax.identifierEscapes && text[i] === '\\' && text[i + 1] === 'u') {
                    const code = /^\\u(?:\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{4}))/.exec(text.slice(i, i + 10));
                    if (!code)
                        break;
                    word +=
                        text.slice(from, i) + String.fromCodePoint(Math.min(0x10ffff, parseInt(code[1] ?? code[2], 16)));
                    i += code[0].length;
                    from = i;
                }
                else
                    break;
            }
            if (i === from && word === '') {
                push('punct', c, line);
                i++;
                continue;
            }
            push('word', word + text.slice(from, i), line);
            continue;
        }
        if (syntax.regex) {
            const before = lastSignificant();
            if (c === '(')
                parens.push(before?.kind === 'word' && KEYWORD_PARENS.has(before.text));
            else if (c === ')')
                regexAfterClose = parens.pop() === true;
            else if (c === '{') {
                // After a line break that ends a statement (`x = 1\n{`), a `{` opens a block too.
                const newStatement = tokens[tokens.length - 1]?.kind === 'newline' &&
                    before !== undefined &&
                    (before.kind !== 'punct' || ')]}'.includes(before.text));
                braces.push(before === undefined ||
                    newStatement ||
                    (before.kind === 'punct' && ');{}>'.includes(before.text)) ||
                    (before.kind === 'word' && BLOCK_AFTER_WORDS.has(before.text)));
            }
            else if (c === '}')
                regexAfterClose = braces.pop() !== false;
        }
        push('punct', c, line);
        i++;
    }
    const open = frames[frames.length - 1];
    const last = tokens[tokens.length - 1];
    let end = CODE;
    if (open && open.depth === undefined && !open.singleLine) {
        end = { in: 'string', close: open.close, raw: open.raw, template: open.interpolation === '${' };
    }
    else if (last?.kind === 'comment') {
        const block = syntax.blockComments.find(([o]) => last.text.startsWith(o));
        if (block && !last.text.endsWith(block[1]))
            end = { in: 'comment', close: block[1] };
    }
    return { tokens, end };
}
const WORDLIKE = /^[\w$-]{0,40}$/;
/** A string literal's content with its escapes decoded (`'sk\\x69p'` is `'skip'`). */
function lex_unescape(content) {
    return content.replace(/\\(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|([^xu]))/g, (_, x, braced, u, other) => other !== undefined ? other : String.fromCodePoint(Math.min(0x10ffff, parseInt(x ?? braced ?? u, 16))));
}
/** Recent views of texts lexed from code, by syntax: the policy reads one file's sides in several analyses. */
const recent = new WeakMap();
/** Tokenises a text and normalises its code. */
function view(text, syntax, start = CODE) {
    if (start.in !== 'code')
        return makeView(text, syntax, start);
    let cache = recent.get(syntax);
    if (!cache)
        recent.set(syntax, (cache = new Map()));
    let made = cache.get(text);
    if (!made) {
        if (cache.size >= 8)
            cache.clear();
        made = makeView(text, syntax, start);
        cache.set(text, made);
    }
    return made;
}
function makeView(text, syntax, start) {
    const { tokens, end } = lex(text, syntax, start);
    const comments = [];
    const offsets = [];
    const lines = [];
    const strings = new Map();
    // Pieces are joined once at the end: reading the last character of a growing string would flatten it each time.
    const pieces = [];
    let length = 0;
    let last = '';
    let depth = 0;
    let previous;
    const emit = (piece, token) => {
        if (length > 0 && isWordChar(last) && isWordChar(piece[0])) {
            pieces.push(' ');
            length++;
        }
        offsets.push(length);
        lines.push(token.line);
        pieces.push(piece);
        length += piece.length;
        last = piece[piece.length - 1];
    };
    for (const token of tokens) {
        if (token.kind === 'comment') {
            comments.push({ text: token.text, line: token.line, endLine: token.endLine });
            continue;
        }
        if (token.kind === 'newline') {
            if (!syntax.statements || length === 0 || last === '\n')
                continue;
            const ends = syntax.statements === 'python'
                ? depth === 0
                : previous !== undefined && (previous.kind !== 'punct' || ')]}'.includes(previous.text));
            if (ends)
                emit('\n', token);
            continue;
        }
        if (token.kind === 'punct') {
            if ('([{'.includes(token.text))
                depth++;
            else if (')]}'.includes(token.text))
                depth = Math.max(0, depth - 1);
        }
        let piece = token.text;
        // A regex literal runs no code: its text is no marker.
        if (token.kind === 'regex')
            piece = '/r/';
        else if (token.kind === 'string') {
            if (piece.includes('\\'))
                piece = lex_unescape(piece);
            if (WORDLIKE.test(piece)) {
                // `'sk' + 'ip'` reads as `'skip'`: a computed member spelt in pieces.
                const before = pieces[pieces.length - 2];
                // At most as long as a word-like literal, so a long chain of pieces costs linear time.
                if (last === '+' &&
                    before !== undefined &&
                    before.length + piece.length <= 42 &&
                    /^'[\w$-]*'$/.test(before)) {
                    pieces.length -= 2;
                    offsets.pop();
                    lines.pop();
                    length -= before.length + 1;
                    piece = `'${before.slice(1, -1)}${piece}'`;
                    pieces.push(piece);
                    length += piece.length;
                    last = "'";
                    previous = token;
                    continue;
                }
                piece = `'${piece}'`;
            }
            else {
                if (!strings.has(piece))
                    strings.set(piece, strings.size);
                piece = `'~${strings.get(piece)}'`;
            }
        }
        emit(piece, token);
        previous = token;
    }
    const code = pieces.join('');
    const lineAt = (offset) => {
        let lo = 0;
        let hi = offsets.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (offsets[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lines[lo] ?? 0;
    };
    return { code, comments, tokens, lineAt, end };
}
/**
 * The index just after the bracket that closes the one at `open` in normalised code, or -1. It reads at most
 * `limit` characters, and takes them from `budget` when given, so that many unclosed brackets cost linear time.
 */
function closing(code, open, limit = 4000, budget) {
    const pairs = { '(': ')', '[': ']', '{': '}' };
    const stack = [];
    const end = Math.min(code.length, open + Math.min(limit, budget ? Math.max(0, budget.left) : limit));
    let k = open;
    let found = -1;
    for (; k < end; k++) {
        const c = code[k];
        if (c === "'") {
            const next = code.indexOf("'", k + 1);
            if (next < 0 || next >= end)
                break;
            k = next;
        }
        else if (pairs[c])
            stack.push(pairs[c]);
        else if (c === ')' || c === ']' || c === '}') {
            if (stack.pop() !== c)
                break;
            if (stack.length === 0) {
                found = k + 1;
                break;
            }
        }
    }
    if (budget)
        budget.left -= k - open + 1;
    return found;
}
/** Splits normalised code (the inside of a call) at top-level commas. */
function splitArguments(code) {
    const parts = [];
    let depth = 0;
    let current = '';
    for (let k = 0; k < code.length; k++) {
        const c = code[k];
        if (c === "'") {
            const next = code.indexOf("'", k + 1);
            const to = next < 0 ? code.length : next + 1;
            current += code.slice(k, to);
            k = to - 1;
            continue;
        }
        if ('([{'.includes(c))
            depth++;
        else if (')]}'.includes(c))
            depth--;
        if (c === ',' && depth === 0) {
            parts.push(current);
            current = '';
        }
        else
            current += c;
    }
    if (current !== '' || parts.length > 0)
        parts.push(current);
    return parts;
}

;// CONCATENATED MODULE: ./src/heal/suppressions.ts


const comment = (kind, pattern) => ({ kind, where: 'comment', pattern });
const code = (kind, pattern, testOnly = false) => ({
    kind,
    where: 'code',
    pattern,
    testOnly
});
const raw = (kind, pattern) => ({ kind, where: 'raw', pattern });
const toggle = (enable, disable, where = 'comment') => ({
    where,
    enable,
    disable
});
const C_SYNTAX = { lineComments: ['//'], blockComments: [['/*', '*/']], quotes: `"'` };
const PRETTIER = comment('prettier-ignore', /prettier-ignore/i);
const BIOME = comment('biome-ignore', /biome-ignore/i);
const STYLELINT = comment('stylelint-disable', /stylelint-disable/i);
const COVERAGE = comment('coverage ignore', /\b(?:istanbul|c8|v8)\s+ignore\b|node:coverage\s+(?:disable|ignore)|\blcov_excl_(?:line|start|br)|\bgcovr_excl/i);
const NOSONAR = comment('NOSONAR', /\bnosonar\b|\bnoinspection\b|\bnosemgrep\b|\blgtm\s*\[/i);
const CSPELL = comment('cspell:disable', /\b(?:cspell|spell-?checker)\s*:\s*(?:disable|ignore)/i);
// `cmd || true` and friends make a failing command pass; so does `set +e` before it.
const OR_TRUE_CODE = code("'|| true'", /\|\|(?:true(?![\w-])|:(?![\w:])|exit 0(?![\w.]))/);
const SET_E_CODE = code("'set +e'", /(?<![\w$-])set\+(?:[a-z]{0,8}e|o errexit)/);
const OR_TRUE_RAW = raw("'|| true'", /\|\|\s*(?:true\b|:(?=\s|$|;|\))|exit\s+0\b)/);
const SET_E_RAW = raw("'set +e'", /(?:^|[\s;&|(])set\s+\+(?:[a-z]{0,8}e|o\s+errexit)\b/);
/** Test-runner objects of JS; a modifier on one of them (`.skip`, `.only`), read or called, changes what runs. */
const JS_ROOTS = '(?:it|test|describe|suite|context|specify|bench|Deno\\.test)';
const JS_CHAIN = '(?:\\??\\.\\w{1,40}){0,4}?';
// Bun's `test.if(cond)` and `test.todoIf(cond)` too.
const JS_SKIPS = 'skip|skipIf|runIf|todo|todoIf|fixme|if';
const JS_INVERTS = 'fails|failing|failingIf|fail';
const JS_MARKERS = [
    comment('eslint-disable', /eslint-disable/i),
    // Inline configuration turns a rule off (`off`, `0`) or down (`warn`), or changes its options.
    comment('eslint rule turned off', /^\/[*/]\s*eslint\s[^*]{0,400}:\s*(?:\[\s*)?["']?(?:off|0)\b/i),
    comment('eslint inline config', /^\/[*/]\s*eslint\s+["']?[\w@/-]{1,100}["']?\s*:/i),
    comment('eslint-env', /^\/[*/]\s*eslint-env\b/i),
    // `/* global x */` declares a global, so no-undef no longer sees x; `/* exported */` silences no-unused-vars.
    comment('eslint globals', /^\/\*\s*(?:globals?|exported)\b/i),
    comment('@ts-ignore', /@ts-ignore\b/i),
    comment('@ts-nocheck', /@ts-nocheck\b/i),
    comment('@ts-expect-error', /@ts-expect-error\b/i),
    comment('tslint:disable', /\btslint:disable\b/i),
    comment('oxlint-disable', /\boxlint-disable\b/i),
    comment('deno-lint-ignore', /\bdeno-lint-ignore\b/i),
    comment('jshint ignore', /\bjshint\s+ignore\b|\bjscs:disable\b|^\/\*\s*jshint\s/i),
    comment('svelte-ignore', /\bsvelte-ignore\b/i),
    COVERAGE,
    BIOME,
    PRETTIER,
    STYLELINT,
    NOSONAR,
    CSPELL,
    // Read or called, and also through `globalThis.it`.
    code('skipped test', new RegExp(`(?<![\\w$])${JS_ROOTS}${JS_CHAIN}\\??\\.(?:${JS_SKIPS})(?![\\w$])`)),
    code('inverted test', new RegExp(`(?<![\\w$])${JS_ROOTS}${JS_CHAIN}\\??\\.(?:${JS_INVERTS})(?![\\w$])`)),
    // A focused test silently skips every other test of its file.
    code('focused test', new RegExp(`(?<![\\w$])${JS_ROOTS}${JS_CHAIN}\\??\\.only(?![\\w$])`)),
    code('skipped test', new RegExp(`(?<![\\w$.])Reflect\\.get\\(${JS_ROOTS}(?![\\w$])`)),
    // `it.each([])(…)` runs the test for no case at all.
    code('skipped test', /\.each(?:\((?:\[\]|''|\{\})\)|'')[(.]/),
    // `it['skip']`, `test[mode]`, `test.describe['only']`: a computed modifier of a test runner hides which one it is.
    code('skipped test', new RegExp(`(?<![\\w$.])(?:it|test|describe|suite|specify|bench)(?:\\??\\.(?:describe|concurrent|sequential|serial))?` +
        `(?:\\?\\.)?\\[(?!'(?:each|concurrent|sequential|serial|extend)'\\])`), true),
    // `const { skip } = it`, `const { only: o } = test`.
    code('skipped test', new RegExp(`\\{[^{}]{0,300}(?<![\\w$])(?:${JS_SKIPS}|${JS_INVERTS}|only)(?![\\w$])[^{}]{0,300}\\}=${JS_ROOTS}(?![\\w$])`)),
    // In tests, any other object's modifier counts when called (`this.skip()`, `t.todo()`); elsewhere
    // `reader.skip(n)` is ordinary code.
    code('skipped test', /\.(?:skip|skipIf|todo|fixme)[(']/, true),
    code('inverted test', /\.(?:fails|failing)[(']/, true),
    code('focused test', /\.only[(']/, true),
    code('skipped test', /(?<![\w$.])x(?:it|describe|test|context|specify|suite)(?![\w$])/),
    code('focused test', /(?<![\w$.])f(?:it|describe|context|test)(?=[(.`'])|=f(?:it|describe|context)(?![\w$(.`'])/),
    code('skipped test', /(?<![\w$.])pending\(/, true),
    // node:test's `test('x', { skip: true }, …)`, `{ todo }`, `{ only: true }`.
    code('skipped test', /[{,](?:skip|todo|only)(?::(?!false(?![\w$])|undefined(?![\w$])|null(?![\w$])|0(?![\w$.]))|(?=[,}]))/, true),
    // A test file that ends the process with success reports whatever it likes (a failing exit fails anyway).
    code('exit in a test', /(?<![\w$.])process\.(?:exit|reallyExit)\((?:0|)\)|(?<![\w$.])process\.exitCode=0(?![\w.])/, true)
];
const JS_TOGGLES = [
    toggle(/eslint-enable/i, /eslint-disable(?!-)/i),
    toggle(/stylelint-enable/i, /stylelint-disable(?!-)/i),
    toggle(/\boxlint-enable\b/i, /\boxlint-disable(?!-)/i),
    toggle(/\btslint:enable\b/i, /\btslint:disable(?!-)/i),
    toggle(/\bc8\s+ignore\s+stop\b/i, /\bc8\s+ignore\s+start\b/i),
    toggle(/node:coverage\s+enable/i, /node:coverage\s+disable/i),
    toggle(/biome-ignore-end/i, /biome-ignore-start/i),
    toggle(/prettier-ignore-end/i, /prettier-ignore-start/i),
    toggle(/\bjscs:enable\b/i, /\bjscs:disable\b/i),
    toggle(/\bcspell\s*:\s*enable/i, /\bcspell\s*:\s*disable/i),
    // Removing `// @ts-check` switches type checking off for a JS file.
    toggle(/@ts-check\b/i)
];
const JS = {
    name: 'JavaScript/TypeScript',
    syntax: {
        lineComments: ['//', '<!--'],
        blockComments: [['/*', '*/']],
        quotes: `'"`,
        templates: true,
        regex: true,
        identifierEscapes: true
    },
    markers: JS_MARKERS,
    toggles: JS_TOGGLES
};
const PY_SKIP_NAMES = 'skip|skipif|skipIf|skipUnless|xfail|expectedFailure|skip_if|skip_unless';
const PYTHON = {
    name: 'Python',
    syntax: {
        lineComments: ['#'],
        blockComments: [],
        quotes: '',
        python: true,
        statements: 'python'
    },
    markers: [
        comment('noqa', /#\s*(?:(?:ruff|flake8)\s*:\s*)?noqa\b/i),
        comment('type: ignore', /#\s*type\s*:\s*ignore\b/i),
        comment('pylint: skip-file', /#\s*pylint\s*:\s*skip-file\b/i),
        comment('pylint: disable', /#\s*pylint\s*:\s*disable/i),
        // `# pyright: ignore`, `# pyright: basic`, `# pyright: reportX=false`: anything but `strict` relaxes it.
        comment('pyright: ignore', /#\s*pyright\s*:\s*(?!strict\b)\S/i),
        comment('mypy: ignore-errors', /#\s*mypy\s*:\s*(?:ignore[-_]errors|disable[-_]error[-_]code|allow[-_])/i),
        comment('pyre-ignore', /#\s*(?:pyre-(?:ignore|fixme|unsafe)|pytype\s*:\s*disable)\b/i),
        comment('pragma: no cover', /#\s*pragma\s*(?::\s*)?no[\s_-]*(?:cover|branch)\b/i),
        comment('fmt: off', /#\s*(?:fmt\s*:\s*(?:off|skip)|isort\s*:\s*(?:skip|off)|yapf\s*:\s*disable)\b/i),
        comment('nosec', /#\s*nosec\b/i),
        NOSONAR,
        CSPELL,
        code('skipped test', /(?<![\w])mark\.(?:skip|skipif|xfail)(?![\w])/),
        code('skipped test', /(?<![\w.])pytestmark=[^\n]{0,300}?(?<![\w])(?:skip|skipif|xfail)(?![\w])/),
        // A parametrised test with no parameters runs no case.
        code('skipped test', /parametrize\([^()\n]{0,300}?,(?:\[\]|\(\)|'')[,)]/),
        code('skipped test', /\.(?:skip|skipif|xfail)(?![\w])/, true),
        code('skipped test', /(?<![\w.])pytest\.(?:skip|xfail|importorskip|exit)(?![\w])/),
        code('skipped test', new RegExp(`@(?:\\w{1,40}\\.){0,4}(?:${PY_SKIP_NAMES})(?![\\w])`)),
        code('skipped test', /(?<![\w.])unittest\.(?:skip|skipIf|skipUnless|expectedFailure|SkipTest)(?![\w])/),
        code('skipped test', /(?<![\w])(?:SkipTest|skipTest|expectedFailure|importorskip)(?![\w])/),
        code('skipped test', new RegExp(`(?<![\\w])from (?:unittest|pytest)(?:\\.\\w{1,40}){0,3} import[^\\n]{0,300}?(?<![\\w])(?:${PY_SKIP_NAMES})(?![\\w])`)),
        // getattr(pytest.mark, 'skip'), vars(pytest.mark)['skip'].
        code('skipped test', /getattr\([^\n]{0,200}?,'(?:skip|skipif|xfail|skipTest|SkipTest|importorskip)'|\['(?:skip|skipif|xfail)'\]/),
        // A module with `__test__ = False` is not collected.
        code('skipped test', /(?<![\w.])__test__=(?!=)(?!True(?![\w]))/),
        code('skipped test', /(?<![\w.])skip\(/, true),
        code('exit in a test', /(?<![\w.])(?:sys|os)\.(?:_exit|exit)\((?:0|None|)\)|(?<![\w.])raise SystemExit(?:\((?:0|None|)\))?(?![\w(])/, true)
    ],
    toggles: [
        toggle(/#\s*pylint\s*:\s*enable/i, /#\s*pylint\s*:\s*disable/i),
        toggle(/#\s*fmt\s*:\s*on\b/i, /#\s*fmt\s*:\s*off\b/i),
        toggle(/#\s*isort\s*:\s*on\b/i, /#\s*isort\s*:\s*off\b/i),
        toggle(/#\s*yapf\s*:\s*enable\b/i, /#\s*yapf\s*:\s*disable\b/i)
    ]
};
const GO = {
    name: 'Go',
    syntax: { ...C_SYNTAX, quotes: `"'`, longQuotes: '`', rawLongQuotes: true, statements: 'go' },
    markers: [
        comment('nolint', /^\/\/\s*nolint\b/i),
        comment('lint:ignore', /^\/\/\s*lint:(?:file-)?ignore\b/i),
        comment('nosec', /#?\bnosec\b/i),
        comment('revive:disable', /^\/\/\s*revive:disable/i),
        // A build constraint takes the whole file out of the build, its tests with it.
        comment('build ignore', /^\/\/\s*(?:go:build|\+build)\b[^\n]{0,400}\bignore\b/i),
        comment('build constraint', /^\/\/\s*(?:go:build|\+build)\b/i),
        COVERAGE,
        code('skipped test', /\.(?:Skip|Skipf|SkipNow)(?![\w])/, true),
        code('exit in a test', /(?<![\w.])os\.Exit\(0\)|(?<![\w.])runtime\.Goexit\(/, true)
    ],
    toggles: [toggle(/^\/\/\s*revive:enable/i, /^\/\/\s*revive:disable/i)]
};
/** cfg names whose value depends on the build; an unknown bare name is false (rustc warns and drops the item). */
const RUST_CFG_NAMES = new Set([
    'unix',
    'windows',
    'debug_assertions',
    'miri',
    'doc',
    'doctest',
    'proc_macro',
    'overflow_checks',
    'panic',
    'feature',
    'ub_checks',
    'relocation_model',
    'sanitize',
    'fmt_debug'
]);
/** Whether a cfg predicate (normalised) holds when tests are built: true, false, or undefined when unknown. */
function evaluateCfg(predicate) {
    let at = 0;
    const parse = () => {
        const name = /^[\w]+/.exec(predicate.slice(at, at + 80))?.[0];
        if (!name)
            throw new Error('cfg');
        at += name.length;
        if (predicate[at] === '(' && (name === 'any' || name === 'all' || name === 'not')) {
            at++;
            const values = [];
            while (predicate[at] !== ')') {
                values.push(parse());
                if (predicate[at] === ',')
                    at++;
                else if (predicate[at] !== ')')
                    throw new Error('cfg');
            }
            at++;
            if (name === 'not')
                return values[0] === undefined ? undefined : !values[0];
            if (name === 'any')
                return values.includes(true) ? true : values.every(v => v === false) ? false : undefined;
            return values.includes(false) ? false : values.every(v => v === true) ? true : undefined;
        }
        if (predicate[at] === '=') {
            at++;
            const value = /^'[^']*'/.exec(predicate.slice(at, at + 80))?.[0];
            if (!value)
                throw new Error('cfg');
            at += value.length;
            return RUST_CFG_NAMES.has(name) || name.startsWith('target_') ? undefined : false;
        }
        if (name === 'test')
            return true;
        return RUST_CFG_NAMES.has(name) || name.startsWith('target_') ? undefined : false;
    };
    try {
        const value = parse();
        return at === predicate.length ? value : undefined;
    }
    catch {
        return undefined;
    }
}
/** Attributes that switch a Rust lint or test off, matched on one attribute (`#[…]`, normalised, at most 300 long). */
const RUST_ATTRIBUTES = [
    // `#[allow(..)]`, `#![allow(..)]`, `#[expect(..)]`, and the same inside `#[cfg_attr(.., allow(..))]`.
    ['#[allow]', /^#!?\[(?:.*[(,])?(?:allow|expect)\(/],
    ['skipped test', /^#!?\[(?:.*[(,])?ignore(?=[\](=,])/],
    // `#[should_panic]` turns a failing test into a passing one.
    ['inverted test', /^#!?\[(?:.*[(,])?should_panic(?![\w])/],
    ['rustfmt::skip', /^#!?\[(?:.*[(,])?rustfmt::skip/],
    ['coverage ignore', /^#!?\[(?:.*[(,])?(?:coverage\(off\)|no_coverage)/]
];
/** Rust attributes that switch a check off, and `#[cfg(…)]` that leaves a test out of the test build. */
function rustAttributes(code, test) {
    const found = [];
    const text = code.code;
    const budget = { left: text.length * 4 + 10_000 };
    const starts = [...text.matchAll(/#!?\[/g)].map(match => match.index);
    let close = -1;
    for (const [index, start] of starts.entries()) {
        // The first `]` after the attribute's start; it only moves forward, so the scan stays linear. An attribute
        // holds no other attribute, so it also ends before the next one.
        if (close < start)
            close = text.indexOf(']', start) >>> 0;
        const attribute = text.slice(start, Math.min(close + 1, starts[index + 1] ?? Infinity, start + 300));
        const kind = RUST_ATTRIBUTES.find(([, pattern]) => pattern.test(attribute))?.[0];
        if (kind) {
            found.push({ start, end: start + attribute.length, kind });
            continue;
        }
        const cfg = /^#!?\[cfg\(/.exec(attribute);
        if (!cfg)
            continue;
        const open = start + cfg[0].length - 1;
        const end = closing(text, open, 2000, budget);
        if (end < 0)
            continue;
        const value = evaluateCfg(text.slice(open + 1, end - 1));
        if (value === true)
            continue;
        // Unknown predicates (a platform, a feature) count in test files, and before a test anywhere.
        const beforeTest = /#\[(?:\w{1,40}::)?test\]|(?<![\w])mod tests?(?![\w])/.test(text.slice(end, end + 300));
        if (value === false || test || beforeTest)
            found.push({ start, end, kind: 'compiled out (cfg)' });
    }
    return found;
}
const RUST = {
    name: 'Rust',
    // `'` also starts lifetimes (`'a`); strings may span lines.
    syntax: {
        lineComments: ['//'],
        blockComments: [['/*', '*/']],
        nestedComments: true,
        quotes: '',
        longQuotes: '"',
        rust: true
    },
    markers: [COVERAGE],
    analyse: rustAttributes
};
const JVM_MARKERS = [
    code('@SuppressWarnings', /@(?:file:)?(?:SuppressWarnings|Suppress|SuppressLint|SuppressFBWarnings|nowarn)(?![\w])/),
    code('skipped test', /@(?:[\w.]{0,100}\.)?(?:Disabled\w{0,40}|Ignore|PendingFeature|EnabledIf\w{0,40}|EnabledOn\w{0,40}|IgnoreIf|Requires)(?![\w])/),
    code('skipped test', /@Test\([^)]{0,300}enabled=false/),
    code('skipped test', /(?<![\w])assume(?:True|False|That|NotNull|NoException)\(/),
    code('inverted test', /@Test\([^)]{0,300}expected=/, true),
    code('coverage ignore', /@(?:[\w.]{0,100}\.)?Generated(?![\w])/),
    comment('NOSONAR', /\bnosonar\b|\bnoinspection\b|\bnopmd\b/i),
    comment('CHECKSTYLE:OFF', /checkstyle\s*[:.]\s*off|@formatter\s*:\s*off|ktlint-disable|spotless\s*:\s*off/i),
    code('exit in a test', /(?<![\w.])(?:System\.exit|exitProcess)\(0\)/, true)
];
const JVM = {
    name: 'Java/Kotlin',
    syntax: { ...C_SYNTAX, nestedComments: false },
    markers: JVM_MARKERS,
    toggles: [
        toggle(/checkstyle\s*[:.]\s*on/i, /checkstyle\s*[:.]\s*off/i),
        toggle(/@formatter\s*:\s*on/i, /@formatter\s*:\s*off/i),
        toggle(/ktlint-enable/i, /ktlint-disable/i)
    ]
};
/** Gradle build scripts: test tasks switched off or told to ignore failures. */
const GRADLE = {
    ...JVM,
    name: 'Gradle',
    markers: [
        ...JVM_MARKERS,
        code('ignored failures', /(?<![\w])(?:ignoreFailures|ignoreExitValue)(?:=|\.set\()true/),
        code('ignored failures', /(?<![\w])(?:abortOnError|failOnError|failOnWarning|warningsAsErrors)(?:=|\.set\()false/),
        code('skipped test', /(?<![\w.])enabled(?:=|\.set\()false|onlyIf\{false\}|'-x','test'|-x test(?![\w])/)
    ]
};
const CSHARP = {
    name: 'C#',
    syntax: C_SYNTAX,
    markers: [
        code('#pragma warning disable', /#pragma warning disable(?![\w])/),
        code('#nullable disable', /#nullable (?:disable|restore)(?![\w])/),
        code('SuppressMessage', /\[(?:assembly:)?(?:[\w.]{0,100}\.)?SuppressMessage(?![\w])/),
        comment('ReSharper disable', /\bresharper\s+disable\b/i),
        code('coverage ignore', /\[(?:[\w.]{0,100}\.)?ExcludeFromCodeCoverage(?![\w])/),
        code('skipped test', /[[,](?:Ignore|Explicit)(?![\w])/),
        code('skipped test', /\[(?:Fact|Theory|Test|TestCase)\([^\]]{0,300}(?:Skip|Ignore)=/)
    ],
    toggles: [
        toggle(/#pragma warning restore(?![\w])/, /#pragma warning disable(?![\w])/, 'code'),
        toggle(/#nullable enable(?![\w])/, undefined, 'code'),
        toggle(/\bresharper\s+restore\b/i, /\bresharper\s+disable\b/i)
    ]
};
const C = {
    name: 'C/C++',
    syntax: C_SYNTAX,
    markers: [
        code('#pragma diagnostic ignored', /#pragma (?:GCC|clang) diagnostic ignored/),
        code('#pragma warning disable', /#pragma warning\(disable/),
        comment('NOLINT', /\bnolint(?:nextline|begin)?\b/i),
        comment('cppcheck-suppress', /\bcppcheck-suppress\b/i),
        COVERAGE,
        code('skipped test', /(?<![\w])GTEST_SKIP(?![\w])/),
        // GoogleTest runs no test whose name starts with DISABLED_.
        code('skipped test', /(?<![\w])DISABLED_\w/)
    ],
    toggles: [
        toggle(/\bnolintend\b/i, /\bnolintbegin\b/i),
        toggle(/\blcov_excl_stop\b/i, /\blcov_excl_start\b/i)
    ]
};
const HASH_SYNTAX = { lineComments: ['#'], blockComments: [], quotes: `"'` };
const RUBY = {
    name: 'Ruby',
    syntax: { ...HASH_SYNTAX, blockComments: [['=begin', '=end']] },
    markers: [
        comment('rubocop:disable', /#\s*(?:rubocop|standard)\s*:\s*(?:disable|todo)\b/i),
        comment('coverage ignore', /#\s*:nocov:/i),
        code('skipped test', /(?<![\w.:$@])(?:skip|pending)(?![\w$?!:=])/, true),
        code('skipped test', /(?<![\w.])x(?:it|describe|context|specify|example|scenario|feature)(?![\w$?!])/),
        code('focused test', /(?<![\w.])f(?:it|describe|context)(?![\w$?!])|(?<![\w])focus:true/)
    ],
    toggles: [toggle(/#\s*(?:rubocop|standard)\s*:\s*enable\b/i, /#\s*(?:rubocop|standard)\s*:\s*disable\b/i)]
};
const PHP = {
    name: 'PHP',
    syntax: { lineComments: ['//', '#'], notComments: ['#['], blockComments: [['/*', '*/']], quotes: `"'` },
    markers: [
        comment('@phpstan-ignore', /@phpstan-ignore/i),
        comment('@psalm-suppress', /@psalm-suppress\b/i),
        comment('phpcs:ignore', /\bphpcs:\s*(?:ignore|disable)\b|@codingStandardsIgnore/i),
        comment('coverage ignore', /@codeCoverageIgnore/i),
        code('skipped test', /(?:->|::)markTest(?:Skipped|Incomplete)\(/),
        code('skipped test', /#\[(?:[\w\\]{0,100}\\)?(?:RequiresPhp|Group\('(?:skip|disabled)'\))/)
    ],
    toggles: [toggle(/\bphpcs:\s*enable\b/i, /\bphpcs:\s*disable\b/i)]
};
const SHELL_SYNTAX = {
    lineComments: ['#'],
    commentAtWordStart: true,
    blockComments: [],
    quotes: '',
    longQuotes: `'"`
};
const SHELL = {
    name: 'shell',
    syntax: SHELL_SYNTAX,
    markers: [comment('shellcheck disable', /#\s*shellcheck\s+disable\s*=/i), OR_TRUE_CODE, SET_E_CODE]
};
const DOCKER = {
    name: 'Dockerfile',
    syntax: SHELL_SYNTAX,
    markers: [
        comment('hadolint ignore', /#\s*hadolint\s+(?:ignore|global\s+ignore)/i),
        OR_TRUE_CODE,
        SET_E_CODE
    ]
};
const SWIFT = {
    name: 'Swift',
    syntax: { ...C_SYNTAX, nestedComments: true, quotes: '"' },
    markers: [
        comment('swiftlint:disable', /\bswiftlint:disable\b|\bswiftformat:disable\b/i),
        code('skipped test', /(?<![\w])XCTSkip\w{0,40}|(?<![\w])XCTExpectFailure(?![\w])/)
    ],
    toggles: [toggle(/\bswiftlint:enable\b/i, /\bswiftlint:disable\b/i)]
};
const DART = {
    name: 'Dart',
    syntax: C_SYNTAX,
    markers: [
        comment('ignore', /^\/\/\s*ignore(?:_for_file)?\s*:/i),
        code('skipped test', /[(,]skip:(?!false(?![\w])|null(?![\w]))|@Skip\(/)
    ]
};
const CSS = {
    name: 'CSS',
    syntax: { lineComments: ['//'], blockComments: [['/*', '*/']], quotes: `"'` },
    markers: [STYLELINT, PRETTIER, BIOME],
    toggles: [toggle(/stylelint-enable/i, /stylelint-disable(?!-)/i)]
};
const MARKUP_MARKERS = [
    comment('prettier-ignore', /prettier-ignore/i),
    comment('markdownlint-disable', /markdownlint-(?:disable|capture|configure-file)/i),
    comment('eslint-disable', /eslint-disable/i),
    comment('lint disable', /^<!--\s*(?:lint\s+(?:disable|ignore)|textlint-disable|vale\s+off|htmlhint\s)/i),
    STYLELINT,
    CSPELL
];
/** Markdown and HTML: only their comments hold markers (prose mentioning `eslint-disable` is not one). */
const MARKUP = {
    name: 'Markdown/HTML',
    syntax: { lineComments: [], blockComments: [['<!--', '-->']], quotes: '' },
    markers: MARKUP_MARKERS,
    toggles: [
        toggle(/markdownlint-(?:enable|restore)/i, /markdownlint-(?:disable|capture)/i),
        toggle(/prettier-ignore-end/i, /prettier-ignore-start/i)
    ]
};
/** Terraform/HCL: the infrastructure scanners' skip comments. */
const HCL = {
    name: 'HCL',
    syntax: { lineComments: ['#', '//'], blockComments: [['/*', '*/']], quotes: '"' },
    markers: [
        comment('scanner ignore', /\b(?:tfsec|trivy)\s*:\s*ignore|\bcheckov\s*:\s*skip|\bkics-scan\s+ignore|\btflint-ignore\b|\bnosec\b/i)
    ]
};
const SQL = {
    name: 'SQL',
    syntax: { lineComments: ['--'], blockComments: [['/*', '*/']], quotes: `'"` },
    markers: [comment('noqa', /--\s*noqa\b|\bsqlfluff\s*:\s*(?:noqa|disable)/i)]
};
/** YAML is matched raw: its suppressions are keys, and the values that matter (`'false'`) are often quoted. */
const YAML = {
    name: 'YAML',
    markers: [
        raw('continue-on-error', /^\s*(?:-\s*)?continue-on-error\s*:\s*(?!["']?false["']?\s*(?:#|$))\S/i),
        raw('allow_failure', /^\s*(?:-\s*)?allow_failure\s*:\s*(?!["']?false["']?\s*(?:#|$))\S/i),
        raw("'if: false'", /^\s*(?:-\s*)?if\s*:\s*["']?(?:\$\{\{\s*)?(?:false|0)\b/i),
        raw('yamllint disable', /#\s*yamllint\s+disable/i),
        raw('prettier-ignore', /#\s*prettier-ignore/i),
        OR_TRUE_RAW,
        SET_E_RAW
    ],
    toggles: [toggle(/#\s*yamllint\s+enable/i, /#\s*yamllint\s+disable(?!-)/i)]
};
/** Maven's pom.xml and other XML build files: tests skipped or failures ignored by a property. */
const XML = {
    name: 'XML',
    markers: [
        raw('skipped test', /<(?:skipTests|skip|skipITs|maven\.test\.skip|skipExec)>\s*true|-DskipTests\b|-Dmaven\.test\.skip/i),
        raw('ignored failures', /<(?:testFailureIgnore|ignoreFailures)>\s*true|<(?:failOnError|failsOnError|failOnViolation|failOnWarning|haltOnFailure)>\s*false/i),
        raw('prettier-ignore', /<!--\s*prettier-ignore/i)
    ]
};
/** package.json is data, except its scripts, where `|| true` makes a failing script pass. */
const PACKAGE_JSON = { name: 'package.json', markers: [OR_TRUE_RAW] };
/** A file of no known language: the markers of every language's comments, and the plainest test modifiers. */
const UNKNOWN = {
    name: 'unknown',
    syntax: {
        lineComments: ['//', '#', '--'],
        commentAtWordStart: true,
        blockComments: [
            ['/*', '*/'],
            ['<!--', '-->']
        ],
        quotes: `'"`
    },
    markers: [
        ...[JS, PYTHON, GO, RUST, JVM, CSHARP, C, RUBY, PHP, SHELL, DOCKER, SWIFT, DART, CSS, MARKUP, SQL, HCL]
            .flatMap(language => language.markers)
            .filter(marker => marker.where === 'comment')
            .filter((marker, index, all) => all.findIndex(m => m.pattern.source === marker.pattern.source) === index),
        ...JS_MARKERS.slice(JS_MARKERS.findIndex(m => m.where === 'code'), JS_MARKERS.length).filter(m => !m.testOnly),
        ...PYTHON.markers.filter(m => m.where === 'code' && !m.testOnly).slice(0, 4)
    ]
};
const BY_EXTENSION = new Map([
    [JS, 'js jsx mjs cjs ts tsx mts cts vue svelte astro es6 es jsm'],
    [PYTHON, 'py pyi pyw pyx pxd bzl star'],
    [GO, 'go'],
    [RUST, 'rs'],
    [JVM, 'java kt scala groovy sc'],
    [GRADLE, 'gradle kts'],
    [CSHARP, 'cs csx'],
    [C, 'c h cc cpp cxx hpp hh hxx m mm ino cu'],
    [RUBY, 'rb rake gemspec ru'],
    [PHP, 'php phtml'],
    [SHELL, 'sh bash zsh ksh bats mk'],
    [SWIFT, 'swift'],
    [DART, 'dart'],
    [CSS, 'css scss sass less styl pcss'],
    [MARKUP, 'md markdown mdx html htm xhtml'],
    [SQL, 'sql'],
    [HCL, 'tf tfvars hcl'],
    [YAML, 'yml yaml'],
    [XML, 'xml']
].flatMap(([language, extensions]) => extensions.split(' ').map(ext => [ext, language])));
const BY_NAME = new Map([
    ['package.json', PACKAGE_JSON],
    ['dockerfile', DOCKER],
    ['containerfile', DOCKER],
    ['makefile', SHELL],
    ['gnumakefile', SHELL],
    ['justfile', SHELL],
    ['jenkinsfile', JVM],
    ['gemfile', RUBY],
    ['rakefile', RUBY],
    ['build', PYTHON],
    ['workspace', PYTHON],
    ['.bashrc', SHELL],
    ['.zshrc', SHELL],
    ['.profile', SHELL]
]);
/** Data and prose: not code, and what they contain is never a suppression. */
const DATA = new Set(('txt text rst adoc asciidoc org tex log csv tsv json jsonc json5 toml ini cfg conf properties env lock sum ' +
    'mod snap svg map plist pem crt key pub asc sig license po pot').split(' '));
/** Interpreters and runners a check may name, by the language of the files they run. */
const RUNNERS = [
    [JS, /^(?:node|nodejs|tsx|ts-node|deno|bun|jest|vitest|mocha|ava|tap|npx|npm|yarn|pnpm)$/],
    [PYTHON, /^(?:python[\d.]*|pytest|py\.test|tox|nox|uv|poetry)$/],
    [SHELL, /^(?:bash|sh|zsh|dash|ksh|bats)$/],
    [RUBY, /^(?:ruby|rspec|rake|bundle)$/],
    [GO, /^go$/],
    [RUST, /^cargo$/],
    [PHP, /^(?:php|phpunit)$/]
];
/** The language of a shebang line, if it names one. */
function shebangLanguage(firstLine) {
    const match = /^#!\s*\S*?([\w.-]+)(?:\s+(?:-\S+\s+)*([\w.-]+))?/.exec(firstLine);
    if (!match)
        return undefined;
    const program = match[1] === 'env' ? (match[2] ?? '') : match[1];
    return RUNNERS.find(([, pattern]) => pattern.test(program))?.[0];
}
/** Guesses a language from what a text holds: counts lines only one language writes. */
function sniff(text) {
    const signals = [
        [
            JS,
            /^\s*(?:import\s[^\n]{0,200}\sfrom\s|import\s+['"]|export\s+(?:default|const|function|class|\{)|(?:const|let|var)\s+[\w${}\s,]{1,80}=|module\.exports|(?:describe|it|test)\s*\(\s*['"`])/
        ],
        [
            PYTHON,
            /^\s*(?:def\s+\w+\s*\(|class\s+\w+\s*[(:]|from\s+[\w.]+\s+import\s|import\s+\w[\w.]*\s*$|@pytest\.|if __name__\s*==)/
        ],
        [GO, /^(?:package\s+\w+\s*$|func\s+(?:\([^)]{0,80}\)\s*)?\w+\s*\()/],
        [RUST, /^\s*(?:(?:pub\s+)?fn\s+\w+\s*[<(]|use\s+\w+::|(?:pub\s+)?mod\s+\w+\s*[{;]|#!?\[\w)/],
        [
            JVM,
            /^\s*(?:package\s+[\w.]+;|import\s+(?:static\s+)?[\w.]+(?:\.\*)?;|(?:public|private|protected)\s+(?:static\s+)?(?:class|void|final))/
        ],
        [SHELL, /^\s*(?:set\s+-[a-z]+|fi|then|done|esac|echo\s|export\s+\w+=)\s*/]
    ];
    const scores = new Map();
    let lines = 0;
    for (const line of text.split('\n')) {
        if (++lines > 400)
            break;
        const hit = signals.find(([, pattern]) => pattern.test(line.slice(0, 400)));
        if (hit)
            scores.set(hit[0], (scores.get(hit[0]) ?? 0) + 1);
    }
    let best;
    let bestScore = 0;
    for (const [language, score] of scores) {
        if (score > bestScore)
            [best, bestScore] = [language, score];
    }
    return best;
}
/** The language whose markers apply to a repository path. */
function languageOf(path, hints = {}) {
    const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
    const named = BY_NAME.get(name);
    if (named)
        return named;
    if (/^(?:dockerfile|containerfile)\.|\.dockerfile$/.test(name))
        return DOCKER;
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? name.slice(dot + 1) : '';
    const byExtension = BY_EXTENSION.get(ext);
    if (byExtension)
        return byExtension;
    const text = hints.text ?? '';
    if (hints.fromStart && text.startsWith('#!')) {
        const end = text.indexOf('\n');
        const language = shebangLanguage(end < 0 ? text : text.slice(0, end));
        if (language)
            return language;
    }
    if (hints.check && (hints.check.includes(path) || (ext !== '' && hints.check.includes(`.${ext}`)))) {
        for (const word of hints.check.split(/[\s;&|()]+/)) {
            const language = RUNNERS.find(([, pattern]) => pattern.test(word.replace(/^.*\//, '')))?.[0];
            if (language)
                return language;
        }
    }
    const sniffed = sniff(text);
    if (sniffed)
        return sniffed;
    if (DATA.has(ext) ||
        (ext === '' && /^(?:license|licence|copying|notice|authors|changelog|readme)/.test(name))) {
        return MARKUP_DATA;
    }
    return UNKNOWN;
}
/** The language a path is read as: its name, and how it writes comments and strings (none for raw text). */
function syntaxOf(path, hints) {
    const { name, syntax } = languageOf(path, hints);
    return { name, syntax };
}
/** Data and prose files: nothing is searched. */
const MARKUP_DATA = { name: 'data', markers: [] };
/** Whether suppressions are searched for in this path (judged by its name alone). */
function isSearchedForSuppressions(path) {
    return languageOf(path).markers.length > 0;
}
/** A test definition of a common runner, in raw text (`it('…'`, `def test_…`, `func TestX(`, `#[test]`). */
const DEFINES_TESTS = /(?:^|[\s;(])(?:describe|it|test)\s*\(\s*['"`]|^[ \t]*(?:async[ \t]+)?def[ \t]+test|^func[ \t]+Test\w*[ \t]*\(|#\[(?:\w+::)?test\]|@Test\b/m;
/**
 * The suppressions that a file patch brings: on lines it adds (a moved or re-indented line, which the same hunk
 * also removes, is not new), and removed re-enables whose disable stays.
 */
function findSuppressions(path, hunks, options = {}) {
    const sides = options.sides ?? fileSides({ kind: 'modify', oldPath: path, newPath: path, hunks: [...hunks], git: true });
    const sample = sides.newText ?? sides.after.find(side => side.first === 1)?.text ?? sides.oldText ?? sides.after[0]?.text;
    const fromStart = sides.newText !== undefined || sides.after.some(side => side.first === 1) || sides.oldText !== undefined;
    const language = languageOf(path, { text: sample, fromStart, check: options.check });
    // Markers that matter only in tests apply in a test file, and in any file that defines tests.
    const test = options.test === true || DEFINES_TESTS.test(sample ?? '');
    const found = new Map();
    const lineText = linesOf(sides.after);
    const report = (line, kind, text) => {
        if (!found.has(line))
            found.set(line, { line, kind, text: (text ?? '').trim() });
    };
    for (const side of sides.after) {
        // One finding per place: patterns that match the same lines (`describe\n.skip(`) report once.
        const reported = [];
        for (const hit of hitsOf(side.text, side.whole, language, test)) {
            const from = side.first + hit.from;
            const to = side.first + hit.to;
            if (reported.some(([a, b]) => from <= b && to >= a))
                continue;
            for (let line = from; line <= to; line++) {
                if (sides.added.has(line)) {
                    report(line, hit.kind, lineText.get(line));
                    reported.push([from, to]);
                    break;
                }
            }
        }
    }
    for (const removal of removedToggles(sides, language))
        report(removal.line, removal.kind, removal.text);
    return [...found.values()].sort((a, b) => a.line - b.line);
}
/** Text of each line of some sides, by file line. */
function linesOf(sides) {
    const lines = new Map();
    for (const side of sides) {
        side.text.split('\n').forEach((text, index) => lines.set(side.first + index, text.replace(/\r$/, '')));
    }
    return lines;
}
/** Where a side's text holds markers. A piece of a file may start inside a string or comment: both readings count. */
function hitsOf(text, whole, language, test) {
    if (!language.syntax) {
        const hits = [];
        text.split('\n').forEach((line, index) => {
            const marker = language.markers.find(m => m.pattern.test(line.replace(/\r$/, '')));
            if (marker)
                hits.push({ from: index, to: index, kind: marker.kind });
        });
        return hits;
    }
    const first = view(text, language.syntax);
    const hits = hitsOfView(first, language, test);
    if (!whole && first.end.in !== 'code')
        hits.push(...hitsOfView(view(text, language.syntax, first.end), language, test));
    return hits;
}
function hitsOfView(code, language, test) {
    const hits = [];
    for (const note of code.comments) {
        // A marker quoted as code in a comment (in backticks) is a mention: no tool reads it there.
        const text = note.text.includes('`')
            ? note.text.replace(/`[^`\n]{1,200}`/g, m => ' '.repeat(m.length))
            : note.text;
        for (const marker of language.markers) {
            if (marker.where !== 'comment')
                continue;
            const match = marker.pattern.exec(text);
            if (!match)
                continue;
            // From the marker to the comment's end: a changed rule list of a multi-line directive counts.
            const from = note.line + countLines(note.text, match.index);
            hits.push({ from, to: note.endLine, kind: marker.kind });
            break;
        }
    }
    for (const marker of language.markers) {
        if (marker.where !== 'code' || (marker.testOnly && !test))
            continue;
        for (const match of code.code.matchAll(global(marker.pattern))) {
            hits.push({
                from: code.lineAt(match.index),
                to: code.lineAt(match.index + Math.max(0, match[0].length - 1)),
                kind: marker.kind
            });
        }
    }
    for (const hit of language.analyse?.(code, test) ?? []) {
        hits.push({
            from: code.lineAt(hit.start),
            to: code.lineAt(Math.max(hit.start, hit.end - 1)),
            kind: hit.kind
        });
    }
    return hits;
}
const globals = new WeakMap();
function global(pattern) {
    let compiled = globals.get(pattern);
    if (!compiled) {
        compiled = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
        globals.set(pattern, compiled);
    }
    compiled.lastIndex = 0;
    return compiled;
}
function countLines(text, end) {
    let count = 0;
    for (let k = text.indexOf('\n'); k >= 0 && k < end; k = text.indexOf('\n', k + 1))
        count++;
    return count;
}
/** Re-enables the patch removes while the disable they end stays: the suppression now runs on. */
function removedToggles(sides, language) {
    const { toggles, syntax } = language;
    if (!toggles || !syntax || sides.removed.size === 0)
        return [];
    const enables = toggles.map(() => []);
    const disables = toggles.map(() => 0);
    for (const side of sides.before) {
        const code = view(side.text, syntax);
        /** The first removed line of a place, if any. */
        const removedIn = (from, to) => {
            for (let line = side.first + from; line <= side.first + to; line++)
                if (sides.removed.has(line))
                    return line;
            return undefined;
        };
        toggles.forEach((marker, index) => {
            const count = (pattern, onRemoved) => {
                if (marker.where === 'comment') {
                    for (const note of code.comments) {
                        const line = pattern.test(note.text) ? removedIn(note.line, note.endLine) : undefined;
                        if (line !== undefined)
                            onRemoved(line);
                    }
                }
                else {
                    for (const match of code.code.matchAll(global(pattern))) {
                        const line = removedIn(code.lineAt(match.index), code.lineAt(match.index + match[0].length - 1));
                        if (line !== undefined)
                            onRemoved(line);
                    }
                }
            };
            count(marker.enable, line => enables[index].push(line));
            if (marker.disable)
                count(marker.disable, () => disables[index]++);
        });
    }
    const oldLines = linesOf(sides.before);
    return toggles.flatMap((_, index) => enables[index].slice(disables[index]).map(line => ({
        line: sides.removedAt.get(line) ?? line,
        kind: 're-enable removed',
        text: (oldLines.get(line) ?? '').trim()
    })));
}

;// CONCATENATED MODULE: ./src/heal/tests.ts
/**
 * Tests are the specification. This module knows which paths are test files (by the usual layouts of JS/TS,
 * Python, Go, Rust, Java/Kotlin, Ruby, PHP, C#, Swift, Dart) and, where a fix may change them, finds the changes
 * that weaken a test instead of fixing what it found: assertions removed or commented out, a test removed, a test
 * body emptied, an early `return`, an assertion replaced by a tautology (`expect(true).toBe(true)`, `assert True`),
 * a test file deleted, emptied, or renamed where the runner no longer finds it.
 *
 * Assertions are counted in normalised code (`lex.ts`), so re-wrapping or moving one is not removing it, and one
 * in a comment no longer counts.
 */



const anyDepth = (names) => names.split(' ').map(name => `**/${name}`);
const below = (globs) => globs.flatMap(glob => [glob, `${glob}/**`]);
/** Test files, matched in any case (a case-insensitive checkout writes `Tests/x` into `tests/`). */
const TEST_GLOBS = below(anyDepth('*.test.* *.spec.* *.tests.* *_test.* *_tests.* *_spec.* *-test.* *-spec.* test_*.py tests.py *.cy.* ' +
    '*.e2e.* *.e2e-spec.* __tests__ __mocks__ __snapshots__ __fixtures__ test tests spec specs testdata ' +
    'e2e cypress *.golden src/test src/testFixtures'));
/** Test files named in camel case, matched with their case (`LatestTest.java`, not `latest.java`). */
const CASED_TEST_GLOBS = [
    ...below(anyDepth('src/*Test src/*Tests')),
    ...anyDepth('*Test.{java,kt,kts,scala,groovy,php,cs,swift,m,mm} *Tests.{java,kt,kts,scala,groovy,php,cs,swift,m,mm} ' +
        '*IT.{java,kt,groovy} *Spec.{groovy,scala,kt,kts} Test*.{java,php} *TestCase.{java,php,cs}')
];
const isTestPath = picomatch_default()(TEST_GLOBS, { dot: true, nocase: true });
const isCasedTestPath = picomatch_default()(CASED_TEST_GLOBS, { dot: true });
const isSnapshotPath = picomatch_default()(['**/__snapshots__/**/*.snap'], { dot: true, nocase: true });
/** Whether a repository path is a test file (or a file of the tests: a mock, a fixture, a snapshot). */
function isTestFile(path) {
    return isTestPath(path) || isCasedTestPath(path);
}
/** Go's platform suffixes: `x_windows_test.go` builds only on Windows. */
const GO_PLATFORM = /_(?:aix|android|darwin|dragonfly|freebsd|hurd|illumos|ios|js|linux|nacl|netbsd|openbsd|plan9|solaris|wasip1|windows|zos|386|amd64|arm|arm64|loong64|mips\w*|ppc64\w*|riscv64|s390x|wasm)(?:_test)?\.go$/;
/** Names the runners collect by default, by extension; undefined for files no default names. */
function collectedByDefault(path) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (/\.go$/.test(name))
        return /_test\.go$/.test(name) && !/^[_.]/.test(name) && !GO_PLATFORM.test(name);
    if (/\.py$/.test(name))
        return /^test_.*\.py$|_test\.py$/.test(name);
    if (/\.[cm]?[jt]sx?$/.test(name))
        return /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(name) || /(?:^|\/)__tests__\//.test(path);
    if (/\.rs$/.test(name))
        return /(?:^|\/)tests\/[^/]+\.rs$|(?:^|\/)tests\/[^/]+\/main\.rs$/.test(path);
    if (/\.java$/.test(name))
        return /^Test\w*\.java$|\w(?:Test|Tests|TestCase)\.java$/.test(name);
    return undefined;
}
/** Whether a path is a snapshot file (`__snapshots__/*.snap`), which a snapshot mismatch may update. */
function isSnapshotFile(path) {
    return isSnapshotPath(path);
}
const TRUTHY_JS = /^(?:true|[1-9]\d*(?:\.\d+)?|'(?!')[^']*'|\[\]|\{\}|!0|!false|!!1|Infinity)$/;
const FALSY_JS = /^(?:false|0|null|undefined|''|NaN|void 0|!1|!true)$/;
const LITERAL_JS = /^(?:true|false|null|undefined|-?\d+(?:\.\d+)?|'[^']*'|NaN|\[\]|\{\})$/;
const TRUTHY_PY = /^(?:True|[1-9]\d*(?:\.\d+)?|'(?!')[^']*'|not False|not None|not 0|not '')$/;
const LITERAL = /^(?:true|false|True|False|None|nil|null|-?\d+(?:\.\d+)?|'[^']*')$/;
/** `x || true`: whatever x is, the whole is truthy. */
const OR_TRUE_JS = /\|\|(?:true|[1-9]\d*|'[^']+'|!0)$/;
const OR_TRUE_PY = /(?:^| )or (?:True|[1-9]\d*|'[^']+')$/;
/** `if (false)`, `if (0 && x)`, `while (false)`: the branch never runs. */
const NEVER_JS = "(?<![\\w$.])(?:if|while)\\((?:false|0|null|undefined|''|!1|!true|void 0)(?:&&[^)]{0,200})?\\)";
/** Strips parentheses around a whole expression. */
function bare(expression) {
    let text = expression.trim();
    while (text.startsWith('(') && closing(text, 0) === text.length)
        text = text.slice(1, -1);
    return text;
}
/** The calls matching `head` (which ends at the call's `(`), with their top-level arguments and end. */
function calls(code, head) {
    const found = [];
    const budget = { left: code.length * 4 + 10_000 };
    for (const match of code.matchAll(head)) {
        const open = match.index + match[0].length - 1;
        const end = closing(code, open, 20_000, budget);
        if (end < 0)
            continue;
        found.push({
            start: match.index,
            name: match[1] ?? '',
            args: argumentsOf(code, open, end).map(bare),
            end
        });
    }
    return found;
}
/** Top-level arguments of the call whose `(` is at `open` and whose `)` ends at `end`. */
function argumentsOf(code, open, end) {
    return argumentRanges(code, open, end).map(([s, e]) => code.slice(s, e));
}
function argumentRanges(code, open, end) {
    const ranges = [];
    let depth = 0;
    let start = open + 1;
    for (let k = open + 1; k < end - 1; k++) {
        const c = code[k];
        if (c === "'") {
            const next = code.indexOf("'", k + 1);
            k = next < 0 ? end : next;
        }
        else if ('([{'.includes(c))
            depth++;
        else if (')]}'.includes(c))
            depth--;
        else if (c === ',' && depth === 0) {
            ranges.push([start, k]);
            start = k + 1;
        }
    }
    if (end - 1 > start)
        ranges.push([start, end - 1]);
    return ranges;
}
function jsTautologies(code) {
    const found = [];
    const equal = new Set([
        'toBe',
        'toEqual',
        'toStrictEqual',
        'equal',
        'equals',
        'eql',
        'deepEqual',
        'toMatchObject'
    ]);
    for (const call of calls(code, /(?<![\w$.])expect\(/g)) {
        const [actual = ''] = call.args;
        const chain = /^(?:\.\w{1,40})+/.exec(code.slice(call.end, call.end + 400))?.[0] ?? '';
        if (chain === '') {
            // `expect(x)` with no matcher asserts nothing.
            found.push([call.start, call.end]);
            continue;
        }
        const members = chain.slice(1).split('.');
        const negated = members.includes('not');
        const matcher = members[members.length - 1];
        const after = call.end + chain.length;
        const expected = code[after] === '(' ? argumentsOf(code, after, closing(code, after)).map(bare) : [];
        const always = (equal.has(matcher) &&
            expected.length > 0 &&
            (negated
                ? LITERAL_JS.test(actual) && LITERAL_JS.test(expected[0]) && actual !== expected[0]
                : actual === expected[0])) ||
            (!negated &&
                ['toBeTruthy', 'toBeDefined', 'true', 'ok'].includes(matcher) &&
                (TRUTHY_JS.test(actual) || OR_TRUE_JS.test(actual))) ||
            (!negated && equal.has(matcher) && expected[0] === 'true' && OR_TRUE_JS.test(actual)) ||
            (!negated && ['toBeFalsy', 'false'].includes(matcher) && FALSY_JS.test(actual)) ||
            (!negated && matcher === 'toBeNull' && actual === 'null') ||
            (!negated && matcher === 'toBeUndefined' && actual === 'undefined');
        if (always)
            found.push([call.start, after]);
    }
    const assertCalls = /(?<![\w$.])(?:assert(?:\.(ok|equal|strictEqual|deepEqual|deepStrictEqual|notEqual|notStrictEqual))?|t\.(true|truthy|is|deepEqual|pass|like))\(/g;
    for (const call of calls(code, assertCalls)) {
        const [a = '', b] = call.args;
        const name = call.name;
        const always = name === 'pass' ||
            ((name === '' || name === 'ok' || name === 'true' || name === 'truthy') &&
                (TRUTHY_JS.test(a) || OR_TRUE_JS.test(a))) ||
            (['equal', 'strictEqual', 'deepEqual', 'deepStrictEqual', 'is', 'like'].includes(name) &&
                b !== undefined &&
                a === b) ||
            (['notEqual', 'notStrictEqual'].includes(name) &&
                LITERAL_JS.test(a) &&
                b !== undefined &&
                LITERAL_JS.test(b) &&
                a !== b);
        if (always)
            found.push([call.start, call.end]);
    }
    return found;
}
function pythonTautologies(code) {
    const found = [];
    for (const match of code.matchAll(/(?<![\w.])assert(?![\w])([^\n]{0,400})/g)) {
        // The message after a top-level comma does not matter.
        const expression = bare(argumentsOf(`(${match[1]})`, 0, match[1].length + 2)[0] ?? '');
        const sides = /^(.{1,200}?)(?:==| is )(.{1,200})$/.exec(expression);
        if (TRUTHY_PY.test(expression) ||
            OR_TRUE_PY.test(expression) ||
            (sides && bare(sides[1]) === bare(sides[2]))) {
            found.push([match.index, match.index + match[0].length]);
        }
    }
    const truthy = new Set(['assertTrue', 'assert_', 'failUnless', 'assertIsNotNone']);
    const equal = /^assert(?:Equals?|Is|CountEqual|ListEqual|DictEqual|SetEqual|TupleEqual|SequenceEqual|MultiLineEqual|AlmostEquals?|GreaterEqual|LessEqual)$/;
    for (const call of calls(code, /\.(assert\w{0,40}|failUnless)\(/g)) {
        const [a = '', b] = call.args;
        if ((truthy.has(call.name) && TRUTHY_PY.test(a)) ||
            (equal.test(call.name) && b !== undefined && a === b)) {
            found.push([call.start, call.end]);
        }
    }
    return found;
}
/** Go's testify, Rust's assert macros, JUnit: one truthy literal, or the same thing on both sides. */
function callTautologies(head, truthy, equal, skipFirst) {
    return (code) => calls(code, head)
        .filter(call => {
        const args = skipFirst ? call.args.slice(1) : call.args;
        return ((truthy.test(call.name) && args[0] === 'true') ||
            (truthy.test(call.name) &&
                /^(?:True|False)$/.test(call.name) &&
                args[0] === call.name.toLowerCase()) ||
            (equal.test(call.name) && args.length >= 2 && args[0] === args[1]) ||
            (/Not|_ne/.test(call.name) &&
                LITERAL.test(args[0] ?? '') &&
                LITERAL.test(args[1] ?? '') &&
                args[0] !== args[1]));
    })
        .map(call => [call.start, call.end]);
}
const DIALECTS = {
    'JavaScript/TypeScript': {
        definition: /(?<![\w$.])[xf]?(?:it|test|specify)(?:\.\w{1,20}){0,3}\('/g,
        body: 'js-call',
        assertion: /(?<![\w$.])(?:expect|assert)(?=[(.])|(?<![\w$.])t\.(?:is|not|true|false|truthy|falsy|deepEqual|notDeepEqual|like|throws|throwsAsync|notThrows|notThrowsAsync|snapshot|regex|notRegex|equal|notEqual|same|notSame|ok|notOk|match|assert|strictEqual|notStrictEqual|deepStrictEqual|rejects|resolves)\(|\.should(?![\w$])|(?<![\w$.])should\(/g,
        tautologies: jsTautologies,
        neverFails: {
            never: new RegExp(NEVER_JS, 'g'),
            swallow: /\}catch(?:\([^)]{0,100}\))?\{\}|\.catch\((?:\(\)|[\w$]{1,40}|\([\w$]{1,40}\))=>(?:\{\}|undefined|null|void 0)\)/g
        }
    },
    Python: {
        body: 'indent',
        assertion: /(?<![\w.])assert(?![\w])|\.assert\w{0,40}\(|(?<![\w.])(?:pytest\.)?raises\(|(?<![\w.])assert_\w{1,40}\(|\.fail\(/g,
        tautologies: pythonTautologies,
        neverFails: {
            never: /(?<![\w.])(?:if|elif|while) (?:False|0|None|''|not True)(?: and [^\n:]{1,200})?:/g,
            swallow: /(?<![\w.])except(?: [^\n:]{1,200})?:\n?(?:pass|\.\.\.|continue)(?![\w])|(?<![\w])suppress\((?:[\w.]{0,40}\.)?(?:AssertionError|Exception|BaseException)/g,
            guards: 'python'
        }
    },
    Go: {
        definition: /(?<![\w])func (?:Test|Benchmark|Fuzz|Example)\w{0,80}\([^)]{0,200}\)\{/g,
        body: 'brace',
        assertion: /(?<![\w])\w{1,20}\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\(|(?<![\w.])(?:assert|require)\.\w{1,40}\(/g,
        assertionComment: /^\/\/\s*(?:unordered )?output:/i,
        neverFails: { never: /(?<![\w])if (?:false|!true)(?:&&[^{]{0,200})?\{/g },
        tautologies: callTautologies(/(?<![\w.])(?:assert|require)\.(True|False|Equal|EqualValues|Exactly|NotEqual)\(/g, /^(?:True|False)$/, /^(?:Equal|EqualValues|Exactly)$/, true)
    },
    Rust: {
        definition: /#\[(?:\w{1,40}::)?test(?:\([^\]]{0,100}\))?\](?:#\[[^\]]{0,200}\])*(?:pub )?(?:async )?fn \w{1,80}\([^)]{0,200}\)(?:->[^{]{1,100})?\{/g,
        body: 'brace',
        assertion: /(?<![\w])(?:debug_)?assert(?:_eq|_ne|_matches)?!/g,
        neverFails: {
            never: /(?<![\w])if false(?:&&[^{]{0,200})?\{/g,
            swallow: /(?<![\w])catch_unwind\(/g,
            guards: 'call'
        },
        tautologies: callTautologies(/(?<![\w])(assert|assert_eq|assert_ne)!\(/g, /^assert$/, /^assert_eq$/, false)
    },
    'Java/Kotlin': {
        definition: /@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)(?:\([^)]{0,300}\))?(?:@[\w.]{1,100}(?:\([^)]{0,300}\))?)*(?:(?:public|protected|private|internal|static|final|open|suspend) )*(?:void |fun )?\w{1,100}\([^)]{0,300}\)(?:throws [\w.,]{1,200})?(?::\w{1,40})?\{/g,
        body: 'brace',
        assertion: /(?<![\w])(?:assert\w{0,40}|fail|verify|assume\w{0,20})\(|(?<![\w])should\w{0,30}(?![\w])/g,
        neverFails: {
            never: /(?<![\w])(?:if|while)\((?:false|!true)(?:&&[^)]{0,200})?\)/g,
            swallow: /\}catch\([^)]{1,200}\)\{\}/g
        },
        tautologies: callTautologies(/(?<![\w])(?:Assert\.|Assertions\.)?(assertTrue|assertEquals|assertSame|assertNotEquals)\(/g, /^assertTrue$/, /^(?:assertEquals|assertSame)$/, false)
    }
};
DIALECTS.Gradle = DIALECTS['Java/Kotlin'];
const GENERIC = {
    body: 'brace',
    assertion: /(?<![\w.$])(?:assert\w{0,40}|expect|should)(?![\w$])/g
};
/** The body of the test whose definition `match` is, or undefined when the text does not hold all of it. */
function bodyOf(text, match, dialect, budget) {
    if (dialect.body === 'brace') {
        const open = match.index + match[0].length - 1;
        const end = closing(text, open, 200_000, budget);
        return end < 0 ? undefined : { open, end };
    }
    const call = match.index + match[0].length - 2;
    const callEnd = closing(text, call, 200_000, budget);
    if (callEnd < 0)
        return undefined;
    const fn = argumentRanges(text, call, callEnd)
        .slice(1)
        .find(([s]) => /^(?:async )?(?:function\*?(?: ?[\w$]+)?\(|\(|[\w$]+=>)/.test(text.slice(s, s + 60)));
    if (!fn)
        return undefined;
    const params = text.indexOf('(', fn[0]);
    let rest;
    if (params >= 0 && params < fn[1] && !/^(?:async )?[\w$]+=>/.test(text.slice(fn[0], fn[0] + 60))) {
        rest = closing(text, params, 10_000, budget);
        if (rest < 0)
            return undefined;
    }
    else
        rest = text.indexOf('=>', fn[0]);
    if (text.startsWith('=>', rest))
        rest += 2;
    if (text[rest] !== '{')
        return { open: rest, end: fn[1], expression: text.slice(rest, fn[1]) };
    const end = closing(text, rest, 200_000, budget);
    return end < 0 ? undefined : { open: rest, end };
}
/** `return`s at the top level of a `{…}` body with more of the body after them (0-based lines). */
function earlyReturnsIn(code, open, end) {
    const text = code.code;
    const found = [];
    let depth = 0;
    for (let k = open + 1; k < end - 1; k++) {
        const c = text[k];
        if (c === "'")
            k = Math.max(k, text.indexOf("'", k + 1));
        else if ('([{'.includes(c))
            depth++;
        else if (')]}'.includes(c))
            depth--;
        else if (depth === 0 &&
            text.startsWith('return', k) &&
            !/[\w$]/.test(text[k - 1] ?? '') &&
            !/[\w$]/.test(text[k + 6] ?? '')) {
            // The statement ends at a `;` or a line break (JS inserts the `;`); code after it never runs.
            const line = code.lineAt(k);
            let next = k + 6;
            while (next < end - 1 && next - k < 2000 && text[next] !== ';' && code.lineAt(next) === line)
                next++;
            if (/[^;\s}]/.test(text.slice(next, end - 1)))
                found.push(line);
        }
    }
    return found;
}
/** The tests of a side of a brace or JS-call dialect. A test whose body the side does not hold still counts. */
function braceBodies(code, dialect) {
    if (!dialect.definition)
        return [];
    const text = code.code;
    const budget = { left: text.length * 4 + 10_000 };
    const lastLine = code.lineAt(text.length);
    return [...text.matchAll(dialect.definition)].map(match => {
        const line = code.lineAt(match.index);
        const body = bodyOf(text, match, dialect, budget);
        if (!body)
            return { line, from: line, to: lastLine, empty: false, earlyReturns: [] };
        const { open, end, expression } = body;
        const empty = expression !== undefined
            ? /^(?:undefined|null|true|false|0|void 0|\{\}|\(\)|'[^']*')$/.test(expression)
            : /^(?:;|return;?|\{\})*$/.test(text.slice(open + 1, end - 1));
        return {
            line,
            from: code.lineAt(open),
            to: code.lineAt(Math.max(open, end - 1)),
            empty,
            earlyReturns: expression === undefined ? earlyReturnsIn(code, open, end) : []
        };
    });
}
/** The tests (`def test…`) of a side of Python, by indentation. */
function pythonBodies(text, code) {
    const lines = text.split('\n');
    // Normalised code of each line, from the tokens that start on it (strings as ' ', comments left out).
    const parts = lines.map(() => []);
    for (const token of code.tokens) {
        if (token.kind === 'comment' || token.kind === 'newline')
            continue;
        const line = parts[token.line];
        if (!line)
            continue;
        const piece = token.kind === 'string' ? "'s'" : token.text;
        if (token.kind === 'word' && /\w$/.test(line[line.length - 1] ?? ''))
            line.push(' ');
        line.push(piece);
    }
    const lineCode = parts.map(line => line.join(''));
    const indent = (line) => /^[ \t]*/.exec(line)?.[0].length ?? 0;
    const bodies = [];
    lines.forEach((line, index) => {
        // A class pytest collects holds tests: renaming it away removes them.
        const testClass = /^(\s*)class\s+Test\w*\s*[(:]/.exec(line);
        if (testClass) {
            let last = index;
            for (let k = index + 1; k < lines.length; k++) {
                if ((lineCode[k] ?? '') === '')
                    continue;
                if (indent(lines[k]) <= testClass[1].length)
                    break;
                last = k;
            }
            bodies.push({ line: index, from: index, to: last, empty: false, earlyReturns: [] });
            return;
        }
        const def = /^(\s*)(?:async\s+)?def\s+test\w*\s*\(/.exec(line);
        if (!def)
            return;
        const own = def[1].length;
        let signatureEnd = index;
        while (signatureEnd < lines.length - 1 &&
            signatureEnd - index < 50 &&
            !/\)(?:->[^:]{1,200})?:/.test(lineCode[signatureEnd] ?? '')) {
            signatureEnd++;
        }
        const statements = [];
        const inline = /\)(?:->[^:]{1,200})?:(.+)$/.exec(lineCode[signatureEnd] ?? '');
        if (inline)
            statements.push({ line: signatureEnd, code: inline[1], level: true });
        let bodyIndent = -1;
        for (let k = signatureEnd + 1; k < lines.length; k++) {
            if ((lineCode[k] ?? '') === '')
                continue;
            const level = indent(lines[k]);
            if (level <= own)
                break;
            if (bodyIndent < 0)
                bodyIndent = level;
            statements.push({ line: k, code: lineCode[k], level: level === bodyIndent });
        }
        const last = statements[statements.length - 1]?.line ?? signatureEnd;
        const noop = (s) => /^(?:pass|\.\.\.|return|return None|'s')$/.test(s);
        const earlyReturns = statements
            .filter((s, i) => s.level &&
            /^(?:return(?![\w])|if [^\n]{1,200}:return(?![\w]))/.test(s.code) &&
            statements.slice(i + 1).length > 0)
            .map(s => s.line);
        bodies.push({
            line: index,
            from: signatureEnd,
            to: last,
            empty: statements.every(s => noop(s.code)),
            earlyReturns
        });
    });
    return bodies;
}
/** The bracket that opens the one closing at `close` (scanning back at most `limit`), or -1. */
function opening(code, close, limit) {
    let depth = 0;
    for (let k = close; k >= 0 && close - k < limit; k--) {
        const c = code[k];
        if (c === "'")
            k = code.lastIndexOf("'", k - 1);
        else if (')]}'.includes(c))
            depth++;
        else if ('([{'.includes(c) && --depth === 0)
            return k;
        if (k < 0)
            return -1;
    }
    return -1;
}
/** Offsets of code that keeps a test from failing: never-true conditions, and ignored failures of assertions. */
function neverFailing(code, dialect) {
    const rules = dialect.neverFails;
    if (!rules)
        return [];
    const found = rules.never ? [...code.matchAll(rules.never)].map(m => m.index) : [];
    if (!rules.swallow)
        return found;
    const asserts = new RegExp(dialect.assertion.source);
    // Each scan below reads at most `reach` characters, taken from one budget: linear however many matches.
    const reach = 4000;
    let budget = code.length * 4 + 10_000;
    for (const match of code.matchAll(rules.swallow)) {
        if ((budget -= reach) < 0)
            break;
        let guarded;
        if (match[0].startsWith('}')) {
            // `try { … } catch {}`: the block before the catch.
            const open = opening(code, match.index, reach);
            guarded = open < 0 ? '' : code.slice(open, match.index);
        }
        else if (rules.guards === 'call') {
            const open = match.index + match[0].length - 1;
            const end = closing(code, open, reach);
            guarded = end < 0 ? '' : code.slice(open, end);
        }
        else if (rules.guards === 'python' && match[0].startsWith('suppress')) {
            guarded = code.slice(match.index, match.index + reach);
        }
        else {
            // Python's `except`: from the `try:` before it; `.catch(() => {})`: the statement the promise comes from.
            const before = code.slice(Math.max(0, match.index - reach), match.index);
            const start = rules.guards === 'python'
                ? before.lastIndexOf('try:')
                : Math.max(before.lastIndexOf(';'), before.lastIndexOf('{'), before.lastIndexOf('}')) + 1;
            guarded = start < 0 ? '' : before.slice(start);
        }
        if (asserts.test(guarded))
            found.push(match.index);
    }
    return found;
}
function readSide(side, dialect, syntax) {
    const code = view(side.text, syntax);
    const bodies = dialect.body === 'indent' ? pythonBodies(side.text, code) : braceBodies(code, dialect);
    const assertions = [...code.code.matchAll(dialect.assertion)].map(m => code.lineAt(m.index));
    if (dialect.assertionComment) {
        for (const note of code.comments)
            if (dialect.assertionComment.test(note.text))
                assertions.push(note.line);
    }
    const tautologies = (dialect.tautologies?.(code.code) ?? []).map(([start]) => code.lineAt(start));
    const neverFails = neverFailing(code.code, dialect).map(offset => code.lineAt(offset));
    return { side, code, bodies, assertions, tautologies, neverFails };
}
/**
 * How a patch of a file weakens its tests. In a test file every assertion counts; in another file (Rust's
 * `#[cfg(test)] mod tests`, in-source tests) only what is inside a test.
 */
function findWeakenedTests(patch, sides, options) {
    const found = [];
    const path = (patch.newPath ?? patch.oldPath);
    if (options.testFile) {
        if (patch.kind === 'delete')
            return [{ what: 'deletes the test file' }];
        const runnerLosesIt = patch.oldPath !== undefined &&
            patch.newPath !== undefined &&
            collectedByDefault(patch.oldPath) === true &&
            collectedByDefault(patch.newPath) === false;
        if (patch.kind === 'rename' && patch.newPath && (!isTestFile(patch.newPath) || runnerLosesIt)) {
            found.push({
                what: `renames the test file to '${patch.newPath}', where the test runner no longer finds it`
            });
        }
    }
    const hints = {
        text: sides.newText ?? sides.oldText ?? sides.after[0]?.text,
        fromStart: true,
        check: options.check
    };
    const language = syntaxOf(path, hints);
    if (!language.syntax)
        return found;
    const dialect = DIALECTS[language.name] ?? GENERIC;
    const before = sides.before.map(side => readSide(side, dialect, language.syntax));
    const after = sides.after.map(side => readSide(side, dialect, language.syntax));
    if (options.testFile && sides.newText !== undefined && sides.oldText !== undefined) {
        const hasCode = (text) => view(text, language.syntax).code.trim() !== '';
        if (!hasCode(sides.newText) && hasCode(sides.oldText))
            found.push({ line: 1, what: 'empties the test file' });
    }
    const inBody = (tests, line) => tests.bodies.some(body => line >= body.line && line <= body.to);
    const counted = (tests, lines, pick) => tests.flatMap(t => pick(t)
        .filter(line => options.testFile || inBody(t, line))
        .map(line => t.side.first + line)
        .filter(line => lines.has(line)));
    const removedTests = counted(before, sides.removed, t => t.bodies.map(b => b.line));
    const addedTests = counted(after, sides.added, t => t.bodies.map(b => b.line));
    if (removedTests.length > addedTests.length) {
        const count = removedTests.length - addedTests.length;
        found.push({
            line: sides.removedAt.get(removedTests[0]) ?? removedTests[0],
            what: `removes ${count === 1 ? 'a test' : `${count} tests`}`
        });
    }
    const removedAssertions = counted(before, sides.removed, t => t.assertions);
    const addedAssertions = counted(after, sides.added, t => t.assertions);
    if (removedAssertions.length > addedAssertions.length) {
        const count = removedAssertions.length - addedAssertions.length;
        found.push({
            line: sides.removedAt.get(removedAssertions[0]) ?? removedAssertions[0],
            what: `removes ${count === 1 ? 'an assertion' : `${count} assertions`} (deleted or commented out)`
        });
    }
    for (const tests of after) {
        const touched = (from, to) => {
            for (let line = tests.side.first + from; line <= tests.side.first + to; line++)
                if (sides.added.has(line))
                    return line;
            return undefined;
        };
        for (const body of tests.bodies) {
            const line = body.empty ? touched(body.line, body.to) : undefined;
            if (line !== undefined)
                found.push({ line, what: 'leaves a test with an empty body' });
            for (const early of body.earlyReturns) {
                const at = touched(early, early);
                if (at !== undefined)
                    found.push({ line: at, what: 'returns early from a test, so the rest of it never runs' });
            }
        }
        for (const tautology of tests.tautologies) {
            const at = touched(tautology, tautology);
            if (at !== undefined && (options.testFile || inBody(tests, tautology))) {
                found.push({ line: at, what: 'adds an assertion that always passes' });
            }
        }
        for (const never of tests.neverFails) {
            const at = touched(never, never);
            if (at !== undefined && (options.testFile || inBody(tests, never))) {
                found.push({
                    line: at,
                    what: 'adds code that keeps a test from failing (a condition that is never true, or a failure caught and ignored)'
                });
            }
        }
    }
    return found;
}

;// CONCATENATED MODULE: ./src/heal/policy.ts
/**
 * The fix policy (step 6, "police", of the healing loop): before a fixer's diff, or a remembered one, is verified
 * and proposed, it must stay within the paths the user allows, within size limits, away from workflows, lock files,
 * tests and the check's own definition, and must not switch a check off (an added `eslint-disable`, `@ts-ignore`,
 * `.skip(`, `continue-on-error`) or weaken a test. A fixer is untrusted code: every rule holds however the change is
 * spelt. Pure and synchronous: it reads the diff, and the base files only through the context's `readBase`.
 */








/** The policy used when the user sets nothing: every path, nothing protected, no suppression, a reviewable size. */
const DEFAULT_POLICY = Object.freeze({
    allow: Object.freeze(['**']),
    deny: Object.freeze([]),
    allowWorkflows: false,
    allowCheckConfig: false,
    allowTestChanges: false,
    allowLockFiles: false,
    allowRepositoryConfig: false,
    allowDeletions: false,
    allowBinary: false,
    allowModeChanges: false,
    allowSymlinks: false,
    allowSubmodules: false,
    maxFiles: 20,
    maxLines: 500,
    suppressions: 'refuse'
});
const policy_anyDepth = (names) => names.split(' ').map(name => `**/${name}`);
/** The built-in protected files, by group. */
const PROTECTED_FILES = [
    {
        rule: 'workflow',
        key: 'allowWorkflows',
        what: 'a workflow or composite action',
        why: "it runs in CI with the repository's secrets, and pushing it needs a token with the `workflows` permission " +
            '(a GITHUB_TOKEN never has it)',
        globs: ['.github/workflows', '.github/actions']
    },
    {
        rule: 'check-config',
        key: 'allowCheckConfig',
        what: "part of the check's own definition (configuration of a linter, formatter, type checker or test runner, " +
            'an ignore file, a task file, the action)',
        why: 'changing it can switch the failing check off instead of fixing what it found',
        globs: [
            // The root action.yml defines what the action itself runs.
            'action.yml',
            'action.yaml',
            ...policy_anyDepth('.eslintrc .eslintrc.* eslint.config.* .eslintignore .prettierrc .prettierrc.* prettier.config.* ' +
                '.prettierignore tsconfig*.json jsconfig*.json jest.config.* jest.setup.* jest.preset.* setupTests.* ' +
                'vite.config.* vitest.config.* vitest.workspace.* vitest.setup.* ava.config.* .mocharc* karma.conf.* ' +
                'playwright.config.* cypress.config.* .c8rc* .nycrc* biome.json biome.jsonc .oxlintrc.json deno.json ' +
                'deno.jsonc .babelrc .babelrc.* babel.config.* .swcrc .stylelintrc* stylelint.config.* .stylelintignore ' +
                '.markdownlint* .jshintrc .jshintignore .jscsrc .lintstagedrc* lint-staged.config.* .husky ' +
                'commitlint.config.* .commitlintrc* cspell.json .cspell.json cspell.config.* knip.json knip.jsonc ' +
                'knip.config.* dprint.json .dprint.json .textlintrc* .remarkrc* .htmlhintrc .editorconfig .gitignore ' +
                '.ignore .pre-commit-config.yaml .flake8 .pylintrc pylintrc setup.cfg tox.ini pytest.ini conftest.py ' +
                'noxfile.py mypy.ini .mypy.ini ruff.toml .ruff.toml .coveragerc pyrightconfig.json .isort.cfg ' +
                '.pydocstyle .pydocstyle.ini .bandit .pyre_configuration .golangci.yml .golangci.yaml .golangci.toml ' +
                '.golangci.json staticcheck.conf revive.toml clippy.toml .clippy.toml rustfmt.toml .rustfmt.toml ' +
                'deny.toml .cargo/config .cargo/config.toml .rubocop.yml .rubocop_todo.yml .standard.yml .rspec ' +
                '.simplecov phpstan.neon phpstan.neon.dist psalm.xml phpcs.xml .phpcs.xml phpcs.xml.dist phpunit.xml ' +
                'phpunit.xml.dist .swiftlint.yml .swiftformat analysis_options.yaml detekt.yml checkstyle.xml pmd.xml ' +
                'spotbugs-exclude.xml lint.xml .scalafmt.conf .scalafix.conf .credo.exs .formatter.exs .globalconfig ' +
                '*.ruleset .clang-tidy .clang-format CPPLINT.cfg .yamllint .yamllint.yml .yamllint.yaml .shellcheckrc ' +
                '.hadolint.yaml .hadolint.yml codecov.yml .codecov.yml .semgrepignore sonar-project.properties ' +
                '.sonarcloud.properties .vale.ini typos.toml _typos.toml .typos.toml ' +
                // Task files define the targets a check runs.
                'Makefile makefile GNUmakefile *.mk justfile Justfile .justfile Taskfile.yml Taskfile.yaml ' +
                'Taskfile.dist.yml Taskfile.dist.yaml taskfile.yml taskfile.yaml Rakefile')
        ]
    },
    {
        rule: 'lock-file',
        key: 'allowLockFiles',
        what: 'a dependency lock file',
        why: 'it pins what gets installed, and a changed one can point at other packages without it showing',
        globs: policy_anyDepth('package-lock.json npm-shrinkwrap.json yarn.lock pnpm-lock.yaml bun.lock bun.lockb deno.lock ' +
            'Cargo.lock go.sum poetry.lock Pipfile.lock uv.lock pdm.lock Gemfile.lock composer.lock ' +
            'packages.lock.json Package.resolved pubspec.lock mix.lock flake.lock gradle.lockfile conan.lock')
    },
    {
        rule: 'repository-config',
        key: 'allowRepositoryConfig',
        what: 'repository configuration',
        why: 'it changes how git and GitHub treat files, submodules or reviews',
        globs: [...policy_anyDepth('.gitattributes CODEOWNERS'), '.gitmodules', '.github/settings.yml']
    }
];
/** A glob also matches everything below what it names (`docs` is `docs` and `docs/**`). */
function compile(globs, nocase) {
    const compiled = globs.map(glob => {
        const base = glob.replace(/\/+$/, '');
        return { glob, isMatch: picomatch_default()([base, `${base}/**`], { dot: true, nocase }) };
    });
    return path => compiled.find(entry => entry.isMatch(path))?.glob;
}
/**
 * Checks a diff (git's text, or patches parseGitDiff made) against a policy. A diff that cannot be parsed is
 * refused (`malformed`), never thrown; an invalid policy throws ConfigurationError.
 */
function checkPolicy(diff, policy = DEFAULT_POLICY, context = {}) {
    const rules = compilePolicy(parsePolicy(policy), context);
    const stats = { files: 0, added: 0, removed: 0 };
    let patches;
    if (typeof diff === 'string' || diff instanceof Uint8Array) {
        try {
            patches = (0,parse/* parseGitDiff */.T)(diff);
        }
        catch (error) {
            if (!(error instanceof parse/* DiffParseError */.h))
                throw error;
            const message = `${error.message}. The fix was refused: take the diff again with \`git diff --binary\`.`;
            return { ok: false, outcome: 'refused', violations: [{ rule: 'malformed', message }], stats };
        }
    }
    else
        patches = diff;
    if (patches.length === 0)
        return { ok: false, outcome: 'empty', violations: [], stats };
    const violations = [];
    const seen = new Set();
    const add = (violation) => {
        const id = `${violation.rule}\0${violation.file ?? ''}\0${violation.line ?? ''}`;
        if (seen.has(id))
            return;
        seen.add(id);
        violations.push(violation);
    };
    // git shows a file replaced by a symlink (or the reverse) as a deletion and an addition of the same path.
    const addedPaths = new Set(patches.filter(p => p.kind === 'add').map(p => p.newPath));
    const files = new Set();
    for (const patch of patches) {
        files.add(patch.newPath ?? patch.oldPath ?? '');
        for (const hunk of patch.hunks) {
            for (const line of hunk.lines) {
                if (line.kind === '+')
                    stats.added++;
                else if (line.kind === '-')
                    stats.removed++;
            }
        }
        checkPatch(patch, rules, addedPaths, add);
    }
    stats.files = files.size;
    const { maxFiles, maxLines } = rules.policy;
    if (stats.files > maxFiles) {
        add({
            rule: 'too-many-files',
            key: 'maxFiles',
            message: `The fix changes ${stats.files} files, more than maxFiles (${maxFiles}): a large fix is hard to ` +
                'review. Make the fixer change less, or raise maxFiles.'
        });
    }
    const lines = stats.added + stats.removed;
    if (lines > maxLines) {
        add({
            rule: 'too-many-lines',
            key: 'maxLines',
            message: `The fix changes ${lines} lines (${stats.added} added, ${stats.removed} removed), more than maxLines ` +
                `(${maxLines}): a large fix is hard to review. Make the fixer change less, or raise maxLines.`
        });
    }
    const ok = violations.length === 0;
    return { ok, outcome: ok ? 'pass' : 'refused', violations, stats };
}
function compilePolicy(policy, context) {
    const runByCheck = new Map();
    if (context.check && !policy.allowCheckConfig) {
        for (const [path, via] of (0,check_config/* filesRunByCheck */.uy)(context.check, context.readBase))
            runByCheck.set(path.toLowerCase(), via);
    }
    return {
        policy,
        context,
        runByCheck,
        // Fail closed on case: a path must match an allow glob exactly, and matches deny globs in any case (a
        // case-insensitive checkout writes `.GitHub/Workflows/x.yml` into the workflows directory).
        allow: compile(policy.allow, false),
        deny: compile(policy.deny, true),
        protected: PROTECTED_FILES.filter(group => !policy[group.key]).map(group => ({
            group,
            match: compile(group.globs, true)
        }))
    };
}
function checkPatch(patch, rules, addedPaths, add) {
    const { policy } = rules;
    const raw = [...new Set([patch.oldPath, patch.newPath].filter((p) => p !== undefined))];
    const valid = new Map();
    for (const path of raw) {
        try {
            valid.set(path, (0,paths/* normalizeRepoPath */.NP)(path));
        }
        catch (error) {
            add({
                rule: 'path-outside',
                file: path,
                message: `${(0,errors/* errorMessage */.gJ)(error)} The fix was refused: a fix may only change files inside the repository.`
            });
        }
    }
    if (valid.size !== raw.length)
        return;
    for (const path of valid.values())
        checkPath(path, rules, add);
    const oldPath = patch.oldPath === undefined ? undefined : valid.get(patch.oldPath);
    const newPath = patch.newPath === undefined ? undefined : valid.get(patch.newPath);
    const file = (newPath ?? oldPath);
    if (!policy.allowDeletions) {
        if (patch.kind === 'delete' && !addedPaths.has(patch.oldPath)) {
            add({
                rule: 'deletion',
                file,
                key: 'allowDeletions',
                message: `The fix deletes '${file}': a fix that removes a file (a failing test, say) hides a problem rather ` +
                    'than fixing it. Keep the file, or set allowDeletions: true.'
            });
        }
        else if (patch.kind === 'rename') {
            add({
                rule: 'deletion',
                file: oldPath,
                key: 'allowDeletions',
                message: `The fix renames '${oldPath}' to '${newPath}', which removes '${oldPath}' (a renamed test file may no ` +
                    'longer run). Keep the name, or set allowDeletions: true.'
            });
        }
    }
    if (!policy.allowBinary && patch.kind !== 'delete' && (patch.binary || patch.binaryWithoutData)) {
        add({
            rule: 'binary',
            file,
            key: 'allowBinary',
            message: `The fix changes the binary file '${file}', which cannot be reviewed as text. Leave it out of the ` +
                'fix, or set allowBinary: true.'
        });
    }
    checkModes(patch, file, policy, add);
    const sides = fileSides(patch, rules.context.readBase);
    const testPaths = [...valid.values()].filter(isTestFile);
    const testFile = testPaths.length > 0;
    // A snapshot mismatch is fixed by updating the snapshot; that alone opens snapshot files.
    const snapshotUpdate = rules.context.snapshotFailure === true &&
        (rules.context.kind === undefined || rules.context.kind === 'test') &&
        testFile &&
        testPaths.every(isSnapshotFile);
    const testRefused = testFile && !policy.allowTestChanges && !snapshotUpdate;
    for (const path of testRefused ? testPaths : []) {
        add({
            rule: 'test-file',
            file: path,
            key: 'allowTestChanges',
            message: `The fix changes the test file '${path}': tests are the specification, so a fix changes the code they ` +
                'check, not the tests. Leave the test as it is, or set allowTestChanges: true (a change that weakens ' +
                'a test is refused even then).'
        });
    }
    if (!policy.allowCheckConfig)
        checkDefinition(patch, file, sides, rules, add);
    if (policy.suppressions === 'refuse' && patch.kind !== 'delete' && newPath) {
        const found = findSuppressions(newPath, patch.hunks, {
            sides,
            test: testFile,
            check: rules.context.check
        });
        for (const { line, kind, text } of found) {
            const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
            const did = kind === 're-enable removed'
                ? `removes a re-enable (\`${shown}\`), so the suppression before it now runs on`
                : `adds a suppression (${kind}): \`${shown}\``;
            add({
                rule: 'suppression',
                file: newPath,
                line,
                kind,
                key: 'suppressions',
                message: `Line ${line} of '${newPath}' ${did}. A fix must fix what the check found, not switch the check off; ` +
                    'set suppressions: allow to accept it anyway.'
            });
        }
    }
    // A refused test file needs no more reasons; a snapshot is data, with no assertions to weaken.
    if (!testRefused && !snapshotUpdate) {
        const weakenings = findWeakenedTests(patch, sides, { testFile, check: rules.context.check });
        for (const { line, what } of weakenings) {
            add({
                rule: 'weakened-test',
                file,
                line,
                message: `${line === undefined ? 'The fix' : `Line ${line} of '${file}'`} ${what}${line === undefined ? ` ('${file}')` : ''}. ` +
                    'A fix may change a test but not weaken it: tests are the specification. Keep the test as strong ' +
                    'as it was and fix the code it checks; no policy key accepts this.'
            });
        }
    }
}
/** The check's own definition inside files a fix may otherwise change, and the files the check runs. */
function checkDefinition(patch, file, sides, rules, add) {
    const report = (line, what) => add({
        rule: 'check-config',
        file,
        line,
        key: 'allowCheckConfig',
        message: `${line === undefined ? `The fix changes '${file}',` : `Line ${line} of '${file}' changes`} ${what}: ` +
            "that is the check's own definition, and changing it can switch the failing check off instead of " +
            'fixing what it found. Leave it out of the fix, or set allowCheckConfig: true.'
    });
    for (const path of new Set([patch.oldPath, patch.newPath])) {
        const via = path === undefined ? undefined : rules.runByCheck.get((0,paths/* normalizeRepoPath */.NP)(path).toLowerCase());
        if (via !== undefined)
            report(undefined, `a file the check runs (\`${via}\`)`);
    }
    const name = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
    const found = name === 'package.json'
        ? (0,check_config/* packageJsonChanges */.oQ)(sides)
        : name === 'pyproject.toml' || name === 'cargo.toml'
            ? (0,check_config/* tomlChanges */.MS)(name, sides)
            : [];
    for (const { line, what } of found)
        report(line, what);
}
function checkPath(path, rules, add) {
    const denied = rules.deny(path);
    if (denied !== undefined) {
        add({
            rule: 'path-denied',
            file: path,
            key: 'deny',
            message: `The fix changes '${path}', which the deny glob '${denied}' protects. Leave it out of the fix, or ` +
                'remove the glob from deny.'
        });
    }
    if (rules.allow(path) === undefined) {
        add({
            rule: 'path-not-allowed',
            file: path,
            key: 'allow',
            message: `The fix changes '${path}', which no allow glob (${rules.policy.allow.join(', ')}) matches. Leave it ` +
                'out of the fix, or add a glob for it to allow.'
        });
    }
    for (const { group, match } of rules.protected) {
        if (match(path) === undefined)
            continue;
        add({
            rule: group.rule,
            file: path,
            key: group.key,
            message: `The fix changes '${path}', ${group.what}: ${group.why}. Leave it out of the fix, or set ${group.key}: true.`
        });
    }
}
function checkModes(patch, file, policy, add) {
    const { oldMode, newMode } = patch;
    if (oldMode === '160000' || newMode === '160000') {
        if (policy.allowSubmodules)
            return;
        const did = patch.kind === 'add' ? 'adds' : patch.kind === 'delete' ? 'removes' : 'moves';
        add({
            rule: 'submodule',
            file,
            key: 'allowSubmodules',
            message: `The fix ${did} the submodule '${file}': a submodule commit cannot be reviewed in the diff. Update ` +
                'submodules yourself, or set allowSubmodules: true.'
        });
        return;
    }
    if (newMode === '120000' && patch.kind !== 'delete') {
        if (policy.allowSymlinks)
            return;
        add({
            rule: 'symlink',
            file,
            key: 'allowSymlinks',
            message: `The fix makes '${file}' a symlink or changes where it points: a symlink can lead outside the ` +
                'repository or to a secret. Leave it out of the fix, or set allowSymlinks: true.'
        });
        return;
    }
    const executableChange = (patch.kind === 'add' && newMode === '100755') ||
        (oldMode !== undefined && newMode !== undefined && oldMode !== newMode && patch.kind !== 'delete');
    if (executableChange && !policy.allowModeChanges) {
        const becomes = newMode === '100755' ? 'executable' : 'not executable';
        add({
            rule: 'mode',
            file,
            key: 'allowModeChanges',
            message: `The fix makes '${file}' ${becomes} (mode ${oldMode ?? 'none'} → ${newMode}). Leave the mode as it ` +
                'was, or set allowModeChanges: true.'
        });
    }
}
/** One line per outcome, and one per violation: for logs, the job summary and the CLI. */
function describeVerdict(verdict) {
    const { files, added, removed } = verdict.stats;
    const size = `${files} file${files === 1 ? '' : 's'}, +${added} −${removed}`;
    if (verdict.outcome === 'empty')
        return 'The fix changes nothing, so there is nothing to verify or propose.';
    if (verdict.outcome === 'pass')
        return `The fix passes the policy (${size}).`;
    const count = verdict.violations.length;
    return [
        `The fix was refused by the policy (${size}; ${count} problem${count === 1 ? '' : 's'}):`,
        ...verdict.violations.map(v => `- ${v.message}`)
    ].join('\n');
}
const LIST = (key, value) => parseGlobs(key, value);
const BOOLEAN = (key, value) => {
    if (typeof value === 'boolean')
        return value;
    if (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value))
        return value.trim().toLowerCase() === 'true';
    throw new errors/* ConfigurationError */.j1(`Policy key '${key}' must be true or false, not ${show(value)}.`);
};
const COUNT = (key, value) => {
    const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof number === 'number' && Number.isSafeInteger(number) && number >= 1)
        return number;
    throw new errors/* ConfigurationError */.j1(`Policy key '${key}' must be a whole number of at least 1, not ${show(value)}: set it to a count ` +
        `such as ${DEFAULT_POLICY[key]}.`);
};
const SUPPRESSIONS = (key, value) => {
    const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    if (text === 'refuse' || text === 'allow')
        return text;
    throw new errors/* ConfigurationError */.j1(`Policy key '${key}' must be 'refuse' or 'allow', not ${show(value)}.`);
};
const PARSERS = {
    allow: LIST,
    deny: LIST,
    allowWorkflows: BOOLEAN,
    allowCheckConfig: BOOLEAN,
    allowTestChanges: BOOLEAN,
    allowLockFiles: BOOLEAN,
    allowRepositoryConfig: BOOLEAN,
    allowDeletions: BOOLEAN,
    allowBinary: BOOLEAN,
    allowModeChanges: BOOLEAN,
    allowSymlinks: BOOLEAN,
    allowSubmodules: BOOLEAN,
    maxFiles: COUNT,
    maxLines: COUNT,
    suppressions: SUPPRESSIONS
};
const KEYS = Object.keys(PARSERS);
/** `max-files`, `max_files` and `MaxFiles` all name `maxFiles`: action inputs, CLI options and YAML differ. */
const policy_squash = (key) => key.replace(/[-_]/g, '').toLowerCase();
const BY_SQUASHED = new Map(KEYS.map(key => [policy_squash(key), key]));
/**
 * Validates a policy from user input (an action input, CLI options or a YAML mapping; keys in camelCase or
 * kebab-case; values as their types or as strings) and fills in the defaults. null or undefined is the default
 * policy. Throws ConfigurationError naming the key and what to change.
 */
function parsePolicy(raw) {
    if (raw === undefined || raw === null)
        return { ...DEFAULT_POLICY };
    if (typeof raw !== 'object' || Array.isArray(raw)) {
        throw new errors/* ConfigurationError */.j1(`The policy must be a mapping of keys (${KEYS.join(', ')}), not ${show(raw)}.`);
    }
    const policy = { ...DEFAULT_POLICY };
    const given = new Map();
    for (const [name, value] of Object.entries(raw)) {
        const key = BY_SQUASHED.get(policy_squash(name));
        if (!key) {
            const near = KEYS.find(known => distance(policy_squash(known), policy_squash(name)) <= 2);
            throw new errors/* ConfigurationError */.j1(`Policy key '${name}' is unknown: ${near ? `did you mean '${near}'? ` : ''}remove it, or use one of ` +
                `${KEYS.join(', ')}.`);
        }
        const earlier = given.get(key);
        if (earlier !== undefined) {
            throw new errors/* ConfigurationError */.j1(`Policy keys '${earlier}' and '${name}' both set ${key}: keep only one.`);
        }
        given.set(key, name);
        if (value === undefined || value === null)
            continue;
        policy[key] = PARSERS[key](key, value);
    }
    if (policy.allow.length === 0) {
        throw new errors/* ConfigurationError */.j1("Policy key 'allow' is empty, so no fix could ever pass: list the globs a fix may change, or leave it " +
            "unset for every file ('**').");
    }
    return policy;
}
/** A list of repository globs: an array, or a string of entries separated by newlines or top-level commas. */
function parseGlobs(key, value) {
    let entries;
    if (typeof value === 'string')
        entries = splitList(value);
    else if (Array.isArray(value))
        entries = value;
    else {
        throw new errors/* ConfigurationError */.j1(`Policy key '${key}' must be a list of globs (or one per line), not ${show(value)}.`);
    }
    const globs = [];
    entries.forEach((entry, index) => {
        if (typeof entry !== 'string') {
            throw new errors/* ConfigurationError */.j1(`Policy key '${key}', entry ${index + 1}, must be a glob string, not ${show(entry)}.`);
        }
        let glob;
        try {
            glob = (0,paths/* normalizeRepoGlob */.Cx)(entry.trim()).replace(/\/+$/, '');
            picomatch_default().makeRe(glob);
        }
        catch (error) {
            throw new errors/* ConfigurationError */.j1(`Policy key '${key}', entry '${entry}': ${(0,errors/* errorMessage */.gJ)(error)}`, {
                cause: error
            });
        }
        if (glob === '') {
            throw new errors/* ConfigurationError */.j1(`Policy key '${key}', entry '${entry}', names the repository root: use '**' for every file.`);
        }
        if (!globs.includes(glob))
            globs.push(glob);
    });
    return globs;
}
/** Splits at newlines, and at commas outside `{…}` (so `src/**\/*.{ts,tsx}` stays one glob); drops blanks. */
function splitList(text) {
    const entries = [];
    let current = '';
    let depth = 0;
    for (const c of text) {
        if (c === '{')
            depth++;
        else if (c === '}')
            depth = Math.max(0, depth - 1);
        if (c === '\n' || c === '\r' || (c === ',' && depth === 0)) {
            entries.push(current);
            current = '';
        }
        else
            current += c;
    }
    entries.push(current);
    return entries.map(entry => entry.trim()).filter(entry => entry !== '');
}
function show(value) {
    if (typeof value === 'string')
        return `'${value}'`;
    if (Array.isArray(value))
        return 'a list';
    if (value === null)
        return 'null';
    return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
/** Levenshtein distance, for "did you mean" on short key names. */
function distance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
/**
 * Records a verdict on the attempt it judged: its stats when the diff may go on to verification; undefined, with
 * the attempt marked `no-change` or `refused` (and the refusal logged, naming `what`), when it may not.
 */
function judgeAttempt(verdict, attempt, what, log) {
    attempt.stats = verdict.stats;
    if (verdict.outcome === 'empty') {
        attempt.result = 'no-change';
        return undefined;
    }
    if (!verdict.ok) {
        attempt.result = 'refused';
        attempt.violations = verdict.violations;
        log.warning(`The policy refuses ${what}: ${verdict.violations.map(v => v.message).join(' ')}`);
        return undefined;
    }
    return verdict.stats;
}


/***/ })

};

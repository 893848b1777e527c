export const id = 800;
export const ids = [800];
export const modules = {

/***/ 9081:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ isFullSha),
/* harmony export */   e: () => (/* binding */ validateBranchName)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/** Branch name rules (git check-ref-format, as a pure function) and ref resolution helpers. */

/**
 * Validates an untrusted branch name the way `git check-ref-format --branch` does, and returns it. Throws
 * InvalidInputError saying what is wrong, so a bad name never reaches a URL or a git argument.
 */
function validateBranchName(name, what = 'Branch name') {
    const fail = (why) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`${what} '${name}' is not valid: ${why}.`);
    if (typeof name !== 'string' || name.length === 0)
        throw fail('it is empty');
    if (name.startsWith('refs/heads/'))
        name = name.slice('refs/heads/'.length);
    if (name.startsWith('-'))
        throw fail("it starts with '-'");
    if (name === '@')
        throw fail("'@' alone is not a branch name");
    if (name === 'HEAD')
        throw fail("'HEAD' is not a branch name");
    if (/[\x00-\x20\x7f~^:?*[\\]/.test(name))
        throw fail('it contains a space, a control character or one of ~ ^ : ? * [ \\');
    if (name.includes('..'))
        throw fail("it contains '..'");
    if (name.includes('@{'))
        throw fail("it contains '@{'");
    if (name.includes('//') || name.startsWith('/') || name.endsWith('/'))
        throw fail("it has an empty '/' component");
    if (name.endsWith('.'))
        throw fail("it ends with '.'");
    for (const part of name.split('/')) {
        if (part.startsWith('.'))
            throw fail("a component starts with '.'");
        if (part.endsWith('.lock'))
            throw fail("a component ends with '.lock'");
    }
    if (Buffer.byteLength(name) > 255)
        throw fail('it is longer than 255 bytes');
    return name;
}
/** Whether a string is a full commit id (SHA-1 or SHA-256). */
function isFullSha(value) {
    return /^[0-9a-f]{40}$/.test(value) || /^[0-9a-f]{64}$/.test(value);
}


/***/ }),

/***/ 6861:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  R: () => (/* binding */ deriveFixers),
  E: () => (/* binding */ snapshotTestFiles)
});

// EXTERNAL MODULE: ./src/paths.ts
var paths = __webpack_require__(8431);
;// CONCATENATED MODULE: ./src/heal/shell-words.ts
/**
 * A POSIX shell command line read as simple commands and words, so a fixer can be derived from a check's command
 * line and written back with correct quoting. Words keep their spelling as written (`raw`), so a rebuilt command
 * changes only the words it replaces; a word whose value depends on the shell (`$VAR`, `$(…)`, a glob) has no
 * `value` and is never taken for a flag or a command name. What this reader does not follow (subshells, here-documents,
 * process substitution) is a ShellSyntaxError, never a guess.
 */
/** A command line this reader does not follow. */
class ShellSyntaxError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ShellSyntaxError';
    }
}
const WORD_BREAK = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const SPECIAL_PARAMETER = /[@*#?$!0-9-]/;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** Reads a command line into simple commands, in order. */
function parseCommandLine(text) {
    return new Reader(text).commands();
}
/** Quotes a value as one shell word: as it is when that is safe, else in single quotes. */
function quoteWord(value) {
    if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value))
        return value;
    return `'${value.replace(/'/g, `'\\''`)}'`;
}
/** A new word with the given value, quoted. */
function wordOf(value) {
    return { raw: quoteWord(value), value };
}
/** Joins words back into a command line, each as written. */
function joinWords(words) {
    return words.map(word => word.raw).join(' ');
}
class Reader {
    text;
    index = 0;
    constructor(text) {
        this.text = text;
    }
    commands() {
        const result = [];
        let words = [];
        let redirects = [];
        let start = -1;
        let end = -1;
        let piped = false;
        const finish = (separator) => {
            if (words.length === 0 && redirects.length === 0) {
                if (separator === '|' || separator === '&&' || separator === '||')
                    throw new ShellSyntaxError(`'${separator}' has no command before it.`);
                return;
            }
            result.push({
                words,
                redirects,
                raw: this.text.slice(start, end),
                separator,
                piped: piped || separator === '|'
            });
            piped = separator === '|';
            words = [];
            redirects = [];
            start = -1;
        };
        while (this.index < this.text.length) {
            const char = this.text[this.index];
            if (char === ' ' || char === '\t') {
                this.index++;
            }
            else if (char === '\\' && this.text[this.index + 1] === '\n') {
                this.index += 2;
            }
            else if (char === '#') {
                while (this.index < this.text.length && this.text[this.index] !== '\n')
                    this.index++;
            }
            else if (char === '\n' || char === ';') {
                if (this.text.startsWith(';;', this.index))
                    throw new ShellSyntaxError("';;' (a case clause) is not read.");
                this.index++;
                finish(';');
            }
            else if (char === '&' && this.text[this.index + 1] === '&') {
                this.index += 2;
                finish('&&');
            }
            else if (char === '|' && this.text[this.index + 1] === '|') {
                this.index += 2;
                finish('||');
            }
            else if (char === '|') {
                this.index += this.text[this.index + 1] === '&' ? 2 : 1;
                finish('|');
            }
            else if (char === '&' && this.text[this.index + 1] !== '>') {
                this.index++;
                finish('&');
            }
            else if (char === '(' || char === ')') {
                throw new ShellSyntaxError('A subshell or group in parentheses is not read.');
            }
            else {
                const from = this.index;
                const redirect = this.redirect();
                if (start < 0)
                    start = from;
                if (redirect !== undefined)
                    redirects.push(redirect);
                else
                    words.push(this.word());
                end = this.index;
            }
        }
        finish('');
        return result;
    }
    /** A redirection at the current position (`>`, `2>>`, `&>`, `<`, `2>&1`, with its target), or undefined. */
    redirect() {
        const match = /^(?:\d*(?:>>|>&|>\||<&|<>|>|<)|&>>?)/.exec(this.text.slice(this.index, this.index + 8));
        if (!match)
            return undefined;
        if (this.text.startsWith('<<', this.index + match[0].length - 1))
            throw new ShellSyntaxError('A here-document (<<) is not read.');
        if (this.text[this.index + match[0].length] === '(')
            throw new ShellSyntaxError('Process substitution (<(…), >(…)) is not read.');
        const from = this.index;
        this.index += match[0].length;
        while (this.text[this.index] === ' ' || this.text[this.index] === '\t')
            this.index++;
        if (this.index >= this.text.length || WORD_BREAK.has(this.text[this.index]))
            throw new ShellSyntaxError(`The redirection '${match[0]}' has no target.`);
        this.word();
        return this.text.slice(from, this.index);
    }
    /** One word: quotes, escapes and expansions joined until an unquoted break. */
    word() {
        const from = this.index;
        let value = '';
        let literal = true;
        while (this.index < this.text.length) {
            const char = this.text[this.index];
            if (WORD_BREAK.has(char))
                break;
            if (char === '\\') {
                const next = this.text[this.index + 1];
                this.index += 2;
                if (next === undefined)
                    throw new ShellSyntaxError('The command line ends with a backslash.');
                if (next !== '\n')
                    value += next;
            }
            else if (char === "'") {
                const close = this.text.indexOf("'", this.index + 1);
                if (close < 0)
                    throw new ShellSyntaxError('A single quote is not closed.');
                value += this.text.slice(this.index + 1, close);
                this.index = close + 1;
            }
            else if (char === '"') {
                const inner = this.doubleQuoted();
                if (inner === undefined)
                    literal = false;
                else
                    value += inner;
            }
            else if (char === '$' || char === '`') {
                if (this.expansion())
                    literal = false;
                else {
                    value += char;
                    this.index++;
                }
            }
            else {
                // Globs, tilde and brace expansion make the value the shell's, not the text's.
                if (/[*?[{]/.test(char) || (char === '~' && this.index === from))
                    literal = false;
                value += char;
                this.index++;
            }
        }
        const word = { raw: this.text.slice(from, this.index) };
        if (literal)
            word.value = value;
        return word;
    }
    /** A double-quoted part; its value, or undefined when it holds an expansion. */
    doubleQuoted() {
        this.index++;
        let value = '';
        let literal = true;
        while (this.index < this.text.length) {
            const char = this.text[this.index];
            if (char === '"') {
                this.index++;
                return literal ? value : undefined;
            }
            if (char === '\\') {
                const next = this.text[this.index + 1];
                if (next !== undefined && '$`"\\\n'.includes(next)) {
                    if (next !== '\n')
                        value += next;
                    this.index += 2;
                }
                else {
                    value += char;
                    this.index++;
                }
            }
            else if ((char === '$' || char === '`') && this.expansion()) {
                literal = false;
            }
            else {
                value += char;
                this.index++;
            }
        }
        throw new ShellSyntaxError('A double quote is not closed.');
    }
    /** Skips an expansion at the current position (`$NAME`, `${…}`, `$(…)`, `` `…` ``, `$'…'`); false when none. */
    expansion() {
        const char = this.text[this.index];
        const next = this.text[this.index + 1] ?? '';
        if (char === '`') {
            this.index = this.closing('`', this.index + 1);
            return true;
        }
        if (next === '(' || next === '{') {
            this.index = this.balanced(this.index + 1);
            return true;
        }
        if (next === "'") {
            this.index = this.closing("'", this.index + 2);
            return true;
        }
        if (NAME_START.test(next)) {
            this.index += 2;
            while (this.index < this.text.length && NAME_CHAR.test(this.text[this.index]))
                this.index++;
            return true;
        }
        if (SPECIAL_PARAMETER.test(next) && next !== '') {
            this.index += 2;
            return true;
        }
        return false;
    }
    /** The index after the unescaped `quote` that closes a part starting at `from`. */
    closing(quote, from) {
        for (let index = from; index < this.text.length; index++) {
            if (this.text[index] === '\\')
                index++;
            else if (this.text[index] === quote)
                return index + 1;
        }
        throw new ShellSyntaxError(`A ${quote === '`' ? 'backquote' : 'quote'} is not closed.`);
    }
    /** The index after the bracket that closes the one at `from`, skipping quoted parts. */
    balanced(from) {
        const open = this.text[from];
        const close = open === '(' ? ')' : '}';
        let depth = 0;
        for (let index = from; index < this.text.length; index++) {
            const char = this.text[index];
            if (char === '\\')
                index++;
            else if (char === "'" || char === '"' || char === '`')
                index = this.closing(char, index + 1) - 1;
            else if (char === open)
                depth++;
            else if (char === close && --depth === 0)
                return index + 1;
        }
        throw new ShellSyntaxError(`'$${open}' is not closed.`);
    }
}

;// CONCATENATED MODULE: ./src/heal/auto-fix.ts


/** How deep package scripts are followed: a script, and the scripts it runs. */
const MAX_SCRIPT_DEPTH = 2;
/** At most this many test files are named on a snapshot fixer's command line. */
const MAX_SNAPSHOT_FILES = 50;
/** A check is quoted in messages up to this length. */
const MAX_QUOTED = 200;
/**
 * The fixers for a check command line, in the order of the commands they come from: each command of a chain
 * (`a && b`, `a; b`) and of a pipeline is considered on its own, with the `cd` and `export` before it.
 */
function deriveFixers(check, project, failure = {}) {
    const line = typeof check === 'string' ? check : check.map(quoteWord).join(' ');
    const walk = { project, failure, fixers: [], notes: [] };
    deriveLine(line, { setup: [], dir: '', depth: 0 }, walk);
    const seen = new Set();
    const fixers = walk.fixers.filter(fixer => !seen.has(fixer.command) && seen.add(fixer.command));
    if (fixers.length > 0)
        return { fixers };
    const why = walk.notes.length > 0 ? walk.notes.join('; ') : 'the check is empty';
    return {
        fixers: [],
        none: `No fixer is known for \`${shorten(line.trim())}\`: ${why}. Give one with the action's \`fix:\` input ` +
            'or the CLI\'s `--fix` (docs/fixers.md lists the checks whose fixers "fix: auto" derives).'
    };
}
/** The test files of failed tests whose message is a snapshot mismatch (Jest and Vitest), for FailureHints. */
function snapshotTestFiles(failedTests) {
    const files = failedTests
        .filter(test => test.file && SNAPSHOT_MISMATCH.test(test.message))
        .map(test => test.file);
    return [...new Set(files)];
}
const SNAPSHOT_MISMATCH = /\bto(?:Match|ThrowErrorMatching)(?:Inline|File)?Snapshot\b|^Snapshot name: |\bSnapshot [`'"].*[`'"] mismatched/m;
function deriveLine(line, scope, walk) {
    let commands;
    try {
        commands = parseCommandLine(line);
    }
    catch (error) {
        if (!(error instanceof ShellSyntaxError))
            throw error;
        walk.notes.push(`self-heal does not read \`${shorten(line)}\` (${error.message})`);
        return;
    }
    for (const command of commands) {
        const words = command.words;
        const assignments = leadingAssignments(words);
        const program = words[assignments]?.value;
        // A `cd` or `export` in a pipeline runs in a subshell: it changes nothing after it.
        if (!command.piped && (assignments === words.length || SETUP_COMMANDS.has(program ?? ''))) {
            if (words.length === 0)
                continue;
            scope.dir = program === 'cd' ? changeDirectory(scope.dir, words.slice(assignments)) : scope.dir;
            if (program === 'pushd' || program === 'popd')
                scope.dir = undefined;
            scope.setup.push(command.raw);
        }
        else if (program === undefined) {
            walk.notes.push(`\`${shorten(command.raw)}\` names no program self-heal can read`);
        }
        else if (scope.dir === undefined) {
            walk.notes.push(`\`${shorten(command.raw)}\` runs in a directory self-heal cannot tell`);
        }
        else {
            deriveCommand(command, assignments, scope, walk);
        }
    }
}
/** Commands that change the state the commands after them run in. */
const SETUP_COMMANDS = new Set(['cd', 'pushd', 'popd', 'export', 'set', 'source', '.']);
function leadingAssignments(words) {
    let count = 0;
    while (count < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[count].raw))
        count++;
    return count;
}
/** The directory after `cd DIR` (relative, literal, inside the repository), else undefined. */
function changeDirectory(dir, args) {
    const target = args.length === 2 ? args[1].value : undefined;
    return dir === undefined || target === undefined ? undefined : enterDirectory(dir, target);
}
/** `dir` joined with a relative path, when the result stays inside the repository (`''` is its root). */
function enterDirectory(dir, target) {
    if (target === '-' || target.startsWith('/') || target.startsWith('~'))
        return undefined;
    const parts = dir ? dir.split('/') : [];
    for (const segment of target.split('/')) {
        if (segment === '..') {
            if (parts.pop() === undefined)
                return undefined;
        }
        else if (segment !== '' && segment !== '.') {
            parts.push(segment);
        }
    }
    return parts.join('/');
}
function deriveCommand(command, assignments, scope, walk) {
    const env = command.words.slice(0, assignments);
    const words = command.words.slice(assignments);
    const program = words[0].value;
    if (SHELL_KEYWORDS.has(program)) {
        walk.notes.push(`\`${shorten(command.raw)}\` is shell syntax self-heal does not follow`);
        return;
    }
    const invocation = resolve(words, scope, walk);
    if (typeof invocation === 'string') {
        walk.notes.push(invocation);
        return;
    }
    if (invocation.kind === 'script') {
        deriveScript(invocation, scope, walk);
        return;
    }
    const fix = own(TOOL_FIXERS, invocation.tool)?.(invocation.args, { scope, failure: walk.failure });
    if (fix === undefined || typeof fix === 'string') {
        walk.notes.push(fix ?? `\`${invocation.tool}\` has no fixer self-heal knows`);
        return;
    }
    let prefix = invocation.prefix;
    if (!invocation.wrapped && scope.runner && NODE_TOOLS.has(invocation.tool)) {
        const runner = runnerPrefix(scope.runner.manager, invocation.tool, scope.runner.scripts);
        if (typeof runner === 'string') {
            walk.notes.push(runner);
            return;
        }
        prefix = runner;
    }
    const rebuilt = joinWords([...env, ...prefix, invocation.toolWord, ...fix.args]);
    walk.fixers.push({ command: [...scope.setup, rebuilt].join(' && '), because: fix.because });
}
const SHELL_KEYWORDS = new Set('if then else elif fi for while until do done case esac select function ! { } [[ ]] time coproc'.split(' '));
/** Tools that live in node_modules/.bin: inside a package script they run through the package manager. */
const NODE_TOOLS = new Set([
    'prettier',
    'eslint',
    'biome',
    'stylelint',
    'markdownlint',
    'markdownlint-cli2',
    'jest',
    'vitest'
]);
/** How a package script's node tool is run from outside the script (where node_modules/.bin is not on PATH). */
function runnerPrefix(manager, tool, scripts) {
    switch (manager) {
        case 'npm':
            // `--no`: never install a package of that name from the registry; the script ran the local one.
            return ['npm', 'exec', '--no', '--'].map(wordOf);
        case 'pnpm':
            return ['pnpm', 'exec'].map(wordOf);
        case 'bun':
            return ['bun', 'x'].map(wordOf);
        case 'yarn':
            // `yarn run NAME` prefers a script of that name over the binary.
            if (tool in scripts)
                return `\`yarn run ${tool}\` would run the \`${tool}\` script, not the tool`;
            return ['yarn', 'run'].map(wordOf);
    }
}
const NPX_OPTIONS = {
    values: ['-p', '--package', '--registry', '--cache', '--userconfig'],
    refuse: ['-c', '--call', '-w', '--workspace', '--workspaces', '-ws']
};
const NPM_OPTIONS = {
    values: ['--prefix', '-C', '--loglevel', '--userconfig', '--registry', '--cache'],
    refuse: ['-w', '--workspace', '--workspaces', '-ws', '--include-workspace-root']
};
const PNPM_OPTIONS = {
    values: ['-C', '--dir', '--reporter', '--loglevel'],
    refuse: ['-r', '--recursive', '-F', '--filter', '-w', '--workspace-root']
};
const YARN_OPTIONS = { values: ['--cwd'] };
const UV_RUN_OPTIONS = {
    values: [
        '--with',
        '--with-requirements',
        '--with-editable',
        '--python',
        '-p',
        '--project',
        '--directory',
        '--package',
        '--extra',
        '--group',
        '--env-file',
        '--index',
        '--index-url'
    ],
    refuse: ['--script', '-s', '--module', '-m']
};
const UVX_OPTIONS = {
    values: ['--from', '--with', '--python', '-p', '--index', '--index-url']
};
const DLX_OPTIONS = { values: ['-p', '--package'], refuse: ['-c', '--shell-mode'] };
const BUNX_OPTIONS = { values: ['-p', '--package'] };
/** Packages whose binary has another name. */
const PACKAGE_BINS = { '@biomejs/biome': 'biome', 'markdownlint-cli': 'markdownlint' };
function resolve(words, scope, walk) {
    const program = words[0].value;
    const through = (runnerWords, options, spec, dashDash = false) => afterRunner(words, runnerWords, options, spec, dashDash);
    switch (program) {
        case 'npx':
            return through(1, NPX_OPTIONS, true);
        case 'pnpx':
            return through(1, DLX_OPTIONS, true);
        case 'bunx':
            return through(1, BUNX_OPTIONS, true);
        case 'uvx':
            return through(1, UVX_OPTIONS, true);
        case 'npm':
            return resolveNpm(words);
        case 'pnpm':
        case 'yarn':
            return resolvePnpmOrYarn(program, words, scope, walk);
        case 'bun': {
            const sub = words[1]?.value;
            if (sub === 'x')
                return through(2, BUNX_OPTIONS, true);
            if (sub === 'run' && words[2]?.value && !words[2].value.startsWith('-'))
                return scriptOrTool('bun', words, 2, words.slice(0, 1), '', scope, walk);
            return `\`${shorten(joinWords(words))}\` has no fixer self-heal knows`;
        }
        case 'python':
        case 'python3':
        case 'py':
            if (words[1]?.value === '-m' && words[2]?.value)
                return tool(words, 2, true);
            return `\`${shorten(joinWords(words))}\` has no fixer self-heal knows`;
        case 'uv':
            if (words[1]?.value === 'run')
                return through(2, UV_RUN_OPTIONS, false);
            return `\`${shorten(joinWords(words))}\` has no fixer self-heal knows`;
        case 'poetry':
        case 'pipenv':
            if (words[1]?.value === 'run' && words[2]?.value && !words[2].value.startsWith('-'))
                return tool(words, 2, true);
            return `\`${shorten(joinWords(words))}\` has no fixer self-heal knows`;
        default:
            return tool(words, 0, false);
    }
}
/** The tool at `index`, with the words before it as the runner's prefix. */
function tool(words, index, wrapped, spec = false) {
    const word = words[index];
    const name = word?.value === undefined ? undefined : toolName(word.value, spec);
    if (name === undefined)
        return `\`${shorten(joinWords(words))}\` names no program self-heal can read`;
    return {
        kind: 'tool',
        prefix: words.slice(0, index),
        tool: name,
        toolWord: word,
        args: words.slice(index + 1),
        wrapped
    };
}
/** The program a word names: a package spec's binary (`prettier@3`), a node_modules/.bin or venv path's name. */
function toolName(value, spec) {
    let name = value;
    const bin = /(?:^|\/)(?:node_modules\/\.bin|\.?venv\/bin)\/([^/]+)$/.exec(name);
    if (bin)
        name = bin[1];
    if (spec)
        name = name.replace(/(?<=.)@[^/]*$/, '').replace(/==.*$/, '');
    return own(PACKAGE_BINS, name) ?? name;
}
/** The tool after a runner's words and options (`npx --yes prettier`, `uv run --with black -- black`). */
function afterRunner(words, runnerWords, options, spec, dashDash) {
    const index = skipOptions(words, runnerWords, options);
    if (typeof index === 'string')
        return index;
    let prefix = words.slice(0, index);
    // `npm exec` reads the flags after the tool as its own unless `--` comes before the tool.
    if (dashDash && prefix[prefix.length - 1]?.value !== '--')
        prefix = [...prefix, wordOf('--')];
    const found = tool(words, index, true, spec);
    if (typeof found === 'string')
        return found;
    return { ...found, prefix };
}
/** The index of the first word after a runner's options (and after `--`), or why they are not followed. */
function skipOptions(words, from, options) {
    let index = from;
    while (index < words.length) {
        const value = words[index].value;
        if (value === undefined)
            return `\`${shorten(joinWords(words))}\` has an option self-heal cannot read`;
        if (value === '--')
            return index + 1;
        if (!value.startsWith('-') || value === '-')
            return index;
        const name = value.split('=')[0];
        if (options.refuse?.includes(name))
            return `\`${shorten(joinWords(words))}\` uses \`${name}\`, which self-heal does not follow`;
        index += options.values?.includes(name) && !value.includes('=') ? 2 : 1;
    }
    return index;
}
/** A directory option's value (`--prefix DIR`, `-C=DIR`): `''` when it is not given, undefined when unreadable. */
function directoryOption(words, end, names) {
    for (let index = 0; index < end; index++) {
        const [name, inline] = (words[index].value ?? '').split(/=(.*)/s, 2);
        if (names.includes(name))
            return inline ?? words[index + 1]?.value;
    }
    return '';
}
function unreadableDirectory(words) {
    return `\`${shorten(joinWords(words))}\` names its directory in a way self-heal cannot read`;
}
/** Looks a key up in a table of this module, never in Object.prototype (`constructor`, `toString`). */
function own(table, key) {
    return Object.hasOwn(table, key) ? table[key] : undefined;
}
function resolveNpm(words) {
    const index = skipOptions(words, 1, NPM_OPTIONS);
    if (typeof index === 'string')
        return index;
    const sub = words[index]?.value;
    const packageDir = directoryOption(words, index, ['--prefix', '-C']);
    if (packageDir === undefined)
        return unreadableDirectory(words);
    const managerWords = words.slice(0, index);
    if (sub === 'exec' || sub === 'x') {
        const after = afterRunner(words.slice(index), 1, NPX_OPTIONS, true, true);
        if (typeof after === 'string')
            return after;
        return { ...after, prefix: [...managerWords, ...after.prefix] };
    }
    const script = sub && own(NPM_SCRIPT_COMMANDS, sub);
    if (!script)
        return `\`${shorten(joinWords(words))}\` has no fixer self-heal knows`;
    if (script === 'run') {
        // npm reads options anywhere before `--`; the script gets the other words and all after `--`.
        const rest = words.slice(index + 1);
        const dashDash = rest.findIndex(word => word.value === '--');
        const before = dashDash < 0 ? rest : rest.slice(0, dashDash);
        const positional = before.filter(word => !word.value?.startsWith('-'));
        if (positional.length === 0 || positional[0].value === undefined)
            return `\`${shorten(joinWords(words))}\` names no script self-heal can read`;
        const extra = [...positional.slice(1), ...(dashDash < 0 ? [] : rest.slice(dashDash + 1))];
        return { kind: 'script', manager: 'npm', managerWords, packageDir, name: positional[0].value, extra };
    }
    const after = words.slice(index + 1);
    const dashDash = after.findIndex(word => word.value === '--');
    const extra = dashDash < 0 ? after.filter(word => !word.value?.startsWith('-')) : after.slice(dashDash + 1);
    return { kind: 'script', manager: 'npm', managerWords, packageDir, name: script, extra };
}
/** npm's commands that run a script: `run` and its aliases name it; the others are scripts themselves. */
const NPM_SCRIPT_COMMANDS = {
    run: 'run',
    'run-script': 'run',
    rum: 'run',
    urn: 'run',
    test: 'test',
    t: 'test',
    tst: 'test',
    start: 'start',
    stop: 'stop',
    restart: 'restart'
};
function resolvePnpmOrYarn(manager, words, scope, walk) {
    const index = skipOptions(words, 1, manager === 'pnpm' ? PNPM_OPTIONS : YARN_OPTIONS);
    if (typeof index === 'string')
        return index;
    const packageDir = directoryOption(words, index, manager === 'pnpm' ? ['-C', '--dir'] : ['--cwd']);
    if (packageDir === undefined)
        return unreadableDirectory(words);
    const managerWords = words.slice(0, index);
    const sub = words[index]?.value;
    if (sub === undefined)
        return `\`${shorten(joinWords(words))}\` has no fixer self-heal knows`;
    const prefixed = (found) => typeof found === 'string' ? found : { ...found, prefix: [...managerWords, ...found.prefix] };
    if (sub === 'exec')
        return prefixed(tool(words.slice(index), 1, true));
    if (sub === 'dlx')
        return prefixed(afterRunner(words.slice(index), 1, DLX_OPTIONS, true, false));
    if (sub === 'workspace' || sub === 'workspaces')
        return `\`${shorten(joinWords(words))}\` runs in a workspace self-heal does not look up`;
    if (sub === 'run' || sub === 'run-script') {
        const at = skipOptions(words, index + 1, {});
        if (typeof at === 'string')
            return at;
        if (words[at]?.value === undefined)
            return `\`${shorten(joinWords(words))}\` names no script self-heal can read`;
        return scriptOrTool(manager, words, at, managerWords, packageDir, scope, walk);
    }
    if (sub.startsWith('-'))
        return `\`${shorten(joinWords(words))}\` has no fixer self-heal knows`;
    return scriptOrTool(manager, words, index, managerWords, packageDir, scope, walk);
}
/** `yarn X`, `pnpm X`, `bun run X`: the script X when package.json has one, else the binary X. */
function scriptOrTool(manager, words, index, managerWords, packageDir, scope, walk) {
    const name = words[index].value;
    const dir = enterDirectory(scope.dir, packageDir);
    if (dir === undefined)
        return outside(packageDir);
    const scripts = readScripts(walk.project, dir);
    if (typeof scripts !== 'string' && name in scripts)
        return { kind: 'script', manager, managerWords, packageDir, name, extra: words.slice(index + 1) };
    const found = tool(words, index, true);
    if (typeof found === 'string' || !own(TOOL_FIXERS, found.tool)) {
        const noScript = typeof scripts === 'string' ? scripts : `${where(dir)} has no \`${name}\` script`;
        return `${noScript}, and \`${name}\` has no fixer self-heal knows`;
    }
    return found;
}
// ---------------------------------------------------------------------------------------------------------------
// Package scripts.
function deriveScript(invocation, scope, walk) {
    const { manager, name, packageDir } = invocation;
    const dir = enterDirectory(scope.dir, packageDir);
    if (dir === undefined) {
        walk.notes.push(outside(packageDir));
        return;
    }
    const scripts = readScripts(walk.project, dir);
    if (typeof scripts === 'string') {
        walk.notes.push(scripts);
        return;
    }
    if (!(name in scripts)) {
        walk.notes.push(`${where(dir)} has no \`${name}\` script`);
        return;
    }
    const runScript = (script) => [...scope.setup, joinWords([...invocation.managerWords, wordOf('run'), wordOf(script)])].join(' && ');
    for (const twin of [`${name}:fix`, 'fix']) {
        if (twin === name || !(twin in scripts))
            continue;
        walk.fixers.push({
            command: runScript(twin),
            because: `${where(dir)} has a \`${twin}\` script${twin === 'fix' ? '' : ` beside \`${name}\``}`
        });
        return;
    }
    if (scope.depth >= MAX_SCRIPT_DEPTH) {
        walk.notes.push(`the \`${name}\` script is more than ${MAX_SCRIPT_DEPTH} scripts deep`);
        return;
    }
    // The script runs in its package's directory, with the arguments given after its name appended.
    const text = [scripts[name], ...invocation.extra.map(word => word.raw)].join(' ');
    const inner = {
        setup: packageDir ? [...scope.setup, `cd ${quoteWord(packageDir)}`] : [...scope.setup],
        dir,
        depth: scope.depth + 1,
        runner: { manager, scripts }
    };
    const found = { ...walk, fixers: [], notes: [] };
    deriveLine(text, inner, found);
    for (const fixer of found.fixers)
        walk.fixers.push({ command: fixer.command, because: `${fixer.because} (the \`${name}\` script runs it)` });
    if (found.fixers.length === 0)
        walk.notes.push(`${where(dir)} has no \`${name}:fix\` or \`fix\` script, and in the \`${name}\` script ${found.notes.join('; ')}`);
}
function readScripts(project, dir) {
    const path = where(dir);
    const text = project.readFile(path);
    if (text === undefined)
        return `there is no ${path}`;
    let manifest;
    try {
        manifest = JSON.parse(text);
    }
    catch {
        return `${path} is not valid JSON`;
    }
    const scripts = manifest?.scripts;
    const result = Object.create(null);
    if (scripts && typeof scripts === 'object') {
        for (const [key, value] of Object.entries(scripts))
            if (typeof value === 'string')
                result[key] = value;
    }
    return result;
}
function outside(packageDir) {
    return `the package directory \`${shorten(packageDir)}\` is outside the repository`;
}
function where(dir) {
    return dir ? `${dir}/package.json` : 'package.json';
}
const is = (word, ...names) => word?.value !== undefined && names.some(name => word.value === name || word.value?.startsWith(`${name}=`));
const hasAny = (args, ...names) => args.some(word => is(word, ...names));
/** The arguments without the given flags, and without the values of the given options. */
function without(args, flags, valued = []) {
    const result = [];
    for (let index = 0; index < args.length; index++) {
        const word = args[index];
        if (word.value !== undefined && flags.includes(word.value))
            continue;
        if (is(word, ...valued)) {
            if (!word.value?.includes('='))
                index++;
            continue;
        }
        result.push(word);
    }
    return result;
}
function insert(args, at, ...values) {
    return [...args.slice(0, at), ...values.map(wordOf), ...args.slice(at)];
}
/**
 * A `--fix` fixer: the flag added first unless it (or an alias) is there; flags that contradict it dropped, and
 * report files (`-o report.json`), which would land in the fix.
 */
function addFix(tool, why, { aliases = [], drop = [], outputs = [] }) {
    return args => {
        if (hasAny(args, '--fix', ...aliases))
            return `\`${tool}\` already runs with \`--fix\``;
        return { args: insert(without(args, drop, outputs), 0, '--fix'), because: `${why} with \`--fix\`` };
    };
}
/** A check mode dropped (`black --check` → `black`), or replaced (`gofmt -l` → `gofmt -w`). */
function dropCheck(tool, checks, why, replacement) {
    return args => {
        const at = args.findIndex(word => word.value !== undefined && checks.includes(word.value));
        if (at < 0)
            return `\`${tool}\` without ${checks.map(flag => `\`${flag}\``).join(' or ')} is not a check`;
        const kept = [...args.slice(0, at), ...without(args.slice(at + 1), checks)];
        const fixed = replacement && !hasAny(kept, replacement) ? insert(kept, at, replacement) : kept;
        return { args: fixed, because: why };
    };
}
function subcommandIndex(args, valued = []) {
    for (let index = 0; index < args.length; index++) {
        const value = args[index].value;
        if (value === undefined)
            return -1;
        // `cargo +nightly fmt`: a toolchain comes before the subcommand.
        if (!value.startsWith('-') && !value.startsWith('+'))
            return index;
        if (valued.includes(value))
            index++;
    }
    return -1;
}
const prettierCheck = dropCheck('prettier', ['--check', '-c', '--list-different', '-l'], '`prettier --check` lists the files it would format; `--write` formats them', '--write');
const prettier = args => hasAny(args, '--stdin-filepath')
    ? '`prettier --stdin-filepath` formats standard input, not files'
    : prettierCheck(args);
const biome = args => {
    const at = subcommandIndex(args);
    const sub = args[at]?.value;
    if (sub === 'ci') {
        const replaced = [...args.slice(0, at), wordOf('check'), ...args.slice(at + 1)];
        return {
            args: insert(replaced, at + 1, '--write'),
            because: '`biome ci` is `biome check` that never writes; `biome check --write` applies its safe fixes and formatting'
        };
    }
    if (sub !== 'check' && sub !== 'lint' && sub !== 'format')
        return `\`${['biome', sub].filter(Boolean).join(' ')}\` has no fixer self-heal knows`;
    if (hasAny(args, '--write', '--apply', '--fix'))
        return `\`biome ${sub}\` already writes its fixes`;
    return {
        args: insert(args, at + 1, '--write'),
        because: `\`biome ${sub} --write\` applies its safe fixes${sub === 'lint' ? '' : ' and formatting'}`
    };
};
const ruffFormat = dropCheck('ruff format', ['--check', '--diff'], '`ruff format` without `--check` formats the files');
const ruff = args => {
    const at = subcommandIndex(args, ['--config']);
    const sub = args[at]?.value;
    if (sub === 'check') {
        if (hasAny(args, '--fix'))
            return '`ruff check` already runs with `--fix`';
        const kept = without(args, ['--no-fix', '--diff'], ['--output-file', '-o']);
        const fixAt = subcommandIndex(kept, ['--config']) + 1;
        return { args: insert(kept, fixAt, '--fix'), because: '`ruff check --fix` applies its safe fixes' };
    }
    if (sub === 'format')
        return ruffFormat(args);
    return '`ruff` without `check` or `format` has no fixer self-heal knows';
};
const cargo = args => {
    const at = subcommandIndex(args, ['-Z', '--config', '-C']);
    const sub = args[at]?.value;
    if (sub === 'fmt') {
        if (!hasAny(args, '--check'))
            return '`cargo fmt` without `--check` is not a check';
        let kept = without(args, ['--check']);
        if (kept[kept.length - 1]?.value === '--')
            kept = kept.slice(0, -1);
        return { args: kept, because: '`cargo fmt` without `--check` formats the crate' };
    }
    if (sub === 'clippy') {
        if (hasAny(args, '--fix'))
            return '`cargo clippy` already runs with `--fix`';
        return {
            args: insert(args, at + 1, '--fix', '--allow-dirty'),
            because: "`cargo clippy --fix` applies Clippy's machine-applicable suggestions (`--allow-dirty`: earlier fixers may have changed files)"
        };
    }
    return `\`${['cargo', sub].filter(Boolean).join(' ')}\` has no fixer self-heal knows`;
};
/** The failing snapshot test files, relative to the directory the runner starts in. */
function snapshotFiles(scope, failure) {
    const dir = scope.dir ?? '';
    const files = [];
    for (const file of failure.snapshotFiles ?? []) {
        if (typeof file !== 'string' || /[\0-\x1f\x7f]/.test(file) || !(0,paths/* isRepoPath */.SL)(file))
            continue;
        const path = (0,paths/* normalizeRepoPath */.NP)(file);
        if (dir && !path.startsWith(`${dir}/`))
            continue;
        const relative = dir ? path.slice(dir.length + 1) : path;
        if (!relative.startsWith('-') && !files.includes(relative))
            files.push(relative);
    }
    return files.slice(0, MAX_SNAPSHOT_FILES);
}
const jest = (args, { scope, failure }) => {
    const files = snapshotFiles(scope, failure);
    if (files.length === 0)
        return '`jest` has a fixer only for mismatched snapshots, and none mismatched';
    if (hasAny(args, '-u', '--updateSnapshot'))
        return '`jest` already runs with `-u`';
    // Jest reads file arguments as regular expressions over the path.
    const patterns = files.map(file => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return {
        args: [...without(args, ['--watch', '--watchAll'], ['--outputFile']), ...['-u', ...patterns].map(wordOf)],
        because: `Jest rewrites the mismatched snapshots of ${describeFiles(files)} with \`-u\``
    };
};
const VITEST_COMMANDS = new Set(['run', 'watch', 'dev', 'related', 'bench', 'list', 'init']);
const vitest = (args, { scope, failure }) => {
    const files = snapshotFiles(scope, failure);
    if (files.length === 0)
        return '`vitest` has a fixer only for mismatched snapshots, and none mismatched';
    if (hasAny(args, '-u', '--update'))
        return '`vitest` already runs with `-u`';
    const sub = args[0]?.value;
    if (sub !== undefined && VITEST_COMMANDS.has(sub) && sub !== 'run' && sub !== 'watch' && sub !== 'dev')
        return `\`vitest ${sub}\` has no fixer self-heal knows`;
    // `run`: one run, never watch mode, whatever the terminal.
    const once = sub === 'run' ? args : [wordOf('run'), ...(sub === 'watch' || sub === 'dev' ? args.slice(1) : args)];
    return {
        args: [...without(once, [], ['--outputFile']), ...['-u', ...files].map(wordOf)],
        because: `Vitest rewrites the mismatched snapshots of ${describeFiles(files)} with \`-u\``
    };
};
function describeFiles(files) {
    return files.length === 1 ? files[0] : `the ${files.length} failing test files`;
}
const gofmt = (tool) => dropCheck(tool, ['-l', '-d'], `\`${tool} -w\` rewrites the files \`${tool} -l\` lists`, '-w');
const TOOL_FIXERS = {
    prettier,
    eslint: addFix('eslint', "ESLint applies its rules' automatic fixes", {
        drop: ['--fix-dry-run'],
        outputs: ['-o', '--output-file']
    }),
    biome,
    stylelint: addFix('stylelint', 'Stylelint fixes what its rules can', { outputs: ['-o', '--output-file'] }),
    markdownlint: addFix('markdownlint', 'markdownlint fixes what its rules can', {
        aliases: ['-f'],
        outputs: ['-o', '--output']
    }),
    'markdownlint-cli2': addFix('markdownlint-cli2', 'markdownlint-cli2 fixes what its rules can', {}),
    ruff,
    black: dropCheck('black', ['--check', '--diff'], '`black` without `--check` formats the files'),
    isort: dropCheck('isort', ['--check', '--check-only', '-c', '--diff'], '`isort` without `--check` sorts the imports'),
    gofmt: gofmt('gofmt'),
    goimports: gofmt('goimports'),
    gofumpt: gofmt('gofumpt'),
    cargo,
    jest,
    vitest
};
function shorten(text) {
    const line = text.replace(/\s+/g, ' ');
    return line.length > MAX_QUOTED ? `${line.slice(0, MAX_QUOTED - 1)}…` : line;
}


/***/ }),

/***/ 5258:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $j: () => (/* binding */ branchPrefix),
/* harmony export */   Vs: () => (/* binding */ readBranchPrefix),
/* harmony export */   k9: () => (/* binding */ fixBranch),
/* harmony export */   sM: () => (/* binding */ BRANCH_PREFIX),
/* harmony export */   t$: () => (/* binding */ isOwnBranch)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _github_refs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9081);
/**
 * The names of self-heal's fix branches: `<branch-prefix><fingerprint>` (default `self-heal/<fingerprint>`), or the
 * `branch` template. Everything that recognises self-heal's own branches (the loop guard, decline detection, a
 * stale branch made again) goes through here, so that a prefix a repository chose is honoured everywhere.
 */


/** The default prefix of the branches heal proposes fixes on: `self-heal/<fingerprint>`. */
const BRANCH_PREFIX = 'self-heal/';
/** The prefix of the fix branches for a proposal's shape. */
function branchPrefix(shape) {
    return shape.branchPrefix || BRANCH_PREFIX;
}
/** The fix branch for a fingerprint: the `branch` template filled in, else `<prefix><fingerprint>`. */
function fixBranch(shape, fingerprintId) {
    const template = shape.branch?.trim();
    return template
        ? template.split('{fingerprint}').join(fingerprintId)
        : `${branchPrefix(shape)}${fingerprintId}`;
}
/**
 * Whether `branch` is one heal makes (`refs/heads/` or not): any branch under the prefix, or one the `branch`
 * template makes. The loop guard.
 */
function isOwnBranch(branch, shape = {}) {
    const name = branch.replace(/^refs\/heads\//, '');
    const template = shape.branch?.trim();
    if (!template)
        return name.startsWith(branchPrefix(shape));
    const pattern = template
        .split('{fingerprint}')
        .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[0-9a-f]+');
    return new RegExp(`^${pattern}$`).test(name);
}
/**
 * Reads a `branch-prefix`: letters, digits and `._/-`, starting with a letter or digit, that makes a valid branch
 * name with a fingerprint after it (no `..`, no `//`, no component starting with `.` or ending with `.lock`).
 */
function readBranchPrefix(value, what) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`${what} '${value}' is not a safe branch prefix: use letters, digits and . _ / -, starting with a letter or digit (e.g. self-heal/ or bots/heal-).`);
    }
    (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_1__/* .validateBranchName */ .e)(`${value}0123456789abcdef`, `${what} '${value}' makes the branch name`);
    return value;
}


/***/ }),

/***/ 1841:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ET: () => (/* binding */ checkoutFiles),
/* harmony export */   K5: () => (/* binding */ resolveFixers),
/* harmony export */   aI: () => (/* binding */ withoutRefusedFiles),
/* harmony export */   i8: () => (/* binding */ retriesFor),
/* harmony export */   vn: () => (/* binding */ AUTO_FIXER)
/* harmony export */ });
/* unused harmony export dropFiles */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8431);
/* harmony import */ var _diff_parse_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9566);
/* harmony import */ var _auto_fix_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6861);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7949);
/**
 * Which fixers a heal runs and how their candidates are cut down: `auto` lines become the fixers derived from the
 * check (auto-fix.ts), agents get re-runs with feedback, and a candidate that touches files the policy protects
 * loses those files rather than being refused whole.
 */






/** The fixer line that stands for the fixers derived from the check. */
const AUTO_FIXER = 'auto';
/**
 * The fixer commands for `lines`, each `auto` line replaced by the fixers derived from the check (logged with
 * why; a check with no known fixer is logged with how to give one). Other lines are kept as they are.
 */
function resolveFixers(lines, check, failure, project, log) {
    const fixers = [];
    for (const line of lines) {
        if (line.trim() !== AUTO_FIXER) {
            fixers.push(line);
            continue;
        }
        const failedTests = 'failedTests' in failure ? failure.failedTests : [];
        const derived = (0,_auto_fix_js__WEBPACK_IMPORTED_MODULE_4__/* .deriveFixers */ .R)(check, project, { snapshotFiles: (0,_auto_fix_js__WEBPACK_IMPORTED_MODULE_4__/* .snapshotTestFiles */ .E)(failedTests) });
        if (derived.none)
            log.warning(derived.none);
        for (const fixer of derived.fixers) {
            log.info(`fix: auto runs \`${fixer.command}\`: ${fixer.because}.`);
            fixers.push(fixer.command);
        }
    }
    return [...new Set(fixers)];
}
/** The checkout's files for deriveFixers, read from disk under `root` (repository paths only). */
function checkoutFiles(root) {
    return {
        readFile(path) {
            if (!(0,_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .isRepoPath */ .SL)(path))
                return undefined;
            try {
                return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, path), 'utf8');
            }
            catch {
                return undefined;
            }
        }
    };
}
/**
 * How many times a fixer whose candidate was refused or failed verification is run again with that feedback in
 * its context: `given` (`--fixer-retries`) for every fixer; by default once for a fixer that reads the context
 * (its command line names SELF_HEAL_PROMPT or SELF_HEAL_FAILURE, as an agent's does), never for others, whose
 * second run would make the same change.
 */
function retriesFor(fixer, given) {
    if (given !== undefined)
        return given;
    return /SELF_HEAL_(PROMPT|FAILURE)\b/.test(fixer) ? 1 : 0;
}
/** Rules about the diff as a whole (or about something not in it): no one file can be left out to meet them. */
const WHOLE_DIFF_RULES = new Set([
    'malformed',
    'outside-work-files',
    'too-many-files',
    'too-many-lines'
]);
/**
 * The candidate `diff` without the files the policy refused: when every file-bound violation can be met by
 * leaving its file out and what is left passes the policy, the rest and what was dropped; otherwise undefined (the
 * candidate is refused whole). A suppression drops its file too: the rest is verified on its own anyway.
 */
function withoutRefusedFiles(diff, violations, policy) {
    const dropped = new Map();
    for (const violation of violations) {
        if (!violation.file) {
            if (WHOLE_DIFF_RULES.has(violation.rule))
                continue;
            return undefined;
        }
        if (WHOLE_DIFF_RULES.has(violation.rule))
            return undefined;
        if (!dropped.has(violation.file)) {
            dropped.set(violation.file, { file: violation.file, rule: violation.rule, message: violation.message });
        }
    }
    if (dropped.size === 0)
        return undefined;
    const rest = dropFiles(diff, new Set(dropped.keys()));
    if (rest === undefined || !rest.trim())
        return undefined;
    if (!(0,_policy_js__WEBPACK_IMPORTED_MODULE_5__/* .checkPolicy */ .hM)(rest, policy).ok)
        return undefined;
    return { diff: rest, dropped: [...dropped.values()] };
}
/** `diff` without the file patches that touch any of `files` (old or new path); undefined when it cannot be split. */
function dropFiles(diff, files) {
    let patches;
    try {
        patches = (0,_diff_parse_js__WEBPACK_IMPORTED_MODULE_3__/* .parseGitDiff */ .T)(diff);
    }
    catch (error) {
        if (error instanceof _diff_parse_js__WEBPACK_IMPORTED_MODULE_3__/* .DiffParseError */ .h)
            return undefined;
        throw error;
    }
    // git writes one `diff --git` section per file, in the order parseGitDiff returns them.
    const sections = diff.split(/^(?=diff --git )/m).filter(section => section.startsWith('diff --git '));
    if (sections.length !== patches.length)
        return undefined;
    return sections
        .filter((_, index) => {
        const patch = patches[index];
        return !((patch.oldPath && files.has(patch.oldPath)) || (patch.newPath && files.has(patch.newPath)));
    })
        .join('');
}


/***/ }),

/***/ 3021:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ checkTemplate),
/* harmony export */   NF: () => (/* binding */ pullRequestBody),
/* harmony export */   Zr: () => (/* binding */ pullRequestTitle),
/* harmony export */   is: () => (/* binding */ commitMessageText)
/* harmony export */ });
/* unused harmony exports PLACEHOLDERS, placeholderValues, fillTemplate */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9846);


/** The placeholders a template may use. */
const PLACEHOLDERS = ['fingerprint', 'check', 'fixer', 'failed-tests', 'run-url'];
/** What a placeholder looks like: a name in braces, nothing else inside (`{ a: 1 }` is text, not a placeholder). */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_-]*)\}/g;
/** Returns `template` when every placeholder in it is known; else an InvalidInputError naming the unknown ones. */
function checkTemplate(template, what) {
    const unknown = [...template.matchAll(PLACEHOLDER)]
        .map(match => match[1])
        .filter(name => !PLACEHOLDERS.includes(name));
    if (unknown.length) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidInputError */ .oC(`${what} uses unknown placeholder(s) ${[...new Set(unknown)].map(name => `{${name}}`).join(', ')}: the placeholders are ${PLACEHOLDERS.map(name => `{${name}}`).join(', ')}.`);
    }
    return template;
}
/** The values of the placeholders. */
function placeholderValues(input) {
    const { fix, fingerprint, facts = {} } = input;
    const failed = facts.failed ?? fingerprint.signatures;
    return {
        fingerprint: fingerprint.id,
        check: facts.check ?? input.kind,
        fixer: fix.source === 'memory' ? 'a remembered fix' : fix.fixers.join(', then '),
        'failed-tests': failed.length
            ? `${failed.slice(0, 10).join(', ')}${failed.length > 10 ? `, and ${failed.length - 10} more` : ''}`
            : 'none',
        'run-url': facts.runUrl ?? ''
    };
}
/** Fills in a template's placeholders (all known: checkTemplate checked them). */
function fillTemplate(template, values) {
    return template.replace(PLACEHOLDER, (whole, name) => name in values ? values[name] : whole);
}
/** The pull request's title: the `title` template, or self-heal's. */
function pullRequestTitle(input) {
    const template = input.shape.title?.trim();
    return template
        ? fillTemplate(template, placeholderValues(input))
        : `self-heal: fix the failing ${input.kind} check (${input.fingerprint.id})`;
}
/** The pull request's body: the `body` template, or what failed, the fix, and links to the run and the commit. */
function pullRequestBody(input) {
    const template = input.shape.body?.trim();
    if (template)
        return fillTemplate(template, placeholderValues(input));
    const { fix, fingerprint, kind, facts = {} } = input;
    const code = (text) => `\`${text.replace(/`/g, "'")}\``;
    const signatures = fingerprint.signatures
        .slice(0, 20)
        .map(s => `- ${code(s)}`)
        .join('\n');
    const commit = facts.commit
        ? facts.commitUrl
            ? `[${facts.commit.slice(0, 12)}](${facts.commitUrl})`
            : code(facts.commit.slice(0, 12))
        : '';
    const seen = [
        facts.runUrl ? `in [this workflow run](${facts.runUrl})` : '',
        commit ? `at commit ${commit}` : ''
    ].filter(Boolean);
    return [
        `The ${kind} check failed${seen.length ? ` ${seen.join(' ')}` : ''}; self-heal found a fix and verified it by running the check again, which passed.`,
        '',
        `- Fix: ${fix.source === 'memory' ? 'remembered (verified before for the same failure)' : fix.fixers.map(code).join(', then ')}`,
        `- Changes: ${(0,_report_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(fix.stats.files, 'file')}, +${fix.stats.added} -${fix.stats.removed}`,
        `- Fingerprint: ${code(fingerprint.id)} (${fingerprint.basis})`,
        '',
        '<details><summary>What failed</summary>',
        '',
        signatures,
        fingerprint.signatures.length > 20 ? `- … and ${fingerprint.signatures.length - 20} more` : '',
        '',
        '</details>'
    ].join('\n');
}
/** The fix commit's message, before self-heal's trailer: the `commit-message` template, or self-heal's. */
function commitMessageText(input) {
    const template = input.shape.commitMessage?.trim();
    if (template)
        return fillTemplate(template, placeholderValues(input));
    const { fix, kind } = input;
    const by = fix.source === 'memory' ? 'a fix verified before for this failure' : fix.fixers.join(', then ');
    return `fix: make the failing ${kind} check pass\n\nMade by ${by}, and verified by running the ${kind} check again.`;
}


/***/ })

};

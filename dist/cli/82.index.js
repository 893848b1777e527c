export const id = 82;
export const ids = [82];
export const modules = {

/***/ 5082:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  findEslintJson: () => (/* reexport */ findEslintJson),
  findJestJson: () => (/* reexport */ findJestJson),
  looksLikeJUnit: () => (/* reexport */ looksLikeJUnit),
  looksLikeTap: () => (/* reexport */ looksLikeTap),
  parseEslintJson: () => (/* reexport */ parseEslintJson),
  parseJUnit: () => (/* reexport */ parseJUnit),
  parseJestJson: () => (/* reexport */ parseJestJson),
  parseProblemOutput: () => (/* reexport */ parseProblemOutput),
  parseTap: () => (/* reexport */ parseTap),
  parseTestOutput: () => (/* reexport */ parseTestOutput),
  readBuildProblems: () => (/* binding */ readBuildProblems),
  readLintResults: () => (/* binding */ readLintResults),
  readTestResults: () => (/* binding */ readTestResults),
  stripAnsi: () => (/* reexport */ reports_text/* stripAnsi */.aJ),
  toRepoPath: () => (/* reexport */ reports_text/* toRepoPath */.xD)
});

// EXTERNAL MODULE: ./src/reports/text.ts
var reports_text = __webpack_require__(7080);
;// CONCATENATED MODULE: ./src/reports/jest-json.ts

/** Whether a parsed JSON value is a Jest/Vitest JSON report. */
function isJestJson(value) {
    return (!!value &&
        typeof value === 'object' &&
        Array.isArray(value.testResults) &&
        ('numTotalTests' in value || 'numFailedTests' in value || 'success' in value));
}
/** Finds a Jest JSON report in a command's stdout (alone, or as the last line after other output). */
function findJestJson(stdout) {
    for (const candidate of jsonCandidates(stdout, '{')) {
        if (isJestJson(candidate))
            return candidate;
    }
    return undefined;
}
/** Parses a Jest JSON report (text or parsed). */
function parseJestJson(report, context) {
    const data = typeof report === 'string' ? JSON.parse(report) : report;
    if (!isJestJson(data))
        throw new Error('Not a Jest JSON report: it has no testResults array.');
    const counted = data;
    const result = { failedTests: [], counts: { total: 0, failed: 0, skipped: 0 } };
    let total = 0;
    let failed = 0;
    let skipped = 0;
    for (const file of data.testResults) {
        const repoFile = file.name ? (0,reports_text/* toRepoPath */.xD)(file.name, context) : undefined;
        let failedInFile = 0;
        for (const assertion of file.assertionResults ?? []) {
            total++;
            if (assertion.status === 'pending' || assertion.status === 'skipped' || assertion.status === 'todo')
                skipped++;
            if (assertion.status !== 'failed')
                continue;
            failed++;
            failedInFile++;
            const titles = [
                ...(assertion.ancestorTitles ?? []),
                assertion.title ?? assertion.fullName ?? '(unnamed test)'
            ];
            const messages = (assertion.failureMessages ?? []).map(reports_text/* stripAnsi */.aJ).join('\n');
            const entry = { name: titles.filter(Boolean).join(' › '), message: (0,reports_text/* firstLines */.UV)(messages) };
            if (repoFile)
                entry.file = repoFile;
            // The failing assertion's line (from the stack) is more useful than the test's first line (`location`).
            const line = (0,reports_text/* lineInFile */.ml)(messages, repoFile) ?? (0,reports_text/* positiveInt */.NJ)(assertion.location?.line);
            if (line)
                entry.line = line;
            result.failedTests.push(entry);
        }
        const suiteMessage = file.message || file.failureMessage || '';
        if (file.status === 'failed' && failedInFile === 0 && suiteMessage.trim()) {
            // The file itself failed (a syntax error, a failing hook): name the file.
            failed++;
            const entry = { name: repoFile ?? 'test suite', message: (0,reports_text/* firstLines */.UV)(suiteMessage) };
            if (repoFile)
                entry.file = repoFile;
            const line = (0,reports_text/* lineInFile */.ml)(suiteMessage, repoFile);
            if (line)
                entry.line = line;
            result.failedTests.push(entry);
        }
    }
    result.counts = {
        total: numberOr(counted.numTotalTests, total),
        failed: Math.max(numberOr(counted.numFailedTests, failed), result.failedTests.length),
        skipped: numberOr(counted.numPendingTests, skipped) + numberOr(counted.numTodoTests, 0)
    };
    return result;
}
/** JSON values of a given kind (`{` or `[`) in a text: the whole text, else each line that starts with one. */
function jsonCandidates(text, opening) {
    const found = [];
    const trimmed = text.trim();
    if (trimmed.startsWith(opening)) {
        try {
            found.push(JSON.parse(trimmed));
            return found;
        }
        catch {
            // Not one JSON document: look line by line.
        }
    }
    const lines = text.split('\n');
    for (let index = lines.length - 1; index >= 0; index--) {
        const line = lines[index].trim();
        if (!line.startsWith(opening))
            continue;
        try {
            found.push(JSON.parse(lines.slice(index).join('\n').trim()));
        }
        catch {
            try {
                found.push(JSON.parse(line));
            }
            catch {
                // Not JSON.
            }
        }
    }
    return found;
}
function numberOr(value, fallback) {
    return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

;// CONCATENATED MODULE: ./src/reports/eslint-json.ts


/** Whether a parsed JSON value is an ESLint JSON report. */
function isEslintJson(value) {
    return (Array.isArray(value) &&
        value.every(item => !!item &&
            typeof item === 'object' &&
            typeof item.filePath === 'string' &&
            Array.isArray(item.messages)));
}
/** Finds an ESLint JSON report in a command's stdout (an empty array counts: a clean run). */
function findEslintJson(stdout) {
    for (const candidate of jsonCandidates(stdout, '['))
        if (isEslintJson(candidate))
            return candidate;
    return undefined;
}
/** Parses an ESLint JSON report (text or parsed) into problems, in report order. */
function parseEslintJson(report, context) {
    const data = typeof report === 'string' ? JSON.parse(report) : report;
    if (!isEslintJson(data))
        throw new Error('Not an ESLint JSON report: expected an array of { filePath, messages }.');
    const problems = [];
    for (const file of data) {
        for (const message of file.messages) {
            const problem = {
                file: (0,reports_text/* toRepoPath */.xD)(file.filePath, context),
                severity: message.severity === 1 ? 'warning' : 'error',
                message: (message.message ?? '').trim()
            };
            const line = (0,reports_text/* positiveInt */.NJ)(message.line);
            const column = (0,reports_text/* positiveInt */.NJ)(message.column);
            if (line)
                problem.line = line;
            if (column)
                problem.column = column;
            if (message.ruleId)
                problem.rule = message.ruleId;
            problems.push(problem);
        }
    }
    return problems;
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/reports/junit.ts


// The XML parser is loaded with the first report that needs it: most checks print none.
let parser;
function xmlParser() {
    parser ??= __webpack_require__.e(/* import() */ 824).then(__webpack_require__.bind(__webpack_require__, 5824)).then(({ XMLParser }) => new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '@_',
        textNodeName: '#text',
        parseAttributeValue: false,
        parseTagValue: false,
        trimValues: false,
        processEntities: true,
        htmlEntities: true,
        isArray: name => ['testsuite', 'testcase', 'failure', 'error', 'skipped', 'testsuites'].includes(name)
    }));
    return parser;
}
/** Whether a text looks like a JUnit XML document. */
function looksLikeJUnit(text) {
    return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(testsuites|testsuite)[\s>]/.test(text);
}
/** Parses a JUnit XML report; InvalidInputError when it is not one. */
async function parseJUnit(xml, context) {
    const parser = await xmlParser();
    let document;
    try {
        document = parser.parse(xml, true);
    }
    catch (error) {
        throw new errors/* InvalidInputError */.oC(`The JUnit report is not well-formed XML: ${error.message}`);
    }
    const roots = [...asArray(document.testsuites), ...asArray(document.testsuite)];
    if (roots.length === 0)
        throw new errors/* InvalidInputError */.oC('The JUnit report has no <testsuites> or <testsuite> element.');
    const result = { failedTests: [], counts: { total: 0, failed: 0, skipped: 0 } };
    for (const root of roots)
        visitSuite(root, undefined, result, context);
    return result;
}
function visitSuite(suite, inheritedFile, result, context) {
    const file = attribute(suite, 'file') ?? attribute(suite, 'filepath') ?? inheritedFile;
    for (const nested of [...asArray(suite.testsuite), ...asArray(suite.testsuites)])
        visitSuite(nested, file, result, context);
    for (const testcase of asArray(suite.testcase)) {
        result.counts.total++;
        const problems = [...listOf(testcase.failure), ...listOf(testcase.error)];
        if (problems.length === 0) {
            if (testcase.skipped !== undefined)
                result.counts.skipped++;
            continue;
        }
        result.counts.failed++;
        const name = attribute(testcase, 'name') ?? '(unnamed test)';
        const classname = attribute(testcase, 'classname');
        const details = problems.map(describeProblem).filter(Boolean).join('\n\n');
        const caseFile = attribute(testcase, 'file') ??
            attribute(testcase, 'filepath') ??
            file ??
            pathLike(classname) ??
            moduleFile(classname, details);
        const repoFile = caseFile ? (0,reports_text/* toRepoPath */.xD)(caseFile, context) : undefined;
        const failed = { name: fullName(classname, name, caseFile), message: (0,reports_text/* firstLines */.UV)(details) };
        if (repoFile)
            failed.file = repoFile;
        const line = (0,reports_text/* positiveInt */.NJ)(attribute(testcase, 'line')) ?? (0,reports_text/* lineInFile */.ml)(details, repoFile);
        if (line)
            failed.line = line;
        result.failedTests.push(failed);
    }
}
/** `classname › name`, unless the class name is a file path or is already part of the name. */
function fullName(classname, name, file) {
    // node:test's JUnit reporter gives top-level tests the class name `test`: no suite to name.
    if (!classname ||
        classname === 'test' ||
        classname === file ||
        pathLike(classname) ||
        name.includes(classname)) {
        return name;
    }
    return `${classname} › ${name}`;
}
function describeProblem(problem) {
    if (typeof problem === 'string')
        return problem.trim();
    if (!problem || typeof problem !== 'object')
        return '';
    const node = problem;
    const message = attribute(node, 'message')?.trim() ?? '';
    const body = typeof node['#text'] === 'string' ? node['#text'].trim() : '';
    if (!message)
        return body;
    if (!body || body.includes(message))
        return body || message;
    return `${message}\n${body}`;
}
function attribute(node, name) {
    const value = node[`@_${name}`];
    return typeof value === 'string' && value !== '' ? value : undefined;
}
/**
 * The file of a dotted class name (pytest's `tests.test_math.TestStrings`) when the failure text mentions it as
 * `tests/test_math.py:7`: the longest prefix of the name, as a path, that appears with a line number.
 */
function moduleFile(classname, details) {
    if (!classname || !classname.includes('.'))
        return undefined;
    const parts = classname.split('.');
    for (let length = parts.length; length > 0; length--) {
        const stem = parts.slice(0, length).join('/');
        const match = new RegExp(`(?:^|[\\s(])(${(0,reports_text/* escapeRegExp */.Nt)(stem)}\\.[A-Za-z0-9]+):\\d+`, 'm').exec(details);
        if (match)
            return match[1];
    }
    return undefined;
}
function pathLike(value) {
    return value && /[/\\]/.test(value) && /\.[A-Za-z0-9]+$/.test(value) ? value : undefined;
}
/** The items of a repeated element as parsed: a string for text-only elements, an object otherwise. */
function listOf(value) {
    if (value === undefined || value === null)
        return [];
    return Array.isArray(value) ? value : [value];
}
function asArray(value) {
    if (value === undefined || value === null)
        return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map(item => (item && typeof item === 'object' ? item : {}));
}

;// CONCATENATED MODULE: ./src/reports/formatters.ts

// A file, not a sentence: it ends in an extension (summaries and deprecation notes end in a full stop).
const PRETTIER_WARN = /^\[warn\] ((?:(?!: ).)+\.[A-Za-z0-9]+)$/;
const PRETTIER_ERROR = /^\[error\] (\S.*?): (\w*Error: .*?)(?: \((\d+):(\d+)\))?$/;
const BIOME_HEADER = /^(\S.*?)(?::(\d+):(\d+))? ((?:lint|assist|format|organizeImports|parse|syntax|suppressions|plugin)(?:\/[\w/-]+)?)(?: +[A-Z][A-Z_]*)*\s+━{3,}\s*$/;
const BIOME_MESSAGE = /^\s+([×✖!⚠iℹ]) (.+)$/;
const RUFF = /^Would reformat: (.+)$/;
const BLACK = /^would reformat (.+)$/;
const ISORT = /^ERROR: (.+?) Imports are incorrectly sorted and\/or formatted\.$/;
const RUSTFMT = /^Diff in (.+?)(?: at line (\d+)|:(\d+)):$/;
const GOFMT_DIFF = /^diff(?: -u)? (\S+)\.orig \1$/;
const BARE_FILE = /^(?:\.{0,2}\/)?[\w.@+-]+(?:\/[\w.@+-]+)*\.[A-Za-z0-9]+$/;
/** The problem a formatter's line at `index` names, or undefined when it is not such a line. */
function readFormatterLine(lines, index, context) {
    const line = lines[index];
    const at = (file, tool, next = index + 1, lineNumber) => ({
        problem: formatted(file, `not formatted (${tool})`, context, lineNumber),
        next
    });
    let match;
    if ((match = PRETTIER_WARN.exec(line)))
        return at(match[1], 'prettier');
    if ((match = PRETTIER_ERROR.exec(line))) {
        const problem = formatted(match[1], match[2], context, match[3]);
        const column = (0,reports_text/* positiveInt */.NJ)(match[4]);
        if (column)
            problem.column = column;
        // The code frame after it is `[error] > 1 | …` lines.
        let next = index + 1;
        while (next < lines.length && /^\[error\] {1,}(?:>|\d|\|)/.test(lines[next]))
            next++;
        return { problem, next };
    }
    if ((match = BIOME_HEADER.exec(line)))
        return biome(lines, index, match, context);
    if ((match = RUFF.exec(line)))
        return at(match[1], 'ruff format');
    if ((match = BLACK.exec(line)))
        return at(match[1], 'black');
    if ((match = ISORT.exec(line))) {
        return { problem: formatted(match[1], 'imports not sorted (isort)', context), next: index + 1 };
    }
    if ((match = RUSTFMT.exec(line))) {
        // The diff's lines (` `, `-`, `+`) belong to it.
        let next = index + 1;
        while (next < lines.length && /^[ +-]/.test(lines[next]))
            next++;
        return at(match[1], 'rustfmt', next, match[2] ?? match[3]);
    }
    if ((match = GOFMT_DIFF.exec(line))) {
        let next = index + 1;
        while (next < lines.length && /^(?:[ +-]|@@)/.test(lines[next]))
            next++;
        return at(match[1], 'gofmt', next);
    }
    return undefined;
}
/**
 * An output that is only a list of files (`gofmt -l`, `prettier -l`): one problem per file; undefined when any
 * line is something else. The tool is named when every file is Go.
 */
function readFileList(lines, context) {
    const files = lines.map(line => line.trim()).filter(Boolean);
    if (files.length === 0 || !files.every(file => BARE_FILE.test(file)))
        return undefined;
    const message = files.every(file => file.endsWith('.go')) ? 'not formatted (gofmt)' : 'listed by the check';
    return files.map(file => formatted(file, message, context));
}
/** A Biome diagnostic: its header names the file, position and category; its first `×`/`!`/`i` line says what. */
function biome(lines, index, match, context) {
    const [, file, line, column, category] = match;
    let next = index + 1;
    let message = null;
    // The diagnostic's body is indented (or blank) up to the next header or summary.
    while (next < lines.length && (lines[next].trim() === '' || /^\s/.test(lines[next]))) {
        message ??= BIOME_MESSAGE.exec(lines[next]);
        next++;
    }
    const problem = category === 'format'
        ? formatted(file, 'not formatted (biome)', context, line)
        : formatted(file, message?.[2].trim() ?? category, context, line);
    if (category !== 'format') {
        problem.rule = category;
        if (message && /[!⚠iℹ]/.test(message[1]))
            problem.severity = 'warning';
    }
    const columnNumber = (0,reports_text/* positiveInt */.NJ)(column);
    if (columnNumber)
        problem.column = columnNumber;
    return { problem, next };
}
function formatted(file, message, context, line) {
    const problem = { file: (0,reports_text/* toRepoPath */.xD)(file, context), severity: 'error', message };
    const lineNumber = (0,reports_text/* positiveInt */.NJ)(line);
    if (lineNumber)
        problem.line = lineNumber;
    return problem;
}

;// CONCATENATED MODULE: ./src/reports/problems.ts


const TSC_PLAIN = /^(.+?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/;
const TSC_PRETTY = /^(.+?):(\d+):(\d+) - (error|warning) (TS\d+): (.*)$/;
const GCC = /^(.+?):(\d+):(\d+): (fatal error|error|warning): (.*?)(?: \[(-W[\w=-]+)\])?$/;
const RUST_HEAD = /^(error|warning)(?:\[(\w+)\])?: (.+)$/;
const RUST_ARROW = /^\s*--> (.+?):(\d+):(\d+)$/;
const STYLISH_ROW = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.*?)(?:\s{2,}(@?[\w/.-]+))?\s*$/;
const GENERIC = /^([^\s:][^:]*?):(\d+):(?:(\d+):?)?\s+(.*)$/;
/** Reads problems from plain output, in order, without duplicates. */
function parseProblemOutput(output, context) {
    const lines = (0,reports_text/* stripAnsi */.aJ)(output).replace(/\r\n?/g, '\n').split('\n');
    const problems = [];
    const seen = new Set();
    const add = (problem) => {
        const key = [problem.file, problem.line, problem.column, problem.rule, problem.message].join('\0');
        if (seen.has(key) || !problem.message)
            return;
        seen.add(key);
        problems.push(problem);
    };
    const fileList = readFileList(lines, context);
    if (fileList) {
        fileList.forEach(add);
        return problems;
    }
    let stylishFile;
    for (let index = 0; index < lines.length; index++) {
        const line = lines[index];
        const rowMatch = stylishFile ? STYLISH_ROW.exec(line) : null;
        if (rowMatch && stylishFile) {
            add(problem(stylishFile, rowMatch[1], rowMatch[2], rowMatch[3], rowMatch[4].trim(), rowMatch[5], context));
            continue;
        }
        stylishFile = undefined;
        const formatter = readFormatterLine(lines, index, context);
        if (formatter) {
            add(formatter.problem);
            index = formatter.next - 1;
            continue;
        }
        const tsc = TSC_PLAIN.exec(line) ?? TSC_PRETTY.exec(line);
        if (tsc) {
            add(problem(tsc[1], tsc[2], tsc[3], tsc[4], tsc[6], tsc[5], context));
            continue;
        }
        const gcc = GCC.exec(line);
        if (gcc && !/^\s/.test(line)) {
            add(problem(gcc[1], gcc[2], gcc[3], gcc[4] === 'warning' ? 'warning' : 'error', gcc[5], gcc[6], context));
            continue;
        }
        const rust = RUST_HEAD.exec(line);
        const arrow = rust && index + 1 < lines.length ? RUST_ARROW.exec(lines[index + 1]) : null;
        if (rust && arrow) {
            add(problem(arrow[1], arrow[2], arrow[3], rust[1], rust[3], rust[2], context));
            index++;
            continue;
        }
        // A stylish block starts with a bare file path followed by an indented `line:col  severity  message` row.
        if (/^\S.*\S$|^\S$/.test(line) &&
            !line.includes(': ') &&
            index + 1 < lines.length &&
            STYLISH_ROW.test(lines[index + 1])) {
            stylishFile = line.trim();
            continue;
        }
        // Notes explain the diagnostic before them; they are not problems of their own.
        if (/^\S.*?:\d+:\d+: note: /.test(line))
            continue;
        const generic = GENERIC.exec(line);
        if (generic && looksLikePath(generic[1]))
            add(genericProblem(generic, context));
    }
    return problems;
}
function genericProblem(match, context) {
    let message = match[4].trim();
    let severity = 'error';
    let rule;
    const word = /^(error|warning|warn|info|note)\s*:\s*/i.exec(message);
    if (word) {
        severity = /^warn/i.test(word[1]) || /^(info|note)$/i.test(word[1]) ? 'warning' : 'error';
        message = message.slice(word[0].length);
    }
    // ESLint's `unix` format ends with `[Error/rule-id]`; golangci-lint with `(linter)`.
    const bracket = /\s*\[(Error|Warning)\/([^\]]+)\]$/.exec(message);
    if (bracket) {
        severity = bracket[1] === 'Warning' ? 'warning' : 'error';
        rule = bracket[2];
        message = message.slice(0, bracket.index);
    }
    else {
        const code = /^([A-Z]{1,4}\d{2,5})\s+(.*)$/.exec(message);
        if (code) {
            rule = code[1];
            message = code[2];
        }
        else {
            const linter = /\s+\(([\w-]+)\)$/.exec(message);
            if (linter) {
                rule = linter[1];
                message = message.slice(0, linter.index);
            }
        }
    }
    return problem(match[1], match[2], match[3], severity, message, rule, context);
}
function problem(file, line, column, severity, message, rule, context) {
    const result = {
        file: (0,reports_text/* toRepoPath */.xD)(file, context),
        severity: severity === 'warning' ? 'warning' : 'error',
        message: message.trim()
    };
    const lineNumber = (0,reports_text/* positiveInt */.NJ)(line);
    const columnNumber = (0,reports_text/* positiveInt */.NJ)(column);
    if (lineNumber)
        result.line = lineNumber;
    if (columnNumber)
        result.column = columnNumber;
    if (rule)
        result.rule = rule;
    return result;
}
/** Filters out things shaped like `x:1:2 text` that are not files: URLs, times, stack frames, log prefixes. */
function looksLikePath(candidate) {
    if (/^(https?|ftp|ssh|node|internal)$/i.test(candidate) || candidate.includes('://'))
        return false;
    if (/^\s|^at\s|^\d+$/.test(candidate))
        return false;
    // A file path has an extension or a directory separator, and no spaces in its first segment.
    return /[/\\]|\.[A-Za-z0-9]+$/.test(candidate) && !/^\S+\s/.test(candidate);
}

;// CONCATENATED MODULE: ./src/reports/tap.ts

const POINT = /^(\s*)(not ok|ok)\b\s*(\d+)?\s*(?:-\s*)?(.*)$/;
const SUBTEST = /^(\s*)# Subtest: (.*)$/;
const PLAN = /^\s*1\.\.\d+/;
/** Whether a text is TAP output: a version line, or a plan next to at least one test point. */
function looksLikeTap(text) {
    const clean = (0,reports_text/* stripAnsi */.aJ)(text);
    if (/^\s*TAP version \d+\s*$/m.test(clean))
        return true;
    return /^\s*1\.\.\d+\s*$/m.test(clean) && /^\s*(?:not )?ok\b/m.test(clean);
}
/** Parses TAP output; only leaf tests count (a parent that failed because a subtest did is not listed again). */
async function parseTap(text, context) {
    const lines = (0,reports_text/* stripAnsi */.aJ)(text).replace(/\r\n/g, '\n').split('\n');
    const points = [];
    const subtests = [];
    // For each indentation, whether a deeper test point appeared since the last point at that indentation.
    const deeperSeen = new Map();
    for (let index = 0; index < lines.length; index++) {
        const line = lines[index];
        const subtest = SUBTEST.exec(line);
        if (subtest) {
            const indent = subtest[1].length;
            while (subtests.length > 0 && subtests[subtests.length - 1].indent >= indent)
                subtests.pop();
            subtests.push({ indent, name: subtest[2].trim() });
            continue;
        }
        const match = POINT.exec(line);
        if (!match || PLAN.test(line))
            continue;
        const indent = match[1].length;
        let description = match[4];
        let directive;
        const directiveMatch = /\s*(?<!\\)#\s*(SKIP|TODO)\b.*$/i.exec(description);
        if (directiveMatch) {
            directive = directiveMatch[1].toLowerCase();
            description = description.slice(0, directiveMatch.index);
        }
        else {
            description = description.replace(/\s*(?<!\\)#\s.*$/, '');
        }
        const point = {
            indent,
            ok: match[2] === 'ok',
            name: description.replace(/\\#/g, '#').trim() || `test ${match[3] ?? points.length + 1}`,
            directive,
            ancestors: subtests.filter(entry => entry.indent < indent).map(entry => entry.name),
            hasChildren: deeperSeen.get(indent) === true
        };
        deeperSeen.set(indent, false);
        for (let level = 0; level < indent; level++)
            deeperSeen.set(level, true);
        // The test's own `# Subtest:` header (same indentation) is closed by its result.
        while (subtests.length > 0 && subtests[subtests.length - 1].indent >= indent)
            subtests.pop();
        // A YAML block follows on the next lines, indented deeper: `---` … `...`.
        if (index + 1 < lines.length && /^\s*---\s*$/.test(lines[index + 1])) {
            const body = [];
            let cursor = index + 2;
            while (cursor < lines.length && !/^\s*\.\.\.\s*$/.test(lines[cursor]))
                body.push(lines[cursor++]);
            point.diagnostics = dedent(body).join('\n');
            index = cursor;
        }
        else if (point.ok === false) {
            // Reporters without YAML (mocha's `tap`) print the error as plain lines indented under the test point.
            const body = [];
            let cursor = index + 1;
            while (cursor < lines.length &&
                (lines[cursor].trim() === '' || lines[cursor].length - lines[cursor].trimStart().length > indent) &&
                !POINT.test(lines[cursor]) &&
                !SUBTEST.test(lines[cursor]) &&
                !/^\s*#/.test(lines[cursor])) {
                body.push(lines[cursor++]);
            }
            if (body.some(line => line.trim() !== '')) {
                point.plain = body.join('\n');
                index = cursor - 1;
            }
        }
        points.push(point);
    }
    const result = { failedTests: [], counts: { total: 0, failed: 0, skipped: 0 } };
    // The YAML reader is loaded only for diagnostics of a failed test.
    const yaml = points.some(p => !p.ok && p.diagnostics) ? (await __webpack_require__.e(/* import() */ 243).then(__webpack_require__.bind(__webpack_require__, 3243))).load : undefined;
    for (const point of points) {
        if (point.hasChildren)
            continue;
        result.counts.total++;
        if (point.directive === 'skip') {
            result.counts.skipped++;
            continue;
        }
        if (point.ok || point.directive === 'todo')
            continue;
        result.counts.failed++;
        result.failedTests.push(toFailedTest(point, yaml, context));
    }
    return result;
}
function toFailedTest(point, load, context) {
    const failed = { name: [...point.ancestors, point.name].join(' › '), message: '' };
    if (point.plain) {
        failed.message = (0,reports_text/* firstLines */.UV)(point.plain, 12);
        const frame = /\((?!node:)([^()\s]+?):(\d+):\d+\)/.exec(point.plain);
        if (frame && !frame[1].includes('node_modules')) {
            failed.file = (0,reports_text/* toRepoPath */.xD)(frame[1], context);
            failed.line = Number(frame[2]);
        }
    }
    if (!point.diagnostics || !load)
        return failed;
    let data = {};
    try {
        const loaded = load(point.diagnostics);
        if (loaded && typeof loaded === 'object')
            data = loaded;
    }
    catch {
        failed.message = (0,reports_text/* firstLines */.UV)(point.diagnostics);
        return failed;
    }
    const message = [data.message, data.error, data.msg].find(value => typeof value === 'string' && value.trim());
    const errorObject = data.error && typeof data.error === 'object' ? data.error : undefined;
    failed.message = (0,reports_text/* firstLines */.UV)(typeof message === 'string'
        ? message
        : typeof errorObject?.message === 'string'
            ? errorObject.message
            : '');
    const location = readLocation(data.at ?? data.location ?? data.file);
    if (location.file)
        failed.file = (0,reports_text/* toRepoPath */.xD)(location.file, context);
    const line = location.line ?? (0,reports_text/* positiveInt */.NJ)(data.line) ?? (0,reports_text/* lineInFile */.ml)(String(data.stack ?? ''), failed.file);
    if (line)
        failed.line = line;
    if (!failed.message && typeof data.stack === 'string')
        failed.message = (0,reports_text/* firstLines */.UV)(data.stack, 5);
    return failed;
}
/** `'path:line:col'`, `{ file, line }` or `{ fileName, lineNumber }`. */
function readLocation(value) {
    if (typeof value === 'string') {
        const match = /^(.*?):(\d+)(?::\d+)?$/.exec(value.trim());
        return match ? { file: match[1], line: (0,reports_text/* positiveInt */.NJ)(match[2]) } : { file: value.trim() || undefined };
    }
    if (value && typeof value === 'object') {
        const object = value;
        const file = [object.file, object.fileName, object.filename].find(item => typeof item === 'string');
        return { file: file, line: (0,reports_text/* positiveInt */.NJ)(object.line ?? object.lineNumber) };
    }
    return {};
}
function dedent(lines) {
    const indents = lines.filter(line => line.trim()).map(line => /^\s*/.exec(line)?.[0].length ?? 0);
    const cut = indents.length ? Math.min(...indents) : 0;
    return lines.map(line => line.slice(cut));
}

;// CONCATENATED MODULE: ./src/reports/test-output.ts

/** Reads failed tests from plain output (stdout and stderr together); empty when no known shape is found. */
function parseTestOutput(output, context) {
    const lines = (0,reports_text/* stripAnsi */.aJ)(output).replace(/\r\n?/g, '\n').split('\n');
    const readers = [readJest, readVitest, readMocha, readNodeSpec, readPytest, readGo];
    const found = [];
    const seen = new Set();
    for (const reader of readers) {
        for (const test of reader(lines, context)) {
            const key = `${test.file ?? ''}\0${test.name}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            found.push(test);
        }
    }
    return found;
}
// Headers are read without regular expressions that backtrack over runs of spaces: a long line of output must
// cost linear time, not quadratic.
/** What follows `FAIL ` on a line (trimmed), or undefined when the line is not a FAIL line. */
function afterFail(line) {
    const match = /^\s*FAIL\s/.exec(line);
    if (!match)
        return undefined;
    const rest = line.slice(match[0].length).trim();
    return rest === '' ? undefined : rest;
}
/** A Jest header without its trailing duration: `src/a.test.ts (5.2 s)` → `src/a.test.ts`. */
function withoutDuration(header) {
    const duration = /\(\d[\d.]* ?m?s\)$/.exec(header);
    return duration && duration.index > 0 ? header.slice(0, duration.index).trimEnd() : header;
}
/** Splits at `>` with whitespace on both sides (Vitest's `file > suite > test`); other `>` belong to the names. */
function splitOnArrows(text) {
    const pieces = text.split('>');
    const parts = [];
    let current = pieces[0];
    for (const piece of pieces.slice(1)) {
        if (current !== current.trimEnd() && piece !== piece.trimStart()) {
            parts.push(current.trim());
            current = piece;
        }
        else
            current += `>${piece}`;
    }
    parts.push(current.trim());
    return parts;
}
/** Jest: `FAIL path` headers, then `  ● suite › test` blocks (and `● Test suite failed to run`). */
function readJest(lines, context) {
    const found = [];
    let file;
    for (let index = 0; index < lines.length; index++) {
        const header = afterFail(lines[index]);
        if (header && !header.includes(' > ')) {
            file = (0,reports_text/* toRepoPath */.xD)(withoutDuration(header), context);
            continue;
        }
        if (/^\s*(PASS|Test Suites:)\s/.test(lines[index]))
            file = undefined;
        const bullet = /^\s*● (.+)$/.exec(lines[index]);
        if (!bullet || !file || /^Console$/.test(bullet[1].trim()))
            continue;
        const body = [];
        let cursor = index + 1;
        while (cursor < lines.length &&
            !/^\s*● /.test(lines[cursor]) &&
            !/^\s*(FAIL|PASS|Test Suites:)\s/.test(lines[cursor])) {
            body.push(lines[cursor++]);
        }
        index = cursor - 1;
        const text = body.join('\n');
        const suiteFailed = bullet[1].trim() === 'Test suite failed to run';
        const test = {
            name: suiteFailed ? file : bullet[1].trim(),
            file,
            message: (0,reports_text/* firstLines */.UV)(text.replace(/^\s*at .*$/gm, '').replace(/^\s*[>\s]\s*\d+ \|.*$|^\s+\|.*$/gm, ''), 12)
        };
        const line = (0,reports_text/* lineInFile */.ml)(text, file) ?? (0,reports_text/* positiveInt */.NJ)(/^\s*>\s*(\d+) \|/m.exec(text)?.[1]);
        if (line)
            test.line = line;
        found.push(test);
    }
    return found;
}
/** Vitest: ` FAIL  file > suite > test` blocks after the `Failed Tests` rule, with ` ❯ file:line:col`. */
function readVitest(lines, context) {
    const found = [];
    for (let index = 0; index < lines.length; index++) {
        const names = splitOnArrows(afterFail(lines[index]) ?? '');
        if (names.length < 2 || names.some(name => name === ''))
            continue;
        const header = [names[0], names.slice(1).join(' > ')];
        const file = (0,reports_text/* toRepoPath */.xD)(header[0], context);
        const body = [];
        let cursor = index + 1;
        while (cursor < lines.length && !/^\s*FAIL\s/.test(lines[cursor]) && !/⎯{3,}/.test(lines[cursor])) {
            body.push(lines[cursor++]);
        }
        index = cursor - 1;
        const text = body.join('\n');
        const location = new RegExp(`❯\\s+${(0,reports_text/* escapeRegExp */.Nt)(header[0])}:(\\d+)`).exec(text);
        const test = {
            name: names.slice(1).join(' › '),
            file,
            message: (0,reports_text/* firstLines */.UV)(text.split(/^\s*❯/m)[0], 12)
        };
        const line = (0,reports_text/* positiveInt */.NJ)(location?.[1]) ?? (0,reports_text/* lineInFile */.ml)(text, file);
        if (line)
            test.line = line;
        found.push(test);
    }
    return found;
}
/** Mocha's spec reporter: after `N failing`, blocks `  1) suite` + indented title lines ending in `:`. */
function readMocha(lines, context) {
    const start = lines.findIndex(line => /^\s*\d+ failing\s*$/.test(line));
    if (start < 0)
        return [];
    const found = [];
    for (let index = start + 1; index < lines.length; index++) {
        const first = /^\s*(\d+)\) (.+)$/.exec(lines[index]);
        if (!first)
            continue;
        const titles = [first[2].trim()];
        let cursor = index + 1;
        // Title lines follow, each further indented; the last one ends with a colon.
        if (!titles[0].endsWith(':')) {
            while (cursor < lines.length && lines[cursor].trim() !== '' && !/^\s*\d+\) /.test(lines[cursor])) {
                const title = lines[cursor++].trim();
                titles.push(title);
                if (title.endsWith(':'))
                    break;
            }
        }
        const body = [];
        while (cursor < lines.length && !/^\s*\d+\) /.test(lines[cursor]))
            body.push(lines[cursor++]);
        index = cursor - 1;
        const text = body.join('\n');
        const frame = /\((?!node:)([^()\s]+?):(\d+):\d+\)/.exec(text);
        const test = {
            name: titles.map(title => title.replace(/:$/, '')).join(' › '),
            message: (0,reports_text/* firstLines */.UV)(text.replace(/^\s*at .*$/gm, ''), 12)
        };
        if (frame && !frame[1].includes('node_modules')) {
            test.file = (0,reports_text/* toRepoPath */.xD)(frame[1], context);
            test.line = Number(frame[2]);
        }
        found.push(test);
    }
    return found;
}
/** node:test's spec reporter: after `✖ failing tests:`, `test at file:line:col` then `✖ name (time)`. */
function readNodeSpec(lines, context) {
    const start = lines.findIndex(line => /^\s*✖ failing tests:\s*$/.test(line));
    if (start < 0)
        return [];
    const found = [];
    for (let index = start + 1; index < lines.length; index++) {
        const at = /^\s*test at (.+?):(\d+):\d+\s*$/.exec(lines[index]);
        const cross = /^\s*✖ (.+?)(?: \([\d.]+m?s\))?\s*$/.exec(lines[at ? index + 1 : index]);
        if (!cross)
            continue;
        if (at)
            index++;
        const body = [];
        let cursor = index + 1;
        while (cursor < lines.length && !/^\s*test at /.test(lines[cursor]) && !/^\s*✖ /.test(lines[cursor])) {
            body.push(lines[cursor++]);
        }
        index = cursor - 1;
        const test = {
            name: cross[1],
            message: (0,reports_text/* firstLines */.UV)(body
                .join('\n')
                .replace(/^\s*at .*$/gm, '')
                .replace(/\{[\s\S]*$/, ''), 12)
        };
        if (at) {
            test.file = (0,reports_text/* toRepoPath */.xD)(at[1], context);
            test.line = Number(at[2]);
        }
        found.push(test);
    }
    return found;
}
/** pytest: `FAILED path::test - message` (and `ERROR …`) summary lines; the line from the test's section. */
function readPytest(lines, context) {
    const found = [];
    for (const text of lines) {
        const match = /^(FAILED|ERROR) (\S+?\.py)::(\S+)(?: - (.*))?$/.exec(text.trim());
        if (!match)
            continue;
        const [, , path, id, message] = match;
        const test = { name: id, file: (0,reports_text/* toRepoPath */.xD)(path, context), message: (message ?? '').trim() };
        const line = pytestLine(lines, path, id);
        if (line)
            test.line = line;
        found.push(test);
    }
    return found;
}
/** The `path:line: Error` line inside the `____ test_name ____` section of a pytest failure. */
function pytestLine(lines, path, id) {
    const title = id.replace(/::/g, '.');
    const start = lines.findIndex(line => new RegExp(`^_{3,} ${(0,reports_text/* escapeRegExp */.Nt)(title)} _{3,}$`).test(line.trim()));
    if (start < 0)
        return undefined;
    let line;
    for (let index = start + 1; index < lines.length && !/^_{3,} .* _{3,}$|^={3,}/.test(lines[index].trim()); index++) {
        const match = new RegExp(`^${(0,reports_text/* escapeRegExp */.Nt)(path)}:(\\d+): `).exec(lines[index]);
        if (match)
            line = Number(match[1]);
    }
    return line;
}
/** go test: `--- FAIL: TestName (0.00s)` followed by indented `file_test.go:12: message` lines. */
function readGo(lines, context) {
    const found = [];
    for (let index = 0; index < lines.length; index++) {
        const match = /^(\s*)--- FAIL: (\S+)(?: \([\d.]+s\))?/.exec(lines[index]);
        if (!match)
            continue;
        const indent = match[1].length;
        const body = [];
        let cursor = index + 1;
        while (cursor < lines.length &&
            /^\s/.test(lines[cursor]) &&
            !/^\s*--- (FAIL|PASS|SKIP):/.test(lines[cursor]) &&
            lines[cursor].length - lines[cursor].trimStart().length > indent) {
            body.push(lines[cursor++].trim());
        }
        if (body.length === 0)
            body.push(...verboseLog(lines, index, match[2]));
        const test = { name: match[2], message: (0,reports_text/* firstLines */.UV)(body.join('\n'), 12) };
        const location = /^(\S+?\.go):(\d+):/.exec(body[0] ?? '');
        if (location) {
            test.file = (0,reports_text/* toRepoPath */.xD)(location[1], context);
            test.line = Number(location[2]);
        }
        found.push(test);
    }
    // A parent test fails because a subtest did: keep only the leaves.
    return found.filter(test => !found.some(other => other.name.startsWith(`${test.name}/`)));
}
/** With `go test -v` a test's log comes before its `--- FAIL` line: after its `=== RUN` (or `=== CONT`). */
function verboseLog(lines, failIndex, name) {
    const log = [];
    for (let index = failIndex - 1; index >= 0; index--) {
        const line = lines[index];
        if (line.trim() === `=== RUN   ${name}` || line.trim() === `=== CONT  ${name}`)
            return log;
        if (/^\s*(=== (RUN|CONT|PAUSE)|--- (FAIL|PASS|SKIP):)/.test(line)) {
            log.length = 0;
            continue;
        }
        if (/^\s+\S/.test(line))
            log.unshift(line.trim());
    }
    return [];
}

;// CONCATENATED MODULE: ./src/reports/index.ts














/**
 * Reads a test run: the report file (JUnit XML, Jest JSON or TAP) when there is one, else a report on stdout
 * (Jest JSON, JUnit XML or TAP), else failed tests from the plain output. `source` is `none` when nothing was
 * recognised, `output` only when plain output named at least one failed test.
 */
async function readTestResults(output, context) {
    if (output.report !== undefined) {
        const fromReport = await readTestReport(output.report, context);
        if (fromReport)
            return fromReport;
    }
    const fromStdout = await readTestReport(output.stdout, context);
    if (fromStdout)
        return fromStdout;
    const failedTests = parseTestOutput(`${output.stdout}\n${output.stderr}`, context);
    return failedTests.length > 0 ? { source: 'output', failedTests } : { source: 'none', failedTests: [] };
}
/** Reads a lint run: ESLint JSON (report file, then stdout), else `file:line:col` and stylish output. */
function readLintResults(output, context) {
    if (output.report !== undefined) {
        const parsed = tryJson(output.report);
        if (isEslintJson(parsed))
            return { source: 'eslint-json', problems: parseEslintJson(parsed, context) };
    }
    const printed = findEslintJson(output.stdout);
    if (printed)
        return { source: 'eslint-json', problems: parseEslintJson(printed, context) };
    const problems = parseProblemOutput(`${output.stdout}\n${output.stderr}`, context);
    return problems.length > 0 ? { source: 'output', problems } : { source: 'none', problems: [] };
}
/** Reads a build's diagnostics (tsc, GCC/Clang, rustc, `file:line:col: message`) from its output. */
function readBuildProblems(output, context) {
    return parseProblemOutput(`${output.stdout}\n${output.stderr}`, context);
}
async function readTestReport(text, context) {
    const clean = (0,reports_text/* stripAnsi */.aJ)(text);
    const json = clean.trimStart().startsWith('{') ? tryJson(clean.trim()) : undefined;
    if (isJestJson(json))
        return withSource('jest-json', parseJestJson(json, context));
    const printedJest = findJestJson(clean);
    if (printedJest)
        return withSource('jest-json', parseJestJson(printedJest, context));
    const xmlStart = clean.search(/<\?xml|<testsuites[\s>]|<testsuite[\s>]/);
    if (xmlStart >= 0 && looksLikeJUnit(clean.slice(xmlStart))) {
        try {
            return withSource('junit', await parseJUnit(clean.slice(xmlStart), context));
        }
        catch {
            // Not well-formed: fall through to the other readers.
        }
    }
    if (looksLikeTap(clean))
        return withSource('tap', await parseTap(clean, context));
    return undefined;
}
function withSource(source, parsed) {
    return { source, failedTests: parsed.failedTests, counts: parsed.counts };
}
function tryJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 7080:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NJ: () => (/* binding */ positiveInt),
/* harmony export */   Nt: () => (/* binding */ escapeRegExp),
/* harmony export */   UV: () => (/* binding */ firstLines),
/* harmony export */   aJ: () => (/* binding */ stripAnsi),
/* harmony export */   ml: () => (/* binding */ lineInFile),
/* harmony export */   xD: () => (/* binding */ toRepoPath)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Text helpers shared by the report parsers: ANSI removal, bounded messages, and file paths made
 * repository-relative so that results read the same wherever the repository was checked out.
 */


const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
/** Removes ANSI colour and cursor sequences. */
function stripAnsi(text) {
    return text.replace(ANSI, '');
}
/**
 * The first lines of a message: ANSI removed, stack frames of dependencies and of Node itself dropped, common
 * indentation removed, at most `maxLines` lines and `maxChars` characters.
 */
function firstLines(text, maxLines = 20, maxChars = 2000) {
    const lines = stripAnsi(text)
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .filter(line => !/^\s*at .*(node_modules[/\\]|\(node:|\bnode:internal|<anonymous>\)?$)/.test(line))
        .map(line => line.trimEnd());
    while (lines.length > 0 && lines[0] === '')
        lines.shift();
    let kept = lines.slice(0, maxLines);
    while (kept.length > 0 && kept[kept.length - 1] === '')
        kept = kept.slice(0, -1);
    const indents = kept.filter(line => line !== '').map(line => line.length - line.trimStart().length);
    const cut = indents.length > 0 ? Math.min(...indents) : 0;
    const joined = kept.map(line => line.slice(cut)).join('\n');
    return joined.length > maxChars ? `${joined.slice(0, maxChars - 1)}…` : joined;
}
/**
 * Makes a file path from a tool's output repository-relative (with `/`) when it lies inside the root; paths
 * outside the root, and all paths when no context is given, come back as printed (with `/` separators).
 */
function toRepoPath(file, context) {
    let path = file.trim();
    if (path.startsWith('file://')) {
        try {
            path = (0,node_url__WEBPACK_IMPORTED_MODULE_1__.fileURLToPath)(path);
        }
        catch {
            // Not a valid file URL: keep it as printed.
        }
    }
    if (!context)
        return path.split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/');
    const absolute = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(path) ? path : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(context.cwd, path);
    const inner = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)(context.root, absolute);
    if (inner === '' || inner.startsWith('..') || (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(inner))
        return path.split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/');
    return inner.split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/');
}
/** Parses a positive integer, or undefined. */
function positiveInt(value) {
    const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
    return Number.isInteger(number) && number > 0 ? number : undefined;
}
/** Escapes a string for use inside a regular expression. */
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/**
 * The line of the first stack frame or location (`path:line[:col]`) in a text that points at the given file
 * (matched on its repository-relative path or its base name).
 */
function lineInFile(text, file) {
    if (!file)
        return undefined;
    const name = file.split('/').pop();
    const pattern = new RegExp(`(?:^|[\\s(/\\\\])${escapeRegExp(name)}:(\\d+)(?::\\d+)?`, 'm');
    const match = pattern.exec(stripAnsi(text));
    return match ? positiveInt(match[1]) : undefined;
}


/***/ })

};

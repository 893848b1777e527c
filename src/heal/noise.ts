/**
 * Noise removal for failure fingerprints: what differs between two runs of the same failure (colour, clocks,
 * durations, where the repository and the temp dirs are, line numbers, object addresses, ports, process ids)
 * is replaced by a placeholder, so that only what the failure is remains. Pure and linear-time: every pattern is
 * anchored by a word boundary or a lookbehind and has no nested unbounded repetition, so a pathological line
 * costs time proportional to its length.
 */
import { InvalidInputError } from '../errors.js'
import { escapeRegExp, stripAnsi } from '../reports/text.js'

/** Where the repository was checked out, so that paths inside it become repository-relative. */
export interface NoiseOptions {
  /** The repository root, absolute (POSIX or Windows); paths below it are made relative to it. */
  workspace?: string
}

/** The placeholders noise is replaced with (stable names: they are part of every fingerprint). */
export const PLACEHOLDERS = {
  time: '<time>',
  date: '<date>',
  duration: '<dur>',
  port: '<port>',
  hex: '<hex>',
  uuid: '<uuid>',
  pid: '<pid>',
  seed: '<seed>',
  number: 'N',
  temp: '<tmp>',
  absolute: '<abs>'
} as const

/**
 * Removes the noise from a text: ANSI codes, carriage-return progress, `file://` URLs, absolute paths (made
 * repository-relative, or a placeholder), ports, timestamps, `:line:col`, UUIDs, hex ids and addresses, durations,
 * process ids, random seeds and epoch milliseconds; runs of spaces become one and lines are trimmed. Line breaks
 * are kept, so callers can still pick lines.
 */
export function removeNoise(text: string, options: NoiseOptions = {}): string {
  let out = screenText(text)
  out = out.replace(/\bfile:\/\/\/?(?=[A-Za-z]:[\\/])/g, '').replace(/\bfile:\/\/(?=\/)/g, '')
  out = replacePaths(out, options.workspace)
  out = replacePorts(out)
  out = replaceTimestamps(out)
  out = replaceLineNumbers(out)
  out = replaceIds(out)
  out = replaceDurations(out)
  out = replaceProcessNoise(out)
  return out
    .split('\n')
    .map(line => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
}

/** The text as a terminal shows it: ANSI codes removed, CRLF as LF, lines redrawn with a bare `\r` as redrawn. */
export function screenText(text: string): string {
  const out = stripAnsi(text).replace(/\r\n/g, '\n')
  return out.includes('\r') ? out.split('\n').map(lastRedraw).join('\n') : out
}

/** What a terminal shows of a line redrawn with bare `\r`s (progress bars): the last segment. */
function lastRedraw(line: string): string {
  let end = line.length
  while (end > 0 && line[end - 1] === '\r') end--
  const kept = line.slice(0, end)
  return kept.slice(kept.lastIndexOf('\r') + 1)
}

// ---------------------------------------------------------------------------------------------------------------
// Paths

/** A path segment: no separators, spaces, quotes, colons or brackets, so the match stops where a path does. */
const SEG = String.raw`[\w.@+~%$-]`

/** POSIX absolute paths: not glued to a word, a URL (`://`) or another path. */
const POSIX_PATH = new RegExp(String.raw`(?<![\w.:/\\~$-])/${SEG}+(?:/${SEG}+)*/?`, 'g')

/** Windows absolute paths (`C:\...` or `C:/...`). */
const WINDOWS_PATH = new RegExp(
  String.raw`(?<![\w.\\/-])[A-Za-z]:[\\/](?:${SEG}+(?:[\\/]${SEG}+)*[\\/]?)?`,
  'g'
)

/** Relative paths that climb out of the directory (`../../x/node_modules/...`): their depth is the checkout's. */
const CLIMBING_PATH = new RegExp(String.raw`(?<![\w.\\/-])(?:\.\.[\\/])+${SEG}+(?:[\\/]${SEG}+)*`, 'g')

/**
 * First segments of a POSIX path that make it a file-system path (rather than a URL route such as `/api/users`,
 * which is kept as printed).
 */
const FILESYSTEM_ROOTS = new Set([
  'home',
  'Users',
  'tmp',
  'var',
  'private',
  'opt',
  'usr',
  'mnt',
  'media',
  'srv',
  'root',
  'run',
  'etc',
  'lib',
  'lib64',
  'bin',
  'sbin',
  'snap',
  'nix',
  'proc',
  'dev',
  'Volumes',
  'Library',
  'System',
  'Applications',
  'workspace',
  'workspaces',
  'github',
  '__w',
  'builds',
  'app'
])

/** CI workspaces recognised without being told: GitHub-hosted runners (Linux, Windows, containers). */
const CI_WORKSPACES = [
  /^\/home\/runner\/work\/([^/]+)\/\1(?:\/|$)/,
  /^\/__w\/([^/]+)\/\1(?:\/|$)/,
  /^[A-Za-z]:\/a\/([^/]+)\/\1(?:\/|$)/,
  /^\/github\/workspace(?:\/|$)/
]

/** Temp roots; the first segment below one is a generated name and is dropped. */
const TEMP_ROOTS = [
  /^(?:\/private)?\/(?:tmp|var\/tmp)\//,
  /^\/dev\/shm\//,
  /^(?:\/private)?\/var\/folders\/[^/]+\/[^/]+\/[TC]\//,
  /^\/home\/runner\/work\/_temp\//,
  /^\/__w\/_temp\//,
  /^[A-Za-z]:\/Users\/[^/]+\/AppData\/Local\/Temp\//i,
  /^[A-Za-z]:\/Windows\/Temp\//i,
  /^[A-Za-z]:\/a\/_temp\//i
]

/** Directories from which on a path reads the same on every machine (installed packages). */
const PACKAGE_ANCHOR = /(?:^|\/)(node_modules|site-packages|dist-packages|pkg\/mod)\//g

function replacePaths(text: string, workspace: string | undefined): string {
  let out = text
  const roots = workspace ? workspaceVariants(workspace) : []
  for (const root of roots) {
    // Literal match first: a workspace may hold characters a path segment may not (spaces).
    const pattern = new RegExp(
      `(?<![\\w.-])${escapeRegExp(root)}(?:[\\\\/](${SEG}+(?:[\\\\/]${SEG}+)*[\\\\/]?)?|(?![\\w.\\\\/-]))`,
      isWindowsPath(root) ? 'gi' : 'g'
    )
    out = out.replace(pattern, (_match, rest: string | undefined) => (rest ? rest.replace(/\\/g, '/') : '.'))
  }
  out = out.replace(POSIX_PATH, path => classifyPath(path, true))
  out = out.replace(WINDOWS_PATH, path => classifyPath(path, false))
  out = out.replace(CLIMBING_PATH, path => {
    const anchored = fromPackageAnchor(path.replace(/\\/g, '/'))
    return anchored ?? path
  })
  return out
}

/** The spellings a workspace may be printed in: as given, with either separator, and macOS's `/private` form. */
function workspaceVariants(workspace: string): string[] {
  const trimmed = workspace.trim().replace(/[\\/]+$/, '')
  if (!/^(?:\/|[A-Za-z]:(?:[\\/]|$)|\\\\)/.test(workspace.trim())) {
    // A relative one would turn every word that spells it into a path: refuse rather than erase text.
    throw new InvalidInputError(
      `The workspace '${workspace}' is not an absolute path: pass the repository root as an absolute path ` +
        '(e.g. the checkout directory or GITHUB_WORKSPACE).'
    )
  }
  // The file-system root (a repository at `/`) leaves nothing to remove.
  if (trimmed === '' || /^[A-Za-z]:$/.test(trimmed)) return []
  const variants = new Set([trimmed, trimmed.replace(/\\/g, '/'), trimmed.replace(/\//g, '\\')])
  if (/^\/(?:tmp|var)\//.test(trimmed)) variants.add(`/private${trimmed}`)
  if (/^\/private\/(?:tmp|var)\//.test(trimmed)) variants.add(trimmed.slice('/private'.length))
  // Longest first, so that a longer spelling is not half-replaced by a shorter one.
  return [...variants].sort((a, b) => b.length - a.length)
}

function isWindowsPath(path: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(path) || path.includes('\\')
}

function classifyPath(path: string, posix: boolean): string {
  const unified = path.replace(/\\/g, '/')
  for (const ci of CI_WORKSPACES) {
    const match = ci.exec(unified)
    if (match) return unified.slice(match[0].length) || '.'
  }
  const anchored = fromPackageAnchor(unified)
  if (anchored) return anchored
  for (const temp of TEMP_ROOTS) {
    const match = temp.exec(unified)
    if (match) return tempPath(unified.slice(match[0].length))
  }
  if (posix) {
    const first = unified.slice(1).split('/', 1)[0]
    if (!FILESYSTEM_ROOTS.has(first) || unified.indexOf('/', 1) < 0) return path
  }
  return `${PLACEHOLDERS.absolute}/${baseName(unified)}`
}

/** `<abs>/node_modules/pkg/file.js`: from the last package directory on. */
function fromPackageAnchor(path: string): string | undefined {
  let last: RegExpExecArray | undefined
  PACKAGE_ANCHOR.lastIndex = 0
  for (let match = PACKAGE_ANCHOR.exec(path); match; match = PACKAGE_ANCHOR.exec(path)) last = match
  if (!last) return undefined
  const start = last.index + (last[0].startsWith('/') ? 1 : 0)
  return `${PLACEHOLDERS.absolute}/${path.slice(start)}`
}

/** Below a temp root: the generated first directory dropped, numbers in generated names made `N`. */
function tempPath(rest: string): string {
  const segments = rest.split('/')
  const kept = segments.length > 1 ? segments.slice(1) : segments
  return [PLACEHOLDERS.temp, ...kept.map(segment => segment.replace(/\d+/g, PLACEHOLDERS.number))].join('/')
}

function baseName(path: string): string {
  const trailing = path.endsWith('/')
  const segments = path.split('/').filter(Boolean)
  const last = segments[segments.length - 1] ?? ''
  return trailing && last ? `${last}/` : last
}

// ---------------------------------------------------------------------------------------------------------------
// Ports, timestamps, positions, ids, durations, processes

function replacePorts(text: string): string {
  return text
    .replace(
      /\b(localhost|127\.0\.0\.1|0\.0\.0\.0|(?:\d{1,3}\.){3}\d{1,3}|host\.docker\.internal):\d{1,5}\b/gi,
      `$1:${PLACEHOLDERS.port}`
    )
    .replace(/\[(::1?|::ffff:[\d.]+)\]:\d{1,5}\b/gi, `[$1]:${PLACEHOLDERS.port}`)
    .replace(/(?<![\w:]):::\d{1,5}\b/g, `:::${PLACEHOLDERS.port}`)
    .replace(/\b(port)([ \t]?[:=][ \t]?|[ \t])\d{2,5}\b/gi, `$1$2${PLACEHOLDERS.port}`)
}

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|' +
  'Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\b\\.?'
const WEEKDAY =
  '(?:Mon(?:day)?|Tue(?:s|sday)?|Wed(?:nesday)?|Thu(?:rs|rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\\b'
const ZONE = String.raw`(?:[ \t]?(?:Z|UTC|GMT[+-]\d{4}|GMT|[+-]\d{2}:?\d{2}|[A-Z]{2,4}T)\b)?`

const ISO_DATETIME = new RegExp(
  String.raw`\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}[:_]\d{2}(?:[:_]\d{2}(?:[.,_]\d{1,9})?)?Z?${ZONE})?(?!\d)`,
  'g'
)
const SLASH_DATE =
  /\b(?:\d{4}\/\d{2}\/\d{2}|\d{1,2}\/\d{1,2}\/\d{4}|\d{2}\/[A-Z][a-z]{2}\/\d{4}(?=:\d{2}:))\b/g
const WORDY_DATE = new RegExp(
  String.raw`\b(?:${WEEKDAY},?[ \t]{1,40})?(?:\d{1,2}[ \t]{1,40}${MONTH}|${MONTH}[ \t]{1,40}\d{1,2}(?!\d))(?:,?[ \t]{1,40}\d{4}\b)?`,
  'g'
)
const TIME_OF_DAY = new RegExp(
  String.raw`(?<![\d.])\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:[ \t]?[AaPp][Mm]\b)?${ZONE}(?:[ \t]\d{4}\b)?` +
    String.raw`|\b\d{1,2}:\d{2}[ \t]?[AaPp][Mm]\b`,
  'g'
)
const WORDY_DATE_ALONE = new RegExp(String.raw`\b${WEEKDAY},?[ \t]{1,40}(?=<date>|<time>)`, 'g')

function replaceTimestamps(text: string): string {
  return text
    .replace(ISO_DATETIME, match => (match.length > 10 ? PLACEHOLDERS.time : PLACEHOLDERS.date))
    .replace(SLASH_DATE, PLACEHOLDERS.date)
    .replace(/(?<=<date>):(?=\d{2}:\d{2}:\d{2})/g, ' ')
    .replace(WORDY_DATE, PLACEHOLDERS.date)
    .replace(TIME_OF_DAY, PLACEHOLDERS.time)
    .replace(WORDY_DATE_ALONE, '')
    .replace(/\b1[5-9]\d{11}\b/g, PLACEHOLDERS.time)
}

/** A file name's extension, or the end of `<anonymous>` / `foo)` / `[eval]`, before a `:line:col`. */
const AFTER_FILE = String.raw`(?<=\.[A-Za-z][A-Za-z0-9]{0,9}|[)\]>])`

function replaceLineNumbers(text: string): string {
  return (
    text
      .replace(new RegExp(String.raw`${AFTER_FILE}(?::\d+){1,2}(?!\d)`, 'g'), '')
      .replace(new RegExp(String.raw`${AFTER_FILE}\(\d+,[ \t]?\d+\)`, 'g'), '')
      // ESLint's stylish format starts a problem's line with its position.
      .replace(/^([ \t]*)\d+:\d+(?=[ \t]+(?:error|warning)\b)/gm, '$1')
      .replace(/\((\d+):(\d+)\)/g, `(${PLACEHOLDERS.number}:${PLACEHOLDERS.number})`)
      .replace(/\b(line|ln|col|column)([ \t]?[:=][ \t]?|[ \t])\d+\b/gi, `$1$2${PLACEHOLDERS.number}`)
      .replace(/\b(lines)[ \t]\d+[ \t]?-[ \t]?\d+\b/gi, `$1 ${PLACEHOLDERS.number}-${PLACEHOLDERS.number}`)
  )
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi
const HEX_RUN = /(?<![0-9A-Za-z])(?:[0-9a-f]{7,}|[0-9A-F]{7,})(?![0-9A-Za-z])/g
const TEMP_NAME = /(?<![0-9A-Za-z])(tmp[-_]?|temp[-_])[A-Za-z0-9_-]{4,}/gi

function replaceIds(text: string): string {
  return (
    text
      .replace(UUID, PLACEHOLDERS.uuid)
      .replace(/\b0x[0-9a-f]{4,}\b/gi, `0x${PLACEHOLDERS.hex}`)
      // A hex id has both digits and letters: a plain number or a word made of a-f letters is kept.
      .replace(HEX_RUN, run => (/\d/.test(run) && /[a-f]/i.test(run) ? PLACEHOLDERS.hex : run))
      .replace(TEMP_NAME, (name: string, prefix: string) =>
        /\d/.test(name) ? `${prefix}${PLACEHOLDERS.number}` : name
      )
  )
}

const DURATION = new RegExp(
  String.raw`\b(?:\d+(?:\.\d+)?(?:h|m(?!s))){0,2}\d+(?:\.\d+)?[ \t]?` +
    String.raw`(?:ns|µs|μs|us|ms|s|secs?|seconds?|mins?|minutes?|m|h|hrs?|hours?)\b`,
  'g'
)

/** Durations printed as a bare number after a name that says so (`duration_ms: 0.73` in TAP, `time=12`). */
const NAMED_DURATION =
  /\b(duration(?:_ms)?|elapsed(?:_ms)?|took|time(?:_ms)?)([ \t]?[:=][ \t]?|[ \t])\d+(?:\.\d+)?(?![\w.])/gi

function replaceDurations(text: string): string {
  return text.replace(DURATION, PLACEHOLDERS.duration).replace(NAMED_DURATION, `$1$2${PLACEHOLDERS.duration}`)
}

function replaceProcessNoise(text: string): string {
  return text
    .replace(/\((node|deno|bun):\d+\)/g, `($1:${PLACEHOLDERS.pid})`)
    .replace(/\[\d+:(0x<hex>)\]/g, `[${PLACEHOLDERS.pid}:$1]`)
    .replace(/\b(pid|process id)([ \t]?[:=#][ \t]?|[ \t])\d+\b/gi, `$1$2${PLACEHOLDERS.pid}`)
    .replace(/\b(seed)([ \t]?[:=][ \t]?|[ \t])\d+\b/gi, `$1$2${PLACEHOLDERS.seed}`)
}

/**
 * A file path from a structured result made comparable: `file://` removed, the workspace prefix removed, absolute
 * paths outside it reduced like in `removeNoise`, `\` as `/`, no leading `./`.
 */
export function normalizeFilePath(file: string, options: NoiseOptions = {}): string {
  let path = file.trim()
  if (path.startsWith('file://')) {
    try {
      path = decodeURIComponent(path)
    } catch {
      // A stray `%`: keep it as printed.
    }
    path = path.replace(/^file:\/\/\/?(?=[A-Za-z]:[\\/])/, '').replace(/^file:\/\/(?=\/)/, '')
  }
  return replacePaths(path, options.workspace)
    .replace(/\\/g, '/')
    .replace(/^(?:\.\/)+/, '')
}

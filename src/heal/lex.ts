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

/** How a language writes comments and literals. */
export interface Syntax {
  /** Tokens that start a comment running to the end of the line. */
  lineComments: readonly string[]
  /** A line comment starts only at the start of a word (shell: `a#b` and `$#` are not comments). */
  commentAtWordStart?: boolean
  /** Openers that look like a line comment but are not (`#[` is an attribute in PHP). */
  notComments?: readonly string[]
  /** Block comments, open and close. */
  blockComments: ReadonlyArray<readonly [string, string]>
  /** Block comments nest (Rust, Swift, Kotlin). */
  nestedComments?: boolean
  /** Quotes of strings that end at a line break when not closed before it. */
  quotes: string
  /** Quotes of strings that may span lines. */
  longQuotes?: string
  /** Backslash does not escape in long-quoted strings (Go's raw strings, shell's single quotes). */
  rawLongQuotes?: boolean
  /** Backtick templates with `${…}` (JS). */
  templates?: boolean
  /** Python strings: prefixes (`r`, `b`, `f`…), triple quotes, f-string `{…}`. */
  python?: boolean
  /** Rust strings: `r#"…"#`, byte strings, and `'a` lifetimes beside `'x'` characters. */
  rust?: boolean
  /** JS regex literals. */
  regex?: boolean
  /** `\u0073kip` is `skip` in an identifier (JS). */
  identifierEscapes?: boolean
  /** Where statements end at line breaks: kept as `\n` in the normalised code. */
  statements?: 'python' | 'go'
}

/** A token. Lines are 0-based within the lexed text. */
export interface Token {
  kind: 'word' | 'punct' | 'string' | 'comment' | 'regex' | 'newline'
  /** The source text (for a string: its content, without quotes). */
  text: string
  line: number
  endLine: number
}

/** Where the lexer starts: in code, or inside a construct a previous line opened (a hunk may start inside one). */
export type LexState =
  | { in: 'code' }
  | { in: 'comment'; close: string }
  | { in: 'string'; close: string; raw: boolean; template: boolean }

const CODE: LexState = { in: 'code' }

interface StringFrame {
  close: string
  /** `${` (JS, `{` for Python f-strings), or none. */
  interpolation?: string
  /** A line break ends it (an unterminated single-line string). */
  singleLine: boolean
  raw: boolean
  /** Open braces of the current interpolation; the frame is being read as a string when undefined. */
  depth?: number
}

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
])

const isWordChar = (c: string): boolean =>
  (c >= 'a' && c <= 'z') ||
  (c >= 'A' && c <= 'Z') ||
  (c >= '0' && c <= '9') ||
  c === '_' ||
  c === '$' ||
  c.charCodeAt(0) > 127

/** Keywords after whose `(…)` a `/` starts a regex (`if (x) /re/.test(y)`). */
const KEYWORD_PARENS = new Set(['if', 'while', 'for', 'with'])
/** Keywords after which a `{` opens a block, not an object. */
const BLOCK_AFTER_WORDS = new Set(['else', 'do', 'try', 'finally'])

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v'

/** Tokenises a text. Returns the tokens and the state at its end (not `code` when a construct is left open). */
export function lex(
  text: string,
  syntax: Syntax,
  start: LexState = CODE
): { tokens: Token[]; end: LexState } {
  const tokens: Token[] = []
  const frames: StringFrame[] = []
  // Whether each open `(` follows if/while/for/with, and each open `{` is a block: after its close, a `/` is a
  // regex (`if (a) /'/.test(b)`, `{}\n/'/.test(b)`) rather than a division.
  const parens: boolean[] = []
  const braces: boolean[] = []
  let regexAfterClose = false
  // First characters of comment openers: most characters start none, so most skip the search.
  const openers = new Set(
    [...syntax.lineComments, ...syntax.blockComments.map(([open]) => open)].map(t => t[0])
  )
  let i = 0
  let line = 0
  const n = text.length

  const push = (kind: Token['kind'], value: string, startLine: number): void => {
    tokens.push({ kind, text: value, line: startLine, endLine: line })
  }
  /** Advances over text[from, to), counting line breaks. */
  const advance = (to: number): void => {
    for (let k = i; k < to; k++) if (text[k] === '\n') line++
    i = to
  }
  const lastSignificant = (): Token | undefined => {
    for (let k = tokens.length - 1; k >= 0; k--) {
      if (tokens[k].kind !== 'comment' && tokens[k].kind !== 'newline') return tokens[k]
    }
    return undefined
  }

  /** Reads a block comment whose opener ends at i; nested openers count when the syntax says so. */
  const readComment = (open: string | undefined, close: string, startAt: number): void => {
    const startLine = line
    let depth = 1
    let k = i
    while (k < n) {
      if (open && syntax.nestedComments && text.startsWith(open, k)) {
        depth++
        k += open.length
      } else if (text.startsWith(close, k)) {
        k += close.length
        if (--depth === 0) break
      } else k++
    }
    const end = Math.min(k, n)
    advance(end)
    push('comment', text.slice(startAt, end), startLine)
  }

  /** Reads the string of the top frame from i: to its close (popping it), or to an interpolation. */
  const readString = (frame: StringFrame): void => {
    const startLine = line
    const from = i
    let k = i
    let closed = false
    let interpolated = false
    while (k < n) {
      const c = text[k]
      if (c === '\\' && !frame.raw) {
        k += 2
        continue
      }
      if (c === '\n' && frame.singleLine) break
      if (text.startsWith(frame.close, k)) {
        closed = true
        break
      }
      if (frame.interpolation && text.startsWith(frame.interpolation, k)) {
        // Python's `{{` is a literal brace.
        if (frame.interpolation === '{' && text[k + 1] === '{') {
          k += 2
          continue
        }
        interpolated = true
        break
      }
      k++
    }
    k = Math.min(k, n)
    advance(k)
    push('string', text.slice(from, k), startLine)
    if (closed) {
      advance(i + frame.close.length)
      frames.pop()
    } else if (interpolated) {
      advance(i + (frame.interpolation as string).length)
      frame.depth = 0
    } else frames.pop() // an unterminated string ends at the line break or the end of the text
  }

  if (start.in === 'comment') readComment(undefined, start.close, 0)
  else if (start.in === 'string') {
    frames.push({
      close: start.close,
      interpolation: start.template ? '${' : undefined,
      singleLine: false,
      raw: start.raw
    })
    readString(frames[0])
  }

  while (i < n) {
    const top = frames[frames.length - 1]
    if (top && top.depth === undefined) {
      readString(top)
      continue
    }
    const c = text[i]
    if (c === '\n') {
      push('newline', '\n', line)
      advance(i + 1)
      continue
    }
    if (isSpace(c)) {
      i++
      continue
    }
    // A backslash before a line break joins the lines (Python, shell, C macros).
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      advance(i + (text[i + 1] === '\n' ? 2 : 3))
      continue
    }
    const block = openers.has(c) ? syntax.blockComments.find(([open]) => text.startsWith(open, i)) : undefined
    if (block) {
      const startAt = i
      i += block[0].length
      readComment(block[0], block[1], startAt)
      continue
    }
    const lineComment = openers.has(c)
      ? syntax.lineComments.find(token => text.startsWith(token, i))
      : undefined
    if (
      lineComment &&
      !syntax.notComments?.some(token => text.startsWith(token, i)) &&
      (!syntax.commentAtWordStart || i === 0 || /[\s;|&()]/.test(text[i - 1]))
    ) {
      let k = text.indexOf('\n', i)
      if (k < 0) k = n
      push('comment', text.slice(i, k), line)
      i = k
      continue
    }
    if (top && (c === '{' || c === '}')) {
      if (c === '{') top.depth = (top.depth as number) + 1
      else if (top.depth === 0) {
        top.depth = undefined
        i++
        continue
      } else top.depth = (top.depth as number) - 1
    }
    if (syntax.templates && c === '`') {
      i++
      frames.push({ close: '`', interpolation: '${', singleLine: false, raw: false })
      continue
    }
    if (syntax.python && (c === '"' || c === "'" || isWordChar(c))) {
      const prefix = /^[rRbBuUfF]{0,2}(?=["'])/.exec(text.slice(i, i + 3))
      if (prefix && (prefix[0] !== '' || c === '"' || c === "'")) {
        const at = i + prefix[0].length
        const q = text[at]
        const triple = text.startsWith(q.repeat(3), at)
        const close = triple ? q.repeat(3) : q
        i = at + close.length
        frames.push({
          close,
          interpolation: /f/i.test(prefix[0]) ? '{' : undefined,
          singleLine: !triple,
          raw: /r/i.test(prefix[0])
        })
        continue
      }
    }
    if (syntax.rust) {
      const raw = /^b?r(#*)"/.exec(text.slice(i, i + 260))
      if (raw && (i === 0 || !isWordChar(text[i - 1]))) {
        i += raw[0].length
        frames.push({ close: `"${raw[1]}`, singleLine: false, raw: true })
        continue
      }
      if (c === "'") {
        // 'x' and '\n' are characters; 'a (no closing quote after one character) is a lifetime.
        const isChar = text[i + 1] === '\\' || (text[i + 2] === "'" && text[i + 1] !== "'")
        const startAt = i
        i++
        if (isChar) frames.push({ close: "'", singleLine: true, raw: false })
        else {
          while (i < n && isWordChar(text[i])) i++
          push('word', text.slice(startAt, i), line)
        }
        continue
      }
    }
    if (syntax.quotes.includes(c)) {
      i++
      frames.push({ close: c, singleLine: true, raw: false })
      continue
    }
    if (syntax.longQuotes?.includes(c)) {
      i++
      frames.push({ close: c, singleLine: false, raw: syntax.rawLongQuotes === true })
      continue
    }
    if (syntax.regex && c === '/') {
      const before = lastSignificant()
      const allowed =
        before === undefined ||
        (before.kind === 'punct' && !')]}'.includes(before.text)) ||
        (before.kind === 'punct' && before.text !== ']' && regexAfterClose) ||
        (before.kind === 'word' && REGEX_AFTER_WORDS.has(before.text))
      if (allowed) {
        let k = i + 1
        let inClass = false
        while (k < n && text[k] !== '\n') {
          const d = text[k]
          if (d === '\\') k++
          else if (d === '[') inClass = true
          else if (d === ']') inClass = false
          else if (d === '/' && !inClass) break
          k++
        }
        if (k < n && text[k] === '/') {
          k++
          while (k < n && isWordChar(text[k])) k++
          push('regex', text.slice(i, k), line)
          i = k
          continue
        }
      }
    }
    const escape = syntax.identifierEscapes && c === '\\' && text[i + 1] === 'u'
    if (isWordChar(c) || escape) {
      let word = ''
      let from = i
      while (i < n) {
        if (isWordChar(text[i])) i++
        else if (syntax.identifierEscapes && text[i] === '\\' && text[i + 1] === 'u') {
          const code = /^\\u(?:\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{4}))/.exec(text.slice(i, i + 10))
          if (!code) break
          word +=
            text.slice(from, i) + String.fromCodePoint(Math.min(0x10ffff, parseInt(code[1] ?? code[2], 16)))
          i += code[0].length
          from = i
        } else break
      }
      if (i === from && word === '') {
        push('punct', c, line)
        i++
        continue
      }
      push('word', word + text.slice(from, i), line)
      continue
    }
    if (syntax.regex) {
      const before = lastSignificant()
      if (c === '(') parens.push(before?.kind === 'word' && KEYWORD_PARENS.has(before.text))
      else if (c === ')') regexAfterClose = parens.pop() === true
      else if (c === '{') {
        // After a line break that ends a statement (`x = 1\n{`), a `{` opens a block too.
        const newStatement =
          tokens[tokens.length - 1]?.kind === 'newline' &&
          before !== undefined &&
          (before.kind !== 'punct' || ')]}'.includes(before.text))
        braces.push(
          before === undefined ||
            newStatement ||
            (before.kind === 'punct' && ');{}>'.includes(before.text)) ||
            (before.kind === 'word' && BLOCK_AFTER_WORDS.has(before.text))
        )
      } else if (c === '}') regexAfterClose = braces.pop() !== false
    }
    push('punct', c, line)
    i++
  }

  const open = frames[frames.length - 1]
  const last = tokens[tokens.length - 1]
  let end: LexState = CODE
  if (open && open.depth === undefined && !open.singleLine) {
    end = { in: 'string', close: open.close, raw: open.raw, template: open.interpolation === '${' }
  } else if (last?.kind === 'comment') {
    const block = syntax.blockComments.find(([o]) => last.text.startsWith(o))
    if (block && !last.text.endsWith(block[1])) end = { in: 'comment', close: block[1] }
  }
  return { tokens, end }
}

/** A comment, with the lines it spans (0-based within the lexed text). */
export interface Comment {
  text: string
  line: number
  endLine: number
}

/** Normalised code and the comments of a text (see the module's comment). */
export interface CodeView {
  /** The normalised code. */
  code: string
  /** The comments. */
  comments: Comment[]
  /** The tokens, for analyses that need more than patterns. */
  tokens: Token[]
  /** The 0-based line of the text that the character at `offset` of `code` came from. */
  lineAt(offset: number): number
}

const WORDLIKE = /^[\w$-]{0,40}$/

/** A string literal's content with its escapes decoded (`'sk\\x69p'` is `'skip'`). */
function unescape(content: string): string {
  return content.replace(
    /\\(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|([^xu]))/g,
    (_, x, braced, u, other) =>
      other !== undefined ? other : String.fromCodePoint(Math.min(0x10ffff, parseInt(x ?? braced ?? u, 16)))
  )
}

/** Recent views of texts lexed from code, by syntax: the policy reads one file's sides in several analyses. */
const recent = new WeakMap<Syntax, Map<string, CodeView & { end: LexState }>>()

/** Tokenises a text and normalises its code. */
export function view(text: string, syntax: Syntax, start: LexState = CODE): CodeView & { end: LexState } {
  if (start.in !== 'code') return makeView(text, syntax, start)
  let cache = recent.get(syntax)
  if (!cache) recent.set(syntax, (cache = new Map()))
  let made = cache.get(text)
  if (!made) {
    if (cache.size >= 8) cache.clear()
    made = makeView(text, syntax, start)
    cache.set(text, made)
  }
  return made
}

function makeView(text: string, syntax: Syntax, start: LexState): CodeView & { end: LexState } {
  const { tokens, end } = lex(text, syntax, start)
  const comments: Comment[] = []
  const offsets: number[] = []
  const lines: number[] = []
  const strings = new Map<string, number>()
  // Pieces are joined once at the end: reading the last character of a growing string would flatten it each time.
  const pieces: string[] = []
  let length = 0
  let last = ''
  let depth = 0
  let previous: Token | undefined
  const emit = (piece: string, token: Token): void => {
    if (length > 0 && isWordChar(last) && isWordChar(piece[0])) {
      pieces.push(' ')
      length++
    }
    offsets.push(length)
    lines.push(token.line)
    pieces.push(piece)
    length += piece.length
    last = piece[piece.length - 1]
  }
  for (const token of tokens) {
    if (token.kind === 'comment') {
      comments.push({ text: token.text, line: token.line, endLine: token.endLine })
      continue
    }
    if (token.kind === 'newline') {
      if (!syntax.statements || length === 0 || last === '\n') continue
      const ends =
        syntax.statements === 'python'
          ? depth === 0
          : previous !== undefined && (previous.kind !== 'punct' || ')]}'.includes(previous.text))
      if (ends) emit('\n', token)
      continue
    }
    if (token.kind === 'punct') {
      if ('([{'.includes(token.text)) depth++
      else if (')]}'.includes(token.text)) depth = Math.max(0, depth - 1)
    }
    let piece = token.text
    // A regex literal runs no code: its text is no marker.
    if (token.kind === 'regex') piece = '/r/'
    else if (token.kind === 'string') {
      if (piece.includes('\\')) piece = unescape(piece)
      if (WORDLIKE.test(piece)) {
        // `'sk' + 'ip'` reads as `'skip'`: a computed member spelt in pieces.
        const before = pieces[pieces.length - 2]
        // At most as long as a word-like literal, so a long chain of pieces costs linear time.
        if (
          last === '+' &&
          before !== undefined &&
          before.length + piece.length <= 42 &&
          /^'[\w$-]*'$/.test(before)
        ) {
          pieces.length -= 2
          offsets.pop()
          lines.pop()
          length -= before.length + 1
          piece = `'${before.slice(1, -1)}${piece}'`
          pieces.push(piece)
          length += piece.length
          last = "'"
          previous = token
          continue
        }
        piece = `'${piece}'`
      } else {
        if (!strings.has(piece)) strings.set(piece, strings.size)
        piece = `'~${strings.get(piece)}'`
      }
    }
    emit(piece, token)
    previous = token
  }
  const code = pieces.join('')
  const lineAt = (offset: number): number => {
    let lo = 0
    let hi = offsets.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (offsets[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    return lines[lo] ?? 0
  }
  return { code, comments, tokens, lineAt, end }
}

/**
 * The index just after the bracket that closes the one at `open` in normalised code, or -1. It reads at most
 * `limit` characters, and takes them from `budget` when given, so that many unclosed brackets cost linear time.
 */
export function closing(code: string, open: number, limit = 4000, budget?: { left: number }): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' }
  const stack: string[] = []
  const end = Math.min(code.length, open + Math.min(limit, budget ? Math.max(0, budget.left) : limit))
  let k = open
  let found = -1
  for (; k < end; k++) {
    const c = code[k]
    if (c === "'") {
      const next = code.indexOf("'", k + 1)
      if (next < 0 || next >= end) break
      k = next
    } else if (pairs[c]) stack.push(pairs[c])
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) break
      if (stack.length === 0) {
        found = k + 1
        break
      }
    }
  }
  if (budget) budget.left -= k - open + 1
  return found
}

/** Splits normalised code (the inside of a call) at top-level commas. */
export function splitArguments(code: string): string[] {
  const parts: string[] = []
  let depth = 0
  let current = ''
  for (let k = 0; k < code.length; k++) {
    const c = code[k]
    if (c === "'") {
      const next = code.indexOf("'", k + 1)
      const to = next < 0 ? code.length : next + 1
      current += code.slice(k, to)
      k = to - 1
      continue
    }
    if ('([{'.includes(c)) depth++
    else if (')]}'.includes(c)) depth--
    if (c === ',' && depth === 0) {
      parts.push(current)
      current = ''
    } else current += c
  }
  if (current !== '' || parts.length > 0) parts.push(current)
  return parts
}

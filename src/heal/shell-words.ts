/**
 * A POSIX shell command line read as simple commands and words, so a fixer can be derived from a check's command
 * line and written back with correct quoting. Words keep their spelling as written (`raw`), so a rebuilt command
 * changes only the words it replaces; a word whose value depends on the shell (`$VAR`, `$(…)`, a glob) has no
 * `value` and is never taken for a flag or a command name. What this reader does not follow (subshells, here-documents,
 * process substitution) is a ShellSyntaxError, never a guess.
 */

/** One word of a command. */
export interface ShellWord {
  /** As written in the command line (quotes and escapes included). */
  raw: string
  /** What the shell passes to the program; undefined when that depends on expansions or globs. */
  value?: string
}

/** What follows a command: `&&`, `||`, `;` (also a newline), `&`, `|` (also `|&`), or nothing at the end. */
export type CommandSeparator = '&&' | '||' | ';' | '&' | '|' | ''

/** A simple command: its words and redirections, and how it is joined to the next. */
export interface SimpleCommand {
  /** Its words, including leading `NAME=value` assignments. */
  words: ShellWord[]
  /** Its redirections as written (`2>&1`, `> out.txt`). */
  redirects: string[]
  /** The command as written, from its first word to its last. */
  raw: string
  /** What joins it to the next command. */
  separator: CommandSeparator
  /** Whether it is part of a pipeline (it then runs in a subshell: a `cd` there changes nothing after it). */
  piped: boolean
}

/** A command line this reader does not follow. */
export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ShellSyntaxError'
  }
}

const WORD_BREAK = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')'])
const SPECIAL_PARAMETER = /[@*#?$!0-9-]/
const NAME_START = /[A-Za-z_]/
const NAME_CHAR = /[A-Za-z0-9_]/

/** Reads a command line into simple commands, in order. */
export function parseCommandLine(text: string): SimpleCommand[] {
  return new Reader(text).commands()
}

/** Quotes a value as one shell word: as it is when that is safe, else in single quotes. */
export function quoteWord(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/** A new word with the given value, quoted. */
export function wordOf(value: string): ShellWord {
  return { raw: quoteWord(value), value }
}

/** Joins words back into a command line, each as written. */
export function joinWords(words: readonly ShellWord[]): string {
  return words.map(word => word.raw).join(' ')
}

class Reader {
  private index = 0

  constructor(private readonly text: string) {}

  commands(): SimpleCommand[] {
    const result: SimpleCommand[] = []
    let words: ShellWord[] = []
    let redirects: string[] = []
    let start = -1
    let end = -1
    let piped = false
    const finish = (separator: CommandSeparator): void => {
      if (words.length === 0 && redirects.length === 0) {
        if (separator === '|' || separator === '&&' || separator === '||')
          throw new ShellSyntaxError(`'${separator}' has no command before it.`)
        return
      }
      result.push({
        words,
        redirects,
        raw: this.text.slice(start, end),
        separator,
        piped: piped || separator === '|'
      })
      piped = separator === '|'
      words = []
      redirects = []
      start = -1
    }
    while (this.index < this.text.length) {
      const char = this.text[this.index]
      if (char === ' ' || char === '\t') {
        this.index++
      } else if (char === '\\' && this.text[this.index + 1] === '\n') {
        this.index += 2
      } else if (char === '#') {
        while (this.index < this.text.length && this.text[this.index] !== '\n') this.index++
      } else if (char === '\n' || char === ';') {
        if (this.text.startsWith(';;', this.index))
          throw new ShellSyntaxError("';;' (a case clause) is not read.")
        this.index++
        finish(';')
      } else if (char === '&' && this.text[this.index + 1] === '&') {
        this.index += 2
        finish('&&')
      } else if (char === '|' && this.text[this.index + 1] === '|') {
        this.index += 2
        finish('||')
      } else if (char === '|') {
        this.index += this.text[this.index + 1] === '&' ? 2 : 1
        finish('|')
      } else if (char === '&' && this.text[this.index + 1] !== '>') {
        this.index++
        finish('&')
      } else if (char === '(' || char === ')') {
        throw new ShellSyntaxError('A subshell or group in parentheses is not read.')
      } else {
        const from = this.index
        const redirect = this.redirect()
        if (start < 0) start = from
        if (redirect !== undefined) redirects.push(redirect)
        else words.push(this.word())
        end = this.index
      }
    }
    finish('')
    return result
  }

  /** A redirection at the current position (`>`, `2>>`, `&>`, `<`, `2>&1`, with its target), or undefined. */
  private redirect(): string | undefined {
    const match = /^(?:\d*(?:>>|>&|>\||<&|<>|>|<)|&>>?)/.exec(this.text.slice(this.index, this.index + 8))
    if (!match) return undefined
    if (this.text.startsWith('<<', this.index + match[0].length - 1))
      throw new ShellSyntaxError('A here-document (<<) is not read.')
    if (this.text[this.index + match[0].length] === '(')
      throw new ShellSyntaxError('Process substitution (<(…), >(…)) is not read.')
    const from = this.index
    this.index += match[0].length
    while (this.text[this.index] === ' ' || this.text[this.index] === '\t') this.index++
    if (this.index >= this.text.length || WORD_BREAK.has(this.text[this.index]))
      throw new ShellSyntaxError(`The redirection '${match[0]}' has no target.`)
    this.word()
    return this.text.slice(from, this.index)
  }

  /** One word: quotes, escapes and expansions joined until an unquoted break. */
  private word(): ShellWord {
    const from = this.index
    let value = ''
    let literal = true
    while (this.index < this.text.length) {
      const char = this.text[this.index]
      if (WORD_BREAK.has(char)) break
      if (char === '\\') {
        const next = this.text[this.index + 1]
        this.index += 2
        if (next === undefined) throw new ShellSyntaxError('The command line ends with a backslash.')
        if (next !== '\n') value += next
      } else if (char === "'") {
        const close = this.text.indexOf("'", this.index + 1)
        if (close < 0) throw new ShellSyntaxError('A single quote is not closed.')
        value += this.text.slice(this.index + 1, close)
        this.index = close + 1
      } else if (char === '"') {
        const inner = this.doubleQuoted()
        if (inner === undefined) literal = false
        else value += inner
      } else if (char === '$' || char === '`') {
        if (this.expansion()) literal = false
        else {
          value += char
          this.index++
        }
      } else {
        // Globs, tilde and brace expansion make the value the shell's, not the text's.
        if (/[*?[{]/.test(char) || (char === '~' && this.index === from)) literal = false
        value += char
        this.index++
      }
    }
    const word: ShellWord = { raw: this.text.slice(from, this.index) }
    if (literal) word.value = value
    return word
  }

  /** A double-quoted part; its value, or undefined when it holds an expansion. */
  private doubleQuoted(): string | undefined {
    this.index++
    let value = ''
    let literal = true
    while (this.index < this.text.length) {
      const char = this.text[this.index]
      if (char === '"') {
        this.index++
        return literal ? value : undefined
      }
      if (char === '\\') {
        const next = this.text[this.index + 1]
        if (next !== undefined && '$`"\\\n'.includes(next)) {
          if (next !== '\n') value += next
          this.index += 2
        } else {
          value += char
          this.index++
        }
      } else if ((char === '$' || char === '`') && this.expansion()) {
        literal = false
      } else {
        value += char
        this.index++
      }
    }
    throw new ShellSyntaxError('A double quote is not closed.')
  }

  /** Skips an expansion at the current position (`$NAME`, `${…}`, `$(…)`, `` `…` ``, `$'…'`); false when none. */
  private expansion(): boolean {
    const char = this.text[this.index]
    const next = this.text[this.index + 1] ?? ''
    if (char === '`') {
      this.index = this.closing('`', this.index + 1)
      return true
    }
    if (next === '(' || next === '{') {
      this.index = this.balanced(this.index + 1)
      return true
    }
    if (next === "'") {
      this.index = this.closing("'", this.index + 2)
      return true
    }
    if (NAME_START.test(next)) {
      this.index += 2
      while (this.index < this.text.length && NAME_CHAR.test(this.text[this.index])) this.index++
      return true
    }
    if (SPECIAL_PARAMETER.test(next) && next !== '') {
      this.index += 2
      return true
    }
    return false
  }

  /** The index after the unescaped `quote` that closes a part starting at `from`. */
  private closing(quote: string, from: number): number {
    for (let index = from; index < this.text.length; index++) {
      if (this.text[index] === '\\') index++
      else if (this.text[index] === quote) return index + 1
    }
    throw new ShellSyntaxError(`A ${quote === '`' ? 'backquote' : 'quote'} is not closed.`)
  }

  /** The index after the bracket that closes the one at `from`, skipping quoted parts. */
  private balanced(from: number): number {
    const open = this.text[from]
    const close = open === '(' ? ')' : '}'
    let depth = 0
    for (let index = from; index < this.text.length; index++) {
      const char = this.text[index]
      if (char === '\\') index++
      else if (char === "'" || char === '"' || char === '`') index = this.closing(char, index + 1) - 1
      else if (char === open) depth++
      else if (char === close && --depth === 0) return index + 1
    }
    throw new ShellSyntaxError(`'$${open}' is not closed.`)
  }
}

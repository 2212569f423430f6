// Character-level reading for the pattern parser: whitespace and comments, keywords, numbers and
// quoted text, and the failure that carries what was expected where.

// The grammar's whitespace class, which includes several Unicode spaces.
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);
for (let c = 0x2000; c <= 0x200a; c++) WHITESPACE.add(c);
const WORD = /[A-Za-z0-9_][A-Za-z0-9_-]*/y;
const NUMBER = /[+-]?(?:\d*\.\d+|\d+)/y;

/** Thrown inside the parser only; parsePattern turns it into a result. */
export class Failure {
  constructor(
    readonly offset: number,
    readonly expected: readonly string[],
    readonly message?: string,
  ) {}
}

export function isIdentChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_]/.test(ch);
}

export class Scanner {
  pos = 0;

  constructor(protected readonly text: string) {}

  protected number(): { value: number; float: boolean; text: string } | undefined {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) return undefined;
    const text = m[0];
    const float = text.includes('.');
    const digits = text.replace(/^[+-]/, '');
    if (!float && digits.length > 1 && digits.startsWith('0')) throw new Failure(this.pos, [], `integer ${text} has a leading zero`);
    this.pos = NUMBER.lastIndex;
    return { value: Number(text), float, text };
  }

  /** Text up to the next quote, for b'', h'' and t'' (which have no escapes). */
  protected rawQuoted(bodyStart: number): string {
    const end = this.text.indexOf("'", bodyStart);
    if (end === -1) throw new Failure(this.pos, ["'"], 'unterminated constant: no closing quote');
    this.pos = end + 1;
    return this.text.slice(bodyStart, end);
  }

  /** A quoted string; the only escapes are \' and \\. */
  protected stringBody(): string {
    const t = this.text;
    const open = this.pos;
    let out = '';
    let runStart = open + 1;
    for (let p = open + 1; p < t.length; p++) {
      const ch = t.charCodeAt(p);
      if (ch === 39) {
        this.pos = p + 1;
        return out + t.slice(runStart, p);
      }
      if (ch === 92) {
        const next = t[p + 1];
        if (next !== "'" && next !== '\\') {
          throw new Failure(p, ["\\'", '\\\\'], `invalid escape sequence '\\${next ?? ''}' in string: only \\' and \\\\ are allowed`);
        }
        out += t.slice(runStart, p) + next;
        p++;
        runStart = p + 1;
      }
    }
    throw new Failure(open, ["'"], 'unterminated string: no closing quote');
  }

  // ---- lexical helpers ----

  /** Skips whitespace and comments (the grammar allows /* … *\/ and // … to end of line). */
  protected skip(): void {
    const t = this.text;
    for (;;) {
      const ch = t[this.pos];
      if (ch === undefined) return;
      if (WHITESPACE.has(ch.charCodeAt(0))) {
        this.pos++;
      } else if (ch === '/' && t[this.pos + 1] === '*') {
        const end = t.indexOf('*/', this.pos + 2);
        if (end === -1) throw new Failure(this.pos, ["'*/'"], 'unterminated comment');
        this.pos = end + 2;
      } else if (ch === '/' && t[this.pos + 1] === '/') {
        let end = this.pos + 2;
        while (end < t.length && t[end] !== '\n' && t[end] !== '\r') end++;
        this.pos = end;
      } else {
        return;
      }
    }
  }

  /** Consumes `word` when it stands next as a whole keyword. */
  protected keyword(word: string): boolean {
    this.skip();
    if (this.text.startsWith(word, this.pos) && !isIdentChar(this.text[this.pos + word.length])) {
      this.pos += word.length;
      return true;
    }
    return false;
  }

  protected expectKeyword(word: string): void {
    if (!this.keyword(word)) this.fail([word]);
  }

  protected fail(expected: readonly string[], message?: string): never {
    throw new Failure(this.pos, expected, message);
  }

  /** What stands at `offset`, for messages: a word, a character, or the end. */
  found(offset: number): string {
    if (offset >= this.text.length) return 'end of pattern';
    WORD.lastIndex = offset;
    const word = WORD.exec(this.text);
    if (word !== null) return `'${word[0].slice(0, 40)}'`;
    return `'${this.text[offset] as string}'`;
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}


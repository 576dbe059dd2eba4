/**
 * A forgiving JSON reader for what language models actually emit: single-quoted strings, trailing
 * commas, unquoted identifier keys, Python literals (True/False/None, since the reference trainer falls
 * back to Python's literal_eval) and text after the value. It reads ONE value starting at `start` and
 * reports where it ended; it never throws, so it is safe on arbitrary model output.
 */
export type LenientResult = { ok: true; value: unknown; end: number } | { ok: false; error: string };

/** Deeper nesting than any plausible box list; the bound keeps garbage like "[[[[…" off the call stack. */
const MAX_DEPTH = 64;

const LITERALS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['true', true],
  ['false', false],
  ['null', null],
  ['True', true],
  ['False', false],
  ['None', null],
]);

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

const WHITESPACE = /\s*/y;
const NUMBER = /[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/y;
const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

class LenientSyntaxError extends Error {}

export function parseLenientJson(text: string, start = 0): LenientResult {
  const reader = new Reader(text, start);
  try {
    const value = reader.value(0);
    return { ok: true, value, end: reader.pos };
  } catch (err) {
    // Only our own syntax errors are expected; anything else is still reported, never rethrown, because
    // callers run this on untrusted text inside reward computation.
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

class Reader {
  constructor(
    private readonly text: string,
    public pos: number,
  ) {}

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
    this.skipWhitespace();
    const ch = this.text[this.pos];
    if (ch === undefined) this.fail('unexpected end of text');
    if (ch === '{') return this.object(depth);
    if (ch === '[') return this.array(depth);
    if (ch === '"' || ch === "'") return this.string(ch);
    if (/[-+.\d]/.test(ch)) return this.number();
    const word = this.match(IDENTIFIER);
    if (word !== null && LITERALS.has(word)) return LITERALS.get(word);
    return this.fail(`unexpected ${JSON.stringify(word ?? ch)}`);
  }

  private object(depth: number): Record<string, unknown> {
    this.pos++; // {
    const entries: [string, unknown][] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.eat('}')) break;
      const ch = this.text[this.pos];
      const key = ch === '"' || ch === "'" ? this.string(ch) : this.match(IDENTIFIER);
      if (key === null) this.fail('expected a key');
      this.skipWhitespace();
      if (!this.eat(':')) this.fail('expected ":"');
      entries.push([key, this.value(depth + 1)]);
      this.skipWhitespace();
      if (this.eat(',')) continue; // a trailing comma is then closed by the "}" check above
      if (this.eat('}')) break;
      this.fail('expected "," or "}"');
    }
    // fromEntries defines own properties, so a "__proto__" key stays data instead of a prototype.
    return Object.fromEntries(entries);
  }

  private array(depth: number): unknown[] {
    this.pos++; // [
    const items: unknown[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.eat(']')) break;
      items.push(this.value(depth + 1));
      this.skipWhitespace();
      if (this.eat(',')) continue;
      if (this.eat(']')) break;
      this.fail('expected "," or "]"');
    }
    return items;
  }

  private string(quote: string): string {
    this.pos++; // opening quote
    let out = '';
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined) this.fail('unterminated string');
      this.pos++;
      if (ch === quote) return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const esc = this.text[this.pos];
      if (esc === undefined) this.fail('unterminated string');
      this.pos++;
      if (esc === 'u') {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!HEX4.test(hex)) this.fail('bad \\u escape');
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 4;
      } else {
        // \" \' \\ \/ and any unknown escape stand for the character itself.
        out += SIMPLE_ESCAPES[esc] ?? esc;
      }
    }
  }

  private number(): number {
    const token = this.match(NUMBER);
    if (token === null) this.fail('bad number');
    return Number(token); // overflow gives ±Infinity, which box validation rejects later
  }

  private skipWhitespace(): void {
    this.match(WHITESPACE);
  }

  private eat(ch: string): boolean {
    if (this.text[this.pos] !== ch) return false;
    this.pos++;
    return true;
  }

  private match(re: RegExp): string | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (m === null) return null;
    this.pos += m[0].length;
    return m[0];
  }

  private fail(message: string): never {
    throw new LenientSyntaxError(`${message} at ${this.pos}`);
  }
}

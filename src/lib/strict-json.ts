/**
 * A strict JSON reader for bodies the gateway decides on (RFC 8259, with the I-JSON limits of
 * RFC 7493). JSON.parse silently keeps the LAST of duplicate keys, so a checker and a forwarder
 * could read different values; this parser REFUSES instead of guessing:
 * invalid UTF-8, BOM, comments, trailing data, NaN/Infinity, lone surrogates, duplicate keys at
 * any depth, "__proto__" / "constructor" / "prototype" keys, numbers beyond 2^53 in magnitude, nesting deeper
 * than maxDepth and input larger than maxBytes.
 */

export class StrictJsonError extends SyntaxError {
  readonly position: number;
  constructor(message: string, position: number) {
    super(`${message} at position ${position}`);
    this.name = 'StrictJsonError';
    this.position = position;
  }
}

export interface StrictJsonOptions {
  /** Deepest allowed nesting of objects and arrays (default 32). */
  readonly maxDepth?: number;
  /** Largest allowed input in bytes (default 64 KiB). */
  readonly maxBytes?: number;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t',
};
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

class Reader {
  pos = 0;
  constructor(
    readonly text: string,
    readonly maxDepth: number,
  ) {}

  fail(message: string, at = this.pos): never {
    throw new StrictJsonError(message, at);
  }

  skipWhitespace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.pos++;
    }
  }

  value(depth: number): unknown {
    this.skipWhitespace();
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth + 1);
    if (c === '[') return this.array(depth + 1);
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    return this.fail(c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`);
  }

  literal<T>(word: string, result: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail('invalid literal');
    this.pos += word.length;
    return result;
  }

  number(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) return this.fail('invalid number');
    const text = m[0];
    const value = Number(text);
    if (!Number.isFinite(value)) this.fail('number out of range');
    // Any magnitude beyond 2^53, however written (1e20, 9007199254740993.0), cannot be held
    // exactly; refusing it keeps "what was checked" and "what is re-serialised" the same value.
    if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
      this.fail('number beyond 2^53 cannot be represented exactly');
    }
    this.pos += text.length;
    return value;
  }

  string(): string {
    const t = this.text;
    let out = '';
    let start = ++this.pos;
    for (;;) {
      if (this.pos >= t.length) this.fail('unterminated string');
      const code = t.charCodeAt(this.pos);
      if (code === 0x22) {
        out += t.slice(start, this.pos++);
        return out;
      }
      if (code < 0x20) this.fail('control character in string');
      if (code >= 0xd800 && code <= 0xdfff) this.surrogate(code, t.charCodeAt(this.pos + 1));
      if (code === 0x5c) {
        out += t.slice(start, this.pos);
        out += this.escape();
        start = this.pos;
        continue;
      }
      this.pos += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
  }

  /** A high surrogate must be followed by a low one; a low one alone is invalid. */
  surrogate(code: number, next: number): void {
    if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) return;
    this.fail('lone surrogate in string');
  }

  escape(): string {
    const t = this.text;
    const kind = t[this.pos + 1];
    if (kind !== 'u') {
      const simple = kind === undefined ? undefined : ESCAPES[kind];
      if (simple === undefined) this.fail('invalid escape');
      this.pos += 2;
      return simple;
    }
    const unit = this.hex4(this.pos + 2);
    this.pos += 6;
    if (unit < 0xd800 || unit > 0xdfff) return String.fromCharCode(unit);
    if (unit > 0xdbff || t[this.pos] !== '\\' || t[this.pos + 1] !== 'u') this.fail('lone surrogate escape');
    const low = this.hex4(this.pos + 2);
    if (low < 0xdc00 || low > 0xdfff) this.fail('lone surrogate escape');
    this.pos += 6;
    return String.fromCharCode(unit, low);
  }

  hex4(at: number): number {
    const digits = this.text.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) this.fail('invalid \\u escape', at);
    return parseInt(digits, 16);
  }

  object(depth: number): Record<string, unknown> {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`);
    const result: Record<string, unknown> = {};
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.fail('expected a string key');
      const keyAt = this.pos;
      const key = this.string();
      if (FORBIDDEN_KEYS.has(key)) this.fail(`forbidden key ${JSON.stringify(key)}`, keyAt);
      if (Object.hasOwn(result, key)) this.fail(`duplicate key ${JSON.stringify(key)}`, keyAt);
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail('expected ":"');
      this.pos++;
      result[key] = this.value(depth);
      this.skipWhitespace();
      const next = this.text[this.pos++];
      if (next === '}') return result;
      if (next !== ',') this.fail('expected "," or "}"', this.pos - 1);
    }
  }

  array(depth: number): unknown[] {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`);
    const result: unknown[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return result;
    }
    for (;;) {
      result.push(this.value(depth));
      this.skipWhitespace();
      const next = this.text[this.pos++];
      if (next === ']') return result;
      if (next !== ',') this.fail('expected "," or "]"', this.pos - 1);
    }
  }
}

/** Parses one JSON text under the rules in the header; throws StrictJsonError otherwise. */
export function parseStrictJson(input: string | Uint8Array, options: StrictJsonOptions = {}): unknown {
  const maxBytes = options.maxBytes ?? 64 * 1024;
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) throw new StrictJsonError(`input larger than ${maxBytes} bytes`, 0);
  let text: string;
  try {
    text = typeof input === 'string' ? input : decoder.decode(input);
  } catch {
    throw new StrictJsonError('input is not valid UTF-8', 0);
  }
  if (text.charCodeAt(0) === 0xfeff) throw new StrictJsonError('byte order mark is not allowed', 0);
  const reader = new Reader(text, options.maxDepth ?? 32);
  const value = reader.value(0);
  reader.skipWhitespace();
  if (reader.pos !== text.length) reader.fail('trailing data after the JSON value');
  return value;
}

import { StrictJsonError, parseStrictJson } from '../../../src/lib/strict-json';

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('parseStrictJson', () => {
  it.each([
    ['an object', '{"a":1,"b":[true,false,null],"c":"x"}', { a: 1, b: [true, false, null], c: 'x' }],
    ['whitespace around', ' \n\t{"a" : 1 }\r\n', { a: 1 }],
    ['escapes', '"a\\"b\\\\c\\/d\\n\\u00e9"', 'a"b\\c/d\né'],
    ['a surrogate pair escape', '"\\ud83d\\ude00"', '\u{1F600}'],
    ['a raw surrogate pair', '"\u{1F600}"', '\u{1F600}'],
    ['numbers', '[0,-1,1.5,2e3,-0.25E-2]', [0, -1, 1.5, 2000, -0.0025]],
    ['the largest safe integer', '9007199254740991', 9007199254740991],
    ['nesting at the limit', deep(32), JSON.parse(deep(32))],
    ['an empty object key', '{"":1}', { '': 1 }],
  ])('when given %s, then it parses like JSON.parse', (_name, text, expected) => {
    expect(parseStrictJson(text)).toEqual(expected);
  });

  it.each([
    ['a duplicate key', '{"a":1,"a":2}'],
    ['a nested duplicate key', '{"x":{"y":[{"a":1,"b":2,"a":3}]}}'],
    ['a duplicate key written with an escape', '{"a":1,"\\u0061":2}'],
    ['a __proto__ key', '{"__proto__":{"admin":true}}'],
    ['a nested constructor key', '{"a":{"constructor":{"prototype":{}}}}'],
    ['a prototype key', '{"prototype":1}'],
    ['a BOM', '\ufeff{"a":1}'],
    ['a line comment', '{"a":1 // x\n}'],
    ['a block comment', '/* x */{"a":1}'],
    ['trailing data', '{"a":1}{"a":2}'],
    ['trailing garbage', '{"a":1} x'],
    ['a trailing comma in an object', '{"a":1,}'],
    ['a trailing comma in an array', '[1,]'],
    ['NaN', '{"a":NaN}'],
    ['Infinity', '{"a":Infinity}'],
    ['-Infinity', '[-Infinity]'],
    ['a number overflowing to Infinity', '1e400'],
    ['an integer beyond 2^53', '9007199254740993'],
    ['a leading plus', '+1'],
    ['a leading zero', '01'],
    ['a bare decimal point', '1.'],
    ['hex', '0x1'],
    ['single quotes', "{'a':1}"],
    ['an unquoted key', '{a:1}'],
    ['a raw control character in a string', '"a\u0001b"'],
    ['a raw newline in a string', '"a\nb"'],
    ['an invalid escape', '"\\x41"'],
    ['a short unicode escape', '"\\u12"'],
    ['a lone high surrogate escape', '"\\ud83d"'],
    ['a lone low surrogate escape', '"\\ude00"'],
    ['a raw lone surrogate', '"\ud83d"'],
    ['nesting deeper than 32', deep(33)],
    ['an unterminated string', '"abc'],
    ['an unterminated object', '{"a":1'],
    ['empty input', ''],
    ['only whitespace', '  '],
    ['a misspelt literal', 'tru'],
    ['undefined', 'undefined'],
  ])('when given %s, then it throws StrictJsonError', (_name, text) => {
    expect(() => parseStrictJson(text)).toThrow(StrictJsonError);
  });

  it('when the input is larger than maxBytes, then it throws before parsing', () => {
    const big = JSON.stringify({ a: 'x'.repeat(100) });
    expect(() => parseStrictJson(big, { maxBytes: 50 })).toThrow(/larger than 50 bytes/);
    expect(parseStrictJson(big, { maxBytes: 200 })).toEqual({ a: 'x'.repeat(100) });
  });

  it('when the default limit of 64 KiB is exceeded, then it throws', () => {
    expect(() => parseStrictJson(`"${'x'.repeat(64 * 1024)}"`)).toThrow(/larger than 65536 bytes/);
  });

  it('when given bytes with invalid UTF-8, then it throws', () => {
    expect(() => parseStrictJson(Buffer.from([0x22, 0xc3, 0x28, 0x22]))).toThrow(/UTF-8/);
  });

  it('when given bytes with a UTF-8 BOM, then it throws', () => {
    expect(() => parseStrictJson(Buffer.from([0xef, 0xbb, 0xbf, 0x31]))).toThrow(/byte order mark/);
  });

  it('when given valid UTF-8 bytes, then it decodes them', () => {
    expect(parseStrictJson(Buffer.from('{"name":"Jos\u00e9 \u20ac"}', 'utf8'))).toEqual({ name: 'Jos\u00e9 \u20ac' });
  });

  it('when maxDepth is lowered, then objects count as nesting too', () => {
    expect(() => parseStrictJson('{"a":{"b":{}}}', { maxDepth: 2 })).toThrow(/nesting deeper than 2/);
    expect(parseStrictJson('{"a":{"b":{}}}', { maxDepth: 3 })).toEqual({ a: { b: {} } });
  });

  it('when a duplicate key is refused, then the error names the key and position', () => {
    expect(() => parseStrictJson('{"amount":1,"amount":2}')).toThrow(/duplicate key "amount" at position 12/);
  });

  it('when parsing succeeds, then objects have the ordinary prototype and no polluted keys', () => {
    const value = parseStrictJson('{"a":{"b":1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });
});

describe('parseStrictJson syntax errors', () => {
  it.each([
    ['a backslash at the end', '"abc\\'],
    ['a missing colon', '{"a" 1}'],
    ['a missing comma in an array', '[1 2]'],
    ['a missing comma in an object', '{"a":1 "b":2}'],
    ['a high surrogate followed by a non-surrogate escape', '"\\ud83d\\u0041"'],
    ['a high surrogate followed by text', '"\\ud83dx"'],
    ['a non-string key', '{1:2}'],
  ])('when given %s, then it throws StrictJsonError', (_name, text) => {
    expect(() => parseStrictJson(text)).toThrow(StrictJsonError);
  });
});

describe('parseStrictJson names the rule it applied', () => {
  it.each([
    ['a BOM', '\ufeff{}', /byte order mark/],
    ['trailing data', '{} {}', /trailing data/],
    ['a forbidden key', '{"constructor":1}', /forbidden key "constructor"/],
    ['a lone surrogate', '"\\udc00"', /lone surrogate/],
    ['an unsafe integer', '12345678901234567890', /beyond 2\^53/],
  ])('when given %s, then the message says so', (_name, text, message) => {
    expect(() => parseStrictJson(text)).toThrow(message);
  });
});

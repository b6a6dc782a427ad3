import { escapeSlashes, toBunqJson } from '../../../src/lib/bunq-json';

describe('toBunqJson (bunq\'s ASCII-only JSON)', () => {
  test('when the value is ASCII, then the JSON is JSON.stringify\'s, unchanged', () => {
    const value = { Response: [{ Id: { id: 1 } }], note: 'plain text ~ \u007e' };
    expect(toBunqJson(value)).toBe(JSON.stringify(value));
  });

  test('when the value holds non-ASCII text, then every non-ASCII UTF-16 unit (DEL included) is \\u-escaped and it parses back', () => {
    const value = { name: 'Zoë Müller', euro: '€', emoji: '😀', del: '\u007f' };
    const json = toBunqJson(value);
    expect(json).toContain('Zo\\u00eb M\\u00fcller');
    expect(json).toContain('\\u20ac');
    expect(json).toContain('\\ud83d\\ude00');
    expect(json).toContain('\\u007f');
    expect([...Buffer.from(json, 'utf8')].every((b) => b < 0x7f)).toBe(true);
    expect(JSON.parse(json)).toEqual(value);
  });

  test('when ASCII and non-ASCII answers alternate, then each is escaped on its own (no state carried between calls)', () => {
    for (let i = 0; i < 3; i++) {
      expect(toBunqJson({ a: 'é' })).toBe('{"a":"\\u00e9"}');
      expect(toBunqJson({ a: 'e' })).toBe('{"a":"e"}');
    }
  });
});

describe('escapeSlashes (the emulator writes "/" as bunq does)', () => {
  test('every "/" becomes "\\/" and the JSON decodes to the same value', () => {
    const value = { url: '/v1/user/1/monetary-account?count=10', type: 'image/png', text: 'a\\/b' };
    const json = escapeSlashes(toBunqJson(value));
    expect(json).not.toMatch(/[^\\]\//);
    expect(json).toContain('"\\/v1\\/user\\/1');
    expect(JSON.parse(json)).toEqual(value);
  });

  test('the gateway\'s own serialisation leaves "/" alone', () => {
    expect(toBunqJson({ type: 'image/png' })).toBe('{"type":"image/png"}');
  });
});

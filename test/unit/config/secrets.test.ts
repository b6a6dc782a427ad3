import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { SecretBox } from '../../../src/lib/secret-box';
import { decodeMasterKey, loadOrCreateMasterKey } from '../../../src/lib/master-key';
import { constantEquals } from '../../../src/lib/constant-equals';

describe('SecretBox', () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);

  test('round trip, including empty and non-ASCII plaintext', () => {
    for (const text of ['sandbox_abc123', '', 'Zoë €uro ✓', 'x'.repeat(10_000)]) {
      expect(box.open(box.seal(text, 'api-key'), 'api-key')).toBe(text);
    }
  });

  test('the sealed form is v1.<nonce>.<ciphertext>.<tag> and does not contain the plaintext', () => {
    const sealed = box.seal('super-secret-value', 'p');
    const parts = sealed.split('.');
    expect(parts).toHaveLength(4);
    expect(parts[0]).toBe('v1');
    expect(Buffer.from(parts[1]!, 'base64url')).toHaveLength(12);
    expect(Buffer.from(parts[3]!, 'base64url')).toHaveLength(16);
    expect(sealed).not.toContain('super-secret-value');
    expect(sealed).not.toContain(Buffer.from('super-secret-value').toString('base64url'));
  });

  test('a different purpose (AAD) fails', () => {
    const sealed = box.seal('secret', 'api-key');
    expect(() => box.open(sealed, 'session-token')).toThrow(/could not be decrypted/);
    expect(() => box.open(sealed, '')).toThrow(/could not be decrypted/);
  });

  test('a different key fails', () => {
    const sealed = box.seal('secret', 'p');
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'p')).toThrow(/could not be decrypted/);
  });

  test('tampered ciphertext, nonce or tag fails', () => {
    const sealed = box.seal('a secret worth protecting', 'p');
    const parts = sealed.split('.');
    for (const i of [1, 2, 3]) {
      const bytes = Buffer.from(parts[i]!, 'base64url');
      bytes[0] = bytes[0]! ^ 0x01;
      const tampered = parts.map((p, j) => (j === i ? bytes.toString('base64url') : p)).join('.');
      expect(() => box.open(tampered, 'p')).toThrow(/could not be decrypted/);
    }
  });

  test('the error never contains the key or plaintext', () => {
    const sealed = box.seal('plaintext-123', 'p');
    try {
      box.open(sealed, 'q');
    } catch (err) {
      expect((err as Error).message).not.toContain('plaintext-123');
      expect((err as Error).message).not.toContain(key.toString('hex'));
    }
  });

  // Without authTagLength, Node accepts a tag truncated to 4..15 bytes when it is a prefix of
  // the real one, dropping GCM's integrity to as little as 32 bits.
  test('a truncated authentication tag is refused', () => {
    const sealed = box.seal('secret', 'p');
    const [v, n, c, t] = sealed.split('.');
    const short = Buffer.from(t!, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => box.open([v, n, c, short].join('.'), 'p')).toThrow();
  });

  test('an unknown format is refused', () => {
    for (const s of ['', 'v2.a.b.c', 'v1.a.b', 'garbage']) expect(() => box.open(s, 'p')).toThrow();
  });

  test('every seal uses a fresh nonce', () => {
    const nonces = new Set(Array.from({ length: 500 }, () => box.seal('same', 'p').split('.')[1]));
    expect(nonces.size).toBe(500);
    expect(box.seal('same', 'p')).not.toBe(box.seal('same', 'p'));
  });

  test('only 32-byte keys are accepted, and the key is copied', () => {
    expect(() => new SecretBox(Buffer.alloc(16))).toThrow(TypeError);
    expect(() => new SecretBox(Buffer.alloc(33))).toThrow(TypeError);
    const k = randomBytes(32);
    const b = new SecretBox(k);
    const sealed = b.seal('x', 'p');
    k.fill(0);
    expect(b.open(sealed, 'p')).toBe('x');
  });
});

describe('master key', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-mk-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('decodes 64 hex characters or base64 of 32 bytes; trims whitespace', () => {
    const raw = randomBytes(32);
    expect(decodeMasterKey(raw.toString('hex'))).toEqual(raw);
    expect(decodeMasterKey(raw.toString('hex').toUpperCase())).toEqual(raw);
    expect(decodeMasterKey(`${raw.toString('base64')}\n`)).toEqual(raw);
    expect(decodeMasterKey(` ${raw.toString('hex')}\n`)).toEqual(raw);
  });

  test.each([['short'], ['ab'.repeat(31)], [Buffer.alloc(16).toString('base64')], [Buffer.alloc(40).toString('base64')], ['']])('a key of the wrong length (%p) is refused', (v) => {
    expect(() => decodeMasterKey(v)).toThrow(/32 bytes/);
  });

  test('creates the key file with mode 0600 (and its directory) on first start, then reuses it', () => {
    const file = path.join(dir, 'nested', 'master.key');
    const first = loadOrCreateMasterKey({ file });
    expect(first.created).toBe(true);
    expect(first.key).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o077).toBe(0);
    const second = loadOrCreateMasterKey({ file });
    expect(second.created).toBe(false);
    expect(second.key).toEqual(first.key);
  });

  test('the file is created 0600 even under a permissive umask', () => {
    const old = process.umask(0o000);
    try {
      const file = path.join(dir, 'master.key');
      loadOrCreateMasterKey({ file });
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  test.each([[0o644], [0o640], [0o604], [0o660]])('an existing key file with mode %s is refused', (mode) => {
    const file = path.join(dir, 'master.key');
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`);
    fs.chmodSync(file, mode);
    expect(() => loadOrCreateMasterKey({ file })).toThrow(/accessible by other users.*chmod 600/);
    // It is never overwritten or "fixed" silently.
    expect(fs.statSync(file).mode & 0o777).toBe(mode);
  });

  test('the environment key wins over the file', () => {
    const file = path.join(dir, 'master.key');
    loadOrCreateMasterKey({ file });
    const env = randomBytes(32);
    const got = loadOrCreateMasterKey({ envValue: env.toString('hex'), file });
    expect(got).toEqual({ key: env, created: false });
  });

  test('an environment key does not create a file', () => {
    const file = path.join(dir, 'master.key');
    loadOrCreateMasterKey({ envValue: randomBytes(32).toString('hex'), file });
    expect(fs.existsSync(file)).toBe(false);
  });

  test('a bad environment key or key file content is refused', () => {
    const file = path.join(dir, 'master.key');
    expect(() => loadOrCreateMasterKey({ envValue: 'short', file })).toThrow(/32 bytes/);
    fs.writeFileSync(file, 'short\n', { mode: 0o600 });
    expect(() => loadOrCreateMasterKey({ file })).toThrow(/32 bytes/);
  });
});

describe('constantEquals', () => {
  test('compares strings and buffers by content', () => {
    expect(constantEquals('abc', 'abc')).toBe(true);
    expect(constantEquals('abc', 'abd')).toBe(false);
    expect(constantEquals('abc', 'abcd')).toBe(false);
    expect(constantEquals(Buffer.from('x'), 'x')).toBe(true);
    expect(constantEquals('', '')).toBe(true);
  });
});

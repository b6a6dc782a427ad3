import { createHash } from 'node:crypto';
import { BEARER_PREFIX, MAX_BEARER_LENGTH, hashSecret, isBunqKeyForm, newBunqKeyForm } from '../../../src/tokens/token-format';

describe('token format', () => {
  test('the bearer prefix is bgw_ and the length limit is sane', () => {
    expect(BEARER_PREFIX).toBe('bgw_');
    expect(MAX_BEARER_LENGTH).toBeGreaterThanOrEqual(512);
  });

  test('newBunqKeyForm gives 64 lowercase hex characters, different every time', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newBunqKeyForm()));
    expect(keys.size).toBe(200);
    for (const k of keys) {
      expect(k).toMatch(/^[0-9a-f]{64}$/);
      expect(isBunqKeyForm(k)).toBe(true);
    }
  });

  test.each([
    ['uppercase hex', 'A'.repeat(64)],
    ['63 characters', 'a'.repeat(63)],
    ['65 characters', 'a'.repeat(65)],
    ['non-hex', 'g'.repeat(64)],
    ['trailing newline', `${'a'.repeat(64)}\n`],
    ['leading space', ` ${'a'.repeat(63)}`],
    ['bearer form', `bgw_${'a'.repeat(60)}`],
    ['empty', ''],
  ])('isBunqKeyForm refuses %s', (_label, value) => {
    expect(isBunqKeyForm(value)).toBe(false);
  });

  test('hashSecret is the sha256 hex of the UTF-8 secret, deterministic and distinct', () => {
    const secret = newBunqKeyForm();
    expect(hashSecret(secret)).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(hashSecret(secret)).toBe(hashSecret(secret));
    expect(hashSecret(secret)).not.toBe(hashSecret(newBunqKeyForm()));
    expect(hashSecret(secret)).not.toContain(secret);
  });
});

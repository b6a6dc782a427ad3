// Issue #6: the signature of the empty body (every GET) is computed once per key. PKCS#1 v1.5 is
// deterministic, so the remembered value must equal a fresh one and verify with the public key.
import { constants, generateKeyPairSync, sign } from 'node:crypto';
import { signBody, verifyBody } from '../../src/upstream/signing';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

test('when a GET (empty body) is signed twice, then both signatures equal a fresh RSA signature and verify', () => {
  const fresh = sign('sha256', Buffer.alloc(0), { key: privateKey, padding: constants.RSA_PKCS1_PADDING }).toString('base64');
  expect(signBody(privateKey, Buffer.alloc(0))).toBe(fresh);
  expect(signBody(privateKey, new Uint8Array(0))).toBe(fresh);
  expect(verifyBody(publicKey, Buffer.alloc(0), signBody(privateKey, Buffer.alloc(0)))).toBe(true);
});

test('when another key signs the empty body, then it gets its own signature, not the remembered one', () => {
  const mine = signBody(privateKey, Buffer.alloc(0));
  const theirs = signBody(other.privateKey, Buffer.alloc(0));
  expect(theirs).not.toBe(mine);
  expect(verifyBody(other.publicKey, Buffer.alloc(0), theirs)).toBe(true);
  expect(verifyBody(publicKey, Buffer.alloc(0), theirs)).toBe(false);
});

test('when a body is not empty, then it is signed over its own bytes', () => {
  const body = Buffer.from('{"amount":{"value":"1.00","currency":"EUR"}}');
  expect(verifyBody(publicKey, body, signBody(privateKey, body))).toBe(true);
  expect(verifyBody(publicKey, Buffer.alloc(0), signBody(privateKey, body))).toBe(false);
});

describe('remembered verifications (a repeated answer skips the RSA operation)', () => {
  const body = Buffer.from('{"Response":[{"MonetaryAccountBank":{"id":1,"balance":{"value":"12.00"}}}]}');

  test('when a verified answer comes again, then it still verifies; when one byte differs, then it does not', () => {
    const signature = signBody(privateKey, body);
    expect(verifyBody(publicKey, body, signature)).toBe(true);
    expect(verifyBody(publicKey, Buffer.from(body), signature)).toBe(true);
    const tampered = Buffer.from(body);
    tampered[tampered.length - 5] = '9'.charCodeAt(0);
    expect(verifyBody(publicKey, tampered, signature)).toBe(false);
    expect(verifyBody(publicKey, body.subarray(0, body.length - 1), signature)).toBe(false);
    expect(verifyBody(publicKey, Buffer.concat([body, Buffer.from(' ')]), signature)).toBe(false);
  });

  test('when a pair verified under one key, then it is not taken as verified under another', () => {
    const signature = signBody(privateKey, body);
    expect(verifyBody(publicKey, body, signature)).toBe(true);
    expect(verifyBody(other.publicKey, body, signature)).toBe(false);
  });

  test('when the caller later changes the buffer it passed, then the remembered bytes do not change with it', () => {
    const mine = Buffer.from('{"Response":[{"Id":{"id":42}}]}');
    const signature = signBody(privateKey, mine);
    expect(verifyBody(publicKey, mine, signature)).toBe(true);
    mine[mine.length - 4] = '7'.charCodeAt(0);
    expect(verifyBody(publicKey, mine, signature)).toBe(false);
  });

  test('when a signature failed once, then it fails again (failures are not remembered as successes)', () => {
    const signature = signBody(other.privateKey, body);
    expect(verifyBody(publicKey, body, signature)).toBe(false);
    expect(verifyBody(publicKey, body, signature)).toBe(false);
  });
});

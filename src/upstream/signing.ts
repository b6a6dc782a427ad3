/**
 * bunq's signature scheme (bunq-api.md §3.1, §3.3; bunq-clients.md §3): RSA PKCS#1 v1.5 over
 * SHA-256 of the EXACT body bytes — nothing else (no method, URL or headers since 2020-04-28),
 * base64 with padding. Requests are signed with our installation's client key; responses are
 * verified with the server public key bunq returned at installation.
 */
import { constants, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/**
 * The signature of the empty body, per key. PKCS#1 v1.5 signatures are deterministic (no salt,
 * unlike PSS), so every GET carries the same one: computing it once saves an RSA-2048 signing
 * operation (~256 µs of CPU, the costliest step of a call) on every read.
 */
const emptyBodySignatures = new WeakMap<KeyObject, string>();

/** base64 signature of `body` for X-Bunq-Client-Signature (empty body → signature of ""). */
export function signBody(privateKey: KeyObject, body: Uint8Array): string {
  if (body.length === 0) {
    let signature = emptyBodySignatures.get(privateKey);
    if (signature === undefined) emptyBodySignatures.set(privateKey, (signature = rsaSign(privateKey, body)));
    return signature;
  }
  return rsaSign(privateKey, body);
}

function rsaSign(privateKey: KeyObject, body: Uint8Array): string {
  return sign('sha256', body, { key: privateKey, padding: constants.RSA_PKCS1_PADDING }).toString('base64');
}

/**
 * Pairs (signature, exact body bytes) that verified, per key. Verification is a pure function of
 * key, bytes and signature, so a pair that verified once verifies again: a repeated answer (a
 * polled balance that has not changed) skips the RSA operation. Only successes are remembered,
 * only for small bodies, and a hit still compares every byte of the body.
 */
const MAX_REMEMBERED_BODY_BYTES = 16 * 1024;
const verifiedPairs = new WeakMap<KeyObject, LRUCache<string, Uint8Array>>();

function rememberedPairs(publicKey: KeyObject): LRUCache<string, Uint8Array> {
  let pairs = verifiedPairs.get(publicKey);
  if (pairs === undefined) verifiedPairs.set(publicKey, (pairs = new LRUCache({ max: 256 })));
  return pairs;
}

/** True only if `signatureB64` is a valid signature of exactly these bytes. Never throws. */
export function verifyBody(publicKey: KeyObject, body: Uint8Array, signatureB64: string): boolean {
  // Strict base64 (standard alphabet, padding): anything else is not a bunq signature.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signatureB64) || signatureB64.length % 4 !== 0) return false;
  const pairs = rememberedPairs(publicKey);
  const known = pairs.get(signatureB64);
  if (known !== undefined && Buffer.compare(known, body) === 0) return true;
  let valid: boolean;
  try {
    valid = verify('sha256', body, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
  if (valid && body.length <= MAX_REMEMBERED_BODY_BYTES) pairs.set(signatureB64, new Uint8Array(body));
  return valid;
}

/** Loads an RSA key PEM and insists on RSA with at least 2048 bits (bunq-api.md §3.1). */
export function loadRsaPublicKey(pem: string): KeyObject {
  return assertRsa2048(createPublicKey(pem));
}

export function loadRsaPrivateKey(pem: string): KeyObject {
  return assertRsa2048(createPrivateKey(pem));
}

function assertRsa2048(key: KeyObject): KeyObject {
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa' || bits < 2048) {
    throw new TypeError(`expected an RSA key of at least 2048 bits, got ${key.asymmetricKeyType ?? 'unknown'}/${bits}`);
  }
  return key;
}

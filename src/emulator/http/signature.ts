/**
 * bunq signatures (bunq-api.md §3): RSA PKCS#1 v1.5 over SHA-256 of the raw body bytes only,
 * base64 with padding. Requests: X-Bunq-Client-Signature, verified with the installation's
 * client public key. Responses: X-Bunq-Server-Signature over the exact bytes sent.
 */
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Signatures of recently sent bodies. RSA PKCS#1 v1.5 is deterministic (no salt), so the same
 * bytes under the same key always have the same signature: remembering it changes nothing on
 * the wire and spares the emulator an RSA-2048 signing (~0.3 ms of CPU) when a body repeats,
 * as balance reads do. That keeps the emulator's own latency out of the benchmark's figures.
 */
const MEMO_LIMIT = 256;
const memo = new WeakMap<KeyObject, Map<string, string>>();

export function signBody(privateKey: KeyObject, body: Buffer | string): string {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  // Keyed on the exact bytes (latin1 maps each byte to one character, so no two differ in key).
  const key = bytes.toString('latin1');
  let signatures = memo.get(privateKey);
  if (signatures === undefined) memo.set(privateKey, (signatures = new Map()));
  const known = signatures.get(key);
  if (known !== undefined) return known;
  const signature = sign('sha256', bytes, privateKey).toString('base64');
  if (signatures.size >= MEMO_LIMIT) signatures.delete(signatures.keys().next().value!);
  signatures.set(key, signature);
  return signature;
}

export function verifyBody(publicKey: KeyObject, body: Buffer, signatureB64: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signatureB64.trim())) return false;
  try {
    return verify('sha256', body, publicKey, Buffer.from(signatureB64.trim(), 'base64'));
  } catch {
    return false;
  }
}

/** A well-formed but wrong signature (fault injection "corrupt-signature"). */
export function corruptSignature(signatureB64: string): string {
  const bytes = Buffer.from(signatureB64, 'base64');
  for (let i = 0; i < bytes.length; i += 17) bytes[i] = (bytes[i] ?? 0) ^ 0x5a;
  return bytes.toString('base64');
}

/**
 * Parses client_public_key (bunq-api.md §2.1): SPKI "BEGIN PUBLIC KEY" PEM with LF or CRLF line
 * ends (PKCS#1 "BEGIN RSA PUBLIC KEY" is accepted too). Must be RSA of at least 2048 bits
 * (DESC §Authentication). Returns null when unusable.
 */
export function parseClientPublicKey(pem: unknown): KeyObject | null {
  if (typeof pem !== 'string' || !pem.includes('-----BEGIN')) return null;
  try {
    const key = createPublicKey(pem.replace(/\r\n/g, '\n'));
    if (key.asymmetricKeyType !== 'rsa') return null;
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    return bits >= 2048 ? key : null;
  } catch {
    return null;
  }
}

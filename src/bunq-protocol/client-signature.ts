/**
 * X-Bunq-Client-Signature (bunq-api.md §3.1–§3.2; bunq-clients.md §4.6): RSA PKCS#1 v1.5 over
 * SHA-256 of the RAW body bytes as received ("" when there is none), with the public key the
 * client installed. REQUIRED on device-server, session-server and calls that can move money;
 * VERIFIED whenever present (a wrong one is refused, never ignored); absent elsewhere is fine
 * (bunq2ynab signs only the handshake, §2.3).
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { headerValues } from '../inbound/raw-headers';
import type { ClientInstallationRecord } from '../store/client-context-repo';
import { verifyBody } from '../upstream/signing';
import { signatureInvalid, signatureRequired } from './bunq-errors';

const keys = new LRUCache<number, KeyObject>({ max: 1000 });

/** The installation's public key, parsed once per process. */
export function clientKeyOf(installation: ClientInstallationRecord): KeyObject {
  let key = keys.get(installation.id);
  if (!key) {
    key = createPublicKey(installation.clientPublicKeyPem);
    keys.set(installation.id, key);
  }
  return key;
}

export function checkClientSignature(rawHeaders: readonly string[], body: Buffer, key: KeyObject, required: boolean): void {
  const values = headerValues(rawHeaders, 'x-bunq-client-signature');
  if (values.length > 1) throw signatureInvalid();
  const signature = values[0]?.trim();
  if (signature === undefined) {
    if (required) throw signatureRequired();
    return;
  }
  if (!verifyBody(key, body, signature)) throw signatureInvalid();
}

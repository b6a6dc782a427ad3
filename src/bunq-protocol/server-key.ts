/**
 * The gateway's own RSA-2048 key towards bunq clients (bunq-clients.md §4.1, §4.7): its SPKI
 * PEM is the ServerPublicKey of every installation, and it signs every successful session
 * answer (RSA PKCS#1 v1.5, SHA-256, over the exact body bytes). Created once, on the first
 * installation, then loaded from the database on every start: it must never change, or every
 * installed client fails its signature check for good (§1.8).
 */
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { Clock } from '../lib/clock';
import type { BunqServerKeyRepository } from '../store/bunq-server-key-repo';
import { loadRsaPrivateKey, signBody } from '../upstream/signing';

const generate = promisify(generateKeyPair);

export class ServerKey {
  readonly #privateKey: KeyObject;

  constructor(
    readonly publicKeyPem: string,
    privateKey: KeyObject,
  ) {
    this.#privateKey = privateKey;
  }

  /** base64 X-Bunq-Server-Signature of exactly these bytes. */
  sign(body: Uint8Array): string {
    return signBody(this.#privateKey, body);
  }
}

export async function loadOrCreateServerKey(repo: BunqServerKeyRepository, clock: Clock): Promise<ServerKey> {
  let stored = await repo.load();
  if (!stored) {
    const pair = await generate('rsa', { modulusLength: 2048 });
    stored = await repo.createOnce(
      {
        publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
      new Date(clock.now()),
    );
  }
  return new ServerKey(stored.publicKeyPem, loadRsaPrivateKey(stored.privateKeyPem));
}

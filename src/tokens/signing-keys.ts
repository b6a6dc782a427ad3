/**
 * The gateway signs its tokens with ES256 (an asymmetric algorithm: verification needs only
 * the public key, and ES256 verifies faster than EdDSA here, see
 * shared/reference/node-gateway-performance.md). The private JWK is sealed at rest. The key
 * is created on first use and kept; verification accepts only keys in this set (by kid).
 * Several instances starting together on an empty shared database must not each create their
 * own key (each would then refuse the other's tokens): creation happens under the database
 * lease 'signing-key' and re-checks inside it, so exactly one key is created and all load it.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, calculateJwkThumbprint, type CryptoKey, type JWK } from 'jose';
import type { Db } from '../store/client';
import type { SecretBox } from '../lib/secret-box';
import { LeaseRepository } from '../store/lease-repo';

const CREATE_LEASE_MS = 30_000;
const CREATE_WAIT_MS = 30_000;

export const TOKEN_ALG = 'ES256';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
}

export interface VerificationKeys {
  get(kid: string): CryptoKey | undefined;
}

export class SigningKeyRing implements VerificationKeys {
  readonly #verify = new Map<string, CryptoKey>();
  #active: SigningKey | undefined;

  static async load(db: Db, box: SecretBox): Promise<SigningKeyRing> {
    const ring = new SigningKeyRing();
    let rows = await db.signingKey.findMany({ where: { alg: TOKEN_ALG }, orderBy: { createdAt: 'asc' } });
    if (!rows.some((r) => r.retiredAt === null)) {
      await ring.#createOnce(db, box);
      rows = await db.signingKey.findMany({ where: { alg: TOKEN_ALG }, orderBy: { createdAt: 'asc' } });
    }
    for (const row of rows) {
      const publicKey = (await importJWK(JSON.parse(row.publicJwk) as JWK, TOKEN_ALG)) as CryptoKey;
      ring.#verify.set(row.kid, publicKey);
      if (row.retiredAt === null) {
        const privateJwk = JSON.parse(box.open(row.privateJwkCipher, `signing-key:${row.kid}`)) as JWK;
        ring.#active = { kid: row.kid, privateKey: (await importJWK(privateJwk, TOKEN_ALG)) as CryptoKey };
      }
    }
    return ring;
  }

  get active(): SigningKey {
    if (!this.#active) throw new Error('no active signing key');
    return this.#active;
  }

  get(kid: string): CryptoKey | undefined {
    return this.#verify.get(kid);
  }

  async #createOnce(db: Db, box: SecretBox): Promise<void> {
    const leases = new LeaseRepository(db);
    const holder = randomUUID();
    const deadline = Date.now() + CREATE_WAIT_MS;
    while (!(await leases.acquire('signing-key', holder, Date.now(), CREATE_LEASE_MS))) {
      if (Date.now() > deadline) throw new Error('another instance holds the signing-key lease; start again');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      const active = await db.signingKey.count({ where: { alg: TOKEN_ALG, retiredAt: null } });
      if (active === 0) await this.#create(db, box);
    } finally {
      await leases.release('signing-key', holder);
    }
  }

  async #create(db: Db, box: SecretBox): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALG, { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const privateJwk = await exportJWK(privateKey);
    await db.signingKey.create({
      data: {
        kid,
        alg: TOKEN_ALG,
        publicJwk: JSON.stringify({ ...publicJwk, kid, alg: TOKEN_ALG }),
        privateJwkCipher: box.seal(JSON.stringify(privateJwk), `signing-key:${kid}`),
      },
    });
  }
}

/**
 * The owner's admin credential: "bgwadm_" + 32 random bytes (base64url). It is a different
 * kind of secret from a scoped token on purpose: the gateway's bunq endpoints accept only
 * "bgw_" JWTs and 64-hex keys, so an admin credential sent there is refused (401) before
 * anything reaches bunq, and the admin API accepts nothing but this credential or a console
 * session made from it. Created on first start and shown once; only its sha256 is stored
 * (256 random bits: nothing to brute-force, as with token-format.ts hashSecret).
 */
import { randomBytes } from 'node:crypto';
import { constantEquals } from '../lib/constant-equals';
import type { Clock } from '../lib/clock';
import type { Db } from '../store/client';
import { hashSecret } from '../tokens/token-format';

export const ADMIN_PREFIX = 'bgwadm_';
const ROW_ID = 'owner';
const SHAPE = /^bgwadm_[A-Za-z0-9_-]{43}$/;

export function newAdminSecret(): string {
  return ADMIN_PREFIX + randomBytes(32).toString('base64url');
}

export class AdminCredential {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Creates the credential if none exists. Returns the secret only when it was just created. */
  async ensure(): Promise<string | null> {
    if (await this.db.adminCredential.findUnique({ where: { id: ROW_ID } })) return null;
    const secret = newAdminSecret();
    try {
      await this.db.adminCredential.create({ data: { id: ROW_ID, secretHash: hashSecret(secret), createdAt: new Date(this.clock.now()) } });
    } catch {
      // Another process created it between the read and the write: that one prints it.
      return null;
    }
    return secret;
  }

  /** Replaces the credential and ends every console session. Returns the new secret (shown once). */
  async reset(): Promise<string> {
    const secret = newAdminSecret();
    const data = { secretHash: hashSecret(secret), createdAt: new Date(this.clock.now()) };
    await this.db.$transaction([
      this.db.adminCredential.upsert({ where: { id: ROW_ID }, create: { id: ROW_ID, ...data }, update: data }),
      this.db.adminSession.deleteMany({}),
    ]);
    return secret;
  }

  async verify(candidate: string): Promise<boolean> {
    if (!SHAPE.test(candidate)) return false;
    const row = await this.db.adminCredential.findUnique({ where: { id: ROW_ID } });
    return row !== null && constantEquals(hashSecret(candidate), row.secretHash);
  }
}

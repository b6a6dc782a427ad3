/**
 * Console logins. The cookie carries 32 random bytes; the database keeps only their sha256,
 * so a copy of the database does not log anyone in. A session has a fixed lifetime
 * (ADMIN_SESSION_HOURS) and ends at logout or when the credential is reset.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../lib/clock';
import type { Db } from '../store/client';
import { hashSecret } from '../tokens/token-format';

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export class AdminSessions {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly lifetimeMs: number,
  ) {}

  async create(): Promise<{ id: string; expiresAt: Date }> {
    const id = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now + this.lifetimeMs);
    await this.db.adminSession.deleteMany({ where: { expiresAt: { lte: new Date(now) } } });
    await this.db.adminSession.create({ data: { idHash: hashSecret(id), createdAt: new Date(now), expiresAt } });
    return { id, expiresAt };
  }

  async isValid(id: string): Promise<boolean> {
    if (!SESSION_ID.test(id)) return false;
    const row = await this.db.adminSession.findUnique({ where: { idHash: hashSecret(id) } });
    return row !== null && row.expiresAt.getTime() > this.clock.now();
  }

  async destroy(id: string): Promise<void> {
    if (SESSION_ID.test(id)) await this.db.adminSession.deleteMany({ where: { idHash: hashSecret(id) } });
  }
}

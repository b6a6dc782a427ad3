/**
 * Short exclusive leases shared by every gateway instance on one database: one holder at a time
 * per name until it releases or its lease runs out (a crashed holder cannot block the others for
 * longer than the lease). Taking a lease is one atomic statement on SQLite and on PostgreSQL:
 * an INSERT (the primary key refuses a second one) or an UPDATE … WHERE the lease has expired
 * (PostgreSQL re-checks the WHERE after waiting for a concurrent writer's row lock).
 */
import type { Db } from './client';

export class LeaseRepository {
  constructor(private readonly db: Db) {}

  /** True if `holder` now holds `name` until now + ttlMs (taken fresh, taken over, or renewed). */
  async acquire(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    const expiresAt = new Date(now + ttlMs);
    const { count } = await this.db.lease.updateMany({
      where: { name, OR: [{ expiresAt: { lte: new Date(now) } }, { holder }] },
      data: { holder, expiresAt },
    });
    if (count === 1) return true;
    try {
      await this.db.lease.create({ data: { name, holder, expiresAt } });
      return true;
    } catch (err) {
      if ((err as { code?: unknown }).code === 'P2002') return false; // someone else holds it
      throw err;
    }
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.lease.deleteMany({ where: { name, holder } });
  }
}

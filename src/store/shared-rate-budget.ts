/**
 * The upstream rate budget shared by every gateway instance on one PostgreSQL database (issue
 * #7). bunq counts requests per IP (bunq-api.md §7), so instances behind one address must take
 * their send slots from one count, or N instances would send N times bunq's limit and get 429s.
 *
 * Each take is one short transaction that locks the bucket's row (SELECT … FOR UPDATE), applies
 * the same sliding-window rule as the in-memory budget (takeFromWindow) and writes the row back:
 * two instances can never both take the last slot. A 429 back-off is shared the same way.
 * Costs one round trip per call to bunq, which bunq's own limit (a few calls per second) dwarfs.
 * SQLite is one instance by design and keeps the in-memory budget (runtime.ts).
 */
import { takeFromWindow, type RateBudget, type RateWindow } from '../upstream/scheduler/rate-budget';
import type { WindowLimit } from '../upstream/scheduler/rate-limits';
import type { Db } from './client';

interface Row {
  sent: string;
  blockedUntil: bigint | number;
}

export class SharedRateBudget implements RateBudget {
  constructor(private readonly db: Db) {}

  take(key: string, limit: WindowLimit, now: number): Promise<number> {
    return this.#update(key, (w) => takeFromWindow(w, limit, now));
  }

  async block(key: string, until: number): Promise<void> {
    await this.#update(key, (w) => {
      w.blockedUntil = Math.max(w.blockedUntil, until);
      return 0;
    });
  }

  /** Runs `change` on the locked row of `key` and stores the result, in one transaction. */
  #update(key: string, change: (w: RateWindow) => number): Promise<number> {
    return this.db.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "UpstreamRateWindow" ("key", "sent", "blockedUntil") VALUES (${key}, '[]', 0) ON CONFLICT ("key") DO NOTHING`;
      const [row] = await tx.$queryRaw<Row[]>`SELECT "sent", "blockedUntil" FROM "UpstreamRateWindow" WHERE "key" = ${key} FOR UPDATE`;
      if (!row) throw new Error(`rate window ${key} vanished inside its transaction`);
      const window: RateWindow = { sent: JSON.parse(row.sent) as number[], blockedUntil: Number(row.blockedUntil) };
      const wait = change(window);
      await tx.$executeRaw`UPDATE "UpstreamRateWindow" SET "sent" = ${JSON.stringify(window.sent)}, "blockedUntil" = ${BigInt(window.blockedUntil)} WHERE "key" = ${key}`;
      return wait;
    });
  }
}

/**
 * A token may carry its own rate limits, per minute and per day, counted with
 * rate-limiter-flexible: in this process on SQLite (one instance), and on PostgreSQL in the
 * shared database (its Prisma store, model TokenRateCounter), so that N instances together
 * allow the limit, not N × the limit. If the shared count cannot be read the call fails
 * (503 database_unavailable), never passes uncounted. A refusal says how long to wait
 * (Retry-After) and uses bunq's "Too many requests" wording so bunq clients back off instead of
 * failing.
 *
 * A derived token's call counts against every ancestor's limit too (checkChain): otherwise the
 * holder of a limited token could derive an unlimited child and call without limit.
 */
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimited } from '../lib/errors';
import type { Db } from '../store/client';
import type { TokenRecord } from '../store/token-repo';

export class TokenRateLimiter {
  readonly #limiters = new Map<string, RateLimiterAbstract>();

  /** `shared`: count in this database (PostgreSQL, several instances); otherwise in memory. */
  constructor(private readonly shared?: Db) {}

  /**
   * The call counts against the caller's own limits and those of each token it derives from,
   * nearest first. A level that refuses gives back what the levels before it were charged, so a
   * child over its own limit cannot use up its parent's.
   */
  async checkChain(principal: { readonly token: TokenRecord; readonly ancestors: readonly TokenRecord[] }): Promise<void> {
    const charged: (() => Promise<unknown>)[] = [];
    try {
      for (const token of [principal.token, ...[...principal.ancestors].reverse()]) await this.#checkOne(token, charged);
    } catch (err) {
      await Promise.all(charged.map((refund) => refund().catch(() => undefined)));
      throw err;
    }
  }

  async check(token: TokenRecord): Promise<void> {
    await this.#checkOne(token, []);
  }

  async #checkOne(token: TokenRecord, charged: (() => Promise<unknown>)[]): Promise<void> {
    if (token.ratePerMinute !== null) charged.push(await this.#consume(token.id, token.ratePerMinute, 60, 'minute'));
    if (token.ratePerDay !== null) charged.push(await this.#consume(token.id, token.ratePerDay, 86_400, 'day'));
  }

  /** Takes one point; returns how to give it back. */
  async #consume(tokenId: string, points: number, duration: number, unit: string): Promise<() => Promise<unknown>> {
    const key = `${points}/${duration}`;
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = this.shared
        ? new RateLimiterPrisma({ storeClient: this.shared, tableName: 'tokenRateCounter', keyPrefix: `token:${key}`, points, duration })
        : new RateLimiterMemory({ points, duration });
      this.#limiters.set(key, limiter);
    }
    try {
      const res = await limiter.consume(tokenId);
      const taken = limiter;
      const windowEndsAt = Date.now() + res.msBeforeNext;
      return () => refund(taken, tokenId, windowEndsAt);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw new RateLimited(
        `Too many requests. This token may make ${points} calls per ${unit}; retry in ${retryAfter} s.`,
        retryAfter,
      );
    }
  }
}

/**
 * Gives back one point taken moments ago, in the window it was taken in. If that window has
 * ended, there is nothing to give back: rewarding the new window would allow one call more than
 * the limit. If it ends while the reward is under way (the count came back below zero), exactly
 * this refund's one point is taken back; never more, so concurrent late refunds cannot block a
 * token for a window.
 */
export async function refund(limiter: RateLimiterAbstract, key: string, windowEndsAt: number): Promise<void> {
  if (Date.now() >= windowEndsAt) return;
  const after = await limiter.reward(key, 1);
  if (after.consumedPoints < 0) await limiter.penalty(key, 1);
}

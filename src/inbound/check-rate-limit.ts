/**
 * A token may carry its own rate limits, per minute and per day. Counted in this process
 * with rate-limiter-flexible: N instances on one PostgreSQL database allow up to N × the limit
 * (a known limit, README "What is not done yet"; the library's PostgreSQL store could share the
 * count). A refusal says how long to wait (Retry-After) and uses bunq's
 * "Too many requests" wording so bunq clients back off instead of failing.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimited } from '../lib/errors';
import type { TokenRecord } from '../store/token-repo';

export class TokenRateLimiter {
  readonly #limiters = new Map<string, RateLimiterMemory>();

  async check(token: TokenRecord): Promise<void> {
    if (token.ratePerMinute !== null) await this.#consume(token.id, token.ratePerMinute, 60, 'minute');
    if (token.ratePerDay !== null) await this.#consume(token.id, token.ratePerDay, 86_400, 'day');
  }

  async #consume(tokenId: string, points: number, duration: number, unit: string): Promise<void> {
    const key = `${points}/${duration}`;
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiterMemory({ points, duration });
      this.#limiters.set(key, limiter);
    }
    try {
      await limiter.consume(tokenId);
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

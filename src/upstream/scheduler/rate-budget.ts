/**
 * The seam between the scheduler and WHERE send slots are counted. bunq limits per IP (bunq-api.md
 * §7), so several gateway instances behind one address must share one count: on PostgreSQL the
 * runtime uses the database budget (store/shared-rate-budget.ts), which the scheduler awaits.
 *
 * The in-memory budget keeps the send times of the last `limit` calls per key (a sliding-window
 * log). A token bucket would be wrong here: with burst 3 refilling one per second it lets 4 calls
 * through within 1 s, which breaks "3 requests in any 3 consecutive seconds".
 */
import type { WindowLimit } from './rate-limits';

export interface RateBudget {
  /**
   * Takes one send slot on `key` when `limit` allows one at `now` and returns 0; otherwise takes
   * nothing and returns how many ms to wait before asking again.
   */
  take(key: string, limit: WindowLimit, now: number): number | Promise<number>;
  /** bunq answered 429 on `key`: no slot is given out before `until` (epoch ms). */
  block(key: string, until: number): void | Promise<void>;
}

export interface RateWindow {
  /** Send times, oldest first; never longer than the limit. */
  readonly sent: number[];
  blockedUntil: number;
}

/**
 * The one rule, for every budget: takes a slot in `w` (mutating it) and returns 0, or returns
 * the ms to wait. Shared with the database budget (store/shared-rate-budget.ts).
 */
export function takeFromWindow(w: RateWindow, limit: WindowLimit, now: number): number {
  if (w.blockedUntil > now) return w.blockedUntil - now;
  while (w.sent.length > 0 && w.sent[0]! <= now - limit.windowMs) w.sent.shift();
  if (w.sent.length < limit.limit) {
    w.sent.push(now);
    return 0;
  }
  return w.sent[0]! + limit.windowMs - now;
}

export class MemoryRateBudget implements RateBudget {
  readonly #windows = new Map<string, RateWindow>();

  take(key: string, limit: WindowLimit, now: number): number {
    return takeFromWindow(this.#window(key), limit, now);
  }

  block(key: string, until: number): void {
    const w = this.#window(key);
    w.blockedUntil = Math.max(w.blockedUntil, until);
  }

  #window(key: string): RateWindow {
    let w = this.#windows.get(key);
    if (!w) this.#windows.set(key, (w = { sent: [], blockedUntil: 0 }));
    return w;
  }
}

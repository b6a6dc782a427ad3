/**
 * Reads shared between tokens, BELOW the policy check and ABOVE filtering: what is stored is
 * bunq's raw, signature-verified answer, and every caller's answer is cut from it by that
 * caller's own filter (src/filter/ builds a new object and never changes its input), so no
 * token ever sees another token's view.
 *  - Coalescing (unless switched off): identical GETs (same target) in flight at the same time
 *    share ONE bunq call.
 *  - Cache: answers marked cacheable (balance and account reads) are kept for `ttlMs`
 *    (0 = off). Only successes are kept; `clear()` drops everything (after any write, balances
 *    may have moved).
 */
import type { Clock } from '../../lib/clock';

interface Entry<T> {
  readonly value: T;
  readonly expiresAt: number;
}

/** Enough for every account of one bunq user many times over; the oldest entry goes first. */
const MAX_ENTRIES = 1_000;

export class ReadCache<T> {
  readonly #inFlight = new Map<string, Promise<T>>();
  readonly #entries = new Map<string, Entry<T>>();
  /** Bumped by clear(): a read that started before a write never fills the cache after it. */
  #generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly clock: Clock,
    private readonly coalesce = true,
  ) {}

  read(key: string, cacheable: boolean, load: () => Promise<T>): Promise<T> {
    const keep = cacheable && this.ttlMs > 0;
    if (keep) {
      const hit = this.#entries.get(key);
      if (hit && hit.expiresAt > this.clock.now()) return Promise.resolve(hit.value);
    }
    if (!keep && !this.coalesce) return load();
    const pending = this.coalesce ? this.#inFlight.get(key) : undefined;
    if (pending) return pending;
    const generation = this.#generation;
    const started = load();
    if (this.coalesce) this.#inFlight.set(key, started);
    const forget = () => {
      if (this.#inFlight.get(key) === started) this.#inFlight.delete(key);
    };
    started.then((value) => {
      forget();
      if (keep && generation === this.#generation) this.#store(key, value);
    }, forget);
    return started;
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
    // In-flight reads may have started before the write: later callers must not join them.
    this.#inFlight.clear();
  }

  #store(key: string, value: T): void {
    this.#entries.delete(key);
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { value, expiresAt: this.clock.now() + this.ttlMs });
  }
}

/**
 * Reads shared between tokens, BELOW the policy check and ABOVE filtering: what is stored is
 * bunq's raw, signature-verified answer, and every caller's answer is cut from it by that
 * caller's own filter (src/filter/ builds a new object and never changes its input), so no
 * token ever sees another token's view.
 *  - Coalescing (unless switched off): identical GETs (same target) in flight at the same time
 *    share ONE bunq call. It counts as abandoned (withdrawn while queued) only once EVERY
 *    caller sharing it has hung up.
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

/** Whether a caller has hung up; undefined: a caller that never does. */
type Gone = (() => boolean) | undefined;

interface Shared<T> {
  readonly promise: Promise<T>;
  readonly callers: Gone[];
}

const NEVER = (): boolean => false;

export class ReadCache<T> {
  readonly #inFlight = new Map<string, Shared<T>>();
  readonly #entries = new Map<string, Entry<T>>();
  /** Bumped by clear(): a read that started before a write never fills the cache after it. */
  #generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly clock: Clock,
    private readonly coalesce = true,
  ) {}

  /** `load(abandoned)`: `abandoned()` is true once every caller waiting for this read hung up. */
  read(key: string, cacheable: boolean, load: (abandoned: () => boolean) => Promise<T>, gone?: () => boolean): Promise<T> {
    const keep = cacheable && this.ttlMs > 0;
    if (keep) {
      const hit = this.#entries.get(key);
      if (hit && hit.expiresAt > this.clock.now()) return Promise.resolve(hit.value);
    }
    if (!keep && !this.coalesce) return load(gone ?? NEVER);
    const pending = this.coalesce ? this.#inFlight.get(key) : undefined;
    if (pending) {
      pending.callers.push(gone);
      return pending.promise;
    }
    const generation = this.#generation;
    const callers: Gone[] = [gone];
    const started = load(() => callers.every((g) => g !== undefined && g()));
    if (this.coalesce) this.#inFlight.set(key, { promise: started, callers });
    const forget = () => {
      if (this.#inFlight.get(key)?.promise === started) this.#inFlight.delete(key);
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

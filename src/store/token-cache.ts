/**
 * Token records remembered between calls, without weakening revocation.
 *
 * Reading the token record on every call was the costliest step of authentication (a
 * synchronous SQLite read per call, or a Prisma query per call on PostgreSQL). This cache keeps
 * records, but only as long as the database's token generation (the TokenGeneration row,
 * raised by triggers in the same transaction as any change to a Token row that can change an
 * authentication decision) is unchanged, and it re-reads that one value whenever it was last
 * read more than MAX_STALENESS_MS ago. So:
 *
 *   - a record is used only if the generation was read at most MAX_STALENESS_MS before the
 *     call was authenticated, and a change committed before that read empties the cache;
 *   - whoever revokes or rotates waits REVOCATION_SETTLE_MS after the commit before reporting
 *     it done (token-repo.ts), so every call authenticated after "revoked" comes back is
 *     refused, by this process or any other gateway process on the same database.
 *
 * A read of a record that began before the cache was emptied is not stored (epochs), so a
 * slow read cannot put back a record that a revocation made stale.
 */
import { performance } from 'node:perf_hooks';
import { LRUCache } from 'lru-cache';
import type { TokenRecord } from './token-repo';

/** How old the last generation read may be when a call is authenticated. */
export const MAX_STALENESS_MS = 20;
/** How long a revocation waits after its commit: the staleness bound, twice over for safety. */
export const REVOCATION_SETTLE_MS = 2 * MAX_STALENESS_MS + 10;

/** The current generation; undefined when it cannot be known (then nothing is remembered). */
export type ReadGeneration = () => bigint | undefined | Promise<bigint | undefined>;

export class TokenRecordCache {
  readonly #records = new LRUCache<string, TokenRecord>({ max: 10_000 });
  readonly #readGeneration: ReadGeneration;
  readonly #now: () => number;
  #generation: bigint | undefined;
  /** When the read that produced #generation began (monotonic ms). */
  #readStartedAt = Number.NEGATIVE_INFINITY;
  #epoch = 0;
  #pending: Promise<void> | undefined;
  #pendingStartedAt = Number.NEGATIVE_INFINITY;

  constructor(readGeneration: ReadGeneration, now: () => number = () => performance.now()) {
    this.#readGeneration = readGeneration;
    this.#now = now;
  }

  /**
   * Makes sure the generation was read within MAX_STALENESS_MS. Returns undefined when no wait
   * is needed (the synchronous SQLite read, or a recent read), so the hot path stays synchronous.
   */
  refresh(): Promise<void> | undefined {
    if (this.#fresh()) return undefined;
    const now = this.#now();
    if (this.#pending) {
      // A read already under way covers this call only if it began recently enough.
      return this.#pendingStartedAt >= now - MAX_STALENESS_MS ? this.#pending : this.#pending.then(() => this.refresh());
    }
    const read = this.#readGeneration();
    if (!(read instanceof Promise)) {
      this.#apply(read, now);
      return undefined;
    }
    this.#pendingStartedAt = now;
    const pending = read.then(
      (generation) => this.#apply(generation, now),
      (err: unknown) => {
        this.clear();
        throw err;
      },
    );
    this.#pending = pending.finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  /**
   * A record by `key`: from memory if the generation is fresh and unchanged, else from `read`.
   * The epoch is taken BEFORE the read: if the cache is emptied while the read is under way (a
   * revocation), what it returns may predate the revocation and is not kept.
   */
  async lookUp(key: string, read: () => TokenRecord | null | Promise<TokenRecord | null>): Promise<TokenRecord | null> {
    const stale = this.refresh();
    if (stale) await stale;
    const hit = this.get(key);
    if (hit) return hit;
    const epoch = this.#epoch;
    const pending = read();
    const record = pending instanceof Promise ? await pending : pending;
    if (record) this.set(key, record, epoch);
    return record;
  }

  /** The epoch to hand back to `set`; read it BEFORE reading the record. */
  get epoch(): number {
    return this.#epoch;
  }

  get(key: string): TokenRecord | undefined {
    return this.#fresh() ? this.#records.get(key) : undefined;
  }

  /** Stores a record read during `epoch`, unless the cache was emptied since. */
  set(key: string, record: TokenRecord, epoch: number): void {
    // Frozen: every later caller gets this very object.
    if (epoch === this.#epoch && this.#generation !== undefined) this.#records.set(key, Object.freeze(record));
  }

  /** Forgets everything (this process changed a token: no need to wait for the generation). */
  clear(): void {
    this.#records.clear();
    this.#epoch += 1;
  }

  #fresh(): boolean {
    return this.#generation !== undefined && this.#now() - this.#readStartedAt <= MAX_STALENESS_MS;
  }

  #apply(generation: bigint | undefined, startedAt: number): void {
    if (generation === undefined || generation !== this.#generation) {
      this.clear();
      this.#generation = generation;
      this.#readStartedAt = generation === undefined ? Number.NEGATIVE_INFINITY : startedAt;
      return;
    }
    if (startedAt > this.#readStartedAt) this.#readStartedAt = startedAt;
  }
}

/**
 * The "recording emulator": every request that reaches /v1 is recorded before any check runs,
 * including the ones rejected with 4xx or hit by a fault, so gateway tests can assert that a
 * denied call never reached bunq. Control calls under /_emulator are not recorded.
 */
export interface RecordedRequest {
  seq: number;
  method: string;
  /** Path including the query string, exactly as received. */
  path: string;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Raw body as UTF-8 text ('' when none). */
  body: string;
  /** clock.now() at arrival (epoch ms). */
  receivedAt: number;
  ip: string;
  /** The API key / user the call was for, when the token or body secret identifies one. */
  apiKey: string | null;
  userId: number | null;
  /** HTTP status sent; null while in flight or when the connection was dropped. */
  status: number | null;
}

export interface RequestFilter {
  method?: string;
  pathPrefix?: string;
  pathIncludes?: string;
}

export class RequestLog {
  #items: RecordedRequest[] = [];
  #seq = 0;

  constructor(readonly limit = Infinity) {}

  add(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest {
    const rec = { seq: ++this.#seq, ...entry };
    this.#items.push(rec);
    // Dropped in chunks, not one shift() per call; list() shows only the last `limit`.
    if (this.#items.length >= 2 * this.limit) this.#items = this.#items.slice(-this.limit);
    return rec;
  }

  list(filter: RequestFilter = {}): RecordedRequest[] {
    const kept = this.#items.length > this.limit ? this.#items.slice(-this.limit) : this.#items;
    return kept
      .filter((r) => !filter.method || r.method === filter.method.toUpperCase())
      .filter((r) => !filter.pathPrefix || r.path.startsWith(filter.pathPrefix))
      .filter((r) => !filter.pathIncludes || r.path.includes(filter.pathIncludes))
      .map((r) => ({ ...r, headers: { ...r.headers } }));
  }

  count(filter: RequestFilter = {}): number {
    return this.list(filter).length;
  }

  clear(): void {
    this.#items = [];
  }
}

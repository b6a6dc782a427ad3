/**
 * The only writer of audit rows. Called from the pipeline's `finally`, so a decision is
 * recorded whatever happened after it.
 *
 * Two kinds of rows, two guarantees:
 *  - Money-moving calls are written AHEAD, synchronously: a pending row before bunq is called
 *    (recordPending, which must succeed or nothing is sent), completed in place afterwards, so
 *    a process killed mid-payment still leaves its audit row (and still one row per call).
 *  - Every other call (reads, refusals, handshakes) is BUFFERED and written in batches
 *    (`record`): at most FLUSH_AFTER_MS after the call, or as soon as MAX_BATCH rows wait, in one
 *    statement. The answer does not wait for the row: a disk write per call is the costliest
 *    thing a read would otherwise do (issue #6: no per-request database write on the hot path
 *    that could be batched). What this costs: if the process is killed, the rows of the last
 *    few milliseconds of such calls can be lost; nothing that moved money is in that window.
 *
 * Nothing is dropped because the database is slow or down: a failed batch stays buffered and
 * is retried with back-off. The buffer is bounded: once MAX_BUFFERED rows wait, the gateway
 * FAILS CLOSED — `assertAccepting` refuses new calls (503 audit_unavailable) until the rows are
 * written, so nothing is served that could not be audited. A row that fails on its own while
 * others of its batch succeed (it can never be written) is logged in full and dropped.
 */
import type { Logger } from '../lib/logger';
import { GatewayError } from '../lib/errors';
import type { Db } from '../store/client';
import type { AuditEvent } from './audit-event';
import { insertAuditRows } from '../store/audit-rows';

export interface AuditQuery {
  tokenId?: string;
  decision?: 'allow' | 'deny';
  since?: Date;
  until?: Date;
  limit?: number;
  /** Rows with a larger id, oldest first (follow mode). */
  afterId?: number;
  /** Rows with a smaller id, newest first (paging back through history). */
  beforeId?: number;
}

/** Where batched rows go: SQLite's own connection (sqlite-audit-writer.ts) or Prisma. */
export interface AuditRowWriter {
  write(events: readonly AuditEvent[]): Promise<void>;
}

/** Longest a buffered row waits before its batch is written. */
export const FLUSH_AFTER_MS = 10;
/** A batch is written at once when this many rows wait. */
const MAX_BATCH = 500;
/** Rows that may wait (database slow or down) before new calls are refused. */
const MAX_BUFFERED = 10_000;
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;

/** The row as a log line can hold it (JSON has no BigInt); it holds no secret by construction. */
function loggable(event: AuditEvent): Record<string, unknown> {
  return { ...event, amountMinor: event.amountMinor?.toString() ?? null };
}

interface Buffered {
  readonly event: AuditEvent;
  readonly written: () => void;
}

export class AuditLog {
  readonly #rows: AuditRowWriter;
  #buffer: Buffered[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> | undefined;
  #retryMs = 0;
  #failingSince: number | undefined;
  #closed = false;

  readonly #maxBuffered: number;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    rows?: AuditRowWriter,
    opts: { maxBuffered?: number } = {},
  ) {
    this.#rows = rows ?? { write: (events) => insertAuditRows(db, events) };
    this.#maxBuffered = opts.maxBuffered ?? MAX_BUFFERED;
  }

  /** Rows waiting to be written (a metric; MAX_BUFFERED of them means calls are refused). */
  get buffered(): number {
    return this.#buffer.length;
  }

  /** Throws 503 audit_unavailable while the buffer is full: no call is served unaudited. */
  assertAccepting(): void {
    if (this.#buffer.length < this.#maxBuffered) return;
    throw new GatewayError('audit_unavailable', 503, 'The gateway cannot write its audit log right now; retry later.', { retryAfter: 5 });
  }

  /**
   * Buffers the row of a call that moved no money. The returned promise resolves once the row
   * is written (or, for a row that can never be written, dropped and logged); callers on the
   * request path do not wait for it.
   */
  record(event: AuditEvent): Promise<void> {
    if (this.#closed) {
      // The writer is gone (shutdown waits for running calls, so this is a bug elsewhere): the
      // log is the last place the row can go, and no retry timer may keep the process alive.
      this.logger.error({ event: loggable(event) }, 'audit row recorded after shutdown; not written');
      return Promise.resolve();
    }
    return new Promise<void>((written) => {
      this.#buffer.push({ event, written });
      if (this.#buffer.length >= MAX_BATCH) this.#schedule(0);
      else this.#schedule(FLUSH_AFTER_MS);
    });
  }

  /**
   * Writes everything buffered now. Returns false if a write failed (the rows stay buffered and
   * are retried on the back-off schedule), true once the buffer is empty.
   */
  async flush(): Promise<boolean> {
    while (this.#buffer.length > 0 || this.#writing) {
      if (this.#writing) await this.#writing;
      if (this.#buffer.length === 0) break;
      await this.#writeBatch();
      if (this.#retryMs > 0) return false;
    }
    return true;
  }

  /** Writes what is buffered and stops the timer (graceful shutdown). */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (await this.flush()) return;
    // The database is gone: the log is the last place these rows can go.
    for (const { event } of this.#buffer) this.logger.error({ event: loggable(event) }, 'audit row not written before shutdown');
    this.#buffer = [];
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(delayMs: number): void {
    if (this.#closed) return; // close() writes what is left itself
    if (this.#writing) return; // the write in progress re-schedules when it ends
    if (this.#timer !== undefined) {
      if (delayMs > 0) return;
      clearTimeout(this.#timer);
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#writeBatch();
    }, delayMs);
  }

  #writeBatch(): Promise<void> {
    if (this.#writing) return this.#writing;
    const batch = this.#buffer.slice(0, MAX_BATCH);
    if (batch.length === 0) return Promise.resolve();
    this.#writing = this.#write(batch).finally(() => {
      this.#writing = undefined;
      if (this.#buffer.length === 0) return;
      if (this.#retryMs > 0) this.#schedule(this.#retryMs);
      else this.#schedule(this.#buffer.length >= MAX_BATCH ? 0 : FLUSH_AFTER_MS);
    });
    return this.#writing;
  }

  async #write(batch: readonly Buffered[]): Promise<void> {
    const done = (rows: readonly Buffered[]) => {
      const gone = new Set(rows);
      this.#buffer = this.#buffer.filter((b) => !gone.has(b));
      for (const row of rows) row.written();
    };
    try {
      await this.#rows.write(batch.map((b) => b.event));
      done(batch);
      this.#recovered();
      return;
    } catch (err) {
      if (batch.length === 1) return this.#failed(err, batch.length);
    }
    // Tell a row that can never be written (the others succeed) from a database that is down.
    const poison: Buffered[] = [];
    let firstError: unknown;
    for (const row of batch) {
      try {
        await this.#rows.write([row.event]);
        done([row]);
      } catch (err) {
        poison.push(row);
        firstError ??= err;
      }
    }
    if (poison.length === batch.length) return this.#failed(firstError, batch.length);
    for (const row of poison) this.logger.error({ event: loggable(row.event) }, 'audit row could not be written; dropped');
    done(poison);
    this.#recovered();
  }

  #failed(err: unknown, rows: number): void {
    this.#failingSince ??= Date.now();
    this.#retryMs = Math.min(Math.max(this.#retryMs * 2, RETRY_FIRST_MS), RETRY_MAX_MS);
    this.logger.error({ err, rows, buffered: this.#buffer.length, retryInMs: this.#retryMs }, 'audit write failed; rows kept for retry');
  }

  #recovered(): void {
    if (this.#failingSince !== undefined) this.logger.warn({ failedForMs: Date.now() - this.#failingSince }, 'audit writes recovered');
    this.#failingSince = undefined;
    this.#retryMs = 0;
  }

  /** Inserts the row of a call about to move money; throws if it cannot be written. */
  async recordPending(event: AuditEvent): Promise<number> {
    const row = await this.db.auditEvent.create({ data: { ...event, at: new Date(event.at) }, select: { id: true } });
    return row.id;
  }

  /**
   * Writes a row at once, on the money path's connection, not batched: for a change to money
   * state made outside a call (reconciliation settling a payment), so it is as durable as the
   * ledger change it records. Throws if it cannot be written.
   */
  async recordNow(event: AuditEvent): Promise<void> {
    await this.db.auditEvent.create({ data: { ...event, at: new Date(event.at) }, select: { id: true } });
  }

  /** Completes a pending row with the call's outcome. */
  async complete(id: number, event: AuditEvent): Promise<void> {
    try {
      await this.db.auditEvent.update({ where: { id }, data: { ...event, at: new Date(event.at) } });
    } catch (err) {
      this.logger.error({ err, requestId: event.requestId }, 'audit write failed');
    }
  }

  /** Reads what is stored, after writing what this process still buffers. */
  async query(q: AuditQuery = {}) {
    await this.flush();
    return this.db.auditEvent.findMany({
      where: {
        ...(q.tokenId ? { tokenId: q.tokenId } : {}),
        ...(q.decision ? { decision: q.decision } : {}),
        id: { ...(q.afterId !== undefined ? { gt: q.afterId } : {}), ...(q.beforeId !== undefined ? { lt: q.beforeId } : {}) },
        at: { ...(q.since ? { gte: q.since } : {}), ...(q.until ? { lte: q.until } : {}) },
      },
      orderBy: { id: q.afterId !== undefined ? 'asc' : 'desc' },
      take: Math.min(q.limit ?? 100, 1000),
    });
  }
}

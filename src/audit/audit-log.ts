/**
 * The only writer of audit rows. Called from the pipeline's `finally`, so a decision is
 * recorded whatever happened after it. A failed audit write is logged loudly but does not
 * turn an already-executed bunq call into an error for the caller.
 * Money-moving calls are written AHEAD: a pending row before bunq is called (recordPending,
 * which must succeed or nothing is sent), completed in place afterwards, so a process killed
 * mid-payment still leaves its audit row (and still one row per call).
 */
import type { Logger } from '../lib/logger';
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

export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  /** Events waiting for the write that is in progress to finish (group commit). */
  #pending: { event: AuditEvent; done: () => void }[] = [];
  #writing = false;

  /**
   * Resolves once the row is written (or its failure logged). Rows are written in GROUP
   * COMMITS: the rows of one event-loop turn, and those that arrive while a write is in
   * progress, go together in one statement, so under load one commit (one disk sync) serves
   * many calls. No row is acknowledged before it is stored.
   */
  record(event: AuditEvent): Promise<void> {
    return new Promise<void>((done) => {
      this.#pending.push({ event, done });
      if (this.#writing) return;
      this.#writing = true;
      // SQLite writes block the event loop (better-sqlite3 is synchronous), so a write started
      // at once would hold only this row: wait for the calls of this loop turn to join it.
      setImmediate(() => void this.#writeAll());
    });
  }

  async #writeAll(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      await this.#write(batch.map((p) => p.event));
      for (const p of batch) p.done();
    }
    this.#writing = false;
  }

  async #write(events: readonly AuditEvent[]): Promise<void> {
    try {
      await insertAuditRows(this.db, events);
      return;
    } catch (err) {
      if (events.length === 1) {
        this.logger.error({ err, requestId: events[0]!.requestId }, 'audit write failed');
        return;
      }
    }
    // One bad row must not cost the others theirs: write them one by one.
    for (const event of events) await this.#write([event]);
  }

  /** Inserts the row of a call about to move money; throws if it cannot be written. */
  async recordPending(event: AuditEvent): Promise<number> {
    const row = await this.db.auditEvent.create({ data: { ...event, at: new Date(event.at) }, select: { id: true } });
    return row.id;
  }

  /** Completes a pending row with the call's outcome. */
  async complete(id: number, event: AuditEvent): Promise<void> {
    try {
      await this.db.auditEvent.update({ where: { id }, data: { ...event, at: new Date(event.at) } });
    } catch (err) {
      this.logger.error({ err, requestId: event.requestId }, 'audit write failed');
    }
  }

  async query(q: AuditQuery = {}) {
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

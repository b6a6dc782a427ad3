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

export interface AuditQuery {
  tokenId?: string;
  decision?: 'allow' | 'deny';
  since?: Date;
  until?: Date;
  limit?: number;
  afterId?: number;
}

export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  async record(event: AuditEvent): Promise<void> {
    try {
      await this.db.auditEvent.create({ data: { ...event, at: new Date(event.at) } });
    } catch (err) {
      this.logger.error({ err, requestId: event.requestId }, 'audit write failed');
    }
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
        ...(q.afterId !== undefined ? { id: { gt: q.afterId } } : {}),
        at: { ...(q.since ? { gte: q.since } : {}), ...(q.until ? { lte: q.until } : {}) },
      },
      orderBy: { id: q.afterId !== undefined ? 'asc' : 'desc' },
      take: Math.min(q.limit ?? 100, 1000),
    });
  }
}

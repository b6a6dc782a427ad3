/**
 * The only writer of audit rows. Called from the pipeline's `finally`, so a decision is
 * recorded whatever happened after it. A failed audit write is logged loudly but does not
 * turn an already-executed bunq call into an error for the caller.
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

  async record(event: AuditEvent): Promise<void> {
    try {
      await this.db.auditEvent.create({ data: { ...event, at: new Date(event.at) } });
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

/**
 * Stored outcomes of money-moving calls made with an Idempotency-Key (as Stripe does), per
 * token. `begin` claims the key atomically (the primary key refuses a second claim, on SQLite
 * and PostgreSQL alike, so two instances cannot both claim it); whoever loses the claim gets
 * what the first request left: its answer (DONE), or "still in flight".
 */
import type { Db } from './client';

export interface StoredAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type IdempotencyClaim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'replay'; readonly answer: StoredAnswer }
  | { readonly kind: 'in_flight'; readonly since: number }
  | { readonly kind: 'different_request' };

export class IdempotencyRepository {
  constructor(private readonly db: Db) {}

  async begin(tokenId: string, key: string, requestHash: string, now: number): Promise<IdempotencyClaim> {
    try {
      await this.db.idempotencyRecord.create({ data: { tokenId, key, requestHash, state: 'IN_FLIGHT', createdAt: new Date(now) } });
      return { kind: 'claimed' };
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'P2002') throw err;
    }
    const first = await this.db.idempotencyRecord.findUnique({ where: { tokenId_key: { tokenId, key } } });
    if (!first) throw new Error('idempotency record vanished after a duplicate-key refusal');
    if (first.requestHash !== requestHash) return { kind: 'different_request' };
    if (first.state !== 'DONE' || first.responseStatus === null || first.responseBody === null) {
      return { kind: 'in_flight', since: first.createdAt.getTime() };
    }
    const headers = JSON.parse(first.responseHeaders ?? '{}') as Record<string, string>;
    return { kind: 'replay', answer: { status: first.responseStatus, headers, body: first.responseBody } };
  }

  /**
   * Stores `answer` for a key still IN_FLIGHT that was claimed before `claimedBefore` (its first
   * request died with its process). Atomic: of concurrent retries one settles it, and a record
   * that was completed meanwhile keeps its real answer.
   */
  async settleAbandoned(tokenId: string, key: string, answer: StoredAnswer, claimedBefore: number, now: number): Promise<void> {
    await this.db.idempotencyRecord.updateMany({
      where: { tokenId, key, state: 'IN_FLIGHT', createdAt: { lt: new Date(claimedBefore) } },
      data: done(answer, now),
    });
  }

  /** Gives up a claim whose request did nothing (see steps/idempotency.ts): a retry runs anew. */
  async release(tokenId: string, key: string): Promise<void> {
    await this.db.idempotencyRecord.deleteMany({ where: { tokenId, key, state: 'IN_FLIGHT' } });
  }

  async complete(tokenId: string, key: string, answer: StoredAnswer, now: number): Promise<void> {
    await this.db.idempotencyRecord.update({ where: { tokenId_key: { tokenId, key } }, data: done(answer, now) });
  }
}

/** The columns of a finished record. */
function done(answer: StoredAnswer, now: number) {
  return {
    state: 'DONE',
    responseStatus: answer.status,
    responseHeaders: JSON.stringify(answer.headers),
    responseBody: answer.body,
    completedAt: new Date(now),
  };
}

/**
 * bunq objects created through a token. "Only the requests made with that token" is decided
 * here: bunq itself knows nothing of our tokens.
 */
import type { Db } from './client';
import type { SqliteTokenReader } from './token-reader';

export type OwnedKind = 'request-inquiry' | 'draft-payment';

export class OwnedObjects {
  /**
   * `reader`: on SQLite, the per-call checks below read with prepared statements on the
   * query-only connection (token-reader.ts); through Prisma each cost ~1 ms of CPU. Else (or
   * while the database is busy) Prisma. Never cached: a new object is owned from its next call.
   */
  constructor(
    private readonly db: Db,
    private readonly reader?: Pick<SqliteTokenReader, 'ownerOf' | 'ownedIds'>,
  ) {}

  async record(kind: OwnedKind, bunqId: number, tokenId: string, monetaryAccountId: number): Promise<void> {
    await this.db.ownedObject.create({ data: { kind, bunqId, tokenId, monetaryAccountId } });
  }

  async isOwnedBy(kind: OwnedKind, bunqId: number, tokenId: string): Promise<boolean> {
    const owner = this.reader?.ownerOf(kind, bunqId);
    if (owner !== undefined) return owner === tokenId;
    const row = await this.db.ownedObject.findUnique({ where: { kind_bunqId: { kind, bunqId } } });
    return row !== null && row.tokenId === tokenId;
  }

  async idsOf(kind: OwnedKind, tokenId: string): Promise<Set<number>> {
    const fast = this.reader?.ownedIds(kind, tokenId);
    if (fast !== undefined) return fast;
    const rows = await this.db.ownedObject.findMany({ where: { kind, tokenId }, select: { bunqId: true } });
    return new Set(rows.map((r) => r.bunqId));
  }
}

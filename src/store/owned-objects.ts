/**
 * bunq objects created through a token. "Only the requests made with that token" is decided
 * here: bunq itself knows nothing of our tokens.
 */
import type { Db } from './client';

export type OwnedKind = 'request-inquiry' | 'draft-payment';

export class OwnedObjects {
  constructor(private readonly db: Db) {}

  async record(kind: OwnedKind, bunqId: number, tokenId: string, monetaryAccountId: number): Promise<void> {
    await this.db.ownedObject.create({ data: { kind, bunqId, tokenId, monetaryAccountId } });
  }

  async isOwnedBy(kind: OwnedKind, bunqId: number, tokenId: string): Promise<boolean> {
    const row = await this.db.ownedObject.findUnique({ where: { kind_bunqId: { kind, bunqId } } });
    return row !== null && row.tokenId === tokenId;
  }

  async idsOf(kind: OwnedKind, tokenId: string): Promise<Set<number>> {
    const rows = await this.db.ownedObject.findMany({ where: { kind, tokenId }, select: { bunqId: true } });
    return new Set(rows.map((r) => r.bunqId));
  }
}

/**
 * One INSERT for a group of audit rows (PostgreSQL; SQLite has sqlite-audit-writer.ts). Written as a parameterised raw statement (Prisma.sql
 * binds every value; nothing is spliced into the SQL text) because Prisma's createMany costs
 * about six times as much CPU per batch here (query compilation), and audit rows are written on
 * every call. Stored values are the same as Prisma's own (DateTime as ISO text, BigInt as
 * integer on SQLite): test/component/audit.test.ts reads them back through the model.
 */
import { Prisma } from './generated/prisma/client';
import type { AuditEvent } from '../audit/audit-event';
import type { Db } from './client';

export const AUDIT_COLUMNS = [
  'at', 'requestId', 'tokenId', 'method', 'endpoint', 'monetaryAccountId', 'amountMinor', 'currency',
  'counterpartyIban', 'decision', 'reasonId', 'status', 'upstreamStatus', 'durationMs', 'clientIp',
] as const satisfies readonly (keyof AuditEvent)[];

const INSERT = Prisma.raw(`INSERT INTO "AuditEvent" (${AUDIT_COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES `);

export async function insertAuditRows(db: Db, events: readonly AuditEvent[]): Promise<void> {
  const rows = events.map((e) => Prisma.sql`(${Prisma.join(AUDIT_COLUMNS.map((c) => (c === 'at' ? new Date(e.at) : e[c])))})`);
  await db.$executeRaw`${INSERT}${Prisma.join(rows)}`;
}

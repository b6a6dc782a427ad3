/**
 * The only place a PrismaClient is made. SQLite through the better-sqlite3 driver adapter is
 * the embedded default; the adapter serialises transactions on its one connection, which is
 * what makes the spend ledger's check-then-reserve atomic on SQLite.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/prisma/client';

export type Db = InstanceType<typeof PrismaClient>;
export type { PrismaClient };

export function sqliteFile(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) throw new TypeError('only file: (SQLite) database URLs are supported');
  return path.resolve(databaseUrl.slice('file:'.length));
}

export function openDatabase(databaseUrl: string): Db {
  const file = sqliteFile(databaseUrl);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

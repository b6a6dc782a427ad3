/**
 * The only place a PrismaClient is made; DATABASE_URL chooses the database (database-url.ts).
 *  - SQLite (file:…) through the better-sqlite3 adapter is the embedded default; the adapter
 *    serialises transactions on its one connection, which is what makes the spend ledger's
 *    check-then-reserve atomic on SQLite.
 *  - PostgreSQL (postgres(ql)://…) through @prisma/adapter-pg lets several gateway instances
 *    share one state; there the spend ledger takes row locks (spend-ledger.ts).
 * Both clients are generated from the same models (prisma/schema.prisma; the PostgreSQL copy is
 * derived by scripts/derive-postgresql-schema.js), so they have the same model API and callers
 * only ever see the one `Db` type.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresPrismaClient } from './generated/postgresql/client';
import { dialectOf, postgresPool, sqliteFile, type Dialect } from './database-url';

export type Db = InstanceType<typeof PrismaClient>;
export type { PrismaClient, Dialect };

const dialects = new WeakMap<object, Dialect>();

/** Which database a client talks to (the spend ledger locks differently on each). */
export function dialectOfDb(db: Db): Dialect {
  return dialects.get(db) ?? 'sqlite';
}

/** Connections per instance to PostgreSQL: enough for concurrent payments waiting on row locks. */
const POSTGRES_POOL_SIZE = 20;

export function openDatabase(databaseUrl: string): Db {
  const dialect = dialectOf(databaseUrl);
  let db: Db;
  if (dialect === 'postgresql') {
    // The two generated clients differ only in provider-specific extras (e.g. case-insensitive
    // filters on PostgreSQL) that the repositories do not use: the model API is the same.
    db = new PostgresPrismaClient({ adapter: new PrismaPg(postgresPool(databaseUrl, POSTGRES_POOL_SIZE)) }) as unknown as Db;
  } else {
    const file = sqliteFile(databaseUrl);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 10_000 }) });
  }
  dialects.set(db, dialect);
  return db;
}

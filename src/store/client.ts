/**
 * The only place a PrismaClient is made; DATABASE_URL chooses the database (database-url.ts).
 *  - SQLite (file:…) through the better-sqlite3 adapter is the embedded default; the adapter
 *    serialises transactions on its one connection, which is what makes the spend ledger's
 *    check-then-reserve atomic on SQLite. The file is switched to WAL journaling: readers (the
 *    token look-up, the CLI) never wait for a writer, and a commit needs one fsync instead of
 *    the rollback journal's several.
 *  - PostgreSQL (postgres(ql)://…) through @prisma/adapter-pg lets several gateway instances
 *    share one state; there the spend ledger takes row locks (spend-ledger.ts).
 * Both clients are generated from the same models (prisma/schema.prisma; the PostgreSQL copy is
 * derived by scripts/derive-postgresql-schema.js), so they have the same model API and callers
 * only ever see the one `Db` type.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/prisma/client';
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
    // Loaded only here: the PostgreSQL client, its adapter and pg cost an embedded (SQLite)
    // gateway ~20 MB of memory it would never use.
    const { PrismaPg } = require('@prisma/adapter-pg') as typeof import('@prisma/adapter-pg');
    const { PrismaClient: PostgresPrismaClient } = require('./generated/postgresql/client') as typeof import('./generated/postgresql/client');
    db = new PostgresPrismaClient({ adapter: new PrismaPg(postgresPool(databaseUrl, POSTGRES_POOL_SIZE)) }) as unknown as Db;
  } else {
    const file = sqliteFile(databaseUrl);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    useWriteAheadLog(file);
    db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 10_000 }) });
  }
  dialects.set(db, dialect);
  return db;
}

/**
 * WAL is a property of the database file (it persists), so setting it once per open is enough
 * and a no-op when it is already on. Prisma's connection keeps SQLite's default
 * `synchronous = FULL`: each of its commits (tokens, spend ledger, money audit rows) is flushed.
 */
function useWriteAheadLog(file: string): void {
  const conn = new Database(file, { timeout: 10_000 });
  try {
    conn.pragma('journal_mode = WAL');
  } finally {
    conn.close();
  }
}

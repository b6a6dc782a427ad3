// A fresh migrated database (SQLite unless asked for PostgreSQL) (the suite's template copy when the global setup ran) and a
// SecretBox with a random master key, per test file.
import { randomBytes } from 'node:crypto';
import { SecretBox } from '../../../src/lib/secret-box';
import type { Db, Dialect } from '../../../src/store/client';
import { freshDatabase } from '../../helpers/database';

export interface TestDb {
  url: string;
  db: Db;
  secretBox: SecretBox;
  close(): Promise<void>;
}

export async function createTestDb(dialect: Dialect = 'sqlite'): Promise<TestDb> {
  const { url, db } = await freshDatabase(dialect);
  return {
    url,
    db,
    secretBox: new SecretBox(randomBytes(32)),
    async close() {
      await db.$disconnect();
    },
  };
}

/** The raw BunqContext row, exactly as SQLite stores it. */
export async function rawContextRow(db: Db): Promise<Record<string, unknown>> {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>('SELECT * FROM "BunqContext"');
  return rows[0] ?? {};
}

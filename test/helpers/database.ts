// A fresh, migrated database for one test file: SQLite copied from the template that
// global-setup.ts migrated once, or a PostgreSQL database cloned from its migrated template.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { migrateDatabase } from '../../src/store/migrate';
import { openDatabase, type Db, type Dialect } from '../../src/store/client';
import { clonePostgresDatabase } from './postgres';

/** Storage and concurrency tests run once per database: `describe.each(DIALECTS)`. */
export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgresql'];

export async function freshDatabaseUrl(dialect: Dialect = 'sqlite'): Promise<string> {
  if (dialect === 'postgresql') return clonePostgresDatabase();
  const dir = process.env['BUNQ_GW_TEST_DIR'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bunq-gw-tests-'));
  const file = path.join(dir, `${randomUUID()}.db`);
  const template = process.env['BUNQ_GW_TEST_TEMPLATE_DB'];
  if (template) fs.copyFileSync(template, file);
  else await migrateDatabase(`file:${file}`);
  return `file:${file}`;
}

export async function freshDatabase(dialect: Dialect = 'sqlite'): Promise<{ url: string; db: Db }> {
  const url = await freshDatabaseUrl(dialect);
  return { url, db: openDatabase(url) };
}

// A fresh, migrated SQLite database for one test file, copied from the template that
// global-setup.ts migrated once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { migrateDatabase } from '../../src/store/migrate';
import { openDatabase, type Db } from '../../src/store/client';

export async function freshDatabaseUrl(): Promise<string> {
  const dir = process.env['BUNQ_GW_TEST_DIR'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bunq-gw-tests-'));
  const file = path.join(dir, `${randomUUID()}.db`);
  const template = process.env['BUNQ_GW_TEST_TEMPLATE_DB'];
  if (template) fs.copyFileSync(template, file);
  else await migrateDatabase(`file:${file}`);
  return `file:${file}`;
}

export async function freshDatabase(): Promise<{ url: string; db: Db }> {
  const url = await freshDatabaseUrl();
  return { url, db: openDatabase(url) };
}

// Migrates one template database per test run and per dialect; each test copies (SQLite) or
// clones (PostgreSQL, database.ts) it instead of running `prisma migrate deploy` again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { migrateDatabase } from '../../src/store/migrate';
import { databaseUrl, withAdmin } from './postgres';

export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bunq-gw-tests-'));
  const template = path.join(dir, 'template.db');
  const prefix = `bunq_gw_t${randomBytes(5).toString('hex')}`;
  const pgTemplate = `${prefix}_template`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${pgTemplate}"`));
  await Promise.all([migrateDatabase(`file:${template}`), migrateDatabase(databaseUrl(pgTemplate))]);
  process.env['BUNQ_GW_TEST_TEMPLATE_DB'] = template;
  process.env['BUNQ_GW_TEST_DIR'] = dir;
  process.env['BUNQ_GW_TEST_PG_PREFIX'] = prefix;
}

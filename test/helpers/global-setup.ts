// Migrates one template SQLite database per test run; each test copies it (database.ts)
// instead of running `prisma migrate deploy` again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase } from '../../src/store/migrate';

export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bunq-gw-tests-'));
  const template = path.join(dir, 'template.db');
  await migrateDatabase(`file:${template}`);
  process.env['BUNQ_GW_TEST_TEMPLATE_DB'] = template;
  process.env['BUNQ_GW_TEST_DIR'] = dir;
}

/**
 * Whether a SQLite database lacks any of the committed migrations, read from Prisma's own
 * bookkeeping table (`_prisma_migrations`: one row per applied migration, `finished_at` set
 * once it completed). Anything unclear — no file, no table, a failed or rolled-back row —
 * counts as pending, so `migrate deploy` runs and reports it in its own words.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sqliteFile } from './database-url';

export function sqliteMigrationsPending(databaseUrl: string, migrationsDir: string): boolean {
  const file = sqliteFile(databaseUrl);
  if (!fs.existsSync(file)) return true;
  const committed = fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(migrationsDir, d.name, 'migration.sql')))
    .map((d) => d.name);
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (table === undefined) return true;
    const rows = db.prepare('SELECT migration_name AS name, finished_at AS finished, rolled_back_at AS rolledBack FROM _prisma_migrations').all() as {
      name: string;
      finished: unknown;
      rolledBack: unknown;
    }[];
    if (rows.some((r) => r.finished === null && r.rolledBack === null)) return true;
    const applied = new Set(rows.filter((r) => r.finished !== null && r.rolledBack === null).map((r) => r.name));
    return committed.some((name) => !applied.has(name));
  } finally {
    db.close();
  }
}

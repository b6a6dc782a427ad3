// The PostgreSQL side must follow the one schema source (prisma/schema.prisma). After models
// are added (or branches merged), these fail until `npm run db:migrations -- <name>` has been
// run: the derived schema is stale, or the PostgreSQL migrations do not create what the SQLite
// ones create.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { repoRoot } from '../../../src/config/schema';
import { sqliteFile } from '../../../src/store/database-url';
import { freshDatabaseUrl } from '../../helpers/database';

test('prisma/postgresql/schema.prisma is derived from the current prisma/schema.prisma', () => {
  expect(() =>
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'derive-postgresql-schema.js'), '--check'], { stdio: 'pipe' }),
  ).not.toThrow();
});

test('the PostgreSQL migrations were written for the current models', () => {
  const derived = fs.readFileSync(path.join(repoRoot, 'prisma', 'postgresql', 'schema.prisma'), 'utf8');
  const migrated = fs.readFileSync(path.join(repoRoot, 'prisma', 'postgresql', 'migrated-schema.prisma'), 'utf8');
  expect(migrated).toBe(derived);
});

test('migrated PostgreSQL and SQLite databases have the same tables and columns', async () => {
  const sqlite = new Database(sqliteFile(await freshDatabaseUrl('sqlite')), { readonly: true });
  const fromSqlite = new Set<string>();
  try {
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    for (const { name } of tables) {
      for (const col of sqlite.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]) fromSqlite.add(`${name}.${col.name}`);
    }
  } finally {
    sqlite.close();
  }
  const client = new Client({ connectionString: await freshDatabaseUrl('postgresql') });
  await client.connect();
  const fromPostgres = new Set<string>();
  try {
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
    );
    for (const r of rows) fromPostgres.add(`${r.table_name}.${r.column_name}`);
  } finally {
    await client.end();
  }
  expect(fromSqlite.size).toBeGreaterThan(0);
  expect([...fromPostgres].sort()).toEqual([...fromSqlite].sort());
});

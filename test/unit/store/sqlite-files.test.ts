// Issue #6: SQLite runs in WAL mode (readers never wait for the audit writer; a commit is one
// WAL append), and a command started next to a running gateway must not need Prisma's
// `migrate deploy`, which cannot lock a WAL database another process has open.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { freshDatabaseUrl } from '../../helpers/database';
import { openDatabase } from '../../../src/store/client';
import { sqliteFile } from '../../../src/store/database-url';
import { migrateDatabase } from '../../../src/store/migrate';
import { sqliteMigrationsPending } from '../../../src/store/pending-migrations';
import { SqliteAuditWriter } from '../../../src/store/sqlite-audit-writer';
import type { AuditEvent } from '../../../src/audit/audit-event';

const MIGRATIONS = path.join(__dirname, '..', '..', '..', 'prisma', 'migrations');

test('when the database is opened, then it is in WAL mode', async () => {
  const url = await freshDatabaseUrl();
  const db = openDatabase(url);
  try {
    const conn = new Database(sqliteFile(url), { readonly: true });
    expect(conn.pragma('journal_mode', { simple: true })).toBe('wal');
    conn.close();
  } finally {
    await db.$disconnect();
  }
});

test('when every committed migration is applied, then none is pending; a new migration directory, or no file, is pending', async () => {
  const url = await freshDatabaseUrl();
  expect(sqliteMigrationsPending(url, MIGRATIONS)).toBe(false);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  fs.cpSync(MIGRATIONS, dir, { recursive: true });
  fs.mkdirSync(path.join(dir, '29990101000000_future'));
  fs.writeFileSync(path.join(dir, '29990101000000_future', 'migration.sql'), 'SELECT 1;');
  expect(sqliteMigrationsPending(url, dir)).toBe(true);
  expect(sqliteMigrationsPending(`file:${path.join(dir, 'missing.db')}`, MIGRATIONS)).toBe(true);
});

test('when another process holds the WAL database open (a running gateway), then a command start-up migrates without error', async () => {
  const url = await freshDatabaseUrl();
  const gateway = openDatabase(url);
  try {
    await gateway.token.count(); // the connection is open, in WAL mode
    await expect(migrateDatabase(url)).resolves.toBeUndefined();
  } finally {
    await gateway.$disconnect();
  }
});

const row = (requestId: string): AuditEvent => ({
  at: Date.parse('2026-11-24T10:00:00.123Z'), requestId, tokenId: null, method: 'GET', endpoint: 'GET /v1/user', monetaryAccountId: 7,
  amountMinor: 1234n, currency: 'EUR', counterpartyIban: null, decision: 'deny', reasonId: 'scope_missing', status: 403,
  upstreamStatus: null, durationMs: 2, clientIp: '127.0.0.1',
});

test('when another connection holds the write lock, then the audit writer waits for it (without blocking the event loop) and writes', async () => {
  const url = await freshDatabaseUrl();
  const db = openDatabase(url);
  const writer = new SqliteAuditWriter(sqliteFile(url));
  const locker = new Database(sqliteFile(url));
  try {
    locker.exec('BEGIN IMMEDIATE');
    const written = writer.write([row('waited')]);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await new Promise((r) => setTimeout(r, 60));
    const ticksWhileLocked = ticks;
    locker.exec('COMMIT');
    await written;
    clearInterval(timer);
    // The event loop kept running while the write waited (a write that blocked the thread could
    // never see the lock released: the COMMIT above runs on this same thread). At least one tick,
    // not a count, so a machine starved by parallel test workers does not fail it.
    expect(ticksWhileLocked).toBeGreaterThan(0);
    const stored = await db.auditEvent.findMany({ where: { requestId: 'waited' } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ at: new Date('2026-11-24T10:00:00.123Z'), amountMinor: 1234n, monetaryAccountId: 7, status: 403 });
  } finally {
    locker.close();
    writer.close();
    await db.$disconnect();
  }
});

/**
 * Audit rows on SQLite, written through their own connection with one prepared statement
 * instead of Prisma: every call writes a row, and through Prisma that cost more CPU than the
 * rest of the call (query compilation, then the commit's fsync on the main thread).
 *
 * Durability, deliberately: the database is in WAL mode (client.ts) and this connection commits
 * with `synchronous = NORMAL`, so a row is in the write-ahead log when `write` returns — it
 * survives the gateway process being killed — but is fsynced only at the next checkpoint or at
 * the next commit of the money path (Prisma's connection keeps `synchronous = FULL`, and the
 * row of a money-moving call is written ahead through it, before bunq is called). A power loss
 * may therefore lose the newest rows of calls that moved no money; that is the price of not
 * paying a disk flush per call (SQLite's documented WAL + NORMAL trade-off:
 * https://www.sqlite.org/pragma.html#pragma_synchronous).
 *
 * A Prisma transaction (the spend ledger's) holds SQLite's one write lock across awaits, so a
 * busy database is retried after a short pause instead of waited for on the main thread (which
 * that transaction needs to finish).
 */
import Database from 'better-sqlite3';
import type { AuditEvent } from '../audit/audit-event';
import { AUDIT_COLUMNS } from './audit-rows';
import { isSqliteBusy } from './database-errors';

/** Longest a group of rows waits for another writer before the write is reported as failed. */
const BUSY_GIVE_UP_MS = 10_000;

type Params = (string | number | bigint | null)[];

export class SqliteAuditWriter {
  readonly #db: Database.Database;
  readonly #insertAll: (rows: readonly Params[]) => void;

  constructor(file: string) {
    this.#db = new Database(file, { fileMustExist: true, timeout: 0 });
    this.#db.pragma('synchronous = NORMAL');
    const columns = AUDIT_COLUMNS.map((c) => `"${c}"`).join(', ');
    const insert = this.#db.prepare<Params>(`INSERT INTO "AuditEvent" (${columns}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`);
    this.#insertAll = this.#db.transaction((rows: readonly Params[]) => {
      for (const row of rows) insert.run(...row);
    });
  }

  async write(events: readonly AuditEvent[]): Promise<void> {
    const rows = events.map(toParams);
    const giveUpAt = Date.now() + BUSY_GIVE_UP_MS;
    for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
      try {
        this.#insertAll(rows);
        return;
      } catch (err) {
        if (!isSqliteBusy(err) || Date.now() >= giveUpAt) throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  close(): void {
    this.#db.close();
  }
}

/** The values Prisma itself would store: DateTime as ISO 8601 text with "+00:00", BigInt as integer. */
function toParams(event: AuditEvent): Params {
  return AUDIT_COLUMNS.map((column) => {
    if (column === 'at') return new Date(event.at).toISOString().replace('Z', '+00:00');
    return event[column];
  });
}

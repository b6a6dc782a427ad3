/**
 * What one durable SQLite commit costs on this disk, with the journal settings the gateway
 * uses (rollback journal, synchronous FULL): every call waits for its audit row's commit (group
 * commits share one), and better-sqlite3 does that I/O on the main thread.
 */
import path from 'node:path';
import Database from 'better-sqlite3';

export function sqliteCommitMs(dir: string, commits = 50): number {
  const db = new Database(path.join(dir, 'commit-cost.db'));
  try {
    db.exec('CREATE TABLE IF NOT EXISTS t (a TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    const started = process.hrtime.bigint();
    for (let i = 0; i < commits; i++) insert.run('x'.repeat(200));
    return Number(process.hrtime.bigint() - started) / 1e6 / commits;
  } finally {
    db.close();
  }
}

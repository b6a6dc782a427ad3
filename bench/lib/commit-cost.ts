/**
 * What one SQLite commit costs on this disk, in the two ways the gateway commits (the database is
 * in WAL mode, store/client.ts): an audit row of a call that moves no money (its own connection,
 * synchronous NORMAL: written to the WAL, flushed at checkpoints; sqlite-audit-writer.ts), and a
 * commit of the money path through Prisma's connection (synchronous FULL: one fsync of the WAL).
 */
import path from 'node:path';
import Database from 'better-sqlite3';

export function sqliteCommitMs(dir: string, synchronous: 'NORMAL' | 'FULL', commits = 200): number {
  const db = new Database(path.join(dir, 'commit-cost.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.exec('CREATE TABLE IF NOT EXISTS t (a TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    const started = process.hrtime.bigint();
    for (let i = 0; i < commits; i++) insert.run('x'.repeat(200));
    return Number(process.hrtime.bigint() - started) / 1e6 / commits;
  } finally {
    db.close();
  }
}

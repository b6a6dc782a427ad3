/**
 * Applies the committed migrations before the gateway starts, so it never runs on a schema
 * older than its code: SQLite (prisma/migrations) with Prisma's own `migrate deploy`, run as a
 * child process against the same DATABASE_URL; PostgreSQL (prisma/postgresql/migrations) with
 * migrate-postgres.ts, which explains why it cannot use `migrate deploy`.
 *
 * On SQLite `migrate deploy` runs only when a migration is pending (pending-migrations.ts):
 * Prisma's schema engine takes `locking_mode=EXCLUSIVE`, which a WAL database (client.ts)
 * refuses while any other process has it open, so a CLI command next to a running gateway must
 * not call it when there is nothing to do (and it saves every command a second of start-up).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../config/schema';
import { dialectOf, PRISMA_PATHS } from './database-url';
import { sqliteMigrationsPending } from './pending-migrations';

const run = promisify(execFile);

export async function migrateDatabase(databaseUrl: string): Promise<void> {
  if (dialectOf(databaseUrl) === 'postgresql') {
    try {
      // Required here, not at the top: an embedded (SQLite) gateway never loads pg.
      const { migratePostgres } = require('./migrate-postgres') as typeof import('./migrate-postgres');
      await migratePostgres(databaseUrl, path.join(repoRoot, PRISMA_PATHS.postgresql.migrations));
    } catch (err) {
      throw new Error(`database migration failed: ${(err as Error).message}`, { cause: err });
    }
    return;
  }
  if (!sqliteMigrationsPending(databaseUrl, path.join(repoRoot, PRISMA_PATHS.sqlite.migrations))) return;
  const cli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
  try {
    await run(process.execPath, [cli, 'migrate', 'deploy'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
      timeout: 120_000,
    });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    const detail = (e.stderr || e.stdout || e.message).split('\n').filter((l) => l.trim()).slice(-3).join(' | ');
    throw new Error(`database migration failed: ${detail}`, { cause: err });
  }
}

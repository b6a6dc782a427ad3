/**
 * Applies the committed migrations (prisma/migrations) with Prisma's own `migrate deploy`,
 * run as a child process against the same DATABASE_URL: the gateway never starts on a
 * schema older than its code.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../config/schema';

const run = promisify(execFile);

export async function migrateDatabase(databaseUrl: string): Promise<void> {
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

/**
 * Which database a DATABASE_URL names. SQLite (file:…) is the embedded default; PostgreSQL
 * (postgres:// or postgresql://) lets several gateway instances share one state. Shared by the
 * runtime (client.ts, migrate.ts) and by prisma.config.ts, so the CLI and the gateway can never
 * disagree about the provider, the schema file or the migrations directory.
 */
import path from 'node:path';
import type { PoolConfig } from 'pg';

export type Dialect = 'sqlite' | 'postgresql';

export function dialectOf(databaseUrl: string): Dialect {
  if (databaseUrl.startsWith('file:')) return 'sqlite';
  if (/^postgres(?:ql)?:\/\//.test(databaseUrl)) return 'postgresql';
  throw new TypeError('DATABASE_URL must be file:… (SQLite) or postgres(ql)://… (PostgreSQL)');
}

/** Schema file and migrations directory per dialect, relative to the repository root. */
export const PRISMA_PATHS: Record<Dialect, { schema: string; migrations: string }> = {
  sqlite: { schema: path.join('prisma', 'schema.prisma'), migrations: path.join('prisma', 'migrations') },
  postgresql: {
    schema: path.join('prisma', 'postgresql', 'schema.prisma'),
    migrations: path.join('prisma', 'postgresql', 'migrations'),
  },
};

export function sqliteFile(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) throw new TypeError('not a SQLite (file:) database URL');
  return path.resolve(databaseUrl.slice('file:'.length));
}

/** pg pool settings for a postgres(ql):// URL (database, user, host as in the URL; schema public). */
export function postgresPool(databaseUrl: string, max?: number): PoolConfig {
  return { connectionString: databaseUrl, ...(max === undefined ? {} : { max }) };
}

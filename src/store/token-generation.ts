/**
 * How the token generation (token-cache.ts) is read: the value of the one TokenGeneration row,
 * but only while every trigger that raises it exists. A migration that rebuilds the Token table
 * (SQLite's way of changing a column) drops its triggers; a generation that nothing raises any
 * more would keep revoked tokens in memory, so then no value is returned and nothing is cached.
 * The triggers are created by the token_generation migrations (prisma/migrations,
 * prisma/postgresql/migrations).
 */
import type { Db } from './client';
import { dialectOfDb, type Dialect } from './client';

const TRIGGERS: Record<Dialect, readonly string[]> = {
  sqlite: ['Token_generation_on_insert', 'Token_generation_on_update', 'Token_generation_on_delete'],
  // PostgreSQL's TRUNCATE fires no DELETE trigger.
  postgresql: ['Token_generation_on_insert', 'Token_generation_on_update', 'Token_generation_on_delete', 'Token_generation_on_truncate'],
};

const names = (dialect: Dialect) => TRIGGERS[dialect].map((t) => `'${t}'`).join(', ');

/** One statement: the value and how many of the triggers exist. */
export function generationQuery(dialect: Dialect): string {
  const triggers =
    dialect === 'sqlite'
      ? `SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Token' AND name IN (${names(dialect)})`
      : `SELECT count(*) FROM pg_trigger WHERE tgrelid = '"Token"'::regclass AND NOT tgisinternal AND tgenabled <> 'D' AND tgname IN (${names(dialect)})`;
  return `SELECT "value", (${triggers}) AS "triggers" FROM "TokenGeneration" WHERE "id" = 1`;
}

/** The value of a row of generationQuery, or null when the row or a trigger is missing. */
export function generationOf(dialect: Dialect, row: { value: unknown; triggers: unknown } | undefined): bigint | null {
  if (row === undefined || Number(row.triggers) !== TRIGGERS[dialect].length) return null;
  return BigInt(row.value as bigint | number | string);
}

export async function readGenerationWithPrisma(db: Db): Promise<bigint | null> {
  const dialect = dialectOfDb(db);
  const rows = await db.$queryRawUnsafe<{ value: unknown; triggers: unknown }[]>(generationQuery(dialect));
  return generationOf(dialect, rows[0]);
}

/**
 * The token look-ups of authenticate.ts that the cache (token-cache.ts) cannot answer, and the
 * token generation it checks, read straight from SQLite with prepared statements on a second,
 * query-only connection: through Prisma the same look-up costs ~1 ms of CPU per call here
 * (query compilation), through a prepared statement a few tens of µs. Each statement reads the
 * last committed state of the file. If another process is in the middle of a commit (SQLite
 * busy) beyond a few ms, the look-up goes through Prisma instead (asynchronously) rather than
 * block or fail.
 */
import Database from 'better-sqlite3';
import { toTokenRecord, type TokenRecord } from './token-repo';
import { generationOf, generationQuery } from './token-generation';

type Row = Parameters<typeof toTokenRecord>[0];
type RawRow = Record<string, unknown>;

const DATE_COLUMNS = ['expiresAt', 'revokedAt', 'rotatedAt', 'createdAt', 'lastUsedAt'] as const;

/** How long one look-up may wait for another process's commit before it is handed to Prisma. */
const BUSY_TIMEOUT_MS = 20;

export class SqliteTokenReader {
  readonly #db: Database.Database;
  readonly #byJti: Database.Statement<[string], RawRow>;
  readonly #byKeyHash: Database.Statement<[string], RawRow>;
  readonly #byId: Database.Statement<[string], RawRow>;
  readonly #generation: Database.Statement<[], RawRow>;

  constructor(file: string) {
    this.#db = new Database(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    this.#db.pragma('query_only = ON');
    this.#byJti = this.#db.prepare('SELECT * FROM "Token" WHERE "jti" = ?');
    this.#byKeyHash = this.#db.prepare('SELECT * FROM "Token" WHERE "keyHash" = ?');
    this.#byId = this.#db.prepare('SELECT * FROM "Token" WHERE "id" = ?');
    this.#generation = this.#db.prepare<[], RawRow>(generationQuery('sqlite')).safeIntegers(true);
  }

  /** undefined: the database was busy; ask Prisma. */
  findByJti(jti: string): TokenRecord | null | undefined {
    return this.#one(this.#byJti, jti);
  }

  findByKeyHash(keyHash: string): TokenRecord | null | undefined {
    return this.#one(this.#byKeyHash, keyHash);
  }

  findById(id: string): TokenRecord | null | undefined {
    return this.#one(this.#byId, id);
  }

  /** The token generation (token-generation.ts); null: row or trigger missing; undefined: busy. */
  generation(): bigint | null | undefined {
    try {
      return generationOf('sqlite', this.#generation.get() as { value: unknown; triggers: unknown } | undefined);
    } catch (err) {
      if ((err as { code?: unknown }).code === 'SQLITE_BUSY') return undefined;
      throw err;
    }
  }

  close(): void {
    this.#db.close();
  }

  #one(statement: Database.Statement<[string], RawRow>, key: string): TokenRecord | null | undefined {
    let raw: RawRow | undefined;
    try {
      raw = statement.get(key);
    } catch (err) {
      if ((err as { code?: unknown }).code === 'SQLITE_BUSY') return undefined;
      throw err;
    }
    if (raw === undefined) return null;
    const row: RawRow = { ...raw };
    for (const column of DATE_COLUMNS) row[column] = toDate(raw[column], column);
    return toTokenRecord(row as Row);
  }
}

/**
 * Prisma stores DateTime on SQLite as ISO 8601 text ("2026-11-24T16:41:20.053+00:00"); a value
 * that is not a valid date FAILS CLOSED (an unreadable expiry must never read as "not expired").
 */
function toDate(value: unknown, column: string): Date | null {
  if (value === null) return null;
  const date =
    typeof value === 'number' || typeof value === 'bigint'
      ? new Date(Number(value))
      : typeof value === 'string'
        ? new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`)
        : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw new TypeError(`Token.${column} is not a date`);
  return date;
}

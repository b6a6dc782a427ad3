/**
 * The reads on the per-call path, straight from SQLite with prepared statements on a second,
 * query-only connection: the token look-ups of authenticate.ts that the cache (token-cache.ts)
 * cannot answer and the token generation it checks, the bunq session of a handshake client
 * (client-context-repo.ts) and the own-only checks (owned-objects.ts). Through Prisma the same
 * look-up costs ~1 ms of CPU per call here (query compilation), through a prepared statement a
 * few tens of µs. Each statement reads the last committed state of the file. If another
 * process is in the middle of a commit (SQLite busy) beyond a few ms, the look-up goes through
 * Prisma instead (asynchronously) rather than block or fail.
 */
import Database from 'better-sqlite3';
import { isSqliteBusy } from './database-errors';
import { toTokenRecord, type TokenRecord } from './token-repo';
import { generationOf, generationQuery } from './token-generation';
import { toSessionRecord, type ClientSessionRecord } from './client-context-repo';

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
  readonly #sessionByHash: Database.Statement<[string], RawRow>;
  readonly #ownerOf: Database.Statement<[string, number], RawRow>;
  readonly #ownedIds: Database.Statement<[string, string], RawRow>;

  constructor(file: string) {
    this.#db = new Database(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    this.#db.pragma('query_only = ON');
    this.#byJti = this.#db.prepare('SELECT * FROM "Token" WHERE "jti" = ?');
    this.#byKeyHash = this.#db.prepare('SELECT * FROM "Token" WHERE "keyHash" = ?');
    this.#byId = this.#db.prepare('SELECT * FROM "Token" WHERE "id" = ?');
    this.#generation = this.#db.prepare<[], RawRow>(generationQuery('sqlite')).safeIntegers(true);
    this.#sessionByHash = this.#db.prepare(
      `SELECT s."id", s."installationId", s."tokenId", s."secretHash", s."timeoutSeconds", s."expiresAt",
              d."id" AS "deviceId", d."installationId" AS "deviceInstallationId", d."tokenId" AS "deviceTokenId",
              d."secretHash" AS "deviceSecretHash", d."permittedIps" AS "devicePermittedIps",
              i."clientPublicKeyPem" AS "clientPublicKeyPem"
         FROM "ClientSession" s
         JOIN "ClientDevice" d ON d."id" = s."deviceId"
         JOIN "ClientInstallation" i ON i."id" = s."installationId"
        WHERE s."tokenHash" = ?`,
    );
    this.#ownerOf = this.#db.prepare('SELECT "tokenId" FROM "OwnedObject" WHERE "kind" = ? AND "bunqId" = ?');
    this.#ownedIds = this.#db.prepare('SELECT "bunqId" FROM "OwnedObject" WHERE "kind" = ? AND "tokenId" = ?');
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

  /**
   * A bunq session opened through the gateway's handshake, with its device and installation:
   * read on every call that comes with a session token (bunq-protocol/session-credential.ts).
   * null: no such session; undefined: the database was busy (ask Prisma).
   */
  findSession(tokenHash: string): ClientSessionRecord | null | undefined {
    const raw = busyAsUndefined(() => this.#sessionByHash.get(tokenHash) ?? null);
    if (raw === null || raw === undefined) return raw;
    return toSessionRecord({
      id: raw['id'] as number,
      installationId: raw['installationId'] as number,
      tokenId: raw['tokenId'] as string,
      secretHash: raw['secretHash'] as string,
      timeoutSeconds: raw['timeoutSeconds'] as number,
      expiresAt: toDate(raw['expiresAt'], 'ClientSession.expiresAt')!,
      device: {
        id: raw['deviceId'] as number,
        installationId: raw['deviceInstallationId'] as number,
        tokenId: raw['deviceTokenId'] as string,
        secretHash: raw['deviceSecretHash'] as string,
        permittedIps: raw['devicePermittedIps'] as string,
      },
      installation: { id: raw['installationId'] as number, clientPublicKeyPem: raw['clientPublicKeyPem'] as string },
    });
  }

  /** The token that created a bunq object through the gateway; null: none; undefined: busy. */
  ownerOf(kind: string, bunqId: number): string | null | undefined {
    return busyAsUndefined(() => (this.#ownerOf.get(kind, bunqId)?.['tokenId'] as string | undefined) ?? null);
  }

  /** The bunq ids of `kind` a token created; undefined: busy. */
  ownedIds(kind: string, tokenId: string): Set<number> | undefined {
    return busyAsUndefined(() => new Set(this.#ownedIds.all(kind, tokenId).map((r) => r['bunqId'] as number)));
  }

  /** The token generation (token-generation.ts); null: row or trigger missing; undefined: busy. */
  generation(): bigint | null | undefined {
    return busyAsUndefined(() => generationOf('sqlite', this.#generation.get() as { value: unknown; triggers: unknown } | undefined));
  }

  close(): void {
    this.#db.close();
  }

  #one(statement: Database.Statement<[string], RawRow>, key: string): TokenRecord | null | undefined {
    const raw = busyAsUndefined(() => statement.get(key) ?? null);
    if (raw === null || raw === undefined) return raw;
    const row: RawRow = { ...raw };
    for (const column of DATE_COLUMNS) row[column] = toDate(raw[column], `Token.${column}`);
    return toTokenRecord(row as Row);
  }
}

/**
 * Runs one read; undefined when another connection holds the database beyond the busy timeout
 * (SQLITE_BUSY, or an extended code such as SQLITE_BUSY_RECOVERY while another process recovers
 * the WAL): the caller then asks Prisma, which waits for it. Any other error is thrown.
 */
function busyAsUndefined<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    if (isSqliteBusy(err)) return undefined;
    throw err;
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
  if (Number.isNaN(date.getTime())) throw new TypeError(`${column} is not a date`);
  return date;
}

/**
 * Token records. The grant, ancestry and IP allowlist are JSON documents validated with zod
 * whenever they are read back (the database is an edge too).
 */
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { GrantSchema, type Grant } from '../policy/grant';
import type { Db } from './client';
import { GatewayError } from '../lib/errors';
import type { SqliteTokenReader } from './token-reader';
import { REVOCATION_SETTLE_MS, TokenRecordCache } from './token-cache';
import { readGenerationWithPrisma } from './token-generation';
import type { Logger } from '../lib/logger';
import { setTimeout as delay } from 'node:timers/promises';

export interface TokenRecord {
  readonly id: string;
  readonly jti: string;
  readonly name: string;
  readonly grant: Grant;
  readonly preset: string | null;
  readonly parentId: string | null;
  /** Ancestor ids, root first, parent last. */
  readonly ancestry: readonly string[];
  readonly ipAllowlist: readonly string[];
  readonly ratePerMinute: number | null;
  readonly ratePerDay: number | null;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly revokedReason: string | null;
  readonly createdAt: Date;
  readonly rotatedAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly lastUsedIp: string | null;
}

const StringList = z.array(z.string());

/**
 * Validated JSON columns by their exact stored text. Every call reads its token record afresh
 * (revocation must apply at once), but the grant text of a token does not change, and parsing
 * and zod-validating it was the costliest part of that read. Keyed by the text itself, so a
 * changed row can never be answered from here; the values are frozen (deeply), so no caller can
 * change what another caller gets.
 */
const parsedColumns = new LRUCache<string, object>({ max: 10_000 });

function parsedColumn<T extends object>(kind: 'grant' | 'list', text: string, parse: (value: unknown) => T): T {
  const key = `${kind}\u0000${text}`;
  const hit = parsedColumns.get(key);
  if (hit !== undefined) return hit as T;
  const value = deepFreeze(parse(JSON.parse(text)));
  parsedColumns.set(key, value);
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

type Row = NonNullable<Awaited<ReturnType<Db['token']['findUnique']>>>;

export function toTokenRecord(row: Row): TokenRecord {
  return {
    id: row.id,
    jti: row.jti,
    name: row.name,
    grant: parsedColumn('grant', row.grant, (v) => GrantSchema.parse(v)),
    preset: row.preset,
    parentId: row.parentId,
    ancestry: parsedColumn('list', row.ancestry, (v) => StringList.parse(v)),
    ipAllowlist: parsedColumn('list', row.ipAllowlist, (v) => StringList.parse(v)),
    ratePerMinute: row.ratePerMinute,
    ratePerDay: row.ratePerDay,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
    createdAt: row.createdAt,
    rotatedAt: row.rotatedAt,
    lastUsedAt: row.lastUsedAt,
    lastUsedIp: row.lastUsedIp,
  };
}

export interface NewToken {
  id: string;
  jti: string;
  name: string;
  grant: Grant;
  preset: string | null;
  parentId: string | null;
  ancestry: readonly string[];
  keyHash: string;
  ipAllowlist: readonly string[];
  ratePerMinute: number | null;
  ratePerDay: number | null;
  expiresAt: Date;
  createdAt: Date;
}

export class TokenRepository {
  /** Records of the per-call look-ups, kept while the token generation is unchanged (token-cache.ts). */
  readonly #cache: TokenRecordCache;

  /** `reader`: the fast per-call look-ups (token-reader.ts); without it (or when busy), Prisma. */
  constructor(
    private readonly db: Db,
    private readonly reader?: SqliteTokenReader,
    private readonly logger?: Pick<Logger, 'error'>,
  ) {
    this.#cache = new TokenRecordCache(() => this.#readGeneration());
  }

  /**
   * `parent`: the parent as it was when the caller authenticated. The child is created only if
   * the parent still has those very secrets (its jti) and is not revoked, checked under the
   * parent row's lock (a no-op update), so a derivation racing a rotation or revocation of its
   * parent either finishes first (and is then revoked with the tree) or fails: never a child
   * that outlives it.
   */
  async create(t: NewToken, parent?: Pick<TokenRecord, 'id' | 'jti'>): Promise<TokenRecord> {
    const data = { ...t, grant: JSON.stringify(t.grant), ancestry: JSON.stringify(t.ancestry), ipAllowlist: JSON.stringify(t.ipAllowlist) };
    if (!parent) return toTokenRecord(await this.db.token.create({ data }));
    const row = await this.db.$transaction(async (tx) => {
      const { count } = await tx.token.updateMany({
        // A rotation always sets a new jti (with the new key hash), so the jti tells them apart.
        where: { id: parent.id, jti: parent.jti, revokedAt: null },
        data: { jti: parent.jti },
      });
      if (count !== 1) throw new ParentChanged();
      return tx.token.create({ data });
    });
    return toTokenRecord(row);
  }

  /** Not cached: the owner's reads always see the database. */
  async findById(id: string): Promise<TokenRecord | null> {
    const row = await this.db.token.findUnique({ where: { id } });
    return row ? toTokenRecord(row) : null;
  }

  async findByJti(jti: string): Promise<TokenRecord | null> {
    return this.#remembered(`jti\u0000${jti}`, () => this.reader?.findByJti(jti), async () => {
      const row = await this.db.token.findUnique({ where: { jti } });
      return row ? toTokenRecord(row) : null;
    });
  }

  async findByKeyHash(keyHash: string): Promise<TokenRecord | null> {
    return this.#remembered(`key\u0000${keyHash}`, () => this.reader?.findByKeyHash(keyHash), async () => {
      const row = await this.db.token.findUnique({ where: { keyHash } });
      return row ? toTokenRecord(row) : null;
    });
  }

  /** The records of `ids` that exist (a token's ancestors); missing ids are simply absent. */
  async findMany(ids: readonly string[]): Promise<TokenRecord[]> {
    const out: TokenRecord[] = [];
    for (const id of new Set(ids)) {
      const record = await this.#remembered(`id\u0000${id}`, () => this.reader?.findById(id), async () => {
        const row = await this.db.token.findUnique({ where: { id } });
        return row ? toTokenRecord(row) : null;
      });
      if (record) out.push(record);
    }
    return out;
  }

  async list(opts: { includeRevoked?: boolean } = {}): Promise<TokenRecord[]> {
    const rows = await this.db.token.findMany({
      where: opts.includeRevoked ? {} : { revokedAt: null },
      orderBy: { createdAt: 'desc' },
    });
    return rows.map(toTokenRecord);
  }

  /**
   * Revokes the token and every descendant in one transaction. Returns the ids revoked, once
   * every gateway on this database refuses them (see #settled).
   */
  async revokeTree(id: string, at: Date, reason: string): Promise<string[]> {
    return this.#settled(await this.db.$transaction((tx) => revokeFrom(tx, [id], at, reason)));
  }

  /**
   * New secrets for the token, and every token derived from it revoked, in one transaction:
   * whoever held the old secrets could derive children as strong as the token itself, so a
   * rotation after a leak must cut those off too (revoked with reason 'parent rotated').
   */
  async rotate(id: string, jti: string, keyHash: string, at: Date): Promise<{ token: TokenRecord; revokedDescendants: string[] }> {
    return this.#settled(
      await this.db.$transaction(async (tx) => {
        const row = await tx.token.update({ where: { id }, data: { jti, keyHash, rotatedAt: at } });
        const children = await tx.token.findMany({ where: { parentId: id }, select: { id: true } });
        const revokedDescendants = await revokeFrom(tx, children.map((c) => c.id), at, 'parent rotated');
        return { token: toTokenRecord(row), revokedDescendants };
      }),
    );
  }

  async touch(id: string, at: Date, ip: string): Promise<void> {
    await this.db.token.update({ where: { id }, data: { lastUsedAt: at, lastUsedIp: ip } });
  }

  /**
   * A committed revocation or rotation is reported only once it is enforced everywhere: this
   * process forgets its records at once; other gateway processes on the same database (the
   * CLI changes tokens from its own process) re-read the token generation within
   * MAX_STALENESS_MS, so after REVOCATION_SETTLE_MS every call they authenticate sees it.
   */
  async #settled<T>(result: T): Promise<T> {
    this.#cache.clear();
    await delay(REVOCATION_SETTLE_MS);
    return result;
  }

  /** One look-up through the cache: the fast SQLite read, or Prisma when there is none or it is busy. */
  #remembered(key: string, fast: () => TokenRecord | null | undefined, slow: () => Promise<TokenRecord | null>): Promise<TokenRecord | null> {
    return this.#cache.lookUp(key, () => {
      const read = fast();
      return read !== undefined ? read : slow();
    });
  }

  /**
   * The generation, or undefined (nothing is then remembered) while the triggers that raise it
   * are not all in place: a later migration that rebuilds the Token table drops them, and a
   * generation nothing raises would keep revoked tokens in memory.
   */
  #readGeneration(): bigint | undefined | Promise<bigint | undefined> {
    const fast = this.reader?.generation();
    if (fast === null) return this.#untrusted();
    if (fast !== undefined) return fast;
    return readGenerationWithPrisma(this.db).then((value) => value ?? this.#untrusted());
  }

  #warnedMissing = false;

  /** Logged once: every call then reads its token from the database (correct, only slower). */
  #untrusted(): undefined {
    if (!this.#warnedMissing) {
      this.#warnedMissing = true;
      this.logger?.error({ missing: 'the TokenGeneration row or one of its triggers' }, 'token cache off: the token generation cannot be trusted; run the migrations');
    }
    return undefined;
  }
}

/** The parent a child was being derived from was rotated or revoked meanwhile. */
export class ParentChanged extends GatewayError {
  constructor() {
    super('token_revoked', 401, 'The token was rotated or revoked while deriving from it; nothing was created.');
  }
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Revokes `ids` and everything derived from them; returns every id visited. */
async function revokeFrom(tx: Tx, ids: readonly string[], at: Date, reason: string): Promise<string[]> {
  const revoked: string[] = [];
  let frontier = [...ids];
  while (frontier.length > 0) {
    await tx.token.updateMany({ where: { id: { in: frontier }, revokedAt: null }, data: { revokedAt: at, revokedReason: reason } });
    revoked.push(...frontier);
    const children = await tx.token.findMany({ where: { parentId: { in: frontier } }, select: { id: true } });
    frontier = children.map((c) => c.id);
  }
  return revoked;
}

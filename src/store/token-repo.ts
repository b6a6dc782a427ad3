/**
 * Token records. The grant, ancestry and IP allowlist are JSON documents validated with zod
 * whenever they are read back (the database is an edge too).
 */
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { GrantSchema, type Grant } from '../policy/grant';
import type { Db } from './client';
import type { SqliteTokenReader } from './token-reader';

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
  /** `reader`: the fast per-call look-ups (token-reader.ts); without it (or when busy), Prisma. */
  constructor(
    private readonly db: Db,
    private readonly reader?: SqliteTokenReader,
  ) {}

  async create(t: NewToken): Promise<TokenRecord> {
    const row = await this.db.token.create({
      data: {
        ...t,
        grant: JSON.stringify(t.grant),
        ancestry: JSON.stringify(t.ancestry),
        ipAllowlist: JSON.stringify(t.ipAllowlist),
      },
    });
    return toTokenRecord(row);
  }

  async findById(id: string): Promise<TokenRecord | null> {
    const row = await this.db.token.findUnique({ where: { id } });
    return row ? toTokenRecord(row) : null;
  }

  async findByJti(jti: string): Promise<TokenRecord | null> {
    const fast = this.reader?.findByJti(jti);
    if (fast !== undefined) return fast;
    const row = await this.db.token.findUnique({ where: { jti } });
    return row ? toTokenRecord(row) : null;
  }

  async findByKeyHash(keyHash: string): Promise<TokenRecord | null> {
    const fast = this.reader?.findByKeyHash(keyHash);
    if (fast !== undefined) return fast;
    const row = await this.db.token.findUnique({ where: { keyHash } });
    return row ? toTokenRecord(row) : null;
  }

  async findMany(ids: readonly string[]): Promise<TokenRecord[]> {
    const fast = this.reader?.findMany(ids);
    if (fast !== undefined) return fast;
    const rows = await this.db.token.findMany({ where: { id: { in: [...ids] } } });
    return rows.map(toTokenRecord);
  }

  async list(opts: { includeRevoked?: boolean } = {}): Promise<TokenRecord[]> {
    const rows = await this.db.token.findMany({
      where: opts.includeRevoked ? {} : { revokedAt: null },
      orderBy: { createdAt: 'desc' },
    });
    return rows.map(toTokenRecord);
  }

  /** Revokes the token and every descendant in one transaction. Returns the ids revoked. */
  async revokeTree(id: string, at: Date, reason: string): Promise<string[]> {
    return this.db.$transaction(async (tx) => {
      const revoked: string[] = [];
      let frontier = [id];
      while (frontier.length > 0) {
        await tx.token.updateMany({ where: { id: { in: frontier }, revokedAt: null }, data: { revokedAt: at, revokedReason: reason } });
        revoked.push(...frontier);
        const children = await tx.token.findMany({ where: { parentId: { in: frontier } }, select: { id: true } });
        frontier = children.map((c) => c.id);
      }
      return revoked;
    });
  }

  async rotate(id: string, jti: string, keyHash: string, at: Date): Promise<TokenRecord> {
    const row = await this.db.token.update({ where: { id }, data: { jti, keyHash, rotatedAt: at } });
    return toTokenRecord(row);
  }

  async touch(id: string, at: Date, ip: string): Promise<void> {
    await this.db.token.update({ where: { id }, data: { lastUsedAt: at, lastUsedIp: ip } });
  }
}

// Issue #6 (verified-token cache that still honours revocation), on both databases: two token
// repositories on one database stand for two processes (a gateway serving calls and the CLI or
// another instance changing tokens). Records are served from memory between changes, and every
// way of changing a token is seen by the other process's next look-up once the change is
// reported done.
import { setTimeout as delay } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Db, type Dialect } from '../../src/store/client';
import { sqliteFile } from '../../src/store/database-url';
import { SqliteTokenReader } from '../../src/store/token-reader';
import { TokenRepository, type NewToken } from '../../src/store/token-repo';
import { REVOCATION_SETTLE_MS } from '../../src/store/token-cache';
import { DIALECTS, freshDatabase } from '../helpers/database';

let serial = 0;
function newToken(over: Partial<NewToken> = {}): NewToken {
  serial += 1;
  return {
    id: `tok_cache_${serial}`,
    jti: `jti_cache_${serial}`,
    name: 'cache test',
    grant: { scopes: ['read-balance'], accounts: [7] } as NewToken['grant'],
    preset: null,
    parentId: null,
    ancestry: [],
    keyHash: String(serial).padStart(64, 'c'),
    ipAllowlist: [],
    ratePerMinute: null,
    ratePerDay: null,
    expiresAt: new Date('2030-01-01T00:00:00.000Z'),
    createdAt: new Date('2026-01-01T00:00:00.000Z'),
    ...over,
  };
}

async function generation(db: Db): Promise<bigint> {
  return (await db.tokenGeneration.findUniqueOrThrow({ where: { id: 1 } })).value;
}

describe.each(DIALECTS)('on %s', (dialect: Dialect) => {
  let db: Db;
  let otherDb: Db;
  let reader: SqliteTokenReader | undefined;
  let gateway: TokenRepository;
  let owner: TokenRepository;
  let databaseReads: () => number;

  beforeAll(async () => {
    const fresh = await freshDatabase(dialect);
    db = fresh.db;
    otherDb = openDatabase(fresh.url);
    reader = dialect === 'sqlite' ? new SqliteTokenReader(sqliteFile(fresh.url)) : undefined;
    gateway = new TokenRepository(db, reader);
    owner = new TokenRepository(otherDb);
    // Count the look-ups that reached the database (the per-call read the cache saves).
    let reads = 0;
    if (reader) {
      const original = reader.findByJti.bind(reader);
      reader.findByJti = (jti: string) => ((reads += 1), original(jti));
    } else {
      const original = db.token.findUnique.bind(db.token);
      (db.token as { findUnique: unknown }).findUnique = ((args: never) => ((reads += 1), original(args))) as never;
    }
    databaseReads = () => reads;
  }, 60_000);
  afterAll(async () => {
    reader?.close();
    await db.$disconnect();
    await otherDb.$disconnect();
  });

  test('when a token is looked up again, then it is answered from memory', async () => {
    const t = await owner.create(newToken());
    const before = databaseReads();
    for (let i = 0; i < 20; i++) expect((await gateway.findByJti(t.jti))?.id).toBe(t.id);
    expect(databaseReads() - before).toBeLessThanOrEqual(2);
  });

  // The other process keeps its cache fresh the whole time (a busy gateway), so only the
  // revoker's wait after its commit makes the revocation visible by the time it returns.
  test('when another process revokes a token a busy gateway keeps looking up, then the first look-up after "revoked" came back is refused', async () => {
    const t = await owner.create(newToken());
    let busy = true;
    const lookups = (async () => {
      while (busy) {
        await gateway.findByJti(t.jti);
        await new Promise((r) => setImmediate(r));
      }
    })();
    await delay(30);
    await owner.revokeTree(t.id, new Date(), 'test');
    const seen = await gateway.findByJti(t.jti);
    busy = false;
    await lookups;
    expect(seen?.revokedAt).not.toBeNull();
  });

  test('when a token is rotated by another process, then its old jti is gone once the rotation returns', async () => {
    const t = await owner.create(newToken());
    expect(await gateway.findByJti(t.jti)).not.toBeNull();
    await owner.rotate(t.id, `${t.jti}_new`, 'e'.repeat(64), new Date());
    expect(await gateway.findByJti(t.jti)).toBeNull();
    expect((await gateway.findByJti(`${t.jti}_new`))?.id).toBe(t.id);
  });

  test('when a token is revoked with plain SQL (no gateway code), then the database trigger still makes the next look-up see it', async () => {
    const t = await owner.create(newToken());
    expect((await gateway.findByJti(t.jti))?.revokedAt).toBeNull();
    await otherDb.$executeRawUnsafe(`UPDATE "Token" SET "revokedAt" = ${dialect === 'sqlite' ? "'2026-06-01T00:00:00.000+00:00'" : "'2026-06-01T00:00:00Z'"} WHERE "id" = '${t.id}'`);
    await delay(REVOCATION_SETTLE_MS);
    expect((await gateway.findByJti(t.jti))?.revokedAt).toEqual(new Date('2026-06-01T00:00:00.000Z'));
  });

  test('when an ancestor is revoked, then the ancestor look-up (by id) sees it', async () => {
    const parent = await owner.create(newToken());
    expect((await gateway.findMany([parent.id]))[0]?.revokedAt).toBeNull();
    await owner.revokeTree(parent.id, new Date(), 'test');
    expect((await gateway.findMany([parent.id]))[0]?.revokedAt).not.toBeNull();
  });

  test.each([
    ['revokedAt', { revokedAt: new Date() }],
    ['expiresAt', { expiresAt: new Date('2027-01-01T00:00:00Z') }],
    ['grant', { grant: '{"scopes":[],"accounts":[]}' }],
    ['jti', { jti: 'jti_changed_by_hand' }],
    ['keyHash', { keyHash: 'f'.repeat(64) }],
    ['ipAllowlist', { ipAllowlist: '["10.0.0.1"]' }],
    ['ratePerMinute', { ratePerMinute: 1 }],
    ['ancestry', { ancestry: '["x"]' }],
    ['parentId', { parentId: null }],
  ])('when %s changes, then the token generation moves', async (_column, data) => {
    const t = await owner.create(newToken());
    const before = await generation(otherDb);
    await otherDb.token.update({ where: { id: t.id }, data });
    expect(await generation(otherDb)).toBeGreaterThan(before);
  });

  test('when a token is deleted, then the token generation moves', async () => {
    const t = await owner.create(newToken());
    const before = await generation(otherDb);
    await otherDb.token.delete({ where: { id: t.id } });
    expect(await generation(otherDb)).toBeGreaterThan(before);
  });

  test('when only the last-used time is written (every minute per token), then the generation stays', async () => {
    const t = await owner.create(newToken());
    const before = await generation(otherDb);
    await owner.touch(t.id, new Date(), '127.0.0.1');
    expect(await generation(otherDb)).toBe(before);
  });

  test('when a token is revoked or rotated, then the call returns only after the settle time (other processes have re-read the generation by then)', async () => {
    const a = await owner.create(newToken());
    let started = performance.now();
    await owner.revokeTree(a.id, new Date(), 'test');
    expect(performance.now() - started).toBeGreaterThanOrEqual(REVOCATION_SETTLE_MS - 1);
    const b = await owner.create(newToken());
    started = performance.now();
    await owner.rotate(b.id, `${b.jti}_rotated`, 'd'.repeat(64), new Date());
    expect(performance.now() - started).toBeGreaterThanOrEqual(REVOCATION_SETTLE_MS - 1);
  });

  if (dialect === 'sqlite') {
    test('when a row is replaced with INSERT OR REPLACE (no DELETE trigger fires), then the insert trigger still moves the generation', async () => {
      const t = await owner.create(newToken());
      expect((await gateway.findByJti(t.jti))?.revokedAt).toBeNull();
      const row = (await otherDb.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "Token" WHERE "id" = '${t.id}'`))[0]!;
      const columns = Object.keys(row);
      const values = columns.map((c) => (c === 'revokedAt' ? '2026-06-01T00:00:00.000+00:00' : row[c]));
      await otherDb.$executeRawUnsafe(
        `INSERT OR REPLACE INTO "Token" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        ...values,
      );
      await delay(REVOCATION_SETTLE_MS);
      expect((await gateway.findByJti(t.jti))?.revokedAt).toEqual(new Date('2026-06-01T00:00:00.000Z'));
    });
  } else {
    test('when the Token table is truncated (no DELETE trigger fires), then the truncate trigger moves the generation', async () => {
      const t = await owner.create(newToken());
      expect(await gateway.findByJti(t.jti)).not.toBeNull();
      await otherDb.$executeRawUnsafe('TRUNCATE "Token" CASCADE');
      await delay(REVOCATION_SETTLE_MS);
      expect(await gateway.findByJti(t.jti)).toBeNull();
    });
  }

  // Last: it drops a trigger. A later migration that rebuilds the Token table would do the same.
  test('when a trigger that raises the generation is missing, then nothing is remembered and a change is seen at once', async () => {
    const errors: unknown[] = [];
    const watched = new TokenRepository(db, reader, { error: (obj: unknown) => errors.push(obj) });
    await otherDb.$executeRawUnsafe(dialect === 'sqlite' ? 'DROP TRIGGER "Token_generation_on_update"' : 'DROP TRIGGER "Token_generation_on_update" ON "Token"');
    const t = await owner.create(newToken());
    expect((await watched.findByJti(t.jti))?.revokedAt).toBeNull();
    await otherDb.token.update({ where: { id: t.id }, data: { revokedAt: new Date('2026-06-01T00:00:00Z') } });
    expect((await watched.findByJti(t.jti))?.revokedAt).toEqual(new Date('2026-06-01T00:00:00.000Z'));
    expect(errors).toHaveLength(1);
  });

});

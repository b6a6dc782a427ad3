// Issue #6: the per-call token look-up reads SQLite with prepared statements. It must return
// exactly what the Prisma path returns, see every committed change at once, and fail closed
// on a date it cannot read.
import { freshDatabase } from '../../helpers/database';
import type { Db } from '../../../src/store/client';
import { sqliteFile } from '../../../src/store/database-url';
import { SqliteTokenReader } from '../../../src/store/token-reader';
import { TokenRepository, type NewToken } from '../../../src/store/token-repo';
import { ClientContextRepository } from '../../../src/store/client-context-repo';
import { OwnedObjects } from '../../../src/store/owned-objects';

let db: Db;
let reader: SqliteTokenReader;
let prisma: TokenRepository;

const TOKEN: NewToken = {
  id: 'tok_reader',
  jti: 'jti_reader',
  name: 'reader test',
  grant: { scopes: ['read-balance'], accounts: [7] } as NewToken['grant'],
  preset: null,
  parentId: null,
  ancestry: [],
  keyHash: 'a'.repeat(64),
  ipAllowlist: ['10.0.0.0/8'],
  ratePerMinute: 5,
  ratePerDay: null,
  expiresAt: new Date('2030-01-02T03:04:05.678Z'),
  createdAt: new Date('2026-01-01T00:00:00.000Z'),
};

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  prisma = new TokenRepository(db);
  await prisma.create(TOKEN);
  reader = new SqliteTokenReader(sqliteFile(fresh.url));
});
afterAll(async () => {
  reader.close();
  await db.$disconnect();
});

test('when a token is read by jti, key hash or id, then the record equals what Prisma reads', async () => {
  const expected = await prisma.findByJti(TOKEN.jti);
  expect(expected).not.toBeNull();
  expect(reader.findByJti(TOKEN.jti)).toEqual(expected);
  expect(reader.findByKeyHash(TOKEN.keyHash)).toEqual(expected);
  expect(reader.findById(TOKEN.id)).toEqual(expected);
  expect(reader.findById('missing')).toBeNull();
  expect(reader.findByJti('unknown')).toBeNull();
});

test('when the token is revoked through another connection, then the very next read sees it', async () => {
  await db.token.update({ where: { id: TOKEN.id }, data: { revokedAt: new Date('2026-01-01T00:00:00Z'), revokedReason: 'gone' } });
  const record = reader.findByJti(TOKEN.jti);
  expect(record?.revokedAt).toEqual(new Date('2026-01-01T00:00:00Z'));
  expect(record?.revokedReason).toBe('gone');
});

test('when a stored expiry is not a date, then the read fails instead of treating the token as unexpired', async () => {
  await db.$executeRawUnsafe('UPDATE "Token" SET "expiresAt" = ? WHERE "id" = ?', 'not a date', TOKEN.id);
  expect(() => reader.findByJti(TOKEN.jti)).toThrow(/expiresAt/);
});

// The validated grant is reused by its exact stored text (token-repo.ts): it must be immutable,
// and a changed grant in the database must never be answered with the old one.
test('when the grant is read twice, then it is the same frozen object; when the stored grant changes, then the new one is read', async () => {
  const other = { ...TOKEN, id: 'tok_frozen', jti: 'jti_frozen', keyHash: 'b'.repeat(64) };
  await prisma.create(other);
  const first = reader.findByJti(other.jti)!;
  const again = reader.findByJti(other.jti)!;
  expect(again.grant).toBe(first.grant);
  expect(Object.isFrozen(first.grant)).toBe(true);
  expect(Object.isFrozen(first.grant.accounts)).toBe(true);
  expect(() => (first.grant.accounts as number[]).push(8)).toThrow(TypeError);
  await db.token.update({ where: { id: other.id }, data: { grant: JSON.stringify({ scopes: ['read-balance'], accounts: [9] }) } });
  expect(reader.findByJti(other.jti)!.grant.accounts).toEqual([9]);
});

// The session look-up of every call made with a bunq session token (bunq-protocol/): the same
// record as through Prisma, and a deleted session is gone for the very next call.
describe('findSession', () => {
  test('when a session is read, then it equals what Prisma reads (device and installation included); a deleted one is gone at once', async () => {
    const viaPrisma = new ClientContextRepository(db);
    const at = new Date('2026-01-01T00:00:00.000Z');
    const installationId = await viaPrisma.createInstallation('i'.repeat(64), '-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----\n', at);
    await viaPrisma.createDevice({ installationId, tokenId: TOKEN.id, secretHash: TOKEN.keyHash, permittedIps: ['10.0.0.1', '*'], description: 'd' }, at);
    const device = (await viaPrisma.findDevice(installationId, TOKEN.keyHash))!;
    await viaPrisma.replaceSession({ tokenHash: 's'.repeat(64), device, timeoutSeconds: 3600, expiresAt: new Date('2030-01-01T00:00:00.123Z') }, at);

    const expected = await viaPrisma.findSession('s'.repeat(64));
    expect(expected).not.toBeNull();
    expect(reader.findSession('s'.repeat(64))).toEqual(expected);
    expect(await new ClientContextRepository(db, reader).findSession('s'.repeat(64))).toEqual(expected);
    expect(reader.findSession('unknown')).toBeNull();

    await db.clientSession.deleteMany({ where: { tokenHash: 's'.repeat(64) } });
    expect(reader.findSession('s'.repeat(64))).toBeNull();
  });
});

// Ownership checks of own-only endpoints (read-key-requests, cancel-request): same answers as
// through Prisma, and a newly recorded object is owned from the very next read.
describe('owned objects', () => {
  test('when ownership is read, then the answers equal Prisma\'s and a new object counts at once', async () => {
    const viaPrisma = new OwnedObjects(db);
    const fast = new OwnedObjects(db, reader);
    await viaPrisma.record('request-inquiry', 501, TOKEN.id, 7);
    for (const repo of [viaPrisma, fast]) {
      expect(await repo.isOwnedBy('request-inquiry', 501, TOKEN.id)).toBe(true);
      expect(await repo.isOwnedBy('request-inquiry', 501, 'someone-else')).toBe(false);
      expect(await repo.isOwnedBy('draft-payment', 501, TOKEN.id)).toBe(false);
      expect(await repo.isOwnedBy('request-inquiry', 999, TOKEN.id)).toBe(false);
      expect(await repo.idsOf('request-inquiry', TOKEN.id)).toEqual(new Set([501]));
      expect(await repo.idsOf('request-inquiry', 'someone-else')).toEqual(new Set());
    }
    await viaPrisma.record('request-inquiry', 502, TOKEN.id, 7);
    expect(await fast.idsOf('request-inquiry', TOKEN.id)).toEqual(new Set([501, 502]));
  });
});

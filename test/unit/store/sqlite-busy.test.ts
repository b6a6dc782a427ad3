// A per-call read that finds SQLite busy (any form: better-sqlite3 reports extended codes such
// as SQLITE_BUSY_RECOVERY) is handed to Prisma, which waits; any other error still fails.
import { isSqliteBusy } from '../../../src/store/database-errors';
import { ClientContextRepository } from '../../../src/store/client-context-repo';
import { OwnedObjects } from '../../../src/store/owned-objects';
import { freshDatabase } from '../../helpers/database';

test('every form of SQLite busy counts as busy, and nothing else does', () => {
  for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT']) expect(isSqliteBusy({ code })).toBe(true);
  for (const err of [{ code: 'SQLITE_CORRUPT' }, { code: 'SQLITE_LOCKED' }, new Error('SQLITE_BUSY'), null, undefined, 'SQLITE_BUSY']) expect(isSqliteBusy(err)).toBe(false);
});

test('when the fast reader reports busy, then the session and ownership look-ups are answered through Prisma', async () => {
  const { db } = await freshDatabase();
  const busyReader = { findSession: () => undefined, ownerOf: () => undefined, ownedIds: () => undefined };
  const clients = new ClientContextRepository(db, busyReader);
  expect(await clients.findSession('no-such-session')).toBeNull();
  await db.token.create({
    data: { id: 'tok_busy', jti: 'jti_busy', name: 'n', grant: '{}', expiresAt: new Date('2030-01-01T00:00:00Z'), createdAt: new Date() },
  });
  await new OwnedObjects(db).record('request-inquiry', 11, 'tok_busy', 1);
  const owned = new OwnedObjects(db, busyReader);
  expect(await owned.isOwnedBy('request-inquiry', 11, 'tok_busy')).toBe(true);
  expect(await owned.idsOf('request-inquiry', 'tok_busy')).toEqual(new Set([11]));
  await db.$disconnect();
});

// The admin credential and console sessions on a real (fresh) database with a manual clock:
// hashing, shape checks, expiry, logout and reset.
import { AdminCredential } from '../../../src/admin/admin-credential';
import { AdminSessions } from '../../../src/admin/admin-sessions';
import { ManualClock } from '../../../src/lib/clock';
import { loadConfig } from '../../../src/config/load';
import type { Db } from '../../../src/store/client';
import { freshDatabase } from '../../helpers/database';

const HOUR = 3_600_000;
let db: Db;
let clock: ManualClock;

beforeEach(async () => {
  ({ db } = await freshDatabase());
  clock = new ManualClock(Date.UTC(2026, 10, 1));
});
afterEach(async () => {
  await db.$disconnect();
});

test('ensure creates the credential once; verify accepts only it', async () => {
  const cred = new AdminCredential(db, clock);
  const secret = (await cred.ensure())!;
  expect(secret).toMatch(/^bgwadm_[A-Za-z0-9_-]{43}$/);
  expect(await cred.ensure()).toBeNull();
  expect(await cred.verify(secret)).toBe(true);
  for (const wrong of ['', secret.slice(0, -1), `${secret}x`, secret.replace('bgwadm_', 'bgw_'), `bgwadm_${'A'.repeat(43)}`]) {
    expect(await cred.verify(wrong)).toBe(false);
  }
  expect((await db.adminCredential.findFirst())!.secretHash).not.toContain(secret.slice(7));
});

test('reset replaces the credential and ends all sessions', async () => {
  const cred = new AdminCredential(db, clock);
  const sessions = new AdminSessions(db, clock, 12 * HOUR);
  const old = (await cred.ensure())!;
  const s = await sessions.create();
  const fresh = await cred.reset();
  expect(await cred.verify(old)).toBe(false);
  expect(await cred.verify(fresh)).toBe(true);
  expect(await sessions.isValid(s.id)).toBe(false);
});

test('a session expires after its lifetime and ends at logout', async () => {
  const sessions = new AdminSessions(db, clock, 12 * HOUR);
  const a = await sessions.create();
  const b = await sessions.create();
  expect(await sessions.isValid(a.id)).toBe(true);
  clock.advance(12 * HOUR - 1);
  expect(await sessions.isValid(a.id)).toBe(true);
  clock.advance(1);
  expect(await sessions.isValid(a.id)).toBe(false);
  expect(await sessions.isValid('not-a-session')).toBe(false);
  clock.set(Date.UTC(2026, 10, 1));
  await sessions.destroy(b.id);
  expect(await sessions.isValid(b.id)).toBe(false);
  expect(JSON.stringify(await db.adminSession.findMany())).not.toContain(a.id);
});

test('admin listener settings: localhost by default, validated', () => {
  const c = loadConfig({});
  expect(c).toMatchObject({ ADMIN_HOST: '127.0.0.1', ADMIN_PORT: 8081, ADMIN_COOKIE_SECURE: false, ADMIN_SESSION_HOURS: 12 });
  expect(loadConfig({ ADMIN_COOKIE_SECURE: 'true', ADMIN_PORT: '0' })).toMatchObject({ ADMIN_COOKIE_SECURE: true, ADMIN_PORT: 0 });
  expect(() => loadConfig({ ADMIN_COOKIE_SECURE: 'yes' })).toThrow(/ADMIN_COOKIE_SECURE/);
  expect(() => loadConfig({ ADMIN_SESSION_HOURS: '1000' })).toThrow(/ADMIN_SESSION_HOURS/);
});

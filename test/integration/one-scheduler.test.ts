// Issue #6: ONE scheduler for all traffic to bunq. The owner's account list (console, CLI) and
// the payment reconciler read bunq through the same scheduler as token holders, so together
// they never exceed bunq's 3 GETs per endpoint in any 3 s (the emulator enforces bunq's limits
// and would answer 429).
import { OwnerService } from '../../src/admin/owner-service';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call } from '../component/support/calls';

let t: TestGateway;
afterAll(async () => t?.close());

/** Most requests on one path within any `windowMs`. */
function busiest(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

test('when token holders and the owner read the account list at once, then bunq gets at most 3 of them in any 3 s and answers no 429', async () => {
  t = await startTestGateway({ emulatorRateLimits: true, config: { UPSTREAM_CACHE_TTL_MS: '0', UPSTREAM_COALESCE: 'off' } });
  const reader = (await t.issue({ scopes: ['read-balance'], accounts: [t.joint.id] })).bearer;
  const owner = new OwnerService(t.runtime);
  const list = `/v1/user/${t.user.userId}/monetary-account`;
  const since = Date.now();

  const [answers, ownerViews] = await Promise.all([
    Promise.all(Array.from({ length: 3 }, () => Promise.resolve(call(t, 'GET', list, reader)))),
    Promise.all([owner.accounts(), owner.accounts()]),
  ]);

  expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
  expect(ownerViews.every((v) => v.accounts.length > 0)).toBe(true);
  const sent = t.emulator.control
    .requests({ method: 'GET' })
    .filter((r) => r.receivedAt >= since && r.path.split('?')[0] === list);
  expect(sent.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  expect(busiest(sent.map((r) => r.receivedAt), 3000)).toBeLessThanOrEqual(3);
}, 20_000);

test('when a read meets a dead session, then its second send after the renewal waits for a slot of bunq\'s budget too', async () => {
  const fresh = await startTestGateway({ emulatorRateLimits: true, config: { UPSTREAM_CACHE_TTL_MS: '0', UPSTREAM_COALESCE: 'off' } });
  try {
    const reader = (await fresh.issue({ scopes: ['read-balance'], accounts: [fresh.joint.id] })).bearer;
    const account = `/v1/user/${fresh.user.userId}/monetary-account/${fresh.joint.id}`;
    // bunq allows one session-server POST per 30 s, and setting up just opened the session.
    fresh.emulator.control.resetRateLimits();
    const since = Date.now();
    // Two of the window's three GET slots, then the session dies: the third read is answered
    // 401, the session renewed, and the read sent again: a fourth GET on this endpoint.
    for (let i = 0; i < 2; i++) expect((await call(fresh, 'GET', account, reader)).status).toBe(200);
    fresh.emulator.control.expireSessions();
    expect((await call(fresh, 'GET', account, reader)).status).toBe(200);
    const sent = fresh.emulator.control.requests({ method: 'GET' }).filter((r) => r.receivedAt >= since && r.path.split('?')[0] === account);
    expect(sent.map((r) => r.status)).toEqual([200, 200, 401, 200]);
    expect(busiest(sent.map((r) => r.receivedAt), 3000)).toBeLessThanOrEqual(3);
  } finally {
    await fresh.close();
  }
}, 20_000);

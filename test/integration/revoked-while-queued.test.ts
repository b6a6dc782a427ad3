// A payment authenticated just before its token is revoked may still wait in the upstream queue
// for one of bunq's slots (5 POSTs in any 3 s). Once revoke has returned it must not leave: it
// is refused with 401 when its turn comes, nothing reaches bunq, its reservation is released and
// the audit row says why (src/steps/recheck-token.ts). Rotation (a new credential) does the same.
import type { TestGateway } from '../helpers/test-gateway';
import { call, paymentBody } from '../component/support/calls';
import { PAYEE, payerBehindBunqLimits } from '../component/support/queued-payments';

let t: TestGateway | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

type World = Awaited<ReturnType<typeof payerBehindBunqLimits>>;

/** Five payments take bunq's five POST slots of the next 3 s; a sixth waits in the queue. */
async function sixthQueued(world: World, payer: { bearer: string; token: { id: string } }) {
  const { payPath, posts } = world;
  const reserved = () => world.t.runtime.db.spendEntry.count({ where: { tokenId: payer.token.id } });
  const before = posts();
  const pay = () => Promise.resolve(call(world.t, 'POST', payPath, payer.bearer, { body: paymentBody('1.00', PAYEE) }));
  const five = Array.from({ length: 5 }, pay);
  while ((await reserved()) < 5 || posts() - before < 5) await new Promise((r) => setTimeout(r, 20));
  const sixth = pay();
  while ((await reserved()) < 6) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 50));
  expect(posts() - before).toBe(5); // the sixth waits for a slot
  return { before, five, sixth };
}

test.each([
  ['revoked', (w: World) => w.t.runtime.tokens.revoke(w.token.token.id)],
  ['rotated', (w: World) => w.t.runtime.tokens.rotate(w.token.token.id)],
])('when a token is %s while its payment waits for bunq, then that payment is never sent and its reservation is released', async (_what, withdraw) => {
  const world = await payerBehindBunqLimits();
  t = world.t;
  const { before, five, sixth } = await sixthQueued(world, world.token);

  await withdraw(world);

  expect((await Promise.all(five)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  const refused = await sixth;
  expect(refused.status).toBe(401);
  expect(refused.headers['www-authenticate']).toContain('token_revoked');
  expect(JSON.stringify(refused.body)).toContain('NOT sent');
  await new Promise((r) => setTimeout(r, 300));
  expect(world.posts() - before).toBe(5);
  const entries = await world.t.runtime.db.spendEntry.findMany({ where: { tokenId: world.token.token.id } });
  expect(entries.map((e) => e.status).sort()).toEqual(['COMMITTED', 'COMMITTED', 'COMMITTED', 'COMMITTED', 'COMMITTED', 'RELEASED']);
  await world.t.runtime.audit.flush();
  const rows = await world.t.runtime.db.auditEvent.findMany({ where: { tokenId: world.token.token.id, status: 401 } });
  expect(rows.map((r) => r.reasonId)).toEqual(['token_revoked']);
}, 20_000);

test('when the parent of a token is revoked while the child\'s payment waits for bunq, then it is not sent either', async () => {
  const world = await payerBehindBunqLimits();
  t = world.t;
  const parent = world.token;
  const child = await world.t.runtime.tokens.issue({ name: 'child', grant: parent.token.grant, expiresAt: new Date(Date.now() + 3_600_000) }, parent.token);
  const { before, five, sixth } = await sixthQueued(world, child);

  await world.t.runtime.tokens.revoke(parent.token.id);

  expect((await Promise.all(five)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  expect((await sixth).status).toBe(401);
  await new Promise((r) => setTimeout(r, 300));
  expect(world.posts() - before).toBe(5);
}, 20_000);

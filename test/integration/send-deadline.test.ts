// A payment that waited (lock, queue, session renewal) until its reservation could already be
// reconciled as "never paid" is not sent at all: otherwise reconciliation could release its
// cap while it is about to leave, and the caps would be overspent. It fails with a definite
// 503 (the reservation is released) and bunq never sees it.
import { ManualClock } from '../../src/lib/clock';
import { sendDeadline } from '../../src/steps/reconcile-spend';
import type { TestGateway } from '../helpers/test-gateway';
import { call, errorOf, paymentBody } from '../component/support/calls';
import { PAYEE, payerBehindBunqLimits } from '../component/support/queued-payments';

let t: TestGateway;
const clock = new ManualClock();
afterAll(async () => t?.close());

test('when a payment is still queued after its send deadline, then it is refused with 503 and never reaches bunq', async () => {
  // bunq's own limits in the gateway's scheduler (5 POSTs in any 3 s, in real time), so the
  // sixth payment waits in the queue while the gateway's clock is moved past its deadline.
  const world = await payerBehindBunqLimits({ clock });
  t = world.t;
  const { token, payPath, posts, reserved } = world;
  const before = posts();

  const answers = Array.from({ length: 6 }, () => Promise.resolve(call(t, 'POST', payPath, token.bearer, { body: paymentBody('1.00', PAYEE) })));
  while ((await reserved()) < 6 || posts() - before < 5) await new Promise((r) => setTimeout(r, 20));
  clock.advance(sendDeadline(t.runtime.config, clock.now()) - clock.now() + 1_000);

  const statuses = (await Promise.all(answers)).map((r) => r.status).sort();
  expect(statuses).toEqual([200, 200, 200, 200, 200, 503]);
  const refused = (await Promise.all(answers)).find((r) => r.status === 503)!;
  expect(errorOf(refused).error_code).toBe('upstream_busy');
  expect(posts() - before).toBe(5);
  const entries = await t.runtime.db.spendEntry.findMany({ where: { tokenId: token.token.id } });
  expect(entries.map((e) => e.status).sort()).toEqual(['COMMITTED', 'COMMITTED', 'COMMITTED', 'COMMITTED', 'COMMITTED', 'RELEASED']);
}, 20_000);

test('sendDeadline leaves one upstream timeout and a margin before the stale age', () => {
  const config = { UPSTREAM_TIMEOUT_MS: 15_000, RECONCILE_AFTER_MS: undefined } as never;
  // stale age 2 × 15 s + 30 s = 60 s; minus the call's own 15 s; minus a 5 s margin.
  expect(sendDeadline(config, 1_000_000)).toBe(1_000_000 + 40_000);
});

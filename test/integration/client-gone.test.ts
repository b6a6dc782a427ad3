// Issue #6: a call waiting for one of bunq's few slots is withdrawn when its client hangs up,
// so the slot goes to a caller still waiting. For a payment that is also the safe outcome: it
// was never sent, its reservation is released, and the audit row says so (499 client_gone).
import http from 'node:http';
import type { TestGateway } from '../helpers/test-gateway';
import { call, paymentBody } from '../component/support/calls';
import { PAYEE, payerBehindBunqLimits } from '../component/support/queued-payments';

let t: TestGateway;
afterAll(async () => t?.close());

test('when a queued payment\'s client hangs up, then the payment is never sent and its reservation is released', async () => {
  // bunq's own limits in the gateway's scheduler: 5 POSTs in any 3 s, so the sixth waits.
  const world = await payerBehindBunqLimits();
  t = world.t;
  const { token, payPath, posts, reserved } = world;
  const before = posts();

  const answered = Array.from({ length: 5 }, () => Promise.resolve(call(t, 'POST', payPath, token.bearer, { body: paymentBody('1.00', PAYEE) })));
  while ((await reserved()) < 5 || posts() - before < 5) await new Promise((r) => setTimeout(r, 20));

  // The sixth, on a connection the client then closes while the call is queued.
  const body = JSON.stringify(paymentBody('1.00', PAYEE));
  const sixth = http.request(`${t.url}${payPath}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.bearer}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  sixth.on('error', () => undefined); // the client's own side of the hang-up
  sixth.end(body);
  while ((await reserved()) < 6) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 50));
  expect(posts() - before).toBe(5); // the sixth waits for a slot
  sixth.destroy();

  expect((await Promise.all(answered)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  // The window reopens after 3 s (+ margin): the withdrawn payment would have gone then.
  let entries = await t.runtime.db.spendEntry.findMany({ where: { tokenId: token.token.id } });
  while (entries.some((e) => e.status === 'RESERVED')) {
    await new Promise((r) => setTimeout(r, 100));
    entries = await t.runtime.db.spendEntry.findMany({ where: { tokenId: token.token.id } });
  }
  await new Promise((r) => setTimeout(r, 500));
  expect(posts() - before).toBe(5);
  expect(entries.map((e) => e.status).sort()).toEqual(['COMMITTED', 'COMMITTED', 'COMMITTED', 'COMMITTED', 'COMMITTED', 'RELEASED']);
  await t.runtime.audit.flush();
  const rows = await t.runtime.db.auditEvent.findMany({ where: { tokenId: token.token.id, endpoint: { contains: 'payment' } } });
  expect(rows.filter((r) => r.status === 499).map((r) => r.reasonId)).toEqual(['client_gone']);
}, 20_000);

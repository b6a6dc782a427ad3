// A call that times out while it still waits for one of the pool's connections was never sent,
// and must never be sent later: otherwise a payment the gateway wrote off (and whose cap
// reconciliation released) would reach bunq after all. And a 401 without bunq's own error
// envelope proves nothing about a payment: its outcome stays unknown.
import { UpstreamError, UpstreamUnavailable } from '../../src/upstream';
import { startFixture, type Fixture } from './support/fixture';

let f: Fixture;
afterEach(async () => f?.close());

const PAY = '/user/1822/monetary-account/5/payment';

test('when a payment times out while queued behind busy connections, then it is reported as not sent and never reaches bunq', async () => {
  f = await startFixture({ timeoutMs: 400 });
  const client = await f.reload({ timeoutMs: 400 });
  f.fake.on((r) => (r.url.startsWith('/v1/user/1822/slow') ? { delayMs: 1_500, status: 200, body: '{"Response":[]}' } : undefined));
  // More slow reads than the pool has connections: the payment queues behind them.
  const reads = Array.from({ length: 16 }, (_, i) => client.request({ method: 'GET', path: `/user/1822/slow/${i}` }).catch((e: unknown) => e));
  const payment = await client.request({ method: 'POST', path: PAY, body: { amount: 1 }, clientRequestId: 'pay-queued' }).catch((e: unknown) => e);

  expect(payment).toBeInstanceOf(UpstreamUnavailable);
  expect((payment as UpstreamError).outcome).toBe('definite');
  await Promise.all(reads);
  await new Promise((r) => setTimeout(r, 2_000)); // the connections are free again by now
  expect(f.fake.calls(`/v1${PAY}`)).toHaveLength(0);
});

test('when a payment gets a 401 without bunq\'s error envelope, then its outcome stays unknown (never "not executed")', async () => {
  f = await startFixture();
  f.fake.on((r) => (r.url.endsWith('/payment') ? { status: 401, body: '<html>no</html>', headers: { 'content-type': 'text/html' }, signature: 'none' as const } : undefined));
  const err = (await f.client.request({ method: 'POST', path: PAY, body: { a: 1 }, clientRequestId: 'p-401' }).catch((e: unknown) => e)) as UpstreamError;
  expect(err).toBeInstanceOf(UpstreamError);
  expect(err.outcome).toBe('unknown');
});

// Issue #7: Prometheus metrics on their own listener: decisions by scope and outcome, upstream
// latency and 429s, cap usage and cap refusals; no token, IBAN or account id in any label.
import { startMetricsServer, type RunningMetricsServer } from '../../src/metrics/metrics-server';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call, paymentBody } from '../component/support/calls';

const PAYEE = 'NL91ABNA0417164300';
let t: TestGateway;
let server: RunningMetricsServer;

beforeAll(async () => {
  t = await startTestGateway();
  server = await startMetricsServer(t.runtime.metrics, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const scrape = async () => {
  const res = await fetch(server.url);
  expect(res.status).toBe(200);
  return res.text();
};
const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

test('when payments are allowed, refused by a cap and rate-limited by bunq, then each shows up in /metrics', async () => {
  const issued = await t.issue({
    scopes: ['create-payment'],
    accounts: [t.personal.id],
    payment: { maxPerPayment: '10.00', caps: { day: '10.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
  });
  const payPath = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;
  const pay = (value: string) => call(t, 'POST', payPath, issued.bearer, { body: paymentBody(value, PAYEE) });

  expect((await pay('7.50')).status).toBe(200);
  expect((await pay('5.00')).status).toBe(403);
  t.emulator.control.setFault({ kind: 'rate-limit', times: 1, match: { method: 'POST', pathIncludes: '/payment' } });
  expect((await pay('1.00')).status).toBe(429);
  expect((await call(t, 'GET', payPath, 'not-a-token')).status).toBe(401);

  const text = await scrape();
  expect(value(text, 'bunq_gateway_decisions_total{scope="create-payment",outcome="allow",reason="allowed"}')).toBe(1);
  expect(value(text, 'bunq_gateway_decisions_total{scope="create-payment",outcome="deny",reason="cap_exceeded"}')).toBe(1);
  expect(value(text, 'bunq_gateway_decisions_total{scope="none",outcome="deny",reason="token_invalid"}')).toBe(1);
  expect(value(text, 'bunq_gateway_decisions_total{scope="create-payment",outcome="deny",reason="upstream_rate_limited"}')).toBe(1);
  expect(value(text, 'bunq_gateway_cap_refusals_total{window="day"}')).toBe(1);
  expect(value(text, 'bunq_gateway_upstream_rate_limited_total')).toBe(1);
  expect(value(text, 'bunq_gateway_upstream_duration_seconds_count{method="POST",status="200"}')).toBe(1);
  expect(value(text, 'bunq_gateway_cap_usage_ratio_count')).toBe(2);
  expect(value(text, 'bunq_gateway_cap_usage_ratio_bucket{le="0.75"}')).toBe(1);
  expect(text).not.toContain(PAYEE);
  expect(text).not.toContain(issued.token.id);
  expect(text).not.toContain(`"${t.personal.id}"`);
});

test('when anything but GET /metrics is asked, then the listener answers 404', async () => {
  expect((await fetch(server.url.replace('/metrics', '/'))).status).toBe(404);
  expect((await fetch(server.url, { method: 'POST' })).status).toBe(404);
});

describe('the upstream queue depth', () => {
  let limited: TestGateway;
  let limitedServer: RunningMetricsServer;
  beforeAll(async () => {
    // bunq's limits on (emulator and scheduler): GET 3 per 3 s per endpoint, so a burst queues.
    limited = await startTestGateway({ emulatorRateLimits: true });
    limitedServer = await startMetricsServer(limited.runtime.metrics, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await limitedServer?.close();
    await limited?.close();
  });

  test('when a burst of reads waits for bunq slots, then /metrics shows the waiting calls, and 0 once they are sent', async () => {
    const reader = await limited.issue({ scopes: ['read-transactions'], accounts: [limited.personal.id] });
    const listPath = `/v1/user/${limited.user.userId}/monetary-account/${limited.personal.id}/payment`;
    const depth = async () => value(await (await fetch(limitedServer.url)).text(), 'bunq_gateway_upstream_queue_depth');

    const burst = Array.from({ length: 6 }, (_, i) => call(limited, 'GET', `${listPath}?count=${i + 1}`, reader.bearer));
    let settled = false;
    const all = Promise.all(burst).finally(() => {
      settled = true;
    });
    // Sample while the burst is in flight: three calls get a slot, the others wait ~3 s.
    let deepest = 0;
    while (!settled) {
      deepest = Math.max(deepest, (await depth()) ?? 0);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(deepest).toBeGreaterThanOrEqual(1);
    expect((await all).map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await depth()).toBe(0);
  }, 30_000);
});

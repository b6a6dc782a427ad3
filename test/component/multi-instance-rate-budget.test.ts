// Issue #7: several instances share bunq's per-IP rate budget, and each token's own rate limit. Two instances on one PostgreSQL
// database, bunq's limits on in the emulator and in the gateway: a burst of reads spread over
// both is paced as one (3 GETs per endpoint per 3 s), so bunq never answers 429. With a budget
// per process each instance would send its own 3 and bunq would refuse the excess.
import { openRuntime, type Runtime } from '../../src/runtime';
import { startGateway, type RunningGateway } from '../../src/server';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call } from './support/calls';

let t: TestGateway;
let second: { runtime: Runtime; gateway: RunningGateway };

beforeAll(async () => {
  t = await startTestGateway({ dialect: 'postgresql', emulatorRateLimits: true });
  const runtime = await openRuntime(t.runtime.config, { migrate: false });
  await runtime.reloadBunq();
  second = { runtime, gateway: await startGateway(runtime, { host: '127.0.0.1', port: 0 }) };
}, 60_000);
afterAll(async () => {
  await second?.gateway.close();
  await t?.close();
});

test('when 8 reads of one endpoint are spread over two instances, then all succeed and bunq answered none with 429', async () => {
  const reader = await t.issue({ scopes: ['read-transactions'], accounts: [t.personal.id] });
  const listPath = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;
  const other = { ...t, url: second.gateway.url };

  const answers = await Promise.all(
    Array.from({ length: 8 }, (_, i) => call(i % 2 === 0 ? t : other, 'GET', `${listPath}?count=${i + 1}`, reader.bearer)),
  );

  expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 8 }, () => 200));
  const seen = t.emulator.control.requests({ method: 'GET', pathIncludes: '/payment' });
  expect(seen.length).toBeGreaterThanOrEqual(8);
  expect(seen.filter((r) => r.status === 429)).toHaveLength(0);
}, 30_000);

test('when a token limited to 3 calls per minute calls both instances, then together they allow 3 and refuse the rest (not 3 each)', async () => {
  const limited = await t.issue({ scopes: ['read-balance'], accounts: [t.personal.id] }, { name: 'limited', ratePerMinute: 3 });
  const balance = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}`;
  const other = { ...t, url: second.gateway.url };
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await call(i % 2 === 0 ? t : other, 'GET', balance, limited.bearer)).status);
  expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
}, 30_000);

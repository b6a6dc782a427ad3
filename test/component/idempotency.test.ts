// Issue #7: Idempotency-Key on money-moving calls. A retry with the same key gets the first
// outcome and never reaches bunq again; the key is bound to the exact request; a retry while
// the first is still running is refused; keys belong to one token.
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call, errorOf, paymentBody } from './support/calls';

const PAYEE = 'NL91ABNA0417164300';
const STRANGER = 'DE89370400440532013000';
let t: TestGateway;
let payPath: string;

beforeAll(async () => {
  t = await startTestGateway();
  payPath = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;
});
afterAll(async () => t?.close());
afterEach(() => t.emulator.control.setFault(null));

const payer = (outsideAllowlist: 'deny' | 'draft' = 'deny') =>
  t.issue({
    scopes: ['create-payment'],
    accounts: [t.personal.id],
    payment: { maxPerPayment: '50.00', caps: { day: '100.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id], outsideAllowlist },
  });
const posts = (what = '/payment') => t.emulator.control.requestCount({ method: 'POST', pathIncludes: what });
const pay = (bearer: string, key: string | undefined, value = '5.00', iban = PAYEE) =>
  call(t, 'POST', payPath, bearer, { body: paymentBody(value, iban), ...(key === undefined ? {} : { headers: { 'Idempotency-Key': key } }) });

test('when a payment is retried with the same Idempotency-Key, then the first answer is replayed and bunq is called once', async () => {
  const token = await payer();
  const before = posts();
  const first = await pay(token.bearer, 'order-1');
  const again = await pay(token.bearer, 'order-1');
  expect(first.status).toBe(200);
  expect(again.status).toBe(200);
  expect(again.text).toBe(first.text);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(first.headers['idempotent-replayed']).toBeUndefined();
  expect(posts() - before).toBe(1);
  expect(await t.runtime.db.spendEntry.count({ where: { tokenId: token.token.id } })).toBe(1);
});

test('when the same key comes with a different body, then it is refused with 422 idempotency_key_reused and nothing is sent', async () => {
  const token = await payer();
  expect((await pay(token.bearer, 'order-2', '5.00')).status).toBe(200);
  const before = posts();
  const other = await pay(token.bearer, 'order-2', '6.00');
  expect(other.status).toBe(422);
  expect(errorOf(other).error_code).toBe('idempotency_key_reused');
  expect(posts()).toBe(before);
  expect(await t.runtime.db.spendEntry.count({ where: { tokenId: token.token.id } })).toBe(1);
});

test('when the retry arrives while the first is still in flight, then it is refused with 409 and bunq gets one payment', async () => {
  const token = await payer();
  t.emulator.control.setFault({ kind: 'delay', ms: 1_500, times: 1, match: { method: 'POST', pathIncludes: '/payment' } });
  const before = posts();
  const first = Promise.resolve(pay(token.bearer, 'order-3')); // supertest sends on then()
  await new Promise((r) => setTimeout(r, 400));
  const racing = await pay(token.bearer, 'order-3');
  expect(racing.status).toBe(409);
  expect(errorOf(racing).error_code).toBe('idempotency_request_in_progress');
  expect((await first).status).toBe(200);
  expect((await pay(token.bearer, 'order-3')).headers['idempotent-replayed']).toBe('true');
  expect(posts() - before).toBe(1);
});

test('when the first attempt failed with an unknown outcome, then the retry gets that same failure and is NOT sent again', async () => {
  const token = await payer();
  t.emulator.control.setFault({ kind: 'status', status: 500, phase: 'after', times: 1, match: { method: 'POST', pathIncludes: '/payment' } });
  const before = posts();
  const first = await pay(token.bearer, 'order-4');
  expect(first.status).toBeGreaterThanOrEqual(500);
  const again = await pay(token.bearer, 'order-4');
  expect(again.status).toBe(first.status);
  expect(again.text).toBe(first.text);
  expect(posts() - before).toBe(1);
  const [entry] = await t.runtime.db.spendEntry.findMany({ where: { tokenId: token.token.id } });
  expect(entry?.status).toBe('UNKNOWN');
});

test.each([
  ['bunq rate-limited it (429)', { kind: 'rate-limit', times: 1, match: { method: 'POST', pathIncludes: '/payment' } }],
  ["the gateway's bunq session had expired", { kind: 'expire-sessions' }],
] as const)('when the first attempt certainly did nothing (%s), then the key is released and a retry with it pays once', async (_label, fault) => {
  const token = await payer();
  const key = `order-free-${fault.kind}`;
  t.emulator.control.setFault(fault);
  const first = await pay(token.bearer, key);
  expect([429, 503]).toContain(first.status);
  t.emulator.control.setFault(null);
  await new Promise((r) => setTimeout(r, 3_200)); // bunq's 3 s window, which the scheduler honours
  const again = await pay(token.bearer, key);
  expect(again.status).toBe(200);
  expect(again.headers['idempotent-replayed']).toBeUndefined();
  expect((await pay(token.bearer, key)).headers['idempotent-replayed']).toBe('true');
  const entries = await t.runtime.db.spendEntry.findMany({ where: { tokenId: token.token.id }, orderBy: { createdAt: 'asc' } });
  expect(entries.map((e) => e.status)).toEqual(['RELEASED', 'COMMITTED']);
}, 20_000);

test("when bunq refused the payment itself (a definite 4xx), then that refusal is the key's outcome and a retry replays it", async () => {
  const token = await payer();
  t.emulator.control.setFault({ kind: 'status', status: 400, message: 'Insufficient balance.', phase: 'before', times: 1, match: { method: 'POST', pathIncludes: '/payment' } });
  const before = posts();
  const first = await pay(token.bearer, 'order-refused');
  expect(first.status).toBe(400);
  const again = await pay(token.bearer, 'order-refused');
  expect(again.status).toBe(400);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(posts() - before).toBe(1);
});

test('when the first request was claimed longer ago than any live call lasts (its process died), then a retry gets 504 with an unknown outcome, not 409 forever, and nothing is sent again', async () => {
  const token = await payer();
  t.emulator.control.setFault({ kind: 'delay', ms: 1_500, times: 1, match: { method: 'POST', pathIncludes: '/payment' } });
  const before = posts();
  const first = Promise.resolve(pay(token.bearer, 'order-abandoned')); // supertest sends on then()
  await new Promise((r) => setTimeout(r, 400));
  // Age the claim as if its process had died long ago (beyond RECONCILE_AFTER_MS: 2 × timeout + 30 s).
  await t.runtime.db.idempotencyRecord.updateMany({
    where: { tokenId: token.token.id, key: 'order-abandoned' },
    data: { createdAt: new Date(Date.now() - 3_600_000) },
  });
  const retry = await pay(token.bearer, 'order-abandoned');
  expect(retry.status).toBe(504);
  expect(errorOf(retry)).toMatchObject({ error_code: 'upstream_timeout', outcome: 'unknown' });
  expect(retry.headers['idempotent-replayed']).toBe('true');
  const again = await pay(token.bearer, 'order-abandoned');
  expect(again.text).toBe(retry.text);
  expect((await first).status).toBe(200);
  expect(posts() - before).toBe(1);
});

test('when two tokens use the same key, then each pays once: keys belong to their token', async () => {
  const [a, b] = [await payer(), await payer()];
  const before = posts();
  expect((await pay(a.bearer, 'shared')).status).toBe(200);
  const other = await pay(b.bearer, 'shared');
  expect(other.status).toBe(200);
  expect(other.headers['idempotent-replayed']).toBeUndefined();
  expect(posts() - before).toBe(2);
});

test('when a payment converted to a draft is retried with its key, then one draft-payment exists', async () => {
  const token = await payer('draft');
  const before = posts('/draft-payment');
  const first = await pay(token.bearer, 'draft-1', '7.00', STRANGER);
  const again = await pay(token.bearer, 'draft-1', '7.00', STRANGER);
  expect(first.status).toBe(200);
  expect(first.headers['x-gateway-outcome']).toBe('draft-payment-created');
  expect(again.text).toBe(first.text);
  expect(posts('/draft-payment') - before).toBe(1);
});

test('when the key is malformed or sent twice, then the request is refused with 400 before anything is reserved', async () => {
  const token = await payer();
  const before = posts();
  const long = await pay(token.bearer, 'x'.repeat(256));
  expect(long.status).toBe(400);
  expect(errorOf(long).error_code).toBe('invalid_request');
  expect((await pay(token.bearer, 'has space')).status).toBe(400);
  expect(posts()).toBe(before);
  expect(await t.runtime.db.spendEntry.count({ where: { tokenId: token.token.id } })).toBe(0);
});

// Issue #3: own-objects scopes. A token sees and cancels only the payment requests it made
// itself; another token with the same scopes on the same account can neither read nor revoke
// them, and such attempts never reach bunq.
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call, counting, errorOf, items } from './support/calls';

let t: TestGateway;
let a: string;
let b: string;
let base: string;
let seededIds: number[];

const GRANT = () => ({ scopes: ['create-request', 'read-key-requests', 'cancel-request'], accounts: [t.personal.id] });
const inquiry = (description: string) => ({
  amount_inquired: { value: '12.50', currency: 'EUR' },
  counterparty_alias: { type: 'EMAIL', value: 'friend@example.com', name: 'Friend' },
  description,
  allow_bunqme: false,
});
const idOf = (res: { body: unknown }) => (res.body as { Response: { Id: { id: number } }[] }).Response[0]!.Id.id;

let aRequest: number;
let bRequest: number;

beforeAll(async () => {
  t = await startTestGateway();
  a = (await t.issue(GRANT(), { name: 'A' })).bearer;
  b = (await t.issue(GRANT(), { name: 'B' })).bearer;
  base = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/request-inquiry`;
  seededIds = t.emulator.control.listRequestInquiries(t.personal.id).map((r) => r.id);
  const ra = await call(t, 'POST', base, a, { body: inquiry('dinner, from A') });
  expect(ra.status).toBe(200);
  aRequest = idOf(ra);
  const rb = await call(t, 'POST', base, b, { body: inquiry('tickets, from B') });
  expect(rb.status).toBe(200);
  bRequest = idOf(rb);
});
afterAll(async () => t?.close());

test('when token A creates a request-inquiry, then it exists in bunq as asked', () => {
  const made = t.emulator.control.listRequestInquiries(t.personal.id).find((r) => r.id === aRequest);
  expect(made).toMatchObject({ amount: '12.50', description: 'dinner, from A', status: 'PENDING' });
});

test('when token A lists requests, then it sees only its own: not the seeded ones, not B\'s', async () => {
  expect(seededIds.length).toBeGreaterThan(0);
  const res = await call(t, 'GET', base, a);
  expect(res.status).toBe(200);
  expect(items(res).map((r) => r['id'])).toEqual([aRequest]);
  const text = JSON.stringify(res.body);
  expect(text).not.toContain('from B');
});

test("when token A reads its own request by id, then it gets it", async () => {
  const res = await call(t, 'GET', `${base}/${aRequest}`, a);
  expect(res.status).toBe(200);
  expect(items(res)[0]!['id']).toBe(aRequest);
});

test.each([
  ["A's request", () => aRequest],
  ['a seeded request', () => seededIds[0]!],
])("when token B reads %s by id, then it is refused with object_not_owned and bunq receives nothing", async (_what, id) => {
  const { result: res, upstream } = await counting(t, () => call(t, 'GET', `${base}/${id()}`, b));
  expect({ status: res.status, code: errorOf(res).error_code }).toEqual({ status: 403, code: 'object_not_owned' });
  expect(upstream).toBe(0);
});

test("when token B tries to revoke A's request, then it is refused with object_not_owned, bunq receives nothing and the request stays pending", async () => {
  const { result: res, upstream } = await counting(t, () => call(t, 'PUT', `${base}/${aRequest}`, b, { body: { status: 'REVOKED' } }));
  expect({ status: res.status, code: errorOf(res).error_code }).toEqual({ status: 403, code: 'object_not_owned' });
  expect(upstream).toBe(0);
  expect(t.emulator.control.listRequestInquiries(t.personal.id).find((r) => r.id === aRequest)!.status).toBe('PENDING');
});

test('when token A revokes its own request, then bunq revokes it', async () => {
  const res = await call(t, 'PUT', `${base}/${aRequest}`, a, { body: { status: 'REVOKED' } });
  expect(res.status).toBe(200);
  expect(t.emulator.control.listRequestInquiries(t.personal.id).find((r) => r.id === aRequest)!.status).toBe('REVOKED');
  expect(t.emulator.control.listRequestInquiries(t.personal.id).find((r) => r.id === bRequest)!.status).toBe('PENDING');
});

test('when token B tries any other update than a revoke, even of its own request, then it is refused and nothing reaches bunq', async () => {
  const { result: res, upstream } = await counting(t, () => call(t, 'PUT', `${base}/${bRequest}`, b, { body: { status: 'ACCEPTED' } }));
  expect(res.status).toBe(400);
  expect(errorOf(res).error_code).toBe('body_invalid');
  expect(upstream).toBe(0);
});

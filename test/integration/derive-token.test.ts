// Attenuation through the gateway: a token holder derives a narrower child token; the child
// can never exceed the parent, its spending counts against the parent's caps, and revoking
// the parent revokes the child.
import request from 'supertest';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';

const PAYEE = 'NL91ABNA0417164300';
let t: TestGateway;
let parentBearer: string;
let parentId: string;

beforeAll(async () => {
  t = await startTestGateway();
  const parent = await t.issue(
    {
      scopes: ['read-user', 'read-balance', 'read-transactions', 'create-payment'],
      accounts: [t.personal.id, t.savings.id],
      payment: { maxPerPayment: '100.00', caps: { day: '150.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
    },
    { expiresInMs: 7 * 86_400_000 },
  );
  parentBearer = parent.bearer;
  parentId = parent.token.id;
});
afterAll(async () => t?.close());

const childGrant = (overrides: Record<string, unknown> = {}) => ({
  scopes: ['read-balance', 'create-payment'],
  accounts: [t.personal.id],
  payment: { maxPerPayment: '100.00', caps: { day: '100.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
  ...overrides,
});

const derive = (bearer: string, body: unknown) =>
  request(t.url).post('/gateway/tokens/derive').set('Authorization', `Bearer ${bearer}`).set('Content-Type', 'application/json').send(JSON.stringify(body));

const pay = (bearer: string, value: string) =>
  request(t.url)
    .post(`/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`)
    .set('Authorization', `Bearer ${bearer}`)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify({ amount: { value, currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: PAYEE, name: 'Landlord' }, description: 'rent' }));

test('when a holder derives a narrower token, then the child works within its grant', async () => {
  const res = await derive(parentBearer, { name: 'assistant', grant: childGrant(), expiresInSeconds: 86_400 });
  expect(res.status).toBe(200);
  expect(res.body.parentId).toBe(parentId);
  expect(res.body.bearer).toMatch(/^bgw_/);
  const balance = await request(t.url).get(`/v1/user/${t.user.userId}/monetary-account/${t.personal.id}`).set('Authorization', `Bearer ${res.body.bearer}`);
  expect(balance.status).toBe(200);
  const savings = await request(t.url).get(`/v1/user/${t.user.userId}/monetary-account/${t.savings.id}`).set('Authorization', `Bearer ${res.body.bearer}`);
  expect(savings.status).toBe(403);
});

const pay100 = (caps: Record<string, string>, iban = PAYEE, max = '100.00') => () => ({
  payment: { maxPerPayment: max, caps, ibanAllowlist: [iban], sourceAccounts: [t.personal.id] },
});

test.each<[string, () => Record<string, unknown>]>([
  ['more scopes', () => ({ scopes: ['read-balance', 'create-payment', 'read-personal-data'] })],
  ['another account', () => ({ accounts: [t.joint.id] })],
  ['a higher per-payment maximum', pay100({ day: '100.00' }, PAYEE, '500.00')],
  ['a higher cap', pay100({ day: '1000.00' })],
  ['no cap where the parent has one', pay100({})],
  ['another IBAN', pay100({ day: '100.00' }, 'DE89370400440532013000')],
])('when a child asks for %s, then derivation is refused', async (_label, overrides) => {
  const res = await derive(parentBearer, { name: 'too much', grant: childGrant(overrides()), expiresInSeconds: 3600 });
  expect(res.status).toBe(400);
  expect(res.body.Error[0].error_code).toBe('body_invalid');
});

test('when a child would outlive its parent, then derivation is refused', async () => {
  const res = await derive(parentBearer, { name: 'long', grant: childGrant(), expiresInSeconds: 30 * 86_400 });
  expect(res.status).toBe(400);
});

test("when a child spends, then it counts against the parent's cap, and revoking the parent revokes the child", async () => {
  const child = (await derive(parentBearer, { name: 'spender', grant: childGrant(), expiresInSeconds: 3600 })).body.bearer as string;
  expect((await pay(child, '90.00')).status).toBe(200);
  // Parent's day cap is 150.00: 90 spent by the child leaves 60.
  const refused = await pay(parentBearer, '70.00');
  expect(refused.status).toBe(403);
  expect(refused.body.Error[0].error_code).toBe('cap_exceeded');
  expect(refused.body.Error[0].remaining).toBe('60.00');
  await t.runtime.tokens.revoke(parentId);
  const after = await request(t.url).get(`/v1/user/${t.user.userId}/monetary-account/${t.personal.id}`).set('Authorization', `Bearer ${child}`);
  expect(after.status).toBe(401);
  expect(after.body.Error[0].error_code).toBe('token_revoked');
});

test("when a holder derives a child from a rate-limited token, then the child's calls count against the parent's limit", async () => {
  const grant = { scopes: ['read-balance'], accounts: [t.personal.id] };
  const limited = await t.issue(grant, { ratePerMinute: 3 });
  const d = await derive(limited.bearer, { name: 'unlimited child?', grant, expiresInSeconds: 3600 }); // 1 of 3
  expect(d.status).toBe(200);
  const target = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}`;
  const read = (bearer: string) => request(t.url).get(target).set('Authorization', `Bearer ${bearer}`);
  expect((await read(d.body.bearer)).status).toBe(200); // 2 of 3
  expect((await read(limited.bearer)).status).toBe(200); // 3 of 3
  const calls = t.emulator.control.requestCount({ method: 'GET', pathIncludes: `/monetary-account/${t.personal.id}` });
  const refused = await read(d.body.bearer);
  expect(refused.status).toBe(429);
  expect(refused.headers['retry-after']).toBeDefined();
  expect(t.emulator.control.requestCount({ method: 'GET', pathIncludes: `/monetary-account/${t.personal.id}` })).toBe(calls);
});

test('when the owner rotates a token, then every token derived from it (children and grandchildren) stops working too', async () => {
  const grant = { scopes: ['read-balance'], accounts: [t.personal.id] };
  const leaked = await t.issue(grant);
  const child = await derive(leaked.bearer, { name: 'derived by a thief', grant, expiresInSeconds: 3600 });
  const grandchild = await derive(child.body.bearer, { name: 'and its child', grant, expiresInSeconds: 1800 });
  expect([child.status, grandchild.status]).toEqual([200, 200]);
  const target = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}`;
  const read = (bearer: string) => request(t.url).get(target).set('Authorization', `Bearer ${bearer}`);
  expect((await read(child.body.bearer)).status).toBe(200);

  const rotated = await t.runtime.tokens.rotate(leaked.token.id);

  expect([...rotated.revokedDescendants].sort()).toEqual([child.body.id, grandchild.body.id].sort());
  for (const bearer of [leaked.bearer, child.body.bearer, grandchild.body.bearer]) expect((await read(bearer)).status).toBe(401);
  expect((await read(rotated.bearer)).status).toBe(200);
  expect((await derive(rotated.bearer, { name: 'after the rotation', grant, expiresInSeconds: 3600 })).status).toBe(200);
});

test('when a derivation races a rotation of its parent, then no child is created from the old secrets', async () => {
  const grant = { scopes: ['read-balance'], accounts: [t.personal.id] };
  const parent = await t.issue(grant);
  const asAuthenticated = (await t.runtime.tokenRepo.findById(parent.token.id))!; // read before the rotation
  await t.runtime.tokens.rotate(parent.token.id);
  await expect(
    t.runtime.tokens.issue({ name: 'late child', grant, expiresAt: new Date(Date.now() + 3_600_000) }, asAuthenticated),
  ).rejects.toMatchObject({ status: 401, code: 'token_revoked' });
  expect(await t.runtime.db.token.count({ where: { parentId: parent.token.id } })).toBe(0);
});

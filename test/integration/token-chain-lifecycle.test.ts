// Token chains under revocation, expiry and limits (issue #3/#8, from a security review): what a
// root's rotation or a parent's expiry does to descendants' bearers, bunq keys and open bunq
// sessions, and what a child can never get that its parent lacks. Each asserts the secure behaviour.
import request from 'supertest';
import { ManualClock } from '../../src/lib/clock';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { BunqProtocolClient } from '../support/bunq-protocol-client';

const clock = new ManualClock(Date.now());
let t: TestGateway;

beforeAll(async () => {
  t = await startTestGateway({ clock, config: { GATEWAY_INSTALLATIONS_PER_MINUTE: '100' } });
});
afterAll(async () => t?.close());

const readGrant = () => ({ scopes: ['read-user', 'read-balance'], accounts: [t.personal.id] });
const derive = (credential: { bearer?: string; session?: string }, body: unknown) => {
  let r = request(t.url).post('/gateway/tokens/derive').set('Content-Type', 'application/json');
  if (credential.bearer) r = r.set('Authorization', `Bearer ${credential.bearer}`);
  if (credential.session) r = r.set('X-Bunq-Client-Authentication', credential.session);
  return r.send(JSON.stringify(body));
};
const balance = (bearer: string) =>
  request(t.url).get(`/v1/user/${t.user.userId}/monetary-account/${t.personal.id}`).set('Authorization', `Bearer ${bearer}`);

test('rotating the root revokes a grandchild (bearer, bunq key and open session)', async () => {
  const root = await t.issue(readGrant());
  const child = await derive({ bearer: root.bearer }, { name: 'c', grant: readGrant(), expiresInSeconds: 3600 });
  expect(child.status).toBe(200);
  const grand = await derive({ bearer: child.body.bearer }, { name: 'g', grant: readGrant(), expiresInSeconds: 3600 });
  expect(grand.status).toBe(200);
  const client = new BunqProtocolClient(t.url);
  await client.handshake(grand.body.bunqKey, ['*']);
  expect((await client.send('GET', '/v1/user', undefined)).status).toBe(200);
  await t.runtime.tokens.rotate(root.token.id);
  expect((await balance(grand.body.bearer)).status).toBe(401);
  expect((await balance(grand.body.bunqKey)).status).toBe(401);
  expect((await client.send('GET', '/v1/user', undefined)).status).toBe(401);
});

test('an expired parent kills a child whose JWT is in the verification cache, and its session', async () => {
  const parent = await t.issue(readGrant(), { expiresInMs: 600_000 });
  const child = await derive({ bearer: parent.bearer }, { name: 'c', grant: readGrant(), expiresInSeconds: 600 });
  expect(child.status).toBe(200);
  const client = new BunqProtocolClient(t.url);
  await client.handshake(child.body.bunqKey, ['*']);
  expect((await balance(child.body.bearer)).status).toBe(200);
  clock.advance(601_000);
  expect((await balance(child.body.bearer)).status).toBe(401);
  expect((await balance(parent.bearer)).status).toBe(401);
  expect((await client.send('GET', '/v1/user', undefined)).status).toBe(401);
});

test('a bunq session cannot derive a token', async () => {
  const tok = await t.issue(readGrant());
  const client = new BunqProtocolClient(t.url);
  await client.handshake(tok.bunqKey, ['*']);
  const res = await derive({ session: client.sessionToken! }, { name: 'x', grant: readGrant(), expiresInSeconds: 60 });
  expect(res.status).not.toBe(200);
});

test('a child cannot widen the read-recent window', async () => {
  const parent = await t.issue({ scopes: ['read-recent'], accounts: [t.personal.id], recentDays: 7 });
  const res = await derive({ bearer: parent.bearer }, { name: 'w', grant: { scopes: ['read-recent'], accounts: [t.personal.id], recentDays: 365 }, expiresInSeconds: 60 });
  expect(res.status).toBe(400);
  const dflt = await derive({ bearer: parent.bearer }, { name: 'w', grant: { scopes: ['read-recent'], accounts: [t.personal.id] }, expiresInSeconds: 60 });
  expect(dflt.status).toBe(400);
});

test("a child of a rate-limited parent is held to the parent's limit (bearer)", async () => {
  const parent = await t.issue(readGrant(), { ratePerMinute: 3 });
  const child = await derive({ bearer: parent.bearer }, { name: 'c', grant: readGrant(), expiresInSeconds: 600 }); // 1 of 3
  expect(child.status).toBe(200);
  expect((await balance(child.body.bearer)).status).toBe(200); // 2
  expect((await balance(child.body.bearer)).status).toBe(200); // 3
  expect((await balance(child.body.bearer)).status).toBe(429);
});

test("another client's session token cannot be used with my signature on a money call", async () => {
  const payer = await t.issue({
    scopes: ['create-payment'],
    accounts: [t.personal.id],
    payment: { maxPerPayment: '5.00', ibanAllowlist: ['NL91ABNA0417164300'], sourceAccounts: [t.personal.id] },
  });
  const victim = new BunqProtocolClient(t.url);
  await victim.handshake(payer.bunqKey, ['*']);
  // An attacker's own client, with a different key pair: sign with a forged key.
  const { generateKeyPairSync, sign } = await import('node:crypto');
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const body = JSON.stringify({ amount: { value: '1.00', currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: 'NL91ABNA0417164300', name: 'x' }, description: 'x' });
  const before = t.emulator.control.requests().length;
  const res = await victim.send('POST', `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`, body, {
    headers: { 'x-bunq-client-signature': sign('sha256', Buffer.from(body), other.privateKey).toString('base64') },
  });
  expect(res.status).not.toBe(200);
  expect(t.emulator.control.requests().slice(before).some((r: { method: string }) => r.method === 'POST')).toBe(false);
});

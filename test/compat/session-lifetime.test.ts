// Issue #5, session lifetime (bunq-api.md §2.4): a session lives session_timeout seconds after
// its last use (sliding, as the reference recommends), that timeout is the bunq user's own, and
// a session never outlives its token, and revoking an ancestor ends it. Time is a manual clock.
import { ManualClock } from '../../src/lib/clock';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { BunqProtocolClient, type BunqResponse } from '../support/bunq-protocol-client';

const clock = new ManualClock(Date.now());
let t: TestGateway;
const SECOND = 1000;

beforeAll(async () => {
  t = await startTestGateway({ clock, config: { GATEWAY_INSTALLATIONS_PER_MINUTE: '100' } });
});
afterAll(async () => t?.close());

const errorOf = (res: BunqResponse): Record<string, unknown> => (res.json as { Error: Record<string, unknown>[] }).Error[0]!;

async function sessionFor(expiresInMs = 86_400_000): Promise<BunqProtocolClient> {
  const issued = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] }, { expiresInMs });
  const client = new BunqProtocolClient(t.url);
  await client.handshake(issued.bunqKey, ['*']);
  return client;
}

const user = (client: BunqProtocolClient) => client.send('GET', '/v1/user', undefined);

test("when a session is opened, then its session_timeout is the bunq user's own (the emulator's 300 s)", async () => {
  const client = await sessionFor();
  expect(client.user?.value.session_timeout).toBe(300);
});

test('when a session is used, then it lives session_timeout after the last use; unused for longer, it is dead with bunq\'s text', async () => {
  const client = await sessionFor();
  clock.advance(200 * SECOND);
  expect((await user(client)).status).toBe(200);
  clock.advance(250 * SECOND); // 450 s after opening, 250 s after the last use
  expect((await user(client)).status).toBe(200);
  clock.advance(301 * SECOND);
  const res = await user(client);
  expect(res.status).toBe(401);
  expect(errorOf(res)).toMatchObject({ error_description: 'Insufficient authorisation.', error_code: 'token_expired' });
});

test('when the token expires before the bunq timeout, then session_timeout is cut to the token and the session ends with it', async () => {
  const client = await sessionFor(120 * SECOND);
  expect(client.user?.value.session_timeout).toBeLessThanOrEqual(120);
  clock.advance(100 * SECOND);
  expect((await user(client)).status).toBe(200);
  clock.advance(21 * SECOND);
  const res = await user(client);
  expect(res.status).toBe(401);
  expect(errorOf(res)['error_description']).toBe('Insufficient authorisation.');
});

test("when a derived token's parent is revoked, then the child's open session ends at once", async () => {
  const grant = { scopes: ['read-user'], accounts: [t.personal.id] };
  const parent = await t.issue(grant);
  const child = await t.runtime.tokens.issue({ name: 'child', grant, expiresAt: new Date(clock.now() + 3_600_000) }, parent.token);
  const client = new BunqProtocolClient(t.url);
  await client.handshake(child.bunqKey, ['*']);
  expect((await user(client)).status).toBe(200);
  await t.runtime.tokens.revoke(parent.token.id);
  const res = await user(client);
  expect(res.status).toBe(401);
  expect(errorOf(res)).toMatchObject({ error_description: 'Insufficient authorisation.', error_code: 'token_revoked' });
});

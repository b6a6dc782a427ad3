// Issue #5: a bunq client written only from bunq's documented protocol (test/support/
// bunq-protocol-client.ts, which imports nothing from src/) does the whole handshake against
// the gateway with a scoped token as its API key, verifies every signature with the key from
// its installation, and works within — and only within — the token's scope.
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { upstreamCalls } from '../component/support/calls';
import { BunqProtocolClient, type BunqResponse } from '../support/bunq-protocol-client';

const NOT_A_DEAD_SESSION = 'Insufficient authorisation.';
const ALLOWED_IBAN = 'NL91ABNA0417164300';
let t: TestGateway;
let syncKey: string;
let payKey: string;

beforeAll(async () => {
  t = await startTestGateway({ config: { GATEWAY_INSTALLATIONS_PER_MINUTE: '100' } });
  syncKey = (await t.issue({ scopes: ['read-user', 'read-balance', 'read-recent'], accounts: [t.personal.id], recentDays: 30 }, { name: 'sync' })).bunqKey;
  payKey = (
    await t.issue(
      {
        scopes: ['read-user', 'create-payment'],
        accounts: [t.personal.id],
        payment: { currency: 'EUR', maxPerPayment: '20.00', ibanAllowlist: [ALLOWED_IBAN], sourceAccounts: [t.personal.id], outsideAllowlist: 'deny' },
      },
      { name: 'pay' },
    )
  ).bunqKey;
});
afterAll(async () => t?.close());

function expectSignedBunqJson(client: BunqProtocolClient, res: BunqResponse): void {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/json');
  expect(client.verified(res)).toBe(true);
  expect(/^[\x00-\x7f]*$/.test(res.bytes.toString('latin1'))).toBe(true);
  expect(res.headers['x-bunq-client-response-id']).toMatch(/^[0-9a-f-]{36}$/);
}

const errorOf = (res: BunqResponse): Record<string, unknown> => (res.json as { Error: Record<string, unknown>[] }).Error[0]!;

describe('the handshake', () => {
  test('when a client installs, registers its device and opens a session with a token, then every answer is bunq-shaped, signed by the key it installed and names the real bunq user', async () => {
    const client = new BunqProtocolClient(t.url);
    const installation = await client.install();
    expect(installation.status).toBe(200);
    const response = (installation.json as { Response: Record<string, unknown>[] }).Response;
    expect(response.map((item) => Object.keys(item)[0])).toEqual(['Id', 'Token', 'ServerPublicKey']);
    expect(client.installationToken).toMatch(/^[0-9a-f]{64}$/);
    expect(String((response[2] as { ServerPublicKey: { server_public_key: string } }).ServerPublicKey.server_public_key)).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);

    const device = await client.registerDevice(syncKey, ['*']);
    expectSignedBunqJson(client, device);
    expect(Object.keys((device.json as { Response: object[] }).Response[0]!)).toEqual(['Id']);

    const session = await client.startSession(syncKey, { headers: { 'x-bunq-client-request-id': 'req-123' } });
    expectSignedBunqJson(client, session);
    expect(session.headers['x-bunq-client-request-id']).toBe('req-123');
    const items = (session.json as { Response: Record<string, Record<string, unknown>>[] }).Response;
    expect(items.map((item) => Object.keys(item)[0])).toEqual(['Id', 'Token', 'UserPerson']);
    expect(items[1]!['Token']!['created']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
    expect(client.user?.value.id).toBe(t.user.userId);
    expect(client.user?.value.session_timeout).toBeGreaterThan(0);
    expect(Object.keys(client.user!.value).sort()).toEqual(['alias', 'display_name', 'id', 'public_nick_name', 'session_timeout', 'status']);
  });

  test('when the public key is sent with CRLF line ends, then the installation is accepted and its signatures verify', async () => {
    const client = new BunqProtocolClient(t.url);
    expect((await client.install('\r\n')).status).toBe(200);
    expectSignedBunqJson(client, await client.registerDevice(syncKey));
  });

  test('when device-server or session-server come unsigned or wrongly signed, then they are refused with bunq\'s texts (466 / 400)', async () => {
    const client = new BunqProtocolClient(t.url);
    await client.install();
    const unsigned = await client.registerDevice(syncKey, ['*'], { sign: false });
    expect(unsigned.status).toBe(466);
    expect(errorOf(unsigned)['error_description']).toBe('For this operation a request signature is required. Check the urls for more information.');
    const wrong = await client.registerDevice(syncKey, ['*'], { sign: 'wrong' });
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong)['error_description']).toBe('The request signature is invalid.');
    expect((await client.registerDevice(syncKey, ['*'])).status).toBe(200);
    expect((await client.startSession(syncKey, { sign: false })).status).toBe(466);
    expect((await client.startSession(syncKey, { sign: 'wrong' })).status).toBe(400);
    expect((await client.startSession(syncKey)).status).toBe(200);
  });
});

describe('a read-recent token', () => {
  let client: BunqProtocolClient;
  beforeAll(async () => {
    client = new BunqProtocolClient(t.url);
    await client.handshake(syncKey, ['*']);
  });

  test('when it lists users, accounts and pages through recent payments like bunq2ynab (no signatures on GET), then every page is signed and every link is a host-less /v1 path', async () => {
    const users = await client.send('GET', '/v1/user?count=200', undefined);
    expectSignedBunqJson(client, users);
    const accounts = await client.send('GET', `/v1/user/${t.user.userId}/monetary-account?count=200`, undefined);
    expectSignedBunqJson(client, accounts);
    const ids = (accounts.json as { Response: Record<string, { id: number }>[] }).Response.map((a) => Object.values(a)[0]!.id);
    expect(ids).toEqual([t.personal.id]);

    let next: string | null = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment?count=10`;
    const seen: number[] = [];
    let pages = 0;
    while (next !== null && pages < 50) {
      const page: BunqResponse = await client.send('GET', next, undefined);
      expectSignedBunqJson(client, page);
      seen.push(...(page.json as { Response: { Payment: { id: number } }[] }).Response.map((p) => p.Payment.id));
      next = (page.json as { Pagination: { older_url: string | null } }).Pagination.older_url;
      if (next !== null) expect(next).toMatch(/^\/v1\/user\/\d+\/monetary-account\/\d+\/payment\?count=10&older_id=\d+$/);
      pages += 1;
    }
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  test('when a GET carries a signature, then it is checked: a good one passes, a wrong one is refused', async () => {
    expectSignedBunqJson(client, await client.send('GET', '/v1/user', undefined, { sign: true }));
    const wrong = await client.send('GET', '/v1/user', undefined, { sign: 'wrong' });
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong)['error_description']).toBe('The request signature is invalid.');
  });

  test('when it tries to pay, then the gateway refuses with its own scope wording (403), not a dead-session text, and bunq is not called', async () => {
    const before = upstreamCalls(t);
    const body = { amount: { value: '5.00', currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: ALLOWED_IBAN, name: 'Payee' }, description: 'x' };
    const res = await client.send('POST', `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`, body, { sign: true });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/json');
    expect(errorOf(res)['error_code']).toBe('scope_missing');
    expect(errorOf(res)['error_description']).not.toBe(NOT_A_DEAD_SESSION);
    expect(upstreamCalls(t)).toBe(before);
  });
});

describe('a create-payment token', () => {
  let client: BunqProtocolClient;
  const path = () => `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;
  const body = (value: string) => ({ amount: { value, currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: ALLOWED_IBAN, name: 'Payee' }, description: 'invoice' });
  beforeAll(async () => {
    client = new BunqProtocolClient(t.url);
    await client.handshake(payKey);
  });

  test('when it pays within the cap with a signed request, then the payment is made and the answer is signed', async () => {
    const res = await client.send('POST', path(), body('12.50'), { sign: true });
    expectSignedBunqJson(client, res);
    const id = (res.json as { Response: { Id: { id: number } }[] }).Response[0]!.Id.id;
    expect(t.emulator.control.listPayments(t.personal.id).some((p) => p.id === id)).toBe(true);
  });

  test('when a payment comes unsigned or wrongly signed, then it is refused (466 / 400) and bunq is not called', async () => {
    const before = upstreamCalls(t);
    expect((await client.send('POST', path(), body('1.00'))).status).toBe(466);
    expect((await client.send('POST', path(), body('1.00'), { sign: 'wrong' })).status).toBe(400);
    expect(upstreamCalls(t)).toBe(before);
  });

  test('when it pays above the cap, then it is refused with amount_exceeds_max', async () => {
    const res = await client.send('POST', path(), body('20.01'), { sign: true });
    expect(res.status).toBe(403);
    expect(errorOf(res)['error_code']).toBe('amount_exceeds_max');
  });
});

describe('ending sessions', () => {
  test('when the client deletes its session (sdk_python sends id 0), then the answer is an empty signed Response and the session is dead', async () => {
    const client = new BunqProtocolClient(t.url);
    await client.handshake(syncKey, ['*']);
    const res = await client.send('DELETE', '/v1/session/0', undefined, { sign: true });
    expectSignedBunqJson(client, res);
    expect(res.json).toEqual({ Response: [] });
    const after = await client.send('GET', '/v1/user', undefined);
    expect(after.status).toBe(401);
    expect(errorOf(after)['error_description']).toBe(NOT_A_DEAD_SESSION);
  });

  test('when the owner revokes the token, then its open session is refused at once and no new one can be opened', async () => {
    const issued = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] }, { name: 'to revoke' });
    const client = new BunqProtocolClient(t.url);
    await client.handshake(issued.bunqKey, ['*']);
    expectSignedBunqJson(client, await client.send('GET', '/v1/user', undefined));
    await t.runtime.tokens.revoke(issued.token.id);
    const res = await client.send('GET', '/v1/user', undefined);
    expect(res.status).toBe(401);
    expect(errorOf(res)).toMatchObject({ error_description: NOT_A_DEAD_SESSION, error_code: 'token_revoked' });
    const again = await client.startSession(issued.bunqKey);
    expect(again.status).toBe(400);
    expect(errorOf(again)['error_description']).toBe('User credentials are incorrect. Incorrect API key or IP address.');
  });
});

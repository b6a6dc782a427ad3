// Issue #5, the handshake's rules one by one (bunq-api.md §2; bunq-clients.md §4.1–§4.4):
// which installation, secret and IP is accepted, what is stored (hashes, never tokens), and
// that bunq sessions go through the same token checks as bearer calls.
import request from 'supertest';
import { generateKeyPairSync } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { BunqProtocolClient, type BunqResponse } from '../support/bunq-protocol-client';

let t: TestGateway;
let key: string;

beforeAll(async () => {
  t = await startTestGateway({ config: { GATEWAY_INSTALLATIONS_PER_MINUTE: '1000' } });
  key = (await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] }, { name: 'reader' })).bunqKey;
});
afterAll(async () => t?.close());

const errorOf = (res: BunqResponse): Record<string, unknown> => (res.json as { Error: Record<string, unknown>[] }).Error[0]!;
const BAD_CREDENTIALS = 'User credentials are incorrect. Incorrect API key or IP address.';

async function installed(): Promise<BunqProtocolClient> {
  const client = new BunqProtocolClient(t.url);
  expect((await client.install()).status).toBe(200);
  return client;
}

describe('installation', () => {
  test.each([
    ['a 1024-bit key', String(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }))],
    ['a private key', String(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }))],
    ['an EC key', String(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }))],
    ['no PEM at all', 'hello'],
  ])('when the client_public_key is %s, then the installation is refused with 400', async (_what, pem) => {
    const res = await new BunqProtocolClient(t.url).send('POST', '/v1/installation', { client_public_key: pem }, { auth: null });
    expect(res.status).toBe(400);
    expect(errorOf(res)['error_code']).toBe('body_invalid');
  });

  test('when the body has other fields, then the installation is refused', async () => {
    const pem = String(new BunqProtocolClient(t.url).keys.publicKey.export({ type: 'spki', format: 'pem' }));
    const res = await new BunqProtocolClient(t.url).send('POST', '/v1/installation', { client_public_key: pem, extra: 1 }, { auth: null });
    expect(res.status).toBe(400);
  });

  test('when a handshake call carries a query string, then it is refused', async () => {
    const pem = String(new BunqProtocolClient(t.url).keys.publicKey.export({ type: 'spki', format: 'pem' }));
    const res = await new BunqProtocolClient(t.url).send('POST', '/v1/installation?x=1', { client_public_key: pem }, { auth: null });
    expect(res.status).toBe(400);
  });

  test('when the installation and session tokens are handed out, then the database holds only their hashes and the server key is sealed', async () => {
    const client = await installed();
    await client.registerDevice(key, ['*']);
    await client.startSession(key);
    const dump = JSON.stringify({
      installations: await t.runtime.db.clientInstallation.findMany(),
      sessions: await t.runtime.db.clientSession.findMany(),
      devices: await t.runtime.db.clientDevice.findMany(),
      serverKey: await t.runtime.db.bunqServerKey.findMany(),
    });
    expect(dump).not.toContain(client.installationToken!);
    expect(dump).not.toContain(client.sessionToken!);
    expect(dump).not.toContain(key);
    expect(dump).not.toContain('PRIVATE KEY');
  });
});

describe('device-server', () => {
  test('when the installation token is unknown, then bunq\'s dead-token answer comes back (401)', async () => {
    const client = await installed();
    client.installationToken = 'f'.repeat(64);
    const res = await client.registerDevice(key, ['*']);
    expect(res.status).toBe(401);
    expect(errorOf(res)['error_description']).toBe('Insufficient authorisation.');
  });

  test.each([
    ['the bearer (JWT) form', async () => (await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] })).bearer],
    ['an unknown 64-hex key', async () => 'a'.repeat(64)],
    ['a revoked token', async () => {
      const issued = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] });
      await t.runtime.tokens.revoke(issued.token.id);
      return issued.bunqKey;
    }],
    ['a token whose parent is revoked', async () => {
      const parent = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] });
      const child = await t.runtime.tokens.issue({ name: 'child', grant: { scopes: ['read-user'], accounts: [t.personal.id] }, expiresAt: new Date(Date.now() + 3_600_000) }, parent.token);
      await t.runtime.tokens.revoke(parent.token.id);
      return child.bunqKey;
    }],
  ])('when the secret is %s, then bunq\'s "credentials are incorrect" comes back (400)', async (_what, secret) => {
    const client = await installed();
    const res = await client.registerDevice(await secret(), ['*']);
    expect(res.status).toBe(400);
    expect(errorOf(res)['error_description']).toBe(BAD_CREDENTIALS);
  });

  test('when permitted_ips holds something that is not an IP, then it is refused', async () => {
    const client = await installed();
    const res = await client.registerDevice(key, ['example.com']);
    expect(res.status).toBe(400);
    expect(errorOf(res)['error_code']).toBe('body_invalid');
  });

  test('when the token has an IP allowlist without the caller, then the device is refused', async () => {
    const fenced = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] }, { ipAllowlist: ['192.0.2.0/24'] });
    const res = await (await installed()).registerDevice(fenced.bunqKey, ['*']);
    expect(res.status).toBe(403);
    expect(errorOf(res)['error_code']).toBe('ip_not_allowed');
  });
});

describe('session-server', () => {
  test('when the device was registered for other IPs only, then no session is opened (permitted_ips honoured)', async () => {
    const client = await installed();
    expect((await client.registerDevice(key, ['192.0.2.7'])).status).toBe(200);
    const res = await client.startSession(key);
    expect(res.status).toBe(400);
    expect(errorOf(res)['error_description']).toBe(BAD_CREDENTIALS);
  });

  test('when permitted_ips is absent, then the device is bound to the IP it registered from and works from there', async () => {
    const client = await installed();
    expect((await client.registerDevice(key)).status).toBe(200);
    expect((await client.startSession(key)).status).toBe(200);
    expect((await client.send('GET', '/v1/user', undefined)).status).toBe(200);
  });

  test('when no device was registered for the secret on this installation, then no session is opened', async () => {
    const other = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] });
    const client = await installed();
    await client.registerDevice(key, ['*']);
    const res = await client.startSession(other.bunqKey);
    expect(res.status).toBe(400);
    expect(errorOf(res)['error_description']).toBe(BAD_CREDENTIALS);
  });

  test('when a second session is opened on the installation, then it replaces the first', async () => {
    const client = await installed();
    await client.registerDevice(key, ['*']);
    await client.startSession(key);
    const first = client.sessionToken!;
    await client.startSession(key);
    expect(client.sessionToken).not.toBe(first);
    expect((await client.send('GET', '/v1/user', undefined, { auth: { token: first } })).status).toBe(401);
    expect((await client.send('GET', '/v1/user', undefined)).status).toBe(200);
  });

  test('when the token is rotated, then its open session ends and the old secret opens no new one', async () => {
    const issued = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] });
    const client = await installed();
    await client.registerDevice(issued.bunqKey, ['*']);
    await client.startSession(issued.bunqKey);
    await t.runtime.tokens.rotate(issued.token.id);
    const res = await client.send('GET', '/v1/user', undefined);
    expect(res.status).toBe(401);
    expect(errorOf(res)).toMatchObject({ error_description: 'Insufficient authorisation.', error_code: 'token_revoked' });
    expect((await client.startSession(issued.bunqKey)).status).toBe(400);
  });
});

describe('session calls', () => {
  test('when a session call exceeds the token\'s own rate limit, then the refusal says "Too many requests" (429)', async () => {
    const limited = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] }, { ratePerMinute: 3 });
    const client = await installed();
    await client.registerDevice(limited.bunqKey, ['*']);
    await client.startSession(limited.bunqKey);
    let res = await client.send('GET', '/v1/user', undefined);
    for (let i = 0; i < 5 && res.status === 200; i++) res = await client.send('GET', '/v1/user', undefined);
    expect(res.status).toBe(429);
    expect(String(errorOf(res)['error_description'])).toMatch(/^Too many requests/);
  });

  test("when a key derived from a rate-limited token opens a session, then the handshake counts against the parent's limit", async () => {
    const grant = { scopes: ['read-user'], accounts: [t.personal.id] };
    const limited = await t.issue(grant, { ratePerMinute: 2 });
    const derived = await request(t.url)
      .post('/gateway/tokens/derive')
      .set('Authorization', `Bearer ${limited.bearer}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'child', grant, expiresInSeconds: 3600 })); // 1 of 2
    expect(derived.status).toBe(200);
    const client = await installed();
    expect((await client.registerDevice(derived.body.bunqKey, ['*'])).status).toBe(200); // 2 of 2
    const session = await client.startSession(derived.body.bunqKey);
    expect(session.status).toBe(429);
    expect(String(errorOf(session)['error_description'])).toMatch(/^Too many requests/);
  });

  test('when a call sends both a bearer token and a bunq session, then it is refused', async () => {
    const client = await installed();
    await client.registerDevice(key, ['*']);
    await client.startSession(key);
    const res = await client.send('GET', '/v1/user', undefined, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(400);
  });

  test('when X-Bunq-Client-Request-Id is sane it is echoed; when it is oversized or repeated it is not', async () => {
    const client = await installed();
    await client.registerDevice(key, ['*']);
    await client.startSession(key);
    const echo = await client.send('GET', '/v1/user', undefined, { headers: { 'x-bunq-client-request-id': '1732460000000.123' } });
    expect(echo.headers['x-bunq-client-request-id']).toBe('1732460000000.123');
    const long = await client.send('GET', '/v1/user', undefined, { headers: { 'x-bunq-client-request-id': 'x'.repeat(200) } });
    expect(long.status).toBe(200);
    expect(long.headers['x-bunq-client-request-id']).toBeUndefined();
    expect(long.headers['x-bunq-client-response-id']).toBeDefined();
  });

  test('when a bearer call succeeds, then its answer is not signed (signing is for bunq sessions only)', async () => {
    const res = await request(t.url).get('/v1/user').set('Authorization', `Bearer ${key}`);
    expect(res.status).toBe(200);
    expect(res.headers['x-bunq-server-signature']).toBeUndefined();
  });

  test('when handshake calls are made, then each one is audited with its token', async () => {
    const client = await installed();
    await client.registerDevice(key, ['*']);
    await client.startSession(key);
    await t.runtime.audit.flush();
    const rows = await t.runtime.db.auditEvent.findMany({ where: { endpoint: { in: ['POST /v1/device-server', 'POST /v1/session-server'] }, decision: 'allow' } });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.tokenId !== null)).toBe(true);
  });
});

describe('installation rate limit', () => {
  test('when one IP creates more installations in a minute than GATEWAY_INSTALLATIONS_PER_MINUTE, then the next is refused with "Too many requests" (429)', async () => {
    const limited = await startTestGateway({ config: { GATEWAY_INSTALLATIONS_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await new BunqProtocolClient(limited.url).install()).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const res = await new BunqProtocolClient(limited.url).install();
      expect(String(errorOf(res)['error_description'])).toMatch(/^Too many requests/);
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});

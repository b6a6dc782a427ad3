import { initBunqContext, loadBunqClient } from '../../src/upstream';
import { GatewayError } from '../../src/lib/errors';
import { FakeBunq } from './support/fake-bunq';
import { createTestDb, type TestDb } from './support/test-db';

const API_KEY = 'a'.repeat(64);
let fake: FakeBunq;
let t: TestDb;

beforeAll(async () => {
  [fake, t] = await Promise.all([FakeBunq.start(), createTestDb()]);
});
afterAll(async () => {
  await Promise.all([fake.close(), t.close()]);
});
beforeEach(() => fake.reset());

describe('initBunqContext against a fake bunq', () => {
  it('when run for the first time, then it installs, registers the device, opens a session and stores it', async () => {
    const summary = await initBunqContext(t, { baseUrl: `${fake.baseUrl}/`, apiKey: API_KEY });

    expect(fake.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /v1/installation',
      'POST /v1/device-server',
      'POST /v1/session-server',
    ]);
    expect(summary).toMatchObject({
      baseUrl: fake.baseUrl,
      installationId: 7,
      deviceServerId: 35,
      user: { id: 1822, type: 'UserPerson', displayName: 'Test Person' },
      session: { timeoutSeconds: 3600 },
      reusedInstallation: false,
    });
  });

  it('when installing, then nothing is signed; device-server and session-server are signed with the installation token', async () => {
    await initBunqContext(t, { baseUrl: fake.baseUrl, apiKey: API_KEY, replace: true, permittedIps: ['*'] });
    const [install, device, session] = fake.requests;
    expect(install?.headers['x-bunq-client-authentication']).toBeUndefined();
    expect(install?.headers['x-bunq-client-signature']).toBeUndefined();
    expect(JSON.parse(install!.body.toString()).client_public_key).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    for (const r of [device, session]) {
      expect(r?.headers['x-bunq-client-authentication']).toBe(fake.installationToken);
      expect(r?.signatureValid).toBe(true);
    }
    expect(JSON.parse(device!.body.toString())).toEqual({
      description: 'bunq-scope-gateway',
      secret: API_KEY,
      permitted_ips: ['*'],
    });
    expect(JSON.parse(session!.body.toString())).toEqual({ secret: API_KEY });
  });

  it('when permittedIps is not given, then permitted_ips is omitted so bunq binds the key to our IP', async () => {
    await initBunqContext(t, { baseUrl: fake.baseUrl, apiKey: API_KEY, replace: true });
    expect(JSON.parse(fake.calls('/v1/device-server')[0]!.body.toString())).not.toHaveProperty('permitted_ips');
  });

  it('when re-run with the same key and base URL, then the stored installation is reused', async () => {
    const summary = await initBunqContext(t, { baseUrl: fake.baseUrl, apiKey: API_KEY });
    expect(summary.reusedInstallation).toBe(true);
    expect(fake.calls('/v1/installation')).toHaveLength(0);
    expect(fake.calls('/v1/device-server')).toHaveLength(0);
    expect(fake.calls('/v1/session-server')).toHaveLength(0); // the stored session is still fresh
  });

  it('when re-run with another key without replace, then it is refused and nothing is sent', async () => {
    await expect(initBunqContext(t, { baseUrl: fake.baseUrl, apiKey: 'b'.repeat(64) })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('when re-run with another base URL without replace, then it is refused', async () => {
    await expect(
      initBunqContext(t, { baseUrl: `${fake.url}/v2`, apiKey: API_KEY }),
    ).rejects.toBeInstanceOf(GatewayError);
  });

  it('when re-run with another key and replace, then a fresh installation replaces the context', async () => {
    const summary = await initBunqContext(t, { baseUrl: fake.baseUrl, apiKey: 'b'.repeat(64), replace: true });
    expect(summary.reusedInstallation).toBe(false);
    expect(fake.calls('/v1/installation')).toHaveLength(1);
    const client = await loadBunqClient(t);
    await client.request({ method: 'GET', path: '/user' });
    await client.close();
  });

  it('when the options are unsafe, then init refuses before any network call', async () => {
    await expect(initBunqContext(t, { baseUrl: 'http://example.com/v1', apiKey: API_KEY })).rejects.toThrow(/https/);
    await expect(initBunqContext(t, { baseUrl: fake.baseUrl, apiKey: API_KEY, permittedIps: ['nope'] })).rejects.toThrow(
      /permittedIps/,
    );
    await expect(initBunqContext(t, { baseUrl: fake.baseUrl, apiKey: 'short' })).rejects.toThrow(/API key/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('loadBunqClient', () => {
  it('when no context is stored, then it fails with not_configured', async () => {
    const empty = await createTestDb();
    try {
      await expect(loadBunqClient(empty)).rejects.toMatchObject({ code: 'not_configured' });
    } finally {
      await empty.close();
    }
  });

  it('when a context is stored, then it loads without any network call and reports no secrets', async () => {
    const client = await loadBunqClient(t);
    try {
      expect(fake.requests).toHaveLength(0);
      const status = client.status();
      expect(status).toMatchObject({ baseUrl: fake.baseUrl, installationId: 7, deviceServerId: 35 });
      expect(JSON.stringify(status)).not.toMatch(/[0-9a-f]{64}|PRIVATE KEY/);
    } finally {
      await client.close();
    }
  });
});

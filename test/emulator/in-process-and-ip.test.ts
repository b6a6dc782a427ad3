/** In-process use via createEmulatorApp, and IP binding of API keys (bunq-api.md §10, §12.4). */
import { request as httpRequest } from 'node:http';
import supertest from 'supertest';
import { createEmulatorApp } from '../../src/emulator';
import { ManualClock } from '../../src/lib/clock';
import { BunqTestClient } from './support/bunq-test-client';
import { startHarness, type Harness } from './support/fixture';

/** GET from another loopback source address (127.0.0.2) with a session token. */
function getFrom(localAddress: string, url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { localAddress, headers: { 'user-agent': 'ip-test', 'x-bunq-client-authentication': token } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('IP binding', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(() => h.emu.close());

  it('when the key is bound to 127.0.0.1, then a session call from 127.0.0.2 gets 400 bad credentials', async () => {
    const c = new BunqTestClient(h.emu.url);
    await c.handshake(h.emu.control.createSandboxUser('person').apiKey, ['127.0.0.1']);
    const res = await getFrom('127.0.0.2', `${h.emu.baseUrl}/user`, c.sessionToken as string);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).Error[0].error_description).toBe('User credentials are incorrect. Incorrect API key or IP address.');
    expect((await getFrom('127.0.0.1', `${h.emu.baseUrl}/user`, c.sessionToken as string)).status).toBe(200);
  });

  it('when permitted_ips holds "*", then any IP may use the session', async () => {
    const c = new BunqTestClient(h.emu.url);
    await c.handshake(h.emu.control.createSandboxUser('person').apiKey, ['*']);
    expect((await getFrom('127.0.0.2', `${h.emu.baseUrl}/user`, c.sessionToken as string)).status).toBe(200);
  });
});

describe('createEmulatorApp', () => {
  it('when used in-process with supertest, then bunq answers and the control API is attached', async () => {
    const app = createEmulatorApp({ clock: new ManualClock(Date.UTC(2025, 0, 1)), rateLimits: false });
    const res = await supertest(app).post('/v1/sandbox-user-person').set('User-Agent', 'supertest');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body.Response[0].ApiKey.api_key).toMatch(/^sandbox_/);
    expect(app.control.stats().users).toBe(1);
    const stats = await supertest(app).get('/_emulator/stats');
    expect(stats.body.users).toBe(1);
    expect(app.control.requestCount()).toBe(1);
  });
});

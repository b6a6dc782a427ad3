/** Fault injection and the request log (brief: "recording emulator", faults). */
import { request } from 'undici';
import { BunqTestClient } from './support/bunq-test-client';
import { accountPath, loggedIn, startHarness, type Harness } from './support/fixture';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(() => h.emu.close());

const pay = (value: string) => ({ amount: { value, currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: 'NL91ABNA0417164300', name: 'J' }, description: 'x' });

describe('faults', () => {
  it('when a 500 fault is set for one call, then the next call gets a signed bunq 500 and the one after succeeds', async () => {
    const { client } = await loggedIn(h);
    h.emu.control.setFault({ kind: 'status', status: 500, times: 1 });
    const res = await client.call('GET', '/user');
    expect(res.status).toBe(500);
    expect(res.json.Error[0].error_description).toEqual(expect.any(String));
    expect(client.verifyServerSignature(res)).toBe(true);
    expect((await client.call('GET', '/user')).status).toBe(200);
  });

  it('when a fault has a match, then only matching calls are hit', async () => {
    const { info, client } = await loggedIn(h);
    h.emu.control.setFault({ kind: 'status', status: 503, match: { method: 'POST', pathIncludes: '/payment' } });
    expect((await client.call('GET', '/user')).status).toBe(200);
    expect((await client.call('POST', accountPath(client, info.accounts[0]?.id as number, '/payment'), { body: pay('1.00') })).status).toBe(503);
    h.emu.control.setFault(null);
    expect(h.emu.control.faults()).toEqual([]);
  });

  it('when a rate-limit fault is set, then 429 with bunq\'s text', async () => {
    const { client } = await loggedIn(h);
    h.emu.control.setFault({ kind: 'rate-limit', times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await client.call('GET', '/user');
      expect(res.status).toBe(429);
      expect(res.json.Error[0].error_description).toMatch(/^Too many requests\./);
    }
    expect((await client.call('GET', '/user')).status).toBe(200);
  });

  it('when corrupt-signature is set, then the server signature no longer verifies', async () => {
    const { client } = await loggedIn(h);
    h.emu.control.setFault({ kind: 'corrupt-signature', times: 1 });
    const bad = await client.call('GET', '/user');
    expect(bad.status).toBe(200);
    expect(bad.headers['x-bunq-server-signature']).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(client.verifyServerSignature(bad)).toBe(false);
    expect(client.verifyServerSignature(await client.call('GET', '/user'))).toBe(true);
  });

  it('when a delay is set, then the answer comes late', async () => {
    const { client } = await loggedIn(h);
    h.emu.control.setFault({ kind: 'delay', ms: 150, times: 1 });
    const t = Date.now();
    expect((await client.call('GET', '/user')).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
  });

  it('when drop-connection is set, then the socket closes without an answer', async () => {
    const { client } = await loggedIn(h);
    h.emu.control.setFault({ kind: 'drop-connection', times: 1 });
    await expect(client.call('GET', '/user')).rejects.toThrow();
    expect(h.emu.control.requests({ pathPrefix: '/v1/user' }).at(-1)?.status).toBeNull();
  });

  it('when a 500 comes after the payment executed (phase after), then the payment is findable by its request id', async () => {
    const { info, client } = await loggedIn(h);
    const bank = info.accounts[0]?.id as number;
    h.emu.control.setFault({ kind: 'status', status: 500, phase: 'after', times: 1, match: { method: 'POST' } });
    const headers = { 'x-bunq-client-request-id': 'rid-after-1' };
    expect((await client.call('POST', accountPath(client, bank, '/payment'), { body: pay('3.00'), headers })).status).toBe(500);
    expect(h.emu.control.findPaymentByClientRequestId('rid-after-1')?.amount).toBe('-3.00');
    expect((await client.call('POST', accountPath(client, bank, '/payment'), { body: pay('3.00'), headers })).status).toBe(400);
    expect(h.emu.control.findPaymentsByClientRequestId('rid-after-1')).toHaveLength(1);
  });
});

describe('request log', () => {
  it('when a request-log limit is set, then only the last N calls are kept, newest last, and the rest are dropped', async () => {
    await h.emu.close();
    h = await startHarness({ requestLogLimit: 3 });
    const { client } = await loggedIn(h);
    h.emu.control.clearRequests();
    for (let i = 1; i <= 8; i++) await client.call('GET', `/user?count=${i}`);
    expect(h.emu.control.requests().map((r) => r.path)).toEqual(['/v1/user?count=6', '/v1/user?count=7', '/v1/user?count=8']);
    expect(h.emu.control.requestCount()).toBe(3);
  });

  it('when no limit is set, then every call is kept (what tests rely on)', async () => {
    const { client } = await loggedIn(h);
    h.emu.control.clearRequests();
    for (let i = 1; i <= 30; i++) await client.call('GET', '/user');
    expect(h.emu.control.requestCount()).toBe(30);
  });

  it('when calls arrive, including rejected ones, then each is recorded with method, path, headers, raw body, time and user', async () => {
    const { info, client } = await loggedIn(h);
    h.emu.control.clearRequests();
    h.clock.advance(1_000);
    await client.call('GET', '/user?count=5');
    await client.call('POST', accountPath(client, info.accounts[0]?.id as number, '/payment'), { body: pay('1.00'), sign: false });
    const log = h.emu.control.requests();
    expect(h.emu.control.requestCount()).toBe(2);
    expect(log[0]).toEqual(expect.objectContaining({ method: 'GET', path: '/v1/user?count=5', body: '', apiKey: info.apiKey, userId: info.userId, status: 200, receivedAt: h.clock.now() }));
    expect(log[0]?.headers['x-bunq-client-authentication']).toBe(client.sessionToken);
    expect(log[1]).toEqual(expect.objectContaining({ method: 'POST', status: 466, body: JSON.stringify(pay('1.00')) }));
    expect(h.emu.control.requests({ method: 'POST' })).toHaveLength(1);
    h.emu.control.clearRequests();
    expect(h.emu.control.requestCount()).toBe(0);
  });

  it('when the handshake runs, then installation and device counts are observable', async () => {
    await loggedIn(h);
    expect(h.emu.control.getInstallationCount()).toBe(1);
    expect(h.emu.control.getDeviceCount()).toBe(1);
    expect(h.emu.control.stats()).toEqual(expect.objectContaining({ users: 1, installations: 1, devices: 1, sessions: 1 }));
  });
});

describe('control over HTTP', () => {
  const ctl = async (method: string, path: string, body?: unknown) => {
    const res = await request(`${h.emu.url}/_emulator${path}`, { method: method as 'GET', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.statusCode, json: (await res.body.json()) as any };
  };

  it('when a sandbox user is created over HTTP, then its key works for a handshake and its state is readable', async () => {
    const created = await ctl('POST', '/sandbox-user', { kind: 'company' });
    expect(created.status).toBe(200);
    expect(created.json.accounts).toHaveLength(3);
    await new BunqTestClient(h.emu.url).handshake(created.json.apiKey);
    const account = await ctl('GET', `/accounts/${created.json.accounts[0].id}`);
    expect(account.json.iban).toBe(created.json.accounts[0].iban);
    expect((await ctl('GET', `/accounts/${created.json.accounts[0].id}/payments`)).json.length).toBeGreaterThan(10);
    expect((await ctl('GET', `/users/${created.json.userId}`)).json.kind).toBe('company');
  });

  it('when faults, clock and request log are driven over HTTP, then they take effect', async () => {
    const { client } = await loggedIn(h);
    expect((await ctl('PUT', '/faults', { kind: 'status', status: 503, times: 1 })).json).toHaveLength(1);
    expect((await client.call('GET', '/user')).status).toBe(503);
    expect((await ctl('POST', '/faults', { kind: 'nope' })).status).toBe(400);
    const now = (await ctl('GET', '/clock')).json.now;
    expect((await ctl('POST', '/clock/advance', { ms: 301_000 })).json.now).toBe(now + 301_000);
    expect((await client.call('GET', '/user')).status).toBe(401);
    const log = await ctl('GET', '/requests?method=GET');
    expect(log.json.count).toBe(2);
    expect((await ctl('DELETE', '/requests')).status).toBe(200);
    expect((await ctl('GET', '/stats')).json.requests).toBe(0);
    expect((await ctl('GET', '/nope')).status).toBe(404);
  });
});

/** The API-context handshake (bunq-api.md §2.1–§2.4, §12.1–§12.4). */
import { BunqTestClient } from './support/bunq-test-client';
import { startHarness, type Harness } from './support/fixture';

const CREDENTIALS = 'User credentials are incorrect. Incorrect API key or IP address.';
let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(() => h.emu.close());

describe('installation', () => {
  it('when a client installs, then the response holds Id, Token and ServerPublicKey in that order', async () => {
    const c = new BunqTestClient(h.emu.url);
    const res = await c.install();
    expect(res.status).toBe(200);
    expect(res.json.Response.map((r: object) => Object.keys(r)[0])).toEqual(['Id', 'Token', 'ServerPublicKey']);
    expect(res.json.Response[1].Token.token).toMatch(/^[0-9a-f]{64}$/);
    expect(res.json.Response[1].Token.created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
    expect(res.json.Response[2].ServerPublicKey.server_public_key).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----$/);
  });

  it('when the PEM has CRLF line ends, then it is accepted', async () => {
    const c = new BunqTestClient(h.emu.url);
    const res = await c.install(c.publicKeyPem().replace(/\n/g, '\r\n'));
    expect(res.status).toBe(200);
  });

  it('when client_public_key is not a key, then 400', async () => {
    const c = new BunqTestClient(h.emu.url);
    expect((await c.install('not a key')).status).toBe(400);
  });
});

describe('device-server and session-server', () => {
  it('when the full handshake runs, then the session answer is Id, Token and a UserPerson with session_timeout', async () => {
    const c = new BunqTestClient(h.emu.url);
    const apiKey = await c.createSandboxUser();
    expect(apiKey).toMatch(/^sandbox_[0-9a-f]{56}$/);
    await c.install();
    const device = await c.registerDevice(apiKey, ['*']);
    expect(device.status).toBe(200);
    expect(device.json).toEqual({ Response: [{ Id: { id: expect.any(Number) } }] });
    const session = await c.startSession(apiKey);
    expect(session.status).toBe(200);
    expect(session.json.Response.map((r: object) => Object.keys(r)[0])).toEqual(['Id', 'Token', 'UserPerson']);
    expect(session.json.Response[1].Token.token).toMatch(/^[0-9a-f]{64}$/);
    expect(session.json.Response[2].UserPerson.session_timeout).toBe(300);
    expect((await c.call('GET', '/user')).status).toBe(200);
    expect(h.emu.control.getSessionCount()).toBeGreaterThanOrEqual(1);
  });

  it('when device-server gets an unknown API key, then 400 with bunq\'s credentials text', async () => {
    const c = new BunqTestClient(h.emu.url);
    await c.install();
    const res = await c.registerDevice(`sandbox_${'0'.repeat(56)}`, ['*']);
    expect(res.status).toBe(400);
    expect(res.json.Error[0].error_description).toBe(CREDENTIALS);
  });

  it('when device-server is not signed, then 466', async () => {
    const c = new BunqTestClient(h.emu.url);
    const apiKey = await c.createSandboxUser();
    await c.install();
    expect((await c.registerDevice(apiKey, ['*'], { sign: false })).status).toBe(466);
  });

  it('when session-server is not signed, then 466 with bunq\'s text', async () => {
    const c = new BunqTestClient(h.emu.url);
    const apiKey = await c.createSandboxUser();
    await c.install();
    await c.registerDevice(apiKey, ['*']);
    const res = await c.startSession(apiKey, { sign: false });
    expect(res.status).toBe(466);
    expect(res.json.Error[0].error_description).toBe('For this operation a request signature is required. Check the urls for more information.');
  });

  it('when session-server carries a wrong signature, then 400 "The request signature is invalid."', async () => {
    const c = new BunqTestClient(h.emu.url);
    const apiKey = await c.createSandboxUser();
    await c.install();
    await c.registerDevice(apiKey, ['*']);
    const res = await c.startSession(apiKey, { sign: 'wrong' });
    expect(res.status).toBe(400);
    expect(res.json.Error[0].error_description).toBe('The request signature is invalid.');
  });

  it('when the key is bound to another IP, then session-server answers 400 bad credentials', async () => {
    const c = new BunqTestClient(h.emu.url);
    const apiKey = await c.createSandboxUser();
    await c.install();
    expect((await c.registerDevice(apiKey, ['10.1.2.3'])).status).toBe(200);
    const res = await c.startSession(apiKey);
    expect(res.status).toBe(400);
    expect(res.json.Error[0].error_description).toBe(CREDENTIALS);
  });

  it('when no permitted_ips are sent, then the key is bound to the caller IP and works from it', async () => {
    const c = new BunqTestClient(h.emu.url);
    const apiKey = await c.createSandboxUser();
    await c.install();
    expect((await c.registerDevice(apiKey)).status).toBe(200);
    expect((await c.startSession(apiKey)).status).toBe(200);
  });

  it('when session-server uses a key never registered on this installation, then 400 bad credentials', async () => {
    const c = new BunqTestClient(h.emu.url);
    const apiKey = await c.createSandboxUser();
    await c.install();
    expect((await c.startSession(apiKey)).status).toBe(400);
  });
});

describe('token kinds and session lifecycle', () => {
  it('when a session call uses the installation token, then 401 "Insufficient authorisation."', async () => {
    const c = new BunqTestClient(h.emu.url);
    await c.handshake(await c.createSandboxUser());
    const res = await c.call('GET', '/user', { auth: 'installation' });
    expect(res.status).toBe(401);
    expect(res.json.Error[0].error_description).toBe('Insufficient authorisation.');
  });

  it('when session-server uses a session token, then 401', async () => {
    const c = new BunqTestClient(h.emu.url);
    const apiKey = await c.createSandboxUser();
    await c.handshake(apiKey);
    expect((await c.call('POST', '/session-server', { auth: 'session', body: { secret: apiKey } })).status).toBe(401);
  });

  it('when a second session is opened on the same installation, then the first token stops working', async () => {
    const c = new BunqTestClient(h.emu.url);
    const apiKey = await c.createSandboxUser();
    await c.handshake(apiKey);
    const first = c.sessionToken as string;
    await c.startSession(apiKey);
    expect((await c.call('GET', '/user', { auth: { token: first } })).status).toBe(401);
    expect((await c.call('GET', '/user')).status).toBe(200);
  });

  it('when DELETE /session/0 is called with a signed {} body, then the session ends', async () => {
    const c = new BunqTestClient(h.emu.url);
    await c.handshake(await c.createSandboxUser());
    const del = await c.call('DELETE', '/session/0', { body: '{}' });
    expect(del.status).toBe(200);
    expect(del.json).toEqual({ Response: [] });
    expect((await c.call('GET', '/user')).status).toBe(401);
  });

  it('when no installation exists for a token, then 401', async () => {
    const c = new BunqTestClient(h.emu.url);
    const res = await c.call('POST', '/device-server', { auth: { token: 'f'.repeat(64) }, body: { description: 'x', secret: 'y' } });
    expect(res.status).toBe(401);
  });
});

// The upstream client against the real bunq emulator (src/emulator): handshake, restart,
// signature tampering, session expiry, rate limits, outcomes, secrets at rest.
import { randomUUID } from 'node:crypto';
import { ManualClock } from '../../src/lib/clock';
import { startEmulator, type RunningEmulator, type SandboxUserInfo } from '../../src/emulator';
import {
  initBunqContext,
  loadBunqClient,
  UpstreamRateLimited,
  UpstreamSignatureInvalid,
  UpstreamTimeout,
  UpstreamUnavailable,
  type BunqClient,
  type BunqClientDeps,
} from '../../src/upstream';
import { createTestDb, rawContextRow, type TestDb } from './support/test-db';

let em: RunningEmulator;
let t: TestDb;
let user: SandboxUserInfo;
let deps: BunqClientDeps;
let client: BunqClient;
const clock = new ManualClock(Date.parse('2026-11-24T09:00:00Z'));
const opened: BunqClient[] = [];

async function open(more: Partial<BunqClientDeps> = {}): Promise<BunqClient> {
  const c = await loadBunqClient({ ...deps, ...more });
  opened.push(c);
  return c;
}

const bank = () => user.accounts[0]!;
const savings = () => user.accounts[1]!;
const accountsPath = () => `/user/${user.userId}/monetary-account`;
const paymentPath = () => `/user/${user.userId}/monetary-account/${bank().id}/payment`;
const paymentBody = () => ({
  amount: { value: '1.25', currency: 'EUR' },
  counterparty_alias: { type: 'IBAN', value: savings().iban, name: 'Savings' },
  description: 'integration test',
});

beforeAll(async () => {
  [em, t] = await Promise.all([startEmulator({ clock }), createTestDb()]);
  user = em.control.createSandboxUser('person');
  deps = { db: t.db, secretBox: t.secretBox, clock };
});
afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await Promise.all([em.close(), t.close()]);
});
beforeEach(() => {
  em.control.clearFaults();
  em.control.resetRateLimits();
  em.control.clearRequests();
});

describe('upstream client against the emulator', () => {
  it('when init runs, then the handshake completes end to end and calls work', async () => {
    const summary = await initBunqContext(deps, { baseUrl: em.baseUrl, apiKey: user.apiKey });
    expect(summary).toMatchObject({ baseUrl: em.baseUrl, reusedInstallation: false, user: { id: user.userId } });
    expect(em.control.getInstallationCount()).toBe(1);
    expect(em.control.getDeviceCount()).toBe(1);

    client = await open();
    const res = await client.request({ method: 'GET', path: accountsPath() });
    const ids = (res.json as { Response: Record<string, { id: number }>[] }).Response.map((o) => Object.values(o)[0]?.id);
    expect(ids.sort()).toEqual(user.accounts.map((a) => a.id).sort());
    expect(client.userId).toBe(user.userId);
  });

  it('when the gateway restarts, then it reuses the stored context (no second installation)', async () => {
    const restarted = await open();
    await restarted.request({ method: 'GET', path: accountsPath() });
    const again = await initBunqContext(deps, { baseUrl: em.baseUrl, apiKey: user.apiKey });
    expect(again.reusedInstallation).toBe(true);
    expect(em.control.getInstallationCount()).toBe(1);
    expect(em.control.getDeviceCount()).toBe(1);
    expect(em.control.requestCount({ pathPrefix: '/v1/installation' })).toBe(0);
    expect(em.control.requestCount({ pathPrefix: '/v1/session-server' })).toBe(0);
  });

  it('when a response signature is tampered with, then it is rejected', async () => {
    em.control.setFault({ kind: 'corrupt-signature', times: 1 });
    const err = await client.request({ method: 'GET', path: accountsPath() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamSignatureInvalid);
    expect(err).toMatchObject({ code: 'upstream_signature_invalid', status: 502, outcome: 'unknown' });
    await expect(client.request({ method: 'GET', path: accountsPath() })).resolves.toMatchObject({ status: 200 });
  });

  it('when the session has expired at bunq, then a GET is renewed and retried transparently', async () => {
    clock.advance(31_000); // bunq allows one session-server call per 30 s
    em.control.setFault({ kind: 'expire-sessions' });
    const res = await client.request({ method: 'GET', path: accountsPath() });
    expect(res.status).toBe(200);
    expect(em.control.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `GET /v1${accountsPath()} 401`,
      'POST /v1/session-server 200',
      `GET /v1${accountsPath()} 200`,
    ]);
  });

  it('when the session has expired at bunq, then a POST is not retried and no payment is made', async () => {
    clock.advance(31_000);
    em.control.setFault({ kind: 'expire-sessions' });
    const rid = randomUUID();
    const err = await client
      .request({ method: 'POST', path: paymentPath(), body: paymentBody(), clientRequestId: rid })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailable);
    expect(err).toMatchObject({ outcome: 'definite' });
    expect(em.control.requestCount({ method: 'POST', pathIncludes: '/payment' })).toBe(1);
    expect(em.control.findPaymentsByClientRequestId(rid)).toHaveLength(0);

    // The session was renewed for the next caller: the caller's own retry goes straight through.
    const retried = await client.request({ method: 'POST', path: paymentPath(), body: paymentBody(), clientRequestId: `${rid}-2` });
    expect(retried.status).toBe(200);
    expect(em.control.findPaymentsByClientRequestId(`${rid}-2`)).toHaveLength(1);
    expect(em.control.requestCount({ pathPrefix: '/v1/session-server' })).toBe(1);
  });

  it('when the session runs out on the clock, then a new one is opened before the call', async () => {
    clock.advance(300_000);
    await client.request({ method: 'GET', path: accountsPath() });
    expect(em.control.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /v1/session-server 200',
      `GET /v1${accountsPath()} 200`,
    ]);
  });

  it('when bunq answers 429, then the caller gets upstream_rate_limited', async () => {
    em.control.setFault({ kind: 'rate-limit', times: 1 });
    const err = await client.request({ method: 'GET', path: accountsPath() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamRateLimited);
    expect(err).toMatchObject({ code: 'upstream_rate_limited', status: 429, retryAfter: 3, outcome: 'definite' });
  });

  it('when bunq\'s own GET limit (3 per 3 s) is exceeded, then the fourth call is upstream_rate_limited', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => client.request({ method: 'GET', path: accountsPath() })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(UpstreamRateLimited);
  });

  it('when the connection drops after bunq booked a payment, then the outcome is unknown', async () => {
    em.control.setFault({ kind: 'drop-connection', phase: 'after', times: 1 });
    const rid = randomUUID();
    const err = await client
      .request({ method: 'POST', path: paymentPath(), body: paymentBody(), clientRequestId: rid })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'upstream_unavailable', outcome: 'unknown' });
    expect(em.control.findPaymentsByClientRequestId(rid)).toHaveLength(1);
  });

  it('when bunq answers 500 after booking, then the outcome is unknown; a 400 before is definite', async () => {
    em.control.setFault({ kind: 'status', status: 500, phase: 'after', times: 1 });
    await expect(
      client.request({ method: 'POST', path: paymentPath(), body: paymentBody() }),
    ).rejects.toMatchObject({ code: 'upstream_error', bunqStatus: 500, outcome: 'unknown' });
    em.control.setFault({ kind: 'status', status: 400, message: 'Nope.', times: 1 });
    await expect(
      client.request({ method: 'POST', path: paymentPath(), body: paymentBody() }),
    ).rejects.toMatchObject({ code: 'upstream_error', status: 400, bunqMessage: 'Nope.', outcome: 'definite' });
  });

  it('when bunq is too slow, then the call fails with upstream_timeout and an unknown outcome', async () => {
    const impatient = await open({ timeoutMs: 200 });
    em.control.setFault({ kind: 'delay', ms: 800, times: 1 });
    const err = await impatient.request({ method: 'GET', path: accountsPath() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamTimeout);
    expect(err).toMatchObject({ status: 504, outcome: 'unknown' });
  });

  it('when the caller\'s last check before sending fails, then nothing is sent and the outcome is definite, whatever the check threw', async () => {
    const posts = () => em.control.requestCount({ method: 'POST', pathIncludes: '/payment' });
    const before = posts();
    const refused = new UpstreamUnavailable('refused by the check', { outcome: 'definite' });
    await expect(client.request({ method: 'POST', path: paymentPath(), body: paymentBody(), stillAuthorized: async () => Promise.reject(refused) })).rejects.toBe(refused);
    const broken = client.request({ method: 'POST', path: paymentPath(), body: paymentBody(), stillAuthorized: async () => Promise.reject(new Error('database gone')) });
    await expect(broken).rejects.toBeInstanceOf(UpstreamUnavailable);
    await expect(broken).rejects.toMatchObject({ outcome: 'definite' });
    expect(posts()).toBe(before);
    await client.request({ method: 'POST', path: paymentPath(), body: paymentBody(), stillAuthorized: async () => undefined });
    expect(posts()).toBe(before + 1);
  });

  it('when the context is stored, then no API key, token or private key is in the database in plain text', async () => {
    clock.advance(31_000);
    await initBunqContext(deps, { baseUrl: em.baseUrl, apiKey: user.apiKey, replace: true });
    await (await open()).request({ method: 'GET', path: accountsPath() });
    // The installation token (device/session-server) and the session token (the GET).
    const tokens = new Set(em.control.requests().map((r) => r.headers['x-bunq-client-authentication']).filter(Boolean));
    expect(tokens.size).toBe(2);
    const row = await rawContextRow(t.db);
    const dump = JSON.stringify(row);
    expect(dump).not.toContain(user.apiKey);
    for (const token of tokens) expect(dump).not.toContain(token);
    expect(dump).not.toMatch(/PRIVATE KEY/);
    expect(String(row['apiKeyCipher'])).toMatch(/^v1\./);
    expect(String(row['sessionTokenCipher'])).toMatch(/^v1\./);
    expect(String(row['installationTokenCipher'])).toMatch(/^v1\./);
    expect(String(row['clientPrivateKeyCipher'])).toMatch(/^v1\./);
  });
});

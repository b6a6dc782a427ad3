// Session renewal (bunq-api.md §2.4; bunq-clients.md §3): < 30 s left → new session first; a
// 401 renews once, a GET is retried once, an unsafe call never; renewals are single-flight.
import { UpstreamRateLimited, UpstreamUnavailable } from '../../src/upstream';
import { error } from './support/fake-bunq';
import { startFixture, type Fixture } from './support/fixture';

let f: Fixture;
beforeEach(async () => {
  f = await startFixture();
});
afterEach(async () => f.close());

const get = (client = f.client) => client.request({ method: 'GET', path: '/user/1822' });
const sessionCalls = () => f.fake.calls('/v1/session-server');
const tokenOf = (i: number) => f.fake.requests[i]?.headers['x-bunq-client-authentication'];

describe('session renewal', () => {
  it('when the session is opened, then its expiry is the local clock plus the user\'s session_timeout', () => {
    expect(f.client.status().session).toMatchObject({
      expiresAt: new Date(f.clock.now() + 3600_000).toISOString(),
      timeoutSeconds: 3600,
    });
  });

  it('when bunq rejects a GET with 401, then the session is renewed once and the GET retried once', async () => {
    f.fake.expireSessions();
    const res = await get();
    expect(res.status).toBe(200);
    expect(f.fake.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v1/user/1822',
      'POST /v1/session-server',
      'GET /v1/user/1822',
    ]);
    expect(tokenOf(2)).not.toBe(tokenOf(0));
    const [first, , retry] = f.fake.requests;
    expect(retry?.headers['x-bunq-client-request-id']).not.toBe(first?.headers['x-bunq-client-request-id']);
    expect(res.clientRequestId).toBe(retry?.headers['x-bunq-client-request-id']);
  });

  it('when bunq rejects a POST with 401, then it is NOT retried, fails definitely, and the next call uses a new session', async () => {
    f.fake.expireSessions();
    const err = await f.client
      .request({ method: 'POST', path: '/user/1822/monetary-account/5/payment', body: { a: 1 }, clientRequestId: 'p1' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailable);
    expect(err).toMatchObject({ outcome: 'definite', status: 503 });
    expect(f.fake.calls('/v1/user/1822/monetary-account/5/payment')).toHaveLength(1);
    expect(sessionCalls()).toHaveLength(1);

    await get();
    expect(sessionCalls()).toHaveLength(1);
    expect(f.fake.requests.at(-1)?.headers['x-bunq-client-authentication']).not.toBe(tokenOf(0));
  });

  it.each(['PUT', 'DELETE'] as const)('when bunq rejects a %s with 401, then it is not retried either', async (method) => {
    f.fake.expireSessions();
    await expect(f.client.request({ method, path: '/user/1822/x' })).rejects.toMatchObject({ outcome: 'definite' });
    expect(f.fake.calls('/v1/user/1822/x')).toHaveLength(1);
  });

  it('when the GET is rejected with 401 again after renewal, then it fails without a second renewal', async () => {
    f.fake.on((r) => (r.url === '/v1/user/1822' ? error(401, 'Insufficient authorisation.') : undefined));
    await expect(get()).rejects.toMatchObject({ code: 'upstream_error', bunqStatus: 401, status: 502 });
    expect(f.fake.calls('/v1/user/1822')).toHaveLength(2);
    expect(sessionCalls()).toHaveLength(1);
  });

  it('when fewer than 30 s of the session remain, then a new session is opened before the call', async () => {
    f.clock.advance(3600_000 - 31_000);
    await get();
    expect(sessionCalls()).toHaveLength(0);
    f.clock.advance(2_000);
    await get();
    expect(f.fake.requests.map((r) => r.url)).toEqual(['/v1/user/1822', '/v1/session-server', '/v1/user/1822']);
    expect(f.client.status().session?.expiresAt).toBe(new Date(f.clock.now() + 3600_000).toISOString());
  });

  it('when many calls find the session dead at once, then exactly one session-server call is made', async () => {
    f.fake.expireSessions();
    const results = await Promise.all(Array.from({ length: 6 }, () => get()));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(sessionCalls()).toHaveLength(1);
  });

  it('when many calls find the session expiring at once, then exactly one session-server call is made', async () => {
    f.clock.advance(3600_000);
    await Promise.all(Array.from({ length: 6 }, () => get()));
    expect(sessionCalls()).toHaveLength(1);
  });

  it('when the session was renewed, then a restarted client uses the renewed session from the database', async () => {
    f.fake.expireSessions();
    await get();
    const renewedToken = f.fake.requests.at(-1)?.headers['x-bunq-client-authentication'];
    const restarted = await f.reload();
    await get(restarted);
    expect(sessionCalls()).toHaveLength(1);
    expect(f.fake.requests.at(-1)?.headers['x-bunq-client-authentication']).toBe(renewedToken);
    expect(restarted.status().session?.id).toBe(f.client.status().session?.id);
  });

  it('when session-server is rate limited, then calls fail fast with upstream_rate_limited until 30 s have passed', async () => {
    f.fake.on((r) => (r.url === '/v1/session-server' ? error(429, 'Too many requests.') : undefined));
    f.clock.advance(3600_000);
    const err = await get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamRateLimited);
    expect(err).toMatchObject({ retryAfter: 30, status: 429 });
    await expect(get()).rejects.toBeInstanceOf(UpstreamRateLimited);
    expect(sessionCalls()).toHaveLength(1);

    f.fake.reset();
    f.clock.advance(30_000);
    await expect(get()).resolves.toMatchObject({ status: 200 });
    expect(sessionCalls()).toHaveLength(1);
  });

  it('when opening the session before a POST times out, then the POST is not sent and fails definitely', async () => {
    const impatient = await f.reload({ timeoutMs: 300 });
    f.fake.on((r) => (r.url === '/v1/session-server' ? { ...error(400, 'late'), delayMs: 1000 } : undefined));
    f.clock.advance(3600_000);
    await expect(
      impatient.request({ method: 'POST', path: '/user/1822/monetary-account/5/payment', body: {} }),
    ).rejects.toMatchObject({ code: 'upstream_unavailable', outcome: 'definite' });
    expect(f.fake.calls('/v1/user/1822/monetary-account/5/payment')).toHaveLength(0);
  });
});

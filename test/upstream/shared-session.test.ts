// Issue #7: several gateway instances share the one bunq context in the database. bunq allows
// one session-server call per 30 s (bunq-api.md §7), so only one instance renews; the others
// take the new session over from the database instead of opening their own. Each client here
// is a separate instance (its own SessionKeeper) on the same database.
import { DIALECTS } from '../helpers/database';
import type { BunqClient } from '../../src/upstream';
import { LeaseRepository } from '../../src/store/lease-repo';
import { startFixture, type Fixture } from './support/fixture';

describe.each(DIALECTS)('shared bunq session on %s', (dialect) => {
  let f: Fixture;
  let other: BunqClient;
  let third: BunqClient;
  beforeEach(async () => {
    f = await startFixture({ dialect });
    [other, third] = [await f.reload(), await f.reload()];
  });
  afterEach(async () => f.close());

  const get = (client: BunqClient) => client.request({ method: 'GET', path: '/user/1822' });
  const sessionCalls = () => f.fake.calls('/v1/session-server');
  const tokensUsed = () => new Set(f.fake.calls('/v1/user/1822').map((r) => r.headers['x-bunq-client-authentication']));

  it('when the session nears its end on three instances at once, then exactly one session-server call is made and all use its session', async () => {
    f.clock.advance(3600_000 - 20_000);
    const results = await Promise.all([f.client, other, third, f.client, other, third].map(get));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(sessionCalls()).toHaveLength(1);
    expect(tokensUsed().size).toBe(1);
    for (const c of [f.client, other, third]) expect(c.status().session?.id).toBe(f.client.status().session?.id);
  });

  it('when bunq rejects the session and one instance renewed it, then another instance hit by the 401 takes the new session over without a session-server call', async () => {
    await Promise.all([get(f.client), get(other)]);
    f.fake.expireSessions();
    await get(f.client);
    expect(sessionCalls()).toHaveLength(1);
    const renewed = f.client.status().session?.id;

    const res = await get(other);
    expect(res.status).toBe(200);
    expect(sessionCalls()).toHaveLength(1);
    expect(other.status().session?.id).toBe(renewed);
  });

  it('when another instance holds the renewal lease, then this one makes no session-server call until the lease is free', async () => {
    f.clock.advance(3600_000 - 20_000);
    const leases = new LeaseRepository(f.t.db);
    expect(await leases.acquire('bunq-session', 'another-instance', f.clock.now(), 60_000)).toBe(true);
    const waiting = get(other);
    await new Promise((r) => setTimeout(r, 600));
    expect(sessionCalls()).toHaveLength(0);
    await leases.release('bunq-session', 'another-instance');
    expect((await waiting).status).toBe(200);
    expect(sessionCalls()).toHaveLength(1);
  });
});

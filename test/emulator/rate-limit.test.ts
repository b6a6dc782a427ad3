/** bunq's rate limits on the injected clock (bunq-api.md §7, §12.5). */
import { BunqTestClient } from './support/bunq-test-client';
import { accountPath, loggedIn, startHarness, type Harness } from './support/fixture';

let h: Harness;
beforeEach(async () => { h = await startHarness({ rateLimits: true }); });
afterEach(() => h.emu.close());

describe('rate limits', () => {
  it('when a 4th GET hits the same endpoint within 3 s, then 429 with bunq\'s text; after 3 s it is allowed again', async () => {
    const { client } = await loggedIn(h);
    for (let i = 0; i < 3; i++) expect((await client.call('GET', '/user')).status).toBe(200);
    const res = await client.call('GET', '/user');
    expect(res.status).toBe(429);
    expect(res.json.Error[0].error_description).toBe('Too many requests. You can do a maximum of 3 calls per 3 second to this endpoint.');
    h.clock.advance(2_999);
    expect((await client.call('GET', '/user')).status).toBe(429);
    h.clock.advance(1);
    expect((await client.call('GET', '/user')).status).toBe(200);
  });

  it('when ids differ, then the path template is the endpoint and they share one budget', async () => {
    const { info, client } = await loggedIn(h);
    const [a, b, c] = info.accounts.map((x) => x.id) as [number, number, number];
    expect((await client.call('GET', accountPath(client, a, '/payment'))).status).toBe(200);
    expect((await client.call('GET', accountPath(client, b, '/payment'))).status).toBe(200);
    expect((await client.call('GET', accountPath(client, c, '/payment'))).status).toBe(200);
    expect((await client.call('GET', accountPath(client, a, '/payment'))).status).toBe(429);
    expect((await client.call('GET', `/user/${client.userId}`)).status).toBe(200);
  });

  it('when a 6th POST arrives within 3 s, then 429 mentions 5 calls', async () => {
    const c = new BunqTestClient(h.emu.url);
    for (let i = 0; i < 5; i++) expect((await c.install()).status).toBe(200);
    const res = await c.install();
    expect(res.status).toBe(429);
    expect(res.json.Error[0].error_description).toBe('Too many requests. You can do a maximum of 5 calls per 3 second to this endpoint.');
  });

  it('when session-server is called twice within 30 s, then the second gets 429', async () => {
    const { info, client } = await loggedIn(h);
    const res = await client.startSession(info.apiKey);
    expect(res.status).toBe(429);
    expect(res.json.Error[0].error_description).toBe('Too many requests. You can do a maximum of 1 calls per 30 second to this endpoint.');
    h.clock.advance(30_000);
    expect((await client.startSession(info.apiKey)).status).toBe(200);
  });

  it('when rate limits are switched off, then bursts pass', async () => {
    const { client } = await loggedIn(h);
    h.emu.control.setRateLimits(false);
    for (let i = 0; i < 10; i++) expect((await client.call('GET', '/user')).status).toBe(200);
  });
});

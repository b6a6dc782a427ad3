/** Session lifetime on the injected clock (bunq-api.md §2.4, §12.2). */
import { loggedIn, startHarness, type Harness } from './support/fixture';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(() => h.emu.close());

describe('session expiry', () => {
  it('when session_timeout passes without calls, then 401 "Insufficient authorisation."', async () => {
    const { client } = await loggedIn(h);
    h.clock.advance(300_000);
    const res = await client.call('GET', '/user');
    expect(res.status).toBe(401);
    expect(res.json.Error[0].error_description).toBe('Insufficient authorisation.');
    expect(h.emu.control.getSessionCount()).toBe(0);
  });

  it('when calls keep coming within the timeout, then the expiry slides and the session survives', async () => {
    const { client } = await loggedIn(h);
    for (let i = 0; i < 5; i++) {
      h.clock.advance(250_000);
      expect((await client.call('GET', '/user')).status).toBe(200);
    }
    h.clock.advance(299_999);
    expect((await client.call('GET', '/user')).status).toBe(200);
  });

  it('when the session expired, then a new session-server call with the installation token recovers', async () => {
    const { info, client } = await loggedIn(h);
    h.clock.advance(301_000);
    expect((await client.call('GET', '/user')).status).toBe(401);
    expect((await client.startSession(info.apiKey)).status).toBe(200);
    expect((await client.call('GET', '/user')).status).toBe(200);
  });

  it('when sessionTimeoutSeconds is configured, then session_timeout reflects it', async () => {
    const short = await startHarness({ sessionTimeoutSeconds: 60 });
    try {
      const { client } = await loggedIn(short);
      expect(client.user.session_timeout).toBe(60);
      short.clock.advance(60_000);
      expect((await client.call('GET', '/user')).status).toBe(401);
    } finally {
      await short.emu.close();
    }
  });

  it('when the expire-sessions fault is set, then every session dies at once but installations survive', async () => {
    const a = await loggedIn(h);
    const b = await loggedIn(h);
    h.emu.control.setFault({ kind: 'expire-sessions' });
    expect((await a.client.call('GET', '/user')).status).toBe(401);
    expect((await b.client.call('GET', '/user')).status).toBe(401);
    expect(h.emu.control.faults()).toEqual([]);
    expect((await a.client.startSession(a.info.apiKey)).status).toBe(200);
  });
});

// Issue #6: the pipeline's way to bunq. Balance reads are shared for the TTL, any write empties
// the cache, and the same read written with its query in another order is the same read.
import { ManualClock } from '../../src/lib/clock';
import type { BunqClient } from '../../src/upstream/bunq-client';
import { MemoryRateBudget, ScheduledUpstream, UpstreamScheduler, realTime } from '../../src/upstream/scheduler';
import type { UpstreamRequest, UpstreamResponse } from '../../src/upstream/types';

function setUp() {
  const seen: UpstreamRequest[] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  const client = {
    request: async (req: UpstreamRequest): Promise<UpstreamResponse> => {
      seen.push(req);
      await gate;
      return { status: 200, bodyText: '{}', json: { Response: [] }, headers: {}, clientRequestId: String(seen.length), responseId: undefined };
    },
  } as unknown as BunqClient;
  const scheduler = new UpstreamScheduler(
    { mode: 'off', windowMarginMs: 0, maxQueued: 10, maxQueuedPerToken: 10, maxWaitMs: 1000, retriesOn429: 0 },
    new MemoryRateBudget(),
    realTime,
  );
  const upstream = new ScheduledUpstream(() => client, scheduler, 3000, new ManualClock(0));
  const hold = () => {
    gate = new Promise((r) => (release = r));
  };
  return { upstream, seen, hold, release: () => release() };
}

const balance = { tokenId: 'a', cacheable: true, method: 'GET', path: '/user/1/monetary-account' } as const;

test('when a balance is read again within the TTL, then bunq is asked once; after a write it is asked again', async () => {
  const { upstream, seen } = setUp();
  const first = await upstream.request(balance);
  expect(await upstream.request({ ...balance, tokenId: 'b' })).toBe(first);
  expect(seen).toHaveLength(1);
  await upstream.request({ tokenId: 'c', cacheable: false, method: 'POST', path: '/user/1/monetary-account/1/payment', body: {} });
  await upstream.request(balance);
  expect(seen.map((r) => r.method)).toEqual(['GET', 'POST', 'GET']);
});

test('when the same read arrives with its query in another order while the first is in flight, then bunq is asked once', async () => {
  const { upstream, seen, hold, release } = setUp();
  hold();
  const path = '/user/1/monetary-account/1/payment';
  const a = upstream.request({ tokenId: 'a', cacheable: false, method: 'GET', path, query: { count: 10, older_id: 5 } });
  const b = upstream.request({ tokenId: 'b', cacheable: false, method: 'GET', path, query: { older_id: 5, count: 10 } });
  const c = upstream.request({ tokenId: 'c', cacheable: false, method: 'GET', path, query: { older_id: 6, count: 10 } });
  release();
  await Promise.all([a, b, c]);
  expect(seen).toHaveLength(2);
  expect(seen.every((r) => !('tokenId' in r) && !('cacheable' in r))).toBe(true);
});

// The reconciler must judge a payment from bunq's answer as of now, not one shared from a read
// that started earlier (it could predate a payment bunq was still executing).
test('when a fresh read is asked while the same read is in flight, then it is its own bunq call', async () => {
  const { upstream, seen, hold, release } = setUp();
  hold();
  const path = '/user/1/monetary-account/1/payment';
  const shared = upstream.request({ tokenId: 'a', cacheable: false, method: 'GET', path, query: { count: 200 } });
  const fresh = upstream.request({ tokenId: 'gateway:reconciler', cacheable: false, fresh: true, method: 'GET', path, query: { count: 200 } });
  release();
  await Promise.all([shared, fresh]);
  expect(seen).toHaveLength(2);
});

describe('a read sent again after a session renewal', () => {
  function withLimits(maxQueued = 10) {
    let gate: () => void = () => undefined;
    const opened = new Promise<void>((r) => (gate = r));
    let calls = 0;
    const client = {
      request: async (req: UpstreamRequest): Promise<UpstreamResponse> => {
        calls++;
        await opened;
        // bunq answered 401 and the session was renewed: the second send needs a slot.
        await req.beforeResend?.();
        return { status: 200, bodyText: '{}', json: { Response: [] }, headers: {}, clientRequestId: '1', responseId: undefined };
      },
    } as unknown as BunqClient;
    const scheduler = new UpstreamScheduler(
      { mode: 'bunq', windowMarginMs: 0, maxQueued, maxQueuedPerToken: maxQueued, maxWaitMs: 10_000, retriesOn429: 0 },
      new MemoryRateBudget(),
      realTime,
    );
    return { upstream: new ScheduledUpstream(() => client, scheduler, 0, new ManualClock(0)), open: () => gate(), calls: () => calls };
  }

  test('when the caller who started it hung up but another is still waiting, then it is not withdrawn', async () => {
    const { upstream, open } = withLimits();
    let aGone = false;
    const path = '/user/1/monetary-account/1';
    const a = upstream.request({ tokenId: 'a', cacheable: false, method: 'GET', path, clientGone: () => aGone });
    const b = upstream.request({ tokenId: 'b', cacheable: false, method: 'GET', path, clientGone: () => false });
    aGone = true;
    open();
    await expect(b).resolves.toMatchObject({ status: 200 });
    await expect(a).resolves.toMatchObject({ status: 200 });
  });

  test('when the queue is full, then the resend still gets its slot (it was admitted before)', async () => {
    const { upstream, open } = withLimits(1);
    const path = '/user/1/monetary-account/1';
    const first = upstream.request({ tokenId: 'a', cacheable: false, method: 'GET', path }).then(
      (r) => r.status,
      (err: unknown) => (err as Error).constructor.name,
    );
    // Fill the rest of the window (3 GETs per 3 s) and the queue (1) behind the first call.
    const others = [2, 3, 4].map((n) => upstream.request({ tokenId: `t${n}`, cacheable: false, method: 'GET', path: `/user/1/monetary-account/${n}` }));
    open();
    await Promise.allSettled(others);
    expect(await first).toBe(200);
  }, 15_000);
});

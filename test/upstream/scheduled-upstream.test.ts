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

// Issue #6: one scheduler keeps every bunq method class within bunq's limits (bunq-api.md §7),
// serves tokens fairly, bounds its queue, and retries only GETs after a 429.
import { MemoryRateBudget, UpstreamScheduler, type SchedulerOptions } from '../../src/upstream/scheduler';
import { CallWithdrawn, UpstreamBusy, UpstreamRateLimited } from '../../src/upstream/bunq-errors';
import type { HttpMethod } from '../../src/upstream/transport';
import { FakeTime, settle } from './support/fake-time';

const OPTIONS: SchedulerOptions = {
  mode: 'bunq',
  windowMarginMs: 0,
  maxQueued: 1000,
  maxQueuedPerToken: 500,
  maxWaitMs: 600_000,
  retriesOn429: 2,
};

function setUp(overrides: Partial<SchedulerOptions> = {}) {
  const time = new FakeTime();
  const scheduler = new UpstreamScheduler({ ...OPTIONS, ...overrides }, new MemoryRateBudget(), time);
  const sent: { token: string; method: HttpMethod; path: string; at: number }[] = [];
  const submit = (token: string, method: HttpMethod, path: string, answer: () => Promise<string> = async () => 'ok') =>
    scheduler.run(token, method, path, () => {
      sent.push({ token, method, path, at: time.now() });
      return answer();
    });
  return { time, scheduler, sent, submit };
}

/** Most sends within any window of `windowMs` (half-open, as bunq's "any 3 consecutive seconds"). */
function busiest(times: readonly number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

test.each([
  ['GET', 3],
  ['POST', 5],
  ['PUT', 2],
  ['DELETE', 5],
] as const)('when 40 %s calls to one endpoint arrive at once, then no 3 s window carries more than %i, and all are sent', async (method, limit) => {
  const { time, sent, submit } = setUp();
  const results = Array.from({ length: 40 }, (_, i) => submit(`token-${i % 4}`, method, `/user/1/monetary-account/${i}/payment`));
  await time.advance(60_000);
  await expect(Promise.all(results)).resolves.toHaveLength(40);
  expect(sent).toHaveLength(40);
  expect(busiest(sent.map((s) => s.at), 3000)).toBe(limit);
});

test('when the window margin is set, then calls are spaced by the widened window', async () => {
  const { time, sent, submit } = setUp({ windowMarginMs: 350 });
  for (let i = 0; i < 6; i++) void submit('a', 'GET', '/user/1/monetary-account');
  await time.advance(10_000);
  expect(sent[3]!.at - sent[0]!.at).toBe(3350);
  expect(busiest(sent.map((s) => s.at), 3350)).toBe(3);
});

test('when one endpoint is saturated, then another endpoint is not delayed', async () => {
  const { time, sent, submit } = setUp();
  for (let i = 0; i < 30; i++) void submit('a', 'GET', '/user/1/monetary-account/1/payment');
  void submit('b', 'GET', '/user/1/monetary-account');
  await settle();
  expect(sent.filter((s) => s.token === 'b')).toHaveLength(1);
  await time.advance(1);
});

test('when token A floods an endpoint, then token B waits for at most one of A\'s calls', async () => {
  const { time, sent, submit } = setUp();
  for (let i = 0; i < 50; i++) void submit('A', 'GET', '/user/1/monetary-account');
  await settle();
  expect(sent).toHaveLength(3);
  void submit('B', 'GET', '/user/1/monetary-account');
  await time.advance(3000);
  // Of the next window's three slots, A (queued first) gets one, then it is B's turn.
  expect(sent.slice(3, 5).map((s) => s.token)).toEqual(['A', 'B']);
});

test('when several tokens wait, then free slots go round-robin between them', async () => {
  const { time, sent, submit } = setUp();
  for (const token of ['A', 'A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', 'C', 'C', 'C']) void submit(token, 'PUT', '/user/1/draft-payment/1');
  await time.advance(30_000);
  // Two free slots go to the first caller at once; after that: A, B, C in turn.
  expect(sent.map((s) => s.token).join('')).toBe('AAABCABCABCA');
});

test('when the queue is full, then the call is refused at once with 503 upstream_busy and a Retry-After, and not sent', async () => {
  const { sent, submit } = setUp({ maxQueued: 5 });
  for (let i = 0; i < 8; i++) void submit(`t${i}`, 'GET', '/user/1/monetary-account').catch(() => undefined);
  await settle();
  expect(sent).toHaveLength(3);
  const refused = submit('late', 'GET', '/user/1/monetary-account');
  await expect(refused).rejects.toBeInstanceOf(UpstreamBusy);
  const err = (await refused.catch((e: unknown) => e)) as UpstreamBusy;
  expect(err.status).toBe(503);
  expect(err.code).toBe('upstream_busy');
  expect(err.outcome).toBe('definite');
  expect(err.retryAfter).toBeGreaterThanOrEqual(1);
  expect(sent.some((s) => s.token === 'late')).toBe(false);
});

test('when one token has its share of the queue, then its next call is refused but another token still queues', async () => {
  const { time, sent, submit } = setUp({ maxQueuedPerToken: 2 });
  const a = Array.from({ length: 6 }, () => submit('A', 'GET', '/user/1/monetary-account').then(() => 'sent', () => 'refused'));
  const b = submit('B', 'GET', '/user/1/monetary-account');
  await time.advance(10_000);
  expect(await Promise.all(a)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'refused']);
  await expect(b).resolves.toBe('ok');
  expect(sent.filter((s) => s.token === 'B')).toHaveLength(1);
});

test('when a call waited longer than the maximum wait, then it is refused with upstream_busy and never sent', async () => {
  const { time, sent, submit } = setUp({ maxWaitMs: 2000 });
  const calls = Array.from({ length: 4 }, (_, i) => submit(`t${i}`, 'POST', '/user/1/monetary-account/1/payment').then(() => 'ok', (e: unknown) => e));
  for (let i = 0; i < 5; i++) void submit('x', 'POST', '/user/1/monetary-account/1/payment').catch(() => undefined);
  const late = submit('late', 'POST', '/user/1/monetary-account/1/payment').catch((e: unknown) => e);
  await time.advance(10_000);
  expect(await Promise.all(calls)).toEqual(['ok', 'ok', 'ok', 'ok']);
  expect(await late).toBeInstanceOf(UpstreamBusy);
  expect(sent.some((s) => s.token === 'late')).toBe(false);
});

test('when bunq answers a GET with 429, then it is sent again after the back-off, and the caller gets the answer', async () => {
  const { time, sent, submit } = setUp();
  let calls = 0;
  const result = submit('a', 'GET', '/user/1/monetary-account', async () => {
    calls++;
    if (calls === 1) throw new UpstreamRateLimited(3);
    return 'balance';
  });
  await time.advance(2999);
  expect(sent).toHaveLength(1);
  await time.advance(1);
  await expect(result).resolves.toBe('balance');
  expect(sent).toHaveLength(2);
  expect(sent[1]!.at - sent[0]!.at).toBe(3000);
});

test('when bunq keeps answering a GET with 429, then the back-off doubles and the caller gets the 429 after the last retry', async () => {
  const { time, sent, submit } = setUp({ retriesOn429: 2 });
  const result = submit('a', 'GET', '/user/1/monetary-account', async () => {
    throw new UpstreamRateLimited(3);
  }).catch((e: unknown) => e);
  await time.advance(60_000);
  expect(await result).toBeInstanceOf(UpstreamRateLimited);
  expect(sent.map((s) => s.at - sent[0]!.at)).toEqual([0, 3000, 9000]);
});

test.each(['POST', 'PUT', 'DELETE'] as const)('when bunq answers a %s with 429, then it is NOT sent again', async (method) => {
  const { time, sent, submit } = setUp();
  const result = submit('a', method, '/user/1/monetary-account/1/payment', async () => {
    throw new UpstreamRateLimited(3);
  }).catch((e: unknown) => e);
  await time.advance(60_000);
  expect(await result).toBeInstanceOf(UpstreamRateLimited);
  expect(sent).toHaveLength(1);
});

test('when bunq answered 429 on an endpoint, then other calls to it wait for the back-off too', async () => {
  const { time, sent, submit } = setUp();
  void submit('a', 'POST', '/user/1/monetary-account/1/payment', async () => {
    throw new UpstreamRateLimited(3);
  }).catch(() => undefined);
  await settle();
  void submit('b', 'POST', '/user/1/monetary-account/1/payment');
  await time.advance(2999);
  expect(sent).toHaveLength(1);
  await time.advance(1);
  expect(sent).toHaveLength(2);
});

test('when a call fails otherwise, then the error reaches the caller unchanged and it is not retried', async () => {
  const { time, sent, submit } = setUp();
  const boom = new Error('boom');
  const result = submit('a', 'GET', '/user/1/monetary-account', async () => {
    throw boom;
  }).catch((e: unknown) => e);
  await time.advance(10_000);
  expect(await result).toBe(boom);
  expect(sent).toHaveLength(1);
});

test("when the limits are 'off', then every call is sent at once", async () => {
  const { sent, submit } = setUp({ mode: 'off' });
  await Promise.all(Array.from({ length: 50 }, () => submit('a', 'GET', '/user/1/monetary-account')));
  expect(new Set(sent.map((s) => s.at)).size).toBe(1);
  expect(sent).toHaveLength(50);
});

test('when the queue is full, then a call to another endpoint with a free slot is still sent', async () => {
  const { sent, submit } = setUp({ maxQueued: 2 });
  for (let i = 0; i < 5; i++) void submit('A', 'GET', '/user/1/monetary-account').catch(() => undefined);
  await settle();
  await expect(submit('B', 'GET', '/user/1/monetary-account/1/payment')).resolves.toBe('ok');
  expect(sent.filter((s) => s.token === 'B')).toHaveLength(1);
});

// A client that hung up while its call waited gets nothing from bunq's few slots.
describe('when a queued call\'s client hangs up', () => {
  test('then the call is withdrawn (CallWithdrawn, not sent) and its slot goes to the next caller', async () => {
    const { time, scheduler, sent, submit } = setUp();
    // POST: 5 per 3 s. Five calls take the window's slots; B waits behind them.
    for (let i = 0; i < 5; i++) void submit('A', 'POST', '/user/1/monetary-account/1/payment');
    let hungUp = false;
    const withdrawn = scheduler.run('B', 'POST', '/user/1/monetary-account/1/payment', async () => {
      sent.push({ token: 'B', method: 'POST', path: 'withdrawn', at: time.now() });
      return 'sent anyway';
    }, { gone: () => hungUp });
    const next = submit('C', 'POST', '/user/1/monetary-account/1/payment');
    for (let i = 0; i < 2; i++) void submit('A', 'POST', '/user/1/monetary-account/1/payment');
    hungUp = true;
    await time.advance(10_000);
    await expect(withdrawn).rejects.toBeInstanceOf(CallWithdrawn);
    await expect(withdrawn).rejects.toMatchObject({ outcome: 'definite', status: 499 });
    await expect(next).resolves.toBe('ok');
    expect(sent.map((s) => s.path)).not.toContain('withdrawn');
    expect(sent).toHaveLength(8);
  });

  test('then a call whose client is gone before a slot is even asked for is not sent either', async () => {
    const { scheduler } = setUp();
    let sends = 0;
    const call = scheduler.run('A', 'GET', '/user/1/monetary-account', async () => (sends++, 'sent'), { gone: () => true });
    await expect(call).rejects.toBeInstanceOf(CallWithdrawn);
    expect(sends).toBe(0);
  });

  test('then a GET queued again after bunq\'s 429 is withdrawn instead of re-sent', async () => {
    const { time, scheduler } = setUp();
    let hungUp = false;
    let sends = 0;
    const call = scheduler.run('A', 'GET', '/user/1/monetary-account', async () => {
      sends++;
      hungUp = true;
      throw new UpstreamRateLimited(3);
    }, { gone: () => hungUp });
    await time.advance(60_000);
    await expect(call).rejects.toBeInstanceOf(CallWithdrawn);
    expect(sends).toBe(1);
  });
});

import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { refund, TokenRateLimiter } from '../../../src/inbound/check-rate-limit';
import { GatewayError } from '../../../src/lib/errors';
import type { TokenRecord } from '../../../src/store/token-repo';

let n = 0;
function record(ratePerMinute: number | null, ratePerDay: number | null = null): TokenRecord {
  n += 1;
  return {
    id: `tok-${n}-${Math.random()}`,
    jti: 'j',
    name: 'rate',
    grant: { scopes: ['read-user'], accounts: [1], recentDays: 30 },
    preset: null,
    parentId: null,
    ancestry: [],
    ipAllowlist: [],
    ratePerMinute,
    ratePerDay,
    expiresAt: new Date(Date.now() + 86_400_000),
    revokedAt: null,
    revokedReason: null,
    createdAt: new Date(),
    rotatedAt: null,
    lastUsedAt: null,
    lastUsedIp: null,
  };
}

async function refusal(p: Promise<unknown>): Promise<GatewayError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GatewayError);
  return err as GatewayError;
}

describe('TokenRateLimiter', () => {
  test('allows N calls per minute, refuses the next with 429 and Retry-After', async () => {
    const limiter = new TokenRateLimiter();
    const t = record(3);
    for (let i = 0; i < 3; i++) await limiter.check(t);
    const err = await refusal(limiter.check(t));
    expect(err.status).toBe(429);
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfter).toBeGreaterThanOrEqual(1);
    expect(err.retryAfter).toBeLessThanOrEqual(60);
    expect(err.message).toContain('Too many requests');
    expect(err.message).toContain('3 calls per minute');
  });

  test('counts per token: one token at its limit does not limit another with the same limit', async () => {
    const limiter = new TokenRateLimiter();
    const a = record(1);
    const b = record(1);
    await limiter.check(a);
    await refusal(limiter.check(a));
    await limiter.check(b);
  });

  test('a token without limits is never refused', async () => {
    const limiter = new TokenRateLimiter();
    const t = record(null, null);
    for (let i = 0; i < 500; i++) await limiter.check(t);
  });

  test('the day limit applies independently', async () => {
    const limiter = new TokenRateLimiter();
    const t = record(100, 2);
    await limiter.check(t);
    await limiter.check(t);
    const err = await refusal(limiter.check(t));
    expect(err.message).toContain('per day');
    expect(err.retryAfter).toBeGreaterThan(60);
  });

  test('the minute window resets after a minute', async () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 0, 1), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const limiter = new TokenRateLimiter();
      const t = record(2);
      await limiter.check(t);
      await limiter.check(t);
      await refusal(limiter.check(t));
      jest.advanceTimersByTime(61_000);
      await limiter.check(t);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('a chain of derived tokens', () => {
  test("when a child calls, then the call counts against its own limit and every ancestor's", async () => {
    const limiter = new TokenRateLimiter();
    const root = record(null, 3);
    const parent = record(null, 100);
    const child = record(null, 100);
    for (let i = 0; i < 3; i++) await limiter.checkChain({ token: child, ancestors: [root, parent] });
    await expect(limiter.checkChain({ token: child, ancestors: [root, parent] })).rejects.toThrow(/3 calls per day/);
    await expect(limiter.checkChain({ token: root, ancestors: [] })).rejects.toThrow(/3 calls per day/);
  });

  test("when a child is over its own limit, then its refused calls do not use up its parent's limit", async () => {
    const limiter = new TokenRateLimiter();
    const parent = record(null, 100);
    const child = record(null, 5);
    let refused = 0;
    for (let i = 0; i < 100; i++) await limiter.checkChain({ token: child, ancestors: [parent] }).catch(() => refused++);
    expect(refused).toBe(95);
    // The parent was charged 5 calls, not 100.
    for (let i = 0; i < 95; i++) await limiter.checkChain({ token: parent, ancestors: [] });
    await expect(limiter.checkChain({ token: parent, ancestors: [] })).rejects.toThrow(/100 calls per day/);
  });

  test("when an ancestor refuses, then the levels below it get back what they were charged", async () => {
    const limiter = new TokenRateLimiter();
    const parent = record(null, 1);
    const child = record(2, null);
    await limiter.checkChain({ token: child, ancestors: [parent] });
    await expect(limiter.checkChain({ token: child, ancestors: [parent] })).rejects.toThrow(/1 calls per day/);
    // The child's per-minute count holds only the call that went through: one more own call fits.
    await expect(limiter.check(child)).resolves.toBeUndefined();
  });
});

// A refusal further up the chain gives back what the levels below were charged. If that
// window rolled over in between, the refund must not start the next window below zero.
describe('refund', () => {
  afterEach(() => jest.useRealTimers());

  test('when the window rolled over between the charge and its refund, then the next window still allows exactly the limit', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const limiter = new RateLimiterMemory({ points: 2, duration: 1 });
    const charged = await limiter.consume('tok');
    const windowEndsAt = Date.now() + charged.msBeforeNext;
    jest.advanceTimersByTime(1_100); // the charged window is over
    await refund(limiter, 'tok', windowEndsAt);
    await limiter.consume('tok');
    await limiter.consume('tok');
    await expect(limiter.consume('tok')).rejects.toBeInstanceOf(RateLimiterRes);
  });

  test('when a call already landed in the new window before a late refund, then the refund does not give it a free call', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const limiter = new RateLimiterMemory({ points: 2, duration: 1 });
    const charged = await limiter.consume('tok');
    const windowEndsAt = Date.now() + charged.msBeforeNext;
    jest.advanceTimersByTime(1_100);
    await limiter.consume('tok'); // the new window's first call
    await refund(limiter, 'tok', windowEndsAt);
    await limiter.consume('tok');
    await expect(limiter.consume('tok')).rejects.toBeInstanceOf(RateLimiterRes);
  });

  test('when several late refunds race (the window ended while they were under way), then each takes back only its own point', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const limiter = new RateLimiterMemory({ points: 10, duration: 1 });
    await limiter.consume('tok');
    jest.advanceTimersByTime(1_100);
    // Their windows still looked open when they started: all three reward into the new window.
    await Promise.all([1, 2, 3].map(() => refund(limiter, 'tok', Number.POSITIVE_INFINITY)));
    const res = await limiter.get('tok');
    expect(res?.consumedPoints ?? 0).toBe(0);
  });

  test('when the window is still open, then the refund gives the point back', async () => {
    const limiter = new RateLimiterMemory({ points: 1, duration: 60 });
    const charged = await limiter.consume('tok');
    await refund(limiter, 'tok', Date.now() + charged.msBeforeNext);
    await expect(limiter.consume('tok')).resolves.toBeInstanceOf(RateLimiterRes);
  });
});

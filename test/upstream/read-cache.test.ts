// Issue #6: identical concurrent GETs share one bunq call; balance reads are kept for a short TTL.
import { ReadCache } from '../../src/upstream/scheduler/read-cache';
import { ManualClock } from '../../src/lib/clock';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function setUp(ttlMs = 3000) {
  const clock = new ManualClock(0);
  const cache = new ReadCache<string>(ttlMs, clock);
  let loads = 0;
  const load = (value = 'answer') => () => {
    loads++;
    return Promise.resolve(`${value} ${loads}`);
  };
  return { clock, cache, load, loads: () => loads };
}

test('when identical GETs are in flight together, then bunq is called once and all get the same answer', async () => {
  const { cache, loads } = setUp();
  const upstream = deferred<string>();
  let calls = 0;
  const load = () => {
    calls++;
    return upstream.promise;
  };
  const answers = [cache.read('/user/1/payment', false, load), cache.read('/user/1/payment', false, load), cache.read('/user/1/payment', false, load)];
  upstream.resolve('raw');
  expect(await Promise.all(answers)).toEqual(['raw', 'raw', 'raw']);
  expect(calls).toBe(1);
  expect(loads()).toBe(0);
});

test('when coalescing is off (UPSTREAM_COALESCE=off), then identical GETs in flight together are separate calls', async () => {
  const cache = new ReadCache<string>(0, new ManualClock(0), false);
  const upstream = deferred<string>();
  let calls = 0;
  const load = () => {
    calls++;
    return upstream.promise;
  };
  const answers = [cache.read('/user/1/payment', false, load), cache.read('/user/1/payment', false, load)];
  upstream.resolve('raw');
  expect(await Promise.all(answers)).toEqual(['raw', 'raw']);
  expect(calls).toBe(2);
});

test('when coalescing is off but the cache is on, then a cached balance is still served from the cache', async () => {
  const clock = new ManualClock(0);
  const cache = new ReadCache<string>(3000, clock, false);
  let calls = 0;
  const load = () => Promise.resolve(`answer ${++calls}`);
  expect(await cache.read('/user/1/monetary-account', true, load)).toBe('answer 1');
  expect(await cache.read('/user/1/monetary-account', true, load)).toBe('answer 1');
  expect(calls).toBe(1);
});

test('when different GETs are in flight, then each is its own call', async () => {
  const { cache, load, loads } = setUp();
  await Promise.all([cache.read('/user/1/monetary-account/1', true, load()), cache.read('/user/1/monetary-account/2', true, load())]);
  expect(loads()).toBe(2);
});

test('when a read is not cacheable, then a later identical read calls bunq again', async () => {
  const { cache, load, loads } = setUp();
  await cache.read('/user/1/payment', false, load());
  await cache.read('/user/1/payment', false, load());
  expect(loads()).toBe(2);
});

test('when a cacheable read is repeated within the TTL, then it is served from the cache; after the TTL bunq is called again', async () => {
  const { clock, cache, load, loads } = setUp(3000);
  expect(await cache.read('/user/1/monetary-account', true, load())).toBe('answer 1');
  clock.advance(2999);
  expect(await cache.read('/user/1/monetary-account', true, load())).toBe('answer 1');
  clock.advance(1);
  expect(await cache.read('/user/1/monetary-account', true, load())).toBe('answer 2');
  expect(loads()).toBe(2);
});

test('when the TTL is 0, then nothing is cached', async () => {
  const { cache, load, loads } = setUp(0);
  await cache.read('/user/1/monetary-account', true, load());
  await cache.read('/user/1/monetary-account', true, load());
  expect(loads()).toBe(2);
});

test('when bunq fails, then the failure is not cached and the next read calls bunq again', async () => {
  const { cache, load, loads } = setUp();
  await expect(cache.read('/user/1/monetary-account', true, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
  expect(await cache.read('/user/1/monetary-account', true, load())).toBe('answer 1');
  expect(loads()).toBe(1);
});

test('when the cache is cleared (a write happened), then the next read calls bunq, and a read started before the write does not refill it', async () => {
  const { cache, load, loads } = setUp();
  await cache.read('/user/1/monetary-account', true, load());
  const before = deferred<string>();
  const stale = cache.read('/user/1/monetary-account/9', true, () => before.promise);
  cache.clear();
  before.resolve('before the write');
  await stale;
  expect(await cache.read('/user/1/monetary-account', true, load())).toBe('answer 2');
  expect(await cache.read('/user/1/monetary-account/9', true, load())).toBe('answer 3');
  expect(loads()).toBe(3);
});

// A shared read is abandoned (withdrawn while queued) only when every caller sharing it hung up.
test('when callers share one read, then it counts as abandoned only once all of them have hung up', () => {
  const { cache } = setUp();
  let abandoned: (() => boolean) | undefined;
  const upstream = deferred<string>();
  const gone = { a: false, b: false };
  void cache.read('/user/1/monetary-account', false, (isAbandoned) => ((abandoned = isAbandoned), upstream.promise), () => gone.a);
  void cache.read('/user/1/monetary-account', false, () => upstream.promise, () => gone.b);
  gone.a = true;
  expect(abandoned!()).toBe(false);
  gone.b = true;
  expect(abandoned!()).toBe(true);
  // A caller without a way to hang up (internal reads) keeps the read wanted.
  void cache.read('/user/1/monetary-account', false, () => upstream.promise);
  expect(abandoned!()).toBe(false);
  upstream.resolve('done');
});

// Issue #6: the verified-token cache must honour revocation. A record is answered from memory
// only while the token generation is unchanged AND was read at most MAX_STALENESS_MS before;
// a read begun before the cache was emptied is never stored.
import { MAX_STALENESS_MS, REVOCATION_SETTLE_MS, TokenRecordCache } from '../../../src/store/token-cache';
import type { TokenRecord } from '../../../src/store/token-repo';

const RECORD = { id: 'tok_1', revokedAt: null } as unknown as TokenRecord;

function world(initial: bigint | undefined) {
  let now = 1_000;
  let generation: bigint | undefined = initial;
  let reads = 0;
  const cache = new TokenRecordCache(
    () => {
      reads += 1;
      return generation;
    },
    () => now,
  );
  return {
    cache,
    advance: (ms: number) => (now += ms),
    setGeneration: (g: bigint | undefined) => (generation = g),
    reads: () => reads,
  };
}

function lookUp(cache: TokenRecordCache, key = 'jti\u0000a'): TokenRecord | undefined {
  expect(cache.refresh()).toBeUndefined();
  return cache.get(key);
}

/** A cache that has read the generation once and holds RECORD under `key`. */
function warmed(key = 'jti\u0000a') {
  const w = world(1n);
  lookUp(w.cache);
  w.cache.set(key, RECORD, w.cache.epoch);
  return w;
}

test('when the generation is unchanged and fresh, then a stored record is answered without reading the generation again', () => {
  const w = world(1n);
  expect(lookUp(w.cache)).toBeUndefined();
  w.cache.set('jti\u0000a', RECORD, w.cache.epoch);
  expect(lookUp(w.cache)).toBe(RECORD);
  w.advance(MAX_STALENESS_MS);
  expect(lookUp(w.cache)).toBe(RECORD);
  expect(w.reads()).toBe(1);
});

test('when the last generation read is older than the staleness bound, then it is read again before answering', () => {
  const w = warmed();
  w.advance(MAX_STALENESS_MS + 1);
  // Not fresh: get alone refuses to answer from memory.
  expect(w.cache.get('jti\u0000a')).toBeUndefined();
  expect(lookUp(w.cache)).toBe(RECORD);
  expect(w.reads()).toBe(2);
});

test('when the generation moved (a token changed anywhere), then every remembered record is dropped', () => {
  const w = warmed();
  w.cache.set('id\u0000tok_1', RECORD, w.cache.epoch);
  w.setGeneration(2n);
  w.advance(MAX_STALENESS_MS + 1);
  expect(lookUp(w.cache)).toBeUndefined();
  expect(lookUp(w.cache, 'id\u0000tok_1')).toBeUndefined();
});

test('when a record was read before the cache was emptied, then it is not stored', () => {
  const w = world(1n);
  lookUp(w.cache);
  const epochOfRead = w.cache.epoch;
  w.cache.clear(); // e.g. this process revoked a token while the read was under way
  w.cache.set('jti\u0000a', RECORD, epochOfRead);
  expect(lookUp(w.cache)).toBeUndefined();
});

test('when the generation cannot be known, then nothing is remembered (every call reads the database)', () => {
  const w = world(undefined);
  lookUp(w.cache);
  w.cache.set('jti\u0000a', RECORD, w.cache.epoch);
  expect(lookUp(w.cache)).toBeUndefined();
});

test('when the generation is read asynchronously (PostgreSQL), then calls wait for a read that began within the bound', async () => {
  let now = 0;
  let resolveRead: ((g: bigint) => void) | undefined;
  let reads = 0;
  const cache = new TokenRecordCache(
    () => {
      reads += 1;
      return new Promise<bigint>((resolve) => (resolveRead = resolve));
    },
    () => now,
  );
  const first = cache.refresh();
  expect(first).toBeInstanceOf(Promise);
  // A call authenticated later than the bound after that read began may not ride on it.
  now = MAX_STALENESS_MS + 5;
  const late = cache.refresh()!;
  let lateDone = false;
  void late.then(() => (lateDone = true));
  resolveRead!(1n);
  await first;
  await new Promise((r) => setImmediate(r));
  // The first read began too early for the late call: it started a read of its own.
  expect(reads).toBe(2);
  expect(lateDone).toBe(false);
  resolveRead!(1n);
  await late;
  cache.set('k', RECORD, cache.epoch);
  expect(cache.get('k')).toBe(RECORD);
});

test('a revocation waits longer than the staleness bound, so other processes have re-read the generation', () => {
  expect(REVOCATION_SETTLE_MS).toBeGreaterThan(MAX_STALENESS_MS);
});

describe('lookUp', () => {
  test('when the cache is emptied while a record is being read (a revocation), then that record is not kept', async () => {
    const w = world(1n);
    let finish!: (r: TokenRecord) => void;
    let reads = 0;
    const slowRead = () => {
      reads += 1;
      return new Promise<TokenRecord>((resolve) => (finish = resolve));
    };
    const first = w.cache.lookUp('jti\u0000a', slowRead);
    await Promise.resolve();
    w.cache.clear(); // the revocation commits while the read is under way
    finish({ ...RECORD });
    await first;
    const again = w.cache.lookUp('jti\u0000a', slowRead);
    await Promise.resolve();
    expect(reads).toBe(2);
    finish({ ...RECORD });
    await again;
  });

  test('when a record is kept, then every caller gets the same frozen object', async () => {
    const w = world(1n);
    const first = await w.cache.lookUp('jti\u0000a', () => ({ ...RECORD }));
    const second = await w.cache.lookUp('jti\u0000a', () => {
      throw new Error('must come from memory');
    });
    expect(second).toBe(first);
    expect(Object.isFrozen(second)).toBe(true);
  });

  test('when a token is not found, then nothing is kept (a later insert is seen)', async () => {
    const w = world(1n);
    let reads = 0;
    await w.cache.lookUp('jti\u0000a', () => (reads++, null));
    await w.cache.lookUp('jti\u0000a', () => (reads++, null));
    expect(reads).toBe(2);
  });
});

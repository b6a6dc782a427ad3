// The renewal lease several instances share (lease-repo.ts), on both databases.
import { DIALECTS, freshDatabase } from '../../helpers/database';
import type { Db } from '../../../src/store/client';
import { LeaseRepository } from '../../../src/store/lease-repo';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

describe.each(DIALECTS)('leases on %s', (dialect) => {
  let db: Db;
  let leases: LeaseRepository;
  beforeAll(async () => {
    ({ db } = await freshDatabase(dialect));
    leases = new LeaseRepository(db);
  });
  afterAll(async () => db.$disconnect());

  test('when one holder has the lease, then another cannot take it until it is released', async () => {
    expect(await leases.acquire('a', 'one', NOW, 60_000)).toBe(true);
    expect(await leases.acquire('a', 'two', NOW + 1_000, 60_000)).toBe(false);
    expect(await leases.acquire('a', 'one', NOW + 1_000, 60_000)).toBe(true);
    await leases.release('a', 'two');
    expect(await leases.acquire('a', 'two', NOW + 2_000, 60_000)).toBe(false);
    await leases.release('a', 'one');
    expect(await leases.acquire('a', 'two', NOW + 2_000, 60_000)).toBe(true);
  });

  test('when the holder died, then its lease can be taken over once it has run out', async () => {
    expect(await leases.acquire('b', 'dead', NOW, 10_000)).toBe(true);
    expect(await leases.acquire('b', 'alive', NOW + 9_999, 10_000)).toBe(false);
    expect(await leases.acquire('b', 'alive', NOW + 10_000, 10_000)).toBe(true);
  });

  test('when 20 contenders race for a free lease, then exactly one gets it', async () => {
    const got = await Promise.all(Array.from({ length: 20 }, (_, i) => leases.acquire('c', `h${i}`, NOW, 60_000)));
    expect(got.filter(Boolean)).toHaveLength(1);
  });
});

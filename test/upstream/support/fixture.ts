// A fake bunq + database + initialised context + loaded client, for the unit tests.
import { ManualClock } from '../../../src/lib/clock';
import { initBunqContext, loadBunqClient, type BunqClient } from '../../../src/upstream';
import { FakeBunq } from './fake-bunq';
import type { Dialect } from '../../../src/store/client';
import { createTestDb, type TestDb } from './test-db';

export interface Fixture {
  fake: FakeBunq;
  t: TestDb;
  clock: ManualClock;
  client: BunqClient;
  /** A second client on the same database (a restarted gateway). */
  reload(opts?: { timeoutMs?: number }): Promise<BunqClient>;
  close(): Promise<void>;
}

export async function startFixture(opts: { timeoutMs?: number; dialect?: Dialect } = {}): Promise<Fixture> {
  const { dialect, ...clientOpts } = opts;
  const [fake, t] = await Promise.all([FakeBunq.start(), createTestDb(dialect)]);
  const clock = new ManualClock(Date.parse('2026-11-24T12:00:00Z'));
  const deps = { db: t.db, secretBox: t.secretBox, clock, ...clientOpts };
  await initBunqContext(deps, { baseUrl: fake.baseUrl, apiKey: 'f'.repeat(64) });
  const client = await loadBunqClient(deps);
  const opened: BunqClient[] = [client];
  fake.reset();
  return {
    fake,
    t,
    clock,
    client,
    async reload(more = {}) {
      const c = await loadBunqClient({ ...deps, ...more });
      opened.push(c);
      return c;
    },
    async close() {
      await Promise.all(opened.map((c) => c.close()));
      await Promise.all([fake.close(), t.close()]);
    },
  };
}

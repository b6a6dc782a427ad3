import { randomUUID } from 'node:crypto';
import { DIALECTS, freshDatabase } from '../../helpers/database';
import { openDatabase, type Db } from '../../../src/store/client';
import { SpendLedger, type ChargedToken, type Reservation } from '../../../src/store/spend-ledger';
import { TokenRepository } from '../../../src/store/token-repo';
import { GatewayError } from '../../../src/lib/errors';
import type { PaymentConstraints } from '../../../src/policy/grant';

const NOW = Date.UTC(2026, 5, 15, 12, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(DIALECTS)('spend ledger on %s', (dialect) => {
  let db: Db;
  let url: string;
  let ledger: SpendLedger;
  let repo: TokenRepository;

  beforeAll(async () => {
    ({ db, url } = await freshDatabase(dialect));
    ledger = new SpendLedger(db);
    repo = new TokenRepository(db);
  });

  afterAll(async () => {
    await db.$disconnect();
  });

  function payment(caps: PaymentConstraints['caps'], currency = 'EUR'): PaymentConstraints {
    return { currency, maxPerPayment: '1000.00', caps, ibanAllowlist: [], sourceAccounts: [1], outsideAllowlist: 'deny' };
  }

  /** A token row (spend charges reference tokens), returned as the ledger sees it. */
  async function token(caps: PaymentConstraints['caps'], parent?: { id: string; ancestry: string[] }): Promise<ChargedToken & { ancestry: string[] }> {
    const id = randomUUID();
    const p = payment(caps);
    const ancestry = parent ? [...parent.ancestry, parent.id] : [];
    await repo.create({
      id,
      jti: randomUUID(),
      name: 'ledger test',
      grant: { scopes: ['create-payment'], accounts: [1], recentDays: 30, payment: p },
      preset: null,
      parentId: parent?.id ?? null,
      ancestry,
      keyHash: randomUUID(),
      ipAllowlist: [],
      ratePerMinute: null,
      ratePerDay: null,
      expiresAt: new Date(NOW + 30 * DAY),
      createdAt: new Date(NOW - 60 * DAY),
    });
    return { id, payment: p, ancestry };
  }

  function reservation(chain: readonly ChargedToken[], amountMinor: bigint, over: Partial<Reservation> = {}): Reservation {
    const id = randomUUID();
    return {
      entryId: id,
      clientRequestId: `req-${id}`,
      spenderId: chain[0]!.id,
      chain,
      amountMinor,
      currency: 'EUR',
      monetaryAccountId: 1,
      counterpartyIban: 'NL91ABNA0417164300',
      mode: 'payment',
      now: NOW,
      ...over,
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

  describe('caps per window', () => {
    test('a day cap admits spend up to the cap exactly and refuses one cent more', async () => {
      const t = await token({ day: '100.00' });
      await ledger.reserve(reservation([t], 6000n));
      await ledger.reserve(reservation([t], 4000n));
      const err = await refusal(ledger.reserve(reservation([t], 1n)));
      expect(err.code).toBe('cap_exceeded');
      expect(err.status).toBe(403);
      expect(err.details).toMatchObject({ cap_window: 'day', cap: '100.00', remaining: '0.00', currency: 'EUR', token_id: t.id });
    });

    test('the refusal names the remaining amount', async () => {
      const t = await token({ day: '100.00' });
      await ledger.reserve(reservation([t], 7550n));
      const err = await refusal(ledger.reserve(reservation([t], 3000n)));
      expect(err.details['remaining']).toBe('24.50');
      expect(err.message).toContain('24.50 EUR remains');
    });

    test('a single payment larger than the cap is refused on an empty ledger', async () => {
      const t = await token({ day: '10.00' });
      expect((await refusal(ledger.reserve(reservation([t], 1001n)))).code).toBe('cap_exceeded');
    });

    test('week and month caps are checked independently of the day cap', async () => {
      const t = await token({ day: '100.00', week: '150.00', month: '170.00' });
      await ledger.reserve(reservation([t], 10000n, { now: NOW - 3 * DAY }));
      await ledger.reserve(reservation([t], 5000n, { now: NOW }));
      // Day: 50 spent today; week: 150 spent → full.
      const weekErr = await refusal(ledger.reserve(reservation([t], 100n, { now: NOW })));
      expect(weekErr.details['cap_window']).toBe('week');
      // Eight days on, the first payment has left the week window but not the month window.
      await ledger.reserve(reservation([t], 1000n, { now: NOW + 5 * DAY }));
      const monthErr = await refusal(ledger.reserve(reservation([t], 1001n, { now: NOW + 5 * DAY })));
      expect(monthErr.details['cap_window']).toBe('month');
    });

    test('a token without caps is never refused by the ledger', async () => {
      const t = await token({});
      await ledger.reserve(reservation([t], 10_000_000n));
      await ledger.reserve(reservation([t], 10_000_000n));
      expect((await ledger.spent(t.id, 'EUR', NOW)).day).toBe(20_000_000n);
    });

    test('a refused reservation writes no entry', async () => {
      const t = await token({ day: '1.00' });
      const r = reservation([t], 500n);
      await refusal(ledger.reserve(r));
      expect(await db.spendEntry.findUnique({ where: { id: r.entryId } })).toBeNull();
    });
  });

  describe('statuses', () => {
    test('RESERVED, COMMITTED and UNKNOWN keep counting; RELEASED does not', async () => {
      const t = await token({ day: '100.00' });
      const a = reservation([t], 2000n);
      const b = reservation([t], 3000n);
      const c = reservation([t], 4000n);
      await ledger.reserve(a);
      await ledger.reserve(b);
      await ledger.reserve(c);
      await ledger.settle(a.entryId, 'COMMITTED', NOW);
      await ledger.settle(b.entryId, 'UNKNOWN', NOW);
      // c stays RESERVED.
      expect((await ledger.spent(t.id, 'EUR', NOW)).day).toBe(9000n);
      expect((await refusal(ledger.reserve(reservation([t], 1001n)))).code).toBe('cap_exceeded');

      await ledger.settle(c.entryId, 'RELEASED', NOW);
      expect((await ledger.spent(t.id, 'EUR', NOW)).day).toBe(5000n);
      await ledger.reserve(reservation([t], 5000n));
    });

    test('settle records the status, time and bunq object id', async () => {
      const t = await token({});
      const r = reservation([t], 100n);
      await ledger.reserve(r);
      await ledger.settle(r.entryId, 'COMMITTED', NOW + 1000, 4242);
      const row = await db.spendEntry.findUniqueOrThrow({ where: { id: r.entryId } });
      expect(row.status).toBe('COMMITTED');
      expect(row.bunqObjectId).toBe(4242);
      expect(row.settledAt?.getTime()).toBe(NOW + 1000);
    });

    test('an UNKNOWN entry keeps counting until resolved; resolve only touches UNKNOWN entries', async () => {
      const t = await token({ day: '50.00' });
      const r = reservation([t], 5000n);
      await ledger.reserve(r);
      await ledger.settle(r.entryId, 'UNKNOWN', NOW);
      await refusal(ledger.reserve(reservation([t], 1n)));
      expect((await ledger.list('UNKNOWN')).map((e) => e.id)).toContain(r.entryId);

      expect(await ledger.resolve(r.entryId, false, NOW)).toBe(true);
      expect(await ledger.resolve(r.entryId, true, NOW)).toBe(false); // no longer UNKNOWN
      expect((await db.spendEntry.findUniqueOrThrow({ where: { id: r.entryId } })).status).toBe('RELEASED');
      await ledger.reserve(reservation([t], 5000n));
    });

    test('a COMMITTED entry cannot be resolved (released) by mistake', async () => {
      const t = await token({});
      const r = reservation([t], 100n);
      await ledger.reserve(r);
      await ledger.settle(r.entryId, 'COMMITTED', NOW);
      expect(await ledger.resolve(r.entryId, false, NOW)).toBe(false);
      expect((await db.spendEntry.findUniqueOrThrow({ where: { id: r.entryId } })).status).toBe('COMMITTED');
    });
  });

  describe('rolling windows', () => {
    test('entries older than the window do not count', async () => {
      const t = await token({ day: '100.00' });
      await ledger.reserve(reservation([t], 10000n, { now: NOW - DAY - 1 }));
      await ledger.reserve(reservation([t], 10000n, { now: NOW }));
      expect((await ledger.spent(t.id, 'EUR', NOW)).day).toBe(10000n);
      expect((await ledger.spent(t.id, 'EUR', NOW)).week).toBe(20000n);
    });

    test('an entry just inside the window counts; at exactly 24 h it has left the window', async () => {
      const t = await token({ day: '100.00' });
      await ledger.reserve(reservation([t], 10000n, { now: NOW }));
      await refusal(ledger.reserve(reservation([t], 1n, { now: NOW + DAY - 1 })));
      await ledger.reserve(reservation([t], 10000n, { now: NOW + DAY }));
    });

    test('the clock is the `now` argument, not the wall clock', async () => {
      const t = await token({ day: '100.00' });
      const longAgo = Date.UTC(2020, 0, 1);
      await ledger.reserve(reservation([t], 10000n, { now: longAgo }));
      await refusal(ledger.reserve(reservation([t], 1n, { now: longAgo + HOUR })));
      await ledger.reserve(reservation([t], 10000n, { now: longAgo + 2 * DAY }));
    });
  });

  describe('chains of tokens', () => {
    test("a child's spend counts against its parent, and a parent's cap limits the child", async () => {
      const parent = await token({ day: '100.00' });
      const child = await token({ day: '80.00' }, parent);
      const sibling = await token({ day: '80.00' }, parent);
      await ledger.reserve(reservation([child, parent], 7000n));
      expect((await ledger.spent(parent.id, 'EUR', NOW)).day).toBe(7000n);
      expect((await ledger.spent(sibling.id, 'EUR', NOW)).day).toBe(0n);

      // The sibling's own cap allows 40, the parent's remaining 30 does not.
      const err = await refusal(ledger.reserve(reservation([sibling, parent], 4000n)));
      expect(err.details).toMatchObject({ cap_window: 'day', token_id: parent.id, remaining: '30.00' });
      expect(err.message).toContain('a token this one was derived from');
      await ledger.reserve(reservation([sibling, parent], 3000n));
    });

    test("the parent's own spend counts against the parent only", async () => {
      const parent = await token({ day: '100.00' });
      const child = await token({ day: '50.00' }, parent);
      await ledger.reserve(reservation([parent], 6000n));
      expect((await ledger.spent(child.id, 'EUR', NOW)).day).toBe(0n);
      await ledger.reserve(reservation([child, parent], 4000n));
      await refusal(ledger.reserve(reservation([child, parent], 1n)));
    });

    test('a grandparent is charged too', async () => {
      const root = await token({ month: '10.00' });
      const mid = await token({}, root);
      const leaf = await token({}, mid);
      await ledger.reserve(reservation([leaf, mid, root], 1000n));
      const err = await refusal(ledger.reserve(reservation([leaf, mid, root], 1n)));
      expect(err.details['token_id']).toBe(root.id);
      const charges = await db.spendCharge.findMany({ where: { tokenId: { in: [root.id, mid.id, leaf.id] } } });
      expect(charges).toHaveLength(3);
    });
  });

  describe('currencies', () => {
    test('spend in one currency does not count against a cap in another', async () => {
      const t = await token({ day: '100.00' });
      await ledger.reserve(reservation([t], 10000n, { currency: 'USD' }));
      expect((await ledger.spent(t.id, 'EUR', NOW)).day).toBe(0n);
      expect((await ledger.spent(t.id, 'USD', NOW)).day).toBe(10000n);
      await ledger.reserve(reservation([t], 10000n, { currency: 'EUR' }));
      await refusal(ledger.reserve(reservation([t], 1n, { currency: 'EUR' })));
    });
  });

  describe('concurrency', () => {
    test('50 concurrent reservations of 3.00 against a 100.00 day cap: exactly 33 succeed', async () => {
      const t = await token({ day: '100.00' });
      const results = await Promise.allSettled(Array.from({ length: 50 }, () => ledger.reserve(reservation([t], 300n))));
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      const refused = results.filter((r) => r.status === 'rejected');
      expect(ok).toBe(33);
      for (const r of refused) expect(((r as PromiseRejectedResult).reason as GatewayError).code).toBe('cap_exceeded');
      expect((await ledger.spent(t.id, 'EUR', NOW)).day).toBe(9900n);
    });

    test('concurrent reservations through a shared parent never overshoot its cap', async () => {
      const parent = await token({ day: '50.00' });
      const children = await Promise.all([token({}, parent), token({}, parent), token({}, parent)]);
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) => {
          const child = children[i % 3]!;
          return ledger.reserve(reservation([child, parent], 700n));
        }),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(7);
      expect((await ledger.spent(parent.id, 'EUR', NOW)).day).toBe(4900n);
    });

    test('a duplicate clientRequestId is refused and does not count twice', async () => {
      const t = await token({});
      const r = reservation([t], 100n);
      await ledger.reserve(r);
      await expect(ledger.reserve({ ...r, entryId: randomUUID() })).rejects.toThrow();
      expect((await ledger.spent(t.id, 'EUR', NOW)).day).toBe(100n);
    });
  });

  // PostgreSQL only: SQLite is the one-instance embedded database.
  if (dialect === 'postgresql') describe('several instances sharing one database', () => {
    test('when 3 clients (3 gateway instances) reserve 60 times 3.00 at once against a 100.00 cap, then exactly 33 are reserved', async () => {
      const t = await token({ day: '100.00' });
      const instances = [db, openDatabase(url), openDatabase(url)];
      try {
        const ledgers = instances.map((d) => new SpendLedger(d));
        const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => ledgers[i % 3]!.reserve(reservation([t], 300n))));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(33);
        expect((await ledger.spent(t.id, 'EUR', NOW)).day).toBe(9900n);
      } finally {
        await Promise.all(instances.slice(1).map((d) => d.$disconnect()));
      }
    });
  });
});

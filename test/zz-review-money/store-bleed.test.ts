import { freshDatabase } from '../helpers/database';
import { SpendLedger } from '../../src/store/spend-ledger';
import { IdempotencyRepository } from '../../src/store/idempotency-repo';

test('idempotency claim made while a cap-refused reservation is open is rolled back with it (SQLite)', async () => {
  const { db } = await freshDatabase('sqlite');
  const ledger = new SpendLedger(db);
  const repo = new IdempotencyRepository(db);
  const payment = { currency: 'EUR', maxPerPayment: '10.00', caps: { day: '100.00', week: '100.00', month: '0.01' }, ibanAllowlist: [], sourceAccounts: [1], outsideAllowlist: 'deny' as const };
  const lost: number[] = [];
  for (let n = 0; n < 60; n++) {
    const refused = ledger
      .reserve({ entryId: `e${n}`, clientRequestId: `c${n}`, spenderId: 'tokA', chain: [{ id: 'tokA', payment }], amountMinor: 500n, currency: 'EUR', monetaryAccountId: 1, counterpartyIban: null, mode: 'payment', now: Date.now() })
      .catch((e: Error) => e.message);
    const until = performance.now() + (n % 30) * 0.5;
    while (performance.now() < until) await new Promise((r) => setImmediate(r));
    const claim = await repo.begin('tokB', `order-${n}`, 'hash', Date.now());
    await refused;
    const again = await repo.begin('tokB', `order-${n}`, 'hash', Date.now());
    if (claim.kind === 'claimed' && again.kind === 'claimed') lost.push(n);
  }
  console.log('claims lost:', lost.length, lost);
  expect(lost).toEqual([]);
  await db.$disconnect();
});

// Issue #8, property (b): payment caps hold over random sequences of payments, some sent
// concurrently (Promise.all). For every run, with a fresh token: the sum of accepted payments
// never exceeds the tightest cap; every refusal is amount_exceeds_max exactly when the amount is
// over the per-payment max, and otherwise cap_exceeded, and only when the amount could not have
// fitted (accepted-so-far + amount > cap); sequential payments are predicted exactly; bunq
// receives exactly one call per accepted payment and none for a refusal.
import fc from 'fast-check';
import { DIALECTS } from '../helpers/database';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { sendRaw } from '../attacks/support/kit';

const PAYEE = 'NL91ABNA0417164300';
const MAX = 1_000; // cents: maxPerPayment 10.00
let t: TestGateway;


const fmt = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
const capsArb = fc.record(
  { day: fc.integer({ min: 100, max: 3_000 }), week: fc.integer({ min: 100, max: 3_000 }), month: fc.integer({ min: 100, max: 3_000 }) },
  { requiredKeys: ['day'] },
);
const amountArb = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: MAX }) }, { weight: 1, arbitrary: fc.integer({ min: MAX + 1, max: 2 * MAX }) });
const batchesArb = fc.array(fc.array(amountArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 });

async function pay(bearer: string, accountId: number, c: number): Promise<{ status: number; code: string | undefined }> {
  const res = await sendRaw(t.url, {
    method: 'POST',
    target: `/v1/user/${t.user.userId}/monetary-account/${accountId}/payment`,
    headers: [['Authorization', `Bearer ${bearer}`], ['Content-Type', 'application/json']],
    body: JSON.stringify({ amount: { value: fmt(c), currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: PAYEE, name: 'Payee' }, description: 'cap test' }),
  });
  return { status: res.status, code: res.errorCode };
}

// Run once per database: SQLite (one instance) and PostgreSQL (row locks).
describe.each(DIALECTS)('on %s', (dialect) => {
  beforeAll(async () => {
    t = await startTestGateway({ dialect });
  });
  afterAll(async () => t?.close());

  test('random payment sequences, partly concurrent: no cap is ever exceeded and every refusal is the predicted one', async () => {
    let refusedByCap = 0;
    await fc.assert(
      fc.asyncProperty(capsArb, batchesArb, async (caps, batches) => {
        const issued = await t.issue({
          scopes: ['create-payment'],
          accounts: [t.personal.id],
          payment: {
            maxPerPayment: fmt(MAX),
            caps: Object.fromEntries(Object.entries(caps).map(([k, v]) => [k, fmt(v)])),
            ibanAllowlist: [PAYEE],
            sourceAccounts: [t.personal.id],
          },
        });
        const cap = Math.min(...Object.values(caps)); // all payments fall inside every rolling window
        const before = t.emulator.control.requestCount({ pathPrefix: '/v1/user' });
        let spent = 0;
        let accepted = 0;
        for (const batch of batches) {
          const spentBefore = spent;
          const results = await Promise.all(batch.map((c) => pay(issued.bearer, t.personal.id, c)));
          const okInBatch = batch.filter((_c, i) => results[i]!.status === 200).reduce((a, b) => a + b, 0);
          spent += okInBatch;
          batch.forEach((c, i) => {
            const r = results[i]!;
            if (c > MAX) {
              expect(r).toEqual({ status: 403, code: 'amount_exceeds_max' });
              return;
            }
            if (batch.length === 1) {
              // sequential: predicted exactly
              expect(r.status).toBe(spentBefore + c <= cap ? 200 : 403);
            }
            if (r.status === 200) {
              accepted++;
              return;
            }
            refusedByCap++;
            expect(r).toEqual({ status: 403, code: 'cap_exceeded' });
            // a refusal is only right if the amount could not have fitted next to what was accepted
            expect(spent + c).toBeGreaterThan(cap);
          });
          expect(spent).toBeLessThanOrEqual(cap);
        }
        expect(t.emulator.control.requestCount({ pathPrefix: '/v1/user' }) - before).toBe(accepted);
      }),
      { numRuns: 40, seed: Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31), endOnFailure: true },
    );
    expect(refusedByCap).toBeGreaterThan(0);
  }, 120_000);
});

// Review scratch: on SQLite, writes made by OTHER requests while a cap-refused reservation's
// transaction is open run on the same connection and are rolled back with it.
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { rawPay } from '../component/support/raw-pay';
import { call, paymentBody } from '../component/support/calls';

const PAYEE = 'NL91ABNA0417164300';
let t: TestGateway;
let payPath: string;
beforeAll(async () => {
  t = await startTestGateway();
  payPath = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;
});
afterAll(async () => t?.close());

test('writes of a concurrent payment survive a cap-refused reservation', async () => {
  const capped = await t.issue({
    scopes: ['create-payment'], accounts: [t.personal.id],
    payment: { maxPerPayment: '10.00', caps: { day: '100.00', week: '100.00', month: '0.01' }, ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
  });
  const payer = await t.issue({
    scopes: ['create-payment'], accounts: [t.personal.id],
    payment: { maxPerPayment: '10.00', ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
  });
  const keys: string[] = [];
  for (let round = 0; round < 40; round++) {
    const key = `k-${round}`;
    keys.push(key);
    const noise = Array.from({ length: 60 }, () => rawPay(t.url, payPath, capped.bearer, '5.00', PAYEE, 'noise'));
    const legit = call(t, 'POST', payPath, payer.bearer, { body: paymentBody('1.00', PAYEE), headers: { 'Idempotency-Key': key } });
    const [res] = await Promise.all([legit, ...noise]);
    expect(res.status).toBe(200);
  }
  const lostKeys = [];
  for (const key of keys) {
    const rec = await t.runtime.db.idempotencyRecord.findUnique({ where: { tokenId_key: { tokenId: payer.token.id, key } } });
    if (!rec) lostKeys.push(key);
  }
  const entries = await t.runtime.db.spendEntry.findMany({ where: { tokenId: payer.token.id } });
  const notCommitted = entries.filter((e) => e.status !== 'COMMITTED');
  const auditRows = await t.runtime.db.auditEvent.count({ where: { tokenId: payer.token.id } });
  const paidAtBunq = entries.flatMap((e) => t.emulator.control.findPaymentsByClientRequestId(e.clientRequestId)).length;
  console.log({ lostKeys, notCommitted: notCommitted.map((e) => e.status), auditRows, entries: entries.length, paidAtBunq });
  // Retry a lost key: a second real payment goes out.
  if (lostKeys.length > 0) {
    const before = paidAtBunq;
    const retry = await call(t, 'POST', payPath, payer.bearer, { body: paymentBody('1.00', PAYEE), headers: { 'Idempotency-Key': lostKeys[0]! } });
    const after = (await t.runtime.db.spendEntry.findMany({ where: { tokenId: payer.token.id } }))
      .flatMap((e) => t.emulator.control.findPaymentsByClientRequestId(e.clientRequestId)).length;
    console.log({ retryStatus: retry.status, replayed: retry.headers['idempotent-replayed'], paymentsBefore: before, paymentsAfter: after });
  }
  expect(lostKeys).toEqual([]);
  expect(notCommitted).toEqual([]);
  expect(auditRows).toBe(40);
}, 120_000);

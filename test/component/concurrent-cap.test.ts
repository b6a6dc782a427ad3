// Issue #3: caps hold under concurrency. 100 payments at once against a day cap: exactly as
// many succeed as fit, the rest are refused at the gateway; and a derived child token's
// spending counts against its parent's cap.
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call, errorOf, paymentBody } from './support/calls';
import { rawPay } from './support/raw-pay';

const PAYEE = 'NL91ABNA0417164300';
let t: TestGateway;
let payPath: string;

beforeAll(async () => {
  t = await startTestGateway();
  payPath = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;
});
afterAll(async () => t?.close());

const constraints = (day: string, max = '10.00') => ({
  maxPerPayment: max,
  caps: { day },
  ibanAllowlist: [PAYEE],
  sourceAccounts: [t.personal.id],
});

const pay = (bearer: string, value: string) => rawPay(t.url, payPath, bearer, value, PAYEE, 'concurrent');

test('when 100 payments of 3.00 race against a day cap of 100.00, then exactly 33 are paid, at most 100.00 leaves the account and the rest are refused with cap_exceeded', async () => {
  const issued = await t.issue({ scopes: ['create-payment'], accounts: [t.personal.id], payment: constraints('100.00') });
  const before = t.emulator.control.getAccount(t.personal.id)!.balanceCents;
  const postsBefore = t.emulator.control.requestCount({ method: 'POST', pathIncludes: '/payment' });

  const answers = await Promise.all(Array.from({ length: 100 }, () => pay(issued.bearer, '3.00')));

  const ok = answers.filter((a) => a.status === 200);
  const refused = answers.filter((a) => a.status !== 200);
  expect(ok).toHaveLength(33);
  expect(refused).toHaveLength(67);
  for (const r of refused) {
    expect(r.status).toBe(403);
    expect((JSON.parse(r.body) as { Error: { error_code: string }[] }).Error[0]!.error_code).toBe('cap_exceeded');
  }
  // What bunq actually booked for this token's payments: found by the request ids the gateway sent.
  const entries = await t.runtime.db.spendEntry.findMany({ where: { tokenId: issued.token.id } });
  const booked = entries.flatMap((e) => t.emulator.control.findPaymentsByClientRequestId(e.clientRequestId));
  expect(booked).toHaveLength(33);
  expect(booked.reduce((sum, p) => sum - p.amountCents, 0)).toBe(9900);
  expect(before - t.emulator.control.getAccount(t.personal.id)!.balanceCents).toBe(9900);
  expect(t.emulator.control.requestCount({ method: 'POST', pathIncludes: '/payment' }) - postsBefore).toBe(33);
});

test("when a derived child token spends, then it counts against the parent's cap (and the parent's spending against the child's)", async () => {
  const parent = await t.issue({ scopes: ['create-payment'], accounts: [t.personal.id], payment: constraints('50.00', '20.00') });
  const child = await t.runtime.tokens.issue(
    {
      name: 'child',
      grant: { scopes: ['create-payment'], accounts: [t.personal.id], payment: constraints('50.00', '20.00') },
      expiresAt: new Date(Date.now() + 3_600_000),
    },
    parent.token,
  );
  for (let i = 0; i < 4; i++) expect((await call(t, 'POST', payPath, child.bearer, { body: paymentBody('10.00', PAYEE) })).status).toBe(200);

  const over = await call(t, 'POST', payPath, parent.bearer, { body: paymentBody('10.01', PAYEE) });
  expect(over.status).toBe(403);
  expect(errorOf(over)).toMatchObject({ error_code: 'cap_exceeded', remaining: '10.00' });

  expect((await call(t, 'POST', payPath, parent.bearer, { body: paymentBody('10.00', PAYEE) })).status).toBe(200);
  const childOver = await call(t, 'POST', payPath, child.bearer, { body: paymentBody('0.01', PAYEE) });
  expect(childOver.status).toBe(403);
  expect(errorOf(childOver).error_code).toBe('cap_exceeded');
});

test("when parent and child pay concurrently, then together they never pass the parent's cap", async () => {
  const parent = await t.issue({ scopes: ['create-payment'], accounts: [t.personal.id], payment: constraints('30.00') });
  const child = await t.runtime.tokens.issue(
    {
      name: 'child',
      grant: { scopes: ['create-payment'], accounts: [t.personal.id], payment: constraints('30.00') },
      expiresAt: new Date(Date.now() + 3_600_000),
    },
    parent.token,
  );
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => pay(i % 2 === 0 ? parent.bearer : child.bearer, '5.00')));
  expect(answers.filter((a) => a.status === 200)).toHaveLength(6);
  const entries = await t.runtime.db.spendEntry.findMany({ where: { tokenId: { in: [parent.token.id, child.token.id] } } });
  const booked = entries.flatMap((e) => t.emulator.control.findPaymentsByClientRequestId(e.clientRequestId));
  expect(booked.reduce((sum, p) => sum - p.amountCents, 0)).toBe(3000);
});

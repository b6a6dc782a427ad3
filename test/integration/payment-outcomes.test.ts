// What the spend ledger records when bunq does not simply say yes: a definite refusal frees
// the reserved amount, an unknown outcome keeps it counted until the owner resolves it.
import request from 'supertest';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';

const PAYEE = 'NL91ABNA0417164300';
let t: TestGateway;
let bearer: string;
let tokenId: string;

beforeAll(async () => {
  t = await startTestGateway();
  const issued = await t.issue({
    scopes: ['create-payment'],
    accounts: [t.personal.id],
    payment: { maxPerPayment: '100.00', caps: { day: '100.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
  });
  bearer = issued.bearer;
  tokenId = issued.token.id;
});
afterAll(async () => t?.close());
afterEach(() => t.emulator.control.clearFaults());

const pay = (value: string) =>
  request(t.url)
    .post(`/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`)
    .set('Authorization', `Bearer ${bearer}`)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify({ amount: { value, currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: PAYEE, name: 'Landlord' }, description: 'rent' }));

const entries = () => t.runtime.db.spendEntry.findMany({ where: { tokenId }, orderBy: { createdAt: 'asc' } });

test('when bunq answers 500 after booking the payment, then the outcome is unknown and the amount stays counted', async () => {
  t.emulator.control.setFault({ kind: 'status', status: 500, phase: 'after', times: 1, match: { method: 'POST', pathIncludes: '/payment' } });
  const res = await pay('60.00');
  expect(res.status).toBe(502);
  const [entry] = await entries();
  expect(entry?.status).toBe('UNKNOWN');
  // bunq did book it: the unknown outcome must keep counting, so 60 + 60 > 100 is refused.
  expect(t.emulator.control.findPaymentByClientRequestId(entry!.clientRequestId)).toBeDefined();
  const second = await pay('60.00');
  expect(second.status).toBe(403);
  expect(second.body.Error[0].error_code).toBe('cap_exceeded');
  expect(second.body.Error[0].remaining).toBe('40.00');
});

test('when the owner resolves an unknown entry as not paid, then it is released; a committed one cannot be released', async () => {
  const [entry] = await entries();
  expect(await t.runtime.ledger.resolve(entry!.id, false, Date.now())).toBe(true);
  expect((await entries())[0]?.status).toBe('RELEASED');
  expect(await t.runtime.ledger.resolve(entry!.id, true, Date.now())).toBe(false);
  const ok = await pay('60.00');
  expect(ok.status).toBe(200);
  const committed = (await entries()).find((e) => e.status === 'COMMITTED')!;
  expect(committed.bunqObjectId).toBe(ok.body.Response[0].Id.id);
  expect(await t.runtime.ledger.resolve(committed.id, false, Date.now())).toBe(false);
});

test('when bunq definitely refuses (a 4xx error), then the reservation is released', async () => {
  t.emulator.control.setFault({ kind: 'status', status: 400, message: 'Insufficient balance.', times: 1, match: { method: 'POST', pathIncludes: '/payment' } });
  const res = await pay('10.00');
  expect(res.status).toBe(400);
  expect(res.body.Error[0].error_description).toContain('Insufficient balance');
  const last = (await entries()).at(-1)!;
  expect(last.status).toBe('RELEASED');
});

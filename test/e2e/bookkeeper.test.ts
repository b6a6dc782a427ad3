// Issue #3: a bookkeeper token pays invoices within its limits and is stopped, at the
// gateway, at every limit; payments outside the allowlist can become drafts instead.
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call, counting, errorOf, paymentBody } from '../component/support/calls';

const PAYEE = 'NL91ABNA0417164300';
const STRANGER = 'DE89370400440532013000';
let t: TestGateway;
let bearer: string;
let drafter: string;
let payPath: string;

beforeAll(async () => {
  t = await startTestGateway();
  const grant = (outsideAllowlist: 'deny' | 'draft') => ({
    scopes: ['read-user', 'read-balance', 'read-transactions', 'create-payment'],
    accounts: [t.personal.id, t.savings.id],
    payment: {
      currency: 'EUR',
      maxPerPayment: '50.00',
      caps: { day: '100.00' },
      ibanAllowlist: [PAYEE, t.savings.iban],
      sourceAccounts: [t.personal.id],
      outsideAllowlist,
    },
  });
  bearer = (await t.issue(grant('deny'), { name: 'bookkeeper' })).bearer;
  drafter = (await t.issue(grant('draft'), { name: 'bookkeeper with drafts' })).bearer;
  payPath = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;
});
afterAll(async () => t?.close());

const balance = (id: number) => t.emulator.control.getAccount(id)!.balanceCents;

describe('within its limits', () => {
  test('when the bookkeeper pays an allowlisted external IBAN within the caps, then bunq books exactly the decided payment and the balance moves', async () => {
    const before = balance(t.personal.id);
    const { result: res, upstream } = await counting(t, () => call(t, 'POST', payPath, bearer, { body: paymentBody('20.00', PAYEE, 'Invoice 2026-0042 Acme') }));
    expect(res.status).toBe(200);
    expect(upstream).toBe(1);
    const id = (res.body as { Response: { Id: { id: number } }[] }).Response[0]!.Id.id;
    const payment = t.emulator.control.getPayment(id)!;
    expect(payment).toMatchObject({ accountId: t.personal.id, amount: '-20.00', counterpartyIban: PAYEE, description: 'Invoice 2026-0042 Acme' });
    expect(balance(t.personal.id)).toBe(before - 2000);
    const sent = t.emulator.control.requests({ method: 'POST', pathIncludes: '/payment' }).at(-1)!;
    expect(JSON.parse(sent.body)).toMatchObject({
      amount: { value: '20.00', currency: 'EUR' },
      counterparty_alias: { type: 'IBAN', value: PAYEE, name: 'Payee' },
      description: 'Invoice 2026-0042 Acme',
    });
  });

  test('when the bookkeeper pays the allowlisted savings account, then the money arrives there', async () => {
    const savingsBefore = balance(t.savings.id);
    const res = await call(t, 'POST', payPath, bearer, { body: paymentBody('5.00', t.savings.iban, 'to savings') });
    expect(res.status).toBe(200);
    expect(balance(t.savings.id)).toBe(savingsBefore + 500);
  });
});

describe('stopped at the gateway', () => {
  test('when a payment is above maxPerPayment, then it is refused with amount_exceeds_max and nothing reaches bunq', async () => {
    const { result: res, upstream } = await counting(t, () => call(t, 'POST', payPath, bearer, { body: paymentBody('50.01', PAYEE) }));
    expect(res.status).toBe(403);
    expect(errorOf(res).error_code).toBe('amount_exceeds_max');
    expect(upstream).toBe(0);
  });

  test('when a payment would pass the day cap, then it is refused with cap_exceeded, the remaining amount is named and nothing reaches bunq', async () => {
    // 25.00 spent so far; 50.00 more makes 75.00, then 30.00 would make 105.00 > 100.00.
    expect((await call(t, 'POST', payPath, bearer, { body: paymentBody('50.00', PAYEE) })).status).toBe(200);
    const before = balance(t.personal.id);
    const { result: res, upstream } = await counting(t, () => call(t, 'POST', payPath, bearer, { body: paymentBody('30.00', PAYEE) }));
    expect(res.status).toBe(403);
    expect(errorOf(res)).toMatchObject({ error_code: 'cap_exceeded', remaining: '25.00', cap_window: 'day' });
    expect(upstream).toBe(0);
    expect(balance(t.personal.id)).toBe(before);
  });

  test('when the counterparty IBAN is not on the allowlist, then it is refused with counterparty_not_allowed and nothing reaches bunq', async () => {
    const { result: res, upstream } = await counting(t, () => call(t, 'POST', payPath, bearer, { body: paymentBody('1.00', STRANGER) }));
    expect(res.status).toBe(403);
    expect(errorOf(res).error_code).toBe('counterparty_not_allowed');
    expect(upstream).toBe(0);
  });

  test('when the payment leaves from a granted account that is not a source account, then it is refused with source_account_not_allowed', async () => {
    const path = `/v1/user/${t.user.userId}/monetary-account/${t.savings.id}/payment`;
    const { result: res, upstream } = await counting(t, () => call(t, 'POST', path, bearer, { body: paymentBody('1.00', PAYEE) }));
    expect(res.status).toBe(403);
    expect(errorOf(res).error_code).toBe('source_account_not_allowed');
    expect(upstream).toBe(0);
  });

  test.each([
    ['"1e2"', '1e2'],
    ['"-5.00"', '-5.00'],
    ['"5,00"', '5,00'],
    ['5 (a number)', 5],
    ['"5.001"', '5.001'],
    ['"0.00"', '0.00'],
    ['" 5.00"', ' 5.00'],
  ])('when the amount is %s, then it is refused as a bad body and nothing reaches bunq', async (_label, value) => {
    const { result: res, upstream } = await counting(t, () => call(t, 'POST', payPath, bearer, { body: paymentBody(value, PAYEE) }));
    expect(res.status).toBe(400);
    expect(errorOf(res).error_code).toBe('body_invalid');
    expect(upstream).toBe(0);
  });
});

describe('outside the allowlist with outsideAllowlist "draft"', () => {
  test('when the bookkeeper pays an unknown IBAN, then a draft payment is created for the owner and no payment is made', async () => {
    const paymentsBefore = t.emulator.control.listPayments(t.personal.id).length;
    const draftsBefore = t.emulator.control.listDraftPayments(t.personal.id).length;
    const before = balance(t.personal.id);
    const res = await call(t, 'POST', payPath, drafter, { body: paymentBody('12.34', STRANGER, 'Invoice from a new supplier') });
    expect(res.status).toBe(200);
    expect(res.headers['x-gateway-outcome']).toBe('draft-payment-created');
    const gatewayNote = (res.body as { Gateway?: { outcome?: string; draft_payment_id?: number } }).Gateway;
    expect(gatewayNote?.outcome).toBe('converted_to_draft');
    const drafts = t.emulator.control.listDraftPayments(t.personal.id);
    expect(drafts).toHaveLength(draftsBefore + 1);
    const draft = drafts.find((d) => d.id === gatewayNote?.draft_payment_id)!;
    expect(draft.status).toBe('PENDING');
    expect(draft.entries).toEqual([
      { amount: '12.34', counterparty: expect.objectContaining({ type: 'IBAN', value: STRANGER }), description: 'Invoice from a new supplier' },
    ]);
    expect(t.emulator.control.listPayments(t.personal.id)).toHaveLength(paymentsBefore);
    expect(balance(t.personal.id)).toBe(before);
    expect(t.emulator.control.requests({ method: 'POST', pathIncludes: '/payment' }).filter((r) => r.path.endsWith('/payment') && r.body.includes(STRANGER))).toHaveLength(0);
  });

  test('when the draft-token pays an allowlisted IBAN, then it is an ordinary payment without a Gateway note', async () => {
    const res = await call(t, 'POST', payPath, drafter, { body: paymentBody('1.00', PAYEE) });
    expect(res.status).toBe(200);
    expect(res.headers['x-gateway-outcome']).toBeUndefined();
    expect((res.body as { Gateway?: unknown }).Gateway).toBeUndefined();
  });

  test('when the draft would be above maxPerPayment, then it is refused like a payment and no draft is created', async () => {
    const draftsBefore = t.emulator.control.listDraftPayments(t.personal.id).length;
    const { result: res, upstream } = await counting(t, () => call(t, 'POST', payPath, drafter, { body: paymentBody('50.01', STRANGER) }));
    expect(res.status).toBe(403);
    expect(errorOf(res).error_code).toBe('amount_exceeds_max');
    expect(upstream).toBe(0);
    expect(t.emulator.control.listDraftPayments(t.personal.id)).toHaveLength(draftsBefore);
  });
});

/** Payments and payment batches (bunq-api.md §9.3, §9.5, §3.2, §12.7, §12.8). */
import { accountPath, loggedIn, startHarness, type Harness } from './support/fixture';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(() => h.emu.close());

const EXTERNAL = { type: 'IBAN', value: 'NL91ABNA0417164300', name: 'J. Jansen' };
const body = (value: string, alias: object = EXTERNAL, description = 'Test payment') =>
  ({ amount: { value, currency: 'EUR' }, counterparty_alias: alias, description });

describe('POST payment', () => {
  it('when paying an external IBAN, then only the sender balance moves and the payment reads back in bunq shape', async () => {
    const { info, client } = await loggedIn(h);
    const bank = info.accounts[0]?.id as number;
    const before = h.emu.control.getAccount(bank)?.balanceCents as number;
    const res = await client.call('POST', accountPath(client, bank, '/payment'), { body: body('12.50') });
    expect(res.status).toBe(200);
    const id = res.json.Response[0].Id.id;
    expect(res.json).toEqual({ Response: [{ Id: { id } }] });
    expect(h.emu.control.getAccount(bank)?.balanceCents).toBe(before - 1250);
    const read = (await client.call('GET', accountPath(client, bank, `/payment/${id}`))).json.Response[0].Payment;
    expect(read).toEqual(expect.objectContaining({
      id, monetary_account_id: bank, amount: { value: '-12.50', currency: 'EUR' }, description: 'Test payment', type: 'EBA_SCT',
      balance_after_mutation: { value: h.emu.control.getAccount(bank)?.balance, currency: 'EUR' },
      created: expect.stringMatching(/^2025-04-17 12:00:00\.000000$/),
    }));
    expect(read.counterparty_alias).toEqual(expect.objectContaining({ iban: 'NL91ABNA0417164300', display_name: 'J. Jansen' }));
    expect(read.alias.iban).toBe(info.accounts[0]?.iban);
  });

  it('when paying another emulated user\'s IBAN, then both balances move and the receiver gets a mirrored +payment', async () => {
    const a = await loggedIn(h);
    const b = h.emu.control.createSandboxUser('person');
    const from = a.info.accounts[0]?.id as number;
    const to = b.accounts[0] as { id: number; iban: string };
    const [fromBefore, toBefore] = [h.emu.control.getAccount(from)?.balanceCents as number, h.emu.control.getAccount(to.id)?.balanceCents as number];
    const res = await a.client.call('POST', accountPath(a.client, from, '/payment'), { body: body('100.01', { type: 'IBAN', value: to.iban, name: 'B' }) });
    expect(res.status).toBe(200);
    expect(h.emu.control.getAccount(from)?.balanceCents).toBe(fromBefore - 10001);
    expect(h.emu.control.getAccount(to.id)?.balanceCents).toBe(toBefore + 10001);
    const mirrored = h.emu.control.listPayments(to.id)[0];
    expect(mirrored).toEqual(expect.objectContaining({ amount: '100.01', type: 'BUNQ', counterpartyAccountId: from }));
  });

  it('when paying by EMAIL alias of an emulated user, then it lands on their bank account', async () => {
    const a = await loggedIn(h);
    const b = await loggedIn(h);
    const email = b.client.user.alias.find((x: any) => x.type === 'EMAIL').value;
    const res = await a.client.call('POST', accountPath(a.client, a.info.accounts[0]?.id as number, '/payment'), { body: body('5.00', { type: 'EMAIL', value: email }) });
    expect(res.status).toBe(200);
    expect(h.emu.control.listPayments(b.info.accounts[0]?.id as number)[0]?.amount).toBe('5.00');
  });

  it('when the amount exceeds the balance, then 400 and nothing moves', async () => {
    const { info, client } = await loggedIn(h);
    const bank = info.accounts[0]?.id as number;
    const before = h.emu.control.listPayments(bank).length;
    const res = await client.call('POST', accountPath(client, bank, '/payment'), { body: body('999999.00') });
    expect(res.status).toBe(400);
    expect(res.json.Error[0].error_description).toBe('The balance of the monetary account is insufficient for this payment.');
    expect(h.emu.control.listPayments(bank)).toHaveLength(before);
  });

  it('when the payment is not signed, then 466; when the signature is wrong, then 400; nothing moves', async () => {
    const { info, client } = await loggedIn(h);
    const bank = info.accounts[0]?.id as number;
    const before = h.emu.control.getAccount(bank)?.balance;
    expect((await client.call('POST', accountPath(client, bank, '/payment'), { body: body('1.00'), sign: false })).status).toBe(466);
    expect((await client.call('POST', accountPath(client, bank, '/payment'), { body: body('1.00'), sign: 'wrong' })).status).toBe(400);
    expect(h.emu.control.getAccount(bank)?.balance).toBe(before);
  });

  it.each([
    ['a number amount', { amount: { value: 1, currency: 'EUR' }, counterparty_alias: EXTERNAL, description: 'x' }],
    ['three decimals', body('1.001')],
    ['a zero amount', body('0.00')],
    ['USD', { amount: { value: '1.00', currency: 'USD' }, counterparty_alias: EXTERNAL, description: 'x' }],
    ['an IBAN failing mod-97', body('1.00', { type: 'IBAN', value: 'NL92ABNA0417164300', name: 'X' })],
    ['an IBAN without name', body('1.00', { type: 'IBAN', value: 'NL91ABNA0417164300' })],
    ['an unknown EMAIL', body('1.00', { type: 'EMAIL', value: 'nobody@example.com' })],
    ['no description', { amount: { value: '1.00', currency: 'EUR' }, counterparty_alias: EXTERNAL }],
    ['a 141-char description to an external IBAN', body('1.00', EXTERNAL, 'x'.repeat(141))],
  ])('when the body has %s, then 400', async (_name, payload) => {
    const { info, client } = await loggedIn(h);
    const res = await client.call('POST', accountPath(client, info.accounts[0]?.id as number, '/payment'), { body: payload });
    expect(res.status).toBe(400);
  });

  it('when the same X-Bunq-Client-Request-Id is reused on a POST, then it is refused and the payment happened once', async () => {
    const { info, client } = await loggedIn(h);
    const bank = info.accounts[0]?.id as number;
    const headers = { 'x-bunq-client-request-id': 'pay-0001' };
    const first = await client.call('POST', accountPath(client, bank, '/payment'), { body: body('2.00'), headers });
    expect(first.status).toBe(200);
    const second = await client.call('POST', accountPath(client, bank, '/payment'), { body: body('2.00'), headers });
    expect(second.status).toBe(400);
    expect(second.json.Error[0].error_description).toBe('The X-Bunq-Client-Request-Id has already been used for this device.');
    expect(h.emu.control.findPaymentsByClientRequestId('pay-0001')).toHaveLength(1);
    expect(h.emu.control.findPaymentByClientRequestId('pay-0001')?.id).toBe(first.json.Response[0].Id.id);
    expect(h.emu.control.findPaymentByClientRequestId('never-sent')).toBeUndefined();
  });

  it('when paying from another user\'s account, then 404', async () => {
    const a = await loggedIn(h);
    const b = h.emu.control.createSandboxUser('person');
    const res = await a.client.call('POST', accountPath(a.client, b.accounts[0]?.id as number, '/payment'), { body: body('1.00') });
    expect(res.status).toBe(404);
  });
});

describe('POST payment-batch', () => {
  it('when a signed batch is posted, then all payments are booked with one batch id', async () => {
    const { info, client } = await loggedIn(h);
    const bank = info.accounts[0]?.id as number;
    const res = await client.call('POST', accountPath(client, bank, '/payment-batch'), { body: { payments: [body('1.00'), body('2.00')] } });
    expect(res.status).toBe(200);
    const batchId = res.json.Response[0].Id.id;
    const read = await client.call('GET', accountPath(client, bank, `/payment-batch/${batchId}`));
    expect(read.json.Response[0].PaymentBatch.payments.Payment.map((p: any) => p.amount.value).sort()).toEqual(['-1.00', '-2.00']);
  });

  it('when a batch is unsigned or overdraws, then 466 / 400 and nothing is booked', async () => {
    const { info, client } = await loggedIn(h);
    const bank = info.accounts[0]?.id as number;
    const before = h.emu.control.listPayments(bank).length;
    expect((await client.call('POST', accountPath(client, bank, '/payment-batch'), { body: { payments: [body('1.00')] }, sign: false })).status).toBe(466);
    expect((await client.call('POST', accountPath(client, bank, '/payment-batch'), { body: { payments: [body('1.00'), body('999999.00')] } })).status).toBe(400);
    expect(h.emu.control.listPayments(bank)).toHaveLength(before);
  });
});

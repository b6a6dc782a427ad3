/** Draft payments and payment requests (bunq-api.md §9.4, §9.6, §2.5, §3.2). */
import { accountPath, loggedIn, startHarness, type Harness } from './support/fixture';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(() => h.emu.close());

const entry = (value: string) => ({ amount: { value, currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: 'NL91ABNA0417164300', name: 'J. Jansen' }, description: 'Invoice 42' });

describe('draft-payment', () => {
  it('when an unsigned draft is created, then it is PENDING and no money moves', async () => {
    const { info, client } = await loggedIn(h);
    const bank = info.accounts[0]?.id as number;
    const before = h.emu.control.getAccount(bank)?.balance;
    const res = await client.call('POST', accountPath(client, bank, '/draft-payment'), { body: { entries: [entry('15.00')], number_of_required_accepts: 1 }, sign: false });
    expect(res.status).toBe(200);
    const id = res.json.Response[0].Id.id;
    const read = (await client.call('GET', accountPath(client, bank, `/draft-payment/${id}`))).json.Response[0].DraftPayment;
    expect(read).toEqual(expect.objectContaining({ id, status: 'PENDING', object: null, monetary_account_id: bank }));
    expect(read.entries[0]).toEqual(expect.objectContaining({ amount: { value: '15.00', currency: 'EUR' }, description: 'Invoice 42' }));
    expect(h.emu.control.getAccount(bank)?.balance).toBe(before);
  });

  it('when number_of_required_accepts is not 1, then 400', async () => {
    const { info, client } = await loggedIn(h);
    const res = await client.call('POST', accountPath(client, info.accounts[0]?.id as number, '/draft-payment'), { body: { entries: [entry('1.00')], number_of_required_accepts: 2 } });
    expect(res.status).toBe(400);
  });

  it('when ACCEPTED is PUT unsigned, then 466; signed, then the payment executes once', async () => {
    const { info, client } = await loggedIn(h);
    const bank = info.accounts[0]?.id as number;
    const id = (await client.call('POST', accountPath(client, bank, '/draft-payment'), { body: { entries: [entry('15.00')], number_of_required_accepts: 1 } })).json.Response[0].Id.id;
    expect((await client.call('PUT', accountPath(client, bank, `/draft-payment/${id}`), { body: { status: 'ACCEPTED' }, sign: false })).status).toBe(466);
    expect(h.emu.control.getDraftPayment(id)?.status).toBe('PENDING');
    const before = h.emu.control.getAccount(bank)?.balanceCents as number;
    const ok = await client.call('PUT', accountPath(client, bank, `/draft-payment/${id}`), { body: { status: 'ACCEPTED' } });
    expect(ok.json).toEqual({ Response: [{ Id: { id } }] });
    expect(h.emu.control.getAccount(bank)?.balanceCents).toBe(before - 1500);
    const read = (await client.call('GET', accountPath(client, bank, `/draft-payment/${id}`))).json.Response[0].DraftPayment;
    expect(read.status).toBe('ACCEPTED');
    expect(read.object.Payment.amount.value).toBe('-15.00');
    expect((await client.call('PUT', accountPath(client, bank, `/draft-payment/${id}`), { body: { status: 'ACCEPTED' } })).status).toBe(400);
  });

  it('when the owner accepts in the app (control), then the draft executes; a rejected draft cannot be accepted', async () => {
    const { info, client } = await loggedIn(h);
    const bank = info.accounts[0]?.id as number;
    const post = () => client.call('POST', accountPath(client, bank, '/draft-payment'), { body: { entries: [entry('3.00'), entry('4.00')], number_of_required_accepts: 1 } });
    const a = (await post()).json.Response[0].Id.id;
    const payments = h.emu.control.acceptDraftPayment(a);
    expect(payments.map((p) => p.amount).sort()).toEqual(['-3.00', '-4.00']);
    expect(payments[0]?.batchId).not.toBeNull();
    const b = (await post()).json.Response[0].Id.id;
    expect((await client.call('PUT', accountPath(client, bank, `/draft-payment/${b}`), { body: { status: 'REJECTED' }, sign: false })).status).toBe(200);
    expect(() => h.emu.control.acceptDraftPayment(b)).toThrow('no longer pending');
    const list = await client.call('GET', accountPath(client, bank, '/draft-payment'));
    expect(list.json.Response.map((r: any) => r.DraftPayment.status)).toEqual(['REJECTED', 'ACCEPTED']);
  });
});

describe('request-inquiry and request-response', () => {
  it('when sugardaddy@bunq.com is asked for up to €500, then the request is ACCEPTED and the account is credited', async () => {
    const { info, client } = await loggedIn(h);
    const bank = info.accounts[0]?.id as number;
    const before = h.emu.control.getAccount(bank)?.balanceCents as number;
    const res = await client.call('POST', accountPath(client, bank, '/request-inquiry'), {
      body: { amount_inquired: { value: '500.00', currency: 'EUR' }, counterparty_alias: { type: 'EMAIL', value: 'sugardaddy@bunq.com', name: 'Sugar Daddy' }, description: 'Money please', allow_bunqme: false },
    });
    expect(res.status).toBe(200);
    const id = res.json.Response[0].Id.id;
    expect(h.emu.control.getAccount(bank)?.balanceCents).toBe(before + 50000);
    const read = (await client.call('GET', accountPath(client, bank, `/request-inquiry/${id}`))).json.Response[0].RequestInquiry;
    expect(read).toEqual(expect.objectContaining({ status: 'ACCEPTED', amount_responded: { value: '500.00', currency: 'EUR' } }));
  });

  it('when allow_bunqme is missing, then 400', async () => {
    const { info, client } = await loggedIn(h);
    const res = await client.call('POST', accountPath(client, info.accounts[0]?.id as number, '/request-inquiry'), {
      body: { amount_inquired: { value: '5.00', currency: 'EUR' }, counterparty_alias: { type: 'EMAIL', value: 'sugardaddy@bunq.com' }, description: 'x' },
    });
    expect(res.status).toBe(400);
  });

  it('when a pending request is revoked, then the PUT returns the RequestInquiry object', async () => {
    const { info, client } = await loggedIn(h);
    const bank = info.accounts[0]?.id as number;
    const id = (await client.call('POST', accountPath(client, bank, '/request-inquiry'), {
      body: { amount_inquired: { value: '9.99', currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: 'NL91ABNA0417164300', name: 'J' }, description: 'Lunch', allow_bunqme: true },
    })).json.Response[0].Id.id;
    const res = await client.call('PUT', accountPath(client, bank, `/request-inquiry/${id}`), { body: { status: 'REVOKED' } });
    expect(res.status).toBe(200);
    expect(res.json.Response[0].RequestInquiry).toEqual(expect.objectContaining({ id, status: 'REVOKED' }));
  });

  it('when another emulated user is asked, then they get a RequestResponse; accepting it needs a signature and pays', async () => {
    const a = await loggedIn(h);
    const b = await loggedIn(h);
    const aBank = a.info.accounts[0] as { id: number; iban: string };
    const bBank = b.info.accounts[0]?.id as number;
    await a.client.call('POST', accountPath(a.client, aBank.id, '/request-inquiry'), {
      body: { amount_inquired: { value: '7.50', currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: b.info.accounts[0]?.iban, name: 'B' }, description: 'Cinema', allow_bunqme: false },
    });
    const list = await b.client.call('GET', accountPath(b.client, bBank, '/request-response'));
    const rr = list.json.Response[0].RequestResponse;
    expect(rr).toEqual(expect.objectContaining({ status: 'PENDING', amount_inquired: { value: '7.50', currency: 'EUR' }, description: 'Cinema' }));
    const path = accountPath(b.client, bBank, `/request-response/${rr.id}`);
    expect((await b.client.call('PUT', path, { body: { status: 'ACCEPTED' }, sign: false })).status).toBe(466);
    const aBefore = h.emu.control.getAccount(aBank.id)?.balanceCents as number;
    const res = await b.client.call('PUT', path, { body: { status: 'ACCEPTED' } });
    expect(res.json.Response[0].RequestResponse.status).toBe('ACCEPTED');
    expect(h.emu.control.getAccount(aBank.id)?.balanceCents).toBe(aBefore + 750);
    expect(h.emu.control.listRequestInquiries(aBank.id).find((r) => r.description === 'Cinema')?.status).toBe('ACCEPTED');
  });
});

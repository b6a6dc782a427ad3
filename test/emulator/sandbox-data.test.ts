/** Sandbox users and their generated data (bunq-api.md §2.5, §9.1–§9.3; SW UserPersonRead, UserCompanyRead). */
import { isValidIban, startEmulator } from '../../src/emulator';
import { fromBunqTimestamp } from '../../src/lib/clock';
import { BunqTestClient } from './support/bunq-test-client';
import { T0, loggedIn, startHarness, type Harness } from './support/fixture';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(() => h.emu.close());

async function allPayments(client: any, accountId: number): Promise<any[]> {
  const out: any[] = [];
  let path: string | null = `/user/${client.userId}/monetary-account/${accountId}/payment?count=200`;
  while (path) {
    const res: any = await client.call('GET', path);
    out.push(...res.json.Response.map((r: any) => r.Payment));
    path = res.json.Pagination.older_url;
  }
  return out;
}

describe('sandbox users', () => {
  it('when POST /sandbox-user-company is called without a body, then an ApiKey is returned and the user is a UserCompany', async () => {
    const client = new BunqTestClient(h.emu.url);
    const created = await client.call('POST', '/sandbox-user-company', { auth: null, sign: false });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({ Response: [{ ApiKey: { api_key: expect.stringMatching(/^sandbox_[0-9a-f]{56}$/) } }] });
    await client.handshake(created.json.Response[0].ApiKey.api_key);
    const res = await client.call('GET', `/user/${client.userId}`);
    const company = res.json.Response[0].UserCompany;
    expect(company.chamber_of_commerce_number).toMatch(/^\d{8}$/);
    expect(company.ubo.length).toBeGreaterThan(0);
    expect(company.ubo[0]).toEqual({ name: expect.any(String), date_of_birth: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), nationality: expect.any(String) });
    expect(company.address_main.city).toEqual(expect.any(String));
    expect((await client.call('GET', `/user-company/${client.userId}`)).status).toBe(200);
    expect((await client.call('GET', `/user-person/${client.userId}`)).status).toBe(404);
  });

  it('when a person is created, then passport-level personal data is present for the gateway to redact', async () => {
    const { client } = await loggedIn(h);
    const p = (await client.call('GET', `/user-person/${client.userId}`)).json.Response[0].UserPerson;
    for (const field of ['first_name', 'last_name', 'legal_name', 'display_name', 'date_of_birth', 'place_of_birth', 'country_of_birth', 'nationality', 'document_type', 'document_number', 'document_country_of_issuance']) {
      expect(typeof p[field]).toBe('string');
    }
    expect(p.tax_resident[0]).toEqual(expect.objectContaining({ country: 'NL', tax_number: expect.stringMatching(/^\d{9}$/) }));
    expect(p.address_main).toEqual(expect.objectContaining({ street: expect.any(String), postal_code: expect.any(String), country: 'NL' }));
    expect(p.address_postal).toBeDefined();
    expect(p.alias.map((a: any) => a.type).sort()).toEqual(['EMAIL', 'PHONE_NUMBER']);
    expect(p.session_timeout).toBe(300);
  });

  it('when the accounts are listed, then there is one Bank, one Savings and one Joint account, each with a mod-97 valid NL IBAN', async () => {
    const { client } = await loggedIn(h);
    const res = await client.call('GET', `/user/${client.userId}/monetary-account`);
    const types = res.json.Response.map((r: object) => Object.keys(r)[0]).sort();
    expect(types).toEqual(['MonetaryAccountBank', 'MonetaryAccountJoint', 'MonetaryAccountSavings']);
    for (const wrapper of res.json.Response) {
      const acc: any = Object.values(wrapper)[0];
      const iban = acc.alias.find((a: any) => a.type === 'IBAN').value;
      expect(iban).toMatch(/^NL\d{2}BUNQ\d{10}$/);
      expect(isValidIban(iban)).toBe(true);
      expect(acc.balance.value).toMatch(/^\d+\.\d{2}$/);
      expect(acc.balance.currency).toBe('EUR');
    }
    const joint: any = res.json.Response.find((r: any) => r.MonetaryAccountJoint).MonetaryAccountJoint;
    expect(joint.all_co_owner).toHaveLength(2);
    expect((await client.call('GET', `/user/${client.userId}/monetary-account-joint/${joint.id}`)).status).toBe(200);
    expect((await client.call('GET', `/user/${client.userId}/monetary-account-bank/${joint.id}`)).status).toBe(404);
  });

  it('when the payment history is read, then it spans about 120 days, mixes in and out, and balances add up', async () => {
    const { info, client } = await loggedIn(h);
    const bank = info.accounts.find((a) => a.type === 'MonetaryAccountBank');
    const payments = await allPayments(client, bank?.id ?? 0);
    expect(payments.length).toBeGreaterThan(120);
    const times = payments.map((p) => fromBunqTimestamp(p.created));
    expect(T0 - Math.min(...times)).toBeGreaterThan(115 * 86_400_000);
    expect(Math.max(...times)).toBeLessThan(T0);
    expect(payments.some((p) => p.amount.value.startsWith('-'))).toBe(true);
    expect(payments.some((p) => !p.amount.value.startsWith('-'))).toBe(true);
    expect(payments.some((p) => p.counterparty_alias.iban && !p.counterparty_alias.iban.includes('BUNQ'))).toBe(true);
    expect(payments.every((p) => p.counterparty_alias.iban === null || isValidIban(p.counterparty_alias.iban))).toBe(true);
    const newest = payments[0];
    expect(newest.balance_after_mutation.value).toBe(h.emu.control.getAccount(bank?.id ?? 0)?.balance);
    const toCents = (v: string) => Math.round(Number(v) * 100);
    for (let i = 0; i < payments.length - 1; i++) {
      const diff = toCents(payments[i].balance_after_mutation.value) - toCents(payments[i + 1].balance_after_mutation.value);
      expect(diff).toBe(toCents(payments[i].amount.value));
    }
  });

  it('when generated data has non-ASCII text, then the wire body escapes it as \\uXXXX', async () => {
    const { info, client } = await loggedIn(h);
    const res = await client.call('GET', `/user/${client.userId}/monetary-account/${info.accounts[0]?.id}/payment?count=200`);
    expect(/^[\x00-\x7f]*$/.test(res.text)).toBe(true);
    expect(res.text).toMatch(/\\u00[0-9a-f]{2}/);
    expect(res.json.Response.some((r: any) => /[^\x00-\x7f]/.test(`${r.Payment.description}${r.Payment.counterparty_alias.display_name}`))).toBe(true);
  });

  it('when request-inquiries are listed, then a few pre-created ones exist', async () => {
    const { info, client } = await loggedIn(h);
    const res = await client.call('GET', `/user/${client.userId}/monetary-account/${info.accounts[0]?.id}/request-inquiry`);
    expect(res.json.Response.length).toBeGreaterThanOrEqual(3);
    expect(res.json.Response.map((r: any) => r.RequestInquiry.status)).toEqual(expect.arrayContaining(['PENDING', 'ACCEPTED', 'REJECTED']));
  });

  it('when two emulators use the same seed and clock, then they generate the same data', async () => {
    const [a, b] = await Promise.all([startHarness({ seed: 7 }), startHarness({ seed: 7 })]);
    try {
      const ua = a.emu.control.createSandboxUser('person');
      const ub = b.emu.control.createSandboxUser('person');
      expect(ua.accounts.map((x) => x.iban)).toEqual(ub.accounts.map((x) => x.iban));
      expect(a.emu.control.listPayments(ua.accounts[0]?.id ?? 0)).toEqual(b.emu.control.listPayments(ub.accounts[0]?.id ?? 0));
      expect(ua.apiKey).not.toBe(ub.apiKey);
    } finally {
      await Promise.all([a.emu.close(), b.emu.close()]);
    }
  });

  it('when startEmulator runs with defaults, then it listens on an ephemeral loopback port and closes cleanly', async () => {
    const emu = await startEmulator();
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.baseUrl).toBe(`${emu.url}/v1`);
    await emu.close();
  });
});

/** List pagination (bunq-api.md §6, §12.6). */
import { accountPath, loggedIn, startHarness, type Harness } from './support/fixture';
import type { BunqTestClient } from './support/bunq-test-client';

let h: Harness;
let client: BunqTestClient;
let bankId: number;
beforeAll(async () => {
  h = await startHarness();
  const s = await loggedIn(h);
  client = s.client;
  bankId = s.info.accounts[0]?.id ?? 0;
});
afterAll(() => h.emu.close());

const ids = (res: any): number[] => res.json.Response.map((r: any) => r.Payment.id);

describe('pagination', () => {
  it('when older_url is followed to the end, then every payment appears exactly once, newest first', async () => {
    const expected = h.emu.control.listPayments(bankId).map((p) => p.id);
    const seen: number[] = [];
    let path: string | null = `/v1${accountPath(client, bankId, '/payment?count=25')}`;
    let first = true;
    while (path) {
      const res: any = await client.call('GET', path);
      expect(res.status).toBe(200);
      const page = ids(res);
      expect(page).toEqual([...page].sort((a, b) => b - a));
      if (first) {
        expect(res.json.Pagination.newer_url).toBeNull();
        expect(res.json.Pagination.future_url).toBe(`/v1${accountPath(client, bankId)}/payment?count=25&newer_id=${page[0]}`);
        first = false;
      } else {
        expect(res.json.Pagination.future_url).toBeNull();
        expect(res.json.Pagination.newer_url).toBe(`/v1${accountPath(client, bankId)}/payment?count=25&newer_id=${page[0]}`);
      }
      seen.push(...page);
      path = res.json.Pagination.older_url;
      if (path) expect(path).toBe(`/v1${accountPath(client, bankId)}/payment?count=25&older_id=${page[page.length - 1]}`);
    }
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('when newer_id is given, then the page holds the next-newer items closest to it, newest first', async () => {
    const all = h.emu.control.listPayments(bankId).map((p) => p.id);
    const pivot = all[30] as number;
    const res = await client.call('GET', accountPath(client, bankId, `/payment?count=5&newer_id=${pivot}`));
    expect(ids(res)).toEqual(all.slice(25, 30));
    expect(res.json.Pagination.newer_url).toContain(`newer_id=${all[25]}`);
    expect(res.json.Pagination.older_url).toContain(`older_id=${all[29]}`);
  });

  it('when future_url is polled after a new payment, then only the new payment comes back', async () => {
    const first = await client.call('GET', accountPath(client, bankId, '/payment?count=10'));
    const future = first.json.Pagination.future_url as string;
    expect((await client.call('GET', future)).json.Response).toEqual([]);
    const sent = await client.call('POST', accountPath(client, bankId, '/payment'), {
      body: { amount: { value: '1.00', currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: 'NL91ABNA0417164300', name: 'Test' }, description: 'poll' },
    });
    const polled = await client.call('GET', future);
    expect(ids(polled)).toEqual([sent.json.Response[0].Id.id]);
    expect(polled.json.Pagination.future_url).toContain(`newer_id=${sent.json.Response[0].Id.id}`);
  });

  it('when count is omitted, then 10 items come back and the URLs carry count=10', async () => {
    const res = await client.call('GET', accountPath(client, bankId, '/payment'));
    expect(res.json.Response).toHaveLength(10);
    expect(res.json.Pagination.older_url).toMatch(/\?count=10&older_id=\d+$/);
  });

  it('when count is above 200 or not a number, then 400', async () => {
    expect((await client.call('GET', accountPath(client, bankId, '/payment?count=201'))).status).toBe(400);
    expect((await client.call('GET', accountPath(client, bankId, '/payment?count=abc'))).status).toBe(400);
    expect((await client.call('GET', accountPath(client, bankId, '/payment?count=200'))).status).toBe(200);
  });

  it('when other lists are read, then they carry Pagination too', async () => {
    const res = await client.call('GET', `/user/${client.userId}/monetary-account?count=2`);
    expect(res.json.Response).toHaveLength(2);
    expect(res.json.Pagination.older_url).toMatch(/^\/v1\/user\/\d+\/monetary-account\?count=2&older_id=\d+$/);
    const users = await client.call('GET', '/user');
    expect(users.json.Pagination).toEqual({ future_url: `/v1/user?count=10&newer_id=${client.userId}`, newer_url: null, older_url: null });
  });
});

/**
 * The emulator does what ../shared/reference/bunq-api.md and bunq-clients.md say bunq does, in
 * the places a review found it did not (each test names its source): request ids unique per
 * device on every method, the 466 answer's extra parameter, "/" escaped on the wire, and
 * request-inquiry fields kept as sent.
 */
import { accountPath, loggedIn, startHarness, type Harness } from '../emulator/support/fixture';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.emu.close());

const sugar = (ref?: string) => ({
  amount_inquired: { value: '5.00', currency: 'EUR' },
  counterparty_alias: { type: 'IBAN', value: 'NL91ABNA0417164300', name: 'J. Smit' },
  description: 'review',
  allow_bunqme: false,
  ...(ref ? { merchant_reference: ref } : {}),
});

describe('X-Bunq-Client-Request-Id (bunq-api.md §4.1 "unique per logged-in user; reuse on same DeviceServer → error", §12.7)', () => {
  it('a reused id on GET is refused', async () => {
    const { client } = await loggedIn(h);
    const headers = { 'x-bunq-client-request-id': 'review-get-1' };
    expect((await client.call('GET', '/user', { headers })).status).toBe(200);
    expect((await client.call('GET', '/user', { headers })).status).toBeGreaterThanOrEqual(400);
  });

  it('a reused id on PUT (after the same id was used on a POST) is refused', async () => {
    const { info, client } = await loggedIn(h);
    const bank = info.accounts[0]!.id;
    const headers = { 'x-bunq-client-request-id': 'review-put-1' };
    const created = await client.call('POST', accountPath(client, bank, '/request-inquiry'), { body: sugar(), headers });
    expect(created.status).toBe(200);
    const id = created.json.Response[0].Id.id as number;
    const revoke = await client.call('PUT', accountPath(client, bank, `/request-inquiry/${id}`), { body: { status: 'REVOKED' }, headers });
    expect(revoke.status).toBeGreaterThanOrEqual(400);
  });
});

describe('466 body (bunq-api.md §3.4: plus error_additional_parameter:[{"url_together_post":…}])', () => {
  it('an unsigned POST payment carries error_additional_parameter', async () => {
    const { info, client } = await loggedIn(h);
    const res = await client.call('POST', accountPath(client, info.accounts[0]!.id, '/payment'), {
      sign: false,
      body: { amount: { value: '1.00', currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: 'NL91ABNA0417164300', name: 'J. Smit' }, description: 'x' },
    });
    expect(res.status).toBe(466);
    expect(Array.isArray(res.json.Error[0].error_additional_parameter)).toBe(true);
  });
});

describe('JSON escaping (bunq-clients.md §1.5 and §6: bunq escapes "/" as "\\/", PHP json_encode default)', () => {
  it('Pagination URLs are written with \\/ on the wire', async () => {
    const { client } = await loggedIn(h);
    const res = await client.call('GET', '/user');
    expect(res.status).toBe(200);
    expect(res.text).toContain('"\\/v1\\/user');
    expect(res.text).not.toContain('"/v1/user');
  });
});

describe('RequestInquiry (bunq-api.md §9.6)', () => {
  it('merchant_reference is unique per source account', async () => {
    const { info, client } = await loggedIn(h);
    const path = accountPath(client, info.accounts[0]!.id, '/request-inquiry');
    expect((await client.call('POST', path, { body: sugar('ref-1') })).status).toBe(200);
    expect((await client.call('POST', path, { body: sugar('ref-1') })).status).toBeGreaterThanOrEqual(400);
  });

  it('minimum_age and require_address sent on POST are read back', async () => {
    const { info, client } = await loggedIn(h);
    const path = accountPath(client, info.accounts[0]!.id, '/request-inquiry');
    const created = await client.call('POST', path, { body: { ...sugar(), minimum_age: 18, require_address: 'BILLING' } });
    expect(created.status).toBe(200);
    const id = created.json.Response[0].Id.id as number;
    const read = await client.call('GET', `${path}/${id}`);
    expect(read.json.Response[0].RequestInquiry.minimum_age).toBe(18);
    expect(read.json.Response[0].RequestInquiry.require_address).toBe('BILLING');
  });
});

// Issue #3: a balance widget sees the joint account's balance and the user without personal
// data; nothing else. A token with read-personal-data sees the personal data.
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call, counting, errorOf, items } from '../component/support/calls';

const PERSONAL_FIELDS = [
  'date_of_birth', 'place_of_birth', 'country_of_birth', 'nationality', 'all_nationality',
  'document_type', 'document_number', 'document_country_of_issuance',
  'address_main', 'address_postal', 'tax_resident', 'legal_name',
] as const;

let t: TestGateway;
let widget: string;
let personal: string;

beforeAll(async () => {
  t = await startTestGateway();
  widget = (await t.issue({ scopes: ['read-user', 'read-balance'], accounts: [t.joint.id] }, { name: 'widget' })).bearer;
  personal = (await t.issue({ scopes: ['read-personal-data', 'read-balance'], accounts: [t.joint.id] }, { name: 'kyc' })).bearer;
});
afterAll(async () => t?.close());

const accountsPath = () => `/v1/user/${t.user.userId}/monetary-account`;

test("when the widget lists the monetary accounts, then it sees only the joint account with the emulator's balance", async () => {
  const res = await call(t, 'GET', accountsPath(), widget);
  expect(res.status).toBe(200);
  const listed = items(res);
  expect(listed.map((a) => a['id'])).toEqual([t.joint.id]);
  expect(listed[0]!['balance']).toEqual({ value: t.emulator.control.getAccount(t.joint.id)!.balance, currency: 'EUR' });
  const text = JSON.stringify(res.body);
  expect(text).not.toContain(t.personal.iban);
  expect(text).not.toContain(t.savings.iban);
});

test('when the widget reads the joint account directly, then it gets it', async () => {
  const res = await call(t, 'GET', `${accountsPath()}/${t.joint.id}`, widget);
  expect(res.status).toBe(200);
  expect(items(res)[0]!['id']).toBe(t.joint.id);
});

test.each([
  ['monetary-account', 'personal'],
  ['monetary-account', 'savings'],
  ['monetary-account-bank', 'personal'],
  ['monetary-account-savings', 'savings'],
] as const)('when the widget reads another account (%s, the %s account), then it is refused with 403 and bunq is not called', async (kind, which) => {
  const id = t[which].id;
  const { result: res, upstream } = await counting(t, () => call(t, 'GET', `/v1/user/${t.user.userId}/${kind}/${id}`, widget));
  expect(res.status).toBe(403);
  expect(errorOf(res).error_code).toBe('account_not_allowed');
  expect(upstream).toBe(0);
});

test('when the widget lists payments of its own account, then it is refused with scope_missing and bunq is not called', async () => {
  const { result: res, upstream } = await counting(t, () => call(t, 'GET', `${accountsPath()}/${t.joint.id}/payment`, widget));
  expect(res.status).toBe(403);
  expect(errorOf(res).error_code).toBe('scope_missing');
  expect(upstream).toBe(0);
});

test('when the widget reads /v1/user, then it gets the user without personal data but with id, display name and session timeout', async () => {
  const res = await call(t, 'GET', '/v1/user', widget);
  expect(res.status).toBe(200);
  const user = items(res)[0]!;
  expect(user['id']).toBe(t.user.userId);
  expect(typeof user['display_name']).toBe('string');
  expect(typeof user['session_timeout']).toBe('number');
  for (const field of PERSONAL_FIELDS) {
    const value = user[field];
    expect({ field, value: value === undefined || value === null || (Array.isArray(value) && value.length === 0) ? 'absent' : value }).toEqual({ field, value: 'absent' });
  }
  const full = t.emulator.control.getUser(t.user.userId)!;
  expect(full.id).toBe(t.user.userId);
});

test('when a read-personal-data token reads /v1/user, then it sees the personal data', async () => {
  const res = await call(t, 'GET', '/v1/user', personal);
  expect(res.status).toBe(200);
  const user = items(res)[0]!;
  for (const field of ['date_of_birth', 'document_number', 'address_main', 'tax_resident', 'legal_name']) {
    expect(user[field]).toBeTruthy();
  }
});

test('when the widget reads its user by id, then the personal data is removed there too', async () => {
  const res = await call(t, 'GET', `/v1/user/${t.user.userId}`, widget);
  expect(res.status).toBe(200);
  const user = items(res)[0]!;
  expect(user['date_of_birth'] ?? null).toBeNull();
  expect(user['document_number'] ?? null).toBeNull();
});

// Issue #3: every decision, allowed or denied, leaves exactly one audit row naming the token,
// the endpoint template, the account, the amount (payments), the decision and its reason; no
// row ever holds a credential, the bunq API key or the request body.
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import type { IssuedToken } from '../../src/tokens/token-service';
import { call, paymentBody } from './support/calls';

const PAYEE = 'NL91ABNA0417164300';
const SECRET_DESCRIPTION = 'audit-canary-7f3a9c description';
let t: TestGateway;
let tok: IssuedToken;

beforeAll(async () => {
  t = await startTestGateway();
  tok = await t.issue({
    scopes: ['read-balance', 'create-payment'],
    accounts: [t.personal.id, t.savings.id],
    payment: { maxPerPayment: '50.00', caps: { day: '60.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
  });
});
afterAll(async () => t?.close());

// Rows of calls that moved no money are buffered for a few ms (audit-log.ts): write them first.
const rows = async () => {
  await t.runtime.audit.flush();
  return t.runtime.db.auditEvent.findMany({ orderBy: { id: 'asc' } });
};

/** Makes the call and returns the audit rows it added. */
async function audited(fn: () => Promise<unknown>) {
  const before = (await rows()).length;
  await fn();
  return (await rows()).slice(before);
}

const payPath = () => `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;

test('when a payment is allowed, then exactly one row records token, endpoint template, account, amount and "allow"', async () => {
  const added = await audited(() => call(t, 'POST', payPath(), tok.bearer, { body: paymentBody('12.34', PAYEE, SECRET_DESCRIPTION) }));
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({
    tokenId: tok.token.id,
    endpoint: 'POST /v1/user/{userID}/monetary-account/{monetary-accountID}/payment',
    monetaryAccountId: t.personal.id,
    amountMinor: 1234n,
    currency: 'EUR',
    counterpartyIban: PAYEE,
    decision: 'allow',
    reasonId: 'allowed',
    status: 200,
    upstreamStatus: 200,
  });
});

test.each([
  ['above maxPerPayment', '50.01', PAYEE, 'amount_exceeds_max'],
  ['to an unknown IBAN', '1.00', 'DE89370400440532013000', 'counterparty_not_allowed'],
  ['past the day cap', '48.00', PAYEE, 'cap_exceeded'],
])('when a payment %s is denied, then exactly one row records the token, endpoint, account, "deny" and the reason', async (_what, value, iban, reason) => {
  const added = await audited(() => call(t, 'POST', payPath(), tok.bearer, { body: paymentBody(value, iban, SECRET_DESCRIPTION) }));
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({
    tokenId: tok.token.id,
    endpoint: 'POST /v1/user/{userID}/monetary-account/{monetary-accountID}/payment',
    monetaryAccountId: t.personal.id,
    decision: 'deny',
    reasonId: reason,
    status: 403,
    upstreamStatus: null,
  });
});

test('when a read is allowed, then exactly one row records it', async () => {
  const added = await audited(() => call(t, 'GET', `/v1/user/${t.user.userId}/monetary-account/${t.savings.id}`, tok.bearer));
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({
    tokenId: tok.token.id,
    endpoint: 'GET /v1/user/{userID}/monetary-account/{itemId}',
    monetaryAccountId: t.savings.id,
    amountMinor: null,
    decision: 'allow',
    reasonId: 'allowed',
  });
});

test.each([
  ['a missing scope', () => `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`, 'scope_missing', 403],
  ['another account', () => `/v1/user/${t.user.userId}/monetary-account/${t.joint.id}`, 'account_not_allowed', 403],
  ['an unknown endpoint', () => `/v1/user/${t.user.userId}/card`, 'endpoint_not_allowed', 0],
])('when a read is denied for %s, then exactly one row records the token, "deny" and the reason', async (_what, path, reason, status) => {
  const added = await audited(() => call(t, 'GET', path(), tok.bearer));
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({ tokenId: tok.token.id, decision: 'deny' });
  if (status !== 0) expect(added[0]).toMatchObject({ reasonId: reason, status });
  else expect(added[0]!.status).toBeGreaterThanOrEqual(400);
});

test('when the token is bad, then exactly one row records the denial without a token id', async () => {
  const added = await audited(() => call(t, 'GET', '/v1/user', 'bgw_not.a.token'));
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({ tokenId: null, decision: 'deny', reasonId: 'token_invalid', status: 401 });
});

test('when a revoked token calls, then exactly one row records the denial and its reason', async () => {
  const other = await t.issue({ scopes: ['read-balance'], accounts: [t.personal.id] });
  await t.runtime.tokens.revoke(other.token.id);
  const added = await audited(() => call(t, 'GET', `/v1/user/${t.user.userId}/monetary-account`, other.bearer));
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({ decision: 'deny', reasonId: 'token_revoked', status: 401 });
});

test('when all audit rows are read back, then none contains a bearer token, a bunq-key form, the bunq API key or a request body', async () => {
  const all = await rows();
  expect(all.length).toBeGreaterThanOrEqual(9);
  const text = JSON.stringify(all, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  for (const secret of [tok.bearer, tok.bearer.slice(4), tok.bearer.split('.')[2]!, tok.bunqKey, t.user.apiKey, SECRET_DESCRIPTION, 'audit-canary']) {
    expect(text).not.toContain(secret);
  }
  expect(text).not.toMatch(/bgw_ey/);
  expect(text).not.toMatch(/"counterparty_alias"|"amount":\{/);
});

// Two rules every catalog entry must keep, each checked per endpoint so that removing it from
// any one entry fails here: (1) the {userID} in the path is the gateway's one bunq user;
// (2) a draft payment created directly is held to the same currency, per-payment maximum and
// IBAN allowlist as a payment (the owner still approves it in the app, but the token's limits
// are what "pay within limits" promises).
import { decide } from '../../../src/policy/decide';
import { A, ALLOWED_IBAN, OTHER_IBAN, USER, call, catalog, ctx, payer } from './helpers';

const ALL_SCOPES = ['read-user', 'read-personal-data', 'read-balance', 'read-transactions', 'read-key-requests', 'read-draft-payments', 'create-request', 'cancel-request', 'create-payment'];
const everything = payer({}, { scopes: ALL_SCOPES, accounts: [11, 12] });

const draftBody = (value: string, currency: string, iban: string) => ({
  entries: [{ amount: { value, currency }, counterparty_alias: { type: 'IBAN', value: iban, name: 'S' }, description: 'x' }],
  number_of_required_accepts: 1,
});
/** A body each write endpoint accepts, so that only the path decides. */
const BODIES: Record<string, unknown> = {
  'payment.create': { amount: { value: '12.50', currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: ALLOWED_IBAN, name: 'S' }, description: 'x' },
  'draft-payment.create': draftBody('3.00', 'EUR', ALLOWED_IBAN),
  'request-inquiry.create': { amount_inquired: { value: '1.00', currency: 'EUR' }, counterparty_alias: { type: 'EMAIL', value: 'a@example.com' }, description: 'x', allow_bunqme: true },
  'request-inquiry.revoke': { status: 'REVOKED' },
};

// Every forwarded endpoint that names a bunq user (listed from the paths, not from the
// conditions, so an entry that loses its user-id condition is still tested here).
const withUserId = catalog.entries.filter((e) => e.handledBy === 'upstream' && /^\/user[-/]/.test(e.path));

test('every forwarded endpoint under /user is covered', () => {
  expect(withUserId.length).toBeGreaterThanOrEqual(21);
});

test.each(withUserId.map((e) => [e.id, e] as const))('%s: another bunq user id in the path is refused (user_not_allowed)', (_id, entry) => {
  // {itemId} is the user itself on /user/{itemId}, the account on /monetary-account*/{itemId}.
  const item = !entry.path.includes('{userID}') ? USER + 1 : entry.path.includes('{monetary-accountID}') ? 5 : 11;
  const path = `/v1${entry.path}`.replace('{userID}', String(USER + 1)).replace('{monetary-accountID}', '11').replace('{itemId}', String(item));
  const decision = decide(call(entry.method, path, BODIES[entry.id]), everything, ctx);
  expect(decision).toMatchObject({ allowed: false, reasonId: 'user_not_allowed' });
  // And the same call for the gateway's own user is not refused for that reason.
  const own = decide(call(entry.method, path.replaceAll(`/${USER + 1}`, `/${USER}`), BODIES[entry.id]), everything, ctx);
  expect(own.reasonId).not.toBe('user_not_allowed');
});

describe('a draft payment created directly', () => {
  it.each([
    ['to an IBAN outside the allowlist', draftBody('3.00', 'EUR', OTHER_IBAN), 'counterparty_not_allowed'],
    ['above the per-payment maximum', draftBody('500.01', 'EUR', ALLOWED_IBAN), 'amount_exceeds_max'],
    ['in another currency', draftBody('3.00', 'USD', ALLOWED_IBAN), 'currency_not_allowed'],
  ])('when it is %s, then it is refused', (_label, body, reasonId) => {
    expect(decide(call('POST', `${A}/draft-payment`, body), payer(), ctx)).toMatchObject({ allowed: false, reasonId });
  });
});

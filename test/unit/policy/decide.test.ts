import type { GatewayCall } from '../../../src/policy/call';
import { decide } from '../../../src/policy/decide';
import { A, ALLOWED_IBAN, NOW, OTHER_IBAN, USER, call, ctx, grant, payer, paymentBody } from './helpers';

const otherIban = { type: 'IBAN', value: OTHER_IBAN, name: 'Someone' };

describe('decide: effects of an allow', () => {
  it('when a read is allowed, then the decision names the scope, account and filter', () => {
    expect(decide(call('GET', `${A}/payment`), grant({ scopes: ['read-transactions'] }), ctx)).toEqual({
      allowed: true,
      reasonId: 'allowed',
      status: 200,
      endpointId: 'payment.list',
      scope: 'read-transactions',
      accountId: 11,
      filter: { accounts: [11, 12], redactPersonalData: true, hideBalances: false },
    });
  });

  it('when read-recent allows it, then the filter carries the window start', () => {
    const d = decide(call('GET', `${A}/payment/5`), grant({ scopes: ['read-recent'], recentDays: 10 }), ctx);
    expect(d).toMatchObject({ allowed: true, scope: 'read-recent', filter: { windowStartMs: NOW - 10 * 86_400_000 } });
  });

  it('when no scope of the grant reads balances or payments, then the filter hides balances', () => {
    for (const scopes of [['read-balance'], ['read-transactions'], ['read-recent'], ['read-draft-payments', 'read-balance']]) {
      expect(decide(call('GET', `${A}/draft-payment/5`), grant({ scopes: ['read-draft-payments', ...scopes] }), ctx)).toMatchObject({ filter: { hideBalances: false } });
    }
    expect(decide(call('GET', `${A}/draft-payment/5`), grant({ scopes: ['read-draft-payments', 'create-payment'], payment: payer().payment! }), ctx)).toMatchObject({ filter: { hideBalances: true } });
  });

  it('when the grant holds read-personal-data, then user objects are not redacted', () => {
    expect(decide(call('GET', '/v1/user'), grant({ scopes: ['read-personal-data'] }), ctx)).toMatchObject({ scope: 'read-personal-data', filter: { redactPersonalData: false } });
    expect(decide(call('GET', '/v1/user'), grant({ scopes: ['read-user'] }), ctx)).toMatchObject({ scope: 'read-user', filter: { redactPersonalData: true } });
  });

  it('when a payment to an allowlisted IBAN is allowed, then the spend to reserve is exact', () => {
    const d = decide(call('POST', `${A}/payment`, paymentBody({ amount: { value: '500.00', currency: 'EUR' } })), payer(), ctx);
    expect(d).toEqual({
      allowed: true,
      reasonId: 'allowed',
      status: 200,
      endpointId: 'payment.create',
      scope: 'create-payment',
      accountId: 11,
      filter: { accounts: [11, 12], redactPersonalData: true, hideBalances: true },
      spend: { amountMinor: 50000n, currency: 'EUR', accountId: 11, counterpartyIban: ALLOWED_IBAN, mode: 'payment' },
    });
  });

  it('when the IBAN is outside the allowlist and the grant says draft, then the call is converted to a draft', () => {
    const d = decide(call('POST', `${A}/payment`, paymentBody({ counterparty_alias: otherIban })), payer({ outsideAllowlist: 'draft' }), ctx);
    expect(d).toMatchObject({
      allowed: true,
      reasonId: 'converted_to_draft',
      endpointId: 'payment.create',
      spend: { amountMinor: 1250n, counterpartyIban: OTHER_IBAN, mode: 'draft' },
      rewrite: { endpointId: 'draft-payment.create', method: 'POST' },
      recordOwnership: { kind: 'draft-payment' },
    });
  });

  it('when a draft is created directly, then its spend has mode draft and the draft is recorded as owned', () => {
    const body = { entries: [{ amount: { value: '3.00', currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: ALLOWED_IBAN, name: 'S' }, description: 'x' }], number_of_required_accepts: 1 };
    expect(decide(call('POST', `${A}/draft-payment`, body), payer(), ctx)).toMatchObject({
      reasonId: 'allowed',
      spend: { amountMinor: 300n, mode: 'draft' },
      recordOwnership: { kind: 'draft-payment' },
    });
  });

  it('when a request is revoked with cancel-request, then ownership of the request is required', () => {
    const d = decide(call('PUT', `${A}/request-inquiry/9`, { status: 'REVOKED' }), grant({ scopes: ['cancel-request'] }), ctx);
    expect(d).toMatchObject({ allowed: true, requireOwnership: { kind: 'request-inquiry', itemId: 9 } });
  });

  it('when request-inquiries are listed with read-key-requests, then only own requests survive the filter', () => {
    expect(decide(call('GET', `${A}/request-inquiry`), grant({ scopes: ['read-key-requests'] }), ctx)).toMatchObject({ filter: { ownRequestsOnly: true } });
  });
});

describe('decide: deny by default', () => {
  it('when the endpoint id is not in the catalog, then it denies endpoint_not_allowed', () => {
    const forged: GatewayCall = { ...call('GET', `${A}/payment`), endpointId: 'card.list' };
    expect(decide(forged, grant({ scopes: ['read-transactions'] }), ctx)).toMatchObject({ allowed: false, reasonId: 'endpoint_not_allowed', status: 403 });
  });

  it('when the method does not match the entry, then it denies', () => {
    const forged: GatewayCall = { ...call('GET', `${A}/payment`), method: 'POST' };
    expect(decide(forged, grant({ scopes: ['read-transactions', 'create-payment'] }), ctx)).toMatchObject({ allowed: false, reasonId: 'endpoint_not_allowed' });
  });

  it('when the entry is answered by the gateway, then decide still denies it', () => {
    const forged: GatewayCall = { ...call('GET', '/v1/user'), endpointId: 'session-server.create', method: 'POST' };
    expect(decide(forged, grant(), ctx)).toMatchObject({ allowed: false, reasonId: 'endpoint_not_allowed' });
  });

  it('when a money body cannot be read, then it denies body_invalid', () => {
    const forged: GatewayCall = { ...call('POST', `${A}/draft-payment`, { entries: [{ amount: { value: '1.00', currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: ALLOWED_IBAN, name: 'S' }, description: 'x' }], number_of_required_accepts: 1 }), body: { entries: [] } };
    expect(decide(forged, payer(), ctx)).toMatchObject({ allowed: false, reasonId: 'body_invalid', endpointId: 'draft-payment.create' });
  });
});

describe('decide: the first failing condition wins, in the documented order', () => {
  // Every check fails at once; remove the earliest failure step by step and watch the reason move down the order.
  const bad = { scopes: ['create-payment'], accounts: [11, 12] };
  const wrong = (user: number, account: number) =>
    call('POST', `/v1/user/${user}/monetary-account/${account}/payment`, paymentBody({ amount: { value: '900.00', currency: 'USD' }, counterparty_alias: otherIban }));

  it.each([
    ['scope_missing', grant({ scopes: ['read-user'] }), wrong(999, 99)],
    ['user_not_allowed', payer({}, bad), wrong(999, 99)],
    ['account_not_allowed', payer({}, bad), wrong(USER, 99)],
    ['source_account_not_allowed', payer({}, bad), wrong(USER, 12)],
    ['currency_not_allowed', payer({}, bad), wrong(USER, 11)],
    ['amount_exceeds_max', payer({ currency: 'USD' }, bad), wrong(USER, 11)],
    ['counterparty_not_allowed', payer({ currency: 'USD', maxPerPayment: '1000.00' }, bad), wrong(USER, 11)],
  ])('when every later check also fails, then the reason is %s', (reason, g, c) => {
    expect(decide(c, g, ctx)).toMatchObject({ allowed: false, reasonId: reason, endpointId: 'payment.create' });
  });

  it('when every check passes, then it is converted to a draft only as the very last step', () => {
    expect(decide(wrong(USER, 11), payer({ currency: 'USD', maxPerPayment: '1000.00', outsideAllowlist: 'draft' }, bad), ctx)).toMatchObject({ reasonId: 'converted_to_draft' });
  });
});

describe('decide: messages', () => {
  it('when any denial is produced, then it never reads like a dead session', () => {
    const denials = [
      decide(call('POST', `${A}/payment`, paymentBody()), grant(), ctx),
      decide(call('GET', '/v1/user/1/monetary-account'), grant({ scopes: ['read-balance'] }), ctx),
      decide(call('GET', `/v1/user/${USER}/monetary-account/99`), grant({ scopes: ['read-balance'] }), ctx),
    ];
    for (const d of denials) {
      expect(d.allowed).toBe(false);
      expect(!d.allowed && d.message).not.toMatch(/Insufficient auth/i);
    }
  });
});

import { explain } from '../../../src/policy/explain';
import { A, OTHER_IBAN, ctx, grant, payer, paymentBody, raw } from './helpers';

describe('explain', () => {
  it('when the call is allowed, then it names the scope and the effects (amounts as strings)', () => {
    const e = explain(raw('POST', `${A}/payment`, paymentBody()), payer(), ctx);
    expect(e).toMatchObject({
      allowed: true,
      reasonId: 'allowed',
      status: 200,
      endpointId: 'payment.create',
      scope: 'create-payment',
      message: "Allowed by the scope 'create-payment'.",
      effects: { accountId: 11, spend: { amount: '12.50', currency: 'EUR', mode: 'payment' } },
    });
    expect(() => JSON.stringify(e)).not.toThrow();
  });

  it('when the call would be converted to a draft, then it says so', () => {
    const e = explain(raw('POST', `${A}/payment`, paymentBody({ counterparty_alias: { type: 'IBAN', value: OTHER_IBAN, name: 'X' } })), payer({ outsideAllowlist: 'draft' }), ctx);
    expect(e).toMatchObject({ allowed: true, reasonId: 'converted_to_draft', effects: { rewrite: { endpointId: 'draft-payment.create' } } });
    expect(e.message).toMatch(/draft payment/);
  });

  it('when ownership is involved, then the ownership effects are shown', () => {
    expect(explain(raw('PUT', `${A}/request-inquiry/9`, { status: 'REVOKED' }), grant({ scopes: ['cancel-request'] }), ctx)).toMatchObject({
      allowed: true,
      effects: { requireOwnership: { kind: 'request-inquiry', itemId: 9 } },
    });
    const body = { amount_inquired: { value: '1.00', currency: 'EUR' }, counterparty_alias: { type: 'EMAIL', value: 'a@b.nl' }, description: 'x', allow_bunqme: true };
    expect(explain(raw('POST', `${A}/request-inquiry`, body), grant({ scopes: ['create-request'] }), ctx)).toMatchObject({
      allowed: true,
      effects: { recordOwnership: { kind: 'request-inquiry' } },
    });
  });

  it('when an unexpected error happens, then explain does not hide it', () => {
    const broken = { ...ctx, catalog: { ...ctx.catalog, router: undefined } } as unknown as typeof ctx;
    expect(() => explain(raw('GET', `${A}/payment`), grant(), broken)).toThrow(TypeError);
  });

  it('when the grant lacks the scope, then it gives the same denial decide gives', () => {
    expect(explain(raw('GET', `${A}/payment`), grant(), ctx)).toMatchObject({
      allowed: false,
      reasonId: 'scope_missing',
      status: 403,
      endpointId: 'payment.list',
      message: "This token lacks the scope 'read-transactions' (or 'read-recent') required for GET /v1/user/{userID}/monetary-account/{monetary-accountID}/payment.",
    });
  });

  it('when normalisation refuses the call, then it reports that refusal', () => {
    expect(explain(raw('GET', `${A}/payment?count=500`), grant(), ctx)).toMatchObject({ allowed: false, reasonId: 'invalid_request', status: 400 });
    expect(explain(raw('GET', '/v1/user/1/card'), grant(), ctx)).toMatchObject({ allowed: false, reasonId: 'endpoint_not_allowed', status: 403 });
    expect(explain(raw('POST', `${A}/payment`, '{"a":1,"a":2}'), payer(), ctx)).toMatchObject({ allowed: false, reasonId: 'body_invalid' });
  });
});

import { ibanAllowlist } from '../../../../src/policy/conditions/iban-allowlist';
import { A, ALLOWED_IBAN, OTHER_IBAN, USER, call, grant, payer, paymentBody } from '../helpers';
import { inputFor } from './input';

const toDraft = { draftEndpoint: 'draft-payment.create' };
const pay = (alias: Record<string, unknown>) => call('POST', `${A}/payment`, paymentBody({ counterparty_alias: alias }));
const other = { type: 'IBAN', value: OTHER_IBAN, name: 'Someone' };
const email = { type: 'EMAIL', value: 'bravo@bunq.com' };

describe('iban-allowlist condition', () => {
  it('when the counterparty IBAN is allowlisted, then it passes without rewriting', () => {
    expect(ibanAllowlist.evaluate(toDraft, inputFor(pay({ type: 'IBAN', value: ALLOWED_IBAN, name: 'S' }), payer()))).toEqual({ allowed: true });
  });

  it('when the IBAN is not allowlisted and the grant says deny, then it denies counterparty_not_allowed naming the IBAN', () => {
    const v = ibanAllowlist.evaluate(toDraft, inputFor(pay(other), payer()));
    expect(v).toMatchObject({ allowed: false, reasonId: 'counterparty_not_allowed', details: { counterparty_iban: OTHER_IBAN, counterparty_type: 'IBAN' } });
    expect(!v.allowed && v.message).toMatch(/DE89370400440532013000 is not on this token's IBAN allowlist/);
  });

  it('when the counterparty is an e-mail and the grant says deny, then it denies', () => {
    expect(ibanAllowlist.evaluate(toDraft, inputFor(pay(email), payer()))).toMatchObject({ reasonId: 'counterparty_not_allowed', details: { counterparty_type: 'EMAIL', counterparty_iban: null } });
  });

  it('when the IBAN is not allowlisted and the grant says draft, then the call is rewritten to a draft-payment create', () => {
    const c = pay(other);
    const v = ibanAllowlist.evaluate(toDraft, inputFor(c, payer({ outsideAllowlist: 'draft' })));
    expect(v).toEqual({
      allowed: true,
      effect: {
        rewrite: {
          endpointId: 'draft-payment.create',
          method: 'POST',
          template: '/user/{userID}/monetary-account/{monetary-accountID}/draft-payment',
          params: { userID: USER, 'monetary-accountID': 11 },
          body: {
            entries: [{ amount: { value: '12.50', currency: 'EUR' }, counterparty_alias: other, description: 'Invoice 42' }],
            number_of_required_accepts: 1,
          },
        },
        recordOwnership: { kind: 'draft-payment' },
      },
    });
  });

  it('when the call already is a draft and the grant says draft, then it passes unchanged', () => {
    const body = { entries: [{ amount: { value: '1.00', currency: 'EUR' }, counterparty_alias: other, description: 'x' }], number_of_required_accepts: 1 };
    expect(ibanAllowlist.evaluate({}, inputFor(call('POST', `${A}/draft-payment`, body), payer({ outsideAllowlist: 'draft' })))).toEqual({ allowed: true });
  });

  it('when the grant has no payment constraints, then it denies payment_not_configured', () => {
    expect(ibanAllowlist.evaluate(toDraft, inputFor(pay(other), grant({ scopes: ['create-payment'] })))).toMatchObject({ reasonId: 'payment_not_configured' });
  });
});

/**
 * Conditions fail CLOSED when their input is not what the catalog promised (a wiring bug):
 * a parameter that is missing, a body without a payment, a draft target that is gone.
 */
import { amountMax } from '../../../../src/policy/conditions/amount-max';
import { currency } from '../../../../src/policy/conditions/currency';
import { ibanAllowlist } from '../../../../src/policy/conditions/iban-allowlist';
import { CONDITION_ORDER } from '../../../../src/policy/conditions';
import { monetaryAccount } from '../../../../src/policy/conditions/monetary-account';
import { ownership } from '../../../../src/policy/conditions/ownership';
import { sourceAccount } from '../../../../src/policy/conditions/source-account';
import { userId } from '../../../../src/policy/conditions/user-id';
import { A, OTHER_IBAN, call, grant, payer, paymentBody } from '../helpers';
import { inputFor } from './input';

const pay = () => call('POST', `${A}/payment`, paymentBody({ counterparty_alias: { type: 'IBAN', value: OTHER_IBAN, name: 'X' } }));
const missing = { param: 'no-such-param' };

describe('conditions fail closed', () => {
  it('when the registry is read, then the evaluation order is the documented one', () => {
    expect(CONDITION_ORDER).toEqual(['user-id', 'monetary-account', 'source-account', 'currency', 'amount-max', 'iban-allowlist', 'recent-window', 'ownership']);
  });

  it('when a checked parameter is missing, then user-id, monetary-account and source-account deny', () => {
    const input = inputFor(pay(), payer());
    expect(userId.evaluate(missing, input)).toMatchObject({ allowed: false, details: { user_id: null } });
    expect(monetaryAccount.evaluate(missing, input)).toMatchObject({ allowed: false, details: { account_id: null } });
    expect(sourceAccount.evaluate(missing, input)).toMatchObject({ allowed: false, details: { account_id: null } });
  });

  it('when there is no payment intent, then currency, amount-max and iban-allowlist deny', () => {
    const input = { ...inputFor(pay(), payer()), intent: undefined };
    expect(currency.evaluate({}, input)).toMatchObject({ allowed: false, reasonId: 'currency_not_allowed', details: { currency: null } });
    expect(amountMax.evaluate({}, input)).toMatchObject({ allowed: false, reasonId: 'amount_exceeds_max', details: { amount: 'unknown' } });
    expect(ibanAllowlist.evaluate({}, input)).toMatchObject({ allowed: false, reasonId: 'body_invalid' });
  });

  it('when the draft target is not in the catalog, then the conversion is refused', () => {
    const input = inputFor(pay(), payer({ outsideAllowlist: 'draft' }));
    expect(ibanAllowlist.evaluate({ draftEndpoint: 'draft-payment.gone' }, input)).toMatchObject({ allowed: false, reasonId: 'endpoint_not_allowed' });
  });

  it('when ownership is required but the id parameter is missing, then it denies', () => {
    const input = inputFor(call('GET', `${A}/request-inquiry/7`), grant({ scopes: ['read-key-requests'] }));
    expect(ownership.evaluate({ kind: 'request-inquiry', action: 'require', param: 'nope' }, input)).toMatchObject({ allowed: false, reasonId: 'invalid_request' });
  });
});

import { currency } from '../../../../src/policy/conditions/currency';
import { A, call, grant, payer, paymentBody } from '../helpers';
import { inputFor } from './input';

const pay = (cur: string) => call('POST', `${A}/payment`, paymentBody({ amount: { value: '1.00', currency: cur } }));

describe('currency condition', () => {
  it('when the payment is in the grant currency, then it passes', () => {
    expect(currency.evaluate({}, inputFor(pay('EUR'), payer()))).toEqual({ allowed: true });
  });

  it('when the payment is in another currency, then it denies currency_not_allowed', () => {
    expect(currency.evaluate({}, inputFor(pay('USD'), payer()))).toMatchObject({
      allowed: false,
      reasonId: 'currency_not_allowed',
      details: { currency: 'USD', allowed_currency: 'EUR' },
    });
  });

  it('when the grant has no payment constraints, then it denies payment_not_configured', () => {
    expect(currency.evaluate({}, inputFor(pay('EUR'), grant({ scopes: ['create-payment'] })))).toMatchObject({ reasonId: 'payment_not_configured' });
  });
});

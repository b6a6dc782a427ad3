import { amountMax } from '../../../../src/policy/conditions/amount-max';
import { A, call, grant, payer, paymentBody } from '../helpers';
import { inputFor } from './input';

const pay = (value: string) => call('POST', `${A}/payment`, paymentBody({ amount: { value, currency: 'EUR' } }));

describe('amount-max condition', () => {
  it.each(['0.01', '499.99', '500.00', '500'])('when the amount is %s (at most 500.00), then it passes', (value) => {
    expect(amountMax.evaluate({}, inputFor(pay(value), payer()))).toEqual({ allowed: true });
  });

  it('when the amount is one cent over the maximum, then it denies amount_exceeds_max with both amounts', () => {
    const v = amountMax.evaluate({}, inputFor(pay('500.01'), payer()));
    expect(v).toMatchObject({ allowed: false, reasonId: 'amount_exceeds_max', details: { amount: '500.01', max_per_payment: '500.00', currency: 'EUR' } });
  });

  it('when the maximum is written without decimals, then the message shows it with two', () => {
    const v = amountMax.evaluate({}, inputFor(pay('600.00'), payer({ maxPerPayment: '500' })));
    expect(!v.allowed && v.message).toBe("The amount 600.00 EUR exceeds this token's limit of 500.00 EUR per payment.");
  });

  it('when the grant has no payment constraints, then it denies payment_not_configured', () => {
    expect(amountMax.evaluate({}, inputFor(pay('1.00'), grant({ scopes: ['create-payment'] })))).toMatchObject({ reasonId: 'payment_not_configured' });
  });
});

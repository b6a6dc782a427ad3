import { sourceAccount } from '../../../../src/policy/conditions/source-account';
import { USER, call, grant, payer, paymentBody } from '../helpers';
import { inputFor } from './input';

const cfg = { param: 'monetary-accountID' };
const pay = (account: number) => call('POST', `/v1/user/${USER}/monetary-account/${account}/payment`, paymentBody());

describe('source-account condition', () => {
  it('when money leaves a source account, then it passes', () => {
    expect(sourceAccount.evaluate(cfg, inputFor(pay(11), payer()))).toEqual({ allowed: true });
  });

  it('when money would leave a granted account that is not a source account, then it denies', () => {
    const v = sourceAccount.evaluate(cfg, inputFor(pay(12), payer()));
    expect(v).toMatchObject({ allowed: false, reasonId: 'source_account_not_allowed', details: { account_id: 12, allowed_source_accounts: ['11'] } });
  });

  it('when the grant has a money scope but no payment constraints, then it denies payment_not_configured', () => {
    const v = sourceAccount.evaluate(cfg, inputFor(pay(11), grant({ scopes: ['create-payment'] })));
    expect(v).toMatchObject({ allowed: false, reasonId: 'payment_not_configured', status: 403 });
  });
});

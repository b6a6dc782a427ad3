import { monetaryAccount } from '../../../../src/policy/conditions/monetary-account';
import { USER, call, grant } from '../helpers';
import { inputFor } from './input';

const g = grant({ scopes: ['read-balance'], accounts: [11, 12] });

describe('monetary-account condition', () => {
  it('when the account is one of the grant accounts, then it passes and reports the account id', () => {
    const v = monetaryAccount.evaluate({ param: 'itemId' }, inputFor(call('GET', `/v1/user/${USER}/monetary-account/12`), g));
    expect(v).toEqual({ allowed: true, effect: { accountId: 12 } });
  });

  it('when the account is not granted, then it denies account_not_allowed naming the account', () => {
    const v = monetaryAccount.evaluate({ param: 'itemId' }, inputFor(call('GET', `/v1/user/${USER}/monetary-account/13`), g));
    expect(v).toMatchObject({ allowed: false, reasonId: 'account_not_allowed', status: 403, details: { account_id: 13 } });
    expect(!v.allowed && v.message).toMatch(/monetary account 13/);
  });
});

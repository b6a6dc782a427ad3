import { userId } from '../../../../src/policy/conditions/user-id';
import { A, USER, call, grant } from '../helpers';
import { inputFor } from './input';

const g = grant({ scopes: ['read-balance'] });

describe('user-id condition', () => {
  it('when the path names the owner, then it passes', () => {
    expect(userId.evaluate({ param: 'userID' }, inputFor(call('GET', `${A}`), g))).toEqual({ allowed: true });
  });

  it('when the path names another user, then it denies user_not_allowed without revealing the owner id', () => {
    const d = userId.evaluate({ param: 'userID' }, inputFor(call('GET', '/v1/user/999/monetary-account/11'), g));
    expect(d).toMatchObject({ allowed: false, reasonId: 'user_not_allowed', status: 403, details: { user_id: 999 } });
    expect(JSON.stringify(d)).not.toContain(String(USER));
  });
});

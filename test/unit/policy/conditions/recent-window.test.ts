import { recentWindow } from '../../../../src/policy/conditions/recent-window';
import { A, NOW, call, grant } from '../helpers';
import { inputFor } from './input';

const list = () => call('GET', `${A}/payment`);

describe('recent-window condition', () => {
  it('when the allowing scope is read-recent, then the window starts recentDays before now', () => {
    expect(recentWindow.evaluate({}, inputFor(list(), grant({ scopes: ['read-recent'], recentDays: 7 })))).toEqual({
      allowed: true,
      effect: { windowStartMs: NOW - 7 * 86_400_000 },
    });
  });

  it('when recentDays is not set, then the window is 30 days', () => {
    expect(recentWindow.evaluate({}, inputFor(list(), grant({ scopes: ['read-recent'] })))).toMatchObject({ effect: { windowStartMs: NOW - 30 * 86_400_000 } });
  });

  it('when the allowing scope is read-transactions, then there is no window (and it never denies)', () => {
    expect(recentWindow.evaluate({}, inputFor(list(), grant({ scopes: ['read-transactions', 'read-recent'] })))).toEqual({ allowed: true });
  });
});

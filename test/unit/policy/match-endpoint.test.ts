import { matchEndpoint } from '../../../src/policy/match-endpoint';
import { compileTemplate } from '../../../src/policy/template';
import { catalog } from './helpers';

describe('compileTemplate', () => {
  it('when given a bunq template, then it lists params in order and erases their names in the shape', () => {
    expect(compileTemplate('/user/{userID}/monetary-account/{monetary-accountID}/payment/{itemId}')).toMatchObject({
      params: ['userID', 'monetary-accountID', 'itemId'],
      shape: '/user/{}/monetary-account/{}/payment/{}',
    });
  });
  it.each(['user', '/user/', '//user', '/user/{}', '/user/{a b}', '/User', '/user/1', '/user/{x}/{x}', '/v1/user', '/user_x'])(
    'when given the bad template %s, then it throws',
    (template) => {
      expect(() => compileTemplate(template)).toThrow(TypeError);
    },
  );
});

describe('matchEndpoint', () => {
  it('when the path matches a template, then the ids are bound to its parameter names', () => {
    expect(matchEndpoint(catalog.router, 'GET', ['user', 7, 'monetary-account', 11, 'payment', 99])).toMatchObject({
      kind: 'match',
      entry: { id: 'payment.one' },
      params: { userID: 7, 'monetary-accountID': 11, itemId: 99 },
    });
  });

  it('when templates share a prefix with different parameter names, then each binds its own', () => {
    expect(matchEndpoint(catalog.router, 'GET', ['user', 7])).toMatchObject({ entry: { id: 'user.one' }, params: { itemId: 7 } });
    expect(matchEndpoint(catalog.router, 'GET', ['user', 7, 'monetary-account'])).toMatchObject({ entry: { id: 'monetary-account.list' }, params: { userID: 7 } });
  });

  it('when the method differs, then the allowed methods are reported', () => {
    expect(matchEndpoint(catalog.router, 'PATCH' as 'GET', ['user'])).toEqual({ kind: 'method_not_allowed', allowed: ['GET'] });
  });

  it.each([
    ['an unknown literal', ['card']],
    ['an id where a literal belongs', [1]],
    ['a literal where an id belongs', ['user', 'me']],
    ['a path that is only a prefix', ['user-person']],
    ['a path longer than any template', ['user', 7, 'monetary-account', 11, 'payment', 1, 'note-text']],
    ['no segments', []],
  ])('when the path has %s, then nothing matches', (_name, segments) => {
    expect(matchEndpoint(catalog.router, 'GET', segments as (string | number)[]).kind).toBe('no_match');
  });
});

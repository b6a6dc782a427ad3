import { ObjectNotVisible, UnexpectedUpstreamAnswer, filterResponse } from '../../../src/filter';
import type { FilterSpec } from '../../../src/filter';
import { GatewayError } from '../../../src/lib/errors';
import type { ResponseKind } from '../../../src/policy/call';
import { bankAccount, jointAccount } from './fixtures/accounts';
import { deepFreeze, inner, list, objectsIn, single } from './fixtures/envelope';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  DAY,
  NOW,
  draftPayment,
  payment,
  paymentHistory,
  requestInquiry,
} from './fixtures/items';
import { spec } from './fixtures/spec';
import { userApiKey, userPerson } from './fixtures/users';

const BOTH = new Set([ACCOUNT_A, ACCOUNT_B]);
const older = (path: string) => ({
  future_url: null,
  newer_url: null,
  older_url: `${path}?count=10&older_id=1`,
});

/** One realistic answer per kind, with a spec that keeps something of it. */
const CASES: ReadonlyArray<readonly [ResponseKind, () => unknown]> = [
  ['user', () => single('UserApiKey', userApiKey())],
  ['user-list', () => list('UserPerson', [userPerson()], older('/v1/user'))],
  ['monetary-account', () => single('MonetaryAccountJoint', jointAccount(ACCOUNT_A))],
  [
    'monetary-account-list',
    () =>
      list('MonetaryAccountBank', [bankAccount(ACCOUNT_A), bankAccount(ACCOUNT_B)], older('/v1/x')),
  ],
  ['payment', () => single('Payment', payment(1, ACCOUNT_A, NOW))],
  ['payment-list', () => list('Payment', paymentHistory(), older('/v1/x'))],
  [
    'draft-payment',
    () =>
      single(
        'DraftPayment',
        draftPayment(1, ACCOUNT_A, NOW, { Payment: payment(2, ACCOUNT_A, NOW) }),
      ),
  ],
  [
    'draft-payment-list',
    () => list('DraftPayment', [draftPayment(1, ACCOUNT_A, NOW)], older('/v1/x')),
  ],
  ['request-inquiry', () => single('RequestInquiry', requestInquiry(1, ACCOUNT_A, NOW))],
  [
    'request-inquiry-list',
    () =>
      list(
        'RequestInquiry',
        [requestInquiry(2, ACCOUNT_B, NOW), requestInquiry(1, ACCOUNT_A, NOW)],
        older('/v1/x'),
      ),
  ],
  ['id', () => single('Id', { id: 42 })],
];
const specFor = (kind: ResponseKind, extra: Partial<FilterSpec> = {}): FilterSpec =>
  spec(kind, { listPath: kind === 'user-list' ? '/v1/user' : '/v1/x', ...extra });

describe('filterResponse', () => {
  it.each(CASES)('when a %s answer is filtered, then the input is not mutated', (kind, make) => {
    const body = deepFreeze(make());
    const before = JSON.stringify(body);
    for (const redactPersonalData of [true, false])
      filterResponse(specFor(kind, { redactPersonalData }), body);
    expect(JSON.stringify(body)).toBe(before);
  });

  it.each(CASES)(
    'when a %s answer is filtered, then the output shares no object with the input',
    (kind, make) => {
      const body = make();
      const inputObjects = objectsIn(body);
      for (const redactPersonalData of [true, false]) {
        for (const o of objectsIn(filterResponse(specFor(kind, { redactPersonalData }), body)))
          expect(inputObjects.has(o)).toBe(false);
      }
    },
  );

  it("when one cached answer is filtered for two tokens, then neither sees the other's view", () => {
    const body = deepFreeze(list('Payment', paymentHistory(), older('/v1/x')));
    const wide = filterResponse(
      specFor('payment-list', { accounts: BOTH, redactPersonalData: false }),
      body,
    );
    const narrow = filterResponse(specFor('payment-list', { windowStartMs: NOW - 10 * DAY }), body);
    (inner(wide)[0] as Record<string, unknown>)['description'] = 'tampered';
    const again = filterResponse(specFor('payment-list', { windowStartMs: NOW - 10 * DAY }), body);
    expect(again).toEqual(narrow);
    expect(
      inner(narrow).every((p) => p['monetary_account_id'] === ACCOUNT_A && !('geolocation' in p)),
    ).toBe(true);
    expect(inner(wide)).toHaveLength(120);
  });

  it('when a POST result is exactly an Id, then it is passed through as a new object', () => {
    const body = single('Id', { id: 42 });
    const out = filterResponse(spec('id'), body);
    expect(out).toEqual({ Response: [{ Id: { id: 42 } }] });
    expect(out).not.toBe(body);
  });

  it.each([
    ['an extra field in Id', single('Id', { id: 42, secret: 'x' })],
    ['a non-integer id', single('Id', { id: '42' })],
    ['a negative id', single('Id', { id: -1 })],
    ['another wrapper', single('Payment', { id: 42 })],
    ['two elements', { Response: [{ Id: { id: 1 } }, { Id: { id: 2 } }] }],
    ['no element', { Response: [] }],
    ['a Pagination sibling', { ...single('Id', { id: 42 }), Pagination: {} }],
  ])('when an id answer has %s, then it is withheld', (_label, body) => {
    expect(() => filterResponse(spec('id'), body)).toThrow(UnexpectedUpstreamAnswer);
  });

  it.each([
    ['null', null, 'not_an_object'],
    ['a string', '{"Response":[]}', 'not_an_object'],
    ['an array', [], 'not_an_object'],
    ['a bunq error envelope', { Error: [{ error_description: 'x' }] }, 'unknown_top_level_key'],
    [
      'an extra top-level key',
      { ...single('Payment', payment(1, ACCOUNT_A, NOW)), Debug: {} },
      'unknown_top_level_key',
    ],
    [
      'Response not an array',
      { Response: { Payment: payment(1, ACCOUNT_A, NOW) } },
      'response_not_an_array',
    ],
    ['an element that is not an object', { Response: ['Payment'] }, 'wrapper_not_an_object'],
    [
      'an element with two keys',
      { Response: [{ Payment: payment(1, ACCOUNT_A, NOW), Extra: {} }] },
      'wrapper_not_single_key',
    ],
    ['an empty element', { Response: [{}] }, 'wrapper_not_single_key'],
    [
      'a wrapper around a non-object',
      { Response: [{ Payment: [payment(1, ACCOUNT_A, NOW)] }] },
      'wrapper_not_an_object',
    ],
    [
      'an unknown wrapper',
      single('Invoice', { id: 1, monetary_account_id: ACCOUNT_A }),
      'unknown_wrapper',
    ],
    [
      'an object without id',
      single('Payment', { ...payment(1, ACCOUNT_A, NOW), id: undefined }),
      'id_missing',
    ],
    [
      'two objects for a single read',
      list('Payment', [payment(2, ACCOUNT_A, NOW), payment(1, ACCOUNT_A, NOW)]),
      'not_exactly_one_object',
    ],
    ['no object for a single read', { Response: [] }, 'not_exactly_one_object'],
  ])(
    'when a single payment answer is %s, then it fails closed with 502',
    (_label, body, reason) => {
      const run = () =>
        filterResponse(spec('payment'), JSON.parse(JSON.stringify(body)) as unknown);
      expect(run).toThrow(GatewayError);
      expect(run).toThrow(
        expect.objectContaining({ code: 'upstream_error', status: 502, details: { reason } }),
      );
    },
  );

  it('when a list holds one unknown wrapper among visible items, then the whole list is withheld', () => {
    const body = list('Payment', [payment(2, ACCOUNT_A, NOW)]);
    (body['Response'] as unknown[]).push({
      MasterCardAction: { id: 1, monetary_account_id: ACCOUNT_A },
    });
    expect(() => filterResponse(specFor('payment-list'), body)).toThrow(UnexpectedUpstreamAnswer);
  });

  it.each(['user-list', 'payment-list'] as const)(
    'when a %s item has no id, then the whole list is withheld',
    (kind) => {
      const body =
        kind === 'user-list'
          ? list('UserPerson', [{ ...userPerson(), id: null }])
          : list('Payment', [{ ...payment(1, ACCOUNT_A, NOW), id: 0 }]);
      expect(() => filterResponse(specFor(kind), body)).toThrow(
        expect.objectContaining({ code: 'upstream_error', details: { reason: 'id_missing' } }),
      );
    },
  );

  it('when a single read carries a stray Pagination, then it is dropped', () => {
    const out = filterResponse(spec('payment'), {
      ...single('Payment', payment(1, ACCOUNT_A, NOW)),
      Pagination: { older_url: 'https://evil.example' },
    });
    expect(out).not.toHaveProperty('Pagination');
  });

  it('when an object outside the grant is read, then the error is a not-found without details', () => {
    const run = () =>
      filterResponse(spec('payment'), single('Payment', payment(1, ACCOUNT_B, NOW)));
    expect(run).toThrow(ObjectNotVisible);
    expect(run).toThrow(expect.objectContaining({ code: 'not_found', status: 404, details: {} }));
  });

  it('when the upstream JSON carries __proto__ keys, then they are copied as plain data and no prototype changes', () => {
    const body = JSON.parse(
      '{"Response":[{"UserPerson":{"id":7,"display_name":"x","avatar":{"__proto__":{"polluted":true}}}}]}',
    ) as unknown;
    const out = filterResponse(spec('user', { redactPersonalData: false }), body);
    const avatar = inner(out)[0]!['avatar'] as Record<string, unknown>;
    expect(Object.getPrototypeOf(avatar)).toBe(Object.prototype);
    expect(Object.hasOwn(avatar, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('when a field exists only on the prototype chain, then it is not treated as present', () => {
    const user = Object.create({ display_name: 'inherited' }) as Record<string, unknown>;
    user['id'] = 7;
    expect(inner(filterResponse(spec('user'), single('UserPerson', user)))[0]).toEqual({ id: 7 });
  });

  it('when an item inherits monetary_account_id instead of owning it, then the answer is withheld', () => {
    const item = Object.assign(
      Object.create({ monetary_account_id: ACCOUNT_A }) as Record<string, unknown>,
      { id: 1 },
    );
    expect(() => filterResponse(spec('payment'), single('Payment', item))).toThrow(
      expect.objectContaining({
        code: 'upstream_error',
        details: { reason: 'account_id_missing' },
      }),
    );
  });

  it('when the spec names an unknown kind, then the filter refuses as misconfigured', () => {
    const bogus = { ...spec('payment'), kind: 'toString' } as unknown as FilterSpec;
    expect(() => filterResponse(bogus, single('Payment', payment(1, ACCOUNT_A, NOW)))).toThrow(
      expect.objectContaining({ code: 'internal_error', expose: false }),
    );
  });
});

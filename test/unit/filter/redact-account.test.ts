import { filterResponse } from '../../../src/filter';
import {
  ACCOUNT_FIELDS,
  ACCOUNT_WRAPPERS,
  SETTING_FIELDS,
} from '../../../src/filter/redact-account';
import {
  ACCOUNT_CLIENT_FIELDS,
  ACCOUNT_PERSONAL_VALUES,
  OTHER_ACCOUNT_IBAN,
  bankAccount,
  iban,
  jointAccount,
  savingsAccount,
} from './fixtures/accounts';
import { inner, list, single } from './fixtures/envelope';
import { spec } from './fixtures/spec';

const LIST = { listPath: '/v1/user/7/monetary-account', accounts: new Set([101, 102, 103]) };
const ALL_THREE = () => ({
  Response: [
    { MonetaryAccountBank: bankAccount(101) },
    { MonetaryAccountJoint: jointAccount(102) },
    { MonetaryAccountSavings: savingsAccount(103) },
    { MonetaryAccountBank: bankAccount(104) },
  ],
  Pagination: { future_url: null, newer_url: null, older_url: null },
});
const one = (body: unknown) => inner(body)[0]!;

describe('redact-account', () => {
  it('when the list holds accounts outside the grant, then only granted accounts remain', () => {
    const ids = inner(
      filterResponse(
        spec('monetary-account-list', { ...LIST, accounts: new Set([102]) }),
        ALL_THREE(),
      ),
    ).map((a) => a['id']);
    expect(ids).toEqual([102]);
  });

  it('when a single account outside the grant is read, then it reads as not found', () => {
    expect(() =>
      filterResponse(
        spec('monetary-account', { accounts: new Set([101]) }),
        single('MonetaryAccountBank', bankAccount(104)),
      ),
    ).toThrow(expect.objectContaining({ code: 'not_found', status: 404 }));
  });

  it.each(ACCOUNT_CLIENT_FIELDS)(
    'when accounts are redacted, then the client field %s is kept',
    (field) => {
      for (const account of inner(
        filterResponse(spec('monetary-account-list', LIST), ALL_THREE()),
      )) {
        expect(account).toHaveProperty(field);
      }
    },
  );

  it('when accounts are redacted, then the IBAN alias, balance and description are unchanged', () => {
    const account = one(
      filterResponse(
        spec('monetary-account', { accounts: new Set([101]) }),
        single('MonetaryAccountBank', bankAccount(101)),
      ),
    );
    expect(account['alias']).toEqual([{ type: 'IBAN', value: iban(101), name: 'J. de Vries' }]);
    expect(account).toMatchObject({
      id: 101,
      description: 'Main',
      status: 'ACTIVE',
      balance: { value: '1234.56', currency: 'EUR' },
    });
  });

  it('when accounts of every type are redacted, then no personal value appears anywhere', () => {
    const text = JSON.stringify(filterResponse(spec('monetary-account-list', LIST), ALL_THREE()));
    for (const value of ACCOUNT_PERSONAL_VALUES) expect(text).not.toContain(value);
  });

  it('when a joint account is redacted, then each co-owner keeps only its status and display name', () => {
    const joint = one(
      filterResponse(
        spec('monetary-account', { accounts: new Set([102]) }),
        single('MonetaryAccountJoint', jointAccount(102)),
      ),
    );
    expect(joint['all_co_owner']).toEqual([
      { alias: { display_name: 'J. de Vries' }, status: 'ACCEPTED' },
      { alias: { display_name: 'P. Bakker' }, status: 'ACCEPTED' },
    ]);
  });

  it('when a co-owner entry is malformed, then it is dropped or left without alias', () => {
    const source = { ...jointAccount(102), all_co_owner: ['x', { status: 'PENDING', alias: 'x' }] };
    const joint = one(
      filterResponse(
        spec('monetary-account', { accounts: new Set([102]) }),
        single('MonetaryAccountJoint', source),
      ),
    );
    expect(joint['all_co_owner']).toEqual([{ status: 'PENDING' }]);
  });

  it('when accounts are filtered, then only allowlisted fields remain, the profile naming another IBAN included', () => {
    for (const redactPersonalData of [true, false]) {
      const account = one(
        filterResponse(
          spec('monetary-account', { accounts: new Set([103]), redactPersonalData }),
          single('MonetaryAccountSavings', savingsAccount(103)),
        ),
      );
      const allowed = [
        ...ACCOUNT_FIELDS,
        'setting',
        'alias',
        'all_co_owner',
        ...(redactPersonalData ? [] : ['reason_description']),
      ];
      expect(Object.keys(account).filter((k) => !allowed.includes(k))).toEqual([]);
      expect(Object.keys(account['setting'] as object).sort()).toEqual([...SETTING_FIELDS].sort());
      expect(JSON.stringify(account)).not.toContain(OTHER_ACCOUNT_IBAN);
    }
  });

  it('when redaction is off, then personal aliases, co-owners and the closing reason stay', () => {
    const source = jointAccount(102);
    const joint = one(
      filterResponse(
        spec('monetary-account', { accounts: new Set([102]), redactPersonalData: false }),
        single('MonetaryAccountJoint', source),
      ),
    );
    expect(joint['alias']).toEqual(source['alias']);
    expect(joint['all_co_owner']).toEqual(source['all_co_owner']);
    expect(joint['reason_description']).toBe('closing because of my divorce');
  });

  it('when an account has no alias, setting or co-owners, then none are invented', () => {
    const source = { id: 101, description: 'bare', setting: null, alias: null };
    expect(
      one(
        filterResponse(
          spec('monetary-account', { accounts: new Set([101]) }),
          single('MonetaryAccountBank', source),
        ),
      ),
    ).toEqual({ id: 101, description: 'bare' });
  });

  it.each([...ACCOUNT_WRAPPERS])('when a %s is listed, then it is accepted', (wrapper) => {
    expect(
      inner(filterResponse(spec('monetary-account-list', LIST), list(wrapper, [bankAccount(101)]))),
    ).toHaveLength(1);
  });

  it('when an account list holds an unknown account wrapper, then the whole answer is withheld', () => {
    expect(() =>
      filterResponse(
        spec('monetary-account-list', LIST),
        list('MonetaryAccountCrypto', [bankAccount(101)]),
      ),
    ).toThrow(expect.objectContaining({ code: 'upstream_error', status: 502 }));
  });

  it('when an account has no integer id, then the whole answer is withheld', () => {
    expect(() =>
      filterResponse(
        spec('monetary-account-list', LIST),
        list('MonetaryAccountBank', [{ ...bankAccount(101), id: '101' }]),
      ),
    ).toThrow(expect.objectContaining({ code: 'upstream_error' }));
  });

  it('when an account list pages on, then the sanitised older_url is kept (accounts are not windowed)', () => {
    const body = {
      ...ALL_THREE(),
      Pagination: {
        future_url: null,
        newer_url: null,
        older_url: '/v1/user/7/monetary-account?count=10&older_id=101',
      },
    };
    const out = filterResponse(
      spec('monetary-account-list', { ...LIST, windowStartMs: Date.now() }),
      body,
    ) as { Pagination: unknown };
    expect(out.Pagination).toEqual({
      future_url: null,
      newer_url: null,
      older_url: '/v1/user/7/monetary-account?count=10&older_id=101',
    });
  });
});

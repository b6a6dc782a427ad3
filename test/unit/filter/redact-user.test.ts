import { filterResponse } from '../../../src/filter';
import { PUBLIC_USER_FIELDS } from '../../../src/filter/redact-user';
import { inner, list, single } from './fixtures/envelope';
import { spec } from './fixtures/spec';
import {
  AVATAR,
  COMPANY_PERSONAL_FIELDS,
  PERSON_PERSONAL_FIELDS,
  PERSONAL_VALUES,
  USER_CLIENT_FIELDS,
  userApiKey,
  userCompany,
  userPerson,
  userPsp,
} from './fixtures/users';

const USER_LIST_PATH = { listPath: '/v1/user' };
const one = (body: unknown) => inner(body)[0]!;

describe('redact-user', () => {
  it.each(PERSON_PERSONAL_FIELDS)('when a UserPerson is redacted, then %s is gone', (field) => {
    expect(
      one(filterResponse(spec('user'), single('UserPerson', userPerson()))),
    ).not.toHaveProperty(field);
  });

  it.each(COMPANY_PERSONAL_FIELDS)('when a UserCompany is redacted, then %s is gone', (field) => {
    expect(
      one(filterResponse(spec('user'), single('UserCompany', userCompany()))),
    ).not.toHaveProperty(field);
  });

  it('when a UserPerson is redacted, then exactly the allowlist plus an empty alias remains', () => {
    const user = one(filterResponse(spec('user'), single('UserPerson', userPerson())));
    expect(Object.keys(user).sort()).toEqual([...PUBLIC_USER_FIELDS, 'alias'].sort());
    expect(user['alias']).toEqual([]);
  });

  it.each(USER_CLIENT_FIELDS)(
    'when a UserPerson is redacted, then the client field %s is kept unchanged',
    (field) => {
      const source = userPerson();
      expect(one(filterResponse(spec('user'), single('UserPerson', source)))[field]).toEqual(
        source[field],
      );
    },
  );

  it('when a user has no alias, then none is invented', () => {
    const source = userPerson();
    delete source['alias'];
    expect(one(filterResponse(spec('user'), single('UserPerson', source)))).not.toHaveProperty(
      'alias',
    );
  });

  it('when a user list of every user type is redacted, then no personal value appears anywhere', () => {
    const body = list('UserPerson', [userPerson()]);
    (body['Response'] as unknown[]).push(
      { UserCompany: userCompany() },
      { UserApiKey: userApiKey() },
      { UserPaymentServiceProvider: userPsp() },
      { UserLight: userPerson(12) },
    );
    const text = JSON.stringify(filterResponse(spec('user-list', USER_LIST_PATH), body));
    for (const value of PERSONAL_VALUES) expect(text).not.toContain(value);
    expect(inner(filterResponse(spec('user-list', USER_LIST_PATH), body))).toHaveLength(5);
  });

  it('when a UserApiKey is redacted, then both anchored users are redacted and keep their client fields', () => {
    const key = one(filterResponse(spec('user'), single('UserApiKey', userApiKey())));
    const granted = (key['granted_by_user'] as Record<string, Record<string, unknown>>)[
      'UserPerson'
    ]!;
    const requested = (key['requested_by_user'] as Record<string, Record<string, unknown>>)[
      'UserCompany'
    ]!;
    expect(Object.keys(key).sort()).toEqual([
      'created',
      'granted_by_user',
      'id',
      'requested_by_user',
      'updated',
    ]);
    for (const field of PERSON_PERSONAL_FIELDS) expect(granted).not.toHaveProperty(field);
    for (const field of COMPANY_PERSONAL_FIELDS) expect(requested).not.toHaveProperty(field);
    expect(granted).toMatchObject({
      id: 7,
      display_name: 'J. de Vries',
      session_timeout: 604800,
      avatar: AVATAR,
    });
    expect(requested).toMatchObject({ id: 8, session_timeout: 3600 });
  });

  it('when a UserApiKey has a null or missing anchored user, then it stays null or missing', () => {
    const source = { ...userApiKey(), granted_by_user: null };
    delete (source as Record<string, unknown>)['requested_by_user'];
    const key = one(filterResponse(spec('user'), single('UserApiKey', source)));
    expect(key['granted_by_user']).toBeNull();
    expect(key).not.toHaveProperty('requested_by_user');
  });

  it('when a UserApiKey anchors an unknown user type, then the answer is withheld', () => {
    const source = { ...userApiKey(), granted_by_user: { UserSecretAgent: userPerson() } };
    expect(() => filterResponse(spec('user'), single('UserApiKey', source))).toThrow(
      expect.objectContaining({ code: 'upstream_error', status: 502 }),
    );
  });

  it('when a UserApiKey anchored user is not a single-key wrapper, then the answer is withheld', () => {
    const source = {
      ...userApiKey(),
      granted_by_user: { UserPerson: userPerson(), UserCompany: userCompany() },
    };
    expect(() => filterResponse(spec('user'), single('UserApiKey', source))).toThrow(
      expect.objectContaining({ code: 'upstream_error' }),
    );
  });

  it('when redaction is off, then the user is passed through whole', () => {
    const source = userPerson();
    const out = filterResponse(
      spec('user', { redactPersonalData: false }),
      single('UserPerson', source),
    );
    expect(out).toEqual(single('UserPerson', source));
  });

  it('when redaction is off for a UserApiKey, then its anchored users are passed through whole', () => {
    const source = userApiKey();
    expect(
      filterResponse(spec('user', { redactPersonalData: false }), single('UserApiKey', source)),
    ).toEqual(single('UserApiKey', source));
  });

  it('when a user list holds an unknown wrapper, then the whole answer is withheld', () => {
    const body = list('UserPerson', [userPerson()]);
    (body['Response'] as unknown[]).push({ UserSecretAgent: userPerson(99) });
    expect(() => filterResponse(spec('user-list', USER_LIST_PATH), body)).toThrow(
      expect.objectContaining({ code: 'upstream_error' }),
    );
  });

  it('when a user list is filtered, then its sanitised Pagination sibling is kept', () => {
    const body = list('UserPerson', [userPerson()], {
      future_url: null,
      newer_url: null,
      older_url: '/v1/user?count=200&older_id=7',
    });
    expect(filterResponse(spec('user-list', USER_LIST_PATH), body)).toHaveProperty('Pagination', {
      future_url: null,
      newer_url: null,
      older_url: '/v1/user?count=200&older_id=7',
    });
  });
});

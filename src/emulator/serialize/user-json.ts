/**
 * UserPerson / UserCompany read objects (SW UserPersonRead, UserCompanyRead; bunq-api.md §2.3,
 * §9.1). The wrapper key is the concrete type (§5.1 polymorphic wrappers).
 */
import { toBunqTimestamp } from '../../lib/clock';
import type { Json, User } from '../core/types';

export function userWrapperKey(user: User): 'UserPerson' | 'UserCompany' {
  return user.kind === 'person' ? 'UserPerson' : 'UserCompany';
}

export function userJson(user: User): Json {
  return {
    id: user.id,
    created: toBunqTimestamp(user.createdAt),
    updated: toBunqTimestamp(user.updatedAt),
    public_uuid: user.publicUuid,
    ...user.profile,
    avatar: user.avatar,
    session_timeout: user.sessionTimeout,
  };
}

export function wrappedUser(user: User): Json {
  return { [userWrapperKey(user)]: userJson(user) };
}

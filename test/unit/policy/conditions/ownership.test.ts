import { ownership, ownershipDenied } from '../../../../src/policy/conditions/ownership';
import { A, call, grant } from '../helpers';
import { inputFor } from './input';

const requests = grant({ scopes: ['read-key-requests', 'cancel-request', 'create-request'] });

describe('ownership condition', () => {
  it('when a single object is read under an own-objects scope, then ownership of that id is required', () => {
    const v = ownership.evaluate({ kind: 'request-inquiry', action: 'require', param: 'itemId' }, inputFor(call('GET', `${A}/request-inquiry/77`), requests));
    expect(v).toEqual({ allowed: true, effect: { requireOwnership: { kind: 'request-inquiry', itemId: 77 } } });
  });

  it('when a list is read under an own-objects scope, then the filter keeps own objects only', () => {
    expect(ownership.evaluate({ kind: 'request-inquiry', action: 'filter' }, inputFor(call('GET', `${A}/request-inquiry`), requests))).toEqual({
      allowed: true,
      effect: { ownRequestsOnly: true },
    });
    const drafts = grant({ scopes: ['read-draft-payments'] });
    expect(ownership.evaluate({ kind: 'draft-payment', action: 'filter' }, inputFor(call('GET', `${A}/draft-payment`), drafts))).toEqual({
      allowed: true,
      effect: { ownDraftsOnly: true },
    });
  });

  it('when an object is created, then its id is to be recorded as owned', () => {
    const body = { amount_inquired: { value: '1.00', currency: 'EUR' }, counterparty_alias: { type: 'EMAIL', value: 'a@b.nl' }, description: 'x', allow_bunqme: false };
    expect(ownership.evaluate({ kind: 'request-inquiry', action: 'record' }, inputFor(call('POST', `${A}/request-inquiry`, body), requests))).toEqual({
      allowed: true,
      effect: { recordOwnership: { kind: 'request-inquiry' } },
    });
  });

  it('when the allowing scope is not restricted to own objects, then require and filter add nothing', () => {
    const input = inputFor(call('GET', `${A}/request-inquiry/77`), requests);
    const unrestricted = { ...input, scope: { ...input.scope, restriction: undefined } } as unknown as typeof input;
    expect(ownership.evaluate({ kind: 'request-inquiry', action: 'require', param: 'itemId' }, unrestricted)).toEqual({ allowed: true });
  });

  it('when the config names "require" without a param, then the config is invalid', () => {
    expect(ownership.config.safeParse({ kind: 'request-inquiry', action: 'require' }).success).toBe(false);
    expect(ownership.config.safeParse({ kind: 'request-inquiry', action: 'record', param: 'itemId' }).success).toBe(false);
  });

  it('when the store says the object is not owned, then ownershipDenied gives object_not_owned', () => {
    expect(ownershipDenied('request-inquiry', 77)).toMatchObject({ allowed: false, reasonId: 'object_not_owned', status: 403, details: { object_id: 77 } });
  });
});

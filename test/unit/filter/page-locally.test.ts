// The account list is paged by the gateway from the visible accounts alone (bunq-api.md §6
// semantics: newest first, `count` items, below older_id / just above newer_id), so no page
// depends on how many hidden accounts lie between visible ones.
import { filterResponse } from '../../../src/filter';
import { list } from './fixtures/envelope';
import { bankAccount } from './fixtures/accounts';
import { spec } from './fixtures/spec';

const PATH = '/v1/user/7/monetary-account';
/** bunq's whole list (count 200): accounts 10..16, the token sees 10, 12, 15 and 16. */
const WHOLE = list('MonetaryAccountBank', [16, 15, 14, 13, 12, 11, 10].map(bankAccount));
const VISIBLE = new Set([10, 12, 15, 16]);
const page = (localPage: { count?: number; olderId?: number; newerId?: number }) => {
  const out = filterResponse(spec('monetary-account-list', { listPath: PATH, accounts: VISIBLE, localPage }), WHOLE) as {
    Response: Record<string, { id: number }>[];
    Pagination: Record<string, string | null>;
  };
  return { ids: out.Response.map((r) => Object.values(r)[0]!.id), links: out.Pagination };
};

test('when no page is asked for, then the newest visible accounts come first, up to bunq\'s default of 10', () => {
  expect(page({})).toEqual({ ids: [16, 15, 12, 10], links: { future_url: `${PATH}?newer_id=16`, newer_url: null, older_url: null } });
});

test('when count is 2, then the page holds the two newest visible accounts and links on from the shown ids', () => {
  expect(page({ count: 2 })).toEqual({
    ids: [16, 15],
    links: { future_url: `${PATH}?count=2&newer_id=16`, newer_url: null, older_url: `${PATH}?count=2&older_id=15` },
  });
  expect(page({ count: 2, olderId: 15 })).toEqual({
    ids: [12, 10],
    links: { future_url: null, newer_url: `${PATH}?count=2&newer_id=12`, older_url: null },
  });
  expect(page({ count: 2, newerId: 10 }).ids).toEqual([15, 12]);
});

test('property of the fix: the page from a visible id does not depend on how many hidden accounts follow it', () => {
  // From account 15, the next visible one is 12, with 13 and 14 hidden in between: count=1 and
  // count=3 give the same single account, where bunq's own pages would differ.
  expect(page({ count: 1, olderId: 15 }).ids).toEqual([12]);
  expect(page({ count: 3, olderId: 15 }).ids).toEqual([12, 10]);
  expect(page({ count: 1, olderId: 15 }).ids).toEqual(page({ count: 1, olderId: 14 }).ids);
});

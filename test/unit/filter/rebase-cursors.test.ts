// A page link must never name an id the filter hid (the reviewer's enumeration: count=1 pages
// whose links carried the ids of other accounts, of other tokens' requests, of payments older
// than the window). It may only name ids the token was shown, sent itself, or derived from the
// set it may see, and paging must still reach every visible object.
import fc from 'fast-check';
import { filterResponse } from '../../../src/filter';
import { list } from './fixtures/envelope';
import { ACCOUNT_A, DAY, NOW, payment, requestInquiry } from './fixtures/items';
import { spec } from './fixtures/spec';
import { bankAccount } from './fixtures/accounts';

type Links = { future_url: string | null; newer_url: string | null; older_url: string | null };
const linksOf = (out: unknown) => (out as { Pagination: Links }).Pagination;
const idsIn = (links: Links) => Object.values(links).flatMap((l) => (l === null ? [] : [Number(/_id=(\d+)$/.exec(l)![1])]));
/** bunq's own links for a page (bunq-api.md §6): older from its lowest id, newer/future from its highest. */
const bunqLinks = (path: string, ids: number[], count: number) => ({
  future_url: `${path}?count=${count}&newer_id=${Math.max(...ids)}`,
  newer_url: `${path}?count=${count}&newer_id=${Math.max(...ids)}`,
  older_url: `${path}?count=${count}&older_id=${Math.min(...ids)}`,
});

describe('rebase-cursors', () => {
  const ACCOUNTS = '/v1/user/7/monetary-account';

  it("when a count=1 page of accounts holds only an account the token may not see, then no link names that account's id", () => {
    const out = filterResponse(
      spec('monetary-account-list', { listPath: ACCOUNTS, accounts: new Set([5200]) }),
      list('MonetaryAccountBank', [bankAccount(5202)], bunqLinks(ACCOUNTS, [5202], 1)),
    );
    const links = linksOf(out);
    expect(JSON.stringify(links)).not.toContain('5202');
    // Paging still reaches the granted account: the next older page starts just above it.
    expect(links.older_url).toBe(`${ACCOUNTS}?count=1&older_id=5201`);
    expect(links.newer_url).toBeNull();
    expect(links.future_url).toBe(`${ACCOUNTS}?count=1&newer_id=5200`);
  });

  it("when a page of requests holds only another token's request, then its id is in no link", () => {
    const path = `/v1/user/7/monetary-account/${ACCOUNT_A}/request-inquiry`;
    const out = filterResponse(
      spec('request-inquiry-list', { listPath: path, ownObjectIds: new Set([5]) }),
      list('RequestInquiry', [requestInquiry(18803, ACCOUNT_A, NOW)], bunqLinks(path, [18803], 1)),
    );
    expect(JSON.stringify(linksOf(out))).not.toContain('18803');
    expect(linksOf(out).older_url).toBe(`${path}?count=1&older_id=6`);
  });

  it('when a read-recent token pages into payments older than its window, then no link names one of them', () => {
    const path = `/v1/user/7/monetary-account/${ACCOUNT_A}/payment`;
    const old = [4100, 4099].map((id) => payment(id, ACCOUNT_A, NOW - 60 * DAY));
    const out = filterResponse(
      spec('payment-list', { listPath: path, windowStartMs: NOW - 30 * DAY, cursors: { olderId: 4101 } }),
      list('Payment', old, bunqLinks(path, [4100, 4099], 2)),
    );
    expect(linksOf(out)).toEqual({ future_url: null, newer_url: null, older_url: null });
  });

  it('when the caller polls with its own newer_id and nothing is new, then future_url keeps that id', () => {
    const path = `/v1/user/7/monetary-account/${ACCOUNT_A}/payment`;
    const links = { future_url: `${path}?count=10&newer_id=4200`, newer_url: null, older_url: null };
    const out = filterResponse(spec('payment-list', { listPath: path, windowStartMs: NOW - 30 * DAY, cursors: { newerId: 4200 } }), list('Payment', [], links));
    expect(linksOf(out).future_url).toBe(`${path}?count=10&newer_id=4200`);
  });

  it('property: a link names only ids shown, sent, or next to a visible id; and a visible older object stays reachable', () => {
    const path = `/v1/user/7/monetary-account/${ACCOUNT_A}/request-inquiry`;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 2, max: 400 }), { minLength: 1, maxLength: 12 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 12 }),
        (pageIds, ownIds) => {
          const ids = [...pageIds].sort((a, b) => b - a);
          const own = new Set(ownIds);
          const sent = Math.max(...ids) + 1;
          const out = filterResponse(
            spec('request-inquiry-list', { listPath: path, ownObjectIds: own, cursors: { olderId: sent } }),
            list('RequestInquiry', ids.map((id) => requestInquiry(id, ACCOUNT_A, NOW)), bunqLinks(path, ids, ids.length)),
          );
          const links = linksOf(out);
          const allowed = new Set([sent, ...ids.filter((id) => own.has(id)), ...ownIds.flatMap((v) => [v - 1, v, v + 1])]);
          for (const id of idsIn(links)) expect(allowed.has(id)).toBe(true);
          // Every own object older than this page is still reachable through older_url.
          const olderOwn = ownIds.filter((v) => v < Math.min(...ids));
          if (olderOwn.length > 0) {
            expect(links.older_url).not.toBeNull();
            const next = idsIn({ ...links, future_url: null, newer_url: null })[0]!;
            expect(next).toBeGreaterThan(Math.max(...olderOwn));
          }
        },
      ),
    );
  });
});

import { filterResponse } from '../../../src/filter';
import { inner, list, single } from './fixtures/envelope';
import { ACCOUNT_A, DAY, NOW, draftPayment, requestInquiry } from './fixtures/items';
import { spec } from './fixtures/spec';

const PATH = `/v1/user/7/monetary-account/${ACCOUNT_A}/request-inquiry`;
const page = () => [5, 4, 3, 2, 1].map((id) => requestInquiry(id, ACCOUNT_A, NOW - id * DAY));
const older = { older_url: `${PATH}?count=5&older_id=1` };

describe('only-own-requests', () => {
  it('when own ids are set, then only those request-inquiries remain', () => {
    const out = filterResponse(
      spec('request-inquiry-list', { listPath: PATH, ownObjectIds: new Set([4, 2]) }),
      list('RequestInquiry', page()),
    );
    expect(inner(out).map((r) => r['id'])).toEqual([4, 2]);
  });

  it('when own ids are set, then only those draft-payments remain', () => {
    const drafts = [3, 2, 1].map((id) => draftPayment(id, ACCOUNT_A, NOW));
    const out = filterResponse(
      spec('draft-payment-list', { listPath: '/v1/d', ownObjectIds: new Set([1]) }),
      list('DraftPayment', drafts),
    );
    expect(inner(out).map((r) => r['id'])).toEqual([1]);
  });

  it('when own ids are not set, then every request of the account remains', () => {
    expect(
      inner(
        filterResponse(
          spec('request-inquiry-list', { listPath: PATH }),
          list('RequestInquiry', page()),
        ),
      ),
    ).toHaveLength(5);
  });

  it('when no own request is on a page, then older_url skips to just above the next own request, naming no hidden id', () => {
    const out = filterResponse(
      spec('request-inquiry-list', { listPath: PATH, ownObjectIds: new Set([99]) }),
      list('RequestInquiry', page(), older),
    ) as { Pagination: { older_url: unknown } };
    // Own request 99 is newer than this page: nothing own is older, so paging ends here.
    expect(out.Pagination.older_url).toBeNull();
    const withOlder = filterResponse(
      spec('request-inquiry-list', { listPath: PATH, ownObjectIds: new Set([99, 1]) }),
      list('RequestInquiry', [5, 4, 3, 2].map((id) => requestInquiry(id, ACCOUNT_A, NOW - id * DAY)), { older_url: `${PATH}?count=5&older_id=2` }),
    ) as { Pagination: { older_url: unknown } };
    // Own request 1 is older: the link starts just above it (older_id=2 names no hidden object here,
    // it is 1 + 1), so it stays reachable.
    expect(withOlder.Pagination.older_url).toBe(`${PATH}?count=5&older_id=2`);
  });

  it.each([
    ['request-inquiry', 'RequestInquiry', requestInquiry(4, ACCOUNT_A, NOW)],
    ['draft-payment', 'DraftPayment', draftPayment(4, ACCOUNT_A, NOW)],
  ] as const)(
    'when a single %s the token did not create is read, then it reads as not found',
    (kind, type, object) => {
      expect(() =>
        filterResponse(spec(kind, { ownObjectIds: new Set([5]) }), single(type, object)),
      ).toThrow(expect.objectContaining({ code: 'not_found', status: 404 }));
    },
  );

  it('when a single own request-inquiry is read, then it is returned', () => {
    expect(
      inner(
        filterResponse(
          spec('request-inquiry', { ownObjectIds: new Set([4]) }),
          single('RequestInquiry', requestInquiry(4, ACCOUNT_A, NOW)),
        ),
      )[0],
    ).toMatchObject({ id: 4 });
  });
});

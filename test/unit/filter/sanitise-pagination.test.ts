import { filterResponse } from '../../../src/filter';
import { sanitisePageUrl } from '../../../src/filter/sanitise-pagination';
import { list } from './fixtures/envelope';
import { ACCOUNT_A, NOW, payment } from './fixtures/items';
import { spec } from './fixtures/spec';

const PATH = `/v1/user/7/monetary-account/${ACCOUNT_A}/payment`;
const OWN = PATH;
const pageOn = (listPath: string | undefined, pagination: Record<string, unknown>) =>
  (
    filterResponse(
      spec('payment-list', listPath === undefined ? {} : { listPath }),
      // bunq's links name ids of its page: here every id a test link names is on the page.
      list('Payment', [300, 249, 224, 1].map((id) => payment(id, ACCOUNT_A, NOW)), pagination),
    ) as { Pagination: unknown }
  ).Pagination;
const page = (pagination: Record<string, unknown>) => pageOn(PATH, pagination);

describe('sanitise-pagination', () => {
  it("when links have bunq's own shape on the request path, then all three are kept", () => {
    const links = {
      future_url: `${OWN}?count=25&newer_id=300`,
      newer_url: `${OWN}?count=25&newer_id=249`,
      older_url: `${OWN}?count=25&older_id=224`,
    };
    expect(page(links)).toEqual(links);
  });

  it('when a link omits count or orders its parameters differently, then it is rebuilt canonically', () => {
    expect(
      page({ future_url: `${OWN}?newer_id=300`, older_url: `${OWN}?older_id=224&count=25` }),
    ).toEqual({
      future_url: `${OWN}?newer_id=300`,
      newer_url: null,
      older_url: `${OWN}?count=25&older_id=224`,
    });
  });

  it.each([
    ['an absolute URL with a host', `https://evil.example${OWN}?count=25&older_id=224`],
    ['a protocol-relative URL', `//evil.example${OWN}?count=25&older_id=224`],
    ['another path', '/v1/user/7/monetary-account/999/payment?count=25&older_id=224'],
    ['a longer path', `${OWN}/224?count=25&older_id=224`],
    [
      'a dot segment',
      `/v1/user/7/monetary-account/999/../${ACCOUNT_A}/payment?count=25&older_id=224`,
    ],
    ['no /v1 prefix', `/user/7/monetary-account/${ACCOUNT_A}/payment?count=25&older_id=224`],
    [
      'a percent-encoded path',
      `/v1/user/7/monetary-account/${ACCOUNT_A}%2Fpayment?count=25&older_id=224`,
    ],
    ['an extra parameter', `${OWN}?count=25&older_id=224&redirect=https://evil.example`],
    ['a repeated parameter', `${OWN}?count=25&older_id=224&older_id=1`],
    ['both directions', `${OWN}?count=25&older_id=224&newer_id=1`],
    ['the wrong direction', `${OWN}?count=25&newer_id=224`],
    ['no id at all', `${OWN}?count=25`],
    ['a non-numeric id', `${OWN}?count=25&older_id=abc`],
    ['a zero-padded id', `${OWN}?count=25&older_id=0224`],
    ['an id beyond safe integers', `${OWN}?count=25&older_id=9999999999999999`],
    ['a count above 200', `${OWN}?count=201&older_id=224`],
    ['a fragment', `${OWN}?count=25&older_id=224#x`],
    ['an empty query', `${OWN}?`],
    ['not a string', 224],
  ])('when older_url is %s, then it becomes null', (_label, url) => {
    expect(page({ future_url: null, newer_url: null, older_url: url })).toEqual({
      future_url: null,
      newer_url: null,
      older_url: null,
    });
  });

  it('when newer_url points at another path, then it becomes null', () => {
    expect(
      sanitisePageUrl(
        '/v1/user/8/monetary-account/1/payment?count=25&newer_id=249',
        PATH,
        'newer_id',
      ),
    ).toBeNull();
  });

  it('when the upstream answer has no Pagination, then the list still carries all three links as null', () => {
    const out = filterResponse(spec('payment-list', { listPath: PATH }), { Response: [] });
    expect(out).toEqual({
      Response: [],
      Pagination: { future_url: null, newer_url: null, older_url: null },
    });
  });

  it('when Pagination is not an object, then the answer is withheld', () => {
    expect(() =>
      filterResponse(spec('payment-list', { listPath: PATH }), { Response: [], Pagination: [] }),
    ).toThrow(
      expect.objectContaining({
        code: 'upstream_error',
        details: { reason: 'pagination_not_an_object' },
      }),
    );
  });

  it.each([
    ['missing', undefined],
    ['without the /v1 prefix', `/user/7/monetary-account/${ACCOUNT_A}/payment`],
    ['with a dot segment', '/v1/user/7/../8'],
    ['with a trailing slash', `${PATH}/`],
    ['carrying a query', `${PATH}?count=1`],
    ['relative', 'v1/user/7'],
    ['percent-encoded', '/v1/user%2F7'],
    ['only /v1', '/v1'],
  ])('when the list path is %s, then the filter refuses as misconfigured', (_label, listPath) => {
    expect(() => pageOn(listPath, { older_url: null })).toThrow(
      expect.objectContaining({ code: 'internal_error', status: 500, expose: false }),
    );
  });
});

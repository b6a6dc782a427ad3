import { filterResponse } from '../../../src/filter';
import { toBunqTimestamp } from '../../../src/lib/clock';
import { inner, list, single } from './fixtures/envelope';
import { ACCOUNT_A, DAY, NOW, payment, paymentHistory, requestInquiry } from './fixtures/items';
import { spec } from './fixtures/spec';
import { createdMs } from '../../../src/filter/trim-to-window';

const PATH = `/v1/user/7/monetary-account/${ACCOUNT_A}/payment`;
const WINDOW_START = NOW - 30 * DAY;
const windowed = (extra = {}) =>
  spec('payment-list', { listPath: PATH, windowStartMs: WINDOW_START, ...extra });
/** bunq's links for a page: newer from its highest id, older from its lowest (bunq-api.md §6). */
const links = (olderId: number, newerId = 5000) => ({
  future_url: null,
  newer_url: `${PATH}?count=200&newer_id=${newerId}`,
  older_url: `${PATH}?count=200&older_id=${olderId}`,
});
type Out = {
  Response: unknown[];
  Pagination: { older_url: string | null; newer_url: string | null };
};

describe('trim-to-window', () => {
  it('when a page spans 120 days and the window is 30, then only items inside the window remain', () => {
    const out = inner(filterResponse(windowed(), list('Payment', paymentHistory([ACCOUNT_A]))));
    expect(out).toHaveLength(15);
    for (const p of out) expect(createdMs(p)!).toBeGreaterThanOrEqual(WINDOW_START);
  });

  it('when a page reaches past the window, then older_url is null and newer_url survives', () => {
    const out = filterResponse(
      windowed(),
      list('Payment', paymentHistory([ACCOUNT_A]), links(4881)),
    ) as Out;
    expect(out.Pagination.older_url).toBeNull();
    expect(out.Pagination.newer_url).toBe(`${PATH}?count=200&newer_id=5000`);
  });

  it('when the whole page lies inside the window, then older_url is kept', () => {
    const recent = paymentHistory([ACCOUNT_A]).slice(0, 5);
    const out = filterResponse(windowed(), list('Payment', recent, links(4996))) as Out;
    expect(out.Pagination.older_url).toBe(`${PATH}?count=200&older_id=4996`);
  });

  it('when no window is set, then older items and older_url stay', () => {
    const out = filterResponse(
      spec('payment-list', { listPath: PATH }),
      list('Payment', paymentHistory([ACCOUNT_A]), links(4941)),
    ) as Out;
    expect(out.Response).toHaveLength(60);
    expect(out.Pagination.older_url).toBe(`${PATH}?count=200&older_id=4941`);
  });

  it('when the page is empty after filtering, then older_url is null', () => {
    const foreign = [payment(10, 999, NOW - DAY)];
    const out = filterResponse(windowed(), list('Payment', foreign, links(10))) as Out;
    expect(out.Response).toEqual([]);
    expect(out.Pagination.older_url).toBeNull();
  });

  it('when the oldest item sits exactly on the window edge, then it is kept but paging stops', () => {
    const page = [payment(11, ACCOUNT_A, NOW - DAY), payment(10, ACCOUNT_A, WINDOW_START)];
    const out = filterResponse(windowed(), list('Payment', page, links(10))) as Out;
    expect(inner(out).map((p) => p['id'])).toEqual([11, 10]);
    expect(out.Pagination.older_url).toBeNull();
  });

  it('when an item of another account is older than the window, then paging still stops', () => {
    const page = [payment(11, ACCOUNT_A, NOW - DAY), payment(10, 999, WINDOW_START - DAY)];
    expect(
      (filterResponse(windowed(), list('Payment', page, links(10))) as Out).Pagination.older_url,
    ).toBeNull();
  });

  it.each([
    ['missing', undefined],
    ['not a string', 1234],
    ['not a bunq timestamp', '2026-11-24T12:00:00Z'],
    ['an impossible date', '2026-13-45 12:00:00.000000'],
  ])('when created is %s, then the item counts as outside the window', (_label, created) => {
    const item: Record<string, unknown> = { ...payment(10, ACCOUNT_A, NOW), created };
    if (created === undefined) delete item['created'];
    const out = filterResponse(
      windowed(),
      list('Payment', [payment(11, ACCOUNT_A, NOW), item], links(10)),
    ) as Out;
    expect(inner(out).map((p) => p['id'])).toEqual([11]);
    expect(out.Pagination.older_url).toBeNull();
  });

  it.each(['2026-13-45 12:00:00.000000', '2026-11-24 12:00:00.123456x', null])(
    'when created is %p, then createdMs is undefined',
    (created) => {
      expect(createdMs({ created })).toBeUndefined();
    },
  );

  it('when created is a bunq timestamp, then createdMs is its epoch milliseconds', () => {
    expect(createdMs({ created: '2026-11-24 12:00:00.123456' })).toBe(
      Date.UTC(2026, 10, 24, 12, 0, 0, 123),
    );
  });

  it('when a single payment older than the window is read, then it reads as not found', () => {
    expect(() =>
      filterResponse(
        spec('payment', { windowStartMs: WINDOW_START }),
        single('Payment', payment(1, ACCOUNT_A, WINDOW_START - 1)),
      ),
    ).toThrow(expect.objectContaining({ code: 'not_found', status: 404 }));
  });

  it('when a single payment inside the window is read, then it is returned', () => {
    const out = filterResponse(
      spec('payment', { windowStartMs: WINDOW_START }),
      single('Payment', payment(1, ACCOUNT_A, WINDOW_START + 1)),
    );
    expect(inner(out)[0]).toMatchObject({ id: 1, created: toBunqTimestamp(WINDOW_START + 1) });
  });

  it('when a request-inquiry list spans the window, then it is cut and stops paging too', () => {
    const page = [
      requestInquiry(3, ACCOUNT_A, NOW),
      requestInquiry(2, ACCOUNT_A, WINDOW_START - DAY),
    ];
    const path = `/v1/user/7/monetary-account/${ACCOUNT_A}/request-inquiry`;
    const out = filterResponse(
      spec('request-inquiry-list', { listPath: path, windowStartMs: WINDOW_START }),
      list('RequestInquiry', page, { older_url: `${path}?count=10&older_id=2` }),
    ) as Out;
    expect(inner(out).map((r) => r['id'])).toEqual([3]);
    expect(out.Pagination.older_url).toBeNull();
  });
});

import { filterResponse } from '../../../src/filter';
import { inner, list, single } from './fixtures/envelope';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  NOW,
  draftPayment,
  payment,
  paymentHistory,
  requestInquiry,
} from './fixtures/items';
import { spec } from './fixtures/spec';

const PATH = { listPath: `/v1/user/7/monetary-account/${ACCOUNT_A}/payment` };

describe('only-granted-accounts', () => {
  it('when a payment list mixes two accounts, then only the granted account remains', () => {
    const out = inner(
      filterResponse(spec('payment-list', PATH), list('Payment', paymentHistory())),
    );
    expect(out).toHaveLength(60);
    expect(new Set(out.map((p) => p['monetary_account_id']))).toEqual(new Set([ACCOUNT_A]));
  });

  it('when both accounts are granted, then both remain, in upstream order', () => {
    const source = paymentHistory();
    const out = inner(
      filterResponse(
        spec('payment-list', { ...PATH, accounts: new Set([ACCOUNT_A, ACCOUNT_B]) }),
        list('Payment', source),
      ),
    );
    expect(out.map((p) => p['id'])).toEqual(source.map((p) => p['id']));
  });

  it.each([
    ['payment', 'Payment', payment(1, ACCOUNT_B, NOW)],
    ['request-inquiry', 'RequestInquiry', requestInquiry(1, ACCOUNT_B, NOW)],
    ['draft-payment', 'DraftPayment', draftPayment(1, ACCOUNT_B, NOW)],
  ] as const)(
    'when a single %s of another account is read, then it reads as not found',
    (kind, type, object) => {
      expect(() => filterResponse(spec(kind), single(type, object))).toThrow(
        expect.objectContaining({ code: 'not_found', status: 404 }),
      );
    },
  );

  it.each([
    ['request-inquiry-list', 'RequestInquiry', requestInquiry],
    ['draft-payment-list', 'DraftPayment', draftPayment],
  ] as const)(
    'when a %s mixes accounts, then only the granted account remains',
    (kind, type, make) => {
      const body = list(type, [
        make(3, ACCOUNT_B, NOW),
        make(2, ACCOUNT_A, NOW),
        make(1, ACCOUNT_B, NOW),
      ]);
      expect(
        inner(filterResponse(spec(kind, { listPath: '/v1/x' }), body)).map((o) => o['id']),
      ).toEqual([2]);
    },
  );

  it.each([undefined, '101', 1.5, null])(
    'when an item carries monetary_account_id %p, then the whole answer is withheld',
    (accountId) => {
      const item: Record<string, unknown> = {
        ...payment(1, ACCOUNT_A, NOW),
        monetary_account_id: accountId,
      };
      if (accountId === undefined) delete item['monetary_account_id'];
      expect(() => filterResponse(spec('payment-list', PATH), list('Payment', [item]))).toThrow(
        expect.objectContaining({
          code: 'upstream_error',
          details: { reason: 'account_id_missing' },
        }),
      );
    },
  );

  it('when the grant holds no account of the page, then the page is empty and keeps its shape', () => {
    const out = filterResponse(
      spec('payment-list', { ...PATH, accounts: new Set([999]) }),
      list('Payment', paymentHistory()),
    );
    expect(out).toEqual({
      Response: [],
      Pagination: { future_url: null, newer_url: null, older_url: null },
    });
  });
});

import { filterResponse } from '../../../src/filter';
import {
  DRAFT_PAYMENT_FIELDS,
  PAYMENT_FIELDS,
  PERSONAL_ITEM_FIELDS,
  REQUEST_INQUIRY_FIELDS,
} from '../../../src/filter/trim-item-fields';
import { inner, single } from './fixtures/envelope';
import { ACCOUNT_A, NOW, draftPayment, payment, requestInquiry } from './fixtures/items';
import { spec } from './fixtures/spec';

/** What bunq2ynab reads from a payment (bunq-clients.md §2.2). */
const PAYMENT_CLIENT_FIELDS = [
  'amount',
  'created',
  'type',
  'sub_type',
  'counterparty_alias',
  'description',
];
const one = (body: unknown) => inner(body)[0]!;
const readPayment = (redactPersonalData: boolean, source = payment(1, ACCOUNT_A, NOW)) =>
  one(filterResponse(spec('payment', { redactPersonalData }), single('Payment', source)));

describe('trim-item-fields', () => {
  it.each(PAYMENT_CLIENT_FIELDS)(
    'when a payment is redacted, then the client field %s is kept unchanged',
    (field) => {
      const source = payment(1, ACCOUNT_A, NOW);
      expect(readPayment(true, source)[field]).toEqual(source[field]);
    },
  );

  it('when a payment is redacted, then the counterparty IBAN and name clients read are kept', () => {
    expect(readPayment(true)['counterparty_alias']).toMatchObject({
      iban: 'NL44RABO0123456789',
      display_name: 'Albert Heijn 1234',
    });
  });

  it.each([...PERSONAL_ITEM_FIELDS])('when a payment is redacted, then %s is gone', (field) => {
    expect(readPayment(true)).not.toHaveProperty(field);
  });

  it('when redaction is off, then geolocation and addresses stay', () => {
    const out = readPayment(false);
    for (const field of PERSONAL_ITEM_FIELDS) expect(out).toHaveProperty(field);
  });

  it.each([true, false])(
    'when a payment is filtered (redact %p), then a field bunq adds later is not passed on',
    (redact) => {
      const out = readPayment(redact);
      expect(out).not.toHaveProperty('some_field_bunq_adds_next_year');
      expect(Object.keys(out).every((k) => PAYMENT_FIELDS.includes(k))).toBe(true);
    },
  );

  it('when a request-inquiry is redacted, then only its allowlist minus personal fields remains', () => {
    const out = one(
      filterResponse(
        spec('request-inquiry'),
        single('RequestInquiry', requestInquiry(1, ACCOUNT_A, NOW)),
      ),
    );
    expect(Object.keys(out).sort()).toEqual(
      REQUEST_INQUIRY_FIELDS.filter(
        (f) => !PERSONAL_ITEM_FIELDS.has(f) && f !== 'allow_bunqme',
      ).sort(),
    );
  });

  it('when a draft-payment is redacted, then only its allowlist and object remain', () => {
    const out = one(
      filterResponse(
        spec('draft-payment'),
        single('DraftPayment', draftPayment(1, ACCOUNT_A, NOW)),
      ),
    );
    expect(Object.keys(out).sort()).toEqual([...DRAFT_PAYMENT_FIELDS, 'object'].sort());
    expect(out['object']).toBeNull();
  });

  it('when an accepted draft carries its Payment, then that payment is trimmed by the payment rules', () => {
    const draft = draftPayment(1, ACCOUNT_A, NOW, { Payment: payment(2, ACCOUNT_A, NOW) });
    const inside = (
      one(filterResponse(spec('draft-payment'), single('DraftPayment', draft)))['object'] as {
        Payment: Record<string, unknown>;
      }
    ).Payment;
    expect(inside).toMatchObject({ id: 2, amount: { value: '-12.50', currency: 'EUR' } });
    expect(inside).not.toHaveProperty('geolocation');
    expect(inside).not.toHaveProperty('some_field_bunq_adds_next_year');
  });

  it('when an accepted draft carries a PaymentBatch, then each batch payment is trimmed', () => {
    const batch = {
      id: 9,
      payments: { Payment: [payment(2, ACCOUNT_A, NOW), payment(3, ACCOUNT_A, NOW)] },
      secret: 'x',
    };
    const draft = draftPayment(1, ACCOUNT_A, NOW, { PaymentBatch: batch });
    const out = one(filterResponse(spec('draft-payment'), single('DraftPayment', draft)))[
      'object'
    ] as { PaymentBatch: { id: number; payments: { Payment: Record<string, unknown>[] } } };
    expect(Object.keys(out.PaymentBatch).sort()).toEqual(['id', 'payments']);
    expect(out.PaymentBatch.payments.Payment.map((p) => p['id'])).toEqual([2, 3]);
    for (const p of out.PaymentBatch.payments.Payment)
      expect(p).not.toHaveProperty('address_billing');
  });

  it.each([
    ['an unknown anchor type', { RequestInquiry: {} }],
    ['a 2017-style plain payments array', { PaymentBatch: { payments: [{ Payment: {} }] } }],
    ['a batch with a non-object payment', { PaymentBatch: { payments: { Payment: ['x'] } } }],
    ['a batch without payments', { PaymentBatch: {} }],
  ])('when a draft object is %s, then the answer is withheld', (_label, object) => {
    const draft = draftPayment(1, ACCOUNT_A, NOW, object);
    expect(() => filterResponse(spec('draft-payment'), single('DraftPayment', draft))).toThrow(
      expect.objectContaining({ code: 'upstream_error' }),
    );
  });

  it('when a draft has no object field, then none is invented', () => {
    const draft = draftPayment(1, ACCOUNT_A, NOW);
    delete draft['object'];
    expect(
      one(filterResponse(spec('draft-payment'), single('DraftPayment', draft))),
    ).not.toHaveProperty('object');
  });
});

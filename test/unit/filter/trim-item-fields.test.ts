import { filterResponse } from '../../../src/filter';
import {
  DRAFT_PAYMENT_FIELDS,
  PAYMENT_FIELDS,
  PERSONAL_ITEM_FIELDS,
  REQUEST_INQUIRY_FIELDS,
} from '../../../src/filter/trim-item-fields';
import { inner, single } from './fixtures/envelope';
import { ACCOUNT_A, ACCOUNT_B, NOW, draftPayment, payment, requestInquiry } from './fixtures/items';
import { spec } from './fixtures/spec';

/** What bunq2ynab reads from a payment (bunq-clients.md §2.2); counterparty_alias: below. */
const PAYMENT_CLIENT_FIELDS = [
  'amount',
  'created',
  'type',
  'sub_type',
  'description',
];
/** A label as it must come out: documented fields only; without read-personal-data, no pictures or public uuid. */
const trimmedLabel = (label: unknown, redact: boolean) => {
  const { some_field_bunq_adds_next_year: _a, label_user, ...rest } = label as Record<string, unknown>;
  const { some_field_bunq_adds_next_year: _b, ...user } = label_user as Record<string, unknown>;
  return redact ? { ...rest, avatar: null, label_user: { ...user, avatar: null, uuid: null } } : { ...rest, label_user: user };
};
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

  it.each([true, false])('when a payment is filtered (redact %p), then both labels keep their documented fields, and without read-personal-data no pictures or public uuid', (redact) => {
    const source = payment(1, ACCOUNT_A, NOW);
    const out = readPayment(redact, source);
    expect(out['counterparty_alias']).toEqual(trimmedLabel(source['counterparty_alias'], redact));
    expect(out['alias']).toEqual(trimmedLabel(source['alias'], redact));
    if (redact) expect(JSON.stringify(out)).not.toContain('img-0');
  });

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

  it.each([true, false])('when a request-inquiry is filtered (redact %p), then its three labels are cut like a payment\'s', (redact) => {
    const source: Record<string, unknown> = { ...requestInquiry(1, ACCOUNT_A, NOW), user_alias_revoked: payment(9, ACCOUNT_B, NOW)['alias'] };
    const out = one(filterResponse(spec('request-inquiry', { redactPersonalData: redact }), single('RequestInquiry', source)));
    for (const field of ['user_alias_created', 'user_alias_revoked', 'counterparty_alias']) {
      expect([field, out[field]]).toEqual([field, trimmedLabel(source[field], redact)]);
    }
  });

  it.each([true, false])('when a draft-payment is filtered (redact %p), then its entries, responses and creator keep their documented fields and labels are cut', (redact) => {
    const source = draftPayment(1, ACCOUNT_A, NOW);
    const entry = (source['entries'] as Record<string, unknown>[])[0]!;
    source['entries'] = [{ ...entry, some_field_bunq_adds_next_year: 'unseen' }];
    const out = one(filterResponse(spec('draft-payment', { redactPersonalData: redact }), single('DraftPayment', source)));
    const [outEntry] = out['entries'] as Record<string, unknown>[];
    expect(Object.keys(outEntry!).sort()).toEqual(['alias', 'amount', 'attachment', 'counterparty_alias', 'description', 'id', 'merchant_reference', 'type']);
    expect(outEntry!['counterparty_alias']).toEqual(trimmedLabel(entry['counterparty_alias'], redact));
    expect(outEntry!['alias']).toEqual(trimmedLabel(entry['alias'], redact));
    const user = (label: unknown) => (trimmedLabel({ label_user: label }, redact) as { label_user: unknown }).label_user;
    expect(out['user_alias_created']).toEqual(user(source['user_alias_created']));
    expect(out['responses']).toEqual([{ status: 'PENDING', user_alias_created: user(source['user_alias_created']) }]);
    if (redact) expect(JSON.stringify(out)).not.toContain('img-0');
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

  describe('fields that hold whole bunq objects', () => {
    const HOME = { street: 'Secretstraat', house_number: '7', postal_code: '1000 AA', city: 'Amsterdam' };
    /** A payment on another account, with everything a nested copy must not carry. */
    const foreign = { ...payment(99, ACCOUNT_B, NOW), address_billing: HOME, balance_after_mutation: { value: '9999.00', currency: 'EUR' }, future_field: 'x' };
    const leaks = (out: unknown) => {
      const text = JSON.stringify(out);
      return ['Secretstraat', '9999.00', 'future_field', 'NL123456789B01', String(ACCOUNT_B)].filter((s) => text.includes(s));
    };

    it('when a payment carries an auto-allocation with a batch of payments, then only its status and ids are kept', () => {
      const source = {
        ...payment(1, ACCOUNT_A, NOW),
        payment_auto_allocate_instance: {
          id: 5, created: 'c', updated: 'u', payment_auto_allocate_id: 4, status: 'SUCCEEDED', payment_id: 1,
          error_message: ['for Secretstraat'], payment_batch: { payments: { Payment: [foreign] } }, all_ginmon_transaction_order: [foreign],
        },
      };
      const out = one(filterResponse(spec('payment'), single('Payment', source)));
      expect(out['payment_auto_allocate_instance']).toEqual({ id: 5, created: 'c', updated: 'u', payment_auto_allocate_id: 4, status: 'SUCCEEDED', payment_id: 1 });
      expect(leaks(out)).toEqual([]);
    });

    it('when a payment or draft references split-the-bill requests, then each reference keeps only its type and id', () => {
      const refs = [{ type: 'RequestInquiry', id: 8, detail: foreign }];
      const fromPayment = one(filterResponse(spec('payment'), single('Payment', { ...payment(1, ACCOUNT_A, NOW), request_reference_split_the_bill: refs })));
      expect(fromPayment['request_reference_split_the_bill']).toEqual([{ type: 'RequestInquiry', id: 8 }]);
      const fromDraft = one(filterResponse(spec('draft-payment'), single('DraftPayment', { ...draftPayment(2, ACCOUNT_A, NOW), request_reference_split_the_bill: refs })));
      expect(fromDraft['request_reference_split_the_bill']).toEqual([{ type: 'RequestInquiry', id: 8 }]);
      expect(leaks([fromPayment, fromDraft])).toEqual([]);
    });

    it("when a request names what split its bill (an invoice, another account's payment), then only the type and id are kept", () => {
      const source = {
        ...requestInquiry(3, ACCOUNT_A, NOW),
        reference_split_the_bill: { BillingInvoice: { id: 8, address: HOME, vat_number: 'NL123456789B01' }, Payment: null, MasterCardAction: foreign },
      };
      const out = one(filterResponse(spec('request-inquiry'), single('RequestInquiry', source)));
      expect(out['reference_split_the_bill']).toEqual({ BillingInvoice: { id: 8 }, MasterCardAction: { id: 99 } });
      expect(leaks(out).filter((s) => s !== '99')).toEqual([]);
    });

    it('when a draft carries a schedule, then its timing is kept and the payment it makes is trimmed like any payment', () => {
      const schedule = { time_start: '2030-01-01 00:00:00.000000', time_end: null, recurrence_unit: 'MONTHLY', recurrence_size: 1, status: 'ACTIVE', extra: HOME, object: { Payment: { ...foreign, monetary_account_id: ACCOUNT_A } } };
      const out = one(filterResponse(spec('draft-payment'), single('DraftPayment', { ...draftPayment(2, ACCOUNT_A, NOW), schedule })));
      const kept = out['schedule'] as Record<string, unknown>;
      expect(Object.keys(kept).sort()).toEqual(['object', 'recurrence_size', 'recurrence_unit', 'status', 'time_end', 'time_start']);
      // The scheduled payment is the draft's own (same account): trimmed and redacted, not dropped.
      expect(leaks(out).filter((s) => s === 'Secretstraat' || s === 'future_field')).toEqual([]);
      expect((kept['object'] as Record<string, Record<string, unknown>>)['Payment']!['id']).toBe(99);
    });

    it('when a payment is suspended, then only the documented fields of the suspension are kept', () => {
      const source = { ...payment(1, ACCOUNT_A, NOW), payment_suspended_outgoing: { status: 'SUSPENDED', monetary_account_id: String(ACCOUNT_A), time_execution: 't', note: HOME } };
      const out = one(filterResponse(spec('payment'), single('Payment', source)));
      expect(out['payment_suspended_outgoing']).toEqual({ status: 'SUSPENDED', monetary_account_id: String(ACCOUNT_A), time_execution: 't' });
    });

    it.each([
      ['payment_auto_allocate_instance', 'Payment', ['a list']],
      ['request_reference_split_the_bill', 'Payment', { type: 'RequestInquiry', id: 8 }],
      ['payment_suspended_outgoing', 'Payment', 'SUSPENDED'],
    ])('when %s has a shape bunq does not document, then the answer is withheld (502), not copied', (field, type, value) => {
      expect(() => filterResponse(spec('payment'), single(type, { ...payment(1, ACCOUNT_A, NOW), [field]: value }))).toThrow(/cannot check/);
    });
  });
});


describe('balances in a draft', () => {
  const withPayment = () => draftPayment(2, ACCOUNT_A, NOW, { Payment: { ...payment(9, ACCOUNT_A, NOW), balance_after_mutation: { value: '1081.39', currency: 'EUR' } } });
  const read = (hideBalances: boolean, draft: Record<string, unknown>) =>
    JSON.stringify(filterResponse(spec('draft-payment', { hideBalances }), single('DraftPayment', draft)));

  it("when the token may read neither balances nor payments, then the draft's resulting payment has no balance", () => {
    expect(read(true, withPayment())).not.toContain('1081.39');
    const scheduled = { ...draftPayment(3, ACCOUNT_A, NOW), schedule: { time_start: 't', recurrence_unit: 'ONCE', recurrence_size: 1, status: 'ACTIVE', object: withPayment()['object'] } };
    expect(read(true, scheduled)).not.toContain('1081.39');
  });

  it('when the token may read balances, then the balance stays', () => {
    expect(read(false, withPayment())).toContain('1081.39');
  });
});

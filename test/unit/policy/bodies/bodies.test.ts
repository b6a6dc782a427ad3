import { AmountBody } from '../../../../src/policy/bodies/amount';
import { DraftPaymentCreateBody, draftPaymentCreateIntent } from '../../../../src/policy/bodies/draft-payment-create';
import { PaymentCreateBody, paymentCreateIntent } from '../../../../src/policy/bodies/payment-create';
import { PointerBody } from '../../../../src/policy/bodies/pointer';
import { RequestInquiryCreateBody } from '../../../../src/policy/bodies/request-inquiry-create';
import { RequestInquiryRevokeBody } from '../../../../src/policy/bodies/request-inquiry-revoke';
import { ALLOWED_IBAN, paymentBody } from '../helpers';

const iban = { type: 'IBAN', value: ALLOWED_IBAN, name: 'Supplier BV' };

describe('AmountBody', () => {
  it.each(['0.01', '12.50', '12.5', '12', '999999999999.99'])('when the value is %s, then it is accepted', (value) => {
    expect(AmountBody.safeParse({ value, currency: 'EUR' }).success).toBe(true);
  });

  it('when the value has one decimal, then it is re-written with two', () => {
    expect(AmountBody.parse({ value: '7.5', currency: 'EUR' })).toEqual({ value: '7.50', currency: 'EUR' });
  });

  it.each([
    ['negative', '-1.00'],
    ['zero', '0'],
    ['zero with decimals', '0.00'],
    ['exponent', '1e2'],
    ['leading whitespace', ' 1.00'],
    ['trailing whitespace', '1.00\n'],
    ['comma decimal', '1,00'],
    ['three decimals', '1.001'],
    ['a number', 12.5],
    ['huge', '1000000000000.00'],
    ['empty', ''],
    ['null', null],
  ])('when the value is %s, then it is refused', (_name, value) => {
    expect(AmountBody.safeParse({ value, currency: 'EUR' }).success).toBe(false);
  });

  it.each([['lower case', 'eur'], ['symbol', '€'], ['two letters', 'EU'], ['missing', undefined]])(
    'when the currency is %s, then it is refused',
    (_name, currency) => {
      expect(AmountBody.safeParse({ value: '1.00', currency }).success).toBe(false);
    },
  );

  it('when an extra field is present, then it is refused', () => {
    expect(AmountBody.safeParse({ value: '1.00', currency: 'EUR', fee: '0.10' }).success).toBe(false);
  });
});

describe('PointerBody', () => {
  it('when the IBAN is written with spaces and lower case, then it is normalised', () => {
    expect(PointerBody.parse({ ...iban, value: 'nl91 abna 0417 1643 00' })).toEqual(iban);
  });

  it.each([
    ['an IBAN with a bad checksum', { ...iban, value: 'NL91ABNA0417164301' }],
    ['an IBAN with a Cyrillic letter', { ...iban, value: 'NL91\u0410BNA0417164300' }],
    ['an IBAN without a name', { type: 'IBAN', value: ALLOWED_IBAN }],
    ['an IBAN with an empty name', { ...iban, name: '' }],
    ['a name with a control character', { ...iban, name: 'A\u0000B' }],
    ['a name with a bidi override', { ...iban, name: 'evil\u202eLB' }],
    ['an unknown type', { type: 'BIC', value: 'ABNANL2A', name: 'x' }],
    ['the write-only service field', { ...iban, service: 'x' }],
    ['a malformed e-mail', { type: 'EMAIL', value: 'not-an-email' }],
    ['a phone without +', { type: 'PHONE_NUMBER', value: '0612345678' }],
  ])('when the pointer has %s, then it is refused', (_name, pointer) => {
    expect(PointerBody.safeParse(pointer).success).toBe(false);
  });

  it('when the pointer is an e-mail or phone, then the name is optional', () => {
    expect(PointerBody.safeParse({ type: 'EMAIL', value: 'bravo@bunq.com' }).success).toBe(true);
    expect(PointerBody.safeParse({ type: 'PHONE_NUMBER', value: '+31612345678', name: 'B' }).success).toBe(true);
  });
});

describe('PaymentCreateBody', () => {
  it('when the body is complete, then it is accepted and its intent read', () => {
    const body = PaymentCreateBody.parse(paymentBody({ merchant_reference: 'ref', allow_bunqto: false }));
    expect(paymentCreateIntent(body)).toMatchObject({ amountMinor: 1250n, currency: 'EUR', counterpartyIban: ALLOWED_IBAN, mode: 'payment' });
  });

  it.each([
    ['a 141-character description', { description: 'x'.repeat(141) }],
    ['no description', { description: undefined }],
    ['an attachment', { attachment: [{ id: 1 }] }],
    ['an unknown field', { amount_fee: '1.00' }],
    ['allow_bunqto as a string', { allow_bunqto: 'true' }],
    ['a description with a newline', { description: 'a\nb' }],
  ])('when the body has %s, then it is refused', (_name, over) => {
    expect(PaymentCreateBody.safeParse(paymentBody(over)).success).toBe(false);
  });

  it('when the description is exactly 140 characters, then it is accepted', () => {
    expect(PaymentCreateBody.safeParse(paymentBody({ description: 'x'.repeat(140) })).success).toBe(true);
  });
});

describe('DraftPaymentCreateBody', () => {
  const entry = { amount: { value: '5.00', currency: 'EUR' }, counterparty_alias: iban, description: 'x' };

  it('when the draft has one entry and one required accept, then it is accepted', () => {
    const body = DraftPaymentCreateBody.parse({ entries: [entry], number_of_required_accepts: 1 });
    expect(draftPaymentCreateIntent(body)).toMatchObject({ amountMinor: 500n, mode: 'draft' });
  });

  it.each([
    ['two entries', { entries: [entry, entry], number_of_required_accepts: 1 }],
    ['no entries', { entries: [], number_of_required_accepts: 1 }],
    ['two required accepts', { entries: [entry], number_of_required_accepts: 2 }],
    ['a schedule', { entries: [entry], number_of_required_accepts: 1, schedule: {} }],
    ['a status', { entries: [entry], number_of_required_accepts: 1, status: 'ACCEPTED' }],
    ['an entry with an extra field', { entries: [{ ...entry, allow_bunqto: true }], number_of_required_accepts: 1 }],
  ])('when the draft has %s, then it is refused', (_name, body) => {
    expect(DraftPaymentCreateBody.safeParse(body).success).toBe(false);
  });
});

describe('RequestInquiryCreateBody', () => {
  const body = { amount_inquired: { value: '10.00', currency: 'EUR' }, counterparty_alias: { type: 'EMAIL', value: 'sugardaddy@bunq.com', name: 'Sugar Daddy' }, description: 'x', allow_bunqme: false };

  it('when the request is complete, then it is accepted', () => {
    expect(RequestInquiryCreateBody.safeParse({ ...body, minimum_age: 18, require_address: 'NONE', redirect_url: 'https://example.com/x' }).success).toBe(true);
  });

  it.each([
    ['allow_bunqme missing', { allow_bunqme: undefined }],
    ['a zero amount', { amount_inquired: { value: '0.00', currency: 'EUR' } }],
    ['an http redirect', { redirect_url: 'http://example.com' }],
    ['a minimum age of 11', { minimum_age: 11 }],
    ['a status', { status: 'ACCEPTED' }],
    ['a deprecated field', { want_tip: true }],
  ])('when the request has %s, then it is refused', (_name, over) => {
    expect(RequestInquiryCreateBody.safeParse({ ...body, ...over }).success).toBe(false);
  });
});

describe('RequestInquiryRevokeBody', () => {
  it('when the body is {"status":"REVOKED"}, then it is accepted', () => {
    expect(RequestInquiryRevokeBody.safeParse({ status: 'REVOKED' }).success).toBe(true);
  });
  it.each([[{ status: 'ACCEPTED' }], [{ status: 'REVOKED', amount_inquired: { value: '1.00', currency: 'EUR' } }], [{}]])(
    'when the body is %j, then it is refused',
    (body) => {
      expect(RequestInquiryRevokeBody.safeParse(body).success).toBe(false);
    },
  );
});

/**
 * Payments, request-inquiries and draft-payments keep only the fields bunq documents for them
 * (SW PaymentRead, RequestInquiryRead, DraftPaymentRead; bunq-api.md §9.3, §9.4, §9.6), so a
 * field bunq adds later is never passed on unseen. With redactPersonalData the payer's
 * geolocation and shipping/billing addresses go too. A draft's resulting Payment or
 * PaymentBatch (`object`) is trimmed by the same payment rules.
 */
import { UnexpectedUpstreamAnswer } from './filter-errors';
import { unwrap, wrap } from './envelope';
import { isJsonObject, pickFields, readField, setField, type JsonObject } from './json';

export const PERSONAL_ITEM_FIELDS: ReadonlySet<string> = new Set([
  'address_shipping',
  'address_billing',
  'geolocation',
]);

export const PAYMENT_FIELDS: readonly string[] = [
  'id',
  'created',
  'updated',
  'monetary_account_id',
  'amount',
  'alias',
  'counterparty_alias',
  'description',
  'type',
  'sub_type',
  'payment_arrival_expected',
  'bunqto_status',
  'bunqto_sub_status',
  'bunqto_share_url',
  'bunqto_expiry',
  'bunqto_time_responded',
  'attachment',
  'merchant_reference',
  'batch_id',
  'scheduled_id',
  'address_shipping',
  'address_billing',
  'geolocation',
  'request_reference_split_the_bill',
  'balance_after_mutation',
  'payment_auto_allocate_instance',
  'payment_suspended_outgoing',
  'payment_fee',
  'maturity_date',
];

export const REQUEST_INQUIRY_FIELDS: readonly string[] = [
  'id',
  'created',
  'updated',
  'time_responded',
  'time_expiry',
  'monetary_account_id',
  'amount_inquired',
  'amount_responded',
  'user_alias_created',
  'user_alias_revoked',
  'counterparty_alias',
  'description',
  'merchant_reference',
  'attachment',
  'status',
  'batch_id',
  'scheduled_id',
  'minimum_age',
  'require_address',
  'bunqme_share_url',
  'redirect_url',
  'allow_bunqme',
  'address_shipping',
  'address_billing',
  'geolocation',
  'reference_split_the_bill',
];

/** `created`/`updated` are missing from SW DraftPaymentRead but sent like on every bunq object. */
export const DRAFT_PAYMENT_FIELDS: readonly string[] = [
  'id',
  'created',
  'updated',
  'monetary_account_id',
  'user_alias_created',
  'responses',
  'status',
  'type',
  'entries',
  'request_reference_split_the_bill',
  'schedule',
];

const BATCH_FIELDS: readonly string[] = ['id', 'created', 'updated'];

function pickItem(obj: JsonObject, fields: readonly string[], redact: boolean): JsonObject {
  return pickFields(obj, redact ? fields.filter((f) => !PERSONAL_ITEM_FIELDS.has(f)) : fields);
}

export function trimPayment(payment: JsonObject, redact: boolean): JsonObject {
  return pickItem(payment, PAYMENT_FIELDS, redact);
}

export function trimRequestInquiry(inquiry: JsonObject, redact: boolean): JsonObject {
  return pickItem(inquiry, REQUEST_INQUIRY_FIELDS, redact);
}

export function trimDraftPayment(draft: JsonObject, redact: boolean): JsonObject {
  const out = pickItem(draft, DRAFT_PAYMENT_FIELDS, redact);
  if (Object.hasOwn(draft, 'object')) {
    setField(out, 'object', trimDraftObject(readField(draft, 'object'), redact));
  }
  return out;
}

/** SW DraftPaymentAnchorObject: `{"Payment":{…}}` or `{"PaymentBatch":{"payments":{"Payment":[…]}}}`
 * (bunq-api.md §9.5; the 2017 plain-array form is not accepted). */
function trimDraftObject(anchor: unknown, redact: boolean): JsonObject | null {
  if (anchor === null) return null;
  const { type, value } = unwrap(anchor);
  if (type === 'Payment') return wrap(type, trimPayment(value, redact));
  if (type !== 'PaymentBatch') throw new UnexpectedUpstreamAnswer('unknown_wrapper');
  const payments = readField(value, 'payments');
  const list = isJsonObject(payments) ? readField(payments, 'Payment') : undefined;
  if (!Array.isArray(list) || !list.every(isJsonObject)) {
    throw new UnexpectedUpstreamAnswer('unknown_wrapper');
  }
  const batch = pickFields(value, BATCH_FIELDS);
  setField(batch, 'payments', { Payment: list.map((p) => trimPayment(p, redact)) });
  return wrap(type, batch);
}

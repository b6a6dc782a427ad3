/**
 * Payments, request-inquiries and draft-payments keep only the fields bunq documents for them
 * (SW PaymentRead, RequestInquiryRead, DraftPaymentRead; bunq-api.md §9.3, §9.4, §9.6), so a
 * field bunq adds later is never passed on unseen. With redactPersonalData the payer's
 * geolocation and shipping/billing addresses go too. A draft's resulting Payment or
 * PaymentBatch (`object`) is trimmed by the same payment rules.
 *
 * Fields that hold whole bunq objects are never copied whole: bunq nests Payments (of any
 * account, with their geolocation and balance), invoices (customer address, VAT number) and
 * more inside them. Each is cut to its own allowlist below: references become `{type, id}` or
 * `{<Type>: {id}}`, an auto-allocation keeps its status and the id of its payment, a schedule
 * keeps its timing and a trimmed copy of what it pays, a draft's entries and responses keep
 * their documented fields. Labels of the owner and of counterparties are cut by trim-labels.ts
 * (without read-personal-data: no pictures, no public uuid).
 */
import { UnexpectedUpstreamAnswer } from './filter-errors';
import { unwrap, wrap } from './envelope';
import { isJsonObject, nestedObject, nestedObjects, pickFields, readField, setField, type JsonObject } from './json';
import { trimAccountLabel, trimUserLabel } from './trim-labels';

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
/** SW PaymentAutoAllocateInstance without payment_batch (whole Payments), error_message, all_ginmon_transaction_order. */
const AUTO_ALLOCATE_FIELDS: readonly string[] = ['id', 'created', 'updated', 'payment_auto_allocate_id', 'status', 'payment_id'];
/** SW Schedule; `object` is handled on its own. */
const SCHEDULE_FIELDS: readonly string[] = ['time_start', 'time_end', 'recurrence_unit', 'recurrence_size', 'status'];
/** SW PaymentSuspendedOutgoing. */
const SUSPENDED_OUTGOING_FIELDS: readonly string[] = ['status', 'monetary_account_id', 'time_execution'];
/** SW DraftPaymentEntry (as read). */
const DRAFT_ENTRY_FIELDS: readonly string[] = ['id', 'amount', 'alias', 'counterparty_alias', 'description', 'merchant_reference', 'type', 'attachment'];
/** SW DraftPaymentResponse. */
const DRAFT_RESPONSE_FIELDS: readonly string[] = ['status', 'user_alias_created'];

/** Each field is replaced by what its function makes of it (null stays null). */
type Nested = Readonly<Record<string, (value: unknown, redact: boolean) => unknown>>;

const PAYMENT_NESTED: Nested = {
  alias: trimAccountLabel,
  counterparty_alias: trimAccountLabel,
  payment_auto_allocate_instance: (v) => pickFields(nestedObject(v), AUTO_ALLOCATE_FIELDS),
  request_reference_split_the_bill: (v) => references(v),
  payment_suspended_outgoing: (v) => pickFields(nestedObject(v), SUSPENDED_OUTGOING_FIELDS),
};
const REQUEST_INQUIRY_NESTED: Nested = {
  user_alias_created: trimAccountLabel,
  user_alias_revoked: trimAccountLabel,
  counterparty_alias: trimAccountLabel,
  reference_split_the_bill: (v) => anchorIds(v),
};
const DRAFT_PAYMENT_NESTED: Nested = {
  user_alias_created: trimUserLabel,
  responses: (v, redact) => nestedObjects(v).map((r) => withLabels(r, DRAFT_RESPONSE_FIELDS, { user_alias_created: trimUserLabel }, redact)),
  entries: (v, redact) =>
    nestedObjects(v).map((e) => withLabels(e, DRAFT_ENTRY_FIELDS, { alias: trimAccountLabel, counterparty_alias: trimAccountLabel }, redact)),
  request_reference_split_the_bill: (v) => references(v),
  schedule: (v, redact) => trimSchedule(nestedObject(v), redact),
};


/** The listed fields of an object, its labels cut by their own rules. */
function withLabels(obj: JsonObject, fields: readonly string[], labels: Nested, redact: boolean): JsonObject {
  const out = pickFields(obj, fields);
  for (const field of Object.keys(labels)) {
    if (Object.hasOwn(out, field)) setField(out, field, labels[field]!(readField(obj, field), redact));
  }
  return out;
}

/** SW RequestInquiryReference[]: `[{type, id}]` and nothing else. */
function references(value: unknown): JsonObject[] {
  return nestedObjects(value).map((ref) => pickFields(ref, ['type', 'id']));
}

/** An anchor object (`{"Payment": {…}}`, `{"BillingInvoice": {…}}`, …) cut to `{<Type>: {id}}`. */
function anchorIds(value: unknown): JsonObject {
  const out: JsonObject = {};
  for (const [type, inner] of Object.entries(nestedObject(value))) {
    if (inner === null) continue;
    setField(out, type, pickFields(nestedObject(inner), ['id']));
  }
  return out;
}

function trimSchedule(schedule: JsonObject, redact: boolean): JsonObject {
  const out = pickFields(schedule, SCHEDULE_FIELDS);
  if (Object.hasOwn(schedule, 'object')) setField(out, 'object', trimDraftObject(readField(schedule, 'object'), redact));
  return out;
}

/** The allowlisted fields, with every object-holding field cut by its own rule. */
function pickWithNested(obj: JsonObject, fields: readonly string[], nested: Nested, redact: boolean): JsonObject {
  const out = pickItem(obj, fields, redact);
  for (const field of Object.keys(nested)) {
    if (!Object.hasOwn(out, field)) continue;
    const value = readField(obj, field);
    setField(out, field, value === null ? null : nested[field]!(value, redact));
  }
  return out;
}

function pickItem(obj: JsonObject, fields: readonly string[], redact: boolean): JsonObject {
  return pickFields(obj, redact ? fields.filter((f) => !PERSONAL_ITEM_FIELDS.has(f)) : fields);
}

export function trimPayment(payment: JsonObject, redact: boolean): JsonObject {
  return pickWithNested(payment, PAYMENT_FIELDS, PAYMENT_NESTED, redact);
}

export function trimRequestInquiry(inquiry: JsonObject, redact: boolean): JsonObject {
  return pickWithNested(inquiry, REQUEST_INQUIRY_FIELDS, REQUEST_INQUIRY_NESTED, redact);
}

export function trimDraftPayment(draft: JsonObject, redact: boolean): JsonObject {
  const out = pickWithNested(draft, DRAFT_PAYMENT_FIELDS, DRAFT_PAYMENT_NESTED, redact);
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

/**
 * A draft's resulting payment carries the account's balance after it (`balance_after_mutation`).
 * A token that may not read the account's balance or its payments (read-draft-payments alone)
 * gets the draft without it: removed from the trimmed copy `draft` (never from bunq's answer).
 */
export function dropDraftBalances(draft: JsonObject): JsonObject {
  const schedule = readField(draft, 'schedule');
  for (const anchor of [readField(draft, 'object'), isJsonObject(schedule) ? readField(schedule, 'object') : undefined]) {
    if (!isJsonObject(anchor)) continue;
    const single = readField(anchor, 'Payment');
    const batch = readField(anchor, 'PaymentBatch');
    const payments = isJsonObject(batch) && isJsonObject(batch['payments']) ? batch['payments']['Payment'] : undefined;
    for (const payment of [single, ...(Array.isArray(payments) ? payments : [])]) {
      if (isJsonObject(payment)) delete payment['balance_after_mutation'];
    }
  }
  return draft;
}


/**
 * The labels in payments, request-inquiries and draft-payments (SW LabelMonetaryAccount and
 * LabelUser, bunq-api.md §8) describe both sides of the money: the owner's account and the
 * counterparty, often another person, with a name, an IBAN, their pictures (`avatar`, with the
 * ids of the image files) and their public uuid. Each label is cut to the fields bunq documents,
 * so nothing bunq adds to them later is passed on unseen.
 *
 * Without read-personal-data the pictures and the public uuid go: set to null, the value bunq
 * itself sends for a counterparty outside bunq, so clients keep the shape they know. That is the
 * rule a co-owner already gets on an account (redact-account.ts). What stays is what bookkeeping
 * and sync tools read (bunq-clients.md: bunq2ynab uses `counterparty_alias.iban` and
 * `display_name`): IBAN, names, country, BIC.
 */
import { nestedObject, pickFields, readField, setField, type JsonObject } from './json';

const ACCOUNT_LABEL_FIELDS: readonly string[] = [
  'iban',
  'display_name',
  'avatar',
  'label_user',
  'country',
  'bunq_me',
  'is_light',
  'swift_bic',
  'swift_account_number',
  'transferwise_account_number',
  'transferwise_bank_code',
  'merchant_category_code',
];
const USER_LABEL_FIELDS: readonly string[] = ['uuid', 'display_name', 'country', 'avatar', 'public_nick_name'];

/** SW LabelMonetaryAccount (null stays null). */
export function trimAccountLabel(value: unknown, redact: boolean): JsonObject | null {
  if (value === null) return null;
  const label = nestedObject(value);
  const out = pickFields(label, ACCOUNT_LABEL_FIELDS);
  if (Object.hasOwn(out, 'label_user')) setField(out, 'label_user', trimUserLabel(readField(label, 'label_user'), redact));
  if (redact) blank(out, ['avatar']);
  return out;
}

/** SW LabelUser (null stays null). */
export function trimUserLabel(value: unknown, redact: boolean): JsonObject | null {
  if (value === null) return null;
  const out = pickFields(nestedObject(value), USER_LABEL_FIELDS);
  if (redact) blank(out, ['avatar', 'uuid']);
  return out;
}

function blank(label: JsonObject, fields: readonly string[]): void {
  for (const field of fields) if (Object.hasOwn(label, field)) setField(label, field, null);
}

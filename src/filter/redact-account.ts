/**
 * Monetary accounts (SW MonetaryAccountBankRead, -JointRead, -SavingsRead, …). ALWAYS an
 * allowlist: what bunq2ynab reads (id, description, status, balance, the IBAN alias;
 * bunq-clients.md §2.2) plus the account's own limits, settings and savings goal.
 * monetary_account_profile is always dropped: its fill/drain rules name OTHER accounts' IBANs.
 * With redactPersonalData, non-IBAN aliases (e-mail, phone) and reason_description (free text)
 * go, and each co-owner keeps only its status and public display_name.
 */
import { cloneJson, isJsonObject, pickFields, readField, setField, type JsonObject } from './json';

export const ACCOUNT_WRAPPERS: ReadonlySet<string> = new Set([
  'MonetaryAccountBank',
  'MonetaryAccountCard',
  'MonetaryAccountExternal',
  'MonetaryAccountExternalSavings',
  'MonetaryAccountInvestment',
  'MonetaryAccountJoint',
  'MonetaryAccountLight',
  'MonetaryAccountSavings',
  'MonetaryAccountSwitchService',
]);

/**
 * Kept in both modes. `display_name` is the holder's name as bunq shows it to any payer of the
 * IBAN (the same name as the IBAN alias), not private profile data.
 */
export const ACCOUNT_FIELDS: readonly string[] = [
  'id',
  'created',
  'updated',
  'avatar',
  'currency',
  'description',
  'daily_limit',
  'overdraft_limit',
  'balance',
  'balance_real',
  'public_uuid',
  'status',
  'sub_status',
  'reason',
  'user_id',
  'display_name',
  'savings_goal',
  'savings_goal_progress',
  'number_of_payment_remaining',
];
const PERSONAL_ACCOUNT_FIELDS: readonly string[] = ['reason_description'];
const ACCOUNT_FIELDS_UNREDACTED: readonly string[] = [
  ...ACCOUNT_FIELDS,
  ...PERSONAL_ACCOUNT_FIELDS,
];
export const SETTING_FIELDS: readonly string[] = ['color', 'icon', 'default_avatar_status'];
const POINTER_FIELDS: readonly string[] = ['type', 'value', 'name'];

export function trimAccount(account: JsonObject, redact: boolean): JsonObject {
  const out = pickFields(account, redact ? ACCOUNT_FIELDS : ACCOUNT_FIELDS_UNREDACTED);
  const setting = readField(account, 'setting');
  if (isJsonObject(setting)) setField(out, 'setting', pickFields(setting, SETTING_FIELDS));
  const alias = readField(account, 'alias');
  if (Array.isArray(alias)) setField(out, 'alias', redact ? ibanAliases(alias) : cloneJson(alias));
  const coOwners = readField(account, 'all_co_owner');
  if (Array.isArray(coOwners)) {
    setField(
      out,
      'all_co_owner',
      redact ? coOwners.filter(isJsonObject).map(trimCoOwner) : cloneJson(coOwners),
    );
  }
  return out;
}

function ibanAliases(alias: readonly unknown[]): JsonObject[] {
  return alias
    .filter((p): p is JsonObject => isJsonObject(p) && readField(p, 'type') === 'IBAN')
    .map((p) => pickFields(p, POINTER_FIELDS));
}

/** SW CoOwner {alias: LabelUser, status}: only the status and the public display name stay. */
function trimCoOwner(coOwner: JsonObject): JsonObject {
  const out = pickFields(coOwner, ['status']);
  const alias = readField(coOwner, 'alias');
  if (isJsonObject(alias)) setField(out, 'alias', pickFields(alias, ['display_name']));
  return out;
}

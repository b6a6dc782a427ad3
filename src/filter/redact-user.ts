/**
 * Users (GET /user, /user/{id}; SW UserPersonRead, UserCompanyRead, UserApiKey,
 * UserPaymentServiceProviderRead). With redactPersonalData a user keeps ONLY the allowlist
 * below: what bunq-js-client and bunq2ynab read (bunq-clients.md §1.6, §2.2) plus opaque ids,
 * timestamps and locale. `alias` (e-mail and phone) is kept as an empty array so clients that
 * iterate it still work. UserApiKey's requested_by_user / granted_by_user are redacted the same
 * way. Without redaction (a dedicated scope) the user is copied whole.
 */
import { UnexpectedUpstreamAnswer } from './filter-errors';
import { unwrap, wrap } from './envelope';
import { cloneObject, pickFields, readField, setField, type JsonObject } from './json';

/** UserLight is not in today's swagger but bunq-js-client still accepts it (§1.6). */
const PLAIN_USER_WRAPPERS = [
  'UserPerson',
  'UserCompany',
  'UserPaymentServiceProvider',
  'UserLight',
];
export const USER_WRAPPERS: ReadonlySet<string> = new Set([...PLAIN_USER_WRAPPERS, 'UserApiKey']);
const ANCHORED_USER_WRAPPERS: ReadonlySet<string> = new Set(PLAIN_USER_WRAPPERS);

/**
 * Non-personal user fields. Left out on purpose: first/middle/last/legal name and company
 * `name` (display_name is the one name kept), gender, date/place/country of birth,
 * nationality, document_*, tax_resident, address_*, alias contents, chamber_of_commerce_number,
 * legal_form, sector/type of business, counter_bank_iban, directors, ubo, customer(_limit),
 * billing_contract, deny_reason, relations, notification_filters (callback URLs),
 * certificate_distinguished_name, daily_limit_without_confirmation_login (a security setting no
 * client reads), version_terms_of_service, and every field bunq adds later.
 */
export const PUBLIC_USER_FIELDS: readonly string[] = [
  'id',
  'created',
  'updated',
  'public_uuid',
  'display_name',
  'public_nick_name',
  'avatar',
  'status',
  'sub_status',
  'session_timeout',
  'language',
  'region',
];

const API_KEY_FIELDS: readonly string[] = ['id', 'created', 'updated'];
const API_KEY_ANCHORS = ['requested_by_user', 'granted_by_user'] as const;

export function redactUser(type: string, user: JsonObject, redact: boolean): JsonObject {
  if (!redact) return cloneObject(user);
  return type === 'UserApiKey' ? redactApiKeyUser(user) : redactPlainUser(user);
}

function redactPlainUser(user: JsonObject): JsonObject {
  const out = pickFields(user, PUBLIC_USER_FIELDS);
  if (Object.hasOwn(user, 'alias')) setField(out, 'alias', []);
  return out;
}

function redactApiKeyUser(user: JsonObject): JsonObject {
  const out = pickFields(user, API_KEY_FIELDS);
  for (const anchor of API_KEY_ANCHORS) {
    if (Object.hasOwn(user, anchor)) {
      setField(out, anchor, redactAnchoredUser(readField(user, anchor)));
    }
  }
  return out;
}

/** `{"UserPerson":{…}}` inside a UserApiKey (SW UserApiKeyAnchoredUser); null stays null. */
function redactAnchoredUser(anchored: unknown): JsonObject | null {
  if (anchored === null) return null;
  const { type, value } = unwrap(anchored);
  if (!ANCHORED_USER_WRAPPERS.has(type)) throw new UnexpectedUpstreamAnswer('unknown_wrapper');
  return wrap(type, redactPlainUser(value));
}

/**
 * What the policy stage answers for one call. DENY BY DEFAULT: only an explicit Allow lets a
 * call leave the gateway. The same reasonId goes to the audit row, the error code and explain.
 * Deny messages name what is missing so the caller knows what to ask the owner for, and NEVER
 * read like a dead session: "Insufficient authorisation." makes bunq clients re-open sessions
 * and retry (bunq-clients.md §2.3, §4 item 8).
 */
import { GatewayError, type ErrorCode, type ErrorDetails } from '../lib/errors';
import type { HttpMethod } from './call';

/** Outcomes that let the call through. */
export type AllowReasonId =
  /** Allowed as asked. */
  | 'allowed'
  /** A payment to an IBAN outside the allowlist, rewritten to a draft the owner approves in the app. */
  | 'converted_to_draft';

/** Outcomes that stop the call at the gateway. */
export type DenyReasonId =
  | 'invalid_request'
  | 'body_invalid'
  | 'endpoint_not_allowed'
  | 'scope_missing'
  | 'user_not_allowed'
  | 'account_not_allowed'
  | 'source_account_not_allowed'
  | 'payment_not_configured'
  | 'currency_not_allowed'
  | 'amount_exceeds_max'
  | 'counterparty_not_allowed'
  /** Set by the pipeline after its ownership lookup (see conditions/ownership.ts). */
  | 'object_not_owned'
  /** Set by the store when the rolling caps cannot absorb the spend. */
  | 'cap_exceeded';

export type ReasonId = AllowReasonId | DenyReasonId;

/** Objects a token can own: it created them, the store recorded it. */
export type OwnedKind = 'request-inquiry' | 'draft-payment';

/** What the filter stage must do to the response. */
export interface FilterEffect {
  /** Monetary accounts the caller may see; everything else is cut from lists. */
  readonly accounts: readonly number[];
  /** read-recent: drop items created before this instant (epoch ms). */
  readonly windowStartMs?: number;
  /** Keep only request-inquiries this token created. */
  readonly ownRequestsOnly?: boolean;
  /** Keep only draft-payments this token created. */
  readonly ownDraftsOnly?: boolean;
  /** Strip personal data (birth date, documents, addresses, tax ids) from user objects. */
  readonly redactPersonalData: boolean;
  /** No scope of the grant reads balances or payments (catalog.balanceScopes). */
  readonly hideBalances: boolean;
}

/** Money leaving (or proposed to leave) an account; the store reserves it against the caps. */
export interface SpendEffect {
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly accountId: number;
  /** Normalised counterparty IBAN; null for EMAIL / PHONE_NUMBER counterparties (drafts only). */
  readonly counterpartyIban: string | null;
  readonly mode: 'payment' | 'draft';
}

/** The call to send upstream INSTEAD of the one that arrived. */
export interface RewriteEffect {
  readonly endpointId: string;
  readonly method: HttpMethod;
  readonly template: string;
  readonly params: Readonly<Record<string, number>>;
  readonly body: unknown;
}

export interface Allow {
  readonly allowed: true;
  readonly reasonId: AllowReasonId;
  readonly status: 200;
  readonly endpointId: string;
  /** The scope that allowed the call. */
  readonly scope: string;
  /** The monetary account named in the path, if any. */
  readonly accountId?: number;
  readonly filter: FilterEffect;
  readonly spend?: SpendEffect;
  readonly rewrite?: RewriteEffect;
  /** The pipeline must check the store: this token must own that object. */
  readonly requireOwnership?: { readonly kind: OwnedKind; readonly itemId: number };
  /** The pipeline must record the created object's id as owned by this token. */
  readonly recordOwnership?: { readonly kind: OwnedKind };
}

export interface Deny {
  readonly allowed: false;
  readonly reasonId: DenyReasonId;
  readonly status: number;
  readonly message: string;
  readonly details: ErrorDetails;
  readonly endpointId?: string;
}

export type Decision = Allow | Deny;

export function deny(reasonId: DenyReasonId, status: number, message: string, details: ErrorDetails = {}): Deny {
  return { allowed: false, reasonId, status, message, details };
}

/** reasonId → ErrorCode: the same string, so audit rows, errors and explain agree. */
const ERROR_CODE: Readonly<Record<DenyReasonId, ErrorCode>> = {
  invalid_request: 'invalid_request',
  body_invalid: 'body_invalid',
  endpoint_not_allowed: 'endpoint_not_allowed',
  scope_missing: 'scope_missing',
  user_not_allowed: 'user_not_allowed',
  account_not_allowed: 'account_not_allowed',
  source_account_not_allowed: 'source_account_not_allowed',
  payment_not_configured: 'payment_not_configured',
  currency_not_allowed: 'currency_not_allowed',
  amount_exceeds_max: 'amount_exceeds_max',
  counterparty_not_allowed: 'counterparty_not_allowed',
  object_not_owned: 'object_not_owned',
  cap_exceeded: 'cap_exceeded',
};

export function errorCodeFor(reasonId: DenyReasonId): ErrorCode {
  return ERROR_CODE[reasonId];
}

/** The GatewayError the error responder turns into bunq's error envelope. */
export function toGatewayError(decision: Deny): GatewayError {
  return new GatewayError(errorCodeFor(decision.reasonId), decision.status, decision.message, {
    details: { reason_id: decision.reasonId, ...decision.details },
  });
}

/**
 * RequestInquiry and RequestResponse read objects (SW RequestInquiryRead, RequestResponseRead;
 * bunq-api.md §9.6). bunqme_share_url is null when the counterparty is a bunq user.
 */
import { toBunqTimestamp } from '../../lib/clock';
import { amountJson } from '../core/money';
import { accountLabel } from '../core/labels';
import type { EmulatorState } from '../core/state';
import type { Json, RequestInquiry, RequestResponse } from '../core/types';

const ts = (ms: number | null): string | null => (ms === null ? null : toBunqTimestamp(ms));

export function requestInquiryJson(r: RequestInquiry): Json {
  return {
    id: r.id,
    created: ts(r.createdAt),
    updated: ts(r.updatedAt),
    time_responded: ts(r.timeResponded),
    time_expiry: ts(r.timeExpiry),
    monetary_account_id: r.accountId,
    amount_inquired: amountJson(r.amountInquired),
    amount_responded: r.amountResponded === null ? null : amountJson(r.amountResponded),
    user_alias_created: r.userAliasCreated,
    user_alias_revoked: r.status === 'REVOKED' ? r.userAliasCreated : null,
    counterparty_alias: r.counterpartyAlias,
    description: r.description,
    merchant_reference: r.merchantReference,
    attachment: [],
    status: r.status,
    batch_id: null,
    scheduled_id: null,
    minimum_age: r.minimumAge,
    require_address: r.requireAddress,
    bunqme_share_url: r.allowBunqme && r.responseId === null ? `https://bunq.me/t/${r.id}` : null,
    redirect_url: r.redirectUrl,
    address_shipping: null,
    address_billing: null,
    geolocation: null,
    reference_split_the_bill: null,
  };
}

export function requestResponseJson(state: EmulatorState, r: RequestResponse): Json {
  const inquiry = state.requestInquiries.get(r.inquiryId);
  const own = state.accounts.get(r.accountId);
  const ownUser = own ? state.users.get(own.userId) : undefined;
  if (!inquiry || !own || !ownUser) throw new Error(`request-response ${r.id} is dangling`);
  return {
    id: r.id,
    created: ts(r.createdAt),
    updated: ts(r.updatedAt),
    time_responded: ts(r.timeResponded),
    time_expiry: ts(inquiry.timeExpiry),
    time_refund_requested: null,
    time_refunded: null,
    user_refund_requested: null,
    monetary_account_id: r.accountId,
    amount_inquired: amountJson(inquiry.amountInquired),
    amount_responded: r.amountResponded === null ? null : amountJson(r.amountResponded),
    status: r.status,
    description: inquiry.description,
    alias: accountLabel(own, ownUser),
    counterparty_alias: inquiry.userAliasCreated,
    attachment: [],
    minimum_age: null,
    require_address: 'NONE',
    geolocation: null,
    type: 'INTERNAL',
    sub_type: 'NONE',
    redirect_url: inquiry.redirectUrl,
    address_billing: null,
    address_shipping: null,
    credit_scheme_identifier: null,
    mandate_identifier: null,
    eligible_whitelist_id: null,
    request_reference_split_the_bill: [],
    event_id: null,
    monetary_account_preferred_id: null,
  };
}

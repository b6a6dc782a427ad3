/**
 * Payment read object (SW PaymentRead; bunq-api.md §9.3): alias and counterparty_alias are
 * LabelMonetaryAccount snapshots, amount negative for outgoing, balance_after_mutation,
 * created/updated in bunq's timestamp format.
 */
import { toBunqTimestamp } from '../../lib/clock';
import { amountJson } from '../core/money';
import type { Json, Payment } from '../core/types';

export function paymentJson(p: Payment): Json {
  return {
    id: p.id,
    created: toBunqTimestamp(p.createdAt),
    updated: toBunqTimestamp(p.updatedAt),
    monetary_account_id: p.accountId,
    amount: amountJson(p.amount),
    alias: p.alias,
    counterparty_alias: p.counterpartyAlias,
    description: p.description,
    type: p.type,
    sub_type: p.subType,
    payment_arrival_expected: null,
    bunqto_status: null,
    bunqto_sub_status: null,
    bunqto_share_url: null,
    bunqto_expiry: null,
    bunqto_time_responded: null,
    attachment: [],
    merchant_reference: p.merchantReference,
    batch_id: p.batchId,
    scheduled_id: null,
    address_shipping: null,
    address_billing: null,
    geolocation: null,
    request_reference_split_the_bill: [],
    balance_after_mutation: amountJson(p.balanceAfter),
    payment_auto_allocate_instance: null,
    payment_suspended_outgoing: null,
    payment_fee: null,
  };
}

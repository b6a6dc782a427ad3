/**
 * DraftPayment read object (SW DraftPaymentRead, DraftPaymentEntry; bunq-api.md §9.4). SW lists
 * no created/updated on it, so none are sent. `object` is null until accepted, then
 * {Payment:{…}} or {PaymentBatch:{payments:{Payment:[…]}}}. DraftPayment.type is [UNKNOWN]; we
 * send "PAYMENT". Entry type is BUNQ for emulated counterparties, EBA_SCT otherwise.
 */
import type { EmulatorState } from '../core/state';
import type { DraftPayment, Json } from '../core/types';
import { accountLabel, externalLabel, labelUser } from '../core/labels';
import { findAccount } from '../core/payment-rules';
import { amountJson } from '../core/money';
import { paymentJson } from './payment-json';

export function draftPaymentJson(state: EmulatorState, d: DraftPayment): Json {
  const account = state.accounts.get(d.accountId);
  const owner = account ? state.users.get(account.userId) : undefined;
  if (!account || !owner) throw new Error(`draft ${d.id} without account`);
  const payments = d.paymentIds.flatMap((id) => {
    const p = state.payments.get(id);
    return p ? [paymentJson(p)] : [];
  });
  const object = payments.length === 0 ? null : payments.length === 1 ? { Payment: payments[0] } : { PaymentBatch: { payments: { Payment: payments } } };
  return {
    id: d.id,
    monetary_account_id: d.accountId,
    user_alias_created: labelUser(owner),
    responses: d.status === 'PENDING' ? [] : [{ status: d.status, user_alias_created: labelUser(owner) }],
    status: d.status,
    type: 'PAYMENT',
    entries: d.entries.map((e) => {
      const target = findAccount(state, e.counterparty);
      const targetOwner = target ? state.users.get(target.userId) : undefined;
      return {
        id: e.id,
        amount: amountJson(e.amount),
        alias: accountLabel(account, owner),
        counterparty_alias: target && targetOwner ? accountLabel(target, targetOwner) : externalLabel(e.counterparty.value, e.counterparty.name),
        description: e.description,
        merchant_reference: e.merchantReference,
        type: target ? 'BUNQ' : 'EBA_SCT',
        attachment: [],
      };
    }),
    object,
    request_reference_split_the_bill: [],
    schedule: null,
  };
}

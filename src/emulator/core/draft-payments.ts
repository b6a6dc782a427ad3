/**
 * Draft payments (bunq-api.md §9.4): created PENDING with number_of_required_accepts = 1 (the
 * only valid value); the owner accepts in the bunq app (control.acceptDraftPayment) or via a
 * signed PUT status ACCEPTED (§3.2), which executes every entry at once: one entry → a Payment,
 * several → a PaymentBatch. REJECTED/CANCELLED end it. Status enum is [UNKNOWN]; we use
 * PENDING|ACCEPTED|REJECTED|CANCELLED. Funds are checked at acceptance, not at creation.
 */
import type { EmulatorState } from './state';
import type { Account, DraftEntry, DraftPayment, Json, Payment } from './types';
import { executeOrders, findAccount, parsePaymentOrder, type PaymentOrder } from './payment-rules';
import { badRequest } from '../http/errors';

export function parseDraftEntries(state: EmulatorState, body: Json, from: Account): DraftEntry[] {
  const entries = body['entries'];
  if (!Array.isArray(entries) || entries.length === 0) throw badRequest('The entries field must be a non-empty list.');
  if (body['number_of_required_accepts'] !== 1) throw badRequest('The number_of_required_accepts must be 1.');
  return entries.map((raw: unknown) => {
    const order = parsePaymentOrder(state, (raw ?? {}) as Json, from);
    return { id: state.nextId('draftEntry'), amount: order.amount, counterparty: order.pointer, description: order.description, merchantReference: order.merchantReference };
  });
}

function orderOf(state: EmulatorState, e: DraftEntry): PaymentOrder {
  const target = findAccount(state, e.counterparty);
  return {
    amount: e.amount,
    pointer: e.counterparty,
    counterparty: target ? { kind: 'internal', account: target } : { kind: 'external', iban: e.counterparty.value, name: e.counterparty.name },
    description: e.description,
    merchantReference: e.merchantReference,
  };
}

export function acceptDraft(state: EmulatorState, draft: DraftPayment, at: number, clientRequestId: string | null): Payment[] {
  if (draft.status !== 'PENDING') throw badRequest('The draft payment is no longer pending.');
  const from = state.accounts.get(draft.accountId);
  if (!from) throw badRequest('The monetary account of this draft payment no longer exists.');
  const batchId = draft.entries.length > 1 ? state.nextId('paymentBatch') : null;
  const payments = executeOrders(state, from, draft.entries.map((e) => orderOf(state, e)), { at, clientRequestId, batchId });
  if (batchId !== null) state.paymentBatches.set(batchId, { id: batchId, accountId: from.id, createdAt: at, paymentIds: payments.map((p) => p.id) });
  draft.status = 'ACCEPTED';
  draft.updatedAt = at;
  draft.paymentIds = payments.map((p) => p.id);
  draft.batchId = batchId;
  return payments;
}

export function closeDraft(draft: DraftPayment, status: 'REJECTED' | 'CANCELLED', at: number): void {
  if (draft.status !== 'PENDING') throw badRequest('The draft payment is no longer pending.');
  draft.status = status;
  draft.updatedAt = at;
}

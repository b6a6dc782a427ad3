/**
 * The only place balances change. A payment is a row on one account; a transfer between two
 * emulated accounts writes two rows (−amount on the sender, +amount on the receiver) and moves
 * both balances, each row carrying balance_after_mutation (bunq-api.md §9.3, §12.8; SW
 * Payment.amount "negative for outgoing"). Amounts are integer cents (core/money.ts).
 * Validation (funds, limits, aliases) happens before, in core/payment-rules.ts.
 */
import type { Cents } from './money';
import type { EmulatorState } from './state';
import type { Account, Json, Payment } from './types';
import { accountLabel, externalLabel } from './labels';

export type Counterparty =
  | { kind: 'internal'; account: Account }
  | { kind: 'external'; iban: string | null; name: string; mcc?: string | null };

export interface PostingMeta {
  description: string;
  type: string;
  subType: string;
  at: number;
  clientRequestId?: string | null;
  merchantReference?: string | null;
  batchId?: number | null;
}

function ownerLabel(state: EmulatorState, account: Account): Json {
  const user = state.users.get(account.userId);
  if (!user) throw new Error(`account ${account.id} has no user`);
  return accountLabel(account, user);
}

export function counterpartyLabel(state: EmulatorState, cp: Counterparty): Json {
  return cp.kind === 'internal' ? ownerLabel(state, cp.account) : externalLabel(cp.iban, cp.name, cp.mcc ?? null);
}

/** Books one row on `account` (signed amount) and moves its balance. */
export function post(state: EmulatorState, account: Account, amount: Cents, cp: Counterparty, meta: PostingMeta): Payment {
  account.balance += amount;
  account.updatedAt = meta.at;
  const payment: Payment = {
    id: state.nextId('payment'),
    accountId: account.id,
    createdAt: meta.at,
    updatedAt: meta.at,
    amount,
    alias: ownerLabel(state, account),
    counterpartyAlias: counterpartyLabel(state, cp),
    counterpartyIban: cp.kind === 'internal' ? cp.account.iban : cp.iban,
    counterpartyAccountId: cp.kind === 'internal' ? cp.account.id : null,
    description: meta.description,
    type: meta.type,
    subType: meta.subType,
    balanceAfter: account.balance,
    merchantReference: meta.merchantReference ?? null,
    batchId: meta.batchId ?? null,
    clientRequestId: meta.clientRequestId ?? null,
  };
  state.addPayment(payment);
  return payment;
}

/**
 * Money leaves `from` (amount > 0). For an internal counterparty the mirrored incoming row is
 * booked on the receiving account too. Returns the sender's row.
 */
export function transfer(state: EmulatorState, from: Account, amount: Cents, to: Counterparty, meta: PostingMeta): Payment {
  const outgoing = post(state, from, -amount, to, meta);
  if (to.kind === 'internal') {
    post(state, to.account, amount, { kind: 'internal', account: from }, { ...meta, clientRequestId: null });
  }
  return outgoing;
}

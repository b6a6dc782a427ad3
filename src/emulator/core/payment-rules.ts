/**
 * Validation and execution of outgoing payments (bunq-api.md §9.3; SW Payment, Pointer):
 *  - amount {value: string, ≤2 decimals, > 0; currency "EUR"}; ≤ balance (no overdraft);
 *  - counterparty_alias Pointer {type IBAN|EMAIL|PHONE_NUMBER, value, name}; name required for
 *    IBAN (DESC §Quickstart), IBAN must pass mod-97; EMAIL/PHONE_NUMBER must be an emulated bunq
 *    user (bunq.to payments to non-users are not emulated → 400);
 *  - description required (may be ""), ≤140 chars to an external IBAN, ≤9000 internal.
 * An IBAN belonging to any emulated account makes it an internal transfer (type BUNQ, both
 * balances move); otherwise an outgoing SEPA transfer (type EBA_SCT, sub_type SCT [INFERRED]).
 * The daily_limit is shown but not enforced (tests make large payments). Error texts are ours.
 */
import type { Cents } from './money';
import { parseAmountValue } from './money';
import type { EmulatorState } from './state';
import type { Account, Json, Payment, Pointer } from './types';
import { isValidIban, normaliseIban } from './iban';
import { transfer, type Counterparty } from './ledger';
import { BunqHttpError, TEXT, badRequest } from '../http/errors';

export interface PaymentOrder {
  amount: Cents;
  pointer: Pointer;
  counterparty: Counterparty;
  description: string;
  merchantReference: string | null;
}

export function parseAmount(raw: unknown, field = 'amount'): Cents {
  const o = raw as { value?: unknown; currency?: unknown } | null;
  if (typeof o !== 'object' || o === null) throw badRequest(`The ${field} field is required.`);
  const cents = parseAmountValue(o.value);
  if (cents === null) throw badRequest(`The ${field} value must be a string with at most two decimals, e.g. "12.50".`);
  if (cents <= 0) throw badRequest(`The ${field} must be greater than zero.`);
  if (o.currency !== 'EUR') throw badRequest(`The ${field} currency must be EUR.`);
  return cents;
}

export function parsePointer(raw: unknown): Pointer {
  const o = raw as { type?: unknown; value?: unknown; name?: unknown } | null;
  if (typeof o !== 'object' || o === null) throw badRequest('The counterparty_alias field is required.');
  if (o.type !== 'IBAN' && o.type !== 'EMAIL' && o.type !== 'PHONE_NUMBER') {
    throw badRequest('The counterparty_alias type must be IBAN, EMAIL or PHONE_NUMBER.');
  }
  if (typeof o.value !== 'string' || o.value.trim() === '') throw badRequest('The counterparty_alias value is required.');
  const name = typeof o.name === 'string' ? o.name : '';
  if (o.type === 'IBAN') {
    if (!isValidIban(o.value)) throw badRequest('The IBAN in counterparty_alias is not valid.');
    if (name.trim() === '') throw badRequest('A name is required for a counterparty_alias of type IBAN.');
    return { type: 'IBAN', value: normaliseIban(o.value), name };
  }
  return { type: o.type, value: o.value.trim(), name };
}

/** The account a Pointer addresses inside the emulator, if any (EMAIL/PHONE → primary account). */
export function findAccount(state: EmulatorState, p: Pointer): Account | undefined {
  if (p.type === 'IBAN') return state.accountsByIban.get(p.value);
  const value = p.type === 'EMAIL' ? p.value.toLowerCase() : p.value;
  const user = [...state.users.values()].find((u) => u.aliases.some((a) => a.type === p.type && (p.type === 'EMAIL' ? a.value.toLowerCase() : a.value) === value));
  return user ? state.accounts.get(user.primaryAccountId) : undefined;
}

export function parsePaymentOrder(state: EmulatorState, body: Json, from: Account, amountField = 'amount'): PaymentOrder {
  const amount = parseAmount(body[amountField], amountField);
  const pointer = parsePointer(body['counterparty_alias']);
  const description = body['description'];
  if (typeof description !== 'string') throw badRequest('The description field is required.');
  const target = findAccount(state, pointer);
  if (!target && pointer.type !== 'IBAN') throw badRequest('The counterparty_alias does not belong to a bunq user.');
  if (target?.id === from.id) throw badRequest('A payment to the same monetary account is not possible.');
  const max = target ? 9000 : 140;
  if (description.length > max) throw badRequest(`The description may be at most ${max} characters for this payment.`);
  const ref = body['merchant_reference'];
  return {
    amount,
    pointer,
    counterparty: target ? { kind: 'internal', account: target } : { kind: 'external', iban: pointer.value, name: pointer.name },
    description,
    merchantReference: typeof ref === 'string' ? ref : null,
  };
}

export interface ExecutionMeta {
  at: number;
  clientRequestId: string | null;
  batchId?: number | null;
  subType?: string;
}

/** Checks the account and funds for all orders together, then books them. All or nothing. */
export function executeOrders(state: EmulatorState, from: Account, orders: PaymentOrder[], meta: ExecutionMeta): Payment[] {
  if (from.status !== 'ACTIVE') throw badRequest('The monetary account is not active.');
  const total = orders.reduce((sum, o) => sum + o.amount, 0);
  if (total > from.balance) throw new BunqHttpError(400, TEXT.insufficientFunds);
  return orders.map((o) => transfer(state, from, o.amount, o.counterparty, {
    description: o.description,
    type: o.counterparty.kind === 'internal' ? 'BUNQ' : 'EBA_SCT',
    subType: meta.subType ?? (o.counterparty.kind === 'internal' ? 'PAYMENT' : 'SCT'),
    at: meta.at,
    clientRequestId: meta.clientRequestId,
    merchantReference: o.merchantReference,
    batchId: meta.batchId ?? null,
  }));
}

/**
 * Plain-data views of emulator state for tests and the demo (not bunq wire shapes): amounts are
 * both 2-decimal strings and integer cents, times are epoch ms.
 */
import { formatCents } from '../core/money';
import type { Account, AccountType, DraftPayment, Payment, Pointer, RequestInquiry, User, UserKind } from '../core/types';

export interface UserSnapshot {
  id: number;
  kind: UserKind;
  apiKey: string;
  displayName: string;
  accountIds: number[];
}

export interface AccountSnapshot {
  id: number;
  userId: number;
  type: AccountType;
  iban: string;
  description: string;
  status: string;
  balance: string;
  balanceCents: number;
}

export interface PaymentSnapshot {
  id: number;
  accountId: number;
  amount: string;
  amountCents: number;
  counterpartyIban: string | null;
  counterpartyName: string;
  counterpartyAccountId: number | null;
  description: string;
  type: string;
  subType: string;
  createdAt: number;
  balanceAfter: string;
  clientRequestId: string | null;
  batchId: number | null;
}

export interface DraftPaymentSnapshot {
  id: number;
  accountId: number;
  status: string;
  entries: { amount: string; counterparty: Pointer; description: string }[];
  paymentIds: number[];
}

export interface RequestInquirySnapshot {
  id: number;
  accountId: number;
  status: string;
  amount: string;
  counterpartyName: string;
  description: string;
}

export const userSnapshot = (u: User, accounts: Account[]): UserSnapshot => ({
  id: u.id, kind: u.kind, apiKey: u.apiKey, displayName: u.displayName, accountIds: accounts.map((a) => a.id),
});

export const accountSnapshot = (a: Account): AccountSnapshot => ({
  id: a.id, userId: a.userId, type: a.type, iban: a.iban, description: a.description, status: a.status,
  balance: formatCents(a.balance), balanceCents: a.balance,
});

export const paymentSnapshot = (p: Payment): PaymentSnapshot => ({
  id: p.id, accountId: p.accountId, amount: formatCents(p.amount), amountCents: p.amount,
  counterpartyIban: p.counterpartyIban, counterpartyName: String(p.counterpartyAlias['display_name'] ?? ''),
  counterpartyAccountId: p.counterpartyAccountId, description: p.description, type: p.type, subType: p.subType,
  createdAt: p.createdAt, balanceAfter: formatCents(p.balanceAfter), clientRequestId: p.clientRequestId, batchId: p.batchId,
});

export const draftSnapshot = (d: DraftPayment): DraftPaymentSnapshot => ({
  id: d.id, accountId: d.accountId, status: d.status, paymentIds: [...d.paymentIds],
  entries: d.entries.map((e) => ({ amount: formatCents(e.amount), counterparty: { ...e.counterparty }, description: e.description })),
});

export const inquirySnapshot = (r: RequestInquiry): RequestInquirySnapshot => ({
  id: r.id, accountId: r.accountId, status: r.status, amount: formatCents(r.amountInquired),
  counterpartyName: String(r.counterpartyAlias['display_name'] ?? ''), description: r.description,
});

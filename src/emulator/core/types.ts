/**
 * The emulator's in-memory domain model. JSON shapes live in serialize/; these records hold
 * the facts (ids, integer cents, epoch-ms times) plus pre-built public labels, which bunq
 * snapshots onto a payment at creation time (bunq-api.md §8 LabelMonetaryAccount, §9.3).
 */
import type { Cents } from './money';

export type UserKind = 'person' | 'company';
export type AccountType = 'MonetaryAccountBank' | 'MonetaryAccountSavings' | 'MonetaryAccountJoint';
export type PointerType = 'IBAN' | 'EMAIL' | 'PHONE_NUMBER';

/** bunq Pointer (request-side alias): {type, value, name} (SW Pointer). */
export interface Pointer {
  type: PointerType;
  value: string;
  name: string;
}

export type Json = Record<string, unknown>;

export interface User {
  id: number;
  kind: UserKind;
  apiKey: string;
  createdAt: number;
  updatedAt: number;
  publicUuid: string;
  displayName: string;
  aliases: Pointer[];
  avatar: Json;
  /** Kind-specific read fields (names, addresses, birth data…), already in bunq JSON form. */
  profile: Json;
  primaryAccountId: number;
  /** The user's auto-logout in seconds, returned as session_timeout (bunq-api.md §2.4). */
  sessionTimeout: number;
}

export interface Account {
  id: number;
  userId: number;
  type: AccountType;
  createdAt: number;
  updatedAt: number;
  description: string;
  iban: string;
  ownerName: string;
  publicUuid: string;
  avatar: Json;
  balance: Cents;
  dailyLimit: Cents;
  status: 'ACTIVE' | 'BLOCKED' | 'CANCELLED';
  /** Type-specific fields (all_co_owner, savings_goal, setting…). */
  extra: Json;
}

export interface Payment {
  id: number;
  accountId: number;
  createdAt: number;
  updatedAt: number;
  amount: Cents;
  alias: Json;
  counterpartyAlias: Json;
  counterpartyIban: string | null;
  counterpartyAccountId: number | null;
  description: string;
  type: string;
  subType: string;
  balanceAfter: Cents;
  merchantReference: string | null;
  batchId: number | null;
  /** X-Bunq-Client-Request-Id of the call that made this payment (not on the wire). */
  clientRequestId: string | null;
}

export type RequestStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'REVOKED' | 'EXPIRED';

export interface RequestInquiry {
  id: number;
  accountId: number;
  createdAt: number;
  updatedAt: number;
  timeResponded: number | null;
  timeExpiry: number;
  amountInquired: Cents;
  amountResponded: Cents | null;
  counterpartyAlias: Json;
  userAliasCreated: Json;
  description: string;
  merchantReference: string | null;
  /** As sent on POST (bunq-api.md §9.6), read back as sent. */
  minimumAge: number | null;
  requireAddress: string;
  status: RequestStatus;
  allowBunqme: boolean;
  redirectUrl: string | null;
  /** Set when the counterparty is another emulated account (a RequestResponse exists). */
  responseId: number | null;
}

export interface RequestResponse {
  id: number;
  accountId: number;
  inquiryId: number;
  createdAt: number;
  updatedAt: number;
  timeResponded: number | null;
  status: RequestStatus;
  amountResponded: Cents | null;
  paymentId: number | null;
}

export type DraftStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'CANCELLED';

export interface DraftEntry {
  id: number;
  amount: Cents;
  counterparty: Pointer;
  description: string;
  merchantReference: string | null;
}

export interface DraftPayment {
  id: number;
  accountId: number;
  createdAt: number;
  updatedAt: number;
  status: DraftStatus;
  entries: DraftEntry[];
  paymentIds: number[];
  batchId: number | null;
}

export interface PaymentBatch {
  id: number;
  accountId: number;
  createdAt: number;
  paymentIds: number[];
}

export type { Device, Installation, Session } from './context-types';

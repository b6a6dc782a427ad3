/**
 * EmulatorControl: the in-process test API (brief) — sandbox users, the request log, faults,
 * session expiry, rate-limit switch and state inspection ("balances moved", "payment happened at
 * most once", "no second installation"). Also served over HTTP by control/control-http.ts.
 */
import type { Clock } from '../../lib/clock';
import type { Emulator } from '../emulator';
import type { UserKind } from '../core/types';
import type { SandboxUserInfo } from '../data/sandbox-user';
import type { RecordedRequest, RequestFilter } from '../http/request-log';
import type { Fault, QueuedFault } from '../http/faults';
import { acceptDraft, closeDraft } from '../core/draft-payments';
import {
  accountSnapshot, draftSnapshot, inquirySnapshot, paymentSnapshot, userSnapshot,
  type AccountSnapshot, type DraftPaymentSnapshot, type PaymentSnapshot, type RequestInquirySnapshot, type UserSnapshot,
} from './snapshots';

export interface EmulatorStats {
  users: number;
  accounts: number;
  payments: number;
  installations: number;
  devices: number;
  sessions: number;
  requests: number;
}

export interface EmulatorControl {
  readonly clock: Clock;
  readonly serverPublicKeyPem: string;
  createSandboxUser(kind?: UserKind): SandboxUserInfo;
  requests(filter?: RequestFilter): RecordedRequest[];
  requestCount(filter?: RequestFilter): number;
  clearRequests(): void;
  /** Replaces all queued faults (null clears). An 'expire-sessions' fault acts immediately. */
  setFault(fault: Fault | readonly Fault[] | null): void;
  addFault(fault: Fault): void;
  clearFaults(): void;
  faults(): QueuedFault[];
  expireSessions(): void;
  setRateLimits(enabled: boolean): void;
  resetRateLimits(): void;
  getUser(id: number): UserSnapshot | undefined;
  getAccount(id: number): AccountSnapshot | undefined;
  listAccounts(userId: number): AccountSnapshot[];
  /** Newest first. */
  listPayments(accountId: number): PaymentSnapshot[];
  getPayment(id: number): PaymentSnapshot | undefined;
  /** The sender-side payment made by the call carrying this X-Bunq-Client-Request-Id. */
  findPaymentByClientRequestId(requestId: string): PaymentSnapshot | undefined;
  findPaymentsByClientRequestId(requestId: string): PaymentSnapshot[];
  listDraftPayments(accountId: number): DraftPaymentSnapshot[];
  getDraftPayment(id: number): DraftPaymentSnapshot | undefined;
  /** The owner approves in the bunq app: executes the draft (throws on e.g. insufficient funds). */
  acceptDraftPayment(id: number): PaymentSnapshot[];
  rejectDraftPayment(id: number): void;
  listRequestInquiries(accountId: number): RequestInquirySnapshot[];
  getSessionCount(): number;
  getInstallationCount(): number;
  getDeviceCount(): number;
  stats(): EmulatorStats;
}

export function createControl(em: Emulator): EmulatorControl {
  const { state } = em;
  const draft = (id: number) => {
    const d = state.draftPayments.get(id);
    if (!d) throw new Error(`no draft payment ${id}`);
    return d;
  };
  const byRequestId = (rid: string) => [...state.payments.values()].filter((p) => p.clientRequestId === rid).map(paymentSnapshot);
  const control: EmulatorControl = {
    clock: em.clock,
    serverPublicKeyPem: em.serverPublicKeyPem,
    createSandboxUser: (kind = 'person') => em.createSandboxUser(kind),
    requests: (filter) => em.log.list(filter),
    requestCount: (filter) => em.log.count(filter),
    clearRequests: () => em.log.clear(),
    setFault: (fault) => {
      em.faults.clear();
      for (const f of fault === null ? [] : Array.isArray(fault) ? fault : [fault as Fault]) control.addFault(f);
    },
    addFault: (f) => (f.kind === 'expire-sessions' ? em.expireSessions() : em.faults.add(f)),
    clearFaults: () => em.faults.clear(),
    faults: () => em.faults.list(),
    expireSessions: () => em.expireSessions(),
    setRateLimits: (enabled) => { em.rateLimits = enabled; },
    resetRateLimits: () => em.limiter.reset(),
    getUser: (id) => {
      const u = state.users.get(id);
      return u ? userSnapshot(u, state.accountsOf(id)) : undefined;
    },
    getAccount: (id) => {
      const a = state.accounts.get(id);
      return a ? accountSnapshot(a) : undefined;
    },
    listAccounts: (userId) => state.accountsOf(userId).map(accountSnapshot),
    listPayments: (accountId) => [...(state.paymentsByAccount.get(accountId) ?? [])].sort((a, b) => b.id - a.id).map(paymentSnapshot),
    getPayment: (id) => {
      const p = state.payments.get(id);
      return p ? paymentSnapshot(p) : undefined;
    },
    findPaymentByClientRequestId: (rid) => byRequestId(rid)[0],
    findPaymentsByClientRequestId: byRequestId,
    listDraftPayments: (accountId) => [...state.draftPayments.values()].filter((d) => d.accountId === accountId).map(draftSnapshot),
    getDraftPayment: (id) => {
      const d = state.draftPayments.get(id);
      return d ? draftSnapshot(d) : undefined;
    },
    acceptDraftPayment: (id) => acceptDraft(state, draft(id), em.clock.now(), null).map(paymentSnapshot),
    rejectDraftPayment: (id) => closeDraft(draft(id), 'REJECTED', em.clock.now()),
    listRequestInquiries: (accountId) => [...state.requestInquiries.values()].filter((r) => r.accountId === accountId).map(inquirySnapshot),
    getSessionCount: () => em.liveSessionCount(),
    getInstallationCount: () => state.installations.size,
    getDeviceCount: () => state.devices.size,
    stats: () => ({
      users: state.users.size, accounts: state.accounts.size, payments: state.payments.size,
      installations: state.installations.size, devices: state.devices.size, sessions: em.liveSessionCount(), requests: em.log.count(),
    }),
  };
  return control;
}

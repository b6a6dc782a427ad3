/**
 * All emulator state, in memory, with one id sequence per object type: bunq ids are integers
 * unique per object type (bunq-api.md §5.3 "IDs"), and ids grow with time so that newest-first
 * lists and older_id/newer_id pagination work (§6).
 */
import type {
  Account, Device, DraftPayment, Installation, Payment, PaymentBatch, RequestInquiry,
  RequestResponse, Session, User,
} from './types';

const ID_BASES = {
  user: 3100,
  account: 5200,
  payment: 710000,
  installation: 41,
  token: 93000,
  device: 660,
  session: 2540000,
  requestInquiry: 18800,
  requestResponse: 27700,
  draftPayment: 8400,
  draftEntry: 12500,
  paymentBatch: 930,
  taxResident: 150,
} as const;

export type IdKind = keyof typeof ID_BASES;

export class EmulatorState {
  readonly users = new Map<number, User>();
  readonly usersByApiKey = new Map<string, User>();
  readonly accounts = new Map<number, Account>();
  readonly accountsByIban = new Map<string, Account>();
  readonly payments = new Map<number, Payment>();
  readonly paymentsByAccount = new Map<number, Payment[]>();
  readonly requestInquiries = new Map<number, RequestInquiry>();
  readonly requestResponses = new Map<number, RequestResponse>();
  readonly draftPayments = new Map<number, DraftPayment>();
  readonly paymentBatches = new Map<number, PaymentBatch>();
  readonly installations = new Map<number, Installation>();
  readonly installationsByToken = new Map<string, Installation>();
  readonly devices = new Map<number, Device>();
  readonly sessions = new Map<number, Session>();
  readonly sessionsByToken = new Map<string, Session>();
  /**
   * Per device (or installation) — X-Bunq-Client-Request-Id values already used, on any method
   * (bunq-api.md §4.1, §12.7). Insertion-ordered: the oldest are forgotten past
   * MAX_REMEMBERED_REQUEST_IDS per scope (http/checks.ts; bunq's own window is not documented).
   */
  readonly usedRequestIds = new Map<string, Set<string>>();
  /** Installation/session token → the API key and user it acts for (request log attribution). */
  readonly tokenOwners = new Map<string, { apiKey: string; userId: number }>();
  readonly #next = new Map<IdKind, number>();

  nextId(kind: IdKind): number {
    const id = this.#next.get(kind) ?? ID_BASES[kind];
    this.#next.set(kind, id + 1);
    return id;
  }

  addUser(user: User): void {
    this.users.set(user.id, user);
    this.usersByApiKey.set(user.apiKey, user);
  }

  addAccount(account: Account): void {
    this.accounts.set(account.id, account);
    this.accountsByIban.set(account.iban, account);
    if (!this.paymentsByAccount.has(account.id)) this.paymentsByAccount.set(account.id, []);
  }

  addPayment(payment: Payment): void {
    this.payments.set(payment.id, payment);
    const list = this.paymentsByAccount.get(payment.accountId);
    if (list) list.push(payment);
    else this.paymentsByAccount.set(payment.accountId, [payment]);
  }

  accountsOf(userId: number): Account[] {
    return [...this.accounts.values()].filter((a) => a.userId === userId);
  }

  addSession(session: Session): void {
    this.sessions.set(session.id, session);
    this.sessionsByToken.set(session.token, session);
  }

  removeSession(session: Session): void {
    this.sessions.delete(session.id);
    this.sessionsByToken.delete(session.token);
  }
}

/**
 * Payment requests (bunq-api.md §9.6, §2.5, §12.8):
 *  - RequestInquiry POST needs amount_inquired (> 0), counterparty_alias (Pointer), description
 *    and allow_bunqme (boolean, required); status starts PENDING.
 *  - sugardaddy@bunq.com (EMAIL) pays automatically up to €500 per request [INFERRED]: status
 *    ACCEPTED at once and the account is credited (type BUNQ, sub_type REQUEST). Above €500 the
 *    request just stays PENDING (our choice).
 *  - A request to another emulated account (IBAN/EMAIL/PHONE_NUMBER) creates a RequestResponse
 *    on that account (§9.6); accepting it (signed PUT, §3.2) pays the requester.
 *  - PUT {"status":"REVOKED"} revokes a PENDING inquiry (and its RequestResponse).
 *  - merchant_reference is unique per source account (§9.6; the refusal's wording is ours);
 *    minimum_age and require_address are kept and read back as sent.
 */
import type { EmulatorState } from './state';
import type { Account, Json, RequestInquiry, RequestResponse } from './types';
import { accountLabel, externalLabel } from './labels';
import { makeIban } from './iban';
import { post } from './ledger';
import { executeOrders, findAccount, parseAmount, parsePointer } from './payment-rules';
import { badRequest } from '../http/errors';

export const SUGAR_DADDY_EMAIL = 'sugardaddy@bunq.com';
export const SUGAR_DADDY_MAX_CENTS = 50_000;
export const SUGAR_DADDY_IBAN = makeIban('NL', 'BUNQ2206050000');
const DAY = 86_400_000;

function label(state: EmulatorState, account: Account): Json {
  const user = state.users.get(account.userId);
  if (!user) throw new Error(`account ${account.id} has no user`);
  return accountLabel(account, user);
}

export function createInquiry(state: EmulatorState, from: Account, body: Json, at: number): RequestInquiry {
  const amount = parseAmount(body['amount_inquired'], 'amount_inquired');
  const pointer = parsePointer(body['counterparty_alias']);
  const description = body['description'];
  if (typeof description !== 'string') throw badRequest('The description field is required.');
  if (typeof body['allow_bunqme'] !== 'boolean') throw badRequest('The allow_bunqme field is required.');
  const target = findAccount(state, pointer);
  if (target?.id === from.id) throw badRequest('A request to the same monetary account is not possible.');
  const sugarDaddy = pointer.type === 'EMAIL' && pointer.value.toLowerCase() === SUGAR_DADDY_EMAIL;
  const cpLabel = target ? label(state, target)
    : sugarDaddy ? externalLabel(SUGAR_DADDY_IBAN, 'Sugar Daddy')
      : externalLabel(pointer.type === 'IBAN' ? pointer.value : null, pointer.name || pointer.value);
  const ref = body['merchant_reference'];
  if (typeof ref === 'string' && [...state.requestInquiries.values()].some((r) => r.accountId === from.id && r.merchantReference === ref)) {
    throw badRequest('The merchant_reference has already been used for this monetary account.');
  }
  const redirect = body['redirect_url'];
  const minimumAge = body['minimum_age'];
  const requireAddress = body['require_address'];
  const inquiry: RequestInquiry = {
    id: state.nextId('requestInquiry'), accountId: from.id, createdAt: at, updatedAt: at, timeResponded: null,
    timeExpiry: at + 21 * DAY, amountInquired: amount, amountResponded: null, counterpartyAlias: cpLabel,
    userAliasCreated: label(state, from), description, merchantReference: typeof ref === 'string' ? ref : null,
    minimumAge: typeof minimumAge === 'number' ? minimumAge : null, requireAddress: typeof requireAddress === 'string' ? requireAddress : 'NONE',
    status: 'PENDING', allowBunqme: body['allow_bunqme'] === true, redirectUrl: typeof redirect === 'string' ? redirect : null, responseId: null,
  };
  state.requestInquiries.set(inquiry.id, inquiry);
  if (target) {
    const response: RequestResponse = { id: state.nextId('requestResponse'), accountId: target.id, inquiryId: inquiry.id, createdAt: at, updatedAt: at, timeResponded: null, status: 'PENDING', amountResponded: null, paymentId: null };
    state.requestResponses.set(response.id, response);
    inquiry.responseId = response.id;
  } else if (sugarDaddy && amount <= SUGAR_DADDY_MAX_CENTS) {
    post(state, from, amount, { kind: 'external', iban: SUGAR_DADDY_IBAN, name: 'Sugar Daddy' }, { description, type: 'BUNQ', subType: 'REQUEST', at });
    Object.assign(inquiry, { status: 'ACCEPTED', amountResponded: amount, timeResponded: at });
  }
  return inquiry;
}

export function revokeInquiry(state: EmulatorState, inquiry: RequestInquiry, at: number): void {
  if (inquiry.status !== 'PENDING') throw badRequest('Only a pending request can be revoked.');
  Object.assign(inquiry, { status: 'REVOKED', updatedAt: at });
  const response = inquiry.responseId === null ? undefined : state.requestResponses.get(inquiry.responseId);
  if (response) Object.assign(response, { status: 'REVOKED', updatedAt: at });
}

export function answerResponse(
  state: EmulatorState, response: RequestResponse, status: 'ACCEPTED' | 'REJECTED', at: number, clientRequestId: string | null,
): void {
  const inquiry = state.requestInquiries.get(response.inquiryId);
  if (response.status !== 'PENDING' || !inquiry) throw badRequest('Only a pending request can be answered.');
  if (status === 'ACCEPTED') {
    const payer = state.accounts.get(response.accountId);
    const payee = state.accounts.get(inquiry.accountId);
    if (!payer || !payee) throw badRequest('The monetary account no longer exists.');
    const [payment] = executeOrders(state, payer, [{
      amount: inquiry.amountInquired, pointer: { type: 'IBAN', value: payee.iban, name: payee.ownerName },
      counterparty: { kind: 'internal', account: payee }, description: inquiry.description, merchantReference: inquiry.merchantReference,
    }], { at, clientRequestId, subType: 'REQUEST' });
    response.paymentId = payment?.id ?? null;
    response.amountResponded = inquiry.amountInquired;
    inquiry.amountResponded = inquiry.amountInquired;
  }
  Object.assign(response, { status, updatedAt: at, timeResponded: at });
  Object.assign(inquiry, { status, updatedAt: at, timeResponded: at });
}

/**
 * One rule per object family: which wrappers it accepts, whether the token may see an object
 * at all (lists drop it, single reads 404), and the token's copy of it (allowlisted fields).
 * Payments, requests and drafts are windowed: read-recent cuts them and their paging.
 */
import type { FilterSpec } from './filter-spec';
import type { JsonObject } from './json';
import { requireId } from './envelope';
import { ACCOUNT_WRAPPERS, trimAccount } from './redact-account';
import { USER_WRAPPERS, redactUser } from './redact-user';
import { isGrantedAccount, isOnGrantedAccount } from './only-granted-accounts';
import { isOwnObject } from './only-own-requests';
import { isInWindow } from './trim-to-window';
import { dropDraftBalances, trimDraftPayment, trimPayment, trimRequestInquiry } from './trim-item-fields';

export interface ObjectRule {
  readonly wrappers: ReadonlySet<string>;
  readonly visible: (spec: FilterSpec, obj: JsonObject) => boolean;
  readonly trim: (spec: FilterSpec, type: string, obj: JsonObject) => JsonObject;
  readonly windowed: boolean;
  /** Every id the token may see in such a list, if the gateway knows them (pagination cursors). */
  readonly visibleIds: (spec: FilterSpec) => ReadonlySet<number> | undefined;
}

export const USER_RULE: ObjectRule = {
  wrappers: USER_WRAPPERS,
  visible: () => true,
  trim: (spec, type, obj) => redactUser(type, obj, spec.redactPersonalData),
  windowed: false,
  visibleIds: () => undefined,
};

export const ACCOUNT_RULE: ObjectRule = {
  wrappers: ACCOUNT_WRAPPERS,
  visible: (spec, obj) => isGrantedAccount(requireId(obj), spec.accounts),
  trim: (spec, _type, obj) => trimAccount(obj, spec.redactPersonalData),
  windowed: false,
  visibleIds: (spec) => spec.accounts,
};

function windowedRule(
  wrapper: string,
  trim: (obj: JsonObject, redact: boolean) => JsonObject,
): ObjectRule {
  return {
    wrappers: new Set([wrapper]),
    visible: (spec, obj) =>
      isOnGrantedAccount(obj, spec.accounts) &&
      isInWindow(obj, spec.windowStartMs) &&
      isOwnObject(obj, spec.ownObjectIds),
    trim: (spec, _type, obj) => trim(obj, spec.redactPersonalData),
    windowed: true,
    visibleIds: (spec) => spec.ownObjectIds,
  };
}

export const PAYMENT_RULE = windowedRule('Payment', trimPayment);
export const REQUEST_INQUIRY_RULE = windowedRule('RequestInquiry', trimRequestInquiry);
export const DRAFT_PAYMENT_RULE: ObjectRule = {
  ...windowedRule('DraftPayment', trimDraftPayment),
  trim: (spec, _type, obj) => {
    const draft = trimDraftPayment(obj, spec.redactPersonalData);
    return spec.hideBalances === true ? dropDraftBalances(draft) : draft;
  },
};

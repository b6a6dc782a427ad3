/**
 * Stage 4, what the caller may see: one filter per ResponseKind (policy/call.ts). Each returns
 * a NEW envelope built by allowlist, never the input or any part of it, so one cached upstream
 * answer can be filtered for several tokens; unknown shapes FAIL CLOSED (502).
 */
import type { FilterSpec } from './filter-spec';
import type { ResponseKind } from '../policy/call';
import { FilterMisconfigured } from './filter-errors';
import { filterId } from './filter-id';
import { filterList } from './filter-list';
import { filterSingle } from './filter-single';
import {
  ACCOUNT_RULE,
  DRAFT_PAYMENT_RULE,
  PAYMENT_RULE,
  REQUEST_INQUIRY_RULE,
  USER_RULE,
} from './object-rules';

export type { FilterSpec } from './filter-spec';
export { FilterMisconfigured, ObjectNotVisible, UnexpectedUpstreamAnswer } from './filter-errors';

type Filter = (spec: FilterSpec, body: unknown) => unknown;

// prettier-ignore
const BY_KIND: Readonly<Record<ResponseKind, Filter>> = {
  user:                    (spec, body) => filterSingle(spec, body, USER_RULE),
  'user-list':             (spec, body) => filterList(spec, body, USER_RULE),
  'monetary-account':      (spec, body) => filterSingle(spec, body, ACCOUNT_RULE),
  'monetary-account-list': (spec, body) => filterList(spec, body, ACCOUNT_RULE),
  payment:                 (spec, body) => filterSingle(spec, body, PAYMENT_RULE),
  'payment-list':          (spec, body) => filterList(spec, body, PAYMENT_RULE),
  'draft-payment':         (spec, body) => filterSingle(spec, body, DRAFT_PAYMENT_RULE),
  'draft-payment-list':    (spec, body) => filterList(spec, body, DRAFT_PAYMENT_RULE),
  'request-inquiry':       (spec, body) => filterSingle(spec, body, REQUEST_INQUIRY_RULE),
  'request-inquiry-list':  (spec, body) => filterList(spec, body, REQUEST_INQUIRY_RULE),
  id:                      (_spec, body) => filterId(body),
};

/** The caller's view of one parsed bunq success answer; throws a GatewayError otherwise. */
export function filterResponse(spec: FilterSpec, body: unknown): unknown {
  if (!Object.hasOwn(BY_KIND, spec.kind)) throw new FilterMisconfigured('unknown_kind');
  return BY_KIND[spec.kind](spec, body);
}

/**
 * Stage 4: the caller sees bunq's answer only after it has been cut to the token's view
 * (src/filter/), and always as bunq-style ASCII JSON. When the policy turned a payment into
 * a draft-payment, the answer says so: header X-Gateway-Outcome and a top-level "Gateway"
 * note beside bunq's usual Response array, which bunq clients ignore.
 */
import { toBunqJson } from '../lib/bunq-json';
import type { GatewayResponse } from '../http/error-responder';
import type { GatewayCall } from '../policy/call';
import type { Allow } from '../policy/decision';
import { fillTemplate } from '../lib/fill-template';
import { filterResponse, ObjectNotVisible } from '../filter';
import { BunqApiError } from '../upstream';
import type { FilterSpec } from '../filter/filter-spec';
import type { Runtime } from '../runtime';

export async function filterAnswer(
  rt: Runtime,
  call: GatewayCall,
  decision: Allow,
  tokenId: string,
  json: unknown,
): Promise<unknown> {
  const entry = rt.catalog.get(decision.rewrite?.endpointId ?? call.endpointId);
  if (!entry?.response) throw new TypeError(`no response kind for catalog entry ${call.endpointId}`);
  const f = decision.filter;
  const own = ownKindOf(decision);
  const spec: FilterSpec = {
    kind: entry.response,
    accounts: new Set(f.accounts),
    redactPersonalData: f.redactPersonalData,
    hideBalances: f.hideBalances,
    listPath: `/v1${fillTemplate(call.template, (name) => String(call.params[name]))}`,
    ...(pagedLocally(rt, call.endpointId) ? { localPage: { ...countOf(call), ...cursorsOf(call) } } : {}),
    cursors: cursorsOf(call),
    ...(f.windowStartMs === undefined ? {} : { windowStartMs: f.windowStartMs }),
    ...(own ? { ownObjectIds: await rt.owned.idsOf(own, tokenId) } : {}),
  };
  return filterResponse(spec, json);
}

/** The caller's page cursors, as the filter stage names them. */
function cursorsOf(call: GatewayCall): { olderId?: number; newerId?: number } {
  const { older_id: olderId, newer_id: newerId } = call.query;
  return { ...(olderId === undefined ? {} : { olderId }), ...(newerId === undefined ? {} : { newerId }) };
}

function countOf(call: GatewayCall): { count?: number } {
  return call.query.count === undefined ? {} : { count: call.query.count };
}

/** The account list: fetched whole from bunq and paged by the gateway (filter/page-locally.ts). */
export function pagedLocally(rt: Pick<Runtime, 'catalog'>, endpointId: string): boolean {
  return rt.catalog.get(endpointId)?.response === 'monetary-account-list';
}

/** read-key-requests / read-draft-payments: lists keep only the objects this token created. */
function ownKindOf(decision: Allow): 'request-inquiry' | 'draft-payment' | undefined {
  return decision.filter.ownRequestsOnly ? 'request-inquiry' : decision.filter.ownDraftsOnly ? 'draft-payment' : undefined;
}

/**
 * Every id a list answer could show this token, when the gateway knows them all: its granted
 * accounts for the account list, its own objects for own-only request and draft lists. Other
 * lists hide nothing by id (payments on a granted account; read-recent cuts a contiguous,
 * oldest range), so undefined.
 */
export async function knownVisibleIds(rt: Runtime, call: GatewayCall, decision: Allow, tokenId: string): Promise<ReadonlySet<number> | undefined> {
  const kind = rt.catalog.get(call.endpointId)?.response;
  if (kind === 'monetary-account-list') return new Set(decision.filter.accounts);
  const own = ownKindOf(decision);
  if (own !== undefined && kind === `${own}-list`) return rt.owned.idsOf(own, tokenId);
  return undefined;
}

/** Single reads whose object the filter may hide (filter/object-rules.ts). */
const HIDEABLE_SINGLE: ReadonlySet<string | null> = new Set(['monetary-account', 'payment', 'draft-payment', 'request-inquiry']);

/**
 * bunq's own "not found" for a single read the filter could also have hidden becomes the very
 * answer a hidden object gets. Otherwise the two differ (bunq's wording and response id against
 * ours), and a read-recent token could test id by id which payments older than its window exist.
 */
export function hideMissing(rt: Runtime, call: GatewayCall, decision: Allow, err: unknown): unknown {
  if (!(err instanceof BunqApiError) || err.bunqStatus !== 404 || call.method !== 'GET') return err;
  const kind = rt.catalog.get(decision.rewrite?.endpointId ?? call.endpointId)?.response;
  return kind !== undefined && HIDEABLE_SINGLE.has(kind) ? new ObjectNotVisible() : err;
}

export function okResponse(body: unknown, decision: Allow, createdId: number | undefined): GatewayResponse {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  let out = body;
  if (decision.reasonId === 'converted_to_draft') {
    headers['x-gateway-outcome'] = 'draft-payment-created';
    out = {
      ...(body as Record<string, unknown>),
      Gateway: {
        outcome: 'converted_to_draft',
        draft_payment_id: createdId ?? null,
        message: 'The counterparty is not on this token\'s allowlist: a draft payment was created for the owner to approve in the bunq app.',
      },
    };
  }
  return { status: 200, headers, body: toBunqJson(out) };
}

/** The id in bunq's create answer {"Response":[{"Id":{"id":N}}]}, if that is its shape. */
export function createdObjectId(json: unknown): number | undefined {
  const first = (json as { Response?: unknown[] } | null)?.Response?.[0] as { Id?: { id?: unknown } } | undefined;
  const id = first?.Id?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
}

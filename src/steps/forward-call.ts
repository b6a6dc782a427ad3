/**
 * Builds the one upstream request from what was decided: the path from the matched (or
 * rewritten) catalog template and the validated ids, the known query parameters, and the
 * validated body object, which the bunq client serialises once and signs. Nothing of the
 * caller's request (bytes, headers, raw path) is forwarded.
 */
import type { GatewayCall, HttpMethod } from '../policy/call';
import type { Allow } from '../policy/decision';
import { fillTemplate } from '../lib/fill-template';
import type { Runtime } from '../runtime';

/** Answers that may be shared for a few seconds (UPSTREAM_CACHE_TTL_MS): balances and accounts. */
const CACHEABLE_RESPONSES = new Set(['monetary-account', 'monetary-account-list']);

export interface UpstreamCall {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query: Record<string, number>;
  readonly body: unknown;
}

/** bunq's largest page (bunq-api.md §6): a list paged by the gateway is fetched in one. */
const WHOLE_LIST = { count: 200 };

/** `pageLocally`: the list is fetched whole and the caller's page cut by the filter stage. */
export function buildUpstreamCall(call: GatewayCall, decision: Allow, pageLocally = false): UpstreamCall {
  const target = decision.rewrite ?? call;
  const path = fillTemplate(target.template, (name) => {
    const value = target.params[name];
    if (value === undefined || !Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`template parameter ${name} has no validated value`);
    }
    return String(value);
  });
  const query: Record<string, number> = {};
  for (const [key, value] of Object.entries(call.query)) if (value !== undefined) query[key] = value;
  return { method: target.method, path, query: decision.rewrite ? {} : pageLocally ? { ...WHOLE_LIST } : query, body: target.body };
}

/** A GET of an account or the account list (catalog response kind), the only reads cached. */
export function isBalanceRead(rt: Pick<Runtime, 'catalog'>, decision: Allow, method: HttpMethod): boolean {
  if (method !== 'GET') return false;
  const response = rt.catalog.get(decision.rewrite?.endpointId ?? decision.endpointId)?.response;
  return typeof response === 'string' && CACHEABLE_RESPONSES.has(response);
}

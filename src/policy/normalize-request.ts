/**
 * RawCall → GatewayCall, or a refusal; NEVER a guess. Order: method → headers → target →
 * catalog match → ids → query → body (each step in normalize/, rules in its header).
 * - Unknown endpoint → 403 endpoint_not_allowed. 403 rather than 404: the gateway cannot know
 *   whether bunq has the endpoint, only that it does not forward it.
 * - Known path, other method → 405 endpoint_not_allowed (details.allowed_methods).
 * - Endpoints the gateway answers itself (handshake) or refuses outright → 403 here: the HTTP
 *   shell routes handshake calls (matchRoute) before the policy stage.
 * - Path ids must be ≥ 1 (0 parses only so DELETE /v1/session/0 of the Python SDK can match).
 */
import { GatewayError, InvalidRequest } from '../lib/errors';
import type { GatewayCall, HttpMethod, RawCall } from './call';
import type { Catalog } from './catalog';
import { matchEndpoint, type MatchResult } from './match-endpoint';
import { checkHeaders } from './normalize/check-headers';
import { checkMethod } from './normalize/check-method';
import { parseBody } from './normalize/parse-body';
import { parseQuery } from './normalize/parse-query';
import { parseTarget } from './normalize/parse-target';

export interface Route {
  readonly method: HttpMethod;
  readonly match: MatchResult;
  readonly query: string | null;
}

/** Method + target → catalog match, with the target rules applied. Also for the HTTP shell. */
export function matchRoute(method: string, target: string, catalog: Catalog): Route {
  const checked = checkMethod(method);
  const { segments, query } = parseTarget(target);
  return { method: checked, match: matchEndpoint(catalog.router, checked, segments), query };
}

function pathOf(target: string): string {
  const q = target.indexOf('?');
  return q === -1 ? target : target.slice(0, q);
}

export function normalizeRequest(raw: RawCall, catalog: Catalog): GatewayCall {
  const method = checkMethod(raw.method);
  const contentType = checkHeaders(raw.rawHeaders);
  const { match, query } = matchRoute(method, raw.target, catalog);
  if (match.kind === 'no_match') {
    throw new GatewayError('endpoint_not_allowed', 403, `This gateway does not forward ${method} ${pathOf(raw.target)}: only the bunq endpoints in its catalog are allowed.`);
  }
  if (match.kind === 'method_not_allowed') {
    throw new GatewayError('endpoint_not_allowed', 405, `The method ${method} is not allowed on this path (allowed: ${match.allowed.join(', ')}).`, {
      details: { allowed_methods: match.allowed },
    });
  }
  const { entry, params } = match;
  if (entry.handledBy !== 'upstream') {
    const why = entry.handledBy === 'gateway' ? 'is answered by the gateway itself' : 'is never forwarded by this gateway';
    throw new GatewayError('endpoint_not_allowed', 403, `${entry.label} ${why}: ${entry.note ?? ''}`.trim(), { details: { endpoint_id: entry.id } });
  }
  for (const name of entry.params) {
    if (params[name] === 0) throw new InvalidRequest(`The path id {${name}} must be a positive integer.`, { parameter: name });
  }
  return {
    requestId: raw.requestId,
    clientIp: raw.clientIp,
    method,
    endpointId: entry.id,
    template: entry.path,
    params,
    query: parseQuery(query, entry.query),
    body: parseBody(method, entry, contentType, raw.body),
  };
}

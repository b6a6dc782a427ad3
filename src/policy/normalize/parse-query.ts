/**
 * Query parameters: only those the endpoint lists (count, older_id, newer_id — bunq's paging,
 * bunq-api.md §6), each at most once, each "name=value"; count is 1..200, older_id / newer_id
 * canonical positive integers, and not both at once (bunq pages one way per call). An empty
 * query ("?" alone, "&&") is refused too.
 */
import { InvalidRequest } from '../../lib/errors';
import type { GatewayCall } from '../call';
import type { QueryParam } from '../catalog-schema';

const POSITIVE = /^[1-9][0-9]{0,15}$/;

type Query = { count?: number; older_id?: number; newer_id?: number };

function positive(name: string, value: string): number {
  const n = POSITIVE.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new InvalidRequest(`The query parameter ${name} must be a positive integer without leading zeros.`, { parameter: name });
  return n;
}

export function parseQuery(query: string | null, allowed: ReadonlySet<QueryParam>): GatewayCall['query'] {
  const result: Query = {};
  if (query === null) return result;
  if (query.length === 0) throw new InvalidRequest('An empty query string ("?" with nothing after it) is not accepted.');
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    if (eq === -1 || name.length === 0) throw new InvalidRequest('Every query parameter must be written name=value.');
    if (!allowed.has(name as QueryParam)) {
      const known = allowed.size === 0 ? 'none' : [...allowed].join(', ');
      throw new InvalidRequest(`The query parameter ${JSON.stringify(name.slice(0, 32))} is not accepted on this endpoint (accepted: ${known}).`, { parameter: name.slice(0, 32) });
    }
    const key = name as QueryParam;
    if (result[key] !== undefined) throw new InvalidRequest(`The query parameter ${key} appears more than once.`, { parameter: key });
    const value = positive(key, part.slice(eq + 1));
    if (key === 'count' && value > 200) throw new InvalidRequest('The query parameter count must be between 1 and 200.', { parameter: key });
    result[key] = value;
  }
  if (result.older_id !== undefined && result.newer_id !== undefined) {
    throw new InvalidRequest('Use either older_id or newer_id, not both.');
  }
  return result;
}

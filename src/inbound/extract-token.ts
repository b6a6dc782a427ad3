/**
 * Exactly one credential per request (RFC 6750 §2): the Authorization header with the
 * Bearer scheme, sent once, or a bunq session token in one X-Bunq-Client-Authentication
 * header (bunq's own protocol, src/bunq-protocol/). A repeated header, a token in the query
 * string (RFC 6750 §2.3 forbids relying on it; query strings end up in logs) or a second
 * credential header is refused, never picked from.
 */
import { GatewayError, InvalidRequest, InvalidToken } from '../lib/errors';
import type { RawCall } from '../policy/call';
import { MAX_BEARER_LENGTH } from '../tokens/token-format';
import { sessionEnded } from '../bunq-protocol/bunq-errors';
import { headerValues } from './raw-headers';

export type Credential = { readonly kind: 'bearer' | 'bunq-session'; readonly value: string };

const QUERY_CREDENTIALS = /(?:^|&)(?:access_token|token|api_key|apikey|key|secret)=/i;

export function extractToken(raw: RawCall): Credential {
  const query = raw.target.includes('?') ? raw.target.slice(raw.target.indexOf('?') + 1) : '';
  if (QUERY_CREDENTIALS.test(query)) {
    throw new InvalidRequest('Credentials are not accepted in the query string; send an Authorization: Bearer header.');
  }
  const authorization = headerValues(raw.rawHeaders, 'authorization');
  const bunqAuth = headerValues(raw.rawHeaders, 'x-bunq-client-authentication');
  if (authorization.length > 1) throw new InvalidRequest('Send exactly one Authorization header.');
  if (authorization.length === 1 && bunqAuth.length > 0) {
    throw new InvalidRequest('Send one credential: either Authorization or X-Bunq-Client-Authentication, not both.');
  }
  if (authorization.length === 0) {
    if (bunqAuth.length > 1) throw new InvalidRequest('Send exactly one X-Bunq-Client-Authentication header.');
    const session = bunqAuth[0]?.trim();
    if (session !== undefined && session.length > 0 && session.length <= MAX_BEARER_LENGTH) return { kind: 'bunq-session', value: session };
    if (session !== undefined) throw sessionEnded('token_invalid');
    throw new InvalidToken('token_missing', 'This call needs a gateway token: Authorization: Bearer <token>.');
  }
  const match = /^Bearer ([\x21-\x7e]+)$/i.exec(authorization[0]!);
  if (!match) throw new InvalidRequest('The Authorization header must be "Bearer <token>".');
  const value = match[1]!;
  if (value.length > MAX_BEARER_LENGTH) {
    throw new GatewayError('token_invalid', 401, 'The token is not valid.');
  }
  return { kind: 'bearer', value };
}

/**
 * The only place errors become responses. Every refusal uses bunq's error envelope, so
 * unmodified bunq clients show it, plus a stable machine code and the details a caller
 * needs to ask the owner for the right permission:
 *   {"Error":[{"error_description":"…","error_description_translated":"…","error_code":"scope_missing","required_scope":"create-payment"}]}
 * 401s carry WWW-Authenticate (RFC 6750 §3); 429 and 503 carry Retry-After. Anything that is
 * not an exposed GatewayError becomes a generic 500 (or 503 database_unavailable when the
 * database cannot be reached, store/database-errors.ts); its detail goes to the log only.
 */
import { isDatabaseUnavailable } from '../store/database-errors';
import { bunqErrorBody } from '../lib/bunq-json';
import { GatewayError } from '../lib/errors';
import type { Logger } from '../lib/logger';

export interface GatewayResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function errorResponse(err: unknown, logger: Logger, requestId: string): GatewayResponse {
  const known = err instanceof GatewayError && err.expose;
  if (!known) logger.error({ err, requestId }, 'unexpected error');
  const e = known ? err : unexposed(err);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (e.status === 401) {
    // RFC 6750 §3.1: a request with no credentials at all gets the challenge without an error code.
    headers['www-authenticate'] =
      e.code === 'token_missing'
        ? 'Bearer realm="bunq-gateway"'
        : `Bearer realm="bunq-gateway", error="invalid_token", error_description="${e.code}"`;
  }
  if (e.retryAfter !== undefined) headers['retry-after'] = String(e.retryAfter);
  return { status: e.status, headers, body: bunqErrorBody(e.message, { error_code: e.code, ...e.details }) };
}

function unexposed(err: unknown): GatewayError {
  if (isDatabaseUnavailable(err)) {
    return new GatewayError('database_unavailable', 503, "The gateway's database is unavailable; retry later.", { retryAfter: 5 });
  }
  return new GatewayError('internal_error', 500, 'The gateway failed to handle this request.');
}

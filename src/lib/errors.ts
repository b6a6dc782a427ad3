/**
 * Every refusal and failure the gateway reports is a GatewayError with a code from one closed
 * union, so callers (and existing bunq clients, which read error_description) get a stable,
 * explainable answer. http/error-responder.ts is the only place that turns these into
 * responses; anything that is not a GatewayError becomes a generic 500.
 */
export type ErrorCode =
  | 'invalid_request'
  | 'body_invalid'
  | 'token_missing'
  | 'token_invalid'
  | 'token_expired'
  | 'token_revoked'
  | 'ip_not_allowed'
  | 'insecure_transport'
  | 'signature_missing'
  | 'signature_invalid'
  | 'bad_credentials'
  | 'rate_limited'
  | 'endpoint_not_allowed'
  | 'scope_missing'
  | 'account_not_allowed'
  | 'user_not_allowed'
  | 'payment_not_configured'
  | 'object_not_owned'
  | 'currency_not_allowed'
  | 'amount_exceeds_max'
  | 'cap_exceeded'
  | 'counterparty_not_allowed'
  | 'source_account_not_allowed'
  | 'not_found'
  | 'conflict'
  | 'upstream_error'
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'upstream_signature_invalid'
  | 'upstream_rate_limited'
  | 'upstream_busy'
  | 'client_gone'
  | 'queue_full'
  | 'idempotency_key_reused'
  | 'idempotency_request_in_progress'
  | 'not_configured'
  | 'database_unavailable'
  | 'audit_unavailable'
  | 'internal_error';

export type ErrorDetails = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Whether the message may be shown to the caller. Non-exposed errors become a generic 500. */
  readonly expose: boolean;
  readonly details: ErrorDetails;
  /** Seconds the caller should wait before retrying (429 / 503). */
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    status: number,
    message: string,
    opts: { details?: ErrorDetails; cause?: unknown; expose?: boolean; retryAfter?: number } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.expose = opts.expose ?? true;
    this.details = opts.details ?? {};
    this.retryAfter = opts.retryAfter;
  }
}

/** 400: the request is malformed or ambiguous; it is refused, never guessed at. */
export class InvalidRequest extends GatewayError {
  constructor(message: string, details?: ErrorDetails) {
    super('invalid_request', 400, message, details ? { details } : {});
  }
}

/** 401: no usable credential. */
export class InvalidToken extends GatewayError {
  constructor(
    code: 'token_missing' | 'token_invalid' | 'token_expired' | 'token_revoked',
    message: string,
  ) {
    super(code, 401, message);
  }
}

/** 403: a valid token that is not allowed to do this. */
export class Forbidden extends GatewayError {
  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(code, 403, message, details ? { details } : {});
  }
}

/** 429: the token's own rate limit. */
export class RateLimited extends GatewayError {
  constructor(message: string, retryAfter: number) {
    super('rate_limited', 429, message, { retryAfter, details: { retry_after_seconds: retryAfter } });
  }
}

/**
 * Every failure of a call to bunq is one of these typed errors, and each says whether the
 * OUTCOME is known:
 *   'definite' — bunq did NOT act on the request: it was never sent (connection refused, DNS,
 *                connect timeout) or bunq answered with a 4xx error envelope (bunq-api.md §5.2),
 *                a 429 (§7) or a 401 dead session (§2.4).
 *   'unknown'  — the request may have reached bunq and may have been executed: timeouts, resets
 *                after sending, 5xx, redirects, unsigned or badly signed responses, garbage bodies.
 * Payment code MUST treat 'unknown' as "maybe paid" (hold the reservation, reconcile by
 * X-Bunq-Client-Request-Id), and may release only on 'definite'.
 */
import { GatewayError, type ErrorCode } from '../lib/errors';

export type UpstreamOutcome = 'definite' | 'unknown';

interface UpstreamErrorOpts {
  outcome: UpstreamOutcome;
  cause?: unknown;
  retryAfter?: number;
  details?: Record<string, string | number | boolean | null>;
}

export abstract class UpstreamError extends GatewayError {
  readonly outcome: UpstreamOutcome;

  protected constructor(code: ErrorCode, status: number, message: string, opts: UpstreamErrorOpts) {
    super(code, status, message, {
      details: { outcome: opts.outcome, ...opts.details },
      ...(opts.cause === undefined ? {} : { cause: opts.cause }),
      ...(opts.retryAfter === undefined ? {} : { retryAfter: opts.retryAfter }),
    });
    this.outcome = opts.outcome;
  }
}

/** bunq statuses that are the caller's business and are passed through as they are (§5.2). */
const PASS_THROUGH = new Set([400, 403, 404, 405, 409, 490]);

/**
 * bunq answered with an error (its `{"Error":[{"error_description":…}]}` envelope, §5.2) or an
 * unexpected status. `bunqStatus` is bunq's HTTP status; `status` is what our caller gets: bunq's
 * own 4xx where it describes the caller's request, 502 otherwise (a 401 means OUR session, a 466
 * OUR signing, a 5xx bunq itself — never the caller's credential).
 */
export class BunqApiError extends UpstreamError {
  readonly bunqStatus: number;
  readonly bunqMessage: string;
  readonly responseId: string | undefined;

  constructor(
    bunqStatus: number,
    bunqMessage: string,
    opts: { outcome: UpstreamOutcome; responseId?: string | undefined; cause?: unknown },
  ) {
    super('upstream_error', PASS_THROUGH.has(bunqStatus) ? bunqStatus : 502, `bunq: ${bunqMessage}`, {
      outcome: opts.outcome,
      cause: opts.cause,
      details: { bunq_status: bunqStatus, bunq_response_id: opts.responseId ?? null },
    });
    this.bunqStatus = bunqStatus;
    this.bunqMessage = bunqMessage;
    this.responseId = opts.responseId;
  }
}

/** bunq could not be reached (503, nothing sent) or the connection broke (502, maybe sent). */
export class UpstreamUnavailable extends UpstreamError {
  constructor(message: string, opts: { outcome: UpstreamOutcome; cause?: unknown }) {
    super('upstream_unavailable', opts.outcome === 'definite' ? 503 : 502, message, opts);
  }
}

/** No complete answer in time. Always 'unknown': bunq may have executed the call. */
export class UpstreamTimeout extends UpstreamError {
  constructor(timeoutMs: number, opts: { cause?: unknown } = {}) {
    super('upstream_timeout', 504, `bunq did not answer within ${timeoutMs} ms`, { outcome: 'unknown', ...opts });
  }
}

/**
 * X-Bunq-Server-Signature missing on a 2xx, or not matching the body (bunq-api.md §3.3). The
 * body was NOT parsed. 'unknown': something answered, we cannot trust what it said.
 */
export class UpstreamSignatureInvalid extends UpstreamError {
  constructor(message: string) {
    super('upstream_signature_invalid', 502, message, { outcome: 'unknown' });
  }
}

/** bunq's 429 (bunq-api.md §7: 3 GET / 5 POST / 2 PUT per 3 s, session-server 1 per 30 s). */
export class UpstreamRateLimited extends UpstreamError {
  constructor(retryAfter: number, message = 'bunq rate limit reached; retry later') {
    super('upstream_rate_limited', 429, message, {
      outcome: 'definite',
      retryAfter,
      details: { retry_after_seconds: retryAfter },
    });
  }
}

/**
 * The gateway's own queue towards bunq is full for this token (or the call waited past its
 * deadline): the call was NOT sent, so a reservation is released and the caller may retry.
 */
export class UpstreamBusy extends UpstreamError {
  constructor(retryAfter: number, message: string) {
    super('upstream_busy', 503, message, { outcome: 'definite', retryAfter, details: { retry_after_seconds: retryAfter } });
  }
}

/**
 * The client hung up while its call waited for a bunq slot: the call was withdrawn and NOT
 * sent (a held reservation is released). 499 is nginx's "client closed request": nobody reads
 * this answer; it is what the audit row records.
 */
export class CallWithdrawn extends UpstreamError {
  constructor() {
    super('client_gone', 499, 'The client closed the connection while the call waited for bunq; it was NOT sent.', { outcome: 'definite' });
  }
}

/**
 * A write that waited for bunq is not sent because its token was revoked, rotated or expired
 * (its own or an ancestor's) while it waited: nothing was sent, a held reservation is released.
 */
export class CallNoLongerAuthorized extends UpstreamError {
  constructor(code: 'token_revoked' | 'token_expired', message: string) {
    super(code, 401, `${message} The call waited for bunq and was NOT sent.`, { outcome: 'definite' });
  }
}

/** Refused by this module before anything was sent (defence in depth: bad path, id, body). */
export class UpstreamRequestInvalid extends UpstreamError {
  constructor(message: string, cause?: unknown) {
    super('invalid_request', 400, message, { outcome: 'definite', cause });
  }
}

export function isUpstreamError(err: unknown): err is UpstreamError {
  return err instanceof UpstreamError;
}

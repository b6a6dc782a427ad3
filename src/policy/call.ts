/**
 * The two views of one request on its way through the pipeline.
 *
 * RawCall is what arrived: nothing in it is trusted, nothing of it is forwarded.
 * GatewayCall is the normalised request the policy decides on; the upstream request is built
 * from it and only from it (path rebuilt from the matched template and validated ids, body
 * re-serialised from the validated object, no caller header passed through).
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RawCall {
  readonly requestId: string;
  readonly clientIp: string;
  /** Method exactly as received (not yet upper-cased or checked). */
  readonly method: string;
  /** The request-target exactly as received: path and query, still percent-encoded. */
  readonly target: string;
  /** Node's rawHeaders: [name, value, name, value, ...] so duplicates stay visible. */
  readonly rawHeaders: readonly string[];
  /** The body bytes as received (empty buffer when there is none). */
  readonly body: Buffer;
  /**
   * True once the client has hung up before its answer was written: a call still waiting for a
   * bunq slot is then withdrawn, not sent (upstream/scheduler/scheduler.ts). Absent: never.
   */
  readonly clientGone?: () => boolean;
}

/** Response shapes the filter stage knows how to cut down. Named in policies/endpoints.json. */
export type ResponseKind =
  | 'user'
  | 'user-list'
  | 'monetary-account'
  | 'monetary-account-list'
  | 'payment'
  | 'payment-list'
  | 'draft-payment'
  | 'draft-payment-list'
  | 'request-inquiry'
  | 'request-inquiry-list'
  | 'id';

export interface GatewayCall {
  readonly requestId: string;
  readonly clientIp: string;
  readonly method: HttpMethod;
  /** The catalog entry's id, e.g. "payment.create". */
  readonly endpointId: string;
  /** The catalog entry's path template, e.g. "/user/{userID}/monetary-account/{monetary-accountID}/payment". */
  readonly template: string;
  /** Validated numeric path parameters by their template name. */
  readonly params: Readonly<Record<string, number>>;
  /** Only the query parameters the endpoint knows, validated. */
  readonly query: Readonly<{ count?: number; older_id?: number; newer_id?: number }>;
  /** The parsed and validated body (undefined for GET and DELETE). */
  readonly body: unknown;
}

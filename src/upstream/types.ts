/** Public types of the upstream bunq client (TSDoc'd surface, style.md "Comments"). */
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { SecretBox } from '../lib/secret-box';
import type { Db } from '../store/client';

export interface BunqClientDeps {
  db: Db;
  secretBox: SecretBox;
  clock?: Clock;
  logger?: Logger;
  /** Whole-exchange timeout of one call to bunq (config UPSTREAM_TIMEOUT_MS). Default 15 000. */
  timeoutMs?: number;
}

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the base URL, a plain '/segment/...' path, e.g. '/user/1/monetary-account'. */
  path: string;
  query?: Record<string, string | number>;
  /** A JS value, serialised ONCE; the exact bytes sent are the bytes signed. */
  body?: unknown;
  /** X-Bunq-Client-Request-Id; a fresh UUID when absent. */
  clientRequestId?: string;
  /**
   * Asked once the session is ready, right before the call is sent: false refuses it with a
   * definite 503 (nothing sent). A payment may not leave after its reservation could already be
   * reconciled as "never paid" (steps/reconcile-spend.ts).
   */
  mayStillSend?: () => boolean;
  /**
   * Awaited once the session is ready, right before the call is sent (after any wait in the
   * queue): throws to refuse it (steps/recheck-token.ts: the token was revoked meanwhile). Any
   * failure here is a definite "not sent".
   */
  stillAuthorized?: () => Promise<void>;
  /**
   * Awaited before a GET is sent a second time after bunq's 401 and a session renewal: the
   * scheduler hands out a new slot of bunq's budget here (that send counts like any other).
   */
  beforeResend?: () => Promise<unknown>;
}

export interface UpstreamResponse {
  status: number;
  /** The exact body bunq sent (signature-verified). */
  bodyText: string;
  json: unknown;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** The X-Bunq-Client-Request-Id that was sent on the call that produced this answer. */
  clientRequestId: string;
  /** bunq's X-Bunq-Client-Response-Id. */
  responseId: string | undefined;
}

/** The stored context without secrets. */
export interface BunqContextStatus {
  baseUrl: string;
  installationId: number;
  deviceServerId: number;
  user: { id: number; type: string; displayName: string | null };
  session: { id: number; expiresAt: string; timeoutSeconds: number } | null;
}

export interface BunqContextSummary extends BunqContextStatus {
  /** True when init found the same key + base URL and kept the stored installation. */
  reusedInstallation: boolean;
}

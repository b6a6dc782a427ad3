/**
 * ONE exchange with bunq: bunq's request headers (bunq-api.md §4.1) and NOTHING else — no
 * caller header ever reaches this function — the body signed over the exact bytes that are
 * sent whenever a token is sent (bunq-clients.md §3: the SDKs sign every request that carries a
 * token, GET/DELETE over the empty body), then the answer read by read-response.ts.
 */
import { randomUUID, type KeyObject } from 'node:crypto';
import type { Logger } from '../lib/logger';
import { readBunqResponse } from './read-response';
import { signBody } from './signing';
import type { HttpMethod, RawResponse, Transport } from './transport';
import type { UpstreamResponse } from './types';

export const USER_AGENT = 'bunq-scope-gateway/0.1';

export interface Exchange {
  method: HttpMethod;
  target: string;
  /** Serialised ONCE by the caller; these are the bytes sent and signed. */
  body: Buffer | undefined;
  /** Installation token (device-server, session-server) or session token; none for installation. */
  token?: string;
  /** Client private key; REQUIRED when a token is sent. */
  signingKey?: KeyObject;
  /** bunq's server key; absent only for POST /installation (nothing to verify with yet). */
  serverKey?: KeyObject;
  clientRequestId?: string;
  retryAfterDefault?: number;
}

export function bunqHeaders(ex: Exchange, clientRequestId: string): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    'cache-control': 'no-cache',
    'x-bunq-client-request-id': clientRequestId,
    'x-bunq-geolocation': '0 0 0 0 000',
    'x-bunq-language': 'en_US',
    'x-bunq-region': 'nl_NL',
  };
  if (ex.body !== undefined) headers['content-type'] = 'application/json';
  if (ex.token !== undefined) {
    if (!ex.signingKey) throw new TypeError('a request carrying a token must be signed');
    headers['x-bunq-client-authentication'] = ex.token;
    headers['x-bunq-client-signature'] = signBody(ex.signingKey, ex.body ?? Buffer.alloc(0));
  }
  return headers;
}

export async function callBunq(transport: Transport, ex: Exchange, logger: Logger): Promise<UpstreamResponse> {
  const clientRequestId = ex.clientRequestId ?? randomUUID();
  const headers = bunqHeaders(ex, clientRequestId);
  const started = Date.now();
  const log = { method: ex.method, target: ex.target, clientRequestId };
  let raw: RawResponse;
  try {
    raw = await transport.send({ method: ex.method, target: ex.target, headers, body: ex.body });
  } catch (err) {
    logger.warn({ ...log, err: errorSummary(err), ms: Date.now() - started }, 'bunq call failed');
    throw err;
  }
  const responseId = raw.headers['x-bunq-client-response-id'];
  if (logger.isLevelEnabled('debug')) logger.debug({ ...log, status: raw.status, responseId, ms: Date.now() - started }, 'bunq call');
  try {
    const { bodyText, json } = readBunqResponse(raw, ex.serverKey, ex.retryAfterDefault);
    return { status: raw.status, bodyText, json, headers: raw.headers, clientRequestId, responseId };
  } catch (err) {
    logger.warn({ ...log, status: raw.status, responseId, err: errorSummary(err) }, 'bunq call rejected');
    throw err;
  }
}

/** Name, code and message only: never a body or header that could hold a secret. */
function errorSummary(err: unknown): Record<string, unknown> {
  const e = err as { name?: unknown; code?: unknown; message?: unknown };
  return { name: e.name, code: e.code, message: e.message };
}

/**
 * Every answer to a bunq-protocol call (handshake or session call) gets bunq's response
 * headers (bunq-api.md §4.2; bunq-clients.md §4.7): a fresh X-Bunq-Client-Response-Id, the
 * caller's X-Bunq-Client-Request-Id echoed (when it is one sane value), and on success
 * X-Bunq-Server-Signature: RSA-SHA256 with the gateway's server key over the EXACT body bytes
 * sent — bunq-js-client and the SDKs refuse a 2xx without it. The body is never touched after
 * signing; it is already ASCII-only JSON with Content-Type exactly application/json. Errors
 * are not signed (no client checks them, §1.5). Bearer calls never come here: signing costs
 * about a millisecond they do not need.
 */
import { randomUUID } from 'node:crypto';
import { errorResponse, type GatewayResponse } from '../http/error-responder';
import { headerValues } from '../inbound/raw-headers';
import type { RawCall } from '../policy/call';
import type { ProtocolContext } from './protocol-context';

const ECHOABLE_REQUEST_ID = /^[\x21-\x7e][\x20-\x7e]{0,127}$/;

export async function signAnswer(ctx: ProtocolContext, raw: RawCall, answer: GatewayResponse): Promise<GatewayResponse> {
  const headers: Record<string, string> = { ...answer.headers, 'x-bunq-client-response-id': randomUUID() };
  const requestIds = headerValues(raw.rawHeaders, 'x-bunq-client-request-id');
  if (requestIds.length === 1 && ECHOABLE_REQUEST_ID.test(requestIds[0]!)) headers['x-bunq-client-request-id'] = requestIds[0]!;
  if (answer.status !== 200) return { ...answer, headers };
  try {
    headers['x-bunq-server-signature'] = (await ctx.serverKey()).sign(Buffer.from(answer.body, 'utf8'));
  } catch (err) {
    // Never a success without its signature: the client would refuse it anyway.
    return errorResponse(err, ctx.rt.logger, raw.requestId);
  }
  return { ...answer, headers };
}

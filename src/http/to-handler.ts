/**
 * The one adapter between node:http and the pipeline: it turns a request into a RawCall
 * (nothing parsed, nothing trusted) and writes the pipeline's answer back. Stage code never
 * sees node:http.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RawCall } from '../policy/call';
import type { GatewayResponse } from './error-responder';

export type CallHandler = (raw: RawCall) => Promise<GatewayResponse>;

export function toRawCall(req: IncomingMessage, body: Buffer): RawCall {
  const socket = req.socket;
  return {
    requestId: randomUUID(),
    clientIp: req.socket.remoteAddress ?? '',
    method: req.method ?? '',
    // The request-target exactly as received, still percent-encoded.
    target: req.url ?? '',
    rawHeaders: req.rawHeaders,
    body,
    // The connection is gone (node destroys the socket when the client closes it); checked only
    // when a queued call reaches the head of its queue, so nothing is allocated per call.
    clientGone: () => socket.destroyed,
  };
}

/** Status, the answer's headers (after the security headers already set), X-Request-Id, body. */
export function writeAnswer(res: ServerResponse, answer: GatewayResponse, requestId?: string): void {
  res.statusCode = answer.status;
  for (const name in answer.headers) res.setHeader(name, answer.headers[name]!);
  if (requestId !== undefined) res.setHeader('x-request-id', requestId);
  res.end(answer.body);
}

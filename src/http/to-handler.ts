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

/**
 * Status, the security headers, the answer's headers, X-Request-Id and Content-Length in one
 * `writeHead` list (no per-header bookkeeping), then the body.
 */
export function writeAnswer(res: ServerResponse, answer: GatewayResponse, secureHeaders: readonly string[], requestId?: string): void {
  const headers = secureHeaders.slice();
  for (const name in answer.headers) headers.push(name, answer.headers[name]!);
  if (requestId !== undefined) headers.push('x-request-id', requestId);
  headers.push('content-length', String(Buffer.byteLength(answer.body)));
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

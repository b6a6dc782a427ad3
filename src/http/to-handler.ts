/**
 * The one adapter between express and the pipeline: it turns an express request into a
 * RawCall (nothing parsed, nothing trusted) and writes the pipeline's answer back. Stage
 * code never sees express.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { RawCall } from '../policy/call';
import type { GatewayResponse } from './error-responder';

export type CallHandler = (raw: RawCall) => Promise<GatewayResponse>;

export function toRawCall(req: Request): RawCall {
  return {
    requestId: randomUUID(),
    clientIp: req.socket.remoteAddress ?? '',
    method: req.method,
    // originalUrl is the request-target exactly as received, still percent-encoded.
    target: req.originalUrl,
    rawHeaders: req.rawHeaders,
    body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
  };
}

export function toHandler(handle: CallHandler) {
  return async (req: Request, res: Response): Promise<void> => {
    const raw = toRawCall(req);
    const answer = await handle(raw);
    res.status(answer.status);
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    res.setHeader('x-request-id', raw.requestId);
    res.end(answer.body);
  };
}

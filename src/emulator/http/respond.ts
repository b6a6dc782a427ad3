/**
 * Writing a bunq response (bunq-api.md §4.2, §3.3; bunq-clients.md §4.7): `Content-Type:
 * application/json` exactly (no charset — bunq-js-client and bunq2ynab compare for equality),
 * ASCII-only JSON (toBunqJson) with "/" written as "\/" (escapeSlashes), X-Bunq-Client-Request-Id
 * echoed, a fresh X-Bunq-Client-Response-Id UUID, and X-Bunq-Server-Signature = RSA-SHA256 over
 * the exact body bytes — on every response, 2xx and errors alike (SW GenericError headers).
 * Nothing else rewrites the body afterwards.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Emulator } from '../emulator';
import { corruptSignature, signBody } from './signature';
import { escapeSlashes } from '../../lib/bunq-json';

export interface SendOptions {
  requestId: string | null;
  corrupt: boolean;
}

export function sendBunq(em: Emulator, res: ServerResponse, status: number, body: string, opts: SendOptions): void {
  const bytes = Buffer.from(escapeSlashes(body), 'utf8');
  const signature = signBody(em.serverPrivateKey, bytes);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', String(bytes.length));
  if (opts.requestId !== null) res.setHeader('X-Bunq-Client-Request-Id', opts.requestId);
  res.setHeader('X-Bunq-Client-Response-Id', randomUUID());
  res.setHeader('X-Bunq-Server-Signature', opts.corrupt ? corruptSignature(signature) : signature);
  res.end(bytes);
}

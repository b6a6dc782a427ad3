/**
 * What the three handshake steps share (bunq-api.md §2): the connection, the base URL, the
 * logger, and a strict reading of bunq's answer — a handshake answer of the wrong shape is an
 * error ('unknown' outcome: bunq may have created the object), never half-used.
 */
import type { z } from 'zod';
import { toBunqJson } from '../../lib/bunq-json';
import type { Logger } from '../../lib/logger';
import type { BaseUrl } from '../build-url';
import { BunqApiError } from '../bunq-errors';
import type { Transport } from '../transport';
import type { UpstreamResponse } from '../types';

export interface HandshakeIo {
  transport: Transport;
  base: BaseUrl;
  logger: Logger;
}

/** JSON bytes exactly as they will be sent and signed (ASCII, bunq's own style). */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(toBunqJson(value), 'utf8');
}

export function parseHandshake<S extends z.ZodType>(schema: S, res: UpstreamResponse, what: string): z.infer<S> {
  const parsed = schema.safeParse(res.json);
  if (!parsed.success) {
    throw new BunqApiError(res.status, `unexpected ${what} response shape`, {
      outcome: 'unknown',
      responseId: res.responseId,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

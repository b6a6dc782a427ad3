/**
 * Reading and answering a handshake call (bunq-api.md §2, §5.1): the body is strict JSON
 * whatever the Content-Type (bunq2ynab sends none, bunq-clients.md §2.3), checked against the
 * endpoint's zod schema; the installation token comes from exactly one
 * X-Bunq-Client-Authentication header; answers are bunq's positional Response arrays as
 * ASCII-only JSON with status 200 (sdk_python accepts nothing else, §3).
 */
import type { z } from 'zod';
import { toBunqJson } from '../lib/bunq-json';
import { GatewayError, InvalidRequest } from '../lib/errors';
import { parseStrictJson, StrictJsonError } from '../lib/strict-json';
import { toBunqTimestamp } from '../lib/clock';
import type { GatewayResponse } from '../http/error-responder';
import { headerValues } from '../inbound/raw-headers';
import type { RawCall } from '../policy/call';
import { sessionEnded } from './bunq-errors';

export function parseHandshakeBody<T extends z.ZodType>(raw: RawCall, schema: T): z.output<T> {
  let json: unknown;
  try {
    json = parseStrictJson(raw.body, { maxDepth: 8 });
  } catch (err) {
    if (err instanceof StrictJsonError) throw new GatewayError('body_invalid', 400, `The body is not strict JSON: ${err.message}.`);
    throw err;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
    throw new GatewayError('body_invalid', 400, `The body is not valid: ${where}: ${issue?.message ?? 'invalid'}.`, { details: { field: where } });
  }
  return parsed.data;
}

/** The one X-Bunq-Client-Authentication value; a missing one reads like bunq's dead-token answer. */
export function bunqAuthToken(raw: RawCall): string {
  if (headerValues(raw.rawHeaders, 'authorization').length > 0) {
    throw new InvalidRequest('Send one credential: either Authorization or X-Bunq-Client-Authentication, not both.');
  }
  const values = headerValues(raw.rawHeaders, 'x-bunq-client-authentication');
  if (values.length > 1) throw new InvalidRequest('Send exactly one X-Bunq-Client-Authentication header.');
  const value = values[0]?.trim();
  if (!value) throw sessionEnded('token_missing');
  return value;
}

/** `{"Token":{id, created, updated, token}}` with bunq's UTC timestamp format (DESC §Time formats). */
export function tokenObject(id: number, at: number, token: string) {
  const stamp = toBunqTimestamp(at);
  return { Token: { id, created: stamp, updated: stamp, token } };
}

export function bunqAnswer(...items: unknown[]): GatewayResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: toBunqJson({ Response: items }) };
}

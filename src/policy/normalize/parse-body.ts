/**
 * The body, decided on as a PARSED, VALIDATED object and forwarded re-serialised from that same
 * object (style guide: the check and the forward cannot disagree):
 * - GET and DELETE carry no body (any byte is refused);
 * - POST and PUT: a body is required, at most 64 KiB, Content-Type absent (bunq2ynab and the
 *   Python SDK send none, bunq-api.md §4.1) or application/json, optionally charset=utf-8;
 * - strict JSON (lib/strict-json.ts), then the endpoint's zod schema (.strict(): extra fields
 *   are refused).
 */
import { GatewayError } from '../../lib/errors';
import { StrictJsonError, parseStrictJson } from '../../lib/strict-json';
import type { HttpMethod } from '../call';
import type { CatalogEntry } from '../catalog';

export const MAX_BODY_BYTES = 64 * 1024;
const JSON_TYPE = /^application\/json[ \t]*(;[ \t]*charset=utf-8[ \t]*)?$/i;

function bodyInvalid(message: string, status = 400, details: Record<string, string> = {}): never {
  throw new GatewayError('body_invalid', status, message, { details });
}

export function parseBody(method: HttpMethod, entry: CatalogEntry, contentType: string | undefined, body: Buffer): unknown {
  if (method === 'GET' || method === 'DELETE') {
    if (body.length > 0) bodyInvalid(`A ${method} request must not carry a body.`);
    return undefined;
  }
  if (body.length === 0) bodyInvalid('This endpoint needs a JSON body.');
  if (body.length > MAX_BODY_BYTES) bodyInvalid(`The body is larger than ${MAX_BODY_BYTES} bytes.`, 413);
  if (contentType !== undefined && !JSON_TYPE.test(contentType.trim())) {
    throw new GatewayError('invalid_request', 415, 'The body must be JSON: send Content-Type application/json or none.');
  }
  let parsed: unknown;
  try {
    parsed = parseStrictJson(body, { maxBytes: MAX_BODY_BYTES, maxDepth: 32 });
  } catch (error) {
    if (error instanceof StrictJsonError) bodyInvalid(`The body is not strict JSON: ${error.message}.`);
    throw error;
  }
  const schema = entry.bodySpec?.schema;
  if (schema === undefined) return bodyInvalid('This endpoint takes no body.');
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
    bodyInvalid(`The body is not valid for ${entry.label}: ${where}: ${issue?.message ?? 'invalid'}.`, 400, { field: where });
  }
  return result.data;
}

/**
 * Only GET, POST, PUT and DELETE, EXACTLY as written (bunq-api.md §11: the only methods bunq's
 * API uses). HEAD, OPTIONS, PATCH, TRACE, CONNECT and lower-case spellings are refused with 405:
 * a method is never upper-cased or otherwise guessed at.
 */
import { GatewayError } from '../../lib/errors';
import type { HttpMethod } from '../call';

const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'DELETE']);

export function checkMethod(method: string): HttpMethod {
  if (METHODS.has(method)) return method as HttpMethod;
  return invalidMethod(method);
}

function invalidMethod(method: string): never {
  const shown = JSON.stringify(String(method).slice(0, 16));
  throw new GatewayError('invalid_request', 405, `The method ${shown} is not supported; the gateway accepts GET, POST, PUT and DELETE.`, {
    details: { allowed_methods: ['GET', 'POST', 'PUT', 'DELETE'] },
  });
}

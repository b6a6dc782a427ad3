/**
 * Request headers the policy stage cares about (read from rawHeaders, so duplicates are seen):
 * - method-override headers (X-HTTP-Method-Override, X-HTTP-Method, X-Method-Override) are
 *   REFUSED: the method decided on must be the method forwarded (OWASP API8, request smuggling);
 * - at most one Content-Type header.
 * Returns the Content-Type value (undefined when absent).
 */
import { InvalidRequest } from '../../lib/errors';

const OVERRIDE_HEADERS: ReadonlySet<string> = new Set(['x-http-method-override', 'x-http-method', 'x-method-override']);

export function checkHeaders(rawHeaders: readonly string[]): string | undefined {
  let contentType: string | undefined;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    if (OVERRIDE_HEADERS.has(name)) {
      throw new InvalidRequest(`The header ${rawHeaders[i] as string} is not accepted: the HTTP method cannot be overridden.`, { header: name });
    }
    if (name === 'content-type') {
      if (contentType !== undefined) throw new InvalidRequest('More than one Content-Type header.', { header: name });
      contentType = rawHeaders[i + 1] as string;
    }
  }
  return contentType;
}

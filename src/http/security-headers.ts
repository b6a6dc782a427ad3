/**
 * helmet's security headers, computed by helmet ONCE and then written with every response.
 * With helmet's defaults (no CSP nonces, no function in any directive) the headers are the same
 * on every response, and running helmet's eleven middlewares per call cost more CPU than the
 * rest of this shell. That is why this takes no options: a configuration with per-request
 * values (a CSP nonce) must run helmet per request instead.
 *
 * They come as a flat [name, value, name, value, ...] list, which writeAnswer (to-handler.ts)
 * hands to `writeHead` together with the answer's own headers: one array per response instead
 * of a setHeader (and its bookkeeping object) per header.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

export function secureHeaderList(): readonly string[] {
  const set: [string, string | number | readonly string[]][] = [];
  const probe = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.push([name, value]);
      return probe;
    },
    // helmet removes X-Powered-By, which node:http never sets: nothing to carry over.
    removeHeader() {},
  };
  let finished = false;
  let failure: unknown;
  helmet()({} as IncomingMessage, probe as unknown as ServerResponse, (err?: unknown) => {
    finished = true;
    failure = err;
  });
  if (!finished || failure !== undefined) throw new Error('helmet did not set its headers synchronously; they cannot be computed once');
  if (set.length === 0) throw new Error('helmet set no headers');
  const flat: string[] = [];
  for (const [name, value] of set) {
    for (const one of Array.isArray(value) ? value : [value]) flat.push(name, String(one));
  }
  return Object.freeze(flat);
}

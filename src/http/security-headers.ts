/**
 * The security headers of every answer of the gateway listener, computed ONCE and then written
 * with every response: helmet's, configured for a JSON API, plus `Cache-Control: no-store`.
 *
 * What an API that serves no HTML needs (OWASP REST Security Cheat Sheet, "Security Headers"):
 * `Cache-Control: no-store` (balances, transactions and IBANs must not stay in a browser's or a
 * proxy's cache: a balance widget runs in a browser), `Content-Security-Policy: frame-ancestors
 * 'none'` and `X-Frame-Options: DENY` (no framing), `Strict-Transport-Security`,
 * `X-Content-Type-Options: nosniff`. helmet's defaults are written for HTML pages (a CSP that
 * lets pages load scripts and styles from 'self', DNS-prefetch and download switches, IE's XSS
 * auditor); here the CSP allows nothing at all (`default-src 'none'`), and the switches that
 * only mean something to an HTML document are left out. The admin listener serves the
 * console's pages and has its own helmet configuration (admin-app.ts).
 *
 * With these options (no CSP nonces, no function in any directive) the headers are the same on
 * every response, and running helmet's middlewares per call cost more CPU than the rest of this
 * shell. That is why they are captured once: a configuration with per-request values (a CSP
 * nonce) must run helmet per request instead.
 *
 * They come as a flat [name, value, name, value, ...] list, which writeAnswer (to-handler.ts)
 * hands to `writeHead` together with the answer's own headers: one array per response instead
 * of a setHeader (and its bookkeeping object) per header.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

const options: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // Meaningful only to HTML documents (and to Internet Explorer): nothing here renders.
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xXssProtection: false,
};
export const GATEWAY_HELMET_OPTIONS: Readonly<HelmetOptions> = Object.freeze(options);

/** Not helmet's: no answer of the gateway may be stored by a browser or a proxy. */
const NO_STORE = ['cache-control', 'no-store'] as const;

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
  helmet(GATEWAY_HELMET_OPTIONS)({} as IncomingMessage, probe as unknown as ServerResponse, (err?: unknown) => {
    finished = true;
    failure = err;
  });
  if (!finished || failure !== undefined) throw new Error('helmet did not set its headers synchronously; they cannot be computed once');
  if (set.length === 0) throw new Error('helmet set no headers');
  const flat: string[] = [...NO_STORE];
  for (const [name, value] of set) {
    for (const one of Array.isArray(value) ? value : [value]) flat.push(name, String(one));
  }
  return Object.freeze(flat);
}

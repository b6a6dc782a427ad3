/**
 * The URL of a bunq call is built ONLY from the stored base URL + a plain path + an encoded
 * query (bunq-api.md §1: every path is relative to /v1). Defence in depth: a path that is not
 * `/segment/segment…` of [A-Za-z0-9_-] (no dots, percent signs, query, fragment or doubled
 * slashes) is refused, so nothing can steer the request elsewhere. Plain http is accepted
 * only for loopback hosts (the API key and tokens would otherwise cross a network in clear).
 */
import { isIP } from 'node:net';

const PLAIN_PATH = /^(?:\/[A-Za-z0-9_-]+)+$/;

/** Handshake endpoints: only src/upstream/context/ may call them (they would replace our session). */
const CONTEXT_SEGMENTS = new Set(['installation', 'device-server', 'session-server', 'session']);

export interface BaseUrl {
  /** scheme://host[:port], what the connection pool is keyed on. */
  readonly origin: string;
  /** Path prefix without a trailing slash, e.g. '/v1'. */
  readonly prefix: string;
  /** Canonical form, e.g. 'https://api.bunq.com/v1'. */
  readonly href: string;
}

export function parseBaseUrl(raw: string): BaseUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError(`bunq base URL is not a URL: ${raw}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('bunq base URL must be http(s)');
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError('bunq base URL must not carry credentials, a query or a fragment');
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new TypeError('bunq base URL must use https (plain http is allowed only on loopback)');
  }
  const prefix = url.pathname.replace(/\/+$/, '');
  if (prefix !== '' && !PLAIN_PATH.test(prefix)) throw new TypeError('bunq base URL path must be plain, e.g. /v1');
  return { origin: url.origin, prefix, href: url.origin + prefix };
}

/** Path (with prefix) and query for the request line. Throws TypeError on anything unusual. */
export function buildRequestTarget(base: BaseUrl, path: string, query?: Record<string, string | number>): string {
  if (!PLAIN_PATH.test(path)) throw new TypeError('upstream path must be a plain /segment/... path');
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (key === '' || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new TypeError('upstream query parameters must have a name and a finite value');
    }
    params.append(key, String(value));
  }
  const search = params.toString();
  return base.prefix + path + (search ? `?${search}` : '');
}

/** True if the path addresses the API-context endpoints (installation, device, session). */
export function isContextPath(path: string): boolean {
  const first = path.split('/')[1] ?? '';
  return CONTEXT_SEGMENTS.has(first);
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

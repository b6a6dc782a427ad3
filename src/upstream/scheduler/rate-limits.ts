/**
 * bunq's rate limits, per method class and per endpoint (bunq-api.md §7; perf anchors
 * "bunq API rate limits"): GET 3, POST 5, PUT 2 requests in ANY 3 consecutive seconds; DELETE
 * is undocumented and treated like POST, as bunq's JS client does (bunq-clients.md §1.4).
 * "Endpoint" granularity is [UNKNOWN] in bunq's docs: we count per path TEMPLATE (numeric ids
 * folded), the stricter reading that the emulator also uses, so reading two accounts shares one
 * budget. The window is widened by a margin (the JS client uses 3.35 s) because bunq counts
 * arrivals, we count departures, and network jitter can bring two departures 3 s apart closer.
 * POST /session-server (1 per 30 s) is not scheduled here: the session keeper single-flights it.
 */
import type { HttpMethod } from '../transport';

export interface WindowLimit {
  /** Sends allowed in any window of `windowMs`. */
  readonly limit: number;
  readonly windowMs: number;
}

/** 'bunq' enforces the documented limits; 'off' only for an upstream without limits (benchmarks). */
export type RateLimitMode = 'bunq' | 'off';

export const BUNQ_WINDOW_MS = 3_000;

const BUNQ_LIMITS: Readonly<Record<HttpMethod, number>> = { GET: 3, POST: 5, PUT: 2, DELETE: 5 };

/** The limit of one method class, or null when nothing is limited. */
export function limitFor(mode: RateLimitMode, method: HttpMethod, marginMs: number): WindowLimit | null {
  if (mode === 'off') return null;
  return { limit: BUNQ_LIMITS[method], windowMs: BUNQ_WINDOW_MS + marginMs };
}

const NUMERIC_SEGMENT = /\/\d+(?=\/|$)/g;

/** The budget a call counts against: method class + path template, e.g. "GET /user/{id}/monetary-account/{id}". */
export function bucketKey(method: HttpMethod, path: string): string {
  return `${method} ${path.replace(NUMERIC_SEGMENT, '/{id}')}`;
}

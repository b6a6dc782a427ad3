/**
 * bunq rate limits (bunq-api.md §7, §12.5): per (IP, endpoint, method), sliding windows of 3 s —
 * GET 3, POST 5, PUT 2; DELETE is not documented ([UNKNOWN]) and is treated like POST (as the JS
 * client does); POST /v1/session-server 1 per 30 s. "Endpoint" granularity is [UNKNOWN]; we use
 * the path template (ids normalised), the stricter reading: listing payments of two accounts
 * shares one budget. Only accepted calls count towards the window (rejected ones do not), so a
 * client that waits 3 s always gets through. Windows follow the injected Clock.
 */
import type { Clock } from '../../lib/clock';

export interface Limit {
  limit: number;
  windowSeconds: number;
}

export function limitFor(method: string, template: string): Limit {
  if (template === '/v1/session-server' && method === 'POST') return { limit: 1, windowSeconds: 30 };
  if (method === 'GET') return { limit: 3, windowSeconds: 3 };
  if (method === 'PUT') return { limit: 2, windowSeconds: 3 };
  return { limit: 5, windowSeconds: 3 };
}

export class RateLimiter {
  readonly #hits = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  /** Records the call and returns null when allowed; returns the exceeded limit otherwise. */
  hit(ip: string, method: string, template: string): Limit | null {
    const l = limitFor(method, template);
    const key = `${ip} ${method} ${template}`;
    const now = this.clock.now();
    const recent = (this.#hits.get(key) ?? []).filter((t) => now - t < l.windowSeconds * 1000);
    if (recent.length >= l.limit) {
      this.#hits.set(key, recent);
      return l;
    }
    recent.push(now);
    this.#hits.set(key, recent);
    return null;
  }

  reset(): void {
    this.#hits.clear();
  }
}

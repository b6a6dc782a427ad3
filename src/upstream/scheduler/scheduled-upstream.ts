/**
 * What the pipeline calls instead of the bunq client: an ALLOWED call (the policy has already
 * said yes) goes through the read cache (GETs only) and then the scheduler, and only then to
 * the one bunq context. A call the policy denied never gets here, so it can neither fill nor
 * read the cache nor spend a slot of bunq's budget.
 */
import type { Clock } from '../../lib/clock';
import type { BunqClient } from '../bunq-client';
import type { UpstreamRequest, UpstreamResponse } from '../types';
import { ReadCache } from './read-cache';
import type { UpstreamScheduler } from './scheduler';

export interface ScheduledRequest extends UpstreamRequest {
  /** The token the call is made for: the unit of fairness in the queue. */
  readonly tokenId: string;
  /** A balance or account read that may be answered from the short cache. */
  readonly cacheable: boolean;
  /** True once the caller hung up: a call still queued then is withdrawn, not sent. */
  readonly clientGone?: () => boolean;
  /**
   * A read that must come from bunq now: never shared with another caller's read in flight,
   * never from the cache (the reconciler: an answer older than its staleness age could show a
   * payment as never booked that bunq was still executing).
   */
  readonly fresh?: boolean;
}

export class ScheduledUpstream {
  /** Per bunq context: after `init` a new client starts with an empty cache. */
  readonly #caches = new WeakMap<BunqClient, ReadCache<UpstreamResponse>>();

  constructor(
    private readonly client: () => BunqClient,
    private readonly scheduler: UpstreamScheduler,
    private readonly cacheTtlMs: number,
    private readonly clock: Clock,
    private readonly coalesce = true,
  ) {}

  async request(req: ScheduledRequest): Promise<UpstreamResponse> {
    const bunq = this.client();
    const { tokenId, cacheable, clientGone, fresh, ...call } = req;
    const send = (gone?: () => boolean) => {
      const opts = gone ? { gone } : {};
      // A GET sent again after a session renewal takes a slot of its own (nothing is sent by
      // the slot's own job), withdrawn only if everyone waiting for this read has gone.
      const beforeResend = () => this.scheduler.run(tokenId, call.method, call.path, async () => undefined, { ...opts, resend: true });
      return this.scheduler.run(tokenId, call.method, call.path, () => bunq.request({ ...call, beforeResend }), opts);
    };
    const cache = this.#cacheOf(bunq);
    if (call.method === 'GET' && fresh !== true) return cache.read(readKey(call), cacheable, send, clientGone);
    if (call.method === 'GET') return send(clientGone);
    try {
      return await send(clientGone);
    } finally {
      // A write (payment, draft, ...) may move balances: later reads go to bunq again.
      cache.clear();
    }
  }

  #cacheOf(bunq: BunqClient): ReadCache<UpstreamResponse> {
    let cache = this.#caches.get(bunq);
    if (!cache) this.#caches.set(bunq, (cache = new ReadCache<UpstreamResponse>(this.cacheTtlMs, this.clock, this.coalesce)));
    return cache;
  }
}

/** Same path and the same query (in any order) are the same read. */
function readKey(call: UpstreamRequest): string {
  const query = Object.entries(call.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .sort()
    .join('&');
  return query === '' ? call.path : `${call.path}?${query}`;
}

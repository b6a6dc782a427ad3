/**
 * The widget scenario: many token holders (one token each, each seeing one account) polling
 * balances every few seconds through a gateway that enforces bunq's limits, against the
 * emulator WITH bunq's rate limits on. Reports what bunq saw (calls per second, the busiest
 * 3-second window per endpoint, 429s) and what the clients saw (errors, p99).
 */
import { Pool } from 'undici';
import { percentile } from './load';

export interface WidgetResult {
  readonly clients: number;
  readonly seconds: number;
  readonly clientRequests: number;
  readonly clientErrors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly upstreamCalls: number;
  readonly upstreamPerSecond: number;
  readonly upstream429: number;
  /** Most calls bunq received on one endpoint (method + template) within any 3 s. */
  readonly busiestWindow: number;
}

interface Recorded {
  method: string;
  path: string;
  receivedAt: number;
  status: number | null;
}

export async function runWidgets(opts: {
  gatewayUrl: string;
  clients: readonly { bearer: string; path: string }[];
  seconds: number;
  periodMs: number;
  upstreamLog: () => Promise<Recorded[]>;
}): Promise<WidgetResult> {
  const origin = new URL(opts.gatewayUrl).origin;
  const pool = new Pool(origin, { connections: opts.clients.length });
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + opts.seconds * 1000;
  const poll = async (client: { bearer: string; path: string }): Promise<void> => {
    await sleep(Math.random() * opts.periodMs);
    while (Date.now() < end) {
      const started = process.hrtime.bigint();
      try {
        const res = await pool.request({ method: 'GET', path: client.path, headers: { authorization: `Bearer ${client.bearer}` } });
        await res.body.arrayBuffer();
        if (res.statusCode !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      await sleep(opts.periodMs * (0.9 + Math.random() * 0.2));
    }
  };
  const since = Date.now();
  await Promise.all(opts.clients.map(poll));
  await pool.close();
  const upstream = (await opts.upstreamLog()).filter((r) => r.receivedAt >= since && r.path.startsWith('/v1/user'));
  return {
    clients: opts.clients.length,
    seconds: opts.seconds,
    clientRequests: latencies.length,
    clientErrors: errors,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    upstreamCalls: upstream.length,
    upstreamPerSecond: upstream.length / opts.seconds,
    upstream429: upstream.filter((r) => r.status === 429).length,
    busiestWindow: busiestWindow(upstream),
  };
}

function busiestWindow(calls: readonly Recorded[]): number {
  const byEndpoint = new Map<string, number[]>();
  for (const c of calls) {
    const key = `${c.method} ${c.path.split('?')[0]!.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
    byEndpoint.set(key, [...(byEndpoint.get(key) ?? []), c.receivedAt]);
  }
  let most = 0;
  for (const times of byEndpoint.values()) {
    times.sort((a, b) => a - b);
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 3000) j++;
      most = Math.max(most, i - j + 1);
    }
  }
  return most;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

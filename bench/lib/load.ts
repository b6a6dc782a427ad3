/**
 * Load generation: autocannon at 50 connections for throughput and its (whole-millisecond)
 * percentiles, and a sequential loop timed with hrtime for sub-millisecond latency at c=1.
 */
import autocannon from 'autocannon';
import { Pool } from 'undici';

export interface Throughput {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly requests: number;
}

export async function hammer(url: string, headers: Record<string, string>, seconds: number, connections = 50): Promise<Throughput> {
  const result = await autocannon({ url, headers, connections, pipelining: 1, duration: seconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    requests: result.requests.total,
  };
}

export interface Latency {
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** `count` requests one after another on one keep-alive connection. */
export async function sequentialLatency(url: string, headers: Record<string, string>, count: number): Promise<Latency> {
  const u = new URL(url);
  const pool = new Pool(u.origin, { connections: 1 });
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const started = process.hrtime.bigint();
      const res = await pool.request({ method: 'GET', path: u.pathname + u.search, headers });
      await res.body.arrayBuffer();
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  } finally {
    await pool.close();
  }
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Load generation: autocannon at 50 connections for throughput and its (whole-millisecond)
 * percentiles, and a sequential loop timed with hrtime for sub-millisecond latency at c=1.
 */
import autocannon from 'autocannon';
import { Client, Pool } from 'undici';

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

/**
 * Latency below saturation: `rate` requests per second, evenly spaced (open loop: a slow answer
 * does not delay the next request), spread round-robin over `connections` established
 * keep-alive connections, each timed with hrtime from the moment it is sent. autocannon's own rate mode
 * sends each connection's quota in bursts and reports whole milliseconds, so it is not used here.
 *
 * The first `warmSeconds` at the same rate are sent and not timed: the run follows the row's
 * saturation run, and without this its percentiles measured the process recovering from
 * overload (a heap grown under load being collected, the audit log's write-ahead file being
 * checkpointed) rather than the steady state at this rate. Every row gets the same warm-up.
 */
export async function latencyAtRate(
  url: string,
  headers: Record<string, string>,
  rate: number,
  seconds: number,
  connections = 50,
  warmSeconds = 2,
): Promise<Latency & { errors: number }> {
  const u = new URL(url);
  const clients = Array.from({ length: connections }, () => new Client(u.origin, { pipelining: 1 }));
  const times: number[] = [];
  let errors = 0;
  const one = async (client: Client, timed: boolean): Promise<void> => {
    const started = process.hrtime.bigint();
    try {
      const res = await client.request({ method: 'GET', path: u.pathname + u.search, headers });
      await res.body.arrayBuffer();
      if (res.statusCode !== 200) errors++;
      else if (timed) times.push(Number(process.hrtime.bigint() - started) / 1e6);
    } catch {
      errors++;
    }
  };
  const atRate = async (total: number, timed: boolean): Promise<void> => {
    const inFlight: Promise<void>[] = [];
    const start = process.hrtime.bigint();
    const due = (i: number) => start + BigInt(Math.round((i * 1e9) / rate));
    // Millisecond ticks, sending what is due at each (no busy wait: it would take a core from
    // the processes being measured).
    for (let i = 0; i < total; ) {
      await new Promise((r) => setTimeout(r, 1));
      const now = process.hrtime.bigint();
      while (i < total && due(i) <= now) inFlight.push(one(clients[i++ % connections]!, timed));
    }
    await Promise.all(inFlight);
  };
  try {
    // Every connection opened and used once before timing starts: the figure is the latency of
    // 50 established keep-alive clients (widgets, scripts), not of TCP handshakes.
    await Promise.all(clients.map(async (client) => (await client.request({ method: 'GET', path: u.pathname + u.search, headers })).body.arrayBuffer()));
    await atRate(Math.round(rate * warmSeconds), false);
    await atRate(Math.round(rate * seconds), true);
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), errors };
}

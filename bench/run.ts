/**
 * `npm run bench`: one run, one machine, side by side on loopback (read ratios, not absolute
 * numbers; see /README.md "Upstream discipline and performance"):
 *   1. the emulator called directly, a bare node:http proxy in front of it, and the gateway
 *      (real token, real policy, filtering, audit) with bunq's limits off: first with every call
 *      forwarded (no coalescing, no cache: the fair comparison with the bare proxy), then with
 *      coalescing, then with the 3 s balance cache too. Per row: 50 connections as fast as they
 *      go (req/s), 50 connections at a fixed RATE req/s (p50/p99 below saturation), then one
 *      connection for sub-millisecond latency; the proxy process's CPU per request and peak RSS;
 *   2. the widget scenario: 200 token holders polling balances through the gateway with bunq's
 *      limits on, against the emulator enforcing them;
 *   3. the policy decision alone, in this process, and what one durable SQLite commit costs.
 * Needs the build (dist/): the script runs `npm run build` first.
 */
import os from 'node:os';
import { setUp, type BenchWorld } from './lib/setup';
import { startChild, peakRssMb, cpuMs, gatewayNodeFlags, type Child } from './lib/processes';
import { hammer, latencyAtRate, sequentialLatency, type Latency, type Throughput } from './lib/load';
import { runWidgets } from './lib/widget';
import { policyDecisionsPerSecond } from './lib/policy-micro';
import type { GrantInput } from '../src/policy/grant';
import { sqliteCommitMs } from './lib/commit-cost';

const WARM_S = Number(process.env['BENCH_WARM_S'] ?? 3);
const RUN_S = Number(process.env['BENCH_RUN_S'] ?? 10);
const SEQUENTIAL = Number(process.env['BENCH_SEQUENTIAL'] ?? 2000);
const WIDGET_S = Number(process.env['BENCH_WIDGET_S'] ?? 25);
const WIDGET_CLIENTS = 200;
/** Offered load of the below-saturation latency run: 50 connections sharing this many req/s. */
const RATE = Number(process.env['BENCH_RATE'] ?? 500);
const RATE_S = Number(process.env['BENCH_RATE_S'] ?? 8);
/** Sent at RATE before the timed run (not timed): the steady state, not the recovery from the saturation run. */
const RATE_WARM_S = Number(process.env['BENCH_RATE_WARM_S'] ?? 2);

interface Row {
  name: string;
  t: Throughput;
  atRate: Latency & { errors: number };
  seq: Latency;
  cpuUsPerReq: number | null;
  rssMb: number | null;
}

async function measure(name: string, url: string, headers: Record<string, string>, proc: Child | null, world: BenchWorld): Promise<Row> {
  await hammer(url, headers, WARM_S);
  const cpuBefore = proc ? cpuMs(proc.proc.pid!) : 0;
  const t = await hammer(url, headers, RUN_S);
  const cpuUsPerReq = proc ? ((cpuMs(proc.proc.pid!) - cpuBefore) * 1000) / Math.max(1, t.requests) : null;
  const atRate = await latencyAtRate(url, headers, RATE, RATE_S, 50, RATE_WARM_S);
  const seq = await sequentialLatency(url, headers, SEQUENTIAL);
  await world.emulatorControl('DELETE', '/requests');
  if (t.non2xx > 0 || t.errors > 0) console.error(`  ! ${name} (c=50): ${t.non2xx} non-2xx, ${t.errors} errors`);
  if (atRate.errors > 0) console.error(`  ! ${name} (${RATE} req/s): ${atRate.errors} errors`);
  return { name, t, atRate, seq, cpuUsPerReq, rssMb: proc ? peakRssMb(proc.proc.pid!) : null };
}

async function gateway(world: BenchWorld, env: Record<string, string>): Promise<Child> {
  return startChild([...gatewayNodeFlags(), 'bin/bunq-gateway.js', 'serve', '--json'], { ...world.gatewayEnv, ...env });
}

async function main(): Promise<void> {
  const load0 = os.loadavg()[0]!;
  const world = await setUp();
  try {
    const joint = world.user.accounts.find((a) => a.type === 'MonetaryAccountJoint')!;
    const path = `/v1/user/${world.user.userId}/monetary-account/${joint.id}`;
    const bearer = await world.issue({ scopes: ['read-user', 'read-balance'], accounts: [joint.id] }, 'bench');
    const rows: Row[] = [];

    console.error('direct …');
    rows.push(await measure('emulator, direct', world.emulator.url + path, world.bunqHeaders, null, world));

    console.error('bare proxy …');
    const bare = await startChild(['--import', 'tsx', 'bench/bare-proxy.ts', world.emulator.url]);
    rows.push(await measure('bare node:http proxy', bare.url + path, world.bunqHeaders, bare, world));
    await bare.stop();

    for (const [name, env] of [
      ['gateway, every call forwarded', { UPSTREAM_RATE_LIMITS: 'off', UPSTREAM_COALESCE: 'off', UPSTREAM_CACHE_TTL_MS: '0' }],
      ['gateway, coalescing', { UPSTREAM_RATE_LIMITS: 'off', UPSTREAM_COALESCE: 'on', UPSTREAM_CACHE_TTL_MS: '0' }],
      ['gateway, coalescing + 3 s cache', { UPSTREAM_RATE_LIMITS: 'off', UPSTREAM_COALESCE: 'on', UPSTREAM_CACHE_TTL_MS: '3000' }],
    ] as const) {
      console.error(`${name} …`);
      const gw = await gateway(world, env);
      rows.push(await measure(name, gw.url + path, { authorization: `Bearer ${bearer}` }, gw, world));
      await gw.stop();
    }

    console.error(`widget scenario (${WIDGET_CLIENTS} clients, ${WIDGET_S} s) …`);
    const clients: { bearer: string; path: string }[] = [];
    for (let i = 0; i < WIDGET_CLIENTS; i++) {
      const account = world.user.accounts[i % world.user.accounts.length]!;
      const token = await world.issue({ scopes: ['read-user', 'read-balance'], accounts: [account.id] }, `widget ${i}`);
      const list = `/v1/user/${world.user.userId}/monetary-account`;
      clients.push({ bearer: token, path: i % 2 === 0 ? list : `${list}/${account.id}` });
    }
    await world.emulatorControl('PUT', '/rate-limits', { enabled: true });
    await world.emulatorControl('DELETE', '/requests');
    const gw = await gateway(world, { UPSTREAM_RATE_LIMITS: 'bunq', UPSTREAM_CACHE_TTL_MS: '3000' });
    const widget = await runWidgets({
      gatewayUrl: gw.url,
      clients,
      seconds: WIDGET_S,
      periodMs: 3000,
      upstreamLog: async () => ((await world.emulatorControl('GET', '/requests')) as { requests: [] }).requests,
    });
    const widgetRss = peakRssMb(gw.proc.pid!);
    await gw.stop();

    console.error('policy decision …');
    const payee = 'NL91ABNA0417164300';
    const issueRecord = async (grant: GrantInput) =>
      (await world.runtime.tokens.issue({ name: 'micro', grant, expiresAt: new Date(Date.now() + 86_400_000) })).token;
    const policy = policyDecisionsPerSecond(
      world.runtime,
      {
        reader: await issueRecord({ scopes: ['read-user', 'read-balance'], accounts: [joint.id] }),
        payer: await issueRecord({
          scopes: ['create-payment'],
          accounts: [joint.id],
          payment: { currency: 'EUR', maxPerPayment: '500.00', sourceAccounts: [joint.id], caps: { day: '1000.00' }, ibanAllowlist: [payee] },
        }),
      },
      world.user.userId,
      joint.id,
      payee,
    );

    const commits = { normal: sqliteCommitMs(world.dataDir, 'NORMAL'), full: sqliteCommitMs(world.dataDir, 'FULL') };
    report(rows, widget, widgetRss, policy, commits, load0);
  } finally {
    await world.close();
  }
}

function report(
  rows: Row[],
  w: Awaited<ReturnType<typeof runWidgets>>,
  widgetRss: number,
  policy: ReturnType<typeof policyDecisionsPerSecond>,
  commits: { normal: number; full: number },
  load0: number,
): void {
  const bare = rows.find((r) => r.name.startsWith('bare'))!;
  const direct = rows.find((r) => r.name.startsWith('emulator'))!;
  const f = (n: number | null, d = 1) => (n === null || Number.isNaN(n) ? '–' : n.toFixed(d));
  const cpus = os.cpus();
  console.log(`\nmachine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, node ${process.version}, ${os.platform()} ${os.release()}`);
  console.log(`load average (1 min) before: ${load0.toFixed(2)}, after: ${os.loadavg()[0]!.toFixed(2)}; ${RUN_S} s at 50 connections after ${WARM_S} s warm-up; ${RATE_S} s at ${RATE} req/s after ${RATE_WARM_S} s at that rate; c=1 over ${SEQUENTIAL} sequential requests\n`);
  console.log(`| scenario | req/s (c=50) | p50 / p99 ms (c=50, saturated) | ratio to bare | p50 / p99 ms (c=50 at ${RATE} req/s) | c=1 p50 / p99 ms | added p50 vs direct (c=1) | proxy CPU µs/req | peak RSS MB |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${f(r.t.rps, 0)} | ${r.t.p50} / ${r.t.p99} | ${f(r.t.rps / bare.t.rps, 2)} | ${f(r.atRate.p50Ms, 2)} / ${f(r.atRate.p99Ms, 2)} | ${f(r.seq.p50Ms, 3)} / ${f(r.seq.p99Ms, 3)} | ` +
        `${r === direct ? '–' : f(r.seq.p50Ms - direct.seq.p50Ms, 3)} | ${f(r.cpuUsPerReq, 0)} | ${f(r.rssMb, 0)} |`,
    );
  }
  console.log(`(saturated: autocannon, whole milliseconds; at ${RATE} req/s and c=1: timed with hrtime per request)`);
  console.log(`\nwidget: ${w.clients} clients, one token each, polling every 3 s for ${w.seconds} s (emulator enforcing bunq's limits; gateway limits on, 3 s cache)\n`);
  console.log('| client requests | client errors | client p50 / p99 ms | upstream calls | upstream calls/s | upstream 429s | busiest endpoint, any 3 s (limit 3) | gateway peak RSS MB |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(`| ${w.clientRequests} | ${w.clientErrors} | ${f(w.p50Ms, 2)} / ${f(w.p99Ms, 2)} | ${w.upstreamCalls} | ${f(w.upstreamPerSecond, 2)} | ${w.upstream429} | ${w.busiestWindow} | ${f(widgetRss, 0)} |`);
  console.log(`\none SQLite commit on this disk, WAL: audit row of a read (synchronous NORMAL) ${f(commits.normal, 3)} ms; money path (synchronous FULL) ${f(commits.full, 3)} ms`);
  console.log(`policy decision, one core (normalise method, headers, path, query and body, then decide): GET balance ${f(policy.read / 1000, 0)}k/s; POST payment ${f(policy.payment / 1000, 0)}k/s`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

/**
 * Prometheus metrics of one gateway process (prom-client), in a registry of its own so several
 * runtimes in one process (tests) never share counters. Labels are bounded sets only: scope
 * ids, outcome, reason codes, HTTP methods and statuses; never a token, IBAN or account id.
 * Served on a separate listener (metrics-server.ts), never on the gateway's own port.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly #decisions = new Counter({
    name: 'bunq_gateway_decisions_total',
    help: 'Calls decided by the gateway, by scope (the one that allowed it, or "none"), outcome and reason code.',
    labelNames: ['scope', 'outcome', 'reason'] as const,
    registers: [this.registry],
  });
  readonly #upstreamSeconds = new Histogram({
    name: 'bunq_gateway_upstream_duration_seconds',
    help: 'Duration of calls to bunq, by method and HTTP status (0 = no answer).',
    labelNames: ['method', 'status'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30],
    registers: [this.registry],
  });
  readonly #upstreamRateLimited = new Counter({
    name: 'bunq_gateway_upstream_rate_limited_total',
    help: 'Calls bunq answered with 429.',
    registers: [this.registry],
  });
  readonly #capUsage = new Histogram({
    name: 'bunq_gateway_cap_usage_ratio',
    help: 'Share of the tightest payment cap in use right after a reservation (1 = cap reached).',
    buckets: [0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 1],
    registers: [this.registry],
  });
  readonly #capRefusals = new Counter({
    name: 'bunq_gateway_cap_refusals_total',
    help: 'Payments refused because a rolling cap would be exceeded, by window.',
    labelNames: ['window'] as const,
    registers: [this.registry],
  });

  /** Where the scrape-time gauges read from (set by the runtime once its parts exist). */
  readonly #sources = { queueDepth: (): number => 0, auditBuffered: (): number => 0 };

  constructor(opts: { processMetrics?: boolean } = {}) {
    readAtScrape(this.registry, 'bunq_gateway_upstream_queue_depth', 'Calls waiting in the upstream scheduler for a bunq rate-limit slot', () =>
      this.#sources.queueDepth(),
    );
    readAtScrape(
      this.registry,
      'bunq_gateway_audit_buffered_rows',
      'Audit rows of calls that moved no money, waiting to be written (at AUDIT_BUFFER_MAX, calls are refused with 503 audit_unavailable)',
      () => this.#sources.auditBuffered(),
    );
    if (opts.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'bunq_gateway_' });
  }

  /**
   * The labelled series of each per-call metric, kept once found: prom-client hashes the label
   * object on every inc()/observe(), which cost more than the rest of the call's metrics. The
   * label sets are bounded (see above), so these maps are too.
   */
  readonly #decisionSeries = new Map<string, Counter.Internal>();
  readonly #upstreamSeries = new Map<string, Histogram.Internal<'method' | 'status'>>();

  decision(scope: string | undefined, outcome: 'allow' | 'deny', reason: string): void {
    const labels = [scope ?? 'none', outcome, reason] as const;
    const key = labels.join('\n');
    let series = this.#decisionSeries.get(key);
    if (series === undefined) this.#decisionSeries.set(key, (series = this.#decisions.labels(...labels)));
    series.inc();
  }

  upstream(method: string, status: number, seconds: number): void {
    const key = `${method} ${status}`;
    let series = this.#upstreamSeries.get(key);
    if (series === undefined) this.#upstreamSeries.set(key, (series = this.#upstreamSeconds.labels(method, String(status))));
    series.observe(seconds);
    if (status === 429) this.#upstreamRateLimited.inc();
  }

  /** Where the audit backlog is read from at scrape time (the runtime's audit log). */
  watchAuditBuffer(source: () => number): void {
    this.#sources.auditBuffered = source;
  }

  /** Where the queue depth is read from at scrape time (the runtime's scheduler). */
  watchQueueDepth(source: () => number): void {
    this.#sources.queueDepth = source;
  }

  capUsage(ratio: number): void {
    this.#capUsage.observe(ratio);
  }

  capRefused(window: string): void {
    this.#capRefusals.inc({ window });
  }
}

/** A gauge whose value is read from `read` when Prometheus scrapes, not pushed on every change. */
function readAtScrape(registry: Registry, name: string, help: string, read: () => number): void {
  const gauge: Gauge = new Gauge({
    name,
    help: `${help}; read at scrape time.`,
    registers: [registry],
    collect: (): void => {
      gauge.set(read());
    },
  });
}

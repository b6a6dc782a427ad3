/**
 * The Prometheus scrape endpoint (GET /metrics) on its own listener, METRICS_HOST:METRICS_PORT
 * (default 127.0.0.1, off unless METRICS_PORT is set): operational data stays off the port
 * that callers with tokens reach, and needs no token.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayMetrics } from './metrics';

export interface RunningMetricsServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startMetricsServer(metrics: GatewayMetrics, opts: { host: string; port: number }): Promise<RunningMetricsServer> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Starts the gateway's HTTP server on a runtime and stops it cleanly: on close it stops
 * accepting, lets in-flight calls finish, then closes the runtime.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './http/app';
import { createPipeline } from './pipeline';
import { TokenRateLimiter } from './inbound/check-rate-limit';
import { createDeriveHandler } from './tokens/derive-handler';
import type { Runtime } from './runtime';

export interface RunningGateway {
  readonly url: string;
  readonly server: http.Server;
  close(): Promise<void>;
}

export async function startGateway(runtime: Runtime, opts: { host: string; port: number }): Promise<RunningGateway> {
  const rateLimiter = new TokenRateLimiter();
  const app = createApp({
    handleCall: createPipeline(runtime, rateLimiter),
    handleDerive: createDeriveHandler(runtime, rateLimiter),
    logger: runtime.logger,
    readiness: async () => {
      let bunq: Record<string, unknown> = { configured: false };
      try {
        bunq = { configured: true, ...runtime.bunq().status() };
      } catch {
        // not configured: reported below
      }
      await runtime.db.$queryRawUnsafe('SELECT 1');
      return { ready: bunq['configured'] === true, detail: { bunq } };
    },
  });
  const server = http.createServer(app);
  server.keepAliveTimeout = 5_000;
  // A slow client may not hold a connection (and a payment reservation) open for long: bodies are
  // at most 64 KiB, so 30 s to send a whole request is generous (node's default is 300 s).
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${port}`,
    server,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await runtime.close();
    },
  };
}

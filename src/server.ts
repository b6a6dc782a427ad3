/**
 * Starts the gateway's HTTP(S) server on a runtime and stops it cleanly: on close it stops
 * accepting, lets in-flight calls finish, then closes the runtime. With GATEWAY_TLS_CERT_FILE
 * and GATEWAY_TLS_KEY_FILE it serves HTTPS itself; otherwise plain HTTP, on which tokens are
 * accepted only from loopback unless the owner allows otherwise (http/check-transport.ts).
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createApp } from './http/app';
import { listen } from './http/listen';
import { createPipeline } from './pipeline';
import { TokenRateLimiter } from './inbound/check-rate-limit';
import { dialectOfDb } from './store/client';
import { createDeriveHandler } from './tokens/derive-handler';
import { createProtocolContext } from './bunq-protocol/protocol-context';
import { withBunqProtocol } from './bunq-protocol/routes';
import type { Config } from './config/schema';
import type { Runtime } from './runtime';

export interface RunningGateway {
  readonly url: string;
  readonly server: http.Server;
  close(): Promise<void>;
}

/** HTTPS options from GATEWAY_TLS_CERT_FILE / GATEWAY_TLS_KEY_FILE; undefined for plain HTTP. */
export function tlsOptions(config: Config): https.ServerOptions | undefined {
  const { GATEWAY_TLS_CERT_FILE: certFile, GATEWAY_TLS_KEY_FILE: keyFile } = config;
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) {
    throw new TypeError('GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE must be set together');
  }
  return { cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile), minVersion: 'TLSv1.2' };
}

export async function startGateway(runtime: Runtime, opts: { host: string; port: number }): Promise<RunningGateway> {
  const rateLimiter = new TokenRateLimiter(dialectOfDb(runtime.db) === 'postgresql' ? runtime.db : undefined);
  const protocol = createProtocolContext(runtime, rateLimiter);
  const app = createApp({
    handleCall: withBunqProtocol(protocol, createPipeline(runtime, rateLimiter, protocol.inbound.sessions)),
    handleDerive: createDeriveHandler(runtime, rateLimiter),
    logger: runtime.logger,
    allowInsecureHttp: runtime.config.GATEWAY_ALLOW_INSECURE_HTTP,
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
  const tls = tlsOptions(runtime.config);
  const server: http.Server = tls ? https.createServer(tls, app) : http.createServer(app);
  server.keepAliveTimeout = 5_000;
  const url = await listen(server, { host: opts.host, port: opts.port, scheme: tls ? 'https' : 'http' });
  return {
    url,
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

/**
 * Starts an HTTP(S) server on host:port and resolves with its URL once it accepts connections
 * (port 0 = any free port). Shared by the gateway and the admin listener so both apply the same
 * slow-client limits: bodies are at most 64 KiB, so 30 s for a whole request is generous
 * (node's default is 300 s), and a slow client cannot hold a payment reservation open for long.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

export async function listen(server: http.Server, opts: { host: string; port: number; scheme: 'http' | 'https' }): Promise<string> {
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return `${opts.scheme}://${host}:${port}`;
}

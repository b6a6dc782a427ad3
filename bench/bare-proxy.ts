/**
 * The practical limit a proxy in node can reach here: node:http in front of an undici Pool,
 * `pool.stream()` writing straight into the response (the cheapest path measured in
 * node-gateway-performance.md). No auth, no policy, no filtering: hop-by-hop headers dropped.
 * Usage: node --import tsx bench/bare-proxy.ts <upstream origin>; prints {"url":…} when listening.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'proxy-connection', 'te', 'trailer']);

const origin = process.argv[2];
if (!origin) throw new Error('usage: bare-proxy.ts <upstream origin>');
const pool = new Pool(origin, { connections: 128, pipelining: 1, keepAliveTimeout: 10_000 });

const server = http.createServer((req, res) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  pool
    .stream({ method: req.method as 'GET', path: req.url ?? '/', headers, body: req.method === 'GET' ? null : req }, ({ statusCode, headers: h }) => {
      res.statusCode = statusCode;
      for (const [name, value] of Object.entries(h)) if (value !== undefined && !HOP_BY_HOP.has(name)) res.setHeader(name, value);
      return res;
    })
    .catch(() => {
      if (!res.headersSent) res.statusCode = 502;
      res.end();
    });
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.close();
  server.closeAllConnections();
});

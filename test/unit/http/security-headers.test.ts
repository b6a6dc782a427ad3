// The gateway's security headers are computed once (security-headers.ts); every response must
// still carry exactly what helmet, so configured, sets per request, plus Cache-Control: no-store.
import http from 'node:http';
import helmet from 'helmet';
import request from 'supertest';
import { GATEWAY_HELMET_OPTIONS, secureHeaderList } from '../../../src/http/security-headers';
import { createApp } from '../../../src/http/app';
import { silentLogger } from '../../../src/lib/logger';
import { InvalidToken } from '../../../src/lib/errors';

const helmetNames = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name)));

const viaHelmet = () => http.createServer((req, res) => helmet(GATEWAY_HELMET_OPTIONS)(req, res, () => res.end()));

test('when the captured headers are written, then the response has exactly the headers helmet sets per request, and no-store', async () => {
  const list = secureHeaderList();
  const viaCapture = http.createServer((_req, res) => {
    res.writeHead(200, [...list]);
    res.end();
  });
  const expected = helmetNames((await request(viaHelmet()).get('/')).headers);
  expect(Object.keys(expected).length).toBeGreaterThanOrEqual(7);
  expect(helmetNames((await request(viaCapture).get('/')).headers)).toEqual({ ...expected, 'cache-control': 'no-store' });
});

test('the headers are those a JSON API needs (OWASP REST Security Cheat Sheet): nothing may be framed, loaded, sniffed or stored', () => {
  const list = secureHeaderList();
  const headers = Object.fromEntries(Array.from({ length: list.length / 2 }, (_, i) => [list[2 * i]!.toLowerCase(), list[2 * i + 1]]));
  expect(headers).toMatchObject({
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none';frame-ancestors 'none'",
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'strict-transport-security': expect.stringMatching(/^max-age=\d{8,}/),
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
  });
});

test('when the gateway answers a call, refuses one, fails, or reports its health, then each answer carries the security headers and no-store', async () => {
  let mode: 'ok' | 'deny' | 'crash' = 'ok';
  const app = createApp({
    handleCall: async () => {
      if (mode === 'deny') throw new InvalidToken('token_missing', 'no token');
      if (mode === 'crash') throw new Error('boom');
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
    },
    handleDerive: async () => ({ status: 200, headers: {}, body: '' }),
    logger: silentLogger,
    readiness: async () => ({ ready: true, detail: {} }),
  });
  const expected = { ...helmetNames((await request(viaHelmet()).get('/')).headers), 'cache-control': 'no-store' };
  const answers = [] as [string, request.Response][];
  for (const m of ['ok', 'deny', 'crash'] as const) {
    mode = m;
    answers.push([m, await request(app).get('/v1/user')]);
  }
  answers.push(['derive', await request(app).post('/gateway/tokens/derive')]);
  answers.push(['healthz', await request(app).get('/healthz')]);
  for (const [m, res] of answers) {
    for (const [name, value] of Object.entries(expected)) expect([m, name, res.headers[name]]).toEqual([m, name, value]);
  }
});

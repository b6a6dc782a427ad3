// helmet's headers are computed once (security-headers.ts); every response must still carry
// exactly what helmet itself sets when it runs per request.
import http from 'node:http';
import helmet from 'helmet';
import request from 'supertest';
import { secureHeaderList } from '../../../src/http/security-headers';
import { createApp } from '../../../src/http/app';
import { silentLogger } from '../../../src/lib/logger';
import { InvalidToken } from '../../../src/lib/errors';

const helmetNames = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name)));

test('when the captured headers are written, then the response has exactly the headers helmet sets per request', async () => {
  const perRequest = helmet();
  const viaHelmet = http.createServer((req, res) => perRequest(req, res, () => res.end()));
  const list = secureHeaderList();
  const viaCapture = http.createServer((_req, res) => {
    res.writeHead(200, [...list]);
    res.end();
  });
  const expected = helmetNames((await request(viaHelmet).get('/')).headers);
  expect(Object.keys(expected).length).toBeGreaterThanOrEqual(10);
  expect(helmetNames((await request(viaCapture).get('/')).headers)).toEqual(expected);
});

test('when the gateway answers a call, refuses one, or fails, then each answer carries helmet\'s headers', async () => {
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
  const expected = helmetNames((await request(http.createServer((req, res) => helmet()(req, res, () => res.end()))).get('/')).headers);
  for (const m of ['ok', 'deny', 'crash'] as const) {
    mode = m;
    const res = await request(app).get('/v1/user');
    for (const [name, value] of Object.entries(expected)) expect([m, name, res.headers[name]]).toEqual([m, name, value]);
  }
});

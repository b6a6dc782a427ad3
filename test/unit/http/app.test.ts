import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { createApp, MAX_BODY_BYTES } from '../../../src/http/app';
import type { CallHandler } from '../../../src/http/to-handler';
import type { RawCall } from '../../../src/policy/call';
import { silentLogger } from '../../../src/lib/logger';
import { InvalidToken } from '../../../src/lib/errors';
import { errorResponse } from '../../../src/http/error-responder';

function setup(opts: { ready?: boolean } = {}) {
  const calls: RawCall[] = [];
  const handleCall: CallHandler = async (raw) => {
    calls.push(raw);
    if (raw.target.startsWith('/fail')) return errorResponse(new InvalidToken('token_missing', 'no token'), silentLogger, raw.requestId);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ got: raw.body.length }) };
  };
  const handleDerive: CallHandler = async () => ({ status: 201, headers: {}, body: 'derived' });
  const app = createApp({
    handleCall,
    handleDerive,
    logger: silentLogger,
    readiness: async () => ({ ready: opts.ready ?? true, detail: { db: 'ok' } }),
  });
  return { app, calls };
}

describe('createApp', () => {
  test('/healthz answers ok with security headers and no x-powered-by', async () => {
    const res = await request(setup().app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  test('/readyz reflects readiness', async () => {
    expect((await request(setup().app).get('/readyz')).body).toEqual({ status: 'ready', db: 'ok' });
    const notReady = await request(setup({ ready: false }).app).get('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.body.status).toBe('not_ready');
  });

  test('other requests go to handleCall with the raw body bytes, target and headers, whatever the content type', async () => {
    const { app, calls } = setup();
    const res = await request(app).post('/v1/user/1/x?a=%2F&b=1').set('Content-Type', 'text/plain').set('X-Custom', 'v').send('hello');
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const raw = calls[0]!;
    expect(raw.method).toBe('POST');
    expect(raw.target).toBe('/v1/user/1/x?a=%2F&b=1');
    expect(raw.body.toString()).toBe('hello');
    expect(raw.rawHeaders).toEqual(expect.arrayContaining(['X-Custom', 'v']));
  });

  test('a body without Content-Type is still passed through', async () => {
    const { app, calls } = setup();
    await request(app).put('/v1/x').send(Buffer.from('{"a":1}'));
    expect(calls[0]!.body.toString()).toBe('{"a":1}');
  });

  test('a body of exactly 64 KiB is accepted', async () => {
    const { app } = setup();
    const res = await request(app).post('/v1/x').set('Content-Type', 'application/json').send('a'.repeat(MAX_BODY_BYTES));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ got: MAX_BODY_BYTES });
  });

  test('a body over 64 KiB is refused with 413 in the bunq envelope, never reaching the handler', async () => {
    const { app, calls } = setup();
    const res = await request(app).post('/v1/x').set('Content-Type', 'application/json').send('a'.repeat(MAX_BODY_BYTES + 1));
    expect(res.status).toBe(413);
    expect(res.body.Error[0].error_code).toBe('invalid_request');
    expect(res.body.Error[0].error_description).toContain(String(MAX_BODY_BYTES));
    expect(calls).toHaveLength(0);
  });

  test.each([['gzip'], ['deflate'], ['br']])('a %s-encoded body is refused (415), never inflated', async (encoding) => {
    const { app, calls } = setup();
    const res = await request(app).post('/v1/x').set('Content-Type', 'application/json').set('Content-Encoding', encoding).send(gzipSync('{"a":1}'));
    expect(res.status).toBe(415);
    expect(res.body.Error[0].error_code).toBe('invalid_request');
    expect(calls).toHaveLength(0);
  });

  test("the handler's error answers keep their headers (401 WWW-Authenticate)", async () => {
    const res = await request(setup().app).get('/fail');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
  });

  test('POST /gateway/tokens/derive goes to handleDerive', async () => {
    const { app, calls } = setup();
    const res = await request(app).post('/gateway/tokens/derive').send('{}');
    expect(res.status).toBe(201);
    expect(res.text).toBe('derived');
    expect(calls).toHaveLength(0);
  });

  test('no ETag is added to answers', async () => {
    const res = await request(setup().app).get('/v1/user');
    expect(res.headers['etag']).toBeUndefined();
  });
});

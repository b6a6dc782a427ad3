import { Writable } from 'node:stream';
import { errorResponse } from '../../../src/http/error-responder';
import { Forbidden, GatewayError, InvalidRequest, InvalidToken, RateLimited } from '../../../src/lib/errors';
import { createLogger, silentLogger } from '../../../src/lib/logger';

function body(s: string): { Error: Record<string, unknown>[] } {
  return JSON.parse(s) as { Error: Record<string, unknown>[] };
}

describe('errorResponse', () => {
  test("uses bunq's error envelope with a stable code and details", () => {
    const r = errorResponse(new Forbidden('scope_missing', 'This token lacks create-payment.', { required_scope: 'create-payment' }), silentLogger, 'req-1');
    expect(r.status).toBe(403);
    expect(r.headers['content-type']).toBe('application/json');
    expect(body(r.body)).toEqual({
      Error: [
        {
          error_description: 'This token lacks create-payment.',
          error_description_translated: 'This token lacks create-payment.',
          error_code: 'scope_missing',
          required_scope: 'create-payment',
        },
      ],
    });
    expect(r.headers['www-authenticate']).toBeUndefined();
    expect(r.headers['retry-after']).toBeUndefined();
  });

  test('401 token_missing carries the bare challenge, without an error code (RFC 6750 §3.1)', () => {
    const r = errorResponse(new InvalidToken('token_missing', 'no'), silentLogger, 'r');
    expect(r.status).toBe(401);
    expect(r.headers['www-authenticate']).toBe('Bearer realm="bunq-gateway"');
  });

  test.each([['token_invalid'], ['token_expired'], ['token_revoked']] as const)('401 %s carries WWW-Authenticate: Bearer with error="invalid_token"', (code) => {
    const r = errorResponse(new InvalidToken(code, 'no'), silentLogger, 'r');
    expect(r.status).toBe(401);
    expect(r.headers['www-authenticate']).toMatch(/^Bearer realm="bunq-gateway"/);
    expect(r.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(r.headers['www-authenticate']).toContain(code);
    expect(body(r.body).Error[0]!['error_code']).toBe(code);
  });

  test('429 carries Retry-After', () => {
    const r = errorResponse(new RateLimited('Too many requests.', 17), silentLogger, 'r');
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBe('17');
    expect(body(r.body).Error[0]).toMatchObject({ error_code: 'rate_limited', retry_after_seconds: 17 });
  });

  test('503 with retryAfter carries Retry-After', () => {
    const r = errorResponse(new GatewayError('upstream_unavailable', 503, 'bunq is down', { retryAfter: 5 }), silentLogger, 'r');
    expect(r.headers['retry-after']).toBe('5');
  });

  test('400 invalid_request', () => {
    const r = errorResponse(new InvalidRequest('Bad.'), silentLogger, 'r');
    expect(r.status).toBe(400);
    expect(body(r.body).Error[0]!['error_code']).toBe('invalid_request');
  });

  test('unknown errors become a generic 500; the detail goes only to the log', () => {
    const lines: string[] = [];
    const logger = createLogger('error', new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) }));
    const r = errorResponse(new Error('db password is hunter2'), logger, 'req-9');
    expect(r.status).toBe(500);
    expect(r.body).not.toContain('hunter2');
    expect(body(r.body).Error[0]!['error_code']).toBe('internal_error');
    expect(lines.join('')).toContain('req-9');
    expect(lines.join('')).toContain('hunter2');
  });

  test('a non-exposed GatewayError is also a generic 500', () => {
    const r = errorResponse(new GatewayError('upstream_error', 502, 'internal detail', { expose: false }), silentLogger, 'r');
    expect(r.status).toBe(500);
    expect(r.body).not.toContain('internal detail');
  });

  test('thrown non-errors become a 500 too', () => {
    expect(errorResponse('a string', silentLogger, 'r').status).toBe(500);
    expect(errorResponse(undefined, silentLogger, 'r').status).toBe(500);
  });

  test('the body is ASCII-only JSON (non-ASCII escaped as bunq does)', () => {
    const r = errorResponse(new InvalidRequest('Zoë € refused'), silentLogger, 'r');
    expect(r.body).toMatch(/^[\x00-\x7f]*$/);
    expect(body(r.body).Error[0]!['error_description']).toBe('Zoë € refused');
  });
});

describe('logger redaction', () => {
  test('authorization headers and secrets never reach the log', () => {
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) }));
    logger.info({ headers: { authorization: 'Bearer bgw_secret', 'x-bunq-client-authentication': 'sess' }, apiKey: 'sandbox_key', req: { token: 't0k' } }, 'x');
    const out = lines.join('');
    for (const secret of ['bgw_secret', 'sess', 'sandbox_key', 't0k']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });
});

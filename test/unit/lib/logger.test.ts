// Structured JSON logs never carry a secret: every credential-bearing field is redacted.
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/lib/logger';

function capture() {
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) }));
  return { logger, lines };
}

test('when secret-bearing fields are logged, then only [redacted] reaches the JSON line', () => {
  const { logger, lines } = capture();
  const secrets = {
    authorization: 'Bearer eyJ-top-level',
    headers: { authorization: 'Bearer eyJ-header', 'x-bunq-client-authentication': 'session-token-123', 'x-bunq-client-signature': 'sig==', cookie: 'sid=abc' },
    apiKey: 'sandbox_0123456789abcdef',
    secret: 'top-secret',
    token: 'tok-123',
    password: 'hunter2',
    privateKey: 'pem-private-key-material',
    databaseUrl: 'postgresql://gw:pg-password@db/gw',
    upstream: { token: 'nested-token', apiKey: 'nested-key', secret: 'nested-secret', DATABASE_URL: 'postgresql://gw:pw2@db/gw' },
  };
  logger.info(secrets, 'a call');
  expect(lines).toHaveLength(1);
  const line = lines[0]!;
  const parsed = JSON.parse(line) as Record<string, unknown>;
  expect(parsed['msg']).toBe('a call');
  for (const value of ['eyJ-top-level', 'eyJ-header', 'session-token-123', 'sig==', 'sid=abc', 'sandbox_0123', 'top-secret', 'tok-123', 'hunter2', 'pem-private-key-material', 'pg-password', 'nested-token', 'nested-key', 'nested-secret', 'pw2']) {
    expect(line).not.toContain(value);
  }
  expect(parsed['authorization']).toBe('[redacted]');
  expect((parsed['upstream'] as Record<string, unknown>)['token']).toBe('[redacted]');
});

// Issue #5, transport: a token (bearer, bunq secret or bunq session) is accepted over plain
// HTTP only from loopback, unless the owner sets GATEWAY_ALLOW_INSECURE_HTTP=true; with
// GATEWAY_TLS_CERT_FILE / GATEWAY_TLS_KEY_FILE the gateway serves HTTPS itself (tested here with
// a self-signed certificate made for the test).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import request from 'supertest';
import { Agent } from 'undici';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { upstreamCalls } from '../component/support/calls';
import { BunqProtocolClient } from '../support/bunq-protocol-client';
import { transportRefusal, isLoopback } from '../../src/http/check-transport';
import { GatewayError } from '../../src/lib/errors';
import { loadConfig } from '../../src/config/load';
import { tlsOptions } from '../../src/server';

/** Every request to this gateway now looks as if it came from another machine. */
function fromElsewhere(t: TestGateway): void {
  t.gateway.server.prependListener('request', (req: IncomingMessage) => {
    Object.defineProperty(req.socket, 'remoteAddress', { value: '203.0.113.9', configurable: true });
  });
}

describe('transportRefusal', () => {
  const run = (allow: boolean, socket: object): unknown => transportRefusal(allow, { socket } as never);

  test.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('when a plain connection comes from loopback %s, then it passes', (ip) => {
    expect(isLoopback(ip)).toBe(true);
    expect(run(false, { remoteAddress: ip })).toBeUndefined();
  });

  test.each(['10.0.0.1', '203.0.113.9', '::ffff:10.0.0.1', '2001:db8::1', '128.0.0.1'])('when a plain connection comes from %s, then it is refused with insecure_transport (403)', (ip) => {
    expect(isLoopback(ip)).toBe(false);
    const err = run(false, { remoteAddress: ip });
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe('insecure_transport');
    expect((err as GatewayError).status).toBe(403);
  });

  test('when the connection is TLS, or the owner allows plain HTTP, then another machine passes', () => {
    expect(run(false, { remoteAddress: '203.0.113.9', encrypted: true })).toBeUndefined();
    expect(run(true, { remoteAddress: '203.0.113.9' })).toBeUndefined();
  });

  test('GATEWAY_ALLOW_INSECURE_HTTP is off unless set to exactly "true"', () => {
    expect(loadConfig({}, {}).GATEWAY_ALLOW_INSECURE_HTTP).toBe(false);
    expect(loadConfig({}, { GATEWAY_ALLOW_INSECURE_HTTP: 'true' }).GATEWAY_ALLOW_INSECURE_HTTP).toBe(true);
    expect(() => loadConfig({}, { GATEWAY_ALLOW_INSECURE_HTTP: 'yes' })).toThrow(/GATEWAY_ALLOW_INSECURE_HTTP/);
  });
});

describe('a plain-HTTP gateway reached from another machine', () => {
  let t: TestGateway;
  let key: string;
  beforeAll(async () => {
    t = await startTestGateway();
    key = (await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] })).bunqKey;
    fromElsewhere(t);
  });
  afterAll(async () => t?.close());

  test('when a valid token arrives as bearer, bunq secret or bunq session, then it is refused before it is looked up and bunq is not called', async () => {
    const before = upstreamCalls(t);
    const bearer = await request(t.url).get('/v1/user').set('Authorization', `Bearer ${key}`);
    expect(bearer.status).toBe(403);
    expect(bearer.body.Error[0].error_code).toBe('insecure_transport');
    const client = new BunqProtocolClient(t.url);
    expect((await client.install()).status).toBe(403);
    const session = await client.send('GET', '/v1/user', undefined, { auth: { token: 'a'.repeat(64) } });
    expect(session.status).toBe(403);
    expect(upstreamCalls(t)).toBe(before);
    await t.runtime.audit.flush();
    const audit = await t.runtime.db.auditEvent.count({ where: { tokenId: { not: null } } });
    expect(audit).toBe(0);
  });

  test('when the health endpoints are asked, then they still answer (they carry no token)', async () => {
    expect((await request(t.url).get('/healthz')).status).toBe(200);
  });
});

describe('GATEWAY_ALLOW_INSECURE_HTTP=true', () => {
  test('when the owner allows plain HTTP, then another machine may use a token', async () => {
    const t = await startTestGateway({ config: { GATEWAY_ALLOW_INSECURE_HTTP: 'true' } });
    try {
      const key = (await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] })).bunqKey;
      fromElsewhere(t);
      expect((await request(t.url).get('/v1/user').set('Authorization', `Bearer ${key}`)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('native TLS', () => {
  let dir: string;
  let t: TestGateway;
  let agent: Agent;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    t = await startTestGateway({
      config: { GATEWAY_TLS_CERT_FILE: path.join(dir, 'cert.pem'), GATEWAY_TLS_KEY_FILE: path.join(dir, 'key.pem') },
    });
    agent = new Agent({ connect: { ca: fs.readFileSync(path.join(dir, 'cert.pem')) } });
    fromElsewhere(t);
  });
  afterAll(async () => {
    await agent?.close();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('when TLS files are configured, then the gateway serves HTTPS and a client from another machine does the whole bunq handshake over it', async () => {
    expect(t.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const key = (await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] })).bunqKey;
    const client = new BunqProtocolClient(t.url, agent);
    await client.handshake(key, ['*']);
    const users = await client.send('GET', '/v1/user', undefined);
    expect(users.status).toBe(200);
    expect(client.verified(users)).toBe(true);
  });

  test('when only one of the two TLS files is configured, then the gateway does not start', () => {
    expect(() => tlsOptions(loadConfig({}, { GATEWAY_TLS_CERT_FILE: path.join(dir, 'cert.pem') }))).toThrow(/GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE/);
    expect(() => tlsOptions(loadConfig({}, { GATEWAY_TLS_KEY_FILE: path.join(dir, 'key.pem') }))).toThrow(/GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE/);
    expect(tlsOptions(loadConfig({}, {}))).toBeUndefined();
  });
});

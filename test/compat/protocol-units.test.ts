// Issue #5, the bunq-protocol building blocks on their own: the server key (created once,
// sealed, the same after a restart), device IP rules, which calls must be signed, the client
// signature check, and how a bunq session becomes a Principal (or bunq's dead-session text).
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { freshDatabase } from '../helpers/database';
import { SecretBox } from '../../src/lib/secret-box';
import { ManualClock } from '../../src/lib/clock';
import { GatewayError, InvalidToken } from '../../src/lib/errors';
import { loadCatalog } from '../../src/policy/catalog';
import { BunqServerKeyRepository } from '../../src/store/bunq-server-key-repo';
import { loadOrCreateServerKey } from '../../src/bunq-protocol/server-key';
import { isPermittedIp, permittedIpsFrom } from '../../src/bunq-protocol/permitted-ips';
import { checkSessionCall, signatureRequiredFor } from '../../src/bunq-protocol/session-call';
import { checkClientSignature } from '../../src/bunq-protocol/client-signature';
import { authenticate, type AuthenticateDeps, type SessionResolver } from '../../src/inbound/authenticate';
import type { ClientSessionRecord } from '../../src/store/client-context-repo';
import type { GatewayCall, RawCall } from '../../src/policy/call';
import { JWT, START, tokenWorld } from '../unit/tokens/support';

const catalog = loadCatalog();
const client = generateKeyPairSync('rsa', { modulusLength: 2048 });

function refusal(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  }
  throw new Error('expected a refusal');
}

describe('the server key', () => {
  test('when it is loaded again (a restart, or a second process), then it is the same key, and its private half is stored sealed', async () => {
    const { db } = await freshDatabase();
    const box = new SecretBox(randomBytes(32));
    const clock = new ManualClock(START);
    const first = await loadOrCreateServerKey(new BunqServerKeyRepository(db, box), clock);
    const [again, racing] = await Promise.all([
      loadOrCreateServerKey(new BunqServerKeyRepository(db, box), clock),
      loadOrCreateServerKey(new BunqServerKeyRepository(db, box), clock),
    ]);
    expect(again.publicKeyPem).toBe(first.publicKeyPem);
    expect(racing.publicKeyPem).toBe(first.publicKeyPem);
    expect(await db.bunqServerKey.count()).toBe(1);
    const row = (await db.bunqServerKey.findFirst())!;
    expect(row.privateKeyCipher).not.toContain('PRIVATE KEY');
    await expect(new BunqServerKeyRepository(db, new SecretBox(randomBytes(32))).load()).rejects.toThrow(/could not be decrypted/);
    await db.$disconnect();
  });
});

describe('permitted_ips', () => {
  test('absent or empty binds to the caller; "*" allows all; otherwise only the listed IPs (IPv4-mapped IPv6 counts as IPv4)', () => {
    expect(permittedIpsFrom(undefined, '::ffff:10.0.0.5')).toEqual(['10.0.0.5']);
    expect(permittedIpsFrom([], '10.0.0.5')).toEqual(['10.0.0.5']);
    expect(permittedIpsFrom(['1.2.3.4', '*'], '10.0.0.5')).toEqual(['*']);
    expect(isPermittedIp(['*'], '198.51.100.1')).toBe(true);
    expect(isPermittedIp(['10.0.0.5'], '::ffff:10.0.0.5')).toBe(true);
    expect(isPermittedIp(['10.0.0.5'], '10.0.0.6')).toBe(false);
    expect(refusal(() => permittedIpsFrom(['10.0.0.0/8'], '10.0.0.5')).code).toBe('body_invalid');
  });
});

describe('session calls', () => {
  const session = (permittedIps: string[]): ClientSessionRecord => ({
    id: 1,
    installationId: 99_001,
    tokenId: 't',
    secretHash: 'h',
    timeoutSeconds: 300,
    expiresAt: new Date(START + 300_000),
    device: { id: 1, installationId: 99_001, tokenId: 't', secretHash: 'h', permittedIps },
    installation: { id: 99_001, clientPublicKeyPem: String(client.publicKey.export({ type: 'spki', format: 'pem' })) },
  });
  const raw = (clientIp: string, headers: string[] = [], body = ''): RawCall => ({
    requestId: 'r', clientIp, method: 'GET', target: '/v1/user', rawHeaders: headers, body: Buffer.from(body),
  });
  const call = (endpointId: string): GatewayCall => ({
    requestId: 'r', clientIp: '', method: 'GET', endpointId, template: '', params: {}, query: {}, body: undefined,
  });

  test('when the caller is not on the device\'s permitted IPs, then the call is refused with bunq\'s bad-credentials answer', () => {
    const err = refusal(() => checkSessionCall(raw('10.9.9.9'), call('user.list'), session(['10.0.0.5']), catalog));
    expect(err.status).toBe(400);
    expect(err.code).toBe('bad_credentials');
    expect(() => checkSessionCall(raw('10.0.0.5'), call('user.list'), session(['10.0.0.5']), catalog)).not.toThrow();
  });

  test('a signature is required exactly where money can move', () => {
    expect(signatureRequiredFor('payment.create', catalog)).toBe(true);
    expect(signatureRequiredFor('draft-payment.create', catalog)).toBe(true);
    expect(signatureRequiredFor('request-inquiry.create', catalog)).toBe(false);
    expect(signatureRequiredFor('user.list', catalog)).toBe(false);
    expect(refusal(() => checkSessionCall(raw('10.0.0.5'), call('payment.create'), session(['*']), catalog)).status).toBe(466);
  });

  test('a signature header is verified whenever it is present: repeated, empty or wrong is refused, right passes', () => {
    const good = sign('sha256', Buffer.from('{"a":1}'), client.privateKey).toString('base64');
    const key = client.publicKey;
    expect(() => checkClientSignature(['X-Bunq-Client-Signature', good], Buffer.from('{"a":1}'), key, true)).not.toThrow();
    expect(refusal(() => checkClientSignature(['X-Bunq-Client-Signature', good], Buffer.from('{"a":2}'), key, false)).code).toBe('signature_invalid');
    expect(refusal(() => checkClientSignature(['X-Bunq-Client-Signature', ''], Buffer.from(''), key, false)).code).toBe('signature_invalid');
    expect(refusal(() => checkClientSignature(['X-Bunq-Client-Signature', good, 'x-bunq-client-signature', good], Buffer.from('{"a":1}'), key, false)).code).toBe('signature_invalid');
    expect(() => checkClientSignature([], Buffer.from(''), key, false)).not.toThrow();
  });
});

describe('authenticate with a bunq session', () => {
  test('when the session resolves, then the Principal is the token with its ancestors and the session; when anything is wrong, then it reads "Insufficient authorisation."', async () => {
    const w = await tokenWorld();
    const parent = await w.service.issue({ name: 'p', grant: { scopes: ['read-user'], accounts: [1] }, expiresAt: new Date(START + 86_400_000) });
    const child = await w.service.issue({ name: 'c', grant: { scopes: ['read-user'], accounts: [1] }, expiresAt: new Date(START + 3_600_000) }, parent.token);
    const fakeSession = { id: 7 } as ClientSessionRecord;
    const resolver: SessionResolver = {
      resolve: async (value) => {
        if (value !== 'good') throw new InvalidToken('token_invalid', 'whatever');
        return { token: (await w.repo.findById(child.token.id))!, session: fakeSession };
      },
      used: async () => undefined,
    };
    const deps: AuthenticateDeps = { tokens: w.repo, keys: w.keys, jwt: JWT, clock: w.clock, sessions: resolver };
    const principal = await authenticate({ kind: 'bunq-session', value: 'good' }, deps);
    expect(principal.token.id).toBe(child.token.id);
    expect(principal.ancestors.map((a) => a.id)).toEqual([parent.token.id]);
    expect(principal.session).toBe(fakeSession);

    const unknown = await authenticate({ kind: 'bunq-session', value: 'bad' }, deps).catch((e: unknown) => e as GatewayError);
    expect(unknown).toMatchObject({ status: 401, message: 'Insufficient authorisation.' });
    const { sessions: _unused, ...withoutSessions } = deps;
    const noResolver = await authenticate({ kind: 'bunq-session', value: 'good' }, withoutSessions).catch((e: unknown) => e as GatewayError);
    expect(noResolver).toMatchObject({ status: 401, message: 'Insufficient authorisation.' });
    await w.service.revoke(parent.token.id);
    const revoked = await authenticate({ kind: 'bunq-session', value: 'good' }, deps).catch((e: unknown) => e as GatewayError);
    expect(revoked).toMatchObject({ status: 401, code: 'token_revoked', message: 'Insufficient authorisation.' });
    await w.db.$disconnect();
  });
});

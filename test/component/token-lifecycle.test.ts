// Issue #3: a token is good only while its record says so (revocation, rotation, expiry),
// only in the exact form the gateway minted (no forged, confused or tampered JWTs), only as
// one Authorization header, only from its allowed IPs and within its rate; a child never
// exceeds its parent. Every refusal stops at the gateway: bunq receives nothing.
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { SignJWT, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import type { Response } from 'supertest';
import request from 'supertest';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import type { IssuedToken } from '../../src/tokens/token-service';
import { call, counting, errorOf, paymentBody, upstreamCalls } from './support/calls';

const PAYEE = 'NL91ABNA0417164300';
let t: TestGateway;
let reader: IssuedToken;

beforeAll(async () => {
  t = await startTestGateway();
  reader = await t.issue({ scopes: ['read-user', 'read-balance'], accounts: [t.personal.id] }, { name: 'reader' });
});
afterAll(async () => t?.close());

const readUser = (token: string) => call(t, 'GET', '/v1/user', token);
const expiresSoon = () => new Date(Date.now() + 3_600_000);

/** The call is refused with this status and code, and bunq received nothing for it. */
async function expectRefused(fn: () => Promise<Response>, status: number, code: string): Promise<Response> {
  const { result: res, upstream } = await counting(t, fn);
  expect({ status: res.status, code: errorOf(res).error_code }).toEqual({ status, code });
  expect(upstream).toBe(0);
  if (status === 401) expect(res.headers['www-authenticate']).toContain('Bearer');
  return res;
}

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function claimsFor(token: IssuedToken) {
  const now = Math.floor(Date.now() / 1000);
  return { sub: token.token.id, jti: token.token.jti, iat: now, exp: now + 3600 };
}

async function mint(key: CryptoKey, kid: string, token: IssuedToken, over: { iss?: string; aud?: string } = {}): Promise<string> {
  const c = claimsFor(token);
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', typ: 'bgw+jwt', kid })
    .setIssuer(over.iss ?? t.runtime.config.GATEWAY_ISSUER)
    .setAudience(over.aud ?? t.runtime.config.GATEWAY_AUDIENCE)
    .setSubject(c.sub)
    .setJti(c.jti)
    .setIssuedAt(c.iat)
    .setExpirationTime(c.exp)
    .sign(key);
  return `bgw_${jwt}`;
}

describe('revocation, rotation and expiry', () => {
  test('when a token is revoked, then its very next request is refused, and so are its descendants', async () => {
    const parent = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] });
    const expiresAt = expiresSoon();
    const child = await t.runtime.tokens.issue({ name: 'child', grant: { scopes: ['read-user'], accounts: [t.personal.id] }, expiresAt }, parent.token);
    const grandchild = await t.runtime.tokens.issue({ name: 'grandchild', grant: { scopes: ['read-user'], accounts: [t.personal.id] }, expiresAt }, child.token);
    for (const tok of [parent, child, grandchild]) expect((await readUser(tok.bearer)).status).toBe(200);

    await t.runtime.tokens.revoke(parent.token.id);

    for (const tok of [parent, child, grandchild]) {
      await expectRefused(() => readUser(tok.bearer), 401, 'token_revoked');
      await expectRefused(() => readUser(tok.bunqKey), 401, 'token_revoked');
    }
  });

  test('when only a child is revoked, then the parent keeps working', async () => {
    const parent = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] });
    const child = await t.runtime.tokens.issue({ name: 'child', grant: { scopes: ['read-user'], accounts: [t.personal.id] }, expiresAt: expiresSoon() }, parent.token);
    await t.runtime.tokens.revoke(child.token.id);
    await expectRefused(() => readUser(child.bearer), 401, 'token_revoked');
    expect((await readUser(parent.bearer)).status).toBe(200);
  });

  test('when a token is rotated, then the old bearer and old bunq-key form are refused, the new ones work and earlier spending still counts', async () => {
    const payPath = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;
    const old = await t.issue({
      scopes: ['read-user', 'create-payment'],
      accounts: [t.personal.id],
      payment: { maxPerPayment: '40.00', caps: { day: '50.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
    });
    expect((await call(t, 'POST', payPath, old.bearer, { body: paymentBody('30.00', PAYEE) })).status).toBe(200);

    const fresh = await t.runtime.tokens.rotate(old.token.id);

    await expectRefused(() => readUser(old.bearer), 401, 'token_revoked');
    const oldKey = await counting(t, () => readUser(old.bunqKey));
    expect(oldKey.result.status).toBe(401);
    expect(['token_invalid', 'token_revoked']).toContain(errorOf(oldKey.result).error_code);
    expect(oldKey.upstream).toBe(0);
    expect((await readUser(fresh.bearer)).status).toBe(200);
    expect((await readUser(fresh.bunqKey)).status).toBe(200);

    const over = await expectRefused(() => call(t, 'POST', payPath, fresh.bearer, { body: paymentBody('30.00', PAYEE) }), 403, 'cap_exceeded');
    expect(errorOf(over).remaining).toBe('20.00');
    expect((await call(t, 'POST', payPath, fresh.bearer, { body: paymentBody('20.00', PAYEE) })).status).toBe(200);
  });

  test('when a token has expired, then it is refused with token_expired', async () => {
    const short = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] }, { expiresInMs: 1000 });
    expect((await readUser(short.bearer)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    await expectRefused(() => readUser(short.bearer), 401, 'token_expired');
    await expectRefused(() => readUser(short.bunqKey), 401, 'token_expired');
  });
});

describe('forged and malformed credentials', () => {
  test('when a payload character of the JWT is flipped, then it is refused', async () => {
    const [head, payload, sig] = reader.bearer.slice(4).split('.') as [string, string, string];
    const i = 10;
    const flipped = payload.slice(0, i) + (payload[i] === 'A' ? 'B' : 'A') + payload.slice(i + 1);
    await expectRefused(() => readUser(`bgw_${head}.${flipped}.${sig}`), 401, 'token_invalid');
  });

  test("when a JWT signed with the gateway's own key names another audience or issuer, then it is refused", async () => {
    const { kid, privateKey } = t.runtime.keys.active;
    // Sanity: the same minting with the right claims is accepted, so only aud/iss make the difference.
    expect((await readUser(await mint(privateKey, kid, reader))).status).toBe(200);
    await expectRefused(async () => readUser(await mint(privateKey, kid, reader, { aud: 'https://other.example' })), 401, 'token_invalid');
    await expectRefused(async () => readUser(await mint(privateKey, kid, reader, { iss: 'https://evil.example' })), 401, 'token_invalid');
  });

  test('when the JWT says alg "none", then it is refused', async () => {
    const head = b64url({ alg: 'none', typ: 'bgw+jwt', kid: t.runtime.keys.active.kid });
    const body = b64url({ ...claimsFor(reader), iss: t.runtime.config.GATEWAY_ISSUER, aud: t.runtime.config.GATEWAY_AUDIENCE });
    await expectRefused(() => readUser(`bgw_${head}.${body}.`), 401, 'token_invalid');
  });

  test("when the JWT is HS256 signed with the gateway's public key bytes (algorithm confusion), then it is refused", async () => {
    const kid = t.runtime.keys.active.kid;
    const pem = await exportSPKI(t.runtime.keys.get(kid)!);
    const head = b64url({ alg: 'HS256', typ: 'bgw+jwt', kid });
    const body = b64url({ ...claimsFor(reader), iss: t.runtime.config.GATEWAY_ISSUER, aud: t.runtime.config.GATEWAY_AUDIENCE });
    const sig = createHmac('sha256', pem).update(`${head}.${body}`).digest('base64url');
    await expectRefused(() => readUser(`bgw_${head}.${body}.${sig}`), 401, 'token_invalid');
  });

  test("when the JWT is signed by a foreign ES256 key under the gateway's kid, then it is refused", async () => {
    const { privateKey } = await generateKeyPair('ES256');
    await expectRefused(async () => readUser(await mint(privateKey, t.runtime.keys.active.kid, reader)), 401, 'token_invalid');
  });

  test('when the bgw_ prefix is missing, then it is refused', async () => {
    await expectRefused(() => readUser(reader.bearer.slice(4)), 401, 'token_invalid');
  });

  test('when the token is oversized, then it is refused', async () => {
    await expectRefused(() => readUser(`${reader.bearer}${'A'.repeat(4096)}`), 401, 'token_invalid');
  });

  test('when the Authorization header is sent twice, then the request is refused', async () => {
    const before = upstreamCalls(t);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(new URL('/v1/user', t.url), {
        method: 'GET',
        headers: ['Authorization', `Bearer ${reader.bearer}`, 'Authorization', `Bearer ${reader.bearer}`],
      }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
    expect(upstreamCalls(t) - before).toBe(0);
  });

  test('when the token is sent in the query string, then the request is refused', async () => {
    await expectRefused(() => request(t.url).get(`/v1/user?access_token=${encodeURIComponent(reader.bearer)}`), 400, 'invalid_request');
    await expectRefused(() => readUserWithQuery(`access_token=${reader.bearer}`), 400, 'invalid_request');
  });

  test('when no token is sent, then it is refused with token_missing', async () => {
    await expectRefused(() => request(t.url).get('/v1/user'), 401, 'token_missing');
  });

  test('when the bunq-key form is sent as the bearer, then it works', async () => {
    const res = await readUser(reader.bunqKey);
    expect(res.status).toBe(200);
  });

  test('when an unknown bunq-key-shaped value is sent, then it is refused', async () => {
    await expectRefused(() => readUser('ab'.repeat(32)), 401, 'token_invalid');
  });
});

const readUserWithQuery = (query: string) => call(t, 'GET', `/v1/user?${query}`, reader.bearer);

describe('where and how often', () => {
  test('when a token limited to 10.0.0.0/8 is used from 127.0.0.1, then it is refused with ip_not_allowed', async () => {
    const tok = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] }, { ipAllowlist: ['10.0.0.0/8'] });
    await expectRefused(() => readUser(tok.bearer), 403, 'ip_not_allowed');
  });

  test("when a child of an IP-limited parent is used from elsewhere, then the parent's limit applies", async () => {
    const parent = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] }, { ipAllowlist: ['10.0.0.0/8'] });
    const child = await t.runtime.tokens.issue({ name: 'child', grant: { scopes: ['read-user'], accounts: [t.personal.id] }, expiresAt: expiresSoon() }, parent.token);
    await expectRefused(() => readUser(child.bearer), 403, 'ip_not_allowed');
  });

  test('when a token with ratePerMinute 2 makes a third call, then it gets 429 with Retry-After and "Too many requests"', async () => {
    const tok = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] }, { ratePerMinute: 2 });
    expect((await readUser(tok.bearer)).status).toBe(200);
    expect((await readUser(tok.bearer)).status).toBe(200);
    const res = await expectRefused(() => readUser(tok.bearer), 429, 'rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(String(errorOf(res).error_description)).toContain('Too many requests');
  });
});

describe('a child never exceeds its parent', () => {
  let parent: IssuedToken;
  const base = () => ({
    scopes: ['read-user', 'create-payment'],
    accounts: [t.personal.id],
    payment: { maxPerPayment: '10.00', caps: { day: '20.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
  });
  beforeAll(async () => {
    parent = await t.issue(base(), { expiresInMs: 3_600_000 });
  });
  const derive = (grant: ReturnType<typeof base> | Record<string, unknown>, expiresAt = new Date(Date.now() + 60_000)) =>
    t.runtime.tokens.issue({ name: 'child', grant: grant as never, expiresAt }, parent.token);

  test('when the child asks for no more than the parent, then it is issued', async () => {
    await expect(derive(base())).resolves.toBeDefined();
  });

  test.each([
    ['more scopes', () => ({ ...base(), scopes: ['read-user', 'create-payment', 'read-balance'] })],
    ['more accounts', () => ({ ...base(), accounts: [t.personal.id, t.savings.id] })],
    ['a higher maxPerPayment', () => ({ ...base(), payment: { ...base().payment, maxPerPayment: '10.01' } })],
    ['a higher day cap', () => ({ ...base(), payment: { ...base().payment, caps: { day: '20.01' } } })],
    ['no day cap', () => ({ ...base(), payment: { ...base().payment, caps: {} } })],
    ['a wider IBAN allowlist', () => ({ ...base(), payment: { ...base().payment, ibanAllowlist: [PAYEE, 'DE89370400440532013000'] } })],
    ['drafts outside the allowlist', () => ({ ...base(), payment: { ...base().payment, outsideAllowlist: 'draft' } })],
  ])('when the child asks for %s, then issuing it throws', async (_what, grant) => {
    await expect(derive(grant())).rejects.toMatchObject({ code: 'body_invalid' });
  });

  test('when the child would outlive its parent, then issuing it throws', async () => {
    await expect(derive(base(), new Date(Date.now() + 7_200_000))).rejects.toMatchObject({ code: 'body_invalid' });
  });

  test('when the parent of a child is revoked, then the child is refused at use', async () => {
    const p = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] });
    const child = await t.runtime.tokens.issue({ name: 'child', grant: { scopes: ['read-user'], accounts: [t.personal.id] }, expiresAt: expiresSoon() }, p.token);
    await t.runtime.tokens.revoke(p.token.id);
    await expectRefused(() => readUser(child.bearer), 401, 'token_revoked');
  });
});

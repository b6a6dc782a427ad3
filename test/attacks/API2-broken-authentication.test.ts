// OWASP API2:2023 Broken Authentication: credential-source tricks (RFC 6750), JWT attacks
// (alg none, HMAC/ES256 algorithm confusion, tampering, claim checks, key confusion), the
// database as the authority (revoked, rotated, expired, derived from a revoked parent), and
// client-IP spoofing against a token's IP allowlist. Every case targets a call the token would
// otherwise be allowed to make; each is refused with the exact status and code, and nothing
// reaches bunq.
import { createHash, createHmac } from 'node:crypto';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import type { IssuedToken } from '../../src/tokens/token-service';
import { expectRefused, sendRaw, upstreamCount, type AttackCase, type Expected, type RawRequest } from './support/kit';

let t: TestGateway;
let good: IssuedToken;
let second: IssuedToken;
let revoked: IssuedToken;
let rotatedOld: IssuedToken;
let expiredRecord: IssuedToken;
let childOfRevoked: IssuedToken;
let ipBound: IssuedToken;
let kid: string;
let signingKey: CryptoKey;
let publicKey: CryptoKey;
let iss: string;
let aud: string;
let target: string;

const GRANT = { scopes: ['read-balance'], accounts: [0] };

beforeAll(async () => {
  t = await startTestGateway();
  const grant = { ...GRANT, accounts: [t.personal.id] };
  good = await t.issue(grant, { name: 'good' });
  second = await t.issue(grant, { name: 'second' });
  revoked = await t.issue(grant, { name: 'revoked' });
  await t.runtime.tokens.revoke(revoked.token.id);
  rotatedOld = await t.issue(grant, { name: 'rotated' });
  await t.runtime.tokens.rotate(rotatedOld.token.id);
  expiredRecord = await t.issue(grant, { name: 'short-lived', expiresInMs: 1_000 });
  const parent = await t.issue(grant, { name: 'parent' });
  childOfRevoked = await t.runtime.tokens.issue(
    { name: 'child', grant, expiresAt: new Date(t.runtime.clock.now() + 3_600_000) },
    parent.token,
  );
  await t.runtime.tokens.revoke(parent.token.id);
  ipBound = await t.issue(grant, { name: 'ip-bound', ipAllowlist: ['10.0.0.1'] });
  kid = t.runtime.keys.active.kid;
  signingKey = t.runtime.keys.active.privateKey;
  publicKey = t.runtime.keys.get(kid)!;
  iss = t.runtime.config.GATEWAY_ISSUER;
  aud = t.runtime.config.GATEWAY_AUDIENCE;
  target = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}`;
  // Let the short-lived record expire (the clock is the real one in this suite).
  await new Promise((r) => setTimeout(r, 1_100));
}, 20_000);
afterAll(async () => t?.close());

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claimsOf = (tok: IssuedToken) => ({ iss, aud, sub: tok.token.id, jti: tok.token.jti, iat: now(), exp: now() + 3600 });
const jwtOf = (tok: IssuedToken) => tok.bearer.slice(4);
const parts = (tok: IssuedToken) => jwtOf(tok).split('.') as [string, string, string];

/** A JWT signed with the gateway's own key: every claim check below is not a signature check. */
async function signed(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  return `bgw_${await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'bgw+jwt', kid, ...header }).sign(signingKey)}`;
}
/** Signed with the gateway's key by hand (jose refuses to sign some of these headers). */
async function rawSigned(header: Record<string, unknown>, claims: Record<string, unknown>): Promise<string> {
  const input = `${b64(header)}.${b64(claims)}`;
  const sig = await globalThis.crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, signingKey, Buffer.from(input));
  return `bgw_${input}.${Buffer.from(sig).toString('base64url')}`;
}
function hs256(secret: string | Buffer, claims: Record<string, unknown>): string {
  const input = `${b64({ alg: 'HS256', typ: 'bgw+jwt', kid })}.${b64(claims)}`;
  return `bgw_${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const INVALID: Expected = { status: 401, code: 'token_invalid' };
const REVOKED: Expected = { status: 401, code: 'token_revoked' };
const EXPIRED: Expected = { status: 401, code: 'token_expired' };
const BAD: Expected = { status: 400, code: 'invalid_request' };
const IP: Expected = { status: 403, code: 'ip_not_allowed' };

type Make = () => Promise<RawRequest> | RawRequest;
interface AsyncCase { name: string; make: Make; expect: Expected }
const withHeaders = (...headers: (readonly [string, string])[]): Make => () => ({ method: 'GET', target, headers });
const bearer = (value: () => string | Promise<string>): Make => async () => ({ method: 'GET', target, headers: [['Authorization', `Bearer ${await value()}`]] });

const credentialCases: AsyncCase[] = [
  { name: 'no credential at all', make: withHeaders(), expect: { status: 401, code: 'token_missing' } },
  { name: 'Basic authentication', make: () => withHeaders(['Authorization', `Basic ${Buffer.from(`x:${good.bunqKey}`).toString('base64')}`])(), expect: BAD },
  { name: 'the Bearer scheme without a token', make: withHeaders(['Authorization', 'Bearer']), expect: BAD },
  { name: 'two spaces after Bearer', make: () => withHeaders(['Authorization', `Bearer  ${good.bearer}`])(), expect: BAD },
  { name: 'two tokens in one header', make: () => withHeaders(['Authorization', `Bearer ${good.bearer}, Bearer ${second.bearer}`])(), expect: BAD },
  { name: 'a duplicated Authorization header (same token)', make: () => withHeaders(['Authorization', `Bearer ${good.bearer}`], ['Authorization', `Bearer ${good.bearer}`])(), expect: BAD },
  { name: 'a duplicated Authorization header (bad then good)', make: () => withHeaders(['Authorization', 'Bearer nope'], ['Authorization', `Bearer ${good.bearer}`])(), expect: BAD },
  { name: 'Authorization plus X-Bunq-Client-Authentication', make: () => withHeaders(['Authorization', `Bearer ${good.bearer}`], ['X-Bunq-Client-Authentication', good.bunqKey])(), expect: BAD },
  { name: 'only X-Bunq-Client-Authentication (sessions are not enabled)', make: () => withHeaders(['X-Bunq-Client-Authentication', good.bunqKey])(), expect: INVALID },
  { name: 'the token in ?access_token= only', make: () => ({ method: 'GET', target: `${target}?access_token=${good.bearer}`, headers: [] }), expect: BAD },
  { name: 'a good header plus ?access_token= of another token', make: () => ({ method: 'GET', target: `${target}?access_token=${second.bearer}`, headers: [['Authorization', `Bearer ${good.bearer}`]] }), expect: BAD },
  { name: 'the bunq-key form in ?api_key=', make: () => ({ method: 'GET', target: `${target}?api_key=${good.bunqKey}`, headers: [] }), expect: BAD },
  { name: 'a ?TOKEN= (upper case) parameter', make: () => ({ method: 'GET', target: `${target}?TOKEN=${good.bunqKey}`, headers: [['Authorization', `Bearer ${good.bearer}`]] }), expect: BAD },
];

const jwtCases: AsyncCase[] = [
  { name: 'alg "none" with an empty signature', make: bearer(() => `bgw_${b64({ alg: 'none', typ: 'bgw+jwt', kid })}.${b64(claimsOf(good))}.`), expect: INVALID },
  { name: 'alg "none" keeping the original signature', make: bearer(() => `bgw_${b64({ alg: 'none', typ: 'bgw+jwt', kid })}.${b64(claimsOf(good))}.${parts(good)[2]}`), expect: INVALID },
  { name: 'HS256 keyed with the public JWK (algorithm confusion)', make: bearer(async () => hs256(JSON.stringify(await exportJWK(publicKey)), claimsOf(good))), expect: INVALID },
  { name: 'HS256 keyed with the public key PEM (algorithm confusion)', make: bearer(async () => hs256(await exportSPKI(publicKey), claimsOf(good))), expect: INVALID },
  { name: 'HS256 keyed with the kid', make: bearer(() => hs256(kid, claimsOf(good))), expect: INVALID },
  { name: 'ES512 header on an ES256 signature', make: bearer(() => { const [, p, s] = parts(good); return `bgw_${b64({ alg: 'ES512', typ: 'bgw+jwt', kid })}.${p}.${s}`; }), expect: INVALID },
  { name: 'a tampered payload (sub of another token)', make: bearer(() => { const [h, , s] = parts(good); return `bgw_${h}.${b64({ ...claimsOf(good), sub: second.token.id, jti: second.token.jti })}.${s}`; }), expect: INVALID },
  { name: 'a tampered payload (exp pushed out)', make: bearer(() => { const [h, , s] = parts(good); return `bgw_${h}.${b64({ ...claimsOf(good), exp: now() + 10 * 365 * 86400 })}.${s}`; }), expect: INVALID },
  { name: 'a tampered signature (one character changed)', make: bearer(() => { const [h, p, s] = parts(good); return `bgw_${h}.${p}.${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}`; }), expect: INVALID },
  { name: 'the signature of another token', make: bearer(() => { const [h, p] = parts(good); return `bgw_${h}.${p}.${parts(second)[2]}`; }), expect: INVALID },
  { name: 'the signature stripped', make: bearer(() => { const [h, p] = parts(good); return `bgw_${h}.${p}.`; }), expect: INVALID },
  { name: 'an expired exp (gateway-signed)', make: bearer(() => signed({ ...claimsOf(good), iat: now() - 7200, exp: now() - 3600 })), expect: EXPIRED },
  { name: 'a not-yet-valid nbf (gateway-signed)', make: bearer(() => signed({ ...claimsOf(good), nbf: now() + 3600 })), expect: INVALID },
  { name: 'a wrong audience', make: bearer(() => signed({ ...claimsOf(good), aud: 'another-api' })), expect: INVALID },
  { name: 'an audience list without ours', make: bearer(() => signed({ ...claimsOf(good), aud: ['x', 'y'] })), expect: INVALID },
  { name: 'a wrong issuer', make: bearer(() => signed({ ...claimsOf(good), iss: 'https://evil.example' })), expect: INVALID },
  { name: 'a wrong typ ("JWT")', make: bearer(() => signed(claimsOf(good), { typ: 'JWT' })), expect: INVALID },
  { name: 'no typ', make: bearer(() => signed(claimsOf(good), { typ: undefined })), expect: INVALID },
  { name: 'no jti', make: bearer(() => signed({ ...claimsOf(good), jti: undefined })), expect: INVALID },
  { name: 'no exp', make: bearer(() => signed({ ...claimsOf(good), exp: undefined })), expect: INVALID },
  { name: 'a critical header the gateway does not understand', make: bearer(() => rawSigned({ alg: 'ES256', typ: 'bgw+jwt', kid, crit: ['x-bgw'], 'x-bgw': 1 }, claimsOf(good))), expect: INVALID },
  { name: 'b64:false (unencoded payload) with the gateway key', make: bearer(() => rawSigned({ alg: 'ES256', typ: 'bgw+jwt', kid, b64: false, crit: ['b64'] }, claimsOf(good))), expect: INVALID },
  { name: 'a foreign key with the same kid', make: bearer(async () => { const k = await generateKeyPair('ES256'); return `bgw_${await new SignJWT(claimsOf(good)).setProtectedHeader({ alg: 'ES256', typ: 'bgw+jwt', kid }).sign(k.privateKey)}`; }), expect: INVALID },
  { name: 'a foreign key embedded as "jwk" with our kid', make: bearer(async () => { const k = await generateKeyPair('ES256', { extractable: true }); return `bgw_${await new SignJWT(claimsOf(good)).setProtectedHeader({ alg: 'ES256', typ: 'bgw+jwt', kid, jwk: await exportJWK(k.publicKey) }).sign(k.privateKey)}`; }), expect: INVALID },
  { name: 'an unknown kid', make: bearer(() => signed(claimsOf(good), { kid: 'not-a-key-of-this-gateway' })), expect: INVALID },
  { name: 'no kid', make: bearer(() => signed(claimsOf(good), { kid: undefined })), expect: INVALID },
  { name: 'a well-signed JWT whose jti has no record', make: bearer(() => signed({ ...claimsOf(good), jti: '00000000-0000-4000-8000-000000000000' })), expect: REVOKED },
  { name: 'a well-signed JWT with the jti of one token and the sub of another', make: bearer(() => signed({ ...claimsOf(good), sub: second.token.id })), expect: REVOKED },
  { name: 'an oversized token (> 2048 characters)', make: bearer(() => `${good.bearer}${'A'.repeat(2100)}`), expect: INVALID },
  { name: 'the JWT without the bgw_ prefix', make: bearer(() => jwtOf(good)), expect: INVALID },
  { name: 'an upper-case BGW_ prefix', make: bearer(() => `BGW_${jwtOf(good)}`), expect: INVALID },
  { name: 'bgw_ and garbage', make: bearer(() => 'bgw_garbage.garbage.garbage'), expect: INVALID },
  { name: 'bgw_ and a five-part (JWE-shaped) value', make: bearer(() => 'bgw_a.b.c.d.e'), expect: INVALID },
  { name: 'the bunq-key form in upper case', make: bearer(() => good.bunqKey.toUpperCase()), expect: INVALID },
  { name: 'a random 64-hex bunq-key form', make: bearer(() => 'ab'.repeat(32)), expect: INVALID },
  { name: 'a 63-hex bunq-key form', make: bearer(() => good.bunqKey.slice(1)), expect: INVALID },
  { name: 'the sha256 of the bunq-key form (what the database stores)', make: bearer(() => createHash('sha256').update(good.bunqKey).digest('hex')), expect: INVALID },
  { name: 'the token record id', make: bearer(() => good.token.id), expect: INVALID },
  { name: 'the JWT of a revoked token', make: bearer(() => revoked.bearer), expect: REVOKED },
  { name: 'the bunq-key form of a revoked token', make: bearer(() => revoked.bunqKey), expect: REVOKED },
  { name: 'the old JWT of a rotated token', make: bearer(() => rotatedOld.bearer), expect: REVOKED },
  { name: 'the old bunq-key form of a rotated token', make: bearer(() => rotatedOld.bunqKey), expect: INVALID },
  { name: 'the JWT of a token whose record expired', make: bearer(() => expiredRecord.bearer), expect: EXPIRED },
  { name: 'the bunq-key form of a token whose record expired', make: bearer(() => expiredRecord.bunqKey), expect: EXPIRED },
  { name: 'a token derived from a revoked parent', make: bearer(() => childOfRevoked.bearer), expect: REVOKED },
];

const ipCases: AsyncCase[] = ([
  ['X-Forwarded-For', '10.0.0.1'],
  ['X-Forwarded-For', '10.0.0.1, 127.0.0.1'],
  ['Forwarded', 'for=10.0.0.1'],
  ['X-Real-IP', '10.0.0.1'],
  ['True-Client-IP', '10.0.0.1'],
  ['CF-Connecting-IP', '10.0.0.1'],
  ['X-Client-IP', '10.0.0.1'],
  ['X-Originating-IP', '10.0.0.1'],
] as const).map(([name, value]) => ({
  name: `an IP-allowlisted (10.0.0.1) token from 127.0.0.1 claiming ${name}: ${value}`,
  make: () => withHeaders(['Authorization', `Bearer ${ipBound.bearer}`], [name, value])(),
  expect: IP,
}));

test('control: the good token, its bunq-key form and a gateway-signed JWT with correct claims are accepted', async () => {
  const before = upstreamCount(t);
  const hand = await rawSigned({ alg: 'ES256', typ: 'bgw+jwt', kid }, claimsOf(good));
  for (const value of [good.bearer, good.bunqKey, await signed(claimsOf(good)), hand]) {
    const res = await sendRaw(t.url, { method: 'GET', target, headers: [['Authorization', `Bearer ${value}`]] });
    expect(res.status).toBe(200);
  }
  expect(upstreamCount(t) - before).toBe(4);
});

async function run(c: AsyncCase): Promise<void> {
  const req = await c.make();
  await expectRefused(t, { name: c.name, request: () => req, expect: c.expect } satisfies AttackCase);
}

describe('credential sources (RFC 6750: exactly one, in the Authorization header)', () => {
  test.each(credentialCases.map((c) => [c.name, c] as const))('when the caller sends %s, then it is refused and nothing reaches bunq', async (_n, c) => run(c));
});
describe('JWT and token-record attacks', () => {
  test.each(jwtCases.map((c) => [c.name, c] as const))('when the token is %s, then it is refused and nothing reaches bunq', async (_n, c) => run(c));
});
describe('client IP spoofing', () => {
  test.each(ipCases.map((c) => [c.name, c] as const))('when %s, then it is refused and nothing reaches bunq', async (_n, c) => run(c));
});

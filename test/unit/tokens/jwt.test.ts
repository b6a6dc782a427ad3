import { createHmac, randomUUID } from 'node:crypto';
import { SignJWT, generateKeyPair, exportJWK, calculateJwkThumbprint, type CryptoKey } from 'jose';
import { mintJwt, verifyJwt, TOKEN_TYP, type TokenClaims } from '../../../src/tokens/jwt';
import { SigningKeyRing, TOKEN_ALG } from '../../../src/tokens/signing-keys';
import { InvalidToken } from '../../../src/lib/errors';
import { ManualClock } from '../../../src/lib/clock';
import { DAY, JWT, START, tokenWorld, type TokenWorld } from './support';

let w: TokenWorld;
const clock = new ManualClock(START);

beforeAll(async () => {
  w = await tokenWorld();
});
afterAll(async () => {
  await w.db.$disconnect();
});
beforeEach(() => clock.set(START));

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

function claims(over: Partial<TokenClaims> = {}): TokenClaims {
  return { sub: randomUUID(), jti: randomUUID(), exp: Math.floor((START + DAY) / 1000), ...over };
}

async function rejection(jwt: string, c = clock): Promise<InvalidToken> {
  const err = await verifyJwt(jwt, w.keys, JWT, c).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidToken);
  expect((err as InvalidToken).status).toBe(401);
  return err as InvalidToken;
}

/** Signs with the ring's active key, letting a test change any header or claim. */
function custom(header: Record<string, unknown>, payload: Record<string, unknown>): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: TOKEN_ALG, typ: TOKEN_TYP, kid: w.keys.active.kid, ...header } as { alg: string })
    .sign(w.keys.active.privateKey);
}

function basePayload(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: JWT.issuer,
    aud: JWT.audience,
    sub: randomUUID(),
    jti: randomUUID(),
    iat: Math.floor(START / 1000),
    exp: Math.floor((START + DAY) / 1000),
    ...over,
  };
}

describe('signing key ring', () => {
  test('is created once and reloaded with the same kid; the private key is sealed at rest', async () => {
    const again = await SigningKeyRing.load(w.db, w.box);
    expect(again.active.kid).toBe(w.keys.active.kid);
    expect(await w.db.signingKey.count()).toBe(1);
    const row = await w.db.signingKey.findUniqueOrThrow({ where: { kid: w.keys.active.kid } });
    expect(row.alg).toBe('ES256');
    expect(row.privateJwkCipher.startsWith('v1.')).toBe(true);
    expect(row.privateJwkCipher).not.toContain('"d"');
    expect(JSON.parse(row.publicJwk)).not.toHaveProperty('d');
  });

  test('unknown kids are not verification keys', () => {
    expect(w.keys.get('nope')).toBeUndefined();
    expect(w.keys.get(w.keys.active.kid)).toBeDefined();
  });
});

describe('mint and verify', () => {
  test('round trip returns sub, jti and exp; header pins alg, typ and kid', async () => {
    const c = claims();
    const jwt = await mintJwt(w.keys.active, JWT, c, START);
    const [h, p] = jwt.split('.');
    expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toEqual({ alg: 'ES256', typ: 'bgw+jwt', kid: w.keys.active.kid });
    expect(JSON.parse(Buffer.from(p!, 'base64url').toString())).toMatchObject({ iss: JWT.issuer, aud: JWT.audience, iat: Math.floor(START / 1000) });
    await expect(verifyJwt(jwt, w.keys, JWT, clock)).resolves.toEqual(c);
  });

  test('an expired token is token_expired (by the injected clock)', async () => {
    const c = claims({ exp: Math.floor(START / 1000) + 60 });
    const jwt = await mintJwt(w.keys.active, JWT, c, START);
    clock.set(START + 59_000);
    await expect(verifyJwt(jwt, w.keys, JWT, clock)).resolves.toEqual(c);
    clock.set(START + 61_000);
    expect((await rejection(jwt)).code).toBe('token_expired');
  });

  test('wrong issuer or audience is token_invalid', async () => {
    const jwt = await mintJwt(w.keys.active, JWT, claims(), START);
    for (const settings of [{ ...JWT, issuer: 'someone-else' }, { ...JWT, audience: 'other-api' }]) {
      const err = await verifyJwt(jwt, w.keys, settings, clock).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidToken);
      expect((err as InvalidToken).code).toBe('token_invalid');
    }
    expect((await rejection(await mintJwt(w.keys.active, { ...JWT, issuer: 'evil' }, claims(), START))).code).toBe('token_invalid');
    expect((await rejection(await mintJwt(w.keys.active, { ...JWT, audience: 'evil' }, claims(), START))).code).toBe('token_invalid');
  });

  test.each([['JWT'], ['at+jwt'], [undefined]])('typ %p is refused', async (typ) => {
    const jwt = await custom({ typ }, basePayload());
    expect((await rejection(jwt)).code).toBe('token_invalid');
  });

  test('alg none is refused', async () => {
    const header = { alg: 'none', typ: TOKEN_TYP, kid: w.keys.active.kid };
    expect((await rejection(`${b64(header)}.${b64(basePayload())}.`)).code).toBe('token_invalid');
  });

  test('HS256 signed with the public key bytes (algorithm confusion) is refused', async () => {
    const row = await w.db.signingKey.findUniqueOrThrow({ where: { kid: w.keys.active.kid } });
    const header = b64({ alg: 'HS256', typ: TOKEN_TYP, kid: w.keys.active.kid });
    const payload = b64(basePayload());
    for (const secret of [Buffer.from(row.publicJwk), Buffer.from(JSON.parse(row.publicJwk).x as string, 'base64url')]) {
      const sig = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
      expect((await rejection(`${header}.${payload}.${sig}`)).code).toBe('token_invalid');
    }
  });

  test('a token signed by a key outside the ring (unknown kid) is refused', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const kid = await calculateJwkThumbprint(await exportJWK(publicKey));
    const foreign = await mintJwt({ kid, privateKey: privateKey as CryptoKey }, JWT, claims(), START);
    expect((await rejection(foreign)).code).toBe('token_invalid');
  });

  test("a foreign key claiming the ring's kid is refused", async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await mintJwt({ kid: w.keys.active.kid, privateKey: privateKey as CryptoKey }, JWT, claims(), START);
    expect((await rejection(forged)).code).toBe('token_invalid');
  });

  test('a token without kid is refused', async () => {
    const jwt = await custom({ kid: undefined }, basePayload());
    expect((await rejection(jwt)).code).toBe('token_invalid');
  });

  test('a tampered payload is refused', async () => {
    const jwt = await mintJwt(w.keys.active, JWT, claims(), START);
    const [h, p, s] = jwt.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const tampered = b64({ ...payload, sub: randomUUID() });
    expect((await rejection(`${h}.${tampered}.${s}`)).code).toBe('token_invalid');
    const extended = b64({ ...payload, exp: (payload['exp'] as number) + 365 * 86_400 });
    expect((await rejection(`${h}.${extended}.${s}`)).code).toBe('token_invalid');
  });

  test('a tampered signature is refused', async () => {
    const jwt = await mintJwt(w.keys.active, JWT, claims(), START);
    const [h, p, s] = jwt.split('.');
    const sig = Buffer.from(s!, 'base64url');
    sig[10] = sig[10]! ^ 0x01;
    expect((await rejection(`${h}.${p}.${sig.toString('base64url')}`)).code).toBe('token_invalid');
    expect((await rejection(`${h}.${p}.`)).code).toBe('token_invalid');
  });

  test.each([['jti'], ['sub'], ['iat'], ['exp']])('a token without %s is refused', async (claim) => {
    const payload = basePayload();
    delete payload[claim];
    expect((await rejection(await custom({}, payload))).code).toBe('token_invalid');
  });

  test('a non-string sub is refused', async () => {
    expect((await rejection(await custom({}, basePayload({ sub: 42 })))).code).toBe('token_invalid');
  });

  test.each([[''], ['garbage'], ['a.b.c'], ['a.b'], ['bgw_x.y.z']])('malformed %p is token_invalid', async (jwt) => {
    expect((await rejection(jwt)).code).toBe('token_invalid');
  });

  test('errors never echo the token', async () => {
    const jwt = await custom({ typ: 'JWT' }, basePayload());
    const err = await rejection(jwt);
    expect(err.message).not.toContain(jwt.slice(0, 20));
  });
});

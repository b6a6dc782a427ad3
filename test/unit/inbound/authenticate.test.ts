import { authenticate, type AuthenticateDeps } from '../../../src/inbound/authenticate';
import { mintJwt } from '../../../src/tokens/jwt';
import { runInbound } from '../../../src/inbound';
import { TokenRateLimiter } from '../../../src/inbound/check-rate-limit';
import { GatewayError, InvalidToken } from '../../../src/lib/errors';
import type { GrantInput } from '../../../src/policy/grant';
import type { IssuedToken } from '../../../src/tokens/token-service';
import { DAY, JWT, START, tokenWorld, type TokenWorld } from '../tokens/support';

let w: TokenWorld;
let deps: AuthenticateDeps;

beforeAll(async () => {
  w = await tokenWorld();
  deps = { tokens: w.repo, keys: w.keys, jwt: JWT, clock: w.clock };
});
afterAll(async () => {
  await w.db.$disconnect();
});
beforeEach(() => w.clock.set(START));

const READ: GrantInput = { scopes: ['read-user', 'read-balance'], accounts: [11] };

function issue(opts: { expiresIn?: number; ipAllowlist?: string[] } = {}, parent?: IssuedToken): Promise<IssuedToken> {
  return w.service.issue(
    { name: 't', grant: READ, expiresAt: new Date(w.clock.now() + (opts.expiresIn ?? 10 * DAY)), ...(opts.ipAllowlist ? { ipAllowlist: opts.ipAllowlist } : {}) },
    parent?.token,
  );
}

const bearer = (value: string) => ({ kind: 'bearer' as const, value });

async function refusal(value: string): Promise<InvalidToken> {
  const err = await authenticate(bearer(value), deps).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidToken);
  expect((err as InvalidToken).status).toBe(401);
  return err as InvalidToken;
}

describe('authenticate', () => {
  test('the bearer form and the bunq-key form lead to the same record', async () => {
    const t = await issue();
    const a = await authenticate(bearer(t.bearer), deps);
    const b = await authenticate(bearer(t.bunqKey), deps);
    expect(a.token.id).toBe(t.token.id);
    expect(b.token.id).toBe(t.token.id);
    expect(a.ancestors).toEqual([]);
  });

  test('a derived token lists its ancestors, root first', async () => {
    const root = await issue();
    const mid = await issue({}, root);
    const leaf = await issue({}, mid);
    const p = await authenticate(bearer(leaf.bearer), deps);
    expect(p.ancestors.map((a) => a.id)).toEqual([root.token.id, mid.token.id]);
  });

  test('unknown credentials are token_invalid', async () => {
    expect((await refusal('f'.repeat(64))).code).toBe('token_invalid');
    expect((await refusal('not-a-token')).code).toBe('token_invalid');
    expect((await refusal('bgw_not.a.jwt')).code).toBe('token_invalid');
    // The JWT alone, without the bgw_ prefix, is not accepted.
    const t = await issue();
    expect((await refusal(t.bearer.slice(4))).code).toBe('token_invalid');
    // Upper-case bunq-key form is not the same secret.
    expect((await refusal(t.bunqKey.toUpperCase())).code).toBe('token_invalid');
  });

  test('a revoked token is refused in both forms', async () => {
    const t = await issue();
    await w.service.revoke(t.token.id);
    expect((await refusal(t.bearer)).code).toBe('token_revoked');
    expect((await refusal(t.bunqKey)).code).toBe('token_revoked');
  });

  test('an expired token is refused in both forms', async () => {
    const t = await issue({ expiresIn: 60_000 });
    w.clock.advance(60_000);
    expect((await refusal(t.bearer)).code).toBe('token_expired');
    expect((await refusal(t.bunqKey)).code).toBe('token_expired');
  });

  test('a token whose ancestor was revoked is refused', async () => {
    const root = await issue();
    const child = await issue({}, root);
    const grandchild = await issue({}, child);
    // Revoke only the root's own row, as a stale or partial revocation would leave it.
    await w.db.token.update({ where: { id: root.token.id }, data: { revokedAt: new Date(START) } });
    expect((await refusal(grandchild.bearer)).code).toBe('token_revoked');
    expect((await refusal(grandchild.bunqKey)).code).toBe('token_revoked');
  });

  test('a token whose ancestor has expired is refused', async () => {
    const root = await issue({ expiresIn: 5 * DAY });
    const child = await issue({ expiresIn: 5 * DAY }, root);
    await w.db.token.update({ where: { id: root.token.id }, data: { expiresAt: new Date(START + DAY) } });
    await authenticate(bearer(child.bearer), deps);
    w.clock.advance(DAY);
    expect((await refusal(child.bearer)).code).toBe('token_expired');
  });

  test('a token whose ancestor record is missing is refused', async () => {
    const root = await issue();
    const child = await issue({}, root);
    await w.db.token.update({ where: { id: child.token.id }, data: { ancestry: JSON.stringify(['does-not-exist']) } });
    expect((await refusal(child.bearer)).code).toBe('token_revoked');
  });

  test('after rotation the old bearer and bunq key are refused; the new ones work', async () => {
    const t = await issue();
    const r = await w.service.rotate(t.token.id);
    expect((await refusal(t.bearer)).code).toBe('token_revoked');
    expect((await refusal(t.bunqKey)).code).toBe('token_invalid');
    expect((await authenticate(bearer(r.bearer), deps)).token.id).toBe(t.token.id);
    expect((await authenticate(bearer(r.bunqKey), deps)).token.id).toBe(t.token.id);
  });

  test("a JWT whose sub does not match the jti's record is refused", async () => {
    const a = await issue();
    const b = await issue();
    const franken = await mintJwt(w.keys.active, JWT, { sub: b.token.id, jti: a.token.jti, exp: Math.floor(a.token.expiresAt.getTime() / 1000) }, START);
    expect((await refusal(`bgw_${franken}`)).code).toBe('token_revoked');
  });
});

describe('runInbound', () => {
  const call = (value: string, ip = '10.1.2.3') => ({
    requestId: 'r',
    clientIp: ip,
    method: 'GET',
    target: '/v1/user',
    rawHeaders: ['Authorization', `Bearer ${value}`],
    body: Buffer.alloc(0),
  });

  test('extract → authenticate → IP allowlist (incl. ancestors) → rate limit', async () => {
    const root = await issue({ ipAllowlist: ['10.0.0.0/8'] });
    const child = await issue({}, root);
    const inbound = { ...deps, rateLimiter: new TokenRateLimiter() };
    expect((await runInbound(call(child.bearer), inbound)).token.id).toBe(child.token.id);
    expect((await runInbound(call(child.bunqKey, '::ffff:10.9.9.9'), inbound)).token.id).toBe(child.token.id);
    const err = await runInbound(call(child.bearer, '192.0.2.1'), inbound).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe('ip_not_allowed');
  });
});

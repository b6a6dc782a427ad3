import { GatewayError } from '../../../src/lib/errors';
import type { GrantInput } from '../../../src/policy/grant';
import { hashSecret } from '../../../src/tokens/token-format';
import { verifyJwt } from '../../../src/tokens/jwt';
import type { IssueInput } from '../../../src/tokens/token-service';
import type { TokenRecord } from '../../../src/store/token-repo';
import { DAY, IBAN_A, IBAN_B, JWT, START, tokenWorld, type TokenWorld } from './support';

let w: TokenWorld;

beforeAll(async () => {
  w = await tokenWorld(366);
});
afterAll(async () => {
  await w.db.$disconnect();
});
beforeEach(() => w.clock.set(START));

const PAYER: GrantInput = {
  scopes: ['read-user', 'read-balance', 'read-transactions', 'create-payment'],
  accounts: [11, 12],
  recentDays: 60,
  payment: {
    currency: 'EUR',
    maxPerPayment: '100.00',
    caps: { day: '200.00', month: '1000.00' },
    ibanAllowlist: [IBAN_A],
    sourceAccounts: [11],
    outsideAllowlist: 'deny',
  },
};

function input(over: Partial<IssueInput> = {}): IssueInput {
  return { name: 'test token', grant: { scopes: ['read-user'], accounts: [11] }, expiresAt: new Date(START + 30 * DAY), ...over };
}

async function refused(p: Promise<unknown>, status = 400): Promise<GatewayError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GatewayError);
  expect((err as GatewayError).status).toBe(status);
  return err as GatewayError;
}

async function parentToken(over: Partial<IssueInput> = {}): Promise<TokenRecord> {
  return (await w.service.issue(input({ name: 'parent', grant: PAYER, ...over }))).token;
}

function child(over: Partial<NonNullable<GrantInput['payment']>> = {}, grant: Partial<GrantInput> = {}): GrantInput {
  return { ...PAYER, payment: { ...PAYER.payment!, ...over }, ...grant };
}

describe('issue', () => {
  test('returns a record and both secret forms; only hashes are stored', async () => {
    const issued = await w.service.issue(input({ ipAllowlist: ['10.0.0.0/8'], ratePerMinute: 5, preset: 'widget' }));
    expect(issued.bearer).toMatch(/^bgw_[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(issued.bunqKey).toMatch(/^[0-9a-f]{64}$/);
    const t = issued.token;
    expect(t).toMatchObject({ name: 'test token', parentId: null, ancestry: [], ipAllowlist: ['10.0.0.0/8'], ratePerMinute: 5, ratePerDay: null, preset: 'widget', revokedAt: null });
    expect(t.grant).toEqual({ scopes: ['read-user'], accounts: [11], recentDays: 30 });
    expect(t.createdAt.getTime()).toBe(START);
    const row = await w.db.token.findUniqueOrThrow({ where: { id: t.id } });
    expect(row.keyHash).toBe(hashSecret(issued.bunqKey));
    expect(JSON.stringify(row)).not.toContain(issued.bunqKey);
    expect(JSON.stringify(row)).not.toContain(issued.bearer.slice(4));
    const claims = await verifyJwt(issued.bearer.slice(4), w.keys, JWT, w.clock);
    expect(claims).toEqual({ sub: t.id, jti: t.jti, exp: Math.floor(t.expiresAt.getTime() / 1000) });
  });

  test('names are trimmed; empty or over-long names are refused', async () => {
    expect((await w.service.issue(input({ name: '  spaced  ' }))).token.name).toBe('spaced');
    await refused(w.service.issue(input({ name: '   ' })));
    await refused(w.service.issue(input({ name: 'x'.repeat(101) })));
  });

  test.each<[string, GrantInput]>([
    ['unknown scope', { scopes: ['read-everything'], accounts: [11] }],
    ['no scopes', { scopes: [], accounts: [11] }],
    ['no accounts', { scopes: ['read-user'], accounts: [] }],
    ['duplicate account', { scopes: ['read-user'], accounts: [11, 11] }],
    ['payment scope without payment', { scopes: ['create-payment'], accounts: [11] }],
    ['payment without payment scope', { ...PAYER, scopes: ['read-user'] }],
    ['source account outside accounts', child({ sourceAccounts: [99] })],
    ['invalid IBAN', child({ ibanAllowlist: ['NL00ABNA0000000000'] })],
    ['zero cap', child({ caps: { day: '0' } })],
    ['float-like amount', child({ maxPerPayment: '1e3' })],
    ['extra property', { scopes: ['read-user'], accounts: [11], admin: true } as unknown as GrantInput],
  ])('an invalid grant (%s) is refused with body_invalid', async (_label, grant) => {
    const err = await refused(w.service.issue(input({ grant })));
    expect(err.code).toBe('body_invalid');
    expect(err.message).toMatch(/^Invalid grant/);
  });

  test('IBANs are normalised on the way in', async () => {
    const t = (await w.service.issue(input({ grant: child({ ibanAllowlist: ['nl91 abna 0417 1643 00'] }) }))).token;
    expect(t.grant.payment?.ibanAllowlist).toEqual([IBAN_A]);
  });

  test('an expiry is required to be in the future', async () => {
    await refused(w.service.issue(input({ expiresAt: new Date(START) })));
    await refused(w.service.issue(input({ expiresAt: new Date(START - 1) })));
    await refused(w.service.issue(input({ expiresAt: new Date(Number.NaN) })));
    await w.service.issue(input({ expiresAt: new Date(START + 1000) }));
  });

  test('an expiry beyond the maximum TTL is refused; exactly the maximum is fine', async () => {
    await w.service.issue(input({ expiresAt: new Date(START + 366 * DAY) }));
    const err = await refused(w.service.issue(input({ expiresAt: new Date(START + 366 * DAY + 1) })));
    expect(err.message).toContain('366 days');
  });

  test('a bad IP allowlist entry is refused', async () => {
    const err = await refused(w.service.issue(input({ ipAllowlist: ['not-an-ip'] })));
    expect(err.code).toBe('body_invalid');
    await refused(w.service.issue(input({ ipAllowlist: ['10.0.0.0/33'] })));
  });

  test('each token gets a fresh id, jti and bunq key', async () => {
    const a = await w.service.issue(input());
    const b = await w.service.issue(input());
    expect(a.token.id).not.toBe(b.token.id);
    expect(a.token.jti).not.toBe(b.token.jti);
    expect(a.bunqKey).not.toBe(b.bunqKey);
  });
});

describe('derived tokens (attenuation)', () => {
  test('a narrower child is issued with the ancestry recorded', async () => {
    const parent = await parentToken();
    const c1 = (await w.service.issue(input({ grant: child({ caps: { day: '50.00', month: '100.00' } }, { scopes: ['read-user', 'create-payment'], accounts: [11] }) }), parent)).token;
    expect(c1.parentId).toBe(parent.id);
    expect(c1.ancestry).toEqual([parent.id]);
    const c2 = (await w.service.issue(input({ grant: { scopes: ['read-user'], accounts: [11] } }), c1)).token;
    expect(c2.ancestry).toEqual([parent.id, c1.id]);
  });

  test('a child may take a scope the parent includes (read-transactions ⊇ read-recent)', async () => {
    const parent = await parentToken();
    await w.service.issue(input({ grant: { scopes: ['read-recent'], accounts: [11], recentDays: 60 } }), parent);
  });

  test.each<[string, GrantInput]>([
    ['an extra scope', { scopes: ['read-personal-data'], accounts: [11] }],
    ['an extra account', { scopes: ['read-user'], accounts: [13] }],
    ['a larger maxPerPayment', child({ maxPerPayment: '100.01' })],
    ['a larger day cap', child({ caps: { day: '200.01', month: '1000.00' } })],
    ['a missing cap the parent has', child({ caps: { day: '10.00' } })],
    ['another IBAN', child({ ibanAllowlist: [IBAN_A, IBAN_B] })],
    ['another currency', child({ currency: 'USD' })],
    ['draft where the parent denies', child({ outsideAllowlist: 'draft' })],
    ['another source account', child({ sourceAccounts: [12] })],
  ])('a child with %s is refused', async (_label, grant) => {
    const parent = await parentToken();
    const err = await refused(w.service.issue(input({ grant }), parent));
    expect(err.code).toBe('body_invalid');
    expect(err.message).toContain('cannot exceed its parent');
  });

  test('a child cannot outlive its parent', async () => {
    const parent = await parentToken({ expiresAt: new Date(START + 10 * DAY) });
    await w.service.issue(input({ grant: { scopes: ['read-user'], accounts: [11] }, expiresAt: new Date(START + 10 * DAY) }), parent);
    const err = await refused(w.service.issue(input({ grant: { scopes: ['read-user'], accounts: [11] }, expiresAt: new Date(START + 10 * DAY + 1) }), parent));
    expect(err.message).toContain('outlive');
  });

  test('a child of a read-only parent cannot get payment powers', async () => {
    const parent = (await w.service.issue(input({ grant: { scopes: ['read-user', 'read-balance'], accounts: [11] } }))).token;
    await refused(w.service.issue(input({ grant: child({}, { accounts: [11] }) }), parent));
  });
});

describe('rotate', () => {
  test('changes jti and key hash, keeps the id and grant; old secrets stop matching', async () => {
    const first = await w.service.issue(input({ grant: PAYER }));
    w.clock.advance(5000);
    const rotated = await w.service.rotate(first.token.id);
    expect(rotated.token.id).toBe(first.token.id);
    expect(rotated.token.jti).not.toBe(first.token.jti);
    expect(rotated.bunqKey).not.toBe(first.bunqKey);
    expect(rotated.bearer).not.toBe(first.bearer);
    expect(rotated.token.grant).toEqual(first.token.grant);
    expect(rotated.token.expiresAt).toEqual(first.token.expiresAt);
    expect(rotated.token.rotatedAt?.getTime()).toBe(START + 5000);
    expect(await w.repo.findByJti(first.token.jti)).toBeNull();
    expect(await w.repo.findByKeyHash(hashSecret(first.bunqKey))).toBeNull();
    expect((await w.repo.findByKeyHash(hashSecret(rotated.bunqKey)))?.id).toBe(first.token.id);
    expect((await verifyJwt(rotated.bearer.slice(4), w.keys, JWT, w.clock)).jti).toBe(rotated.token.jti);
  });

  test('a revoked token cannot be rotated (409); an unknown id is 404', async () => {
    const t = await w.service.issue(input());
    await w.service.revoke(t.token.id);
    expect((await refused(w.service.rotate(t.token.id), 409)).code).toBe('conflict');
    expect((await refused(w.service.rotate('no-such-id'), 404)).code).toBe('not_found');
  });
});

describe('revoke', () => {
  test('revokes the token and all its descendants, not its parent or siblings', async () => {
    const root = await parentToken();
    const leaf = (g: GrantInput, p: TokenRecord) => w.service.issue(input({ grant: g }), p).then((x) => x.token);
    const a = await leaf({ scopes: ['read-user'], accounts: [11] }, root);
    const a1 = await leaf({ scopes: ['read-user'], accounts: [11] }, a);
    const a1x = await leaf({ scopes: ['read-user'], accounts: [11] }, a1);
    const b = await leaf({ scopes: ['read-user'], accounts: [11] }, root);
    w.clock.advance(1234);
    const revoked = await w.service.revoke(a.id, 'leaked');
    expect(new Set(revoked)).toEqual(new Set([a.id, a1.id, a1x.id]));
    for (const id of [a.id, a1.id, a1x.id]) {
      const r = await w.repo.findById(id);
      expect(r?.revokedAt?.getTime()).toBe(START + 1234);
      expect(r?.revokedReason).toBe('leaked');
    }
    expect((await w.repo.findById(root.id))?.revokedAt).toBeNull();
    expect((await w.repo.findById(b.id))?.revokedAt).toBeNull();
    const active = (await w.repo.list()).map((t) => t.id);
    expect(active).toContain(root.id);
    expect(active).not.toContain(a.id);
    expect((await w.repo.list({ includeRevoked: true })).map((t) => t.id)).toContain(a.id);
  });

  test('revoking again keeps the first revocation time and reason', async () => {
    const t = (await w.service.issue(input())).token;
    await w.service.revoke(t.id, 'first');
    w.clock.advance(60_000);
    await w.service.revoke(t.id, 'second');
    const r = await w.repo.findById(t.id);
    expect(r?.revokedAt?.getTime()).toBe(START);
    expect(r?.revokedReason).toBe('first');
  });

  test('revoking an unknown id is 404', async () => {
    expect((await refused(w.service.revoke('no-such-id'), 404)).code).toBe('not_found');
  });
});

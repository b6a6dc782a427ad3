// The admin API over HTTP (issue #4): authentication boundaries between the admin surface and
// the gateway, the token lifecycle through the API, validation, console sessions with CSRF,
// login rate limiting, and the generated OpenAPI document checked by an independent validator.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { AdminCredential } from '../../src/admin/admin-credential';
import { ADMIN_ROUTES } from '../../src/admin/routes';
import { IssuedTokenView } from '../../src/admin/schemas';
import { startAdminFixture, type AdminFixture } from './support/admin-fixture';

const V1 = '/admin/api/v1';
let f: AdminFixture;

beforeAll(async () => {
  f = await startAdminFixture();
});
afterAll(async () => {
  await f.close();
});

const widgetRequest = () => ({ name: 'kitchen widget', preset: 'widget', accounts: [f.t.joint.id], expiresInSeconds: 86_400 });

describe('authentication boundaries', () => {
  test('the admin credential is created once, shaped bgwadm_, and stored only as a hash', async () => {
    expect(f.credential).toMatch(/^bgwadm_[A-Za-z0-9_-]{43}$/);
    expect(await new AdminCredential(f.t.runtime.db, f.t.runtime.clock).ensure()).toBeNull();
    const rows = await f.t.runtime.db.adminCredential.findMany();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(f.credential);
  });

  test('the admin API refuses requests without a credential, with a wrong one, and with gateway tokens', async () => {
    const scoped = await f.t.issue({ scopes: ['read-user', 'read-balance'], accounts: [f.t.joint.id] });
    for (const auth of [null, 'bgwadm_' + 'A'.repeat(43), scoped.bearer, scoped.bunqKey]) {
      const r = await f.api('GET', `${V1}/tokens`, { auth });
      expect({ auth, status: r.status, code: r.json.error?.code }).toEqual({ auth, status: 401, code: 'unauthorized' });
    }
    expect((await f.api('GET', `${V1}/tokens`)).status).toBe(200);
  });

  test('the admin credential sent to the gateway is refused (401) and never reaches bunq', async () => {
    const before = f.t.emulator.control.requestCount();
    const res = await fetch(`${f.t.url}/v1/user/${f.t.user.userId}/monetary-account`, { headers: { authorization: `Bearer ${f.credential}` } });
    expect(res.status).toBe(401);
    expect(f.t.emulator.control.requestCount()).toBe(before);
  });

  test('the admin routes are not served by the gateway listener', async () => {
    const res = await fetch(`${f.t.url}${V1}/tokens`, { headers: { authorization: `Bearer ${f.credential}` } });
    expect(res.status).not.toBe(200);
    expect(await res.text()).not.toContain('"tokens"');
  });
});

describe('token lifecycle through the API', () => {
  let id: string;
  let bearer: string;

  test('POST /tokens issues a token from a preset and shows its secrets once', async () => {
    const r = await f.api('POST', `${V1}/tokens`, { body: widgetRequest() });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ name: 'kitchen widget', preset: 'widget', status: 'active', scopes: ['read-user', 'read-balance'], accounts: [f.t.joint.id] });
    expect(r.json.bearer).toMatch(/^bgw_/);
    expect(r.json.bunqKey).toMatch(/^[0-9a-f]{64}$/);
    expect(r.json.summary).toContain(`See accounts and balances on account ${f.t.joint.id}`);
    ({ id, bearer } = r.json);
    const [list, one] = await Promise.all([f.api('GET', `${V1}/tokens`), f.api('GET', `${V1}/tokens/${id}`)]);
    expect(list.json.tokens.map((t: { id: string }) => t.id)).toContain(id);
    expect(one.json.id).toBe(id);
    for (const body of [JSON.stringify(list.json), JSON.stringify(one.json)]) {
      expect(body).not.toContain(bearer);
      expect(body).not.toContain(r.json.bunqKey);
    }
  });

  test('a payment token shows its limits in plain language and its spend', async () => {
    const r = await f.api('POST', `${V1}/tokens`, {
      body: {
        name: 'bookkeeper',
        scopes: ['read-balance', 'create-payment'],
        accounts: [f.t.personal.id],
        payment: { maxPerPayment: '50.00', caps: { day: '100.00' }, ibanAllowlist: ['NL91 ABNA 0417 1643 00', 'DE89370400440532013000'] },
        expiresInSeconds: 3600,
      },
    });
    expect(r.status).toBe(201);
    expect(r.json.summary).toContain(
      `Can pay up to €50.00 per payment, €100.00 per day, from account ${f.t.personal.id} to 2 allowed IBANs; payments to other IBANs are refused`,
    );
    expect(r.json.payment.ibanAllowlist).toEqual(['NL91ABNA0417164300', 'DE89370400440532013000']);
    expect(r.json.spend).toEqual({ currency: 'EUR', day: '0.00', week: '0.00', month: '0.00' });
  });

  test('the token works at the gateway and its call appears in the audit log', async () => {
    const res = await fetch(`${f.t.url}/v1/user/${f.t.user.userId}/monetary-account`, { headers: { authorization: `Bearer ${bearer}` } });
    expect(res.status).toBe(200);
    const audit = await f.api('GET', `${V1}/audit?tokenId=${id}`);
    expect(audit.status).toBe(200);
    expect(audit.json.events[0]).toMatchObject({ tokenId: id, tokenName: 'kitchen widget', decision: 'allow', method: 'GET', status: 200 });
    const shown = await f.api('GET', `${V1}/tokens/${id}`);
    expect(shown.json.lastUsedAt).not.toBeNull();
  });

  test('explain answers like the gateway, without calling bunq', async () => {
    const before = f.t.emulator.control.requestCount();
    const ok = await f.api('POST', `${V1}/explain`, { body: { tokenId: id, method: 'GET', path: `/v1/user/${f.t.user.userId}/monetary-account` } });
    const no = await f.api('POST', `${V1}/explain`, { body: { tokenId: id, method: 'GET', path: `/v1/user/${f.t.user.userId}/monetary-account/${f.t.joint.id}/payment` } });
    expect(ok.json).toMatchObject({ allowed: true, scope: 'read-balance' });
    expect(no.json).toMatchObject({ allowed: false, reasonId: 'scope_missing' });
    expect(f.t.emulator.control.requestCount()).toBe(before);
  });

  test('rotate gives new secrets; the old bearer stops working', async () => {
    const r = await f.api('POST', `${V1}/tokens/${id}/rotate`);
    expect(r.status).toBe(200);
    expect(r.json.id).toBe(id);
    const old = await fetch(`${f.t.url}/v1/user/${f.t.user.userId}/monetary-account`, { headers: { authorization: `Bearer ${bearer}` } });
    expect(old.status).toBe(401);
    bearer = r.json.bearer;
  });

  test('revoke takes effect on the next call', async () => {
    const r = await f.api('POST', `${V1}/tokens/${id}/revoke`);
    expect(r.json).toEqual({ revoked: [id] });
    const res = await fetch(`${f.t.url}/v1/user/${f.t.user.userId}/monetary-account`, { headers: { authorization: `Bearer ${bearer}` } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { Error: { error_code: string }[] }).Error[0]!.error_code).toBe('token_revoked');
    const denied = await f.api('GET', `${V1}/audit?decision=deny&limit=1`);
    expect(denied.json.events[0]).toMatchObject({ decision: 'deny', reasonId: 'token_revoked', status: 401 });
    const active = await f.api('GET', `${V1}/tokens`);
    expect(active.json.tokens.map((t: { id: string }) => t.id)).not.toContain(id);
    const all = await f.api('GET', `${V1}/tokens?all=true`);
    expect(all.json.tokens.find((t: { id: string }) => t.id === id).status).toBe('revoked');
  });

  test('unknown ids are 404', async () => {
    for (const [method, p] of [['GET', '/tokens/nope'], ['POST', '/tokens/nope/revoke'], ['POST', '/tokens/nope/rotate']] as const) {
      const r = await f.api(method, `${V1}${p}`);
      expect({ p, status: r.status, code: r.json.error.code }).toEqual({ p, status: 404, code: 'not_found' });
    }
  });
});

describe('validation', () => {
  test.each([
    ['unknown field', { ...{ name: 'x', scopes: ['read-balance'], accounts: [1], expiresInSeconds: 60 }, admin: true }],
    ['no accounts', { name: 'x', scopes: ['read-balance'], accounts: [], expiresInSeconds: 60 }],
    ['float amount', { name: 'x', scopes: ['create-payment'], accounts: [1], payment: { maxPerPayment: 5 }, expiresInSeconds: 60 }],
    ['bad amount string', { name: 'x', scopes: ['create-payment'], accounts: [1], payment: { maxPerPayment: '5.001' }, expiresInSeconds: 60 }],
    ['unknown scope', { name: 'x', scopes: ['transfer-everything'], accounts: [1], expiresInSeconds: 60 }],
    ['invalid IBAN', { name: 'x', scopes: ['create-payment'], accounts: [1], payment: { maxPerPayment: '5.00', ibanAllowlist: ['NL00ABNA0417164300'] }, expiresInSeconds: 60 }],
    ['no expiry', { name: 'x', scopes: ['read-balance'], accounts: [1] }],
    ['unknown preset', { name: 'x', preset: 'everything', accounts: [1] }],
  ])('%s is refused with 400 and nothing is stored', async (_name, body) => {
    const before = await f.t.runtime.db.token.count();
    const r = await f.api('POST', `${V1}/tokens`, { body });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('body_invalid');
    expect(await f.t.runtime.db.token.count()).toBe(before);
  });

  test('a body that is not application/json is refused with 415', async () => {
    const res = await fetch(`${f.admin.url}${V1}/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.credential}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=x',
    });
    expect(res.status).toBe(415);
  });

  test('unknown query parameters and bad audit filters are refused', async () => {
    expect((await f.api('GET', `${V1}/status?x=1`)).status).toBe(400);
    expect((await f.api('GET', `${V1}/audit?decision=maybe`)).status).toBe(400);
    expect((await f.api('GET', `${V1}/audit?since=yesterday`)).status).toBe(400);
  });
});

describe('reads', () => {
  test('accounts come from bunq with names and IBANs', async () => {
    const r = await f.api('GET', `${V1}/accounts`);
    expect(r.status).toBe(200);
    expect(r.json.userId).toBe(f.t.user.userId);
    const joint = r.json.accounts.find((a: { id: number }) => a.id === f.t.joint.id);
    expect(joint).toMatchObject({ type: 'MonetaryAccountJoint', iban: f.t.joint.iban, description: f.t.joint.description });
  });

  test('status reports the bunq context and counts', async () => {
    const r = await f.api('GET', `${V1}/status`);
    expect(r.json.bunq).toMatchObject({ configured: true, userId: f.t.user.userId, baseUrl: f.t.emulator.baseUrl });
    expect(Date.parse(r.json.bunq.sessionExpiresAt)).toBeGreaterThan(Date.now());
    expect(r.json.upstreamRateLimits.live).toBe(false);
    expect(r.json.tokens.active).toBeGreaterThan(0);
  });

  test('presets and scopes come from policies/', async () => {
    const [presets, scopes] = await Promise.all([f.api('GET', `${V1}/presets`), f.api('GET', `${V1}/scopes`)]);
    expect(presets.json.presets.map((p: { id: string }) => p.id).sort()).toEqual(['bookkeeper', 'sync', 'widget']);
    expect(scopes.json.scopes.find((s: { id: string }) => s.id === 'create-payment')).toMatchObject({ group: 'money', movesMoney: true });
  });

  test('audit pages newest first with a cursor', async () => {
    const t = await f.t.issue({ scopes: ['read-user'], accounts: [f.t.joint.id] });
    for (let i = 0; i < 3; i++) await fetch(`${f.t.url}/v1/user`, { headers: { authorization: `Bearer ${t.bearer}` } });
    const first = await f.api('GET', `${V1}/audit?tokenId=${t.token.id}&limit=2`);
    expect(first.json.events).toHaveLength(2);
    expect(first.json.nextCursor).toBe(first.json.events[1].id);
    const second = await f.api('GET', `${V1}/audit?tokenId=${t.token.id}&limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json.events).toHaveLength(1);
    expect(second.json.events[0].id).toBeLessThan(first.json.events[1].id);
  });
});

describe('console sessions', () => {
  async function login(credential: string) {
    return fetch(`${f.admin.url}/admin/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential }) });
  }
  const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

  test('login sets an HttpOnly SameSite=Strict session cookie; changes need the CSRF token', async () => {
    const res = await login(f.credential);
    expect(res.status).toBe(200);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const session = res.headers.getSetCookie().find((c) => c.startsWith('bgw_admin_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    const cookie = cookiesOf(res);
    const sessionId = /bgw_admin_session=([^;]+)/.exec(cookie)![1]!;
    expect(JSON.stringify(await f.t.runtime.db.adminSession.findMany())).not.toContain(sessionId);

    const read = await f.api('GET', `${V1}/tokens`, { auth: null, headers: { cookie } });
    expect(read.status).toBe(200);
    const body = widgetRequest();
    const noCsrf = await f.api('POST', `${V1}/tokens`, { auth: null, headers: { cookie }, body });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.json.error.code).toBe('csrf_invalid');
    const wrongCsrf = await f.api('POST', `${V1}/tokens`, { auth: null, headers: { cookie, 'x-csrf-token': csrfToken.slice(0, -2) + 'xx' }, body });
    expect(wrongCsrf.status).toBe(403);
    const withCsrf = await f.api('POST', `${V1}/tokens`, { auth: null, headers: { cookie, 'x-csrf-token': csrfToken }, body });
    expect(withCsrf.status).toBe(201);

    const logout = await fetch(`${f.admin.url}/admin/api/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(logout.status).toBe(204);
    expect((await f.api('GET', `${V1}/tokens`, { auth: null, headers: { cookie } })).status).toBe(401);
  });

  test('a CSRF token of another session is refused', async () => {
    const a = await login(f.credential);
    const b = await login(f.credential);
    const tokenB = ((await b.json()) as { csrfToken: string }).csrfToken;
    const r = await f.api('POST', `${V1}/tokens`, { auth: null, headers: { cookie: cookiesOf(a), 'x-csrf-token': tokenB }, body: widgetRequest() });
    expect(r.status).toBe(403);
  });

  test('a wrong credential does not log in, and login attempts are rate-limited', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await login('bgwadm_' + 'B'.repeat(43))).status);
    expect(codes.every((c) => c === 401 || c === 429)).toBe(true);
    expect(codes).toContain(429);
    const blocked = await login(f.credential);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  test('resetting the credential ends sessions and the old credential', async () => {
    const svc = new AdminCredential(f.t.runtime.db, f.t.runtime.clock);
    const fresh = await svc.reset();
    expect((await f.api('GET', `${V1}/tokens`)).status).toBe(401);
    expect((await f.api('GET', `${V1}/tokens`, { auth: fresh })).status).toBe(200);
    expect(await f.t.runtime.db.adminSession.count()).toBe(0);
    f.credential = fresh;
  });
});

describe('DNS rebinding', () => {
  function getWithHost(host: string): Promise<number> {
    const { port } = new URL(f.admin.url);
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/admin/api/openapi.json', headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
  }

  test('a listener on loopback answers only to loopback Host names', async () => {
    const { port } = new URL(f.admin.url);
    expect(await getWithHost(`127.0.0.1:${port}`)).toBe(200);
    expect(await getWithHost(`localhost:${port}`)).toBe(200);
    expect(await getWithHost(`[::1]:${port}`)).toBe(200);
    expect(await getWithHost(`attacker.example:${port}`)).toBe(421);
    expect(await getWithHost('127.0.0.1.attacker.example')).toBe(421);
  });
});

describe('console and OpenAPI document', () => {
  test('the console is served with a strict CSP and no inline code', async () => {
    const res = await fetch(`${f.admin.url}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/app.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/\son[a-z]+=/);
  });

  test('the OpenAPI 3.1 document is served and valid', async () => {
    const res = await fetch(`${f.admin.url}/admin/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/admin/api/v1/tokens', '/admin/api/v1/tokens/{id}', '/admin/api/v1/tokens/{id}/revoke', '/admin/api/v1/audit', '/admin/api/session']),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['CreateTokenRequest', 'Token', 'IssuedToken', 'AuditPage', 'Error']));
    const out = execFileSync(process.execPath, [path.join(__dirname, 'support', 'validate-openapi.mjs')], { input: JSON.stringify(doc) }).toString();
    const result = JSON.parse(out) as { valid: boolean; version: string; errors: unknown };
    expect(result).toEqual({ valid: true, version: '3.1', errors: null });
  });

  test('every GET answer matches the response schema the document was generated from', async () => {
    for (const route of ADMIN_ROUTES.filter((r) => r.method === 'get' && !r.params)) {
      const r = await f.api('GET', `${V1}${route.path}`);
      expect({ path: route.path, status: r.status }).toEqual({ path: route.path, status: route.status });
      const parsed = route.response.safeParse(r.json);
      expect({ path: route.path, ok: parsed.success, issues: parsed.success ? [] : parsed.error.issues }).toEqual({ path: route.path, ok: true, issues: [] });
    }
    const created = await f.api('POST', `${V1}/tokens`, { body: widgetRequest() });
    expect(IssuedTokenView.safeParse(created.json).success).toBe(true);
  });

  test('the validator rejects a broken document (the check is real)', () => {
    const out = execFileSync(process.execPath, [path.join(__dirname, 'support', 'validate-openapi.mjs')], {
      input: JSON.stringify({ openapi: '3.1.0', info: { title: 'x' }, paths: { '/x': { get: { responses: { '200': { content: 5 } } } } } }),
    }).toString();
    expect(JSON.parse(out).valid).toBe(false);
  });
});

// Issue #3: for every scope, its endpoints are allowed and all others denied, driven from
// the catalog itself (policies/scopes.json + endpoints.json): a token holding just that scope
// calls every forwarded endpoint with valid ids and bodies. Covered endpoints are never
// refused for a missing scope; every other one is refused with 403 scope_missing and bunq
// receives nothing.
import { loadCatalog, type CatalogEntry, type Scope } from '../../src/policy/catalog';
import type { GrantInput } from '../../src/policy/grant';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call, counting, errorOf, type Method } from './support/calls';

const PAYEE = 'NL91ABNA0417164300';
const catalog = loadCatalog();
const scopes: Scope[] = [...catalog.scopes.values()];
const forwarded: CatalogEntry[] = catalog.entries.filter((e) => e.handledBy === 'upstream');

let t: TestGateway;
const tokens = new Map<string, string>();

beforeAll(async () => {
  t = await startTestGateway();
  const accounts = [t.personal.id, t.savings.id, t.joint.id];
  for (const scope of scopes) {
    const grant: GrantInput = {
      scopes: [scope.id],
      accounts,
      ...(scope.movesMoney
        ? { payment: { maxPerPayment: '1000.00', ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] } }
        : {}),
    };
    tokens.set(scope.id, (await t.issue(grant, { name: `only ${scope.id}` })).bearer);
  }
});
afterAll(async () => t?.close());

/** Does holding `scope` cover `entry` (directly or through a scope it includes)? */
function covers(scope: Scope, entry: CatalogEntry): boolean {
  return entry.scopes.includes(scope.id) || scope.includes.some((inc) => entry.scopes.includes(inc));
}

/** A valid id for each template parameter, by what the entry is about. */
function pathFor(entry: CatalogEntry): string {
  const c = t.emulator.control;
  const itemId = (): number => {
    if (entry.id.startsWith('user')) return t.user.userId;
    if (entry.id.startsWith('monetary-account')) {
      if (entry.id.startsWith('monetary-account-savings')) return t.savings.id;
      if (entry.id.startsWith('monetary-account-joint')) return t.joint.id;
      return t.personal.id;
    }
    if (entry.id.startsWith('payment')) return c.listPayments(t.personal.id)[0]!.id;
    if (entry.id.startsWith('draft-payment')) return c.listDraftPayments(t.personal.id)[0]?.id ?? 1;
    if (entry.id.startsWith('request-inquiry')) return c.listRequestInquiries(t.personal.id)[0]!.id;
    throw new Error(`no item id known for ${entry.id}; extend the scope-matrix test`);
  };
  return `/v1${entry.path}`.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    if (name === 'userID') return String(t.user.userId);
    if (name === 'monetary-accountID') return String(t.personal.id);
    if (name === 'itemId') return String(itemId());
    throw new Error(`unknown template parameter ${name} in ${entry.id}; extend the scope-matrix test`);
  });
}

function bodyFor(entry: CatalogEntry): unknown {
  const pointer = { type: 'IBAN', value: PAYEE, name: 'Payee' };
  switch (entry.body) {
    case null:
      return undefined;
    case 'payment-create':
      return { amount: { value: '1.00', currency: 'EUR' }, counterparty_alias: pointer, description: 'matrix' };
    case 'draft-payment-create':
      return { entries: [{ amount: { value: '1.00', currency: 'EUR' }, counterparty_alias: pointer, description: 'matrix' }], number_of_required_accepts: 1 };
    case 'request-inquiry-create':
      return { amount_inquired: { value: '1.00', currency: 'EUR' }, counterparty_alias: pointer, description: 'matrix', allow_bunqme: false };
    case 'request-inquiry-revoke':
      return { status: 'REVOKED' };
  }
}

test('the catalog has scopes and forwarded endpoints to check, and every forwarded endpoint names at least one scope', () => {
  expect(scopes.length).toBeGreaterThanOrEqual(10);
  expect(forwarded.length).toBeGreaterThanOrEqual(20);
  for (const entry of forwarded) expect(entry.scopes.length).toBeGreaterThan(0);
  // Every forwarded endpoint is reachable by some scope, so the matrix below has an allowed cell in each column.
  for (const entry of forwarded) expect(scopes.some((s) => covers(s, entry))).toBe(true);
});

describe.each(scopes.map((s) => [s.id, s] as const))('a token holding only %s', (_id, scope) => {
  test.each(forwarded.filter((e) => covers(scope, e)).map((e) => [e.label, e] as const))(
    'when it calls %s, then it is not refused for a missing scope',
    async (_label, entry) => {
      const body = bodyFor(entry);
      const res = await call(t, entry.method as Method, pathFor(entry), tokens.get(scope.id)!, body === undefined ? {} : { body });
      expect({ status: res.status, code: errorOf(res).error_code ?? null }).not.toMatchObject({ code: 'scope_missing' });
      expect(res.status).not.toBe(401);
      expect(res.status).not.toBe(405);
    },
  );

  const denied = forwarded.filter((e) => !covers(scope, e));
  if (denied.length > 0) {
    test.each(denied.map((e) => [e.label, e] as const))(
      'when it calls %s, then it is refused with 403 scope_missing and bunq receives nothing',
      async (_label, entry) => {
        const body = bodyFor(entry);
        const { result: res, upstream } = await counting(t, () =>
          call(t, entry.method as Method, pathFor(entry), tokens.get(scope.id)!, body === undefined ? {} : { body }),
        );
        expect({ status: res.status, code: errorOf(res).error_code }).toEqual({ status: 403, code: 'scope_missing' });
        expect(upstream).toBe(0);
      },
    );
  }
});

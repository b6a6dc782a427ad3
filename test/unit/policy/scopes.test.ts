/**
 * Driven by the catalog data: for every scope and every forwarded endpoint, a grant holding
 * only that scope is allowed exactly on the endpoints that list it, and denied (scope_missing)
 * everywhere else. Adding an endpoint or scope to policies/ adds cases here automatically.
 */
import type { CatalogEntry } from '../../../src/policy/catalog';
import { decide } from '../../../src/policy/decide';
import { ALLOWED_IBAN, USER, call, catalog, ctx, grant, payment } from './helpers';

const SAMPLE_BODIES: Record<string, unknown> = {
  'payment-create': { amount: { value: '1.00', currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: ALLOWED_IBAN, name: 'S' }, description: 'x' },
  'draft-payment-create': { entries: [{ amount: { value: '1.00', currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: ALLOWED_IBAN, name: 'S' }, description: 'x' }], number_of_required_accepts: 1 },
  'request-inquiry-create': { amount_inquired: { value: '1.00', currency: 'EUR' }, counterparty_alias: { type: 'EMAIL', value: 'a@example.com' }, description: 'x', allow_bunqme: false },
  'request-inquiry-revoke': { status: 'REVOKED' },
};

/** A concrete request for the entry, with ids its conditions accept. */
function sampleCall(entry: CatalogEntry) {
  const idFor = (name: string): number => {
    const claim = entry.conditions.find((c) => (c.config as { param?: string }).param === name);
    if (claim?.id === 'user-id') return USER;
    if (claim?.id === 'monetary-account') return 11;
    return 5;
  };
  const target = `/v1${entry.path.replace(/\{([^}]+)\}/g, (_m, name: string) => String(idFor(name)))}`;
  return call(entry.method, target, entry.body === null ? undefined : SAMPLE_BODIES[entry.body]);
}

const forwarded = catalog.entries.filter((e) => e.handledBy === 'upstream');
const cases = [...catalog.scopes.values()].flatMap((scope) => forwarded.map((entry) => [scope.id, entry.id, entry.scopes.includes(scope.id)] as const));

describe('every scope against every forwarded endpoint', () => {
  it('when the catalog is loaded, then every sample body has a schema and every entry a case', () => {
    for (const e of forwarded) if (e.body !== null) expect(SAMPLE_BODIES[e.body]).toBeDefined();
    expect(cases.length).toBe(catalog.scopes.size * forwarded.length);
  });

  it.each(cases)('when the grant holds only %s, then %s is allowed: %s', (scopeId, entryId, allowed) => {
    const scope = catalog.scopes.get(scopeId)!;
    const g = grant({ scopes: [scopeId], accounts: [11, 12], ...(scope.movesMoney ? { payment } : {}) });
    const d = decide(sampleCall(catalog.get(entryId)!), g, ctx);
    if (allowed) {
      expect(d).toMatchObject({ allowed: true, scope: scopeId, endpointId: entryId });
    } else {
      expect(d).toMatchObject({ allowed: false, reasonId: 'scope_missing' });
    }
  });
});

describe('scopes.json is written for people', () => {
  it.each([...catalog.scopes.values()].map((s) => [s.id, s]))('when the scope %s is shown to an owner, then it has a title, description and group', (_id, s) => {
    expect(s.title.length).toBeGreaterThan(5);
    expect(s.description.length).toBeGreaterThan(30);
    expect(['read', 'write', 'money']).toContain(s.group);
  });
});

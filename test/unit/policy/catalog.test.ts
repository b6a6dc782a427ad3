import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CatalogError, DEFAULT_POLICIES_DIR, loadCatalog } from '../../../src/policy/catalog';
import { catalog } from './helpers';

const realScopes = JSON.parse(readFileSync(path.join(DEFAULT_POLICIES_DIR, 'scopes.json'), 'utf8'));
const realEndpoints = JSON.parse(readFileSync(path.join(DEFAULT_POLICIES_DIR, 'endpoints.json'), 'utf8'));

type Json = Record<string, unknown>;

/** Writes a fixture catalog: the real files with `change` applied; returns its directory. */
function fixture(change: { endpoints?: (e: Json[]) => Json[]; scopes?: (s: Json[]) => Json[]; raw?: Record<string, string>; presets?: Record<string, unknown> }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'catalog-'));
  const endpoints = (change.endpoints ?? ((e) => e))(structuredClone(realEndpoints.endpoints));
  const scopes = (change.scopes ?? ((s) => s))(structuredClone(realScopes.scopes));
  writeFileSync(path.join(dir, 'endpoints.json'), JSON.stringify({ endpoints }));
  writeFileSync(path.join(dir, 'scopes.json'), JSON.stringify({ scopes }));
  mkdirSync(path.join(dir, 'presets'));
  for (const [name, value] of Object.entries(change.presets ?? {})) writeFileSync(path.join(dir, 'presets', name), JSON.stringify(value));
  for (const [name, text] of Object.entries(change.raw ?? {})) writeFileSync(path.join(dir, name), text);
  return dir;
}

function loadError(dir: string): CatalogError {
  try {
    loadCatalog(dir);
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
  throw new Error('expected the catalog to be refused');
}

const byId = (id: string, f: (e: Json) => void) => (list: Json[]) => list.map((e) => (e['id'] === id ? (f(e), e) : e));

describe('loadCatalog with the real policies', () => {
  it('when loaded, then every required endpoint is present', () => {
    for (const id of [
      'user.list', 'user.one', 'user-person.one', 'user-company.one', 'monetary-account.list', 'monetary-account.one',
      'monetary-account-bank.list', 'monetary-account-bank.one', 'monetary-account-joint.list', 'monetary-account-joint.one',
      'monetary-account-savings.list', 'monetary-account-savings.one', 'payment.list', 'payment.one', 'payment.create',
      'draft-payment.list', 'draft-payment.one', 'draft-payment.create', 'request-inquiry.list', 'request-inquiry.one',
      'request-inquiry.create', 'request-inquiry.revoke',
    ]) {
      expect(catalog.get(id)?.handledBy).toBe('upstream');
    }
  });

  it('when loaded, then the handshake endpoints are classified as handled by the gateway', () => {
    for (const id of ['installation.create', 'device-server.create', 'session-server.create', 'session.delete']) {
      expect(catalog.get(id)?.handledBy).toBe('gateway');
    }
  });

  it('when loaded, then the required scopes exist and only create-payment moves money', () => {
    const ids = [...catalog.scopes.keys()];
    expect(ids).toEqual(expect.arrayContaining([
      'read-user', 'read-personal-data', 'read-balance', 'read-recent', 'read-transactions', 'read-key-requests',
      'create-request', 'cancel-request', 'create-payment',
    ]));
    expect([...catalog.scopes.values()].filter((s) => s.movesMoney).map((s) => s.id)).toEqual(['create-payment']);
    expect([...catalog.personalDataScopes]).toEqual(['read-personal-data']);
  });

  it('when loaded, then the three presets are present', () => {
    expect([...catalog.presets.keys()].sort()).toEqual(['bookkeeper', 'sync', 'widget']);
  });

  it('when loaded, then the result is frozen', () => {
    expect(Object.isFrozen(catalog)).toBe(true);
  });
});

describe('loadCatalog refuses a bad catalog, naming file and entry', () => {
  it.each([
    ['an unknown scope', byId('payment.list', (e) => { e['scopes'] = ['read-transactions', 'read-everything']; }), /endpoints\.json: entry "payment\.list": unknown scope "read-everything"/],
    ['a duplicate id', (l: Json[]) => [...l, { ...l.find((e) => e['id'] === 'user.one'), path: '/user-x/{itemId}' }], /entry "user\.one": duplicate id/],
    ['two entries matching one request', (l: Json[]) => [...l, { ...l.find((e) => e['id'] === 'user.one'), id: 'user.other', conditions: { 'user-id': { param: 'userID' } }, path: '/user/{userID}' }], /entry "user\.other": ambiguous: entries "user\.one" and "user\.other" both match GET \/user\/\{\}/],
    ['an unknown body schema', byId('payment.create', (e) => { e['body'] = 'payment-yolo'; }), /entry "payment\.create": unknown body schema "payment-yolo"/],
    ['a template with a trailing slash', byId('user.list', (e) => { e['path'] = '/user/'; }), /entry "user\.list": bad template "\/user\/"/],
    ['a template with upper case', byId('user.list', (e) => { e['path'] = '/User'; }), /entry "user\.list": bad template/],
    ['a template with the /v1 prefix', byId('user.list', (e) => { e['path'] = '/v1/user'; }), /entry "user\.list": bad template .*relative to \/v1/],
    ['a template with a repeated parameter', byId('user.one', (e) => { e['path'] = '/user/{itemId}/x/{itemId}'; }), /entry "user\.one": bad template .*appears twice/],
    ['an unknown condition', byId('user.one', (e) => { (e['conditions'] as Json)['time-of-day'] = {}; }), /entry "user\.one": unknown condition "time-of-day"/],
    ['a bad condition config', byId('user.one', (e) => { (e['conditions'] as Json)['user-id'] = { parameter: 'itemId' }; }), /entry "user\.one": condition "user-id": bad config/],
    ['a condition naming a missing parameter', byId('user.one', (e) => { (e['conditions'] as Json)['user-id'] = { param: 'userID' }; }), /entry "user\.one": condition "user-id" names \{userID\}, which is not in the path/],
    ['an unchecked path parameter', byId('payment.list', (e) => { delete (e['conditions'] as Json)['user-id']; }), /entry "payment\.list": path parameter \{userID\} is not checked by any condition/],
    ['a money body without the allowlist condition', byId('payment.create', (e) => { delete (e['conditions'] as Json)['iban-allowlist']; }), /entry "payment\.create": body "payment-create" moves money but condition "iban-allowlist" is missing/],
    ['a money condition on a body that moves no money', byId('request-inquiry.create', (e) => { (e['conditions'] as Json)['currency'] = {}; }), /entry "request-inquiry\.create": condition "currency" needs a body that moves money/],
    ['a recent-window scope without the recent-window condition', byId('payment.list', (e) => { delete (e['conditions'] as Json)['recent-window']; }), /entry "payment\.list": scope "read-recent" is restricted to a recent window/],
    ['an own-objects scope without an ownership check', byId('request-inquiry.one', (e) => { delete (e['conditions'] as Json)['ownership']; }), /entry "request-inquiry\.one": scope "read-key-requests" is restricted to own objects/],
    ['a GET with a body schema', byId('user.list', (e) => { e['body'] = 'payment-create'; }), /entry "user\.list": GET takes no body/],
    ['a POST without a body schema', byId('request-inquiry.create', (e) => { delete e['body']; }), /entry "request-inquiry\.create": POST needs a body schema/],
    ['query parameters on a POST', byId('payment.create', (e) => { e['query'] = ['count']; }), /entry "payment\.create": query parameters are only allowed on GET/],
    ['an upstream entry without scopes', byId('user.list', (e) => { e['scopes'] = []; }), /entry "user\.list": an upstream endpoint needs at least one scope/],
    ['a gateway entry with scopes', byId('installation.create', (e) => { e['scopes'] = ['read-user']; }), /entry "installation\.create": a "gateway" endpoint has a note and no scopes/],
    ['an unknown field', byId('user.list', (e) => { e['scope'] = 'read-user'; }), /entry "user\.list":.*[Uu]nrecognized key/],
    ['a draft target that is not a draft create', byId('payment.create', (e) => { (e['conditions'] as Json)['iban-allowlist'] = { draftEndpoint: 'payment.list' }; }), /entry "payment\.create": iban-allowlist draftEndpoint "payment\.list" must be/],
    ['a draft target without the same scopes', byId('draft-payment.create', (e) => { e['scopes'] = ['create-request']; (e['conditions'] as Json)['iban-allowlist'] = {}; }), /entry "payment\.create": draftEndpoint "draft-payment\.create" must allow every scope of this entry/],
    ['a draft target with parameters the payment lacks', (l: Json[]) => l.map((e) => (e['id'] === 'payment.create' ? { ...e, path: '/user/{userID}/monetary-account/{monetary-accountID}/payment-x' } : e['id'] === 'draft-payment.create' ? { ...e, path: '/user/{userID}/monetary-account/{monetary-accountID}/draft-payment/{itemId}', conditions: { ...(e['conditions'] as Json), ownership: { kind: 'draft-payment', action: 'require', param: 'itemId' } } } : e)), /draftEndpoint "draft-payment\.create" needs path parameters/],
    ['source and monetary account on different parameters', byId('payment.create', (e) => { e['path'] = '/user/{userID}/monetary-account/{monetary-accountID}/payment/{itemId}'; (e['conditions'] as Json)['source-account'] = { param: 'itemId' }; }), /must name the same parameter/],
    ['an upstream entry without a response kind', byId('user.list', (e) => { delete e['response']; }), /entry "user\.list": an upstream endpoint needs a response kind/],
    ['an entry without an id', (l: Json[]) => [...l, { method: 'GET', path: '/x' }], /entry #\d+ field "id"/],
  ])('when endpoints.json has %s, then the error names it', (_name, endpoints, message) => {
    const error = loadError(fixture({ endpoints }));
    expect(error.message).toMatch(message);
  });

  it.each([
    ['a duplicate scope id', (s: Json[]) => [...s, s[0] as Json], /scopes\.json: scope "read-user": duplicate id/],
    ['an unused scope', (s: Json[]) => [...s, { id: 'read-nothing', group: 'read', title: 'x', description: 'x' }], /scopes\.json: scope "read-nothing": no endpoint/],
    ['a read scope allowing a POST', (s: Json[]) => s.map((x) => (x['id'] === 'create-request' ? { ...x, group: 'read' } : x)), /scope "create-request": a read scope may only allow GET/],
    ['a money-moving scope outside the money group', (s: Json[]) => s.map((x) => (x['id'] === 'create-payment' ? { ...x, group: 'write' } : x)), /scope "create-payment": allows an endpoint that moves money/],
    ['an include of an unknown scope', (s: Json[]) => s.map((x) => (x['id'] === 'read-transactions' ? { ...x, includes: ['read-all'] } : x)), /scope "read-transactions": includes unknown scope "read-all"/],
  ])('when scopes.json has %s, then the error names it', (_name, scopes, message) => {
    expect(loadError(fixture({ scopes })).message).toMatch(message);
  });

  it.each([
    ['a duplicate key', '{"endpoints":[],"endpoints":[]}', /endpoints\.json: duplicate key "endpoints"/],
    ['a comment', '// hi\n{"endpoints":[]}', /endpoints\.json: unexpected character/],
    ['not JSON at all', 'nope', /endpoints\.json: /],
  ])('when endpoints.json contains %s, then start-up is refused naming the file', (_name, text, message) => {
    expect(loadError(fixture({ raw: { 'endpoints.json': text } })).message).toMatch(message);
  });

  it('when scopes.json has the wrong shape, then the error names the field', () => {
    expect(loadError(fixture({ raw: { 'scopes.json': '{"scopes":[{"id":"x"}]}' } })).message).toMatch(/scopes\.json: scopes field "scopes\.0\.group"/);
  });

  it('when endpoints.json has the wrong shape, then the error names it', () => {
    expect(loadError(fixture({ raw: { 'endpoints.json': '{"routes":[]}' } })).message).toMatch(/endpoints\.json: endpoints/);
  });

  it('when a preset is not strict JSON, then the error names the preset file', () => {
    const dir = fixture({});
    writeFileSync(path.join(dir, 'presets', 'bad.json'), '{"id":"bad","id":"bad"}');
    expect(loadError(dir).message).toMatch(/presets\/bad\.json: duplicate key "id"/);
  });

  it('when a file is missing, then the error names it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'catalog-'));
    expect(loadError(dir).message).toMatch(/scopes\.json: ENOENT/);
  });

  const preset = { id: 'p', title: 't', description: 'd', suggestedExpiryDays: 30, grant: { scopes: ['read-user'] } };
  it.each([
    ['a file name that differs from the id', { 'q.json': preset }, /q\.json: preset "p": the file must be named p\.json/],
    ['an unknown scope', { 'p.json': { ...preset, grant: { scopes: ['read-all'] } } }, /p\.json: preset "p": unknown scope "read-all"/],
    ['a money scope without payment', { 'p.json': { ...preset, grant: { scopes: ['create-payment'] } } }, /p\.json: preset "p": "payment" must be present exactly when/],
    ['payment without a money scope', { 'p.json': { ...preset, grant: { scopes: ['read-user'], payment: { maxPerPayment: '1.00' } } } }, /p\.json: preset "p": "payment" must be present/],
    ['accounts filled in', { 'p.json': { ...preset, grant: { scopes: ['read-user'], accounts: [1] } } }, /p\.json: preset field "grant".*[Uu]nrecognized key/],
  ])('when a preset has %s, then the error names the file and preset', (_name, presets, message) => {
    expect(loadError(fixture({ presets })).message).toMatch(message);
  });

  it('when several problems exist, then all are reported at once', () => {
    const error = loadError(fixture({
      endpoints: (l) => l.map((e) => (e['id'] === 'user.list' ? { ...e, scopes: ['nope'] } : e['id'] === 'user.one' ? { ...e, body: 'x' } : e)),
    }));
    expect(error.problems.length).toBeGreaterThanOrEqual(2);
    expect(error).toBeInstanceOf(TypeError);
  });
});

// OWASP API1:2023 Broken Object Level Authorization and API5:2023 Broken Function Level
// Authorization. API1: another monetary account in the path of every account-scoped endpoint,
// another bunq user id, another token's request-inquiry / draft-payment; read-recent paging
// cannot reach past the window. API5: a token calling functions its scopes do not include,
// money leaving a non-source account, the endpoints the gateway never forwards (user updates,
// draft updates) and its own handshake called with a bearer token. Each refusal is exact, and nothing reaches bunq.
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { JSON_CT, OTHER_IBAN, PAYEE, auth, expectRefused, paymentJson, sendRaw, type AttackCase, type Expected, type RawRequest } from './support/kit';
import { fromBunqTimestamp } from '../../src/lib/clock';

let t: TestGateway;
let owner: string; // token A: created the objects below
let peer: string; // token B: same scopes, same account
let readOnly: string;
let recentOnly: string;
let requestOnly: string;
let twoAccounts: string;
let u: number;
let acc: number;
let savings: number;
let joint: number;
let riOfA: number;
let draftOfA: number;

const ALL = ['read-user', 'read-balance', 'read-transactions', 'read-key-requests', 'read-draft-payments', 'create-request', 'cancel-request', 'create-payment'];
const RECENT_DAYS = 3;

function idOf(text: string): number {
  const id = (JSON.parse(text) as { Response: { Id: { id: number } }[] }).Response[0]?.Id.id;
  if (typeof id !== 'number') throw new Error(`no id in ${text}`);
  return id;
}

beforeAll(async () => {
  t = await startTestGateway();
  u = t.user.userId;
  acc = t.personal.id;
  savings = t.savings.id;
  joint = t.joint.id;
  const payment = { maxPerPayment: '10.00', ibanAllowlist: [PAYEE], sourceAccounts: [acc], outsideAllowlist: 'draft' as const };
  owner = (await t.issue({ scopes: ALL, accounts: [acc], payment }, { name: 'A' })).bearer;
  peer = (await t.issue({ scopes: ALL, accounts: [acc], payment }, { name: 'B' })).bearer;
  readOnly = (await t.issue({ scopes: ['read-balance'], accounts: [acc] }, { name: 'read-only' })).bearer;
  recentOnly = (await t.issue({ scopes: ['read-recent'], accounts: [acc], recentDays: RECENT_DAYS }, { name: 'recent' })).bearer;
  requestOnly = (await t.issue({ scopes: ['create-request'], accounts: [acc] }, { name: 'requests' })).bearer;
  twoAccounts = (await t.issue({ scopes: ['create-payment', 'read-balance'], accounts: [acc, savings], payment }, { name: 'two accounts' })).bearer;
  const ri = await sendRaw(t.url, {
    method: 'POST', target: `/v1/user/${u}/monetary-account/${acc}/request-inquiry`, headers: [auth(owner), JSON_CT],
    body: '{"amount_inquired":{"value":"1.00","currency":"EUR"},"counterparty_alias":{"type":"EMAIL","value":"a@example.com"},"description":"x","allow_bunqme":true}',
  });
  expect(ri.status).toBe(200);
  riOfA = idOf(ri.text);
  const draft = await sendRaw(t.url, { method: 'POST', target: `/v1/user/${u}/monetary-account/${acc}/payment`, headers: [auth(owner), JSON_CT], body: paymentJson('1.00', OTHER_IBAN) });
  expect(draft.status).toBe(200);
  draftOfA = idOf(draft.text);
});
afterAll(async () => t?.close());

const ACCOUNT: Expected = { status: 403, code: 'account_not_allowed' };
const USER: Expected = { status: 403, code: 'user_not_allowed' };
const OWNED: Expected = { status: 403, code: 'object_not_owned' };
const SCOPE: Expected = { status: 403, code: 'scope_missing' };
const NEVER: Expected = { status: 403, code: 'endpoint_not_allowed' };

const req = (token: () => string, method: string, target: () => string, body?: string): (() => RawRequest) => () => ({
  method,
  target: target(),
  headers: body === undefined ? [auth(token())] : [auth(token()), JSON_CT],
  ...(body === undefined ? {} : { body }),
});
const A = () => owner;
const B = () => peer;
const RI_BODY = '{"amount_inquired":{"value":"1.00","currency":"EUR"},"counterparty_alias":{"type":"EMAIL","value":"a@example.com"},"description":"x","allow_bunqme":true}';
const DRAFT_BODY = `{"entries":[{"amount":{"value":"1.00","currency":"EUR"},"counterparty_alias":{"type":"IBAN","value":"${PAYEE}","name":"P"},"description":"x"}],"number_of_required_accepts":1}`;

/** Every account-scoped endpoint, as [method, path under the account, body]. */
const accountScoped = (x: () => number): [string, string, () => RawRequest][] => [
  ['GET', 'monetary-account/{x}', req(A, 'GET', () => `/v1/user/${u}/monetary-account/${x()}`)],
  ['GET', 'monetary-account-bank/{x}', req(A, 'GET', () => `/v1/user/${u}/monetary-account-bank/${x()}`)],
  ['GET', 'monetary-account-joint/{x}', req(A, 'GET', () => `/v1/user/${u}/monetary-account-joint/${x()}`)],
  ['GET', 'monetary-account-savings/{x}', req(A, 'GET', () => `/v1/user/${u}/monetary-account-savings/${x()}`)],
  ['GET', 'monetary-account/{x}/payment', req(A, 'GET', () => `/v1/user/${u}/monetary-account/${x()}/payment`)],
  ['GET', 'monetary-account/{x}/payment/{id}', req(A, 'GET', () => `/v1/user/${u}/monetary-account/${x()}/payment/1`)],
  ['POST', 'monetary-account/{x}/payment', req(A, 'POST', () => `/v1/user/${u}/monetary-account/${x()}/payment`, paymentJson('1.00'))],
  ['GET', 'monetary-account/{x}/draft-payment', req(A, 'GET', () => `/v1/user/${u}/monetary-account/${x()}/draft-payment`)],
  ['GET', 'monetary-account/{x}/draft-payment/{id}', req(A, 'GET', () => `/v1/user/${u}/monetary-account/${x()}/draft-payment/${draftOfA}`)],
  ['POST', 'monetary-account/{x}/draft-payment', req(A, 'POST', () => `/v1/user/${u}/monetary-account/${x()}/draft-payment`, DRAFT_BODY)],
  ['GET', 'monetary-account/{x}/request-inquiry', req(A, 'GET', () => `/v1/user/${u}/monetary-account/${x()}/request-inquiry`)],
  ['GET', 'monetary-account/{x}/request-inquiry/{id}', req(A, 'GET', () => `/v1/user/${u}/monetary-account/${x()}/request-inquiry/${riOfA}`)],
  ['POST', 'monetary-account/{x}/request-inquiry', req(A, 'POST', () => `/v1/user/${u}/monetary-account/${x()}/request-inquiry`, RI_BODY)],
  ['PUT', 'monetary-account/{x}/request-inquiry/{id} (revoke)', req(A, 'PUT', () => `/v1/user/${u}/monetary-account/${x()}/request-inquiry/${riOfA}`, '{"status":"REVOKED"}')],
];

const otherUser = () => u + 1;
const bolaCases: AttackCase[] = [
  ...accountScoped(() => savings).map(([m, p, r]): AttackCase => ({ name: `${m} ${p} with the owner's savings account`, request: r, expect: ACCOUNT })),
  ...accountScoped(() => joint).map(([m, p, r]): AttackCase => ({ name: `${m} ${p} with the owner's joint account`, request: r, expect: ACCOUNT })),
  ...accountScoped(() => 999_999).map(([m, p, r]): AttackCase => ({ name: `${m} ${p} with a non-existent account`, request: r, expect: ACCOUNT })),
  { name: 'GET /user/{other}', request: req(A, 'GET', () => `/v1/user/${otherUser()}`), expect: USER },
  { name: 'GET /user-person/{other}', request: req(A, 'GET', () => `/v1/user-person/${otherUser()}`), expect: USER },
  { name: 'GET /user-company/{other}', request: req(A, 'GET', () => `/v1/user-company/${otherUser()}`), expect: USER },
  { name: 'GET /user/{other}/monetary-account', request: req(A, 'GET', () => `/v1/user/${otherUser()}/monetary-account`), expect: USER },
  { name: 'GET /user/{other}/monetary-account/{granted}', request: req(A, 'GET', () => `/v1/user/${otherUser()}/monetary-account/${acc}`), expect: USER },
  { name: 'GET /user/{other}/monetary-account/{granted}/payment', request: req(A, 'GET', () => `/v1/user/${otherUser()}/monetary-account/${acc}/payment`), expect: USER },
  { name: 'POST /user/{other}/monetary-account/{granted}/payment', request: req(A, 'POST', () => `/v1/user/${otherUser()}/monetary-account/${acc}/payment`, paymentJson('1.00')), expect: USER },
  { name: 'GET another token\'s request-inquiry', request: req(B, 'GET', () => `/v1/user/${u}/monetary-account/${acc}/request-inquiry/${riOfA}`), expect: OWNED },
  { name: 'PUT (revoke) another token\'s request-inquiry', request: req(B, 'PUT', () => `/v1/user/${u}/monetary-account/${acc}/request-inquiry/${riOfA}`, '{"status":"REVOKED"}'), expect: OWNED },
  { name: 'GET another token\'s draft-payment', request: req(B, 'GET', () => `/v1/user/${u}/monetary-account/${acc}/draft-payment/${draftOfA}`), expect: OWNED },
  { name: 'GET a request-inquiry no token created', request: req(A, 'GET', () => `/v1/user/${u}/monetary-account/${acc}/request-inquiry/1`), expect: OWNED },
  { name: 'PUT (revoke) a request-inquiry no token created', request: req(A, 'PUT', () => `/v1/user/${u}/monetary-account/${acc}/request-inquiry/1`, '{"status":"REVOKED"}'), expect: OWNED },
  { name: 'GET a draft-payment id that is a request-inquiry of the same token', request: req(A, 'GET', () => `/v1/user/${u}/monetary-account/${acc}/draft-payment/${riOfA}`), expect: OWNED },
];

const bflaCases: AttackCase[] = [
  { name: 'a read-balance token making a payment', request: req(() => readOnly, 'POST', () => `/v1/user/${u}/monetary-account/${acc}/payment`, paymentJson('1.00')), expect: SCOPE },
  { name: 'a read-balance token creating a draft payment', request: req(() => readOnly, 'POST', () => `/v1/user/${u}/monetary-account/${acc}/draft-payment`, DRAFT_BODY), expect: SCOPE },
  { name: 'a read-balance token requesting money', request: req(() => readOnly, 'POST', () => `/v1/user/${u}/monetary-account/${acc}/request-inquiry`, RI_BODY), expect: SCOPE },
  { name: 'a read-balance token revoking a request', request: req(() => readOnly, 'PUT', () => `/v1/user/${u}/monetary-account/${acc}/request-inquiry/${riOfA}`, '{"status":"REVOKED"}'), expect: SCOPE },
  { name: 'a read-balance token listing payments', request: req(() => readOnly, 'GET', () => `/v1/user/${u}/monetary-account/${acc}/payment`), expect: SCOPE },
  { name: 'a read-balance token reading the user', request: req(() => readOnly, 'GET', () => `/v1/user/${u}`), expect: SCOPE },
  { name: 'a read-balance token listing users', request: req(() => readOnly, 'GET', () => '/v1/user'), expect: SCOPE },
  { name: 'a read-balance token listing draft payments', request: req(() => readOnly, 'GET', () => `/v1/user/${u}/monetary-account/${acc}/draft-payment`), expect: SCOPE },
  { name: 'a read-balance token listing request-inquiries', request: req(() => readOnly, 'GET', () => `/v1/user/${u}/monetary-account/${acc}/request-inquiry`), expect: SCOPE },
  { name: 'a read-recent token making a payment', request: req(() => recentOnly, 'POST', () => `/v1/user/${u}/monetary-account/${acc}/payment`, paymentJson('1.00')), expect: SCOPE },
  { name: 'a read-recent token reading balances', request: req(() => recentOnly, 'GET', () => `/v1/user/${u}/monetary-account/${acc}`), expect: SCOPE },
  { name: 'a create-request token making a payment', request: req(() => requestOnly, 'POST', () => `/v1/user/${u}/monetary-account/${acc}/payment`, paymentJson('1.00')), expect: SCOPE },
  { name: 'a create-request token revoking its request (needs cancel-request)', request: req(() => requestOnly, 'PUT', () => `/v1/user/${u}/monetary-account/${acc}/request-inquiry/${riOfA}`, '{"status":"REVOKED"}'), expect: SCOPE },
  { name: 'money leaving a granted account that is not a source account', request: req(() => twoAccounts, 'POST', () => `/v1/user/${u}/monetary-account/${savings}/payment`, paymentJson('1.00')), expect: { status: 403, code: 'source_account_not_allowed' } },
  { name: 'a draft from a granted account that is not a source account', request: req(() => twoAccounts, 'POST', () => `/v1/user/${u}/monetary-account/${savings}/draft-payment`, DRAFT_BODY), expect: { status: 403, code: 'source_account_not_allowed' } },
  // The handshake is answered by the gateway itself (issue #5); a bearer token opens nothing there.
  { name: 'POST /installation with a key that is no RSA public key', request: req(A, 'POST', () => '/v1/installation', '{"client_public_key":"x"}'), expect: { status: 400, code: 'body_invalid' } },
  { name: 'POST /device-server with a bearer token', request: req(A, 'POST', () => '/v1/device-server', '{"description":"x","secret":"y"}'), expect: { status: 400, code: 'invalid_request' } },
  { name: 'POST /session-server with a bearer token', request: req(A, 'POST', () => '/v1/session-server', '{"secret":"y"}'), expect: { status: 400, code: 'invalid_request' } },
  { name: 'DELETE /session/1 with a bearer token', request: req(A, 'DELETE', () => '/v1/session/1'), expect: { status: 400, code: 'invalid_request' } },
  { name: 'GET /installation', request: req(A, 'GET', () => '/v1/installation'), expect: NEVER },
  { name: 'GET /installation/1/server-public-key', request: req(A, 'GET', () => '/v1/installation/1/server-public-key'), expect: NEVER },
  { name: 'GET /device-server', request: req(A, 'GET', () => '/v1/device-server'), expect: NEVER },
  { name: 'PUT /user-person/{me} (profile update)', request: req(A, 'PUT', () => `/v1/user-person/${u}`, '{"legal_name":"x"}'), expect: NEVER },
  { name: 'PUT /user-company/{me}', request: req(A, 'PUT', () => `/v1/user-company/${u}`, '{"name":"x"}'), expect: NEVER },
  { name: 'PUT draft-payment/{own draft} (accepting it)', request: req(A, 'PUT', () => `/v1/user/${u}/monetary-account/${acc}/draft-payment/${draftOfA}`, '{"status":"ACCEPTED"}'), expect: NEVER },
  { name: 'POST payment-batch (not in the catalog)', request: req(A, 'POST', () => `/v1/user/${u}/monetary-account/${acc}/payment-batch`, '{"payments":[]}'), expect: NEVER },
  { name: 'POST request-response (paying a request, not in the catalog)', request: req(A, 'POST', () => `/v1/user/${u}/monetary-account/${acc}/request-response/1`, '{"status":"ACCEPTED"}'), expect: NEVER },
  { name: 'POST sandbox-user (not in the catalog)', request: req(A, 'POST', () => '/v1/sandbox-user-person', '{}'), expect: NEVER },
];

test('control: token A reads its own request-inquiry and draft; token B is refused only for A\'s objects', async () => {
  const own = await sendRaw(t.url, req(A, 'GET', () => `/v1/user/${u}/monetary-account/${acc}/request-inquiry/${riOfA}`)());
  const draft = await sendRaw(t.url, req(A, 'GET', () => `/v1/user/${u}/monetary-account/${acc}/draft-payment/${draftOfA}`)());
  expect([own.status, draft.status]).toEqual([200, 200]);
});

describe('API1 object level', () => {
  test.each(bolaCases.map((c) => [c.name, c] as const))('when token calls %s, then it is refused and nothing reaches bunq', async (_n, c) => {
    await expectRefused(t, c);
  });
});
describe('API5 function level', () => {
  test.each(bflaCases.map((c) => [c.name, c] as const))('when %s, then it is refused and nothing reaches bunq', async (_n, c) => {
    await expectRefused(t, c);
  });
});

describe('read-recent paging', () => {
  const DAY = 86_400_000;
  const listPath = () => `/v1/user/${u}/monetary-account/${acc}/payment`;
  const itemsOf = (text: string) =>
    (JSON.parse(text) as { Response: Record<string, { id: number; created: string }>[] }).Response.map((w) => Object.values(w)[0]!);

  test('when a read-recent token pages with an older_id from before its window, then nothing older than the window comes back and no older link is offered', async () => {
    const all = t.emulator.control.listPayments(acc); // newest first
    const windowStart = t.runtime.clock.now() - RECENT_DAYS * DAY;
    const old = all.filter((p) => p.createdAt < windowStart);
    expect(old.length).toBeGreaterThan(5); // the sandbox has months of history
    for (const cursor of [old[0]!.id, old[Math.floor(old.length / 2)]!.id, old[old.length - 1]!.id + 1]) {
      const res = await sendRaw(t.url, req(() => recentOnly, 'GET', () => `${listPath()}?count=200&older_id=${cursor}`)());
      expect(res.status).toBe(200);
      const items = itemsOf(res.text);
      for (const item of items) expect(fromBunqTimestamp(item.created)).toBeGreaterThanOrEqual(windowStart);
      expect(items).toHaveLength(0);
      const pagination = (JSON.parse(res.text) as { Pagination?: { older_url: string | null } }).Pagination;
      expect(pagination?.older_url ?? null).toBeNull();
    }
  });

  test('when a read-recent token walks older_url from the first page, then every item it ever sees is inside the window', async () => {
    const windowStart = t.runtime.clock.now() - RECENT_DAYS * DAY;
    let target: string | null = `${listPath()}?count=3`;
    let pages = 0;
    while (target !== null && pages < 50) {
      const res = await sendRaw(t.url, req(() => recentOnly, 'GET', () => target!)());
      expect(res.status).toBe(200);
      for (const item of itemsOf(res.text)) expect(fromBunqTimestamp(item.created)).toBeGreaterThanOrEqual(windowStart);
      target = (JSON.parse(res.text) as { Pagination?: { older_url: string | null } }).Pagination?.older_url ?? null;
      pages++;
    }
    expect(pages).toBeLessThan(50);
  });

  test('when a read-recent token pages with count=1 from an old payment, then no link names a payment older than its window', async () => {
    const windowStart = t.runtime.clock.now() - RECENT_DAYS * DAY;
    const old = t.emulator.control.listPayments(acc).filter((p) => p.createdAt < windowStart);
    for (const start of old.slice(0, 3)) {
      const res = await sendRaw(t.url, req(() => recentOnly, 'GET', () => `${listPath()}?count=1&older_id=${start.id + 1}`)());
      expect(res.status).toBe(200);
      const links = JSON.stringify((JSON.parse(res.text) as { Pagination: unknown }).Pagination);
      for (const hidden of old) expect(links).not.toMatch(new RegExp(`_id=${hidden.id}\\b`));
    }
  });

  test('when a one-account token lists accounts one per page, then no link names an account it was not granted', async () => {
    for (const target of [`/v1/user/${u}/monetary-account?count=1`, `/v1/user/${u}/monetary-account?count=1&older_id=${acc + 1}`]) {
      const res = await sendRaw(t.url, req(() => readOnly, 'GET', () => target)());
      expect(res.status).toBe(200);
      const links = Object.values((JSON.parse(res.text) as { Pagination: Record<string, string | null> }).Pagination);
      // A link may name only the granted account or the cursor next to it (older_id = id + 1 so
      // the next page starts with it), whatever other accounts bunq's own page held.
      const named = links.flatMap((l) => (l === null ? [] : [Number(/_id=(\d+)$/.exec(l)![1])]));
      for (const id of named) expect([acc - 1, acc, acc + 1]).toContain(id);
    }
  });

  test("when a token bisects with cursors of its own choosing, then they are refused before bunq: hidden ids cannot be found by empty pages", async () => {
    const before = t.emulator.control.requests().length;
    for (const target of [
      `/v1/user/${u}/monetary-account/${acc}/request-inquiry?count=1&newer_id=${riOfA - 1}`,
      `/v1/user/${u}/monetary-account/${acc}/request-inquiry?count=1&older_id=${riOfA + 1}`,
      `/v1/user/${u}/monetary-account/${acc}/draft-payment?count=1&older_id=${draftOfA + 1}`,
    ]) {
      const res = await sendRaw(t.url, req(B, 'GET', () => target)());
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/must be a page link this gateway gave/);
    }
    const accounts = await sendRaw(t.url, req(() => readOnly, 'GET', () => `/v1/user/${u}/monetary-account?count=1&older_id=${Math.max(savings, joint) + 1}`)());
    expect(accounts.status).toBe(400);
    expect(t.emulator.control.requests().length).toBe(before);
  });

  test('when a token pages with the ids it was shown, then its cursors are accepted', async () => {
    const own = await sendRaw(t.url, req(A, 'GET', () => `/v1/user/${u}/monetary-account/${acc}/request-inquiry?count=1&older_id=${riOfA + 1}`)());
    expect(own.status).toBe(200);
    expect(own.text).toContain(`"id":${riOfA}`);
    expect((await sendRaw(t.url, req(A, 'GET', () => `/v1/user/${u}/monetary-account/${acc}/request-inquiry?count=1&newer_id=${riOfA}`)())).status).toBe(200);
  });

  test('when a token varies count from a visible account, then the pages do not reveal how many hidden accounts lie between', async () => {
    const [lo, , hi] = [acc, savings, joint].sort((a, b) => a - b) as [number, number, number];
    const two = (await t.issue({ scopes: ['read-balance'], accounts: [lo, hi] }, { name: 'two of three' })).bearer;
    const ids = async (q: string) => {
      const res = await sendRaw(t.url, req(() => two, 'GET', () => `/v1/user/${u}/monetary-account?${q}`)());
      expect(res.status).toBe(200);
      return (JSON.parse(res.text) as { Response: Record<string, { id: number }>[] }).Response.map((r) => Object.values(r)[0]!.id);
    };
    expect(await ids(`count=1&older_id=${hi}`)).toEqual([lo]);
    expect(await ids(`count=2&older_id=${hi}`)).toEqual([lo]);
    // bunq is asked for the whole list, never for the caller's page.
    const asked = t.emulator.control.requests().filter((r) => r.method === 'GET' && /\/monetary-account(\?|$)/.test(r.path)).pop()!;
    expect(asked.path).toMatch(/count=200/);
    expect(asked.path).not.toMatch(/older_id|newer_id/);
  });

  test("when a token lists request-inquiries one per page, then another token's request id is in no link", async () => {
    const res = await sendRaw(t.url, req(B, 'GET', () => `/v1/user/${u}/monetary-account/${acc}/request-inquiry?count=1`)());
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(new RegExp(`_id=${riOfA}\\b`));
  });

  test('when a read-recent token asks for an old payment and for an id that does not exist, then both answers are the same', async () => {
    const windowStart = t.runtime.clock.now() - RECENT_DAYS * DAY;
    const old = t.emulator.control.listPayments(acc).find((p) => p.createdAt < windowStart)!;
    const hidden = await sendRaw(t.url, req(() => recentOnly, 'GET', () => `${listPath()}/${old.id}`)());
    const missing = await sendRaw(t.url, req(() => recentOnly, 'GET', () => `${listPath()}/999999999`)());
    expect(missing.status).toBe(404);
    expect(missing.text).toBe(hidden.text);
  });

  test('when a read-recent token asks for one old payment by id, then it reads as not found', async () => {
    const windowStart = t.runtime.clock.now() - RECENT_DAYS * DAY;
    const old = t.emulator.control.listPayments(acc).find((p) => p.createdAt < windowStart)!;
    const res = await sendRaw(t.url, req(() => recentOnly, 'GET', () => `${listPath()}/${old.id}`)());
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(old.description);
  });
});

// Issue #8, property (a): random grants × random requests through the REAL gateway (HTTP),
// judged by an independent oracle written here from the documented rules (policies/*.json,
// README): it imports nothing from src/policy. For every pair: bunq (the recording emulator)
// receives a request IFF the oracle allows it, on exactly the path the oracle expects, and a
// forwarded payment carries exactly the amount, currency, IBAN, name and description decided on.
import fc from 'fast-check';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { sendRaw } from '../attacks/support/kit';

const PAYEE = 'NL91ABNA0417164300';
const OTHER = 'DE89370400440532013000';
let t: TestGateway;
let ACCOUNTS: number[];

beforeAll(async () => {
  t = await startTestGateway();
  ACCOUNTS = [t.personal.id, t.savings.id, t.joint.id];
});
afterAll(async () => t?.close());

// ---------- the model ----------
type Scope = 'read-user' | 'read-balance' | 'read-transactions' | 'read-recent' | 'create-payment';
interface ModelGrant {
  scopes: Scope[];
  accounts: number[]; // indexes into ACCOUNTS
  payment?: { max: string; allow: string[]; sources: number[]; outside: 'deny' | 'draft'; currency: 'EUR' };
}
type Endpoint = 'user.one' | 'account.list' | 'account.one' | 'payment.list' | 'payment.create';
interface ModelRequest {
  endpoint: Endpoint;
  otherUser: boolean;
  account: number; // index into ACCOUNTS, or 3 = an account nobody has
  amount: string; // written into the JSON as a string
  currency: string;
  iban: string;
  description: string;
}

const SCOPES: Scope[] = ['read-user', 'read-balance', 'read-transactions', 'read-recent', 'create-payment'];
const IBANS = [PAYEE, OTHER, PAYEE.toLowerCase(), 'NL91 ABNA 0417 1643 00', 'NL92ABNA0417164300', 'NL91ABNA04171643OO', `${OTHER}\u200b`];
const AMOUNTS = ['0.01', '1', '1.5', '1.50', '2.00', '4.99', '5', '5.00', '5.01', '9.99', '0', '0.00', '-1.00', '1e1', '5.001', ' 5.00', '5,00', '05.00', '+1.00', '', '999999999999.99'];

const grantArb: fc.Arbitrary<ModelGrant> = fc
  .record({
    scopes: fc.subarray(SCOPES, { minLength: 1 }),
    accounts: fc.subarray([0, 1, 2], { minLength: 1 }),
    max: fc.constantFrom('0.50', '1.00', '5.00'),
    allow: fc.subarray([PAYEE, OTHER]),
    sourcesPick: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    outside: fc.constantFrom<'deny' | 'draft'>('deny', 'draft'),
  })
  .map(({ scopes, accounts, max, allow, sourcesPick, outside }) => {
    const g: ModelGrant = { scopes, accounts };
    if (scopes.includes('create-payment')) {
      const picked = accounts.filter((_a, i) => sourcesPick[i]);
      g.payment = { max, allow, sources: picked.length > 0 ? picked : [accounts[0]!], outside, currency: 'EUR' };
    }
    return g;
  });

const requestArb: fc.Arbitrary<ModelRequest> = fc.record({
  endpoint: fc.constantFrom<Endpoint>('user.one', 'account.list', 'account.one', 'payment.list', 'payment.create', 'payment.create', 'payment.create'),
  otherUser: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  account: fc.constantFrom(0, 1, 2, 3),
  amount: fc.oneof(fc.constantFrom(...AMOUNTS), fc.integer({ min: 1, max: 700 }).map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`)),
  currency: fc.constantFrom('EUR', 'EUR', 'EUR', 'USD', 'eur'),
  iban: fc.constantFrom(...IBANS),
  description: fc.oneof(fc.constantFrom('invoice 42', 'rent', ''), fc.string({ maxLength: 20 }).filter((s) => /^[ -~]*$/.test(s))),
});

// ---------- the oracle (independent of src/policy) ----------
/** Cents of a bunq request amount, or null when the text is not one (no sign, exponent, spaces, leading zeros, > 2 decimals, > 12 integer digits). */
function cents(text: string): number | null {
  if (!/^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$/.test(text)) return null;
  const [whole, frac = ''] = text.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}
function twoDecimals(c: number): string {
  return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
}
/** The sample IBANs' canonical form, or null for the invalid ones (checked by hand: checksum, O for 0, zero-width space). */
function canonicalIban(text: string): string | null {
  const compact = /^[A-Za-z0-9 ]+$/.test(text) ? text.replace(/ /g, '').toUpperCase() : null;
  return compact === PAYEE || compact === OTHER ? compact : null;
}

interface Verdict {
  forward: null | { method: string; path: string; body?: Record<string, unknown> };
}

function oracle(g: ModelGrant, r: ModelRequest, userId: number): Verdict {
  const deny: Verdict = { forward: null };
  const uid = r.otherUser ? userId + 1 : userId;
  const accountId = r.account < 3 ? ACCOUNTS[r.account]! : 999_999;
  const hasAccount = r.account < 3 && g.accounts.includes(r.account);
  const has = (s: Scope) => g.scopes.includes(s);
  if (uid !== userId) return deny;
  switch (r.endpoint) {
    case 'user.one':
      return has('read-user') ? { forward: { method: 'GET', path: `/v1/user/${uid}` } } : deny;
    case 'account.list':
      return has('read-balance') ? { forward: { method: 'GET', path: `/v1/user/${uid}/monetary-account` } } : deny;
    case 'account.one':
      return has('read-balance') && hasAccount ? { forward: { method: 'GET', path: `/v1/user/${uid}/monetary-account/${accountId}` } } : deny;
    case 'payment.list':
      return (has('read-transactions') || has('read-recent')) && hasAccount
        ? { forward: { method: 'GET', path: `/v1/user/${uid}/monetary-account/${accountId}/payment` } }
        : deny;
    case 'payment.create': {
      const c = cents(r.amount);
      const iban = canonicalIban(r.iban);
      if (c === null || c === 0 || !/^[A-Z]{3}$/.test(r.currency) || iban === null) return deny; // body invalid
      if (!has('create-payment') || !hasAccount || g.payment === undefined) return deny;
      if (!g.payment.sources.includes(r.account)) return deny;
      if (r.currency !== g.payment.currency) return deny;
      if (c > cents(g.payment.max)!) return deny;
      const entry = { amount: { value: twoDecimals(c), currency: r.currency }, counterparty_alias: { type: 'IBAN', value: iban, name: 'Payee' }, description: r.description };
      const base = `/v1/user/${uid}/monetary-account/${accountId}`;
      if (g.payment.allow.includes(iban)) return { forward: { method: 'POST', path: `${base}/payment`, body: entry } };
      if (g.payment.outside === 'draft') return { forward: { method: 'POST', path: `${base}/draft-payment`, body: { entries: [entry], number_of_required_accepts: 1 } } };
      return deny;
    }
  }
}

function toHttp(r: ModelRequest, userId: number): { method: string; target: string; body?: string } {
  const uid = r.otherUser ? userId + 1 : userId;
  const accountId = r.account < 3 ? ACCOUNTS[r.account]! : 999_999;
  switch (r.endpoint) {
    case 'user.one': return { method: 'GET', target: `/v1/user/${uid}` };
    case 'account.list': return { method: 'GET', target: `/v1/user/${uid}/monetary-account` };
    case 'account.one': return { method: 'GET', target: `/v1/user/${uid}/monetary-account/${accountId}` };
    case 'payment.list': return { method: 'GET', target: `/v1/user/${uid}/monetary-account/${accountId}/payment` };
    case 'payment.create':
      return {
        method: 'POST',
        target: `/v1/user/${uid}/monetary-account/${accountId}/payment`,
        body: JSON.stringify({ amount: { value: r.amount, currency: r.currency }, counterparty_alias: { type: 'IBAN', value: r.iban, name: 'Payee' }, description: r.description }),
      };
  }
}

test('random grants × random requests: bunq receives a call iff the oracle allows it, and exactly the decided call', async () => {
  let allowed = 0;
  let denied = 0;
  await fc.assert(
    fc.asyncProperty(grantArb, requestArb, async (g, r) => {
      const issued = await t.issue({
        scopes: g.scopes,
        accounts: g.accounts.map((i) => ACCOUNTS[i]!),
        ...(g.payment
          ? { payment: { currency: 'EUR', maxPerPayment: g.payment.max, ibanAllowlist: g.payment.allow, sourceAccounts: g.payment.sources.map((i) => ACCOUNTS[i]!), outsideAllowlist: g.payment.outside } }
          : {}),
      });
      const userId = t.user.userId;
      const expected = oracle(g, r, userId);
      const http = toHttp(r, userId);
      const before = t.emulator.control.requests({ pathPrefix: '/v1/user' }).length;
      const res = await sendRaw(t.url, {
        method: http.method,
        target: http.target,
        headers: [['Authorization', `Bearer ${issued.bearer}`], ...(http.body === undefined ? [] : [['Content-Type', 'application/json'] as const])],
        ...(http.body === undefined ? {} : { body: http.body }),
      });
      const sent = t.emulator.control.requests({ pathPrefix: '/v1/user' }).slice(before);
      if (expected.forward === null) {
        denied++;
        expect(sent).toHaveLength(0);
        expect([400, 403]).toContain(res.status);
        return;
      }
      allowed++;
      expect(sent).toHaveLength(1);
      expect({ method: sent[0]!.method, path: sent[0]!.path.split('?')[0] }).toEqual({ method: expected.forward.method, path: expected.forward.path });
      if (expected.forward.body !== undefined) expect(JSON.parse(sent[0]!.body)).toEqual(expected.forward.body);
    }),
    { numRuns: 300, seed: Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31), endOnFailure: true },
  );
  // The generators must exercise both sides of the decision.
  expect(allowed).toBeGreaterThan(20);
  expect(denied).toBeGreaterThan(20);
}, 60_000);

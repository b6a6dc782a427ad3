// Issue #7, the fault matrix: one test per way bunq or the database can fail during a payment.
// Each answers with a clear status and error code, and leaves the ledger right: a failure known
// to have stopped before bunq acted RELEASES the reservation; one after which bunq may have
// paid keeps it counted as UNKNOWN (reconcile-spend.ts settles it later); and every call has
// its audit row.
import { withAdmin } from '../helpers/postgres';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call, errorOf, paymentBody } from '../component/support/calls';

const PAYEE = 'NL91ABNA0417164300';
const TIMEOUT_MS = 800;

const grant = (t: TestGateway) => ({
  scopes: ['create-payment'],
  accounts: [t.personal.id],
  payment: { maxPerPayment: '50.00', caps: { day: '100.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
});
const payPath = (t: TestGateway) => `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;

/** Pays 9.99 with a new token; returns the answer, the token's ledger entries and audit rows. */
async function payThrough(t: TestGateway) {
  const issued = await t.issue(grant(t));
  const res = await call(t, 'POST', payPath(t), issued.bearer, { body: paymentBody('9.99', PAYEE) });
  const entries = await t.runtime.db.spendEntry.findMany({ where: { tokenId: issued.token.id } });
  await t.runtime.audit.flush();
  const audit = await t.runtime.db.auditEvent.findMany({ where: { tokenId: issued.token.id } });
  const spent = await t.runtime.ledger.spent(issued.token.id, 'EUR', Date.now());
  return { res, code: errorOf(res)['error_code'], entries, audit, spent: spent.day, issued };
}

describe('bunq-side faults', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ upstreamTimeoutMs: TIMEOUT_MS });
  });
  afterAll(async () => t?.close());
  afterEach(() => t.emulator.control.clearFaults());
  const onPayment = { method: 'POST', pathIncludes: '/payment' };

  test('bunq slower than the timeout → 504 upstream_timeout; the amount stays counted as UNKNOWN', async () => {
    t.emulator.control.setFault({ kind: 'delay', ms: TIMEOUT_MS + 700, times: 1, match: onPayment });
    const r = await payThrough(t);
    expect([r.res.status, r.code]).toEqual([504, 'upstream_timeout']);
    expect(r.entries.map((e) => e.status)).toEqual(['UNKNOWN']);
    expect(r.spent).toBe(999n);
    expect(r.audit).toHaveLength(1);
    expect(r.audit[0]).toMatchObject({ status: 504, reasonId: 'upstream_timeout' });
  });

  test('bunq answers 5xx → 502 upstream_error; bunq may have acted, so UNKNOWN', async () => {
    t.emulator.control.setFault({ kind: 'status', status: 503, times: 1, match: onPayment });
    const r = await payThrough(t);
    expect(r.res.status).toBe(502);
    expect(r.code).toBe('upstream_error');
    expect(r.entries.map((e) => e.status)).toEqual(['UNKNOWN']);
    expect(r.audit).toHaveLength(1);
  });

  test('bunq answers 429 → 429 upstream_rate_limited with Retry-After; nothing was executed, so RELEASED', async () => {
    t.emulator.control.setFault({ kind: 'rate-limit', times: 1, match: onPayment });
    const r = await payThrough(t);
    expect([r.res.status, r.code]).toEqual([429, 'upstream_rate_limited']);
    expect(r.res.headers['retry-after']).toBeDefined();
    expect(r.entries.map((e) => e.status)).toEqual(['RELEASED']);
    expect(r.spent).toBe(0n);
    expect(r.audit).toHaveLength(1);
  });

  test('bunq answer with a bad signature → 502 upstream_signature_invalid; the answer cannot be trusted, so UNKNOWN', async () => {
    t.emulator.control.setFault({ kind: 'corrupt-signature', times: 1, match: onPayment });
    const r = await payThrough(t);
    expect([r.res.status, r.code]).toEqual([502, 'upstream_signature_invalid']);
    expect(r.entries.map((e) => e.status)).toEqual(['UNKNOWN']);
    expect(r.audit).toHaveLength(1);
  });

  test('bunq session expired → 503 upstream_unavailable, the payment is NOT retried and RELEASED; the next one works', async () => {
    t.emulator.control.setFault({ kind: 'expire-sessions' });
    const posts = t.emulator.control.requestCount({ method: 'POST', pathIncludes: '/payment' });
    const r = await payThrough(t);
    expect([r.res.status, r.code]).toEqual([503, 'upstream_unavailable']);
    expect(r.entries.map((e) => e.status)).toEqual(['RELEASED']);
    expect(r.audit).toHaveLength(1);
    expect(t.emulator.control.findPaymentsByClientRequestId(r.entries[0]!.clientRequestId)).toHaveLength(0);
    expect((await payThrough(t)).res.status).toBe(200);
    expect(t.emulator.control.requestCount({ method: 'POST', pathIncludes: '/payment' }) - posts).toBe(2);
  });
});

test('the audit log cannot be written → rows are kept; past AUDIT_BUFFER_MAX calls are refused (503 audit_unavailable, nothing sent); once it can, every row is written', async () => {
  const t = await startTestGateway({ config: { AUDIT_BUFFER_MAX: '2' } });
  const balance = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}`;
  const reads = () => t.emulator.control.requestCount({ method: 'GET', pathIncludes: '/monetary-account' });
  try {
    const issued = await t.issue({ scopes: ['read-balance'], accounts: [t.personal.id] });
    await t.runtime.db.$executeRawUnsafe('ALTER TABLE "AuditEvent" RENAME TO "AuditEventAway"');
    const served = [await call(t, 'GET', balance, issued.bearer), await call(t, 'GET', balance, issued.bearer)];
    expect(served.map((r) => r.status)).toEqual([200, 200]);
    await t.runtime.audit.flush(); // fails: both rows stay buffered
    expect(t.runtime.audit.buffered).toBe(2);
    const before = reads();
    const refused = await call(t, 'GET', balance, issued.bearer);
    expect([refused.status, errorOf(refused)['error_code'], refused.headers['retry-after']]).toEqual([503, 'audit_unavailable', '5']);
    expect(reads()).toBe(before);
    await t.runtime.db.$executeRawUnsafe('ALTER TABLE "AuditEventAway" RENAME TO "AuditEvent"');
    expect(await t.runtime.audit.flush()).toBe(true);
    expect((await call(t, 'GET', balance, issued.bearer)).status).toBe(200);
    await t.runtime.audit.flush();
    const rows = await t.runtime.db.auditEvent.findMany({ where: { tokenId: issued.token.id }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual([200, 200, 200]);
  } finally {
    await t.close();
  }
});

test('the audit row cannot be written ahead → 500 and the payment is NOT sent; the reservation is RELEASED', async () => {
  const t = await startTestGateway();
  try {
    const issued = await t.issue(grant(t));
    const posts = t.emulator.control.requestCount({ method: 'POST', pathIncludes: '/payment' });
    t.runtime.audit.recordPending = () => Promise.reject(new Error('audit table unwritable'));
    const res = await call(t, 'POST', payPath(t), issued.bearer, { body: paymentBody('9.99', PAYEE) });
    expect([res.status, errorOf(res)['error_code']]).toEqual([500, 'internal_error']);
    expect(t.emulator.control.requestCount({ method: 'POST', pathIncludes: '/payment' })).toBe(posts);
    expect((await t.runtime.db.spendEntry.findMany({ where: { tokenId: issued.token.id } })).map((e) => e.status)).toEqual(['RELEASED']);
  } finally {
    await t.close();
  }
});

test('bunq down (connection refused) → 503 upstream_unavailable; nothing was sent, so RELEASED', async () => {
  const t = await startTestGateway({ upstreamTimeoutMs: TIMEOUT_MS });
  try {
    await t.emulator.close();
    const r = await payThrough(t);
    expect([r.res.status, r.code]).toEqual([503, 'upstream_unavailable']);
    expect(r.entries.map((e) => e.status)).toEqual(['RELEASED']);
    expect(r.audit).toHaveLength(1);
  } finally {
    await t.gateway.close();
  }
});

test('database unavailable → 503 database_unavailable with Retry-After; nothing reaches bunq; works again once it is back', async () => {
  const t = await startTestGateway({ dialect: 'postgresql' });
  const database = new URL(t.runtime.config.databaseUrl).pathname.slice(1);
  const setReachable = (on: boolean) =>
    withAdmin(async (admin) => {
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS ${on ? 'true' : 'false'}`);
      if (!on) await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
    });
  try {
    const issued = await t.issue(grant(t));
    const posts = t.emulator.control.requestCount({ method: 'POST', pathIncludes: '/payment' });
    await setReachable(false);
    let res;
    try {
      res = await call(t, 'POST', payPath(t), issued.bearer, { body: paymentBody('9.99', PAYEE) });
    } finally {
      await setReachable(true);
    }
    expect([res.status, errorOf(res)['error_code']]).toEqual([503, 'database_unavailable']);
    expect(res.headers['retry-after']).toBe('5');
    expect(t.emulator.control.requestCount({ method: 'POST', pathIncludes: '/payment' })).toBe(posts);
    expect(await t.runtime.db.spendEntry.count({ where: { tokenId: issued.token.id } })).toBe(0);
    expect((await call(t, 'POST', payPath(t), issued.bearer, { body: paymentBody('9.99', PAYEE) })).status).toBe(200);
  } finally {
    await t.close();
  }
});

// Issue #6: reads are shared BELOW the policy check and ABOVE filtering. One cached or coalesced
// bunq answer is cut to each token's own view; a denied call never reaches the cache or bunq.
import request from 'supertest';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call, counting, errorOf, items, upstreamCalls } from './support/calls';
import { openDatabase } from '../../src/store/client';
import { TokenRepository } from '../../src/store/token-repo';

let t: TestGateway;
let jointOnly: string;
let personalOnly: string;
let userOnly: string;

beforeAll(async () => {
  t = await startTestGateway({ config: { UPSTREAM_CACHE_TTL_MS: '60000' } });
  jointOnly = (await t.issue({ scopes: ['read-balance'], accounts: [t.joint.id] }, { name: 'joint widget' })).bearer;
  personalOnly = (await t.issue({ scopes: ['read-balance'], accounts: [t.personal.id] }, { name: 'personal widget' })).bearer;
  userOnly = (await t.issue({ scopes: ['read-user'], accounts: [t.joint.id] }, { name: 'user only' })).bearer;
});
afterAll(async () => t?.close());

const accounts = () => `/v1/user/${t.user.userId}/monetary-account`;

test('when two tokens with different accounts list the accounts, then bunq is called once and each sees only its own account', async () => {
  const first = await counting(t, () => call(t, 'GET', accounts(), jointOnly));
  const second = await counting(t, () => call(t, 'GET', accounts(), personalOnly));
  expect([first.result.status, second.result.status]).toEqual([200, 200]);
  expect([first.upstream, second.upstream]).toEqual([1, 0]);
  expect(items(first.result).map((a) => a['id'])).toEqual([t.joint.id]);
  expect(items(second.result).map((a) => a['id'])).toEqual([t.personal.id]);
  expect(JSON.stringify(first.result.body)).not.toContain(t.personal.iban);
  expect(JSON.stringify(second.result.body)).not.toContain(t.joint.iban);
});

test('when a token may not read balances, then its call is refused without touching bunq or the cache', async () => {
  const path = `${accounts()}/${t.savings.id}`;
  const denied = await counting(t, () => call(t, 'GET', accounts(), userOnly));
  expect(denied.result.status).toBe(403);
  expect(denied.upstream).toBe(0);
  const deniedOne = await counting(t, () => call(t, 'GET', path, jointOnly));
  expect(errorOf(deniedOne.result).error_code).toBe('account_not_allowed');
  expect(deniedOne.upstream).toBe(0);
  // The refused read of the savings account did not fill the cache: an allowed one goes to bunq.
  const savings = (await t.issue({ scopes: ['read-balance'], accounts: [t.savings.id] })).bearer;
  const allowed = await counting(t, () => call(t, 'GET', path, savings));
  expect(allowed.result.status).toBe(200);
  expect(allowed.upstream).toBe(1);
});

test('when identical reads arrive while one is in flight, then they share one bunq call and each is filtered for its token', async () => {
  const path = `/v1/user/${t.user.userId}`;
  const reader = (await t.issue({ scopes: ['read-user'], accounts: [t.joint.id] })).bearer;
  const personal = (await t.issue({ scopes: ['read-personal-data'], accounts: [t.joint.id] })).bearer;
  t.emulator.control.setFault({ kind: 'delay', ms: 400, times: 1, match: { pathPrefix: path } });
  const { result, upstream } = await counting(t, () =>
    Promise.all([call(t, 'GET', path, reader), call(t, 'GET', path, personal), call(t, 'GET', path, reader)]),
  );
  expect(result.map((r) => r.status)).toEqual([200, 200, 200]);
  expect(upstream).toBe(1);
  const text = result.map((r) => JSON.stringify(r.body));
  expect(text[0]).not.toContain('date_of_birth');
  expect(text[1]).toContain('date_of_birth');
  // Not a balance read: the next call goes to bunq again.
  expect((await counting(t, () => call(t, 'GET', path, reader))).upstream).toBe(1);
});

test('when 20 calls arrive together, then every one of them has its own audit row', async () => {
  await t.runtime.audit.flush();
  const before = await t.runtime.db.auditEvent.count();
  const answers = await Promise.all(Array.from({ length: 20 }, () => call(t, 'GET', accounts(), jointOnly)));
  expect(answers.every((r) => r.status === 200)).toBe(true);
  const ids = answers.map((r) => String(r.headers['x-request-id']));
  await t.runtime.audit.flush(); // rows of reads are written in batches within milliseconds
  const rows = await t.runtime.db.auditEvent.findMany({ where: { requestId: { in: ids } } });
  expect(rows).toHaveLength(20);
  expect(await t.runtime.db.auditEvent.count()).toBe(before + 20);
});

// The CLI revokes through its own TokenRepository (its own process and connection): the
// gateway's remembered record must not outlive the revocation's return (src/store/token-cache.ts).
test('when another process (the CLI) revokes a token that was just used, then its next call after the revocation returned is refused', async () => {
  const issued = await t.issue({ scopes: ['read-balance'], accounts: [t.joint.id] });
  expect((await call(t, 'GET', accounts(), issued.bearer)).status).toBe(200);
  expect((await call(t, 'GET', accounts(), issued.bearer)).status).toBe(200);
  const cli = openDatabase(t.runtime.config.databaseUrl);
  try {
    await new TokenRepository(cli).revokeTree(issued.token.id, new Date(), 'test');
  } finally {
    await cli.$disconnect();
  }
  const res = await call(t, 'GET', accounts(), issued.bearer);
  expect(res.status).toBe(401);
  expect(errorOf(res).error_code).toBe('token_revoked');
});

test('when a verified token has expired since, then it is refused although its signature check is remembered', async () => {
  const issued = await t.issue({ scopes: ['read-balance'], accounts: [t.joint.id] }, { expiresInMs: 1500 });
  expect((await call(t, 'GET', accounts(), issued.bearer)).status).toBe(200);
  await new Promise((r) => setTimeout(r, 1600));
  const res = await request(t.url).get(accounts()).set('Authorization', `Bearer ${issued.bearer}`);
  expect(res.status).toBe(401);
  expect(errorOf(res).error_code).toBe('token_expired');
  expect(upstreamCalls(t)).toBeGreaterThan(0);
});

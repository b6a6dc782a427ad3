// Issue #7: stopping the gateway (SIGTERM → RunningGateway.close()) lets a payment that is in
// flight finish: the caller gets bunq's answer, the ledger commits it and the audit row is
// complete; new connections are refused meanwhile.
import http from 'node:http';
import { openDatabase } from '../../src/store/client';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { paymentBody } from '../component/support/calls';

const PAYEE = 'NL91ABNA0417164300';
let t: TestGateway;
const emulators: TestGateway['emulator'][] = [];
afterAll(async () => {
  for (const e of emulators) await e.close();
});

/** Sends a request and hangs up (destroys the socket) once bunq has received it. */
async function sendAndHangUp(t: TestGateway, path: string, bearer: string, method: 'GET' | 'POST', body?: string): Promise<void> {
  const seen = t.emulator.control.requestCount({ method, pathIncludes: path.split('/').pop()! });
  const req = http.request(new URL(path, t.url), {
    method,
    agent: false,
    headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) },
  });
  req.on('error', () => undefined);
  req.end(body);
  while (t.emulator.control.requestCount({ method, pathIncludes: path.split('/').pop()! }) === seen) await new Promise((r) => setTimeout(r, 10));
  req.destroy();
}

function pay(url: string, path: string, bearer: string): Promise<number> {
  const body = JSON.stringify(paymentBody('2.50', PAYEE, 'shutdown'));
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, url), {
      method: 'POST',
      agent: false,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('when the gateway is stopped while a payment waits on bunq, then the payment completes before the process lets go', async () => {
  t = await startTestGateway();
  emulators.push(t.emulator);
  const issued = await t.issue({
    scopes: ['create-payment'],
    accounts: [t.personal.id],
    payment: { maxPerPayment: '10.00', caps: { day: '10.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
  });
  const payPath = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;
  t.emulator.control.setFault({ kind: 'delay', ms: 1_000, times: 1, match: { method: 'POST', pathIncludes: '/payment' } });
  const posts = t.emulator.control.requestCount({ method: 'POST', pathIncludes: '/payment' });

  const inFlight = pay(t.url, payPath, issued.bearer);
  while (t.emulator.control.requestCount({ method: 'POST', pathIncludes: '/payment' }) === posts) await new Promise((r) => setTimeout(r, 20));
  let closed = false;
  const closing = t.gateway.close().then(() => (closed = true));
  await expect(pay(t.url, payPath, issued.bearer)).rejects.toThrow(); // no new connections
  expect(closed).toBe(false);

  expect(await inFlight).toBe(200);
  await closing;
  // The runtime (and its database handle) is closed now: read through a fresh one.
  const db = openDatabase(t.runtime.config.databaseUrl);
  try {
    expect((await db.spendEntry.findMany({ where: { tokenId: issued.token.id } })).map((e) => e.status)).toEqual(['COMMITTED']);
    expect((await db.auditEvent.findMany({ where: { tokenId: issued.token.id } })).map((a) => a.status)).toEqual([200]);
  } finally {
    await db.$disconnect();
  }
});

test('when clients hang up while their calls wait on bunq and the gateway is stopped, then both calls still end in their audit rows and the payment is settled', async () => {
  const g = await startTestGateway();
  emulators.push(g.emulator);
  const reader = await g.issue({ scopes: ['read-balance'], accounts: [g.personal.id] });
  const payer = await g.issue({
    scopes: ['create-payment'],
    accounts: [g.personal.id],
    payment: { maxPerPayment: '10.00', caps: { day: '10.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [g.personal.id] },
  });
  const accountPath = `/v1/user/${g.user.userId}/monetary-account/${g.personal.id}`;
  g.emulator.control.setFault({ kind: 'delay', ms: 800, times: 2, match: { pathIncludes: `/monetary-account/${g.personal.id}` } });

  await sendAndHangUp(g, accountPath, reader.bearer, 'GET');
  await sendAndHangUp(g, `${accountPath}/payment`, payer.bearer, 'POST', JSON.stringify(paymentBody('2.50', PAYEE, 'gone')));
  // No connection is left: node:http alone would call the server closed right now.
  await g.gateway.close();

  const db = openDatabase(g.runtime.config.databaseUrl);
  try {
    expect((await db.auditEvent.findMany({ where: { tokenId: reader.token.id } })).map((a) => a.status)).toEqual([200]);
    expect((await db.auditEvent.findMany({ where: { tokenId: payer.token.id } })).map((a) => a.status)).toEqual([200]);
    expect((await db.spendEntry.findMany({ where: { tokenId: payer.token.id } })).map((e) => e.status)).toEqual(['COMMITTED']);
  } finally {
    await db.$disconnect();
  }
});

// Issue #7: stopping the gateway (SIGTERM → RunningGateway.close()) lets a payment that is in
// flight finish: the caller gets bunq's answer, the ledger commits it and the audit row is
// complete; new connections are refused meanwhile.
import http from 'node:http';
import { openDatabase } from '../../src/store/client';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { paymentBody } from '../component/support/calls';

const PAYEE = 'NL91ABNA0417164300';
let t: TestGateway;
afterAll(async () => t?.emulator.close());

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

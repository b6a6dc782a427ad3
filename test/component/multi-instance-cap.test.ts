// Issue #7: a payment cap holds across gateway instances. 500 payments at once, spread over 3
// gateway instances (3 runtimes with their own connection pools and HTTP servers, one bunq
// context) sharing one PostgreSQL database; and the same 500 against one instance on SQLite.
// What bunq (the emulator) booked never exceeds the cap, and the ledger agrees with it.
// Revoking a token through one instance is effective on every other once it returns: token
// records are remembered only while the database's token generation is unchanged and was read
// within 20 ms, and a revocation returns 50 ms after its commit (src/store/token-cache.ts).
import { openRuntime, type Runtime } from '../../src/runtime';
import { startGateway, type RunningGateway } from '../../src/server';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call, errorOf } from './support/calls';
import { rawPay } from './support/raw-pay';

const PAYEE = 'NL91ABNA0417164300';
const PAYMENTS = 500;

async function extraInstance(t: TestGateway): Promise<{ runtime: Runtime; gateway: RunningGateway }> {
  // Same configuration (database, master key), own process state: like a second container.
  const runtime = await openRuntime(t.runtime.config, { migrate: false });
  await runtime.reloadBunq();
  return { runtime, gateway: await startGateway(runtime, { host: '127.0.0.1', port: 0 }) };
}

describe.each([
  { dialect: 'postgresql' as const, instances: 3 },
  { dialect: 'sqlite' as const, instances: 1 },
])('$instances instance(s) on $dialect', ({ dialect, instances }) => {
  let t: TestGateway;
  const extra: { runtime: Runtime; gateway: RunningGateway }[] = [];

  beforeAll(async () => {
    t = await startTestGateway({ dialect });
    for (let i = 1; i < instances; i++) extra.push(await extraInstance(t));
  }, 60_000);
  afterAll(async () => {
    for (const e of extra) await e.gateway.close();
    await t?.close();
  });

  test(`when ${PAYMENTS} payments of 0.30 race against a day cap of 100.00, then exactly 333 are paid and bunq booked 99.90`, async () => {
    const urls = [t.url, ...extra.map((e) => e.gateway.url)];
    const payPath = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;
    const issued = await t.issue({
      scopes: ['create-payment'],
      accounts: [t.personal.id],
      payment: { maxPerPayment: '1.00', caps: { day: '100.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
    });
    const before = t.emulator.control.getAccount(t.personal.id)!.balanceCents;

    const answers = await Promise.all(Array.from({ length: PAYMENTS }, (_, i) => rawPay(urls[i % urls.length]!, payPath, issued.bearer, '0.30', PAYEE, 'multi-instance')));

    const paid = answers.filter((a) => a.status === 200);
    expect(paid).toHaveLength(333);
    for (const refused of answers.filter((a) => a.status !== 200)) {
      expect(refused.status).toBe(403);
      expect((JSON.parse(refused.body) as { Error: { error_code: string }[] }).Error[0]!.error_code).toBe('cap_exceeded');
    }
    // Every instance paid some of them.
    for (let i = 0; i < urls.length; i++) expect(answers.some((a, n) => n % urls.length === i && a.status === 200)).toBe(true);
    const entries = await t.runtime.db.spendEntry.findMany({ where: { tokenId: issued.token.id } });
    expect(entries).toHaveLength(333);
    expect(entries.every((e) => e.status === 'COMMITTED')).toBe(true);
    expect(entries.reduce((sum, e) => sum + e.amountMinor, 0n)).toBe(9990n);
    const booked = entries.flatMap((e) => t.emulator.control.findPaymentsByClientRequestId(e.clientRequestId));
    expect(booked).toHaveLength(333);
    expect(before - t.emulator.control.getAccount(t.personal.id)!.balanceCents).toBe(9990);
  }, 120_000);

  if (instances > 1) {
    test('when a token is revoked through one instance, then the very next call on every other instance is refused', async () => {
      const issued = await t.issue({ scopes: ['read-balance'], accounts: [t.personal.id] });
      const path = `/v1/user/${t.user.userId}/monetary-account`;
      for (const e of extra) expect((await call({ ...t, url: e.gateway.url }, 'GET', path, issued.bearer)).status).toBe(200);
      await t.runtime.tokens.revoke(issued.token.id);
      for (const e of extra) {
        const res = await call({ ...t, url: e.gateway.url }, 'GET', path, issued.bearer);
        expect(res.status).toBe(401);
        expect(errorOf(res).error_code).toBe('token_revoked');
      }
    });
  }
});

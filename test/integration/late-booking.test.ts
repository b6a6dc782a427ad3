// Issue #7 (review finding): a payment that timed out may still be booked by bunq after the
// reconciler first looked at bunq's payment list. Releasing its reservation then would let the
// same amount be spent again (cap overspent by what left late), so an entry bunq does not show is
// released only from the release age on (hours), and a later booking still settles it.
//
// A small HTTP proxy between gateway and emulator stands in for "bunq received the request,
// answers and books it late": it holds the first POST …/payment and forwards it only when told
// to (the emulator's own delay fault drops a request whose client has gone). Everything else
// passes straight through.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/load';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { openRuntime, type Runtime } from '../../src/runtime';
import { startGateway, type RunningGateway } from '../../src/server';
import { initBunqContext } from '../../src/upstream';
import { ManualClock } from '../../src/lib/clock';
import { reconcileSpend, releaseAfterMs, staleAfterMs } from '../../src/steps/reconcile-spend';
import { freshDatabaseUrl } from '../helpers/database';
import { call, paymentBody } from '../component/support/calls';

const PAYEE = 'NL91ABNA0417164300';

interface Held {
  forward: () => void;
}

function startHoldingProxy(target: string) {
  const t = new URL(target);
  const held: Held[] = [];
  let holdNextPayment = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const forward = () => {
        const headers = { ...req.headers, host: t.host };
        const up = http.request({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers }, (upRes) => {
          const parts: Buffer[] = [];
          upRes.on('data', (c: Buffer) => parts.push(c));
          upRes.on('end', () => {
            if (res.destroyed || res.socket?.destroyed) return; // the gateway gave up already
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            res.end(Buffer.concat(parts));
          });
        });
        up.on('error', () => res.destroy());
        up.end(body);
      };
      if (holdNextPayment && req.method === 'POST' && /\/payment$/.test(req.url ?? '')) {
        holdNextPayment = false;
        held.push({ forward });
      } else forward();
    });
  });
  return {
    server,
    held,
    holdNext() { holdNextPayment = true; },
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
  };
}

let emulator: RunningEmulator;
let runtime: Runtime;
let gateway: RunningGateway;
let proxy: ReturnType<typeof startHoldingProxy>;
const clock = new ManualClock();

beforeAll(async () => {
  emulator = await startEmulator({ rateLimits: false, clock });
  proxy = startHoldingProxy(emulator.url);
  const proxyUrl = await proxy.listen();
  const dataDir = fs.mkdtempSync(path.join(process.env['BUNQ_GW_TEST_DIR'] ?? os.tmpdir(), 'gw-late-booking-'));
  const config = loadConfig({}, {
    GATEWAY_DATA_DIR: dataDir,
    DATABASE_URL: await freshDatabaseUrl(),
    GATEWAY_MASTER_KEY: randomBytes(32).toString('hex'),
    GATEWAY_PORT: '0',
    LOG_LEVEL: 'silent',
    UPSTREAM_RATE_LIMITS: 'off',
    UPSTREAM_CACHE_TTL_MS: '0',
    UPSTREAM_TIMEOUT_MS: '1000',
  });
  runtime = await openRuntime(config, { migrate: false, clock });
  const user = emulator.control.createSandboxUser('person') as { apiKey: string };
  await initBunqContext({ db: runtime.db, secretBox: runtime.secretBox, clock }, { baseUrl: `${proxyUrl}/v1`, apiKey: user.apiKey, permittedIps: ['*'] });
  await runtime.reloadBunq();
  gateway = await startGateway(runtime, { host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await gateway?.close();
  proxy?.server.close();
  await emulator?.close();
});

test('when bunq books a timed-out payment after reconciliation first looked, then its amount never stops counting: the day cap holds', async () => {
  const userId = runtime.bunq().userId;
  const listRes = await runtime.upstream.request({ tokenId: 'test', cacheable: false, method: 'GET', path: `/user/${userId}/monetary-account-bank`, query: {} });
  const accountId = (listRes.json as { Response: { MonetaryAccountBank: { id: number } }[] }).Response[0]!.MonetaryAccountBank.id;
  const payPath = `/v1/user/${userId}/monetary-account/${accountId}/payment`;
  const token = await runtime.tokens.issue({
    name: 'capped payer',
    grant: { scopes: ['create-payment'], accounts: [accountId], payment: { maxPerPayment: '40.00', caps: { day: '50.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [accountId] } },
    expiresAt: new Date(clock.now() + 86_400_000),
  });
  const ages = { staleAfterMs: staleAfterMs(runtime.config), releaseAfterMs: releaseAfterMs(runtime.config) };
  const gw = { url: gateway.url } as never;

  // 1. bunq receives the payment but answers (and books) late: the gateway times out (504, UNKNOWN).
  proxy.holdNext();
  expect((await call(gw, 'POST', payPath, token.bearer, { body: paymentBody('40.00', PAYEE) })).status).toBe(504);
  expect(proxy.held).toHaveLength(1);

  // 2. Stale: bunq's list does not show it (yet). It is not released: it keeps counting.
  clock.advance(ages.staleAfterMs + 1_000);
  expect(await reconcileSpend(runtime, ages)).toMatchObject({ released: 0 });
  const [entry] = await runtime.db.spendEntry.findMany({ where: { tokenId: token.token.id } });
  expect(entry!.status).toBe('UNKNOWN');

  // 3. bunq now books the payment it received in step 1.
  proxy.held[0]!.forward();
  const booked = await until(() => emulator.control.findPaymentsByClientRequestId(entry!.clientRequestId)[0]);

  // 4. A second 40.00 the same day would exceed the 50.00 cap: refused, nothing sent.
  const second = await call(gw, 'POST', payPath, token.bearer, { body: paymentBody('40.00', PAYEE) });
  expect(second.status).toBe(403);
  expect(JSON.stringify(second.body)).toContain('cap_exceeded');

  // 5. The next pass finds the late booking, even though it is later than the stale age.
  clock.advance(60_000);
  expect(await reconcileSpend(runtime, ages)).toMatchObject({ committed: 1 });
  expect(await runtime.db.spendEntry.findUnique({ where: { id: entry!.id } })).toMatchObject({ status: 'COMMITTED', bunqObjectId: booked.id });
}, 60_000);

async function until<T>(probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

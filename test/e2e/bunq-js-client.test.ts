// Issue #5: the unmodified community bunq-js-client 1.1.2 (axios 0.18, node-forge) runs against
// the gateway in front of the bunq emulator with a scoped token as its API key. Its base URL is
// set through its public exports only (bunq-clients.md §1.2 method A: the exported
// URL_ENVIROMENTS table); nothing in the library is patched. It verifies every answer with the
// server key from its installation, so each passing call also proves the gateway's signature.
import { URL_ENVIROMENTS } from '@bunq-community/bunq-js-client/dist/Session';
import BunqJSClient from '@bunq-community/bunq-js-client';
import { randomBytes } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { restartGateway } from '../support/restart-gateway';
import type { RunningGateway } from '../../src/server';

jest.setTimeout(300_000);

const ALLOWED_IBAN = 'NL91ABNA0417164300';
const DAY = 86_400_000;
let t: TestGateway;
let gateway: RunningGateway;
const clients: BunqJSClient[] = [];

const silent = { log() {}, info() {}, error() {}, debug() {}, trace() {}, warn() {} };

function memoryStore() {
  const data = new Map<string, unknown>();
  return {
    get: (key: string) => data.get(key),
    set: (key: string, value: unknown) => void data.set(key, value),
    remove: (key: string) => void data.delete(key),
  };
}

/** A client through the library's own public API: run → install → registerDevice → registerSession. */
async function connect(apiKey: string): Promise<BunqJSClient> {
  const client = new BunqJSClient(memoryStore(), silent);
  clients.push(client);
  // Its own session handling instead of a keep-alive timer (public API), so nothing outlives the test.
  client.setKeepAlive(false);
  await client.run(apiKey, [], 'PRODUCTION', randomBytes(32).toString('hex'));
  await client.install();
  await client.registerDevice('bunq-js-client e2e');
  await client.registerSession();
  return client;
}

interface AxiosFailure {
  response?: { status: number; data: { Error?: { error_description: string; error_code?: string }[] } };
}

async function failureOf(promise: Promise<unknown>): Promise<AxiosFailure> {
  const outcome = await promise.then(
    () => undefined,
    (err: unknown) => err as AxiosFailure,
  );
  expect(outcome).toBeDefined();
  return outcome!;
}

beforeAll(async () => {
  t = await startTestGateway();
  gateway = t.gateway;
  URL_ENVIROMENTS['PRODUCTION'] = t.url;
});

afterAll(async () => {
  for (const client of clients) client.clearExpiryTimer();
  await gateway?.close();
  await t?.emulator.close();
});

test('when bunq-js-client runs with a read-recent token, a create-payment token and a gateway restart in between, then it lists, pages, pays and is refused exactly as the tokens say', async () => {
  const sync = await t.issue({ scopes: ['read-user', 'read-balance', 'read-recent'], accounts: [t.personal.id], recentDays: 30 }, { name: 'js sync' });
  const pay = await t.issue(
    {
      scopes: ['read-user', 'create-payment'],
      accounts: [t.personal.id],
      payment: { currency: 'EUR', maxPerPayment: '25.00', ibanAllowlist: [ALLOWED_IBAN], sourceAccounts: [t.personal.id], outsideAllowlist: 'deny' },
    },
    { name: 'js pay' },
  );
  const reader = await connect(sync.bunqKey);
  const userId = (await reader.getUsers(true))['UserPerson'].id as number;
  expect(userId).toBe(t.user.userId);

  // Accounts: only the token's account, with bunq's own ids.
  const accounts = (await reader.api.monetaryAccount.list(userId)) as Record<string, { id: number }>[];
  expect(accounts.map((a) => Object.values(a)[0]!.id)).toEqual([t.personal.id]);

  // Recent payments, page by page (the client pages with older_id, bunq-clients.md §1.4).
  const readPage = (olderId: number | false) =>
    reader.api.payment.list(userId, t.personal.id, { count: 10, older_id: olderId }) as Promise<{ Payment: { id: number; created: string } }[]>;
  const first = await readPage(false);
  expect(first).toHaveLength(10);

  // The owner restarts the gateway: same database and master key, new runtime, same port.
  const restarted = await restartGateway(gateway, t.runtime.config);
  gateway = restarted.gateway;
  // A real restart takes seconds, during which the client's keep-alive agent sees the old
  // connections close; the in-process restart above is faster than one turn of the event loop.
  await new Promise((resolve) => setTimeout(resolve, 100));

  const seen = first.map((p) => p.Payment.id);
  let page = first;
  while (page.length > 0 && seen.length < 500) {
    page = await readPage(page.at(-1)!.Payment.id);
    seen.push(...page.map((p) => p.Payment.id));
  }
  const windowStart = Date.now() - 30 * DAY;
  const recent = t.emulator.control.listPayments(t.personal.id).filter((p) => p.createdAt >= windowStart + 60_000).map((p) => p.id);
  expect(seen.length).toBeGreaterThan(10);
  expect(seen).toEqual(expect.arrayContaining(recent));
  expect(new Set(seen).size).toBe(seen.length);

  // Out of scope: the client surfaces the gateway's bunq-shaped refusal, which is not a dead session.
  const denied = await failureOf(reader.api.payment.post(userId, t.personal.id, 'not allowed', { value: '1.00', currency: 'EUR' }, { type: 'IBAN', value: ALLOWED_IBAN, name: 'Payee' }));
  expect(denied.response?.status).toBe(403);
  expect(denied.response?.data.Error?.[0]).toMatchObject({ error_code: 'scope_missing' });
  expect(denied.response?.data.Error?.[0]?.error_description).not.toBe('Insufficient authorisation.');

  // A create-payment token pays within its cap, and not above it.
  const payer = await connect(pay.bunqKey);
  const made = (await payer.api.payment.post(userId, t.personal.id, 'invoice 42', { value: '24.99', currency: 'EUR' }, { type: 'IBAN', value: ALLOWED_IBAN, name: 'Payee' })) as { Id: { id: number } }[];
  const paymentId = made[0]!.Id.id;
  expect(t.emulator.control.listPayments(t.personal.id).find((p) => p.id === paymentId)?.description).toBe('invoice 42');
  const tooMuch = await failureOf(payer.api.payment.post(userId, t.personal.id, 'too much', { value: '25.01', currency: 'EUR' }, { type: 'IBAN', value: ALLOWED_IBAN, name: 'Payee' }));
  expect(tooMuch.response?.status).toBe(403);
  expect(tooMuch.response?.data.Error?.[0]?.error_code).toBe('amount_exceeds_max');

  // The reader still works after everything above, and ends its session through the library.
  expect((await reader.api.monetaryAccount.list(userId)).length).toBe(1);
  const sessionId = reader.Session.sessionId;
  expect(await restarted.runtime.db.clientSession.count({ where: { id: sessionId } })).toBe(1);
  await reader.destroySession();
  expect(await restarted.runtime.db.clientSession.count({ where: { id: sessionId } })).toBe(0);
});

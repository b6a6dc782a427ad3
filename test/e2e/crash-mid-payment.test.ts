// Issue #7: the gateway is killed with SIGKILL in the middle of a payment and restarted.
// The gateway runs as a real child process (`node bin/bunq-gateway.js serve`, dist/ built by
// `npm ci`) on PostgreSQL against the in-process bunq emulator, which holds the payment for
// 1.5 s so the kill lands while bunq is handling it. After the restart: bunq shows the
// payment at most once, the ledger entry is reconciled against what bunq shows (never re-sent),
// and the audit has the row written ahead of sending plus the reconciliation.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/load';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { openRuntime, type Runtime } from '../../src/runtime';
import { initBunqContext } from '../../src/upstream';
import { freshDatabaseUrl } from '../helpers/database';
import type { SandboxUser } from '../helpers/test-gateway';
import { paymentBody } from '../component/support/calls';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'bunq-gateway.js');
const PAYEE = 'NL91ABNA0417164300';
jest.setTimeout(90_000);

let emulator: RunningEmulator;
let runtime: Runtime;
let env: NodeJS.ProcessEnv;
let user: SandboxUser;
const children: ChildProcess[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ rateLimits: false });
  user = emulator.control.createSandboxUser('person') as SandboxUser;
  const dataDir = fs.mkdtempSync(path.join(process.env['BUNQ_GW_TEST_DIR'] ?? os.tmpdir(), 'crash-'));
  const settings = {
    GATEWAY_DATA_DIR: dataDir,
    DATABASE_URL: await freshDatabaseUrl('postgresql'),
    GATEWAY_MASTER_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    UPSTREAM_TIMEOUT_MS: '2500',
    RECONCILE_AFTER_MS: '30000', // the shortest accepted for this timeout: 2 × 2.5 s + 25 s
    // Released as soon as it is looked at (by default only after hours: bunq may book late).
    RECONCILE_RELEASE_AFTER_MS: '30000',
    RECONCILE_INTERVAL_MS: '500',
  };
  runtime = await openRuntime(loadConfig({}, settings), { migrate: false });
  await initBunqContext({ db: runtime.db, secretBox: runtime.secretBox }, { baseUrl: emulator.baseUrl, apiKey: user.apiKey, permittedIps: ['*'] });
  env = { ...process.env, ...settings };
  for (const k of ['GATEWAY_MASTER_KEY_FILE', 'GATEWAY_PORT', 'GATEWAY_HOST']) delete env[k];
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await runtime?.close();
  await emulator?.close();
});

function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--admin-port', '0', '--json'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start: ${stderr}`)), 30_000);
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      try {
        const { url } = JSON.parse(stdout) as { url: string };
        clearTimeout(timer);
        resolve({ child, url });
      } catch {
        // not the whole document yet
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited (${String(code)}): ${stderr}`));
    });
  });
}

function send(url: string, path: string, bearer: string): Promise<number> {
  const body = JSON.stringify(paymentBody('12.34', PAYEE, 'crash test'));
  return new Promise((resolve) => {
    const req = http.request(new URL(path, url), {
      method: 'POST',
      agent: false,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0)); // the gateway died: no answer
    req.end(body);
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('when the gateway is SIGKILLed while bunq executes a payment and restarted, then bunq has it at most once and ledger and audit agree', async () => {
  const account = user.accounts.find((a) => a.type === 'MonetaryAccountBank')!;
  const issued = await runtime.tokens.issue({
    name: 'crash',
    grant: {
      scopes: ['create-payment'],
      accounts: [account.id],
      payment: { maxPerPayment: '50.00', caps: { day: '100.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [account.id] },
    },
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  const payPath = `/v1/user/${user.userId}/monetary-account/${account.id}/payment`;
  const first = await serve();
  emulator.control.setFault({ kind: 'delay', ms: 1_500, times: 1, match: { method: 'POST', pathIncludes: '/payment' } });
  const posts = () => emulator.control.requestCount({ method: 'POST', pathIncludes: '/payment' });
  const before = posts();

  const answer = send(first.url, payPath, issued.bearer);
  await until('bunq to receive the payment', () => (posts() > before ? true : undefined));
  first.child.kill('SIGKILL');
  expect(await answer).toBe(0);

  const entry = await until('the reserved entry', async () => (await runtime.db.spendEntry.findFirst({ where: { tokenId: issued.token.id } })) ?? undefined);
  expect(entry.status).toBe('RESERVED');
  const pending = await runtime.db.auditEvent.findMany({ where: { tokenId: issued.token.id } });
  expect(pending).toHaveLength(1);
  expect(pending[0]).toMatchObject({ reasonId: 'upstream_outcome_pending', status: 102, amountMinor: 1234n, counterpartyIban: PAYEE });
  // Let bunq finish with the request the dead gateway had sent (the emulator, like a server
  // whose client vanished mid-request, drops it unexecuted; either way the ledger must follow bunq).
  await new Promise((r) => setTimeout(r, 2_000));

  await serve();
  const settled = await until('reconciliation', async () => {
    const e = await runtime.db.spendEntry.findUnique({ where: { id: entry.id } });
    return e && e.status !== 'RESERVED' ? e : undefined;
  }, 60_000);

  const booked = emulator.control.findPaymentsByClientRequestId(entry.clientRequestId);
  expect(booked.length).toBeLessThanOrEqual(1);
  expect(posts() - before).toBe(1); // never re-sent
  expect(settled.status).toBe(booked.length === 1 ? 'COMMITTED' : 'RELEASED');
  expect(settled.bunqObjectId).toBe(booked.length === 1 ? booked[0]!.id : null);
  // The reconciliation's row is written right after its ledger change (another process).
  const audit = await until('the reconciliation\'s audit row', async () => {
    const rows = await runtime.db.auditEvent.findMany({ where: { tokenId: issued.token.id }, orderBy: { id: 'asc' } });
    return rows.length >= 2 ? rows : undefined;
  });
  expect(audit.map((a) => a.reasonId)).toEqual(['upstream_outcome_pending', booked.length === 1 ? 'reconciled_paid' : 'reconciled_not_paid']);
  expect(audit.every((a) => a.amountMinor === 1234n)).toBe(true);
}, 90_000);

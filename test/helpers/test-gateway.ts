// The whole product in one process for component and end-to-end tests: the bunq emulator
// on an ephemeral port with a sandbox user, a fresh database (SQLite unless `dialect` says), the bunq context
// initialised against the emulator, and the gateway on another ephemeral port.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/load';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { openRuntime, type Runtime } from '../../src/runtime';
import { startGateway, type RunningGateway } from '../../src/server';
import { initBunqContext } from '../../src/upstream';
import type { Clock } from '../../src/lib/clock';
import type { GrantInput } from '../../src/policy/grant';
import type { IssuedToken } from '../../src/tokens/token-service';
import { freshDatabaseUrl } from './database';
import type { Dialect } from '../../src/store/client';

export interface SandboxUser {
  readonly apiKey: string;
  readonly userId: number;
  readonly accounts: readonly { id: number; type: string; iban: string; description: string }[];
}

export interface TestGateway {
  readonly emulator: RunningEmulator;
  readonly runtime: Runtime;
  readonly gateway: RunningGateway;
  readonly url: string;
  readonly user: SandboxUser;
  readonly personal: SandboxUser['accounts'][number];
  readonly savings: SandboxUser['accounts'][number];
  readonly joint: SandboxUser['accounts'][number];
  issue(grant: GrantInput, extra?: { name?: string; expiresInMs?: number; ipAllowlist?: string[]; ratePerMinute?: number }): Promise<IssuedToken>;
  close(): Promise<void>;
}

/**
 * Without emulator rate limits the gateway's own scheduler is off too, and the balance cache is
 * off unless asked for (tests move the emulator's state behind the gateway's back); `config`
 * overrides any setting.
 */
export async function startTestGateway(
  opts: { clock?: Clock; emulatorRateLimits?: boolean; dialect?: Dialect; upstreamTimeoutMs?: number; config?: Record<string, string> } = {},
): Promise<TestGateway> {
  const emulator = await startEmulator({ rateLimits: opts.emulatorRateLimits ?? false, ...(opts.clock ? { clock: opts.clock } : {}) });
  const user = emulator.control.createSandboxUser('person') as SandboxUser;
  const dataDir = fs.mkdtempSync(path.join(process.env['BUNQ_GW_TEST_DIR'] ?? os.tmpdir(), 'gw-'));
  const config = loadConfig({}, {
    GATEWAY_DATA_DIR: dataDir,
    DATABASE_URL: await freshDatabaseUrl(opts.dialect),
    GATEWAY_MASTER_KEY: randomBytes(32).toString('hex'),
    GATEWAY_PORT: '0',
    LOG_LEVEL: 'silent',
    UPSTREAM_RATE_LIMITS: opts.emulatorRateLimits ? 'bunq' : 'off',
    UPSTREAM_CACHE_TTL_MS: '0',
    ...(opts.upstreamTimeoutMs === undefined ? {} : { UPSTREAM_TIMEOUT_MS: String(opts.upstreamTimeoutMs) }),
    ...opts.config,
  });
  const runtime = await openRuntime(config, { migrate: false, ...(opts.clock ? { clock: opts.clock } : {}) });
  await initBunqContext({ db: runtime.db, secretBox: runtime.secretBox, ...(opts.clock ? { clock: opts.clock } : {}) }, {
    baseUrl: emulator.baseUrl,
    apiKey: user.apiKey,
    permittedIps: ['*'],
  });
  await runtime.reloadBunq();
  const gateway = await startGateway(runtime, { host: '127.0.0.1', port: 0 });
  const account = (type: string) => user.accounts.find((a) => a.type === type)!;
  return {
    emulator,
    runtime,
    gateway,
    url: gateway.url,
    user,
    personal: account('MonetaryAccountBank'),
    savings: account('MonetaryAccountSavings'),
    joint: account('MonetaryAccountJoint'),
    issue: (grant, extra = {}) =>
      runtime.tokens.issue({
        name: extra.name ?? 'test token',
        grant,
        expiresAt: new Date(runtime.clock.now() + (extra.expiresInMs ?? 86_400_000)),
        ...(extra.ipAllowlist ? { ipAllowlist: extra.ipAllowlist } : {}),
        ...(extra.ratePerMinute ? { ratePerMinute: extra.ratePerMinute } : {}),
      }),
    async close() {
      await gateway.close();
      await emulator.close();
    },
  };
}

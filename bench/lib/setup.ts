/**
 * Everything the scenarios share: the emulator (its own process, as bunq is another machine), a
 * sandbox user, a gateway database with the bunq context initialised against the emulator,
 * tokens issued with real policies, and the emulator session token for the direct and
 * bare-proxy scenarios. The emulator keeps only the last 1,000 recorded requests: the rows send
 * tens of thousands, whose records nobody reads and which would only grow its heap.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/load';
import { openRuntime, type Runtime } from '../../src/runtime';
import { initBunqContext } from '../../src/upstream';
import { BunqContextRepository } from '../../src/store/bunq-context-repo';
import type { GrantInput } from '../../src/policy/grant';
import { startChild, type Child } from './processes';

export interface Sandbox {
  readonly userId: number;
  readonly accounts: readonly { id: number; type: string }[];
}

export interface BenchWorld {
  readonly emulator: Child;
  readonly user: Sandbox;
  readonly runtime: Runtime;
  /** Environment of a gateway process on this database. */
  readonly gatewayEnv: Record<string, string>;
  /** Headers a bunq client sends to the emulator (session token, User-Agent). */
  readonly bunqHeaders: Record<string, string>;
  readonly dataDir: string;
  issue(grant: GrantInput, name: string): Promise<string>;
  emulatorControl(method: string, sub: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function setUp(): Promise<BenchWorld> {
  const emulator = await startChild(['bin/bunq-gateway.js', 'emulator', '--port', '0', '--json', '--no-rate-limits', '--request-log-limit', '1000']);
  const emulatorControl = async (method: string, sub: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${emulator.url}/_emulator${sub}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return res.json();
  };
  const user = (await emulatorControl('POST', '/sandbox-user', { kind: 'person' })) as Sandbox & { apiKey: string };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-bench-'));
  const gatewayEnv = {
    GATEWAY_DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, 'gateway.db')}`,
    GATEWAY_MASTER_KEY: randomBytes(32).toString('hex'),
    GATEWAY_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const runtime = await openRuntime(loadConfig({}, gatewayEnv));
  await initBunqContext({ db: runtime.db, secretBox: runtime.secretBox }, {
    baseUrl: `${emulator.url}/v1`,
    apiKey: user.apiKey,
    permittedIps: ['*'],
  });
  const stored = await new BunqContextRepository(runtime.db, runtime.secretBox).load();
  if (!stored?.session) throw new Error('init did not open a bunq session');
  return {
    emulator,
    user,
    runtime,
    gatewayEnv,
    dataDir,
    bunqHeaders: { 'x-bunq-client-authentication': stored.session.token, 'user-agent': 'gateway-bench', 'cache-control': 'no-cache' },
    issue: async (grant, name) =>
      (await runtime.tokens.issue({ name, grant, expiresAt: new Date(Date.now() + 86_400_000) })).bearer,
    emulatorControl,
    async close() {
      await runtime.close();
      await emulator.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

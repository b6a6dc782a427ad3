/**
 * `bunq-gateway demo` (what `npm start` runs): the gateway on the embedded default — SQLite
 * and the built-in bunq emulator — so a newcomer sees it work in a minute. It starts the
 * emulator, creates a sandbox user, runs the bunq handshake against it, issues one token per
 * example user (widget, sync script, bookkeeper) and prints ready-to-paste curl commands.
 * Demo state lives in its own data directory, recreated on every start.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load';
import { startEmulator } from '../../emulator';
import { openRuntime } from '../../runtime';
import { startGateway } from '../../server';
import { startAdmin } from '../../admin/admin-server';
import { adminLines } from '../admin-banner';
import { initBunqContext } from '../../upstream';
import { untilSignal } from '../lifecycle';
import { output, commandLogger } from '../output';
import { issueDemoTokens } from '../demo-tokens';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Run gateway + built-in bunq emulator with demo tokens (what `npm start` does).')
    .option('--port <port>', 'gateway port', '8080')
    .option('--host <host>', 'gateway interface', '127.0.0.1')
    .option('--admin-port <port>', 'console and admin API port (0 = any free port)', '8081')
    .option('--emulator-port <port>', 'emulator port (0 = any free port)', '0')
    .option('--data-dir <dir>', 'demo data directory (wiped on start)', path.join('.data', 'demo'))
    .option('--json', 'print URLs and tokens as JSON')
    .action(async (opts: { port: string; host: string; adminPort: string; emulatorPort: string; dataDir: string; json?: boolean }) => {
      const dataDir = path.resolve(opts.dataDir);
      fs.rmSync(dataDir, { recursive: true, force: true });
      const config = loadConfig(process.env, {
        GATEWAY_DATA_DIR: dataDir,
        GATEWAY_PORT: opts.port,
        GATEWAY_HOST: opts.host,
        ADMIN_PORT: opts.adminPort,
        DATABASE_URL: `file:${path.join(dataDir, 'gateway.db')}`,
      });
      const logger = commandLogger(config.LOG_LEVEL, opts.json === true);
      const emulator = await startEmulator({ port: Number(opts.emulatorPort), host: '127.0.0.1' });
      const user = emulator.control.createSandboxUser('person');
      const runtime = await openRuntime(config, { logger });
      await initBunqContext(
        { db: runtime.db, secretBox: runtime.secretBox, logger, timeoutMs: config.UPSTREAM_TIMEOUT_MS },
        { baseUrl: emulator.baseUrl, apiKey: user.apiKey, permittedIps: ['*'] },
      );
      await runtime.reloadBunq();
      const tokens = await issueDemoTokens(runtime, user);
      const gateway = await startGateway(runtime, { host: config.GATEWAY_HOST, port: config.GATEWAY_PORT });
      const admin = await startAdmin(runtime, { host: config.ADMIN_HOST, port: config.ADMIN_PORT }).catch(async (err: unknown) => {
        await gateway.close();
        await emulator.close();
        throw err;
      });
      const out = output(opts.json === true);
      const curl = `curl -s -H "Authorization: Bearer ${tokens.widget.bearer}" ${gateway.url}/v1/user/${user.userId}/monetary-account`;
      out.result(
        { url: gateway.url, adminUrl: admin.url, adminCredential: admin.newCredential, emulatorUrl: emulator.url, userId: user.userId, tokens: summarise(tokens), curl },
        () =>
          [
            `bunq-gateway (demo) listening on ${gateway.url}`,
            `bunq emulator on ${emulator.url}, sandbox user ${user.userId}`,
            ...adminLines(admin),
            '',
            ...Object.entries(tokens).map(([name, t]) => `${name.padEnd(10)} ${t.description}\n           ${t.bearer}`),
            '',
            'Try (the widget token sees only the joint account):',
            `  ${curl}`,
            '',
            'Stop with Ctrl-C.',
          ].join('\n'),
      );
      process.exitCode = await untilSignal(async () => {
        await admin.close();
        await gateway.close();
        await emulator.close();
      });
    });
}

function summarise(tokens: Awaited<ReturnType<typeof issueDemoTokens>>) {
  return Object.fromEntries(
    Object.entries(tokens).map(([k, t]) => [k, { id: t.token.id, description: t.description, bearer: t.bearer, bunqKey: t.bunqKey }]),
  );
}

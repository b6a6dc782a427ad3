/** `bunq-gateway emulator`: the bunq sandbox emulator alone, for tests and trying things out. */
import type { Command } from 'commander';
import { startEmulator } from '../../emulator';
import { untilSignal } from '../lifecycle';
import { output } from '../output';

export function registerEmulator(program: Command): void {
  program
    .command('emulator')
    .description('Run the built-in bunq sandbox emulator (plain HTTP, loopback). Stops cleanly on SIGTERM.')
    .option('--port <port>', 'port to listen on (0 = any free port)', '0')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--no-rate-limits', "do not enforce bunq's rate limits")
    .option('--request-log-limit <n>', 'keep only the last n recorded requests (default: all)')
    .option('--json', 'print the URLs as JSON')
    .action(async (opts: { port: string; host: string; rateLimits: boolean; requestLogLimit?: string; json?: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${opts.port}`);
      const limit = opts.requestLogLimit === undefined ? undefined : Number(opts.requestLogLimit);
      const emulator = await startEmulator({ port, host: opts.host, rateLimits: opts.rateLimits, ...(limit === undefined ? {} : { requestLogLimit: limit }) });
      output(opts.json === true).result(
        { url: emulator.url, baseUrl: emulator.baseUrl },
        () => `bunq emulator listening on ${emulator.url} (bunq base URL: ${emulator.baseUrl})`,
      );
      process.exitCode = await untilSignal(() => emulator.close());
    });
}

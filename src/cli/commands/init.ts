/**
 * `bunq-gateway init`: registers the owner's bunq API key with a bunq base URL — runs the
 * installation → device-server → session-server handshake and stores the context, encrypted.
 * The key is read from stdin or BUNQ_API_KEY, never from argv (argv is visible to every user
 * of the machine through ps).
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config/load';
import { openRuntime } from '../../runtime';
import { initBunqContext } from '../../upstream';
import { createSandboxApiKey } from '../sandbox-user';
import { output, commandLogger } from '../output';
import { GatewayError } from '../../lib/errors';

interface InitOptions {
  baseUrl?: string;
  apiKeyStdin?: boolean;
  sandboxUser?: 'person' | 'company';
  permittedIp?: string[];
  replace?: boolean;
  json?: boolean;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('Register a bunq API key: run the bunq handshake and store the API context (encrypted).')
    .option('--base-url <url>', 'bunq base URL incl. /v1, e.g. https://api.bunq.com/v1 (default: BUNQ_BASE_URL)')
    .option('--api-key-stdin', 'read the API key from standard input (otherwise BUNQ_API_KEY)')
    .option('--sandbox-user <kind>', 'sandbox/emulator only: create a sandbox user (person|company) and use its key')
    .option('--permitted-ip <ip...>', 'IPs bunq accepts the key from; "*" = any (default: bunq binds the key to this machine\'s IP)')
    .option('--replace', 'replace an existing context that uses another key or base URL')
    .option('--json', 'print the result as JSON')
    .action(async (opts: InitOptions) => {
      const config = loadConfig();
      const out = output(opts.json === true);
      const baseUrl = (opts.baseUrl ?? config.BUNQ_BASE_URL)?.replace(/\/+$/, '');
      if (!baseUrl) throw new GatewayError('invalid_request', 400, 'no bunq base URL: pass --base-url or set BUNQ_BASE_URL');
      const apiKey = opts.sandboxUser
        ? await createSandboxApiKey(baseUrl, opts.sandboxUser)
        : opts.apiKeyStdin
          ? (await readStdin()).trim()
          : process.env['BUNQ_API_KEY'];
      if (!apiKey) throw new GatewayError('invalid_request', 400, 'no API key: pass --api-key-stdin, set BUNQ_API_KEY, or use --sandbox-user');
      const runtime = await openRuntime(config, { logger: commandLogger(config.LOG_LEVEL, opts.json === true) });
      try {
        const summary = await initBunqContext(
          { db: runtime.db, secretBox: runtime.secretBox, logger: runtime.logger, timeoutMs: config.UPSTREAM_TIMEOUT_MS },
          { baseUrl, apiKey, replace: opts.replace === true, ...(opts.permittedIp ? { permittedIps: opts.permittedIp } : {}) },
        );
        out.result(summary, () => `bunq context ready for ${baseUrl}\n${JSON.stringify(summary, null, 2)}`);
      } finally {
        await runtime.close();
      }
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

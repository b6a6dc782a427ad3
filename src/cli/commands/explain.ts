/**
 * `bunq-gateway explain`: would this token be allowed to make this request, and why? Runs
 * the same normalisation and decision as the gateway (for the token and every token it was
 * derived from) without calling bunq; the admin API's POST /explain runs the same code.
 * Exit code 0 = allowed, 3 = refused.
 */
import type { Command } from 'commander';
import { withOwner } from '../open-runtime';
import { EXIT, output } from '../output';

export function registerExplain(program: Command): void {
  program
    .command('explain <method> <path>')
    .description('Dry-run a request against a token, e.g. explain --token-id <id> GET /v1/user/1/monetary-account')
    .requiredOption('--token-id <id>', 'the token to check')
    .option('--body <json>', 'the request body (JSON), for POST and PUT')
    .option('--json', 'print JSON')
    .action(async (method: string, target: string, opts: { tokenId: string; body?: string; json?: boolean }) => {
      await withOwner(
        async (owner) => {
          const verdict = await owner.explain({ tokenId: opts.tokenId, method, path: target, ...(opts.body === undefined ? {} : { body: opts.body }) });
          output(opts.json === true).result(verdict, () => `${verdict.allowed ? 'ALLOWED' : 'DENIED'} (${verdict.reasonId}): ${verdict.message}`);
          if (!verdict.allowed) process.exitCode = EXIT.refused;
        },
        { bunq: true },
      );
    });
}

/**
 * `bunq-gateway explain`: would this token be allowed to make this request, and why? Runs
 * the same normalisation and decision as the gateway (for the token and every token it was
 * derived from) without calling bunq. Exit code 0 = allowed, 3 = refused.
 */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { GatewayError } from '../../lib/errors';
import { explain, type Explanation } from '../../policy/explain';
import { withRuntime } from '../open-runtime';
import { EXIT, output } from '../output';

export function registerExplain(program: Command): void {
  program
    .command('explain <method> <path>')
    .description('Dry-run a request against a token, e.g. explain --token-id <id> GET /v1/user/1/monetary-account')
    .requiredOption('--token-id <id>', 'the token to check')
    .option('--body <json>', 'the request body (JSON), for POST and PUT')
    .option('--json', 'print JSON')
    .action(async (method: string, target: string, opts: { tokenId: string; body?: string; json?: boolean }) => {
      await withRuntime(
        async (rt) => {
          const token = await rt.tokenRepo.findById(opts.tokenId);
          if (!token) throw new GatewayError('not_found', 404, `No token with id ${opts.tokenId}.`);
          const ancestors = await rt.tokenRepo.findMany(token.ancestry);
          const raw = {
            requestId: randomUUID(),
            clientIp: '127.0.0.1',
            method,
            target,
            rawHeaders: opts.body ? ['Content-Type', 'application/json'] : [],
            body: Buffer.from(opts.body ?? '', 'utf8'),
          };
          const ctx = { bunqUserId: rt.bunq().userId, now: rt.clock.now(), catalog: rt.catalog };
          let verdict: Explanation = explain(raw, token.grant, ctx);
          for (const ancestor of ancestors) {
            if (!verdict.allowed) break;
            const up = explain(raw, ancestor.grant, ctx);
            if (!up.allowed) verdict = { ...up, message: `${up.message} (denied by parent token ${ancestor.id})` };
          }
          if (token.revokedAt) verdict = { ...verdict, allowed: false, message: `The token is revoked. ${verdict.message}` };
          output(opts.json === true).result(verdict, () => `${verdict.allowed ? 'ALLOWED' : 'DENIED'} (${verdict.reasonId}): ${verdict.message}`);
          if (!verdict.allowed) process.exitCode = EXIT.refused;
        },
        { bunq: true },
      );
    });
}

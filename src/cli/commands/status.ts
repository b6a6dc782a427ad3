/**
 * `bunq-gateway status`: health of the bunq API context (base URL, user, session expiry),
 * token and audit counts, payments whose outcome is unknown. bunq publishes no rate-limit
 * headers (bunq-api.md §7), so the upstream budget is shown as bunq's documented limits and
 * said to be so. Same data as the admin API's GET /status. Exit code 1 when no bunq context
 * is configured yet, so a script can check readiness.
 */
import type { Command } from 'commander';
import { withOwner } from '../open-runtime';
import { EXIT, output } from '../output';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('bunq context health (session expiry), token and audit counts, upstream rate limits.')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withOwner(
        async (owner) => {
          const s = await owner.status();
          const b = s.bunq;
          output(opts.json === true).result(s, () =>
            [
              b.configured
                ? `bunq context:  ${b.baseUrl}\n  user:        ${b.userDisplayName ?? ''} (${b.userId})\n  session:     ${b.sessionExpiresAt ? `expires ${b.sessionExpiresAt} (renewed automatically)` : 'none yet'}`
                : 'bunq context:  not configured (run `bunq-gateway init`)',
              `tokens:        ${s.tokens.active} active, ${s.tokens.expired} expired, ${s.tokens.revoked} revoked`,
              `last 24 hours: ${s.audit24h.allowed} allowed, ${s.audit24h.denied} denied calls`,
              `ledger:        ${s.ledger.unknownOutcomes} payment(s) with unknown outcome`,
              `rate limits:   ${Object.entries(s.upstreamRateLimits.documented).map(([k, v]) => `${k} ${v}`).join('; ')}`,
              `               (${s.upstreamRateLimits.note})`,
            ].join('\n'),
          );
          if (!b.configured) process.exitCode = EXIT.failure;
        },
        { bunq: true },
      );
    });
}

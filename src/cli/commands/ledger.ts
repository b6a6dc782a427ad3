/**
 * `bunq-gateway ledger list|resolve`: payments whose outcome is unknown (bunq timed out or
 * failed mid-call) stay reserved against the caps until they are settled. `serve` reconciles
 * them against bunq's payment list (src/steps/reconcile-spend.ts); what it cannot tell apart
 * (two equal payments, drafts, windows older than one page) is left here for the owner.
 */
import type { Command } from 'commander';
import { GatewayError } from '../../lib/errors';
import { formatAmount } from '../../lib/money';
import type { SpendStatus } from '../../store/spend-ledger';
import { withRuntime } from '../open-runtime';
import { output } from '../output';

const STATUSES: readonly SpendStatus[] = ['RESERVED', 'COMMITTED', 'RELEASED', 'UNKNOWN'];

export function registerLedger(program: Command): void {
  const ledger = program.command('ledger').description('Inspect the spend ledger; resolve payments with an unknown outcome.');
  ledger
    .command('list')
    .description('List ledger entries (default: UNKNOWN ones).')
    .option('--status <status>', `one of ${STATUSES.join(', ')}`, 'UNKNOWN')
    .option('--json', 'print JSON')
    .action(async (opts: { status: string; json?: boolean }) => {
      const status = opts.status.toUpperCase() as SpendStatus;
      if (!STATUSES.includes(status)) throw new GatewayError('invalid_request', 400, `--status must be one of ${STATUSES.join(', ')}`);
      await withRuntime(async (rt) => {
        const rows = (await rt.ledger.list(status)).map((r) => ({
          id: r.id,
          tokenId: r.tokenId,
          account: r.monetaryAccountId,
          amount: formatAmount(r.amountMinor),
          currency: r.currency,
          counterpartyIban: r.counterpartyIban,
          mode: r.mode,
          status: r.status,
          clientRequestId: r.clientRequestId,
          createdAt: r.createdAt.toISOString(),
        }));
        output(opts.json === true).result(rows, () =>
          rows.length === 0
            ? `No ${status} entries.`
            : rows.map((r) => `${r.id}  ${r.createdAt}  ${r.amount} ${r.currency} from ${r.account} to ${r.counterpartyIban ?? '-'}  request-id ${r.clientRequestId}`).join('\n'),
        );
      });
    });
  ledger
    .command('resolve <entryId>')
    .description('Settle an UNKNOWN entry after checking bunq: --paid keeps it counted, --not-paid releases it.')
    .option('--paid', 'bunq shows the payment')
    .option('--not-paid', 'bunq has no such payment')
    .option('--json', 'print JSON')
    .action(async (entryId: string, opts: { paid?: boolean; notPaid?: boolean; json?: boolean }) => {
      if (opts.paid === opts.notPaid) throw new GatewayError('invalid_request', 400, 'Give exactly one of --paid or --not-paid.');
      await withRuntime(async (rt) => {
        const done = await rt.ledger.resolve(entryId, opts.paid === true, rt.clock.now());
        if (!done) throw new GatewayError('not_found', 404, `No UNKNOWN ledger entry ${entryId}.`);
        output(opts.json === true).result({ id: entryId, status: opts.paid ? 'COMMITTED' : 'RELEASED' }, () => `Entry ${entryId} ${opts.paid ? 'committed' : 'released'}.`);
      });
    });
}

/**
 * `bunq-gateway audit`: read the audit log, filtered by token, decision and time; --follow
 * keeps printing new rows (polling once a second) until SIGINT/SIGTERM. Same query as the
 * admin API's GET /audit (OwnerService.audit). With --json, one JSON array, or with --follow
 * one JSON object per line (JSON Lines) so a script can read rows as they come.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { AuditEventView } from '../../admin/schemas';
import { money } from '../../admin/describe-token';
import { withOwner } from '../open-runtime';
import { output } from '../output';
import { isoDate, positiveInt } from '../parse';

const POLL_MS = 1000;

interface AuditOptions {
  token?: string;
  decision?: 'allow' | 'deny';
  since?: Date;
  until?: Date;
  limit?: number;
  follow?: boolean;
  json?: boolean;
}

function decision(value: string): 'allow' | 'deny' {
  if (value !== 'allow' && value !== 'deny') throw new InvalidArgumentError('expected allow or deny');
  return value;
}

export function auditLine(e: AuditEventView): string {
  const who = e.tokenName ? `${e.tokenName} (${e.tokenId?.slice(0, 8)})` : (e.tokenId ?? 'no valid token');
  const amount = e.amount ? `  ${money(e.amount, e.currency ?? '')}${e.counterpartyIban ? ` → ${e.counterpartyIban}` : ''}` : '';
  return `${e.at}  ${e.decision === 'allow' ? 'ALLOW' : 'DENY '}  ${String(e.status)}  ${e.endpoint}  ${e.reasonId}  ${who}${amount}`;
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('Show the audit log, newest first (oldest first with --follow).')
    .option('--token <id>', 'only this token')
    .option('--decision <allow|deny>', 'only allowed or only denied calls', decision)
    .option('--since <date>', 'from this ISO 8601 time', isoDate)
    .option('--until <date>', 'up to this ISO 8601 time', isoDate)
    .option('--limit <n>', 'at most this many rows (default 50, max 500)', positiveInt)
    .option('--follow', 'keep printing new rows until Ctrl-C')
    .option('--json', 'print JSON (JSON Lines with --follow)')
    .action(async (opts: AuditOptions) => {
      const filters = {
        ...(opts.token ? { tokenId: opts.token } : {}),
        ...(opts.decision ? { decision: opts.decision } : {}),
        ...(opts.since ? { since: opts.since.toISOString() } : {}),
        ...(opts.until ? { until: opts.until.toISOString() } : {}),
      };
      const limit = Math.min(opts.limit ?? 50, 500);
      await withOwner(async (owner) => {
        const page = await owner.audit({ ...filters, limit });
        if (!opts.follow) {
          output(opts.json === true).result(page.events, () => (page.events.length ? page.events.map(auditLine).join('\n') : 'No audit events match.'));
          return;
        }
        const print = (e: AuditEventView) => process.stdout.write(`${opts.json ? JSON.stringify(e) : auditLine(e)}\n`);
        const shown = [...page.events].reverse();
        shown.forEach(print);
        let lastId = shown.length ? shown[shown.length - 1]!.id : await newestId(owner);
        await untilStopped(async () => {
          const next = await owner.audit({ ...filters, limit: 500, afterId: lastId });
          for (const e of next.events) {
            print(e);
            lastId = e.id;
          }
        });
      });
    });
}

async function newestId(owner: { audit: (q: { limit: number }) => Promise<{ events: AuditEventView[] }> }): Promise<number> {
  const { events } = await owner.audit({ limit: 1 });
  return events[0]?.id ?? 0;
}

/** Polls until SIGINT/SIGTERM, then resolves (exit code 0). */
function untilStopped(poll: () => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const stop = () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const tick = () => {
      poll().then(
        () => {
          if (!stopped) timer = setTimeout(tick, POLL_MS);
        },
        (err: unknown) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          reject(err);
        },
      );
    };
    tick();
  });
}

/**
 * `bunq-gateway token create|list|show|revoke|rotate`: the owner hands out, inspects and
 * takes back scoped tokens. Every command goes through OwnerService, the same code the admin
 * API runs. A new token's secrets are printed once and never again.
 */
import type { Command } from 'commander';
import type { CreateTokenRequest, IssuedTokenView } from '../../admin/schemas';
import { withOwner } from '../open-runtime';
import { output } from '../output';
import { collect, collectInt, duration, isoDate, positiveInt } from '../parse';
import { tokenText } from '../token-view';

interface CreateOptions {
  name: string;
  preset?: string;
  scope?: string[];
  account?: number[];
  recentDays?: number;
  currency?: string;
  maxPerPayment?: string;
  capDay?: string;
  capWeek?: string;
  capMonth?: string;
  iban?: string[];
  sourceAccount?: number[];
  outsideAllowlist?: 'deny' | 'draft';
  expiresIn?: number;
  expiresAt?: Date;
  ip?: string[];
  ratePerMinute?: number;
  ratePerDay?: number;
  json?: boolean;
}

export function registerToken(program: Command): void {
  const token = program.command('token').description('Issue, list, show, revoke and rotate scoped tokens.');

  token
    .command('create')
    .description('Issue a token. Start from --preset (bookkeeper, sync, widget) or give --scope flags.')
    .requiredOption('--name <name>', 'what the token is for, e.g. "YNAB sync"')
    .option('--preset <id>', 'a preset from policies/presets/')
    .option('--scope <scope>', 'a scope (repeatable); see policies/scopes.json', collect)
    .option('--account <id>', 'a monetary account the token may touch (repeatable)', collectInt)
    .option('--recent-days <n>', 'window of read-recent in days (default 30)', positiveInt)
    .option('--currency <code>', 'payment currency (default EUR)')
    .option('--max-per-payment <amount>', 'largest single payment, e.g. 250.00')
    .option('--cap-day <amount>', 'rolling 24-hour cap')
    .option('--cap-week <amount>', 'rolling 7-day cap')
    .option('--cap-month <amount>', 'rolling 30-day cap')
    .option('--iban <iban>', 'an allowed counterparty IBAN (repeatable)', collect)
    .option('--source-account <id>', 'an account payments may leave from (repeatable; default: the --account ids)', collectInt)
    .option('--outside-allowlist <deny|draft>', 'payments to other IBANs: refuse, or create a draft for the bunq app')
    .option('--expires-in <duration>', 'lifetime, e.g. 12h, 30d, 2w', duration)
    .option('--expires-at <date>', 'expiry as an ISO 8601 date', isoDate)
    .option('--ip <ip-or-cidr>', 'client IP or CIDR the token may be used from (repeatable)', collect)
    .option('--rate-per-minute <n>', 'calls per minute', positiveInt)
    .option('--rate-per-day <n>', 'calls per day', positiveInt)
    .option('--json', 'print the result as JSON')
    .action(async (opts: CreateOptions) => {
      await withOwner(async (owner) => printIssued(await owner.createToken(createRequest(opts)), opts.json === true, 'Token created'));
    });

  token
    .command('list')
    .description('List tokens (active and expired ones; revoked too with --all).')
    .option('--all', 'include revoked tokens')
    .option('--json', 'print JSON')
    .action(async (opts: { all?: boolean; json?: boolean }) => {
      await withOwner(async (owner) => {
        const tokens = await owner.listTokens({ all: opts.all === true });
        output(opts.json === true).result(tokens, () => (tokens.length === 0 ? 'No tokens.' : tokens.map(tokenText).join('\n\n')));
      });
    });

  token
    .command('show <id>')
    .description('Show one token, with its spend against the caps.')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withOwner(async (owner) => {
        const t = await owner.getToken(id);
        output(opts.json === true).result(t, () => tokenText(t));
      });
    });

  token
    .command('revoke <id>')
    .description('Revoke a token and every token derived from it (effective on the next request).')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withOwner(async (owner) => {
        const result = await owner.revokeToken(id);
        output(opts.json === true).result(result, () => `Revoked ${result.revoked.length} token(s): ${result.revoked.join(', ')}`);
      });
    });

  token
    .command('rotate <id>')
    .description('Issue new secrets for a token; the old ones, and every token derived from it, stop working at once. Spend so far still counts.')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withOwner(async (owner) => printIssued(await owner.rotateToken(id), opts.json === true, 'Token rotated'));
    });
}

/** Flags → the admin API's CreateTokenRequest (the same shape the console sends). */
function createRequest(opts: CreateOptions): CreateTokenRequest {
  const caps = {
    ...(opts.capDay ? { day: opts.capDay } : {}),
    ...(opts.capWeek ? { week: opts.capWeek } : {}),
    ...(opts.capMonth ? { month: opts.capMonth } : {}),
  };
  const payment = {
    ...(opts.currency ? { currency: opts.currency } : {}),
    ...(opts.maxPerPayment ? { maxPerPayment: opts.maxPerPayment } : {}),
    ...(Object.keys(caps).length ? { caps } : {}),
    ...(opts.iban ? { ibanAllowlist: opts.iban } : {}),
    ...(opts.sourceAccount ? { sourceAccounts: opts.sourceAccount } : {}),
    ...(opts.outsideAllowlist ? { outsideAllowlist: opts.outsideAllowlist } : {}),
  };
  return {
    name: opts.name,
    accounts: opts.account ?? [],
    ...(opts.preset ? { preset: opts.preset } : {}),
    ...(opts.scope ? { scopes: opts.scope } : {}),
    ...(opts.recentDays ? { recentDays: opts.recentDays } : {}),
    ...(Object.keys(payment).length ? { payment } : {}),
    ...(opts.expiresAt ? { expiresAt: opts.expiresAt.toISOString() } : {}),
    ...(opts.expiresIn ? { expiresInSeconds: Math.round(opts.expiresIn / 1000) } : {}),
    ...(opts.ip ? { ipAllowlist: opts.ip } : {}),
    ...(opts.ratePerMinute ? { ratePerMinute: opts.ratePerMinute } : {}),
    ...(opts.ratePerDay ? { ratePerDay: opts.ratePerDay } : {}),
  };
}

function printIssued(issued: IssuedTokenView, json: boolean, title: string): void {
  output(json).result(issued, () =>
    [
      `${title}. Copy the secrets now: they are shown only once.`,
      '',
      tokenText(issued),
      '',
      `  Bearer (Authorization: Bearer …):`,
      `    ${issued.bearer}`,
      `  bunq API-key form (for bunq clients):`,
      `    ${issued.bunqKey}`,
    ].join('\n'),
  );
}

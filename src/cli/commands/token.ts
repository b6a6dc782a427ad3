/**
 * `bunq-gateway token create|list|show|revoke|rotate`: the owner hands out, inspects and
 * takes back scoped tokens. A new token's secrets are printed once and never again.
 */
import type { Command } from 'commander';
import { GatewayError } from '../../lib/errors';
import { presetToGrant } from '../../policy/preset';
import type { GrantInput } from '../../policy/grant';
import type { IssuedToken } from '../../tokens/token-service';
import { withRuntime } from '../open-runtime';
import { output } from '../output';
import { collect, collectInt, duration, isoDate, positiveInt } from '../parse';
import { tokenSummary, tokenText } from '../token-view';

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
      await withRuntime(async (rt) => {
        const grant = buildGrant(opts, rt.catalog.presets);
        const expiresAt = opts.expiresAt ?? (opts.expiresIn ? new Date(rt.clock.now() + opts.expiresIn) : presetExpiry(opts, rt));
        const issued = await rt.tokens.issue({
          name: opts.name,
          grant,
          expiresAt,
          preset: opts.preset ?? null,
          ipAllowlist: opts.ip ?? [],
          ratePerMinute: opts.ratePerMinute ?? null,
          ratePerDay: opts.ratePerDay ?? null,
        });
        printIssued(issued, opts.json === true, 'Token created');
      });
    });

  token
    .command('list')
    .description('List tokens (active ones unless --all).')
    .option('--all', 'include revoked tokens')
    .option('--json', 'print JSON')
    .action(async (opts: { all?: boolean; json?: boolean }) => {
      await withRuntime(async (rt) => {
        const tokens = await rt.tokenRepo.list({ includeRevoked: opts.all === true });
        output(opts.json === true).result(tokens.map(tokenSummary), () =>
          tokens.length === 0 ? 'No tokens.' : tokens.map(tokenText).join('\n\n'),
        );
      });
    });

  token
    .command('show <id>')
    .description('Show one token.')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withRuntime(async (rt) => {
        const t = await rt.tokenRepo.findById(id);
        if (!t) throw new GatewayError('not_found', 404, `No token with id ${id}.`);
        output(opts.json === true).result(tokenSummary(t), () => tokenText(t));
      });
    });

  token
    .command('revoke <id>')
    .description('Revoke a token and every token derived from it (effective on the next request).')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withRuntime(async (rt) => {
        const revoked = await rt.tokens.revoke(id);
        output(opts.json === true).result({ revoked }, () => `Revoked ${revoked.length} token(s): ${revoked.join(', ')}`);
      });
    });

  token
    .command('rotate <id>')
    .description('Issue new secrets for a token; the old ones stop working at once. Spend so far still counts.')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withRuntime(async (rt) => printIssued(await rt.tokens.rotate(id), opts.json === true, 'Token rotated'));
    });
}

function buildGrant(opts: CreateOptions, presets: Parameters<typeof presetGrant>[1]): GrantInput {
  const accounts = opts.account ?? [];
  if (opts.preset) return presetGrant(opts, presets, accounts);
  if (!opts.scope?.length) throw new GatewayError('body_invalid', 400, 'Give --preset or at least one --scope.');
  const wantsPayment = opts.scope.includes('create-payment');
  return {
    scopes: opts.scope,
    accounts,
    ...(opts.recentDays ? { recentDays: opts.recentDays } : {}),
    ...(wantsPayment ? { payment: paymentOptions(opts, accounts) } : {}),
  };
}

function presetGrant(opts: CreateOptions, presets: ReadonlyMap<string, import('../../policy/catalog').Preset>, accounts: number[]): GrantInput {
  const preset = presets.get(opts.preset!);
  if (!preset) throw new GatewayError('body_invalid', 400, `Unknown preset "${opts.preset}"; known: ${[...presets.keys()].join(', ')}.`);
  const base = presetToGrant(preset, { accounts, sourceAccounts: opts.sourceAccount ?? accounts, ibanAllowlist: opts.iban ?? [] });
  const extraScopes = (opts.scope ?? []).filter((s) => !base.scopes.includes(s));
  return {
    ...base,
    scopes: [...base.scopes, ...extraScopes],
    ...(opts.recentDays ? { recentDays: opts.recentDays } : {}),
    ...(base.payment ? { payment: { ...base.payment, ...paymentOverrides(opts) } } : {}),
  };
}

function paymentOptions(opts: CreateOptions, accounts: number[]) {
  if (!opts.maxPerPayment) throw new GatewayError('body_invalid', 400, 'create-payment needs --max-per-payment.');
  return {
    currency: opts.currency ?? 'EUR',
    maxPerPayment: opts.maxPerPayment,
    caps: caps(opts),
    ibanAllowlist: opts.iban ?? [],
    sourceAccounts: opts.sourceAccount ?? accounts,
    outsideAllowlist: opts.outsideAllowlist ?? 'deny',
  };
}

function paymentOverrides(opts: CreateOptions) {
  const c = caps(opts);
  return {
    ...(opts.currency ? { currency: opts.currency } : {}),
    ...(opts.maxPerPayment ? { maxPerPayment: opts.maxPerPayment } : {}),
    ...(Object.keys(c).length ? { caps: c } : {}),
    ...(opts.outsideAllowlist ? { outsideAllowlist: opts.outsideAllowlist } : {}),
  };
}

function caps(opts: CreateOptions): Record<string, string> {
  return {
    ...(opts.capDay ? { day: opts.capDay } : {}),
    ...(opts.capWeek ? { week: opts.capWeek } : {}),
    ...(opts.capMonth ? { month: opts.capMonth } : {}),
  };
}

function presetExpiry(opts: CreateOptions, rt: { clock: { now(): number }; catalog: { presets: ReadonlyMap<string, { suggestedExpiryDays?: number }> } }): Date {
  const days = opts.preset ? rt.catalog.presets.get(opts.preset)?.suggestedExpiryDays : undefined;
  if (!days) throw new GatewayError('body_invalid', 400, 'Every token needs an expiry: --expires-in 30d or --expires-at <date>.');
  return new Date(rt.clock.now() + days * 86_400_000);
}

function printIssued(issued: IssuedToken, json: boolean, title: string): void {
  output(json).result({ ...tokenSummary(issued.token), bearer: issued.bearer, bunqKey: issued.bunqKey }, () =>
    [
      `${title}. Copy the secrets now: they are shown only once.`,
      '',
      tokenText(issued.token),
      '',
      `  Bearer (Authorization: Bearer …):`,
      `    ${issued.bearer}`,
      `  bunq API-key form (for bunq clients):`,
      `    ${issued.bunqKey}`,
    ].join('\n'),
  );
}

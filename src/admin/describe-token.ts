/**
 * What a token can do, in plain language: one sentence per capability, for the console's
 * token list and the CLI. Built from the grant and the scope titles in policies/scopes.json,
 * so a new scope is described without code changes.
 */
import type { Scope } from '../policy/catalog';
import type { TokenRecord } from '../store/token-repo';

export function money(value: string, currency: string): string {
  return currency === 'EUR' ? `€${value}` : `${value} ${currency}`;
}

function list(ids: readonly (string | number)[], one: string, many: string): string {
  return `${ids.length === 1 ? one : many} ${ids.join(', ')}`;
}

export function describeToken(t: TokenRecord, scopes: ReadonlyMap<string, Scope>): string[] {
  const g = t.grant;
  const where = list(g.accounts, 'account', 'accounts');
  const lines = g.scopes
    .filter((id) => scopes.get(id)?.movesMoney !== true)
    .map((id) => {
      if (id === 'read-recent') return `See transactions of the last ${g.recentDays} days on ${where}`;
      const title = scopes.get(id)?.title ?? id;
      return id === 'read-user' || id === 'read-personal-data' ? title : `${title} on ${where}`;
    });
  const p = g.payment;
  if (p) {
    const caps = (['day', 'week', 'month'] as const).flatMap((w) => (p.caps[w] ? [`${money(p.caps[w], p.currency)} per ${w}`] : []));
    const payees = p.ibanAllowlist.length === 1 ? `1 allowed IBAN (${p.ibanAllowlist[0]})` : `${p.ibanAllowlist.length} allowed IBANs`;
    const others = p.outsideAllowlist === 'draft' ? 'payments to other IBANs become drafts you approve in the bunq app' : 'payments to other IBANs are refused';
    lines.push(
      `Can pay up to ${[`${money(p.maxPerPayment, p.currency)} per payment`, ...caps].join(', ')}, from ${list(p.sourceAccounts, 'account', 'accounts')} to ${payees}; ${others}`,
    );
  }
  if (t.ipAllowlist.length) lines.push(`Only from ${t.ipAllowlist.join(', ')}`);
  const rates = [t.ratePerMinute ? `${t.ratePerMinute} calls per minute` : null, t.ratePerDay ? `${t.ratePerDay} calls per day` : null].filter(Boolean);
  if (rates.length) lines.push(`At most ${rates.join(' and ')}`);
  return lines;
}

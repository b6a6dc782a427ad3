/** How a token looks to the owner: JSON-safe summary and a human text block. */
import type { TokenRecord } from '../store/token-repo';

export function tokenSummary(t: TokenRecord) {
  return {
    id: t.id,
    name: t.name,
    preset: t.preset,
    parentId: t.parentId,
    scopes: t.grant.scopes,
    accounts: t.grant.accounts,
    recentDays: t.grant.recentDays,
    payment: t.grant.payment ?? null,
    ipAllowlist: t.ipAllowlist,
    ratePerMinute: t.ratePerMinute,
    ratePerDay: t.ratePerDay,
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: t.lastUsedIp,
  };
}

export function tokenText(t: TokenRecord): string {
  const p = t.grant.payment;
  const lines = [
    `${t.name}  (${t.id})${t.revokedAt ? '  REVOKED' : ''}`,
    `  scopes:    ${t.grant.scopes.join(', ')}`,
    `  accounts:  ${t.grant.accounts.join(', ')}`,
    `  expires:   ${t.expiresAt.toISOString()}`,
  ];
  if (t.grant.scopes.includes('read-recent')) lines.push(`  window:    last ${t.grant.recentDays} days`);
  if (p) {
    const caps = Object.entries(p.caps).map(([w, v]) => `${v}/${w}`).join(', ') || 'none';
    lines.push(`  payments:  max ${p.maxPerPayment} ${p.currency} each; caps ${caps}; from ${p.sourceAccounts.join(', ')}`);
    lines.push(`  payees:    ${p.ibanAllowlist.join(', ') || '(none)'}; others: ${p.outsideAllowlist}`);
  }
  if (t.ipAllowlist.length) lines.push(`  client IP: ${t.ipAllowlist.join(', ')}`);
  if (t.parentId) lines.push(`  derived from ${t.parentId}`);
  lines.push(`  last used: ${t.lastUsedAt ? `${t.lastUsedAt.toISOString()} from ${t.lastUsedIp ?? '?'}` : 'never'}`);
  return lines.join('\n');
}

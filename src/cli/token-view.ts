/** How a token looks to the owner on the command line: the admin API's view as a text block. */
import type { TokenView } from '../admin/schemas';

export function tokenText(t: TokenView): string {
  const p = t.payment;
  const lines = [
    `${t.name}  (${t.id})${t.status === 'active' ? '' : `  ${t.status.toUpperCase()}`}`,
    ...t.summary.map((s) => `  - ${s}`),
    `  scopes:    ${t.scopes.join(', ')}`,
    `  accounts:  ${t.accounts.join(', ')}`,
    `  expires:   ${t.expiresAt}`,
  ];
  if (p && t.spend) {
    const caps = (['day', 'week', 'month'] as const).flatMap((w) => (p.caps[w] ? [`${t.spend![w]} of ${p.caps[w]} ${p.currency} this ${w}`] : []));
    lines.push(`  spent:     ${caps.length ? caps.join('; ') : 'no caps'}`);
  }
  if (t.parentId) lines.push(`  derived from ${t.parentId}`);
  lines.push(`  last used: ${t.lastUsedAt ? `${t.lastUsedAt} from ${t.lastUsedIp ?? '?'}` : 'never'}`);
  return lines.join('\n');
}

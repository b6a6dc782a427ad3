// One audit table, used by the audit page and the token detail page.
import { badge, dateTime, h, money } from '../dom.js';

export function auditTable(events, { showToken = true } = {}) {
  if (!events.length) return h('p', { class: 'muted' }, 'No calls recorded.');
  return h(
    'table',
    { class: 'audit' },
    h('thead', {}, h('tr', {}, ['When', ...(showToken ? ['Token'] : []), 'Call', 'Decision', 'Reason', 'Status', 'Amount'].map((c) => h('th', {}, c)))),
    h(
      'tbody',
      {},
      events.map((e) =>
        h(
          'tr',
          { 'data-event-id': e.id },
          h('td', {}, dateTime(e.at)),
          showToken ? h('td', {}, e.tokenId ? h('a', { href: `#/tokens/${e.tokenId}` }, e.tokenName ?? e.tokenId.slice(0, 8)) : h('span', { class: 'muted' }, 'no valid token')) : null,
          h('td', { class: 'mono' }, e.endpoint),
          h('td', {}, e.decision === 'allow' ? badge('allowed', 'ok') : badge('denied', 'bad')),
          h('td', { class: 'mono' }, e.reasonId),
          h('td', {}, String(e.status)),
          h('td', {}, e.amount ? `${money(e.amount, e.currency)}${e.counterpartyIban ? ` → ${e.counterpartyIban}` : ''}` : ''),
        ),
      ),
    ),
  );
}

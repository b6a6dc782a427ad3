// Token list: what each token can do at a glance, its accounts, expiry, last use and spend.
import { api } from '../api.js';
import { badge, dateTime, h, mount, money, when } from '../dom.js';

export function spendMeters(token) {
  const p = token.payment;
  if (!p || !token.spend) return h('span', { class: 'muted' }, 'no payments');
  const rows = ['day', 'week', 'month']
    .filter((w) => p.caps[w])
    .map((w) => {
      const spent = Number(token.spend[w]);
      const cap = Number(p.caps[w]);
      return h(
        'div',
        { class: 'spend' },
        h('span', { class: 'spend-label' }, `${money(token.spend[w], p.currency)} of ${money(p.caps[w], p.currency)} / ${w}`),
        h('meter', { min: 0, max: cap, low: cap * 0.7, high: cap * 0.9, optimum: 0, value: spent }),
      );
    });
  return rows.length ? h('div', {}, rows) : h('span', { class: 'muted' }, `max ${money(p.maxPerPayment, p.currency)} each, no caps`);
}

export function statusBadge(token) {
  return token.status === 'active' ? badge('active', 'ok') : badge(token.status, 'bad');
}

export function scopeBadges(scopes) {
  return h('div', { class: 'badges' }, scopes.map((s) => badge(s, s === 'create-payment' ? 'money' : s.startsWith('read') ? 'read' : 'write')));
}

export async function tokensView() {
  const showAll = new URLSearchParams(location.hash.split('?')[1] ?? '').get('all') === 'true';
  const { tokens } = await api.tokens(true);
  const shown = tokens.filter((t) => showAll || t.status !== 'revoked');
  const toggle = h('input', { type: 'checkbox', id: 'show-revoked', checked: showAll });
  const rows = shown.map((t) =>
    h(
      'tr',
      { 'data-token-id': t.id },
      h('td', {}, h('a', { href: `#/tokens/${t.id}`, class: 'token-name' }, t.name), h('div', {}, statusBadge(t), t.preset ? badge(t.preset) : null)),
      h('td', {}, h('ul', { class: 'summary' }, t.summary.map((line) => h('li', {}, line))), scopeBadges(t.scopes)),
      h('td', {}, t.accounts.join(', ')),
      h('td', { title: dateTime(t.expiresAt) }, when(t.expiresAt)),
      h('td', { title: dateTime(t.lastUsedAt) }, when(t.lastUsedAt)),
      h('td', {}, spendMeters(t)),
    ),
  );
  mount(
    h('div', { class: 'page-head' }, h('h1', {}, 'Tokens'), h('a', { class: 'button primary', href: '#/new' }, 'New token')),
    h('label', { class: 'inline' }, toggle, ' show revoked tokens'),
    shown.length
      ? h(
          'table',
          { class: 'tokens' },
          h('thead', {}, h('tr', {}, ['Name', 'What it can do', 'Accounts', 'Expires', 'Last used', 'Spend vs caps'].map((c) => h('th', {}, c)))),
          h('tbody', {}, rows),
        )
      : h('p', { class: 'card muted' }, 'No tokens yet. Create one to give an app or a person narrow access to your bunq accounts.'),
  );
  toggle.addEventListener('change', () => {
    location.hash = toggle.checked ? '#/tokens?all=true' : '#/tokens';
  });
}

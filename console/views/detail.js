// One token: what it can do, spend per period, its audit trail; revoke and rotate.
import { api } from '../api.js';
import { dateTime, errorBox, h, mount, when } from '../dom.js';
import { auditTable } from './audit-table.js';
import { secretsPanel } from './secrets.js';
import { scopeBadges, spendMeters, statusBadge } from './tokens.js';

function confirmButton(label, confirmLabel, action, kind) {
  const button = h('button', { type: 'button', class: kind, 'data-action': label.toLowerCase() }, label);
  let armed = false;
  button.addEventListener('click', async () => {
    if (!armed) {
      armed = true;
      button.textContent = confirmLabel;
      button.classList.add('armed');
      return;
    }
    button.disabled = true;
    await action();
  });
  return button;
}

export async function detailView(id) {
  const [token, audit] = await Promise.all([api.token(id), api.audit({ tokenId: id, limit: 50 })]);
  const p = token.payment;
  const failure = h('div');
  const facts = [
    ['Status', statusBadge(token)],
    ['Accounts', token.accounts.join(', ')],
    ['Created', dateTime(token.createdAt)],
    ['Expires', `${dateTime(token.expiresAt)} (${when(token.expiresAt)})`],
    ['Last used', token.lastUsedAt ? `${dateTime(token.lastUsedAt)} from ${token.lastUsedIp ?? '?'}` : 'never'],
    ['Preset', token.preset ?? '—'],
    ['Client IPs', token.ipAllowlist.length ? token.ipAllowlist.join(', ') : 'any'],
    ['Rate limit', [token.ratePerMinute ? `${token.ratePerMinute}/minute` : null, token.ratePerDay ? `${token.ratePerDay}/day` : null].filter(Boolean).join(', ') || 'none'],
    ...(p ? [['Allowed payees', p.ibanAllowlist.length ? p.ibanAllowlist.join(', ') : 'none'], ['Other payees', p.outsideAllowlist === 'draft' ? 'become drafts for the bunq app' : 'refused']] : []),
    ['Token id', h('code', {}, token.id)],
  ];
  const actions =
    token.status === 'revoked'
      ? h('p', { class: 'muted' }, `Revoked ${dateTime(token.revokedAt)}.`)
      : h(
          'div',
          { class: 'actions' },
          confirmButton('Rotate', 'Click again: old secrets and derived tokens stop working', async () => {
            try {
              mount(secretsPanel(await api.rotate(id), 'Token rotated'));
            } catch (err) {
              failure.replaceChildren(errorBox(err));
            }
          }),
          confirmButton('Revoke', 'Click again to revoke for good', async () => {
            try {
              await api.revoke(id);
              await detailView(id);
            } catch (err) {
              failure.replaceChildren(errorBox(err));
            }
          }, 'danger'),
        );
  mount(
    h('p', {}, h('a', { href: '#/tokens' }, '← All tokens')),
    h('div', { class: 'page-head' }, h('h1', {}, token.name), actions),
    failure,
    h(
      'div',
      { class: 'columns' },
      h('section', { class: 'card' }, h('h2', {}, 'What it can do'), h('ul', { class: 'summary' }, token.summary.map((l) => h('li', {}, l))), scopeBadges(token.scopes)),
      h('section', { class: 'card' }, h('h2', {}, 'Spend per period'), spendMeters(token)),
    ),
    h('section', { class: 'card' }, h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))),
    h('section', { class: 'card' }, h('h2', {}, 'Audit trail'), auditTable(audit.events, { showToken: false })),
  );
}

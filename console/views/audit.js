// The audit log with filters (token, decision, time) and "load more" paging.
import { api } from '../api.js';
import { h, mount } from '../dom.js';
import { auditTable } from './audit-table.js';

export async function auditView() {
  const { tokens } = await api.tokens(true);
  const token = h('select', { name: 'tokenId' }, h('option', { value: '' }, 'all tokens'), tokens.map((t) => h('option', { value: t.id }, t.name)));
  const decision = h('select', { name: 'decision' }, h('option', { value: '' }, 'allowed and denied'), h('option', { value: 'allow' }, 'allowed'), h('option', { value: 'deny' }, 'denied'));
  const since = h('input', { type: 'datetime-local', name: 'since' });
  const until = h('input', { type: 'datetime-local', name: 'until' });
  const results = h('div');
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  let events = [];
  let cursor = null;

  function query() {
    const q = { limit: '50' };
    if (token.value) q.tokenId = token.value;
    if (decision.value) q.decision = decision.value;
    if (since.value) q.since = new Date(since.value).toISOString();
    if (until.value) q.until = new Date(until.value).toISOString();
    if (cursor) q.cursor = String(cursor);
    return q;
  }
  async function load(reset) {
    if (reset) {
      events = [];
      cursor = null;
    }
    const page = await api.audit(query());
    events = events.concat(page.events);
    cursor = page.nextCursor;
    results.replaceChildren(auditTable(events));
    more.hidden = cursor === null;
  }
  more.addEventListener('click', () => void load(false));
  const filters = h(
    'form',
    { class: 'card filters', onsubmit: (e) => { e.preventDefault(); void load(true); } },
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Token'), token),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Decision'), decision),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'From'), since),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Until'), until),
    h('button', { type: 'submit', class: 'primary' }, 'Filter'),
  );
  mount(h('h1', {}, 'Audit log'), h('p', { class: 'muted' }, 'Every call that reached the gateway, allowed or denied, newest first. No tokens, keys or bodies are stored.'), filters, results, more);
  await load(true);
}

// The token's secrets, shown exactly once after create or rotate; the API never returns them again.
import { h } from '../dom.js';

function secret(label, value, id) {
  const out = h('input', { readonly: true, value, id, class: 'secret', spellcheck: 'false' });
  const copy = h('button', { type: 'button', onclick: () => { out.select(); void navigator.clipboard?.writeText(value); copy.textContent = 'Copied'; } }, 'Copy');
  return h('div', { class: 'field' }, h('label', { for: id, class: 'field-label' }, label), h('div', { class: 'secret-row' }, out, copy));
}

export function secretsPanel(issued, title) {
  return h(
    'section',
    { class: 'card secrets', id: 'secrets' },
    h('h1', {}, `${title}: ${issued.name}`),
    h('p', { class: 'alert warn' }, 'Copy the token now. It is shown only this once and cannot be retrieved again; if it is lost, rotate the token.'),
    secret('Bearer token (Authorization: Bearer …)', issued.bearer, 'secret-bearer'),
    secret('bunq API-key form (for bunq clients)', issued.bunqKey, 'secret-bunq-key'),
    h('ul', { class: 'summary' }, issued.summary.map((l) => h('li', {}, l))),
    h('div', { class: 'actions' }, h('a', { class: 'button primary', href: `#/tokens/${issued.id}` }, 'Done: view token'), h('a', { class: 'button', href: '#/tokens' }, 'All tokens')),
  );
}

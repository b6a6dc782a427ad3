// The bunq context's health and the gateway's counts.
import { api } from '../api.js';
import { badge, dateTime, h, mount, when } from '../dom.js';

export async function statusView() {
  const s = await api.status();
  const b = s.bunq;
  const facts = (rows) => h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  mount(
    h('h1', {}, 'bunq status'),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'bunq API context ', b.configured ? badge('connected', 'ok') : badge('not configured', 'bad')),
      b.configured
        ? facts([
            ['Base URL', h('code', {}, b.baseUrl)],
            ['bunq user', `${b.userDisplayName ?? ''} (${b.userId})`],
            ['Installation', String(b.installationId)],
            ['Session expires', b.sessionExpiresAt ? `${dateTime(b.sessionExpiresAt)} (${when(b.sessionExpiresAt)}); renewed automatically` : 'no session yet'],
          ])
        : h('p', {}, 'Run ', h('code', {}, 'bunq-gateway init'), ' to register the bunq API key.'),
    ),
    h(
      'div',
      { class: 'columns' },
      h('section', { class: 'card' }, h('h2', {}, 'Tokens'), facts([['Active', String(s.tokens.active)], ['Expired', String(s.tokens.expired)], ['Revoked', String(s.tokens.revoked)]])),
      h('section', { class: 'card' }, h('h2', {}, 'Last 24 hours'), facts([['Allowed calls', String(s.audit24h.allowed)], ['Denied calls', String(s.audit24h.denied)], ['Payments with unknown outcome', String(s.ledger.unknownOutcomes)]])),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'bunq rate limits'),
      h('p', { class: 'muted' }, s.upstreamRateLimits.note),
      facts(Object.entries(s.upstreamRateLimits.documented)),
    ),
  );
}

// Create a token: presets, accounts from bunq, scopes grouped like GitHub's fine-grained
// token page, payment limits with live validation, expiry; then the secrets, shown once.
import { api } from '../api.js';
import { badge, errorBox, h, mount, money } from '../dom.js';
import { amountProblem, ibanProblem, normaliseIban } from '../validate.js';
import { secretsPanel } from './secrets.js';

const GROUPS = [
  ['read', 'Read', 'Look only; nothing changes.'],
  ['write', 'Write', 'Changes something, moves no money.'],
  ['money', 'Money', 'Can move money, always within the limits below.'],
];

function field(label, input, hint) {
  const msg = h('span', { class: 'field-error', 'aria-live': 'polite' });
  return { row: h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), input, hint ? h('span', { class: 'hint' }, hint) : null, msg), msg };
}

export async function createView() {
  const [{ accounts, userId }, { scopes }, { presets }] = await Promise.all([api.accounts(), api.scopes(), api.presets()]);

  const name = h('input', { name: 'name', required: true, maxlength: 100, placeholder: 'e.g. YNAB sync' });
  const accountBoxes = accounts.map((a) => ({
    a,
    box: h('input', { type: 'checkbox', name: 'account', value: a.id }),
  }));
  const scopeBoxes = new Map(scopes.map((s) => [s.id, h('input', { type: 'checkbox', name: 'scope', value: s.id })]));
  const recentDays = h('input', { type: 'number', name: 'recentDays', min: 1, max: 3650, value: 30 });
  const maxPer = h('input', { name: 'maxPerPayment', inputmode: 'decimal', placeholder: '50.00' });
  const caps = Object.fromEntries(['day', 'week', 'month'].map((w) => [w, h('input', { name: `cap-${w}`, inputmode: 'decimal', placeholder: 'no cap' })]));
  const ibans = h('textarea', { name: 'ibans', rows: 3, placeholder: 'One IBAN per line, e.g. NL91 ABNA 0417 1643 00' });
  const outside = h('select', { name: 'outsideAllowlist' }, h('option', { value: 'deny' }, 'refuse them'), h('option', { value: 'draft' }, 'create a draft I approve in the bunq app'));
  const expiry = h('select', { name: 'expiry' }, [7, 30, 90, 180, 365].map((d) => h('option', { value: d }, `${d} days`)));
  expiry.value = '30';
  const ipList = h('input', { name: 'ip', placeholder: 'any (or e.g. 203.0.113.7, 10.0.0.0/8)' });
  const perMinute = h('input', { type: 'number', name: 'ratePerMinute', min: 1, placeholder: 'no limit' });

  const maxField = field('Maximum per payment (€)', maxPer);
  const capFields = Object.fromEntries(Object.entries(caps).map(([w, input]) => [w, field(`Cap per ${w} (€)`, input, w === 'day' ? 'rolling 24 hours' : w === 'week' ? 'rolling 7 days' : 'rolling 30 days')]));
  const ibanField = field('Allowed payees (IBANs)', ibans, 'Payments to any other IBAN are handled as chosen below.');
  const paymentSection = h(
    'fieldset',
    { class: 'card', hidden: true, id: 'payment-limits' },
    h('legend', {}, 'Payment limits'),
    h('div', { class: 'grid' }, maxField.row, capFields.day.row, capFields.week.row, capFields.month.row),
    ibanField.row,
    field('Payments to other IBANs', outside).row,
  );
  const recentField = field('Recent window (days)', recentDays);
  recentField.row.hidden = true;

  function syncVisibility() {
    paymentSection.hidden = !scopeBoxes.get('create-payment')?.checked;
    recentField.row.hidden = !scopeBoxes.get('read-recent')?.checked;
  }

  function validate() {
    let ok = true;
    const set = (f, problem) => {
      f.msg.textContent = problem ?? '';
      f.row.classList.toggle('invalid', Boolean(problem));
      if (problem) ok = false;
    };
    if (!paymentSection.hidden) {
      set(maxField, amountProblem(maxPer.value.trim(), { required: true }));
      for (const w of ['day', 'week', 'month']) set(capFields[w], amountProblem(caps[w].value.trim()));
      const bad = ibans.value
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => [l, ibanProblem(l)])
        .filter(([, p]) => p);
      set(ibanField, bad.length ? bad.map(([l, p]) => `${l}: ${p}`).join('; ') : null);
    }
    return ok;
  }

  function applyPreset(p) {
    for (const [id, box] of scopeBoxes) box.checked = p.grant.scopes.includes(id);
    if (p.grant.recentDays) recentDays.value = p.grant.recentDays;
    const pay = p.grant.payment;
    maxPer.value = pay?.maxPerPayment ?? '';
    for (const w of ['day', 'week', 'month']) caps[w].value = pay?.caps?.[w] ?? '';
    outside.value = pay?.outsideAllowlist ?? 'deny';
    const days = String(p.suggestedExpiryDays);
    if (![...expiry.options].some((o) => o.value === days)) expiry.append(h('option', { value: days }, `${days} days`));
    expiry.value = days;
    if (!name.value) name.value = p.title;
    syncVisibility();
    validate();
  }

  const scopeGroups = GROUPS.map(([group, title, hint]) =>
    h(
      'fieldset',
      { class: `scope-group ${group}` },
      h('legend', {}, title, h('span', { class: 'hint' }, ` — ${hint}`)),
      scopes
        .filter((s) => s.group === group)
        .map((s) =>
          h(
            'label',
            { class: 'scope' },
            scopeBoxes.get(s.id),
            h('span', {}, h('strong', {}, s.title), ' ', badge(s.id, group), h('span', { class: 'hint block' }, s.description)),
          ),
        ),
    ),
  );

  const failure = h('div');
  const form = h(
    'form',
    {
      id: 'create-token',
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        failure.replaceChildren();
        if (!validate()) return;
        const chosenAccounts = accountBoxes.filter(({ box }) => box.checked).map(({ a }) => a.id);
        const chosenScopes = [...scopeBoxes].filter(([, b]) => b.checked).map(([id]) => id);
        const body = {
          name: name.value.trim(),
          scopes: chosenScopes,
          accounts: chosenAccounts,
          expiresInSeconds: Number(expiry.value) * 86_400,
        };
        if (chosenScopes.includes('read-recent')) body.recentDays = Number(recentDays.value);
        if (chosenScopes.includes('create-payment')) {
          const c = Object.fromEntries(Object.entries(caps).filter(([, i]) => i.value.trim()).map(([w, i]) => [w, i.value.trim()]));
          body.payment = {
            maxPerPayment: maxPer.value.trim(),
            caps: c,
            ibanAllowlist: ibans.value.split('\n').map(normaliseIban).filter(Boolean),
            outsideAllowlist: outside.value,
          };
        }
        const ips = ipList.value.split(/[\s,]+/).filter(Boolean);
        if (ips.length) body.ipAllowlist = ips;
        if (perMinute.value) body.ratePerMinute = Number(perMinute.value);
        try {
          const issued = await api.createToken(body);
          mount(secretsPanel(issued, 'Token created'));
        } catch (err) {
          failure.replaceChildren(errorBox(err));
          failure.scrollIntoView({ block: 'center' });
        }
      },
      oninput: () => validate(),
      onchange: () => {
        syncVisibility();
        validate();
      },
    },
    h('section', { class: 'card' }, h('h2', {}, 'Start from a preset'), h('div', { class: 'presets' }, presets.map((p) =>
      h('button', { type: 'button', class: 'preset', 'data-preset': p.id, onclick: () => applyPreset(p) }, h('strong', {}, p.title), h('span', { class: 'hint block' }, p.description)),
    ))),
    h('section', { class: 'card' }, field('Name', name, 'Who or what the token is for.').row),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Accounts'),
      h('p', { class: 'hint' }, `The token only ever sees and uses the accounts you tick (bunq user ${userId}).`),
      accountBoxes.map(({ a, box }) =>
        h(
          'label',
          { class: 'account' },
          box,
          h('span', {}, h('strong', {}, a.description || `Account ${a.id}`), ' ', h('span', { class: 'muted' }, `#${a.id}`), h('span', { class: 'hint block' }, [a.iban ?? 'no IBAN', a.balance ? ` · balance ${money(a.balance.value, a.balance.currency)}` : '', ` · ${a.type.replace('MonetaryAccount', '').toLowerCase()}`].join(''))),
        ),
      ),
    ),
    h('section', { class: 'card' }, h('h2', {}, 'Permissions'), scopeGroups, recentField.row),
    paymentSection,
    h('section', { class: 'card' }, h('h2', {}, 'Expiry and restrictions'), h('div', { class: 'grid' }, field('Expires in', expiry).row, field('Client IPs', ipList).row, field('Calls per minute', perMinute).row)),
    failure,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Create token'), h('a', { href: '#/tokens', class: 'button' }, 'Cancel')),
  );
  mount(h('h1', {}, 'New token'), form);
}

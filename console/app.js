// The console's entry: checks the session, shows the login form or routes #/… to a view.
import { ApiError, login, logout, session } from './api.js';
import { errorBox, h, mount } from './dom.js';
import { tokensView } from './views/tokens.js';
import { createView } from './views/create.js';
import { detailView } from './views/detail.js';
import { auditView } from './views/audit.js';
import { statusView } from './views/status.js';

const routes = [
  [/^#\/tokens(\?all=true)?$/, 'tokens', () => tokensView()],
  [/^#\/new$/, 'new', () => createView()],
  [/^#\/tokens\/([\w-]+)$/, 'tokens', (m) => detailView(m[1])],
  [/^#\/audit$/, 'audit', () => auditView()],
  [/^#\/status$/, 'status', () => statusView()],
];

function loginView(message) {
  document.getElementById('nav').hidden = true;
  const input = h('input', { type: 'password', name: 'credential', id: 'credential', autocomplete: 'current-password', required: true, placeholder: 'bgwadm_…' });
  const form = h(
    'form',
    {
      class: 'card narrow',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await login(input.value.trim());
          await route();
        } catch (err) {
          loginView(err.status === 429 ? 'Too many attempts; wait a minute.' : 'That is not the admin credential.');
        }
      },
    },
    h('h1', {}, 'Log in'),
    h('p', { class: 'muted' }, 'Paste the admin credential the gateway printed on its first start (or run ', h('code', {}, 'bunq-gateway admin reset-credential'), ').'),
    message ? h('p', { class: 'alert', role: 'alert' }, message) : null,
    h('label', { for: 'credential' }, 'Admin credential'),
    input,
    h('button', { type: 'submit', class: 'primary' }, 'Log in'),
  );
  mount(form);
  input.focus();
}

async function route() {
  if (!location.hash || location.hash === '#/') location.hash = '#/tokens';
  const hash = location.hash;
  for (const [re, nav, view] of routes) {
    const m = re.exec(hash);
    if (!m) continue;
    document.getElementById('nav').hidden = false;
    for (const a of document.querySelectorAll('[data-nav]')) a.classList.toggle('active', a.dataset.nav === nav);
    try {
      await view(m);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) loginView();
      else mount(errorBox(err));
    }
    return;
  }
  mount(errorBox(new Error('No such page.')));
}

async function start() {
  document.getElementById('logout').addEventListener('click', async () => {
    await logout().catch(() => {});
    loginView('Logged out.');
  });
  window.addEventListener('hashchange', () => void route());
  try {
    await session();
    await route();
  } catch {
    loginView();
  }
}

void start();

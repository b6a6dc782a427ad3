// Tiny DOM helpers. Text is always set as text (never innerHTML), so nothing from the API can
// become markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function mount(...children) {
  const view = document.getElementById('view');
  view.replaceChildren(...children.flat());
  return view;
}

export function money(value, currency) {
  return currency === 'EUR' ? `€${value}` : `${value} ${currency}`;
}

export function when(iso) {
  if (!iso) return 'never';
  const d = new Date(iso);
  const diff = d.getTime() - Date.now();
  const abs = Math.abs(diff);
  const units = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000]];
  const fmt = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, ms] of units) if (abs >= ms) return fmt.format(Math.round(diff / ms), unit);
  return 'just now';
}

export function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

export function badge(text, kind = '') {
  return h('span', { class: `badge ${kind}` }, text);
}

export function errorBox(err) {
  return h('p', { class: 'alert', role: 'alert' }, err?.message ?? String(err));
}

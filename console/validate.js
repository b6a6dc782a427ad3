// Live validation that mirrors the server's rules (src/lib/iban.ts, src/policy/grant.ts). The
// server checks everything again; this only tells the owner early.
export const AMOUNT = /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$/;

export function normaliseIban(raw) {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** ISO 13616: structure and mod-97 = 1. */
export function ibanProblem(raw) {
  const iban = normaliseIban(raw);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(iban)) return 'not shaped like an IBAN';
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1 ? null : 'check digits do not match';
}

export function amountProblem(value, { required = false } = {}) {
  if (value === '') return required ? 'required' : null;
  if (!AMOUNT.test(value)) return 'use a plain amount like 50 or 50.00';
  if (Number(value) === 0) return 'must be more than zero';
  return null;
}

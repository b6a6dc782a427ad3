/**
 * A grant is checked against the catalog when it is issued: the GrantSchema shape; no
 * duplicate scopes, accounts or IBANs; every scope known; `payment` present EXACTLY when a
 * scope moves money; sourceAccounts ⊆ accounts; every allowlisted IBAN normalised and valid
 * (lib/iban.ts: country length, structure, mod-97); amounts greater than zero. The returned
 * grant carries the normalised IBANs.
 */
import { parseIban } from '../lib/iban';
import { parseAmount } from '../lib/money';
import type { Catalog } from './catalog';
import { GrantSchema, type Grant, type PaymentConstraints } from './grant';

export type GrantValidation = { readonly ok: true; readonly grant: Grant } | { readonly ok: false; readonly reason: string; readonly errors: readonly string[] };

function duplicates<T>(values: readonly T[]): T[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

function checkPayment(payment: PaymentConstraints, accounts: readonly number[], errors: string[]): PaymentConstraints {
  for (const a of payment.sourceAccounts) if (!accounts.includes(a)) errors.push(`payment.sourceAccounts: ${a} is not one of the grant's accounts`);
  if (duplicates(payment.sourceAccounts).length) errors.push('payment.sourceAccounts: duplicate account');
  const amounts: [string, string | undefined][] = [
    ['maxPerPayment', payment.maxPerPayment],
    ['caps.day', payment.caps.day],
    ['caps.week', payment.caps.week],
    ['caps.month', payment.caps.month],
  ];
  for (const [name, value] of amounts) if (value !== undefined && parseAmount(value) === 0n) errors.push(`payment.${name}: must be greater than zero`);
  const ibanAllowlist = payment.ibanAllowlist.map((raw) => {
    const iban = parseIban(raw);
    if (iban === null) errors.push(`payment.ibanAllowlist: ${JSON.stringify(raw.slice(0, 40))} is not a valid IBAN`);
    return iban ?? raw;
  });
  if (duplicates(ibanAllowlist).length) errors.push('payment.ibanAllowlist: duplicate IBAN');
  return { ...payment, ibanAllowlist };
}

export function validateGrant(input: unknown, catalog: Catalog): GrantValidation {
  const parsed = GrantSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || 'grant'}: ${i.message}`);
    return { ok: false, reason: errors.join('; '), errors };
  }
  const grant = parsed.data;
  const errors: string[] = [];
  for (const s of grant.scopes) if (!catalog.scopes.has(s)) errors.push(`scopes: unknown scope "${s}"`);
  if (duplicates(grant.scopes).length) errors.push('scopes: duplicate scope');
  if (duplicates(grant.accounts).length) errors.push('accounts: duplicate account');
  const money = grant.scopes.filter((s) => catalog.scopes.get(s)?.movesMoney === true);
  if (money.length > 0 && grant.payment === undefined) errors.push(`payment: required by the scope "${money[0] as string}"`);
  if (money.length === 0 && grant.payment !== undefined) errors.push('payment: only allowed with a scope that moves money');
  const payment = grant.payment === undefined ? undefined : checkPayment(grant.payment, grant.accounts, errors);
  if (errors.length > 0) return { ok: false, reason: errors.join('; '), errors };
  return { ok: true, grant: payment === undefined ? grant : { ...grant, payment } };
}

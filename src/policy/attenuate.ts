/**
 * Attenuation: a token derived from another (child from parent) can NEVER gain anything.
 * - every child scope is held by the parent, or (with the catalog) included by a parent scope
 *   (scopes.json "includes": read-transactions ⊇ read-recent, read-personal-data ⊇ read-user);
 * - accounts ⊆ parent's;
 * - recentDays ≤ parent's, whenever the child's recent window could show more than the parent
 *   sees (with the catalog: only when the parent covers the child's windowed scope by windowed
 *   scopes alone; without it: always);
 * - payment: parent has it; same currency; maxPerPayment ≤; every parent cap present and ≤;
 *   IBAN allowlist ⊆; sourceAccounts ⊆; outsideAllowlist 'draft' only if the parent's is 'draft'.
 * Run validateGrant() on the child as well; expiry is the token store's rule (child ≤ parent).
 */
import { parseAmount } from '../lib/money';
import type { Catalog } from './catalog';
import type { Grant, PaymentConstraints } from './grant';

export type AttenuationResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Parent scopes plus everything they include (transitively). */
function coveredScopes(parent: Grant, catalog: Catalog | undefined): Set<string> {
  const covered = new Set(parent.scopes);
  const queue = [...parent.scopes];
  while (catalog !== undefined && queue.length > 0) {
    for (const inc of catalog.scopes.get(queue.pop() as string)?.includes ?? []) {
      if (!covered.has(inc)) queue.push(inc), covered.add(inc);
    }
  }
  return covered;
}

function windowMatters(child: Grant, parent: Grant, catalog: Catalog | undefined): boolean {
  if (catalog === undefined) return true;
  return child.scopes.some((s) => {
    if (catalog.scopes.get(s)?.restriction !== 'recent-window') return false;
    const unwindowed = parent.scopes.some((p) => {
      const scope = catalog.scopes.get(p);
      return scope !== undefined && scope.restriction !== 'recent-window' && coveredScopes({ ...parent, scopes: [p] }, catalog).has(s);
    });
    return !unwindowed;
  });
}

function checkPayment(child: PaymentConstraints, parent: PaymentConstraints | undefined): string | undefined {
  if (parent === undefined) return 'the parent has no payment constraints, so the child may not have any';
  if (child.currency !== parent.currency) return `payment currency ${child.currency} differs from the parent's ${parent.currency}`;
  if (parseAmount(child.maxPerPayment) > parseAmount(parent.maxPerPayment)) return `maxPerPayment ${child.maxPerPayment} exceeds the parent's ${parent.maxPerPayment}`;
  for (const window of ['day', 'week', 'month'] as const) {
    const p = parent.caps[window];
    const c = child.caps[window];
    if (p === undefined) continue;
    if (c === undefined) return `the parent has a ${window} cap of ${p}, so the child needs one too`;
    if (parseAmount(c) > parseAmount(p)) return `the ${window} cap ${c} exceeds the parent's ${p}`;
  }
  const iban = child.ibanAllowlist.find((i) => !parent.ibanAllowlist.includes(i));
  if (iban !== undefined) return `IBAN ${iban} is not on the parent's allowlist`;
  const source = child.sourceAccounts.find((a) => !parent.sourceAccounts.includes(a));
  if (source !== undefined) return `source account ${source} is not a source account of the parent`;
  if (child.outsideAllowlist === 'draft' && parent.outsideAllowlist !== 'draft') return "outsideAllowlist 'draft' needs the parent to allow 'draft'";
  return undefined;
}

export function checkAttenuation(child: Grant, parent: Grant, catalog?: Catalog): AttenuationResult {
  const covered = coveredScopes(parent, catalog);
  const scope = child.scopes.find((s) => !covered.has(s));
  if (scope !== undefined) return { ok: false, reason: `the parent does not hold the scope "${scope}"` };
  const account = child.accounts.find((a) => !parent.accounts.includes(a));
  if (account !== undefined) return { ok: false, reason: `monetary account ${account} is not one of the parent's accounts` };
  if (child.recentDays > parent.recentDays && windowMatters(child, parent, catalog)) {
    return { ok: false, reason: `recentDays ${child.recentDays} exceeds the parent's ${parent.recentDays}` };
  }
  if (child.payment !== undefined) {
    const problem = checkPayment(child.payment, parent.payment);
    if (problem !== undefined) return { ok: false, reason: problem };
  }
  return { ok: true };
}

export { validateGrant, type GrantValidation } from './validate-grant';

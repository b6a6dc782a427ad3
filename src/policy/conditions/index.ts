/**
 * The condition registry, IN EVALUATION ORDER (first failing condition wins):
 * (scope runs first, in decide.ts) → user-id → monetary-account → source-account → currency →
 * amount-max → iban-allowlist → recent-window → ownership.
 * Who-and-where first, then money (cheapest refusal first; the allowlist last because it may
 * rewrite the call), then the effect-only conditions.
 */
import { amountMax } from './amount-max';
import type { Condition, ConditionId } from './condition';
import { currency } from './currency';
import { ibanAllowlist } from './iban-allowlist';
import { monetaryAccount } from './monetary-account';
import { ownership } from './ownership';
import { recentWindow } from './recent-window';
import { sourceAccount } from './source-account';
import { userId } from './user-id';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous registry; configs are parsed by each condition's own schema
export const CONDITIONS: readonly Condition<any>[] = [
  userId,
  monetaryAccount,
  sourceAccount,
  currency,
  amountMax,
  ibanAllowlist,
  recentWindow,
  ownership,
];

export const CONDITION_ORDER: readonly ConditionId[] = CONDITIONS.map((c) => c.id);

export { ownershipDenied } from './ownership';
export type { BoundCondition, ConditionId, ConditionInput, DecideContext, Verdict } from './condition';

/**
 * The contract every condition follows (style guide; oathkeeper's authorizer contract): an `id`
 * equal to its file name and its key in endpoints.json, a zod `config` the catalog checks at
 * load, and a PURE `evaluate` (no I/O, no clock, no globals) returning a Verdict.
 */
import type { z } from 'zod';
import type { GatewayCall } from '../call';
import type { Catalog, CatalogEntry, Scope } from '../catalog';
import type { Deny, OwnedKind, RewriteEffect } from '../decision';
import type { Grant } from '../grant';
import type { PaymentIntent } from '../bodies';

export type ConditionId =
  | 'user-id'
  | 'monetary-account'
  | 'source-account'
  | 'currency'
  | 'amount-max'
  | 'iban-allowlist'
  | 'recent-window'
  | 'ownership';

export interface DecideContext {
  /** The owner's bunq user id: the only {userID} the gateway serves. */
  readonly bunqUserId: number;
  /** Epoch milliseconds, from the injected clock. */
  readonly now: number;
  readonly catalog: Catalog;
}

export interface ConditionInput {
  readonly call: GatewayCall;
  readonly grant: Grant;
  readonly ctx: DecideContext;
  readonly entry: CatalogEntry;
  /** The scope that allows the call (already chosen by the scope check). */
  readonly scope: Scope;
  /** Present when the endpoint's body moves money. */
  readonly intent: PaymentIntent | undefined;
}

/** What a passing condition adds to the Allow. */
export interface EffectPatch {
  readonly accountId?: number;
  readonly windowStartMs?: number;
  readonly ownRequestsOnly?: boolean;
  readonly ownDraftsOnly?: boolean;
  readonly requireOwnership?: { readonly kind: OwnedKind; readonly itemId: number };
  readonly recordOwnership?: { readonly kind: OwnedKind };
  readonly rewrite?: RewriteEffect;
}

export interface Pass {
  readonly allowed: true;
  readonly effect?: EffectPatch;
}

export type Verdict = Pass | Deny;

export const PASS: Pass = Object.freeze({ allowed: true });

export interface Condition<C> {
  readonly id: ConditionId;
  readonly config: z.ZodType<C>;
  /** Path parameters this condition checks (the catalog verifies they exist and counts them as bound). */
  readonly params: (config: C) => readonly string[];
  /** True when this condition reads the payment intent (the body must move money). */
  readonly needsIntent: boolean;
  readonly evaluate: (config: C, input: ConditionInput) => Verdict;
}

/** A condition with its config applied, built once at catalog load. */
export interface BoundCondition {
  readonly id: ConditionId;
  readonly config: unknown;
  readonly evaluate: (input: ConditionInput) => Verdict;
}

export function defineCondition<C>(condition: Condition<C>): Condition<C> {
  return condition;
}

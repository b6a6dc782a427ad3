/**
 * decide(call, grant, ctx) → Decision. PURE (no I/O, no clock: ctx.now is passed in) and DENY
 * BY DEFAULT. Evaluation order, first refusal wins:
 *   1. endpoint: an upstream catalog entry for call.endpointId with the same method;
 *   2. scope: the first of the entry's scopes the grant holds (conditions/scope.ts);
 *   3. the entry's conditions in the registry order of conditions/index.ts:
 *      user-id → monetary-account → source-account → currency → amount-max → iban-allowlist →
 *      recent-window → ownership.
 * Rolling caps and ownership lookups need the store: they are left to the pipeline as the
 * Allow's spend / requireOwnership effects.
 */
import type { PaymentIntent } from './bodies';
import type { GatewayCall } from './call';
import type { ConditionInput, DecideContext } from './conditions';
import { scope as scopeCondition } from './conditions/scope';
import { deny, type Allow, type Decision, type FilterEffect, type RewriteEffect } from './decision';
import type { Grant } from './grant';

export type { DecideContext } from './conditions';

export function decide(call: GatewayCall, grant: Grant, ctx: DecideContext): Decision {
  const entry = ctx.catalog.byId.get(call.endpointId);
  if (entry === undefined || entry.handledBy !== 'upstream' || entry.method !== call.method) {
    return deny('endpoint_not_allowed', 403, `This gateway does not forward the endpoint ${call.endpointId}.`, {
      endpoint_id: call.endpointId,
    });
  }
  const scope = scopeCondition.evaluate(entry, grant, ctx.catalog.scopes);
  if ('allowed' in scope) return { ...scope, endpointId: entry.id };

  let intent: PaymentIntent | undefined;
  if (entry.bodySpec?.intent !== undefined) {
    try {
      intent = entry.bodySpec.intent(call.body);
    } catch {
      return { ...deny('body_invalid', 400, `The body names no payment for ${entry.label}.`), endpointId: entry.id };
    }
  }

  const input: ConditionInput = { call, grant, ctx, entry, scope, intent };
  let accountId: number | undefined;
  let windowStartMs: number | undefined;
  let ownRequestsOnly = false;
  let ownDraftsOnly = false;
  let requireOwnership: Allow['requireOwnership'];
  let recordOwnership: Allow['recordOwnership'];
  let rewrite: RewriteEffect | undefined;
  for (const condition of entry.conditions) {
    const verdict = condition.evaluate(input);
    if (!verdict.allowed) return { ...verdict, endpointId: entry.id };
    const e = verdict.effect;
    if (e === undefined) continue;
    if (e.accountId !== undefined) accountId = e.accountId;
    if (e.windowStartMs !== undefined) windowStartMs = e.windowStartMs;
    if (e.ownRequestsOnly === true) ownRequestsOnly = true;
    if (e.ownDraftsOnly === true) ownDraftsOnly = true;
    if (e.requireOwnership !== undefined) requireOwnership = e.requireOwnership;
    if (e.recordOwnership !== undefined) recordOwnership = e.recordOwnership;
    if (e.rewrite !== undefined) rewrite = e.rewrite;
  }

  let redactPersonalData = true;
  for (const s of grant.scopes) if (ctx.catalog.personalDataScopes.has(s)) redactPersonalData = false;
  const filter: FilterEffect = {
    accounts: grant.accounts,
    redactPersonalData,
    hideBalances: !grant.scopes.some((s) => ctx.catalog.balanceScopes.has(s)),
    ...(windowStartMs === undefined ? {} : { windowStartMs }),
    ...(ownRequestsOnly ? { ownRequestsOnly } : {}),
    ...(ownDraftsOnly ? { ownDraftsOnly } : {}),
  };
  return {
    allowed: true,
    reasonId: rewrite === undefined ? 'allowed' : 'converted_to_draft',
    status: 200,
    endpointId: entry.id,
    scope: scope.id,
    ...(accountId === undefined ? {} : { accountId }),
    filter,
    ...(intent === undefined || accountId === undefined
      ? {}
      : {
          spend: {
            amountMinor: intent.amountMinor,
            currency: intent.currency,
            accountId,
            counterpartyIban: intent.counterpartyIban,
            mode: rewrite === undefined ? intent.mode : 'draft',
          },
        }),
    ...(rewrite === undefined ? {} : { rewrite }),
    ...(requireOwnership === undefined ? {} : { requireOwnership }),
    ...(recordOwnership === undefined ? {} : { recordOwnership }),
  };
}

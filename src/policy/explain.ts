/**
 * Explain / dry-run: what the gateway WOULD do with this request under this grant, built from
 * the same normalizeRequest and decide the pipeline runs (never a second copy of the rules;
 * oathkeeper's decision API). Nothing is sent upstream. Effects are made JSON-safe (amounts as
 * bunq strings instead of bigint).
 */
import { GatewayError } from '../lib/errors';
import { formatAmount } from '../lib/money';
import type { RawCall } from './call';
import { decide, type DecideContext } from './decide';
import type { Allow, FilterEffect, ReasonId, RewriteEffect } from './decision';
import type { Grant } from './grant';
import { normalizeRequest } from './normalize-request';

export interface ExplainedEffects {
  readonly accountId?: number;
  readonly filter: FilterEffect;
  readonly spend?: { readonly amount: string; readonly currency: string; readonly accountId: number; readonly counterpartyIban: string | null; readonly mode: 'payment' | 'draft' };
  readonly rewrite?: RewriteEffect;
  readonly requireOwnership?: Allow['requireOwnership'];
  readonly recordOwnership?: Allow['recordOwnership'];
}

export interface Explanation {
  readonly allowed: boolean;
  readonly reasonId: ReasonId;
  readonly status: number;
  readonly message: string;
  readonly endpointId?: string;
  readonly scope?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly effects?: ExplainedEffects;
}

const NORMALIZE_REASONS: ReadonlySet<string> = new Set(['invalid_request', 'body_invalid', 'endpoint_not_allowed']);

function spendOf({ amountMinor, currency, accountId, counterpartyIban, mode }: NonNullable<Allow['spend']>) {
  return { amount: formatAmount(amountMinor), currency, accountId, counterpartyIban, mode };
}

function effectsOf(d: Allow): ExplainedEffects {
  return {
    ...(d.accountId === undefined ? {} : { accountId: d.accountId }),
    filter: d.filter,
    ...(d.spend === undefined ? {} : { spend: spendOf(d.spend) }),
    ...(d.rewrite === undefined ? {} : { rewrite: d.rewrite }),
    ...(d.requireOwnership === undefined ? {} : { requireOwnership: d.requireOwnership }),
    ...(d.recordOwnership === undefined ? {} : { recordOwnership: d.recordOwnership }),
  };
}

function allowMessage(d: Allow): string {
  if (d.reasonId === 'converted_to_draft') {
    return `Allowed by the scope '${d.scope}' as a draft payment: the counterparty is not on the allowlist, so the owner must approve it in the bunq app.`;
  }
  return `Allowed by the scope '${d.scope}'.`;
}

export function explain(raw: RawCall, grant: Grant, ctx: DecideContext): Explanation {
  let call;
  try {
    call = normalizeRequest(raw, ctx.catalog);
  } catch (error) {
    if (!(error instanceof GatewayError) || !NORMALIZE_REASONS.has(error.code)) throw error;
    return { allowed: false, reasonId: error.code as ReasonId, status: error.status, message: error.message, details: error.details };
  }
  const d = decide(call, grant, ctx);
  if (!d.allowed) {
    return { allowed: false, reasonId: d.reasonId, status: d.status, message: d.message, endpointId: call.endpointId, details: d.details };
  }
  return { allowed: true, reasonId: d.reasonId, status: d.status, message: allowMessage(d), endpointId: d.endpointId, scope: d.scope, effects: effectsOf(d) };
}

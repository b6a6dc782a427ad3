/**
 * Collects what the audit row needs while a call moves through the pipeline, then turns it
 * into one AuditEvent: no token, key or body, only ids, the endpoint template, the amount
 * and the decision with its reason.
 */
import { GatewayError } from '../lib/errors';
import type { AuditEvent } from '../audit/audit-event';
import type { GatewayCall, RawCall } from '../policy/call';
import type { Decision } from '../policy/decision';

export interface AuditDraft {
  readonly raw: RawCall;
  readonly started: number;
  tokenId?: string;
  call?: GatewayCall;
  decision?: Decision;
  upstreamStatus?: number;
  status?: number;
  error?: unknown;
  /** Set once a money-moving call's row was written ahead (audit-log.ts recordPending). */
  pendingAuditId?: number;
}

export function auditEntry(d: AuditDraft, now: number): AuditEvent {
  const allowed = d.error === undefined;
  const spend = d.decision?.allowed ? d.decision.spend : undefined;
  const path = d.raw.target.split('?')[0] ?? '';
  return {
    at: d.started,
    requestId: d.raw.requestId,
    tokenId: d.tokenId ?? null,
    method: d.raw.method.slice(0, 16),
    endpoint: d.call ? `${d.call.method} /v1${d.call.template}` : `${d.raw.method.slice(0, 16)} ${path}`.slice(0, 200),
    monetaryAccountId: d.decision?.allowed ? (d.decision.accountId ?? null) : (d.call?.params['monetary-accountID'] ?? null),
    amountMinor: spend?.amountMinor ?? null,
    currency: spend?.currency ?? null,
    counterpartyIban: spend?.counterpartyIban ?? null,
    decision: allowed ? 'allow' : 'deny',
    reasonId: allowed ? (d.decision?.allowed ? d.decision.reasonId : 'allowed') : reasonOf(d),
    status: d.status ?? 500,
    upstreamStatus: d.upstreamStatus ?? null,
    durationMs: Math.max(0, now - d.started),
    clientIp: d.raw.clientIp,
  };
}

function reasonOf(d: AuditDraft): string {
  if (d.decision && !d.decision.allowed) return d.decision.reasonId;
  return d.error instanceof GatewayError ? d.error.code : 'internal_error';
}

/**
 * Runs one gateway call so that it always ends in exactly one answer and one audit row:
 * whatever `run` throws becomes the error response (http/error-responder.ts), and the audit
 * row is recorded in `finally`, allowed or denied (a money-moving call's row was written ahead
 * of sending and is completed here). While the audit log cannot keep up (its buffer is full),
 * no call is run at all: 503 audit_unavailable. The call counts as running (rt.calls) until its
 * row is handed to the audit log, so shutdown waits for it even when its client has gone.
 */
import { errorResponse, type GatewayResponse } from '../http/error-responder';
import type { RawCall } from '../policy/call';
import type { Runtime } from '../runtime';
import { GatewayError } from '../lib/errors';
import { auditEntry, type AuditDraft } from './audit-entry';

export async function audited(
  rt: Runtime,
  raw: RawCall,
  run: (draft: AuditDraft) => Promise<GatewayResponse>,
  endpoint?: string,
): Promise<GatewayResponse> {
  const draft: AuditDraft = { raw, started: rt.clock.now() };
  const finished = rt.calls.enter();
  try {
    rt.audit.assertAccepting();
    const answer = await run(draft);
    draft.status = answer.status;
    return answer;
  } catch (err) {
    const answer = errorResponse(err, rt.logger, raw.requestId);
    draft.status = answer.status;
    draft.error = err;
    return answer;
  } finally {
    try {
      const base = auditEntry(draft, rt.clock.now());
      const entry = endpoint === undefined ? base : { ...base, endpoint };
      countDecision(rt, draft, entry.decision, entry.reasonId);
      // A money-moving call's row was written ahead and is completed before the answer goes
      // out; any other call's row is buffered and written within milliseconds (audit-log.ts).
      if (draft.pendingAuditId === undefined) void rt.audit.record(entry);
      else await rt.audit.complete(draft.pendingAuditId, entry);
    } finally {
      finished();
    }
  }
}

function countDecision(rt: Runtime, draft: AuditDraft, outcome: 'allow' | 'deny', reason: string): void {
  rt.metrics.decision(draft.decision?.allowed ? draft.decision.scope : undefined, outcome, reason);
  if (draft.error instanceof GatewayError && draft.error.code === 'cap_exceeded') {
    rt.metrics.capRefused(String(draft.error.details['cap_window'] ?? 'unknown'));
  }
}

/**
 * THE order of a call through the gateway (read this first):
 *
 *   1. inbound   who is calling, with which token          src/inbound/
 *                (a bearer token, or a bunq session opened  src/bunq-protocol/ (the handshake
 *                through the gateway's own handshake)       and signed answers wrap this pipeline)
 *   2. policy    normalise the request; may this token     src/policy/, src/steps/decide-for-chain.ts
 *                make it? (deny by default)
 *      ledger    ownership checks; page cursors;           src/steps/check-ownership.ts, check-cursor.ts,
 *                Idempotency-Key; reserve spend             idempotency.ts, reserve-spend.ts
 *   3. upstream  the one bunq call, built from the decision src/steps/forward-call.ts, src/upstream/
 *                (read cache + rate-limit scheduler)       src/upstream/scheduler/
 *   4. filter    cut the answer to what the token may see   src/steps/filter-answer.ts, src/filter/
 *   5. audit     one row per call, allowed or denied        src/audit/ (always, in `finally`)
 *
 * Nothing reaches bunq unless step 2 allowed it, and what is sent is rebuilt from what was
 * decided on, never copied from the caller's bytes.
 */
import type { GatewayResponse } from './http/error-responder';
import type { RawCall } from './policy/call';
import { normalizeRequest } from './policy/normalize-request';
import { toGatewayError, type Allow } from './policy/decision';
import { runInbound, type Principal } from './inbound';
import type { TokenRateLimiter } from './inbound/check-rate-limit';
import { decideForChain } from './steps/decide-for-chain';
import { checkOwnership } from './steps/check-ownership';
import { reserveSpend, settlementFor, type HeldSpend } from './steps/reserve-spend';
import { buildUpstreamCall, isBalanceRead } from './steps/forward-call';
import { filterAnswer, hideMissing, knownVisibleIds, okResponse, createdObjectId, pagedLocally } from './steps/filter-answer';
import { checkCursor } from './steps/check-cursor';
import { audited } from './steps/audited';
import { auditEntry, type AuditDraft } from './steps/audit-entry';
import { idempotencyKeyOf, oncePerKey, requestHash } from './steps/idempotency';
import { recordUsage } from './steps/record-usage';
import { sendDeadline, staleAfterMs } from './steps/reconcile-spend';
import { recheckBeforeSending } from './steps/recheck-token';
import { checkSessionCall } from './bunq-protocol/session-call';
import type { SessionResolver } from './inbound/authenticate';
import type { Runtime } from './runtime';
import { BunqApiError, UpstreamError, UpstreamRateLimited } from './upstream';

/** `sessions`: accept bunq sessions (src/bunq-protocol/) besides bearer tokens. */
export function createPipeline(rt: Runtime, rateLimiter: TokenRateLimiter, sessions?: SessionResolver): (raw: RawCall) => Promise<GatewayResponse> {
  const jwt = { issuer: rt.config.GATEWAY_ISSUER, audience: rt.config.GATEWAY_AUDIENCE };
  const inboundDeps = { tokens: rt.tokenRepo, keys: rt.keys, jwt, clock: rt.clock, rateLimiter, ...(sessions ? { sessions } : {}) };

  return (raw: RawCall): Promise<GatewayResponse> =>
    audited(rt, raw, async (draft) => {
      const started = draft.started;
      const principal: Principal = await runInbound(raw, inboundDeps);
      draft.tokenId = principal.token.id;
      recordUsage(rt, principal.token, raw.clientIp, started);

      const call = normalizeRequest(raw, rt.catalog);
      const idempotencyKey = idempotencyKeyOf(raw);
      draft.call = call;
      if (principal.session) {
        checkSessionCall(raw, call, principal.session, rt.catalog);
        await sessions?.used(principal.session, principal.token);
      }
      const bunq = rt.bunq();
      const decision = decideForChain(call, principal, { bunqUserId: bunq.userId, now: started, catalog: rt.catalog });
      draft.decision = decision;
      if (!decision.allowed) throw toGatewayError(decision);
      await checkOwnership(decision, principal.token.id, rt.owned);
      if (call.query.older_id !== undefined || call.query.newer_id !== undefined) {
        checkCursor(call, await knownVisibleIds(rt, call, decision, principal.token.id));
      }
      const upstreamCall = buildUpstreamCall(call, decision, pagedLocally(rt, call.endpointId));

      // How far a money-moving call got: once it went to bunq, only a definite "not executed"
      // lets its Idempotency-Key go; once bunq answered, nothing does.
      const progress: SendProgress = { sent: false, bunqAnswered: false };
      const forward = async (): Promise<GatewayResponse> => {
        const held = await reserveSpend(decision, principal, rt.ledger, started);
        if (held) await writeAhead(rt, draft, held);
        if (held?.capUsage !== undefined) rt.metrics.capUsage(held.capUsage);
        const upstream = await sendUpstream(rt, decision, principal.token.id, upstreamCall, {
          held,
          progress,
          ...(raw.clientGone ? { clientGone: raw.clientGone } : {}),
          // Writes only: one that waited in the queue is not sent if the token was revoked meanwhile.
          ...(upstreamCall.method === 'GET' ? {} : { stillAuthorized: recheckBeforeSending(rt, principal) }),
        }).catch((err: unknown) => {
          throw hideMissing(rt, call, decision, err);
        });
        draft.upstreamStatus = upstream.status;
        const objectId = createdObjectId(upstream.json);
        if (decision.recordOwnership && objectId !== undefined) {
          await rt.owned.record(decision.recordOwnership.kind, objectId, principal.token.id, decision.accountId ?? 0);
        }
        const body = await filterAnswer(rt, call, decision, principal.token.id, upstream.json);
        return okResponse(body, decision, objectId);
      };
      if (idempotencyKey === undefined || !decision.spend) return forward();
      const claim = {
        tokenId: principal.token.id,
        key: idempotencyKey,
        hash: requestHash(decision.endpointId, upstreamCall),
        now: () => rt.clock.now(),
        requestId: raw.requestId,
        logger: rt.logger,
        abandonedAfterMs: staleAfterMs(rt.config),
      };
      return oncePerKey(rt.idempotency, claim, forward, (err) => !progress.sent || (!progress.bunqAnswered && certainlyNotExecuted(err)));
    });
}

/** The audit row of a payment exists before bunq is called; if it cannot be written, nothing is sent. */
async function writeAhead(rt: Runtime, draft: AuditDraft, held: HeldSpend): Promise<void> {
  try {
    draft.pendingAuditId = await rt.audit.recordPending({ ...auditEntry(draft, rt.clock.now()), reasonId: 'upstream_outcome_pending', status: 102 });
  } catch (err) {
    await rt.ledger.settle(held.entryId, 'RELEASED', rt.clock.now());
    throw err;
  }
}

interface SendOptions {
  readonly held: HeldSpend | undefined;
  readonly progress: SendProgress;
  readonly clientGone?: () => boolean;
  readonly stillAuthorized?: () => Promise<void>;
}

async function sendUpstream(rt: Runtime, decision: Allow, tokenId: string, req: ReturnType<typeof buildUpstreamCall>, opts: SendOptions) {
  const { held, progress, clientGone, stillAuthorized } = opts;
  progress.sent = true;
  const sent = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - sent) / 1e9;
  try {
    const upstream = await rt.upstream.request({
      tokenId,
      cacheable: isBalanceRead(rt, decision, req.method),
      method: req.method,
      path: req.path,
      query: req.query,
      ...(req.body === undefined ? {} : { body: req.body }),
      ...(clientGone ? { clientGone } : {}),
      ...(stillAuthorized ? { stillAuthorized } : {}),
      ...(held ? { clientRequestId: held.clientRequestId, mayStillSend: () => rt.clock.now() <= sendDeadline(rt.config, held.reservedAt) } : {}),
    });
    progress.bunqAnswered = true;
    rt.metrics.upstream(req.method, upstream.status, seconds());
    if (held) await rt.ledger.settle(held.entryId, 'COMMITTED', rt.clock.now(), createdObjectId(upstream.json));
    return upstream;
  } catch (err) {
    rt.metrics.upstream(req.method, upstreamStatusOf(err), seconds());
    if (held) {
      const status = settlementFor(err);
      await rt.ledger.settle(held.entryId, status, rt.clock.now());
      rt.logger.warn({ entryId: held.entryId, status, endpoint: decision.endpointId }, 'payment did not complete');
    }
    throw err;
  }
}

interface SendProgress {
  sent: boolean;
  bunqAnswered: boolean;
}

/**
 * An error of a call handed to bunq that proves bunq did not execute it: an upstream error with
 * a definite outcome that is not bunq's own refusal (bunq refusing a payment is an outcome, kept
 * for retries; a 429, an expired session or a full queue is not). Anything else may have acted.
 */
function certainlyNotExecuted(err: unknown): boolean {
  return err instanceof UpstreamError && !(err instanceof BunqApiError) && err.outcome === 'definite';
}

/** The HTTP status bunq answered with, 429 for a rate limit, 0 when there was no answer. */
function upstreamStatusOf(err: unknown): number {
  if (err instanceof UpstreamRateLimited) return 429;
  if (err instanceof BunqApiError) return err.bunqStatus;
  return 0;
}

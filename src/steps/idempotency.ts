/**
 * Idempotency-Key on money-moving calls (payment and draft-payment creation), as Stripe does:
 * a client that lost the answer to a payment (timeout, dropped connection) retries with the
 * same key and gets the FIRST outcome back, status and body, without anything being sent to
 * bunq again. The key belongs to the token that used it and is tied to the exact normalised
 * request (method, endpoint, path, known query, re-serialised body): the same key with another
 * request is refused (422), and a retry while the first is still running is refused (409)
 * rather than risking a second payment. A first request that can no longer be running (claimed
 * longer ago than any live instance holds a call: its process died) is settled as what it is,
 * an outcome nobody learned — 504 upstream_timeout, never a second payment — so retries stop
 * getting 409; the payment itself is settled by reconciliation (reconcile-spend.ts).
 * A first request that certainly did nothing (refused before bunq was called, or an answer that
 * says the call was not executed and to retry: bunq's 429, an expired session, a full queue)
 * stores nothing, as Stripe stores nothing for a request that never started: the key is released
 * and a retry with it runs anew. Replaying "retry later" forever would make the key useless.
 * On calls that move no money the header is ignored.
 */
import { createHash } from 'node:crypto';
import { GatewayError, InvalidRequest } from '../lib/errors';
import { errorResponse, type GatewayResponse } from '../http/error-responder';
import { silentLogger, type Logger } from '../lib/logger';
import { singleHeader } from '../inbound/raw-headers';
import type { RawCall } from '../policy/call';
import type { IdempotencyRepository } from '../store/idempotency-repo';
import type { UpstreamCall } from './forward-call';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header, if sent; a repeated or malformed one is refused. */
export function idempotencyKeyOf(raw: RawCall): string | undefined {
  const key = singleHeader(raw.rawHeaders, 'idempotency-key');
  if (key === null) throw new InvalidRequest('Idempotency-Key must be sent at most once.');
  if (key === undefined) return undefined;
  if (!KEY.test(key)) throw new InvalidRequest('Idempotency-Key must be 1-255 printable ASCII characters without spaces.');
  return key;
}

export function requestHash(endpointId: string, upstream: UpstreamCall): string {
  return createHash('sha256')
    .update(JSON.stringify([endpointId, upstream.method, upstream.path, upstream.query, upstream.body ?? null]))
    .digest('hex');
}

/**
 * Runs `send` at most once per (token, key): a claimed key runs it and keeps its answer (an
 * error answer too: the first outcome is what a retry gets), a finished key replays.
 */
export async function oncePerKey(
  repo: IdempotencyRepository,
  claim: { tokenId: string; key: string; hash: string; now: () => number; requestId: string; logger: Logger; abandonedAfterMs: number },
  send: () => Promise<GatewayResponse>,
  didNothing: (err: unknown) => boolean,
): Promise<GatewayResponse> {
  let state = await repo.begin(claim.tokenId, claim.key, claim.hash, claim.now());
  if (state.kind === 'in_flight' && state.since < claim.now() - claim.abandonedAfterMs) {
    const cutoff = claim.now() - claim.abandonedAfterMs;
    await repo.settleAbandoned(claim.tokenId, claim.key, errorResponse(abandoned(), silentLogger, claim.requestId), cutoff, claim.now());
    state = await repo.begin(claim.tokenId, claim.key, claim.hash, claim.now());
  }
  if (state.kind === 'replay') return { ...state.answer, headers: { ...state.answer.headers, 'idempotent-replayed': 'true' } };
  if (state.kind === 'in_flight') {
    throw new GatewayError('idempotency_request_in_progress', 409, 'A request with this Idempotency-Key is still being processed; retry later to get its outcome.', {
      retryAfter: 1,
    });
  }
  if (state.kind === 'different_request') {
    throw new GatewayError('idempotency_key_reused', 422, 'This Idempotency-Key was already used with a different request; use a new key for a new payment.');
  }
  // If the outcome cannot be stored, the key stays IN_FLIGHT: retries get 409, never a second payment.
  const keep = (answer: GatewayResponse) =>
    repo.complete(claim.tokenId, claim.key, answer, claim.now()).catch((err: unknown) => {
      claim.logger.error({ err: (err as Error).message, requestId: claim.requestId }, 'could not store the outcome of an Idempotency-Key');
    });
  let answer: GatewayResponse;
  try {
    answer = await send();
  } catch (err) {
    if (didNothing(err)) {
      // If the claim cannot be released, retries get 409 and, later, the abandoned-key 504:
      // never a second payment.
      await repo.release(claim.tokenId, claim.key).catch((releaseErr: unknown) => {
        claim.logger.error({ err: (releaseErr as Error).message, requestId: claim.requestId }, 'could not release an Idempotency-Key');
      });
      throw err;
    }
    // The caller's own answer is made (and logged) by audited(); this copy is only stored.
    await keep(errorResponse(err, silentLogger, claim.requestId));
    throw err;
  }
  await keep(answer);
  return answer;
}

/** What a retry learns about a first request whose process died before its outcome was stored. */
function abandoned(): GatewayError {
  return new GatewayError(
    'upstream_timeout',
    504,
    'The first request with this Idempotency-Key was interrupted before its outcome was known; the payment may have been made. It is not sent again: the owner sees it with `bunq-gateway ledger list` until it is reconciled.',
    { details: { outcome: 'unknown' } },
  );
}

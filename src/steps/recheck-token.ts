/**
 * A write is sent to bunq only if its token still stands at the moment it leaves. Revoking or
 * rotating a token refuses every call authenticated afterwards (store/token-cache.ts), but a
 * payment authenticated just before may still wait in the upstream queue for one of bunq's few
 * slots (5 POSTs in 3 s), seconds later. The owner who revokes a leaked bookkeeper's token must
 * not see its queued payments leave after that: each is refused (401, nothing sent, its
 * reservation released) instead.
 *
 * Reads are not checked again: a read queued before the revocation may still be answered, with
 * what the token could see when it asked; it moves nothing.
 */
import { reauthenticate, type Principal } from '../inbound/authenticate';
import { InvalidToken } from '../lib/errors';
import type { Runtime } from '../runtime';
import { CallNoLongerAuthorized } from '../upstream/bunq-errors';

export function recheckBeforeSending(rt: Runtime, principal: Principal): () => Promise<void> {
  return async () => {
    try {
      await reauthenticate(principal, { tokens: rt.tokenRepo, clock: rt.clock });
    } catch (err) {
      if (err instanceof InvalidToken && (err.code === 'token_revoked' || err.code === 'token_expired')) {
        throw new CallNoLongerAuthorized(err.code, err.message);
      }
      throw err;
    }
  };
}

/**
 * Opens the stored bunq API context WITHOUT any network call; a missing or half-finished
 * context is `not_configured` (run `init`). An expired stored session is fine: the first call
 * renews it (session-keeper.ts).
 */
import { GatewayError } from '../../lib/errors';
import { BunqContextRepository } from '../../store/bunq-context-repo';
import type { BunqClient } from '../bunq-client';
import type { BunqClientDeps } from '../types';
import { createBunqClient } from './create-client';

export async function loadBunqClient(deps: BunqClientDeps): Promise<BunqClient> {
  const stored = await new BunqContextRepository(deps.db, deps.secretBox).load();
  if (!stored) throw new GatewayError('not_configured', 503, 'no bunq API context is stored; run init first');
  const { session } = stored;
  if (!session) throw new GatewayError('not_configured', 503, 'the bunq handshake is incomplete; run init again');
  return createBunqClient(deps, { ...stored, session });
}

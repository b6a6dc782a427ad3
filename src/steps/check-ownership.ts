/**
 * read-key-requests / cancel-request: a single request-inquiry (or draft) may only be read or
 * revoked by the token that created it. bunq knows nothing of our tokens, so the owned-object
 * table decides; the refusal comes from the policy's own wording (ownershipDenied).
 */
import { ownershipDenied } from '../policy/conditions/ownership';
import { toGatewayError, type Allow } from '../policy/decision';
import type { OwnedObjects } from '../store/owned-objects';

export async function checkOwnership(decision: Allow, tokenId: string, owned: OwnedObjects): Promise<void> {
  const need = decision.requireOwnership;
  if (!need) return;
  if (!(await owned.isOwnedBy(need.kind, need.itemId, tokenId))) {
    throw toGatewayError(ownershipDenied(need.kind, need.itemId));
  }
}

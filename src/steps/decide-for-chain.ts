/**
 * A derived token is only as strong as every token above it: the call must be allowed by
 * the spender's grant AND by each ancestor's grant (attenuation already guarantees this at
 * issuance; checking again here keeps the guarantee if a grant rule ever changes). The
 * spender's decision carries the effects; the first denial anywhere wins.
 */
import { decide } from '../policy/decide';
import type { Catalog } from '../policy/catalog';
import type { GatewayCall } from '../policy/call';
import type { Decision } from '../policy/decision';
import type { Principal } from '../inbound';

export function decideForChain(
  call: GatewayCall,
  principal: Principal,
  ctx: { bunqUserId: number; now: number; catalog: Catalog },
): Decision {
  const own = decide(call, principal.token.grant, ctx);
  if (!own.allowed) return own;
  for (const ancestor of principal.ancestors) {
    const verdict = decide(call, ancestor.grant, ctx);
    if (!verdict.allowed) return verdict;
  }
  return own;
}

/**
 * Request checks that run before a handler, in bunq's order of concern:
 *  - User-Agent is required (bunq-api.md §4.1, SW header param required:true). The real error text
 *    is [UNKNOWN]; we answer 400 with TEXT.userAgentMissing.
 *  - X-Bunq-Client-Signature, when present, must verify over the raw body with the installation's
 *    key, else 400 "The request signature is invalid." (§3.2 [UNKNOWN] for optional calls —
 *    historically rejected, so we reject). Absent is fine except on must-sign calls → 466 (§3.2).
 *    Calls without an installation context (installation, sandbox-user) ignore the header.
 *  - A reused X-Bunq-Client-Request-Id on a POST is refused per device (§4.1, §12.7; text
 *    [UNKNOWN], ours in TEXT.requestIdReused). Scope: the device for session calls, the
 *    installation for device-server/session-server. The id is consumed once the call passes
 *    authentication and signature checks, whatever the handler then answers.
 */
import type { RequestContext } from './context';
import type { Route } from './router';
import { BunqHttpError, TEXT, badRequest, signatureRequired } from './errors';
import { verifyBody } from './signature';

export function checkUserAgent(ctx: RequestContext): void {
  if (!ctx.header('user-agent')) throw badRequest(TEXT.userAgentMissing);
}

export function checkSignature(ctx: RequestContext, route: Route): void {
  const signature = ctx.header('x-bunq-client-signature');
  if (signature !== null && ctx.installation) {
    if (!verifyBody(ctx.installation.clientPublicKey, ctx.rawBody, signature)) {
      throw new BunqHttpError(400, TEXT.signatureInvalid);
    }
    ctx.signed = true;
  }
  if (route.signature === 'required' && !ctx.signed) throw signatureRequired();
}

/**
 * Per scope; see EmulatorState.usedRequestIds. A client that reuses an id does so on a resend,
 * within a few calls, so the newest ids are what catches it. More were costly: 100,000 retained
 * strings per device made the emulator collect old garbage under load and slowed every
 * benchmark row that sends ids (the gateway's), not the ones that do not.
 */
export const MAX_REMEMBERED_REQUEST_IDS = 1_000;

/** A request id is unique per device, whatever the method (bunq-api.md §4.1, §12.7). */
export function checkRequestId(ctx: RequestContext): void {
  const id = ctx.clientRequestId;
  if (id === null || !ctx.installation) return;
  const scope = ctx.device ? `device:${ctx.device.id}` : `installation:${ctx.installation.id}`;
  const used = ctx.em.state.usedRequestIds.get(scope) ?? new Set<string>();
  if (used.has(id)) throw badRequest(TEXT.requestIdReused);
  used.add(id);
  if (used.size > MAX_REMEMBERED_REQUEST_IDS) used.delete(used.values().next().value!);
  ctx.em.state.usedRequestIds.set(scope, used);
}

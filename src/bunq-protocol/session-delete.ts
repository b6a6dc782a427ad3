/**
 * DELETE /v1/session/{id} (bunq-api.md §2.3): "deletes the current session" whatever the id
 * (sdk_python sends 0, bunq-js-client its real id). Authenticated by the session itself; the
 * body is empty or "{}" (bunq-js-client signs and sends "{}", bunq-clients.md §1.4); a
 * signature is checked if present. Answers {"Response":[]}.
 */
import { GatewayError, InvalidRequest } from '../lib/errors';
import type { GatewayResponse } from '../http/error-responder';
import { runInbound } from '../inbound';
import type { RawCall } from '../policy/call';
import type { AuditDraft } from '../steps/audit-entry';
import { checkClientSignature, clientKeyOf } from './client-signature';
import { bunqAnswer } from './handshake-io';
import { badCredentials } from './bunq-errors';
import { isPermittedIp } from './permitted-ips';
import type { ProtocolContext } from './protocol-context';

export function createSessionDeleteHandler(ctx: ProtocolContext) {
  return async (raw: RawCall, draft: AuditDraft): Promise<GatewayResponse> => {
    const principal = await runInbound(raw, ctx.inbound);
    const session = principal.session;
    if (!session) throw new InvalidRequest('DELETE /v1/session ends a bunq session: send its token in X-Bunq-Client-Authentication.');
    draft.tokenId = principal.token.id;
    const text = raw.body.toString('utf8').trim();
    if (text !== '' && text !== '{}') throw new GatewayError('body_invalid', 400, 'DELETE /v1/session takes no body (or {}).');
    if (!isPermittedIp(session.device.permittedIps, raw.clientIp)) throw badCredentials('ip_not_permitted_for_device');
    checkClientSignature(raw.rawHeaders, raw.body, clientKeyOf(session.installation), false);
    await ctx.clients.deleteSession(session.id);
    return bunqAnswer();
  };
}

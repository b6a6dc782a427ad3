/**
 * bunq's own protocol in front of the pipeline (issue #5; bunq-clients.md §4): the four
 * handshake endpoints the catalog marks `handledBy: gateway` are answered here (each audited
 * like any call); every other call goes to the pipeline, which accepts a bunq session as the
 * credential. Answers to calls that speak bunq's protocol — a handshake call, or any call
 * with X-Bunq-Client-Authentication — are then signed (sign-answer.ts). A 200 to such a call
 * can only exist after its session was authenticated: the pipeline refuses every call
 * without a usable credential.
 */
import type { GatewayResponse } from '../http/error-responder';
import type { CallHandler } from '../http/to-handler';
import { InvalidRequest } from '../lib/errors';
import { headerValues } from '../inbound/raw-headers';
import type { RawCall } from '../policy/call';
import { matchRoute } from '../policy/normalize-request';
import { audited } from '../steps/audited';
import type { AuditDraft } from '../steps/audit-entry';
import { createDeviceServerHandler } from './device-server';
import { createInstallationHandler } from './installation';
import type { ProtocolContext } from './protocol-context';
import { createSessionDeleteHandler } from './session-delete';
import { createSessionServerHandler } from './session-server';
import { signAnswer } from './sign-answer';

type HandshakeHandler = (raw: RawCall, draft: AuditDraft) => Promise<GatewayResponse>;

function handshakeHandlers(ctx: ProtocolContext): ReadonlyMap<string, HandshakeHandler> {
  return new Map<string, HandshakeHandler>([
    ['installation.create', createInstallationHandler(ctx)],
    ['device-server.create', createDeviceServerHandler(ctx)],
    ['session-server.create', createSessionServerHandler(ctx)],
    ['session.delete', createSessionDeleteHandler(ctx)],
  ]);
}

/** The handshake endpoint this request is for, if any; malformed requests go to the pipeline, which refuses them. */
function handshakeRoute(raw: RawCall, ctx: ProtocolContext): { id: string; label: string; query: string | null } | undefined {
  // Every handshake call is a POST or a DELETE: spare the usual GET a second route match.
  if (raw.method !== 'POST' && raw.method !== 'DELETE') return undefined;
  try {
    const { match, query } = matchRoute(raw.method, raw.target, ctx.rt.catalog);
    if (match.kind !== 'match' || match.entry.handledBy !== 'gateway') return undefined;
    return { id: match.entry.id, label: match.entry.label, query };
  } catch {
    return undefined;
  }
}

export function withBunqProtocol(ctx: ProtocolContext, pipeline: CallHandler): CallHandler {
  const handlers = handshakeHandlers(ctx);
  return async (raw: RawCall): Promise<GatewayResponse> => {
    const route = handshakeRoute(raw, ctx);
    const handler = route && handlers.get(route.id);
    if (route && handler) {
      const answer = await audited(
        ctx.rt,
        raw,
        (draft) => {
          if (route.query !== null) throw new InvalidRequest(`${route.label} takes no query parameters.`);
          return handler(raw, draft);
        },
        route.label,
      );
      return signAnswer(ctx, raw, answer);
    }
    const answer = await pipeline(raw);
    return headerValues(raw.rawHeaders, 'x-bunq-client-authentication').length > 0 ? signAnswer(ctx, raw, answer) : answer;
  };
}

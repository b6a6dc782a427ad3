/**
 * POST /v1/session-server (bunq-api.md §2.3, §2.4; bunq-clients.md §1.6, §4.3): installation
 * token, signed body, `secret` = a gateway token registered on this installation by
 * device-server, from a permitted IP. Opens a session bound to that token (replacing the
 * installation's earlier one) and answers [Id, Token, user] IN THAT ORDER:
 * - the user is the REAL bunq user id (the {userID} of every later path) with display name and
 *   session_timeout only: no personal data;
 * - session_timeout is the bunq user's own (from the gateway's bunq session) but never longer
 *   than the token chain still lives: a session never outlives its token.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { GatewayResponse } from '../http/error-responder';
import type { Principal } from '../inbound/authenticate';
import type { RawCall } from '../policy/call';
import type { AuditDraft } from '../steps/audit-entry';
import type { BunqContextStatus } from '../upstream/types';
import { hashSecret } from '../tokens/token-format';
import { badCredentials } from './bunq-errors';
import { principalForSecret, signedByInstallation } from './handshake-auth';
import { bunqAnswer, parseHandshakeBody, tokenObject } from './handshake-io';
import { isPermittedIp } from './permitted-ips';
import type { ProtocolContext } from './protocol-context';

const Body = z.object({ secret: z.string().min(1).max(2048) }).strict();

/** Used only if the gateway's bunq context has no session on record (it always has after init). */
export const FALLBACK_SESSION_TIMEOUT_SECONDS = 3600;
const PLAIN_USER_WRAPPERS = new Set(['UserPerson', 'UserCompany']);

export function sessionTimeoutSeconds(bunqTimeout: number | undefined, principal: Principal, now: number): number {
  const chainExpiry = Math.min(...[principal.token, ...principal.ancestors].map((t) => t.expiresAt.getTime()));
  const tokenLeft = Math.floor((chainExpiry - now) / 1000);
  return Math.max(1, Math.min(bunqTimeout ?? FALLBACK_SESSION_TIMEOUT_SECONDS, tokenLeft));
}

export function sessionUser(status: BunqContextStatus, timeoutSeconds: number): Record<string, unknown> {
  const wrapper = PLAIN_USER_WRAPPERS.has(status.user.type) ? status.user.type : 'UserPerson';
  const name = status.user.displayName ?? 'bunq user';
  return {
    [wrapper]: { id: status.user.id, display_name: name, public_nick_name: name, alias: [], status: 'ACTIVE', session_timeout: timeoutSeconds },
  };
}

export function createSessionServerHandler(ctx: ProtocolContext) {
  return async (raw: RawCall, draft: AuditDraft): Promise<GatewayResponse> => {
    const installation = await signedByInstallation(ctx, raw);
    const { secret } = parseHandshakeBody(raw, Body);
    const principal = await principalForSecret(ctx, secret, raw.clientIp);
    draft.tokenId = principal.token.id;
    const device = await ctx.clients.findDevice(installation.id, hashSecret(secret));
    if (!device || device.tokenId !== principal.token.id) throw badCredentials('device_not_registered');
    if (!isPermittedIp(device.permittedIps, raw.clientIp)) throw badCredentials('ip_not_permitted_for_device');
    const status = ctx.rt.bunq().status();
    const now = ctx.rt.clock.now();
    const timeout = sessionTimeoutSeconds(status.session?.timeoutSeconds, principal, now);
    const token = randomBytes(32).toString('hex');
    const id = await ctx.clients.replaceSession(
      { tokenHash: hashSecret(token), device, timeoutSeconds: timeout, expiresAt: new Date(now + timeout * 1000) },
      new Date(now),
    );
    return bunqAnswer({ Id: { id } }, tokenObject(id, now, token), sessionUser(status, timeout));
  };
}

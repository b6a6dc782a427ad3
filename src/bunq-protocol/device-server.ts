/**
 * POST /v1/device-server (bunq-api.md §2.2; bunq-clients.md §4.2): installation token, signed
 * body, `secret` = a gateway token. Registers that token on the installation with its
 * permitted_ips and answers [Id]. A bad secret is 400, as at bunq (bunq-js-client then wipes
 * its installation and starts over, which is fine).
 */
import { z } from 'zod';
import type { GatewayResponse } from '../http/error-responder';
import type { RawCall } from '../policy/call';
import type { AuditDraft } from '../steps/audit-entry';
import { hashSecret } from '../tokens/token-format';
import { principalForSecret, signedByInstallation } from './handshake-auth';
import { bunqAnswer, parseHandshakeBody } from './handshake-io';
import { permittedIpsFrom } from './permitted-ips';
import type { ProtocolContext } from './protocol-context';

const Body = z
  .object({
    description: z.string().max(255),
    secret: z.string().min(1).max(2048),
    permitted_ips: z.array(z.string().max(64)).max(32).optional(),
  })
  .strict();

export function createDeviceServerHandler(ctx: ProtocolContext) {
  return async (raw: RawCall, draft: AuditDraft): Promise<GatewayResponse> => {
    const installation = await signedByInstallation(ctx, raw);
    const body = parseHandshakeBody(raw, Body);
    const principal = await principalForSecret(ctx, body.secret, raw.clientIp);
    draft.tokenId = principal.token.id;
    const id = await ctx.clients.createDevice(
      {
        installationId: installation.id,
        tokenId: principal.token.id,
        secretHash: hashSecret(body.secret),
        permittedIps: permittedIpsFrom(body.permitted_ips, raw.clientIp),
        description: body.description,
      },
      new Date(ctx.rt.clock.now()),
    );
    return bunqAnswer({ Id: { id } });
  };
}

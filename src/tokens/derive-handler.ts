/**
 * POST /gateway/tokens/derive: a token holder derives a narrower child token through the
 * gateway — a subset of its scopes and accounts, lower caps, a shorter life, never more
 * (TokenService.issue with a parent checks attenuation). The child's spending also counts
 * against this token's caps, and revoking this token revokes the child. Authenticated by the
 * parent's own credential through the same inbound steps as every bunq call; audited.
 */
import { z } from 'zod';
import { GatewayError } from '../lib/errors';
import { parseStrictJson, StrictJsonError } from '../lib/strict-json';
import type { GatewayResponse } from '../http/error-responder';
import type { RawCall } from '../policy/call';
import { runInbound } from '../inbound';
import type { TokenRateLimiter } from '../inbound/check-rate-limit';
import { audited } from '../steps/audited';
import type { Runtime } from '../runtime';

export const DERIVE_PATH = '/gateway/tokens/derive';

const DeriveBody = z
  .object({
    name: z.string().min(1).max(100),
    grant: z.unknown(),
    expiresInSeconds: z.number().int().positive(),
    ipAllowlist: z.array(z.string()).max(50).optional(),
    ratePerMinute: z.number().int().positive().optional(),
    ratePerDay: z.number().int().positive().optional(),
  })
  .strict();

export function createDeriveHandler(rt: Runtime, rateLimiter: TokenRateLimiter) {
  const jwt = { issuer: rt.config.GATEWAY_ISSUER, audience: rt.config.GATEWAY_AUDIENCE };
  return (raw: RawCall): Promise<GatewayResponse> =>
    audited(
      rt,
      raw,
      async (draft) => {
        if (raw.method !== 'POST' || raw.target !== DERIVE_PATH) throw new GatewayError('invalid_request', 405, `Use POST ${DERIVE_PATH}.`);
        const parent = await runInbound(raw, { tokens: rt.tokenRepo, keys: rt.keys, jwt, clock: rt.clock, rateLimiter });
        draft.tokenId = parent.token.id;
        const body = parseBody(raw.body);
        const issued = await rt.tokens.issue(
          {
            name: body.name,
            grant: body.grant as never,
            expiresAt: new Date(draft.started + body.expiresInSeconds * 1000),
            ipAllowlist: body.ipAllowlist ?? [],
            ratePerMinute: body.ratePerMinute ?? null,
            ratePerDay: body.ratePerDay ?? null,
          },
          parent.token,
        );
        const answer = {
          id: issued.token.id,
          parentId: parent.token.id,
          expiresAt: issued.token.expiresAt.toISOString(),
          grant: issued.token.grant,
          bearer: issued.bearer,
          bunqKey: issued.bunqKey,
        };
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(answer) };
      },
      `POST ${DERIVE_PATH}`,
    );
}

function parseBody(bytes: Buffer): z.infer<typeof DeriveBody> {
  let json: unknown;
  try {
    json = parseStrictJson(bytes);
  } catch (err) {
    if (err instanceof StrictJsonError) throw new GatewayError('body_invalid', 400, `The body is not strict JSON: ${err.message}`);
    throw err;
  }
  const parsed = DeriveBody.safeParse(json);
  if (!parsed.success) {
    throw new GatewayError('body_invalid', 400, `Invalid body: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/**
 * zod schemas for the bunq answers this module reads (style.md: zod at the bunq edge, unknown
 * fields passed through). Handshake answers are read BY POSITION, as the official SDKs do
 * (bunq-api.md §2.1, §2.3; bunq-clients.md §3 "Handshake"): installation [Id, Token,
 * ServerPublicKey]; session-server [Id, Token, <user wrapper>]; device-server [Id].
 */
import { z } from 'zod';

const Id = z.looseObject({ Id: z.looseObject({ id: z.number().int().positive() }) });
const Token = z.looseObject({
  Token: z.looseObject({ id: z.number().int().optional(), token: z.string().min(1).max(512) }),
});

export const InstallationResponse = z.looseObject({
  Response: z.tuple(
    [Id, Token, z.looseObject({ ServerPublicKey: z.looseObject({ server_public_key: z.string().min(1) }) })],
    z.unknown(),
  ),
});

export const DeviceServerResponse = z.looseObject({ Response: z.tuple([Id], z.unknown()) });

/** A user object as far as the session needs it (§2.3: id, display_name, session_timeout). */
export const UserCore = z.looseObject({
  id: z.number().int().positive(),
  display_name: z.string().optional(),
  name: z.string().optional(),
  session_timeout: z.number().int().positive().optional(),
});

export const UserApiKey = z.looseObject({
  id: z.number().int().positive(),
  requested_by_user: z.record(z.string(), UserCore).optional(),
  granted_by_user: z.record(z.string(), UserCore).optional(),
});

export const SessionServerResponse = z.looseObject({
  Response: z.tuple([Id, Token, z.record(z.string(), z.unknown())], z.unknown()),
});

export const BunqErrorEnvelope = z.looseObject({
  Error: z.tuple([z.looseObject({ error_description: z.string() })], z.unknown()),
});

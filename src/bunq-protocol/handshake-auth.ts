/**
 * The two credentials of bunq's handshake (bunq-api.md §2.2, §2.3):
 * - the installation token in X-Bunq-Client-Authentication: device-server and session-server
 *   are signed with the key of THAT installation, and the signature is mandatory;
 * - the `secret`: only a gateway token's bunq-key form (64 hex, what bunq2ynab insists on,
 *   bunq-clients.md §2.1), checked by the same inbound steps as a bearer call (record,
 *   revocation, expiry, ancestors, IP allowlist, rate limit). Anything else is bunq's
 *   "User credentials are incorrect" (400).
 */
import { InvalidToken } from '../lib/errors';
import { authenticate, type Principal } from '../inbound/authenticate';
import { checkClientIp } from '../inbound/check-client-ip';
import type { RawCall } from '../policy/call';
import type { ClientInstallationRecord } from '../store/client-context-repo';
import { hashSecret, isBunqKeyForm } from '../tokens/token-format';
import { badCredentials, sessionEnded } from './bunq-errors';
import { checkClientSignature, clientKeyOf } from './client-signature';
import { bunqAuthToken } from './handshake-io';
import type { ProtocolContext } from './protocol-context';

/** The installation behind the header, with the request's signature checked against its key. */
export async function signedByInstallation(ctx: ProtocolContext, raw: RawCall): Promise<ClientInstallationRecord> {
  const installation = await ctx.clients.findInstallation(hashSecret(bunqAuthToken(raw)));
  if (!installation) throw sessionEnded('token_invalid');
  checkClientSignature(raw.rawHeaders, raw.body, clientKeyOf(installation), true);
  return installation;
}

export async function principalForSecret(ctx: ProtocolContext, secret: string, clientIp: string): Promise<Principal> {
  if (!isBunqKeyForm(secret)) throw badCredentials('secret_not_a_gateway_key');
  let principal: Principal;
  try {
    principal = await authenticate({ kind: 'bearer', value: secret }, ctx.inbound);
  } catch (err) {
    if (err instanceof InvalidToken) throw badCredentials(err.code);
    throw err;
  }
  checkClientIp(principal, clientIp);
  await ctx.inbound.rateLimiter.checkChain(principal);
  return principal;
}

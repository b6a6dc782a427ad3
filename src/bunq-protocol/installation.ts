/**
 * POST /v1/installation (bunq-api.md §2.1; bunq-clients.md §4.1): no authentication and no
 * signature. Takes the client's RSA public key as an SPKI ("BEGIN PUBLIC KEY") or PKCS#1 PEM
 * with LF or CRLF line ends, at least 2048 bits (and at most 4096: verifying costs grow with
 * the key). Answers [Id, Token, ServerPublicKey] IN THAT ORDER (the SDKs read by position)
 * with the GATEWAY's own server key. Only the sha256 of the installation token is stored.
 * Unauthenticated, so it is rate limited per client IP (GATEWAY_INSTALLATIONS_PER_MINUTE):
 * nobody can fill the database quickly.
 */
import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import { GatewayError, RateLimited } from '../lib/errors';
import { hashSecret } from '../tokens/token-format';
import type { GatewayResponse } from '../http/error-responder';
import type { RawCall } from '../policy/call';
import { bunqAnswer, parseHandshakeBody, tokenObject } from './handshake-io';
import type { ProtocolContext } from './protocol-context';

const Body = z.object({ client_public_key: z.string().min(1).max(16_384) }).strict();
const PUBLIC_KEY_PEM = /^-----BEGIN (?:RSA )?PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+\n-----END (?:RSA )?PUBLIC KEY-----\n?$/;

export function parseClientPublicKey(pem: string): KeyObject {
  const normalised = pem.replace(/\r\n/g, '\n').trim();
  let key: KeyObject | undefined;
  if (PUBLIC_KEY_PEM.test(normalised)) {
    try {
      key = createPublicKey(normalised);
    } catch {
      key = undefined;
    }
  }
  const bits = key?.asymmetricKeyDetails?.modulusLength ?? 0;
  if (!key || key.asymmetricKeyType !== 'rsa' || bits < 2048 || bits > 4096) {
    throw new GatewayError('body_invalid', 400, 'The client_public_key is not an RSA public key of 2048 to 4096 bits in PEM format.');
  }
  return key;
}

export function createInstallationHandler(ctx: ProtocolContext) {
  const perMinute = ctx.rt.config.GATEWAY_INSTALLATIONS_PER_MINUTE;
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return async (raw: RawCall): Promise<GatewayResponse> => {
    try {
      await limiter.consume(raw.clientIp || 'unknown');
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      const wait = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw new RateLimited(`Too many requests. You can do a maximum of ${perMinute} installations per minute.`, wait);
    }
    const key = parseClientPublicKey(parseHandshakeBody(raw, Body).client_public_key);
    const serverKey = await ctx.serverKey();
    const token = randomBytes(32).toString('hex');
    const now = ctx.rt.clock.now();
    const pem = key.export({ type: 'spki', format: 'pem' }).toString();
    const id = await ctx.clients.createInstallation(hashSecret(token), pem, new Date(now));
    return bunqAnswer({ Id: { id } }, tokenObject(id, now, token), { ServerPublicKey: { server_public_key: serverKey.publicKeyPem } });
  };
}

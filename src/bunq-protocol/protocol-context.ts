/**
 * What the gateway's side of bunq's protocol needs, built once per server: the runtime, the
 * clients' installations/devices/sessions, the inbound steps that turn a secret or a session
 * into a token (the same ones bearer calls go through) and the server key, loaded (or created)
 * on first use so a gateway no bunq client talks to never makes one.
 */
import type { InboundDeps } from '../inbound';
import type { TokenRateLimiter } from '../inbound/check-rate-limit';
import type { Runtime } from '../runtime';
import { BunqServerKeyRepository } from '../store/bunq-server-key-repo';
import type { ClientContextRepository } from '../store/client-context-repo';
import { loadOrCreateServerKey, type ServerKey } from './server-key';
import { BunqSessionResolver } from './session-credential';

export interface ProtocolContext {
  readonly rt: Runtime;
  readonly clients: ClientContextRepository;
  readonly inbound: InboundDeps;
  serverKey(): Promise<ServerKey>;
}

export function createProtocolContext(rt: Runtime, rateLimiter: TokenRateLimiter): ProtocolContext {
  const clients = rt.clientContext;
  const keyRepo = new BunqServerKeyRepository(rt.db, rt.secretBox);
  let key: Promise<ServerKey> | undefined;
  return {
    rt,
    clients,
    inbound: {
      tokens: rt.tokenRepo,
      keys: rt.keys,
      jwt: { issuer: rt.config.GATEWAY_ISSUER, audience: rt.config.GATEWAY_AUDIENCE },
      clock: rt.clock,
      rateLimiter,
      sessions: new BunqSessionResolver(clients, rt.tokenRepo, rt.clock),
    },
    serverKey() {
      key ??= loadOrCreateServerKey(keyRepo, rt.clock).catch((err: unknown) => {
        key = undefined;
        throw err;
      });
      return key;
    },
  };
}

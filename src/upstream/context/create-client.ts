/**
 * Builds a BunqClient from a stored context: keys are loaded once into KeyObjects (the private
 * key PEM is not kept), and one keep-alive connection pool is opened for the base URL's origin.
 */
import { systemClock } from '../../lib/clock';
import { silentLogger } from '../../lib/logger';
import {
  BunqContextRepository,
  type StoredBunqContext,
  type StoredInstallation,
  type StoredSession,
} from '../../store/bunq-context-repo';
import { LeaseRepository } from '../../store/lease-repo';
import { parseBaseUrl } from '../build-url';
import { BunqClient } from '../bunq-client';
import { loadRsaPrivateKey, loadRsaPublicKey } from '../signing';
import { Transport } from '../transport';
import type { BunqClientDeps } from '../types';
import { SessionKeeper } from './session-keeper';
import type { InstallationCredentials } from './session-server';

export const DEFAULT_TIMEOUT_MS = 15_000;

export function credentialsOf(stored: StoredInstallation): InstallationCredentials {
  return {
    apiKey: stored.apiKey,
    installationToken: stored.installationToken,
    signingKey: loadRsaPrivateKey(stored.clientPrivateKeyPem),
    serverKey: loadRsaPublicKey(stored.serverPublicKeyPem),
  };
}

export function createBunqClient(
  deps: BunqClientDeps,
  stored: StoredBunqContext & { session: StoredSession },
): BunqClient {
  const base = parseBaseUrl(stored.baseUrl);
  const logger = (deps.logger ?? silentLogger).child({ component: 'upstream' });
  const transport = new Transport(base.origin, deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const creds = credentialsOf(stored);
  const keeper = new SessionKeeper(
    {
      io: { transport, base, logger },
      creds,
      clock: deps.clock ?? systemClock,
      repo: new BunqContextRepository(deps.db, deps.secretBox),
      leases: new LeaseRepository(deps.db),
    },
    stored.session,
  );
  return new BunqClient({
    base,
    transport,
    keeper,
    signingKey: creds.signingKey,
    serverKey: creds.serverKey,
    logger,
    installationId: stored.installationId,
    deviceServerId: stored.deviceServerId,
    userId: stored.session.userId,
  });
}

/**
 * `init`: creates (or reuses) THE bunq API context (bunq-api.md §2): installation → device-server
 * → session-server, persisted after each durable step (installation + device as one row, then
 * the session), so a crash never leaves a row that points at half a handshake.
 *  - Same API key (sha256 fingerprint, constant-time compare) AND same base URL: the stored
 *    installation and device are REUSED (bunq-clients.md §2.2: clients must not re-install); a
 *    session is opened only if none is stored or it has < 30 s left.
 *  - Another key or base URL: refused unless `replace: true`; `replace: true` always runs a fresh
 *    handshake (new RSA key, new installation).
 */
import { constantEquals } from '../../lib/constant-equals';
import { systemClock } from '../../lib/clock';
import { GatewayError } from '../../lib/errors';
import { silentLogger } from '../../lib/logger';
import { apiKeyFingerprint, BunqContextRepository, type StoredSession } from '../../store/bunq-context-repo';
import { parseBaseUrl, type BaseUrl } from '../build-url';
import { Transport } from '../transport';
import type { BunqClientDeps, BunqContextStatus, BunqContextSummary } from '../types';
import { credentialsOf, DEFAULT_TIMEOUT_MS } from './create-client';
import { DEFAULT_DEVICE_DESCRIPTION, postDeviceServer, validatePermittedIps } from './device-server';
import type { HandshakeIo } from './handshake-io';
import { generateClientKeyPair, postInstallation } from './installation';
import { MIN_SESSION_REMAINING_MS } from './session-keeper';
import { postSessionServer } from './session-server';

export interface InitOptions {
  /** e.g. 'https://api.bunq.com/v1', 'https://public-api.sandbox.bunq.com/v1', an emulator's '/v1' URL. */
  baseUrl: string;
  apiKey: string;
  /** Default 'bunq-scope-gateway'. */
  deviceDescription?: string;
  /** Default: omitted, so bunq binds the key to the gateway's egress IP (device-server.ts). */
  permittedIps?: string[];
  replace?: boolean;
}

export async function initBunqContext(deps: BunqClientDeps, opts: InitOptions): Promise<BunqContextSummary> {
  const base = parseBaseUrl(opts.baseUrl);
  if (!/^[\x21-\x7e]{16,512}$/.test(opts.apiKey)) throw new TypeError('apiKey does not look like a bunq API key');
  validatePermittedIps(opts.permittedIps);
  const clock = deps.clock ?? systemClock;
  const repo = new BunqContextRepository(deps.db, deps.secretBox);
  const meta = await repo.loadMeta();
  const sameContext =
    meta !== undefined &&
    meta.baseUrl === base.href &&
    constantEquals(meta.apiKeyFingerprint, apiKeyFingerprint(opts.apiKey));
  if (meta && !sameContext && !opts.replace) {
    throw new GatewayError(
      'conflict',
      409,
      'a bunq context for another API key or base URL is already stored; replace it explicitly (bunq-gateway init --replace)',
    );
  }
  const io: HandshakeIo = {
    transport: new Transport(base.origin, deps.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    base,
    logger: (deps.logger ?? silentLogger).child({ component: 'upstream-init' }),
  };
  try {
    const stored = sameContext && !opts.replace ? await repo.load() : undefined;
    if (stored) {
      let session = stored.session;
      if (!session || session.expiresAt.getTime() - clock.now() < MIN_SESSION_REMAINING_MS) {
        session = await postSessionServer(io, credentialsOf(stored), clock);
        await repo.saveSession(session);
      }
      return { ...summaryOf(base, stored, session), reusedInstallation: true };
    }
    return { ...(await freshHandshake(io, repo, deps, opts)), reusedInstallation: false };
  } finally {
    await io.transport.close();
  }
}

async function freshHandshake(
  io: HandshakeIo,
  repo: BunqContextRepository,
  deps: BunqClientDeps,
  opts: InitOptions,
): Promise<BunqContextStatus> {
  const keys = await generateClientKeyPair();
  const installation = await postInstallation(io, keys.publicKeyPem);
  const stored = {
    baseUrl: io.base.href,
    apiKey: opts.apiKey,
    clientPrivateKeyPem: keys.privateKeyPem,
    clientPublicKeyPem: keys.publicKeyPem,
    installationId: installation.installationId,
    installationToken: installation.installationToken,
    serverPublicKeyPem: installation.serverPublicKeyPem,
    deviceServerId: 0,
  };
  const creds = credentialsOf(stored);
  stored.deviceServerId = await postDeviceServer(io, creds, {
    description: opts.deviceDescription ?? DEFAULT_DEVICE_DESCRIPTION,
    permittedIps: opts.permittedIps,
  });
  await repo.saveInstallation(stored);
  io.logger.info({ installationId: stored.installationId, deviceServerId: stored.deviceServerId }, 'bunq device registered');
  const session = await postSessionServer(io, creds, deps.clock ?? systemClock);
  await repo.saveSession(session);
  return summaryOf(io.base, stored, session);
}

function summaryOf(
  base: BaseUrl,
  ids: { installationId: number; deviceServerId: number },
  s: StoredSession,
): BunqContextStatus {
  return {
    baseUrl: base.href,
    installationId: ids.installationId,
    deviceServerId: ids.deviceServerId,
    user: { id: s.userId, type: s.userType, displayName: s.userDisplayName },
    session: { id: s.sessionId, expiresAt: s.expiresAt.toISOString(), timeoutSeconds: s.timeoutSeconds },
  };
}

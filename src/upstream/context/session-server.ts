/**
 * POST /v1/session-server (bunq-api.md §2.3): installation token, body `{"secret": <API key>}`,
 * signature MANDATORY; answer [Id, Token, <UserPerson|UserCompany|UserApiKey|
 * UserPaymentServiceProvider>], signature verified. Expiry (§2.4, PY `api_context.py`):
 * local clock + the user's `session_timeout` — for UserApiKey `requested_by_user.<T>.session_timeout`.
 * The clock is read BEFORE sending, so our expiry is never later than bunq's.
 */
import type { KeyObject } from 'node:crypto';
import type { Clock } from '../../lib/clock';
import type { StoredSession } from '../../store/bunq-context-repo';
import { BunqApiError } from '../bunq-errors';
import { callBunq } from '../call-bunq';
import { SessionServerResponse, UserApiKey, UserCore } from '../schemas';
import { jsonBytes, parseHandshake, type HandshakeIo } from './handshake-io';

/** bunq-api.md §7: one session-server call per 30 s, so a 429 here means "wait 30 s". */
export const SESSION_SERVER_RETRY_AFTER_SECONDS = 30;
/** Used only if bunq omits session_timeout: short, so we renew early rather than late. */
export const SESSION_TIMEOUT_FALLBACK_SECONDS = 300;

export interface InstallationCredentials {
  apiKey: string;
  installationToken: string;
  signingKey: KeyObject;
  serverKey: KeyObject;
}

interface SessionUser {
  userId: number;
  userType: string;
  userDisplayName: string | null;
  timeoutSeconds: number | undefined;
}

export async function postSessionServer(
  io: HandshakeIo,
  creds: InstallationCredentials,
  clock: Clock,
): Promise<StoredSession> {
  const sentAt = clock.now();
  const res = await callBunq(
    io.transport,
    {
      method: 'POST',
      target: `${io.base.prefix}/session-server`,
      body: jsonBytes({ secret: creds.apiKey }),
      token: creds.installationToken,
      signingKey: creds.signingKey,
      serverKey: creds.serverKey,
      retryAfterDefault: SESSION_SERVER_RETRY_AFTER_SECONDS,
    },
    io.logger,
  );
  const { Response: r } = parseHandshake(SessionServerResponse, res, 'session-server');
  const user = readUser(r[2]);
  if (!user) {
    throw new BunqApiError(res.status, 'session-server returned no supported user object', {
      outcome: 'unknown',
      responseId: res.responseId,
    });
  }
  if (user.timeoutSeconds === undefined) {
    io.logger.warn({ fallback: SESSION_TIMEOUT_FALLBACK_SECONDS }, 'bunq session has no session_timeout');
  }
  const timeoutSeconds = user.timeoutSeconds ?? SESSION_TIMEOUT_FALLBACK_SECONDS;
  return {
    sessionId: r[0].Id.id,
    token: r[1].Token.token,
    expiresAt: new Date(sentAt + timeoutSeconds * 1000),
    timeoutSeconds,
    userId: user.userId,
    userType: user.userType,
    userDisplayName: user.userDisplayName,
  };
}

/** Exactly the user wrappers the official SDKs accept (bunq-api.md §2.3, PY session_server_adapter). */
const PLAIN_USER_TYPES = ['UserPerson', 'UserCompany', 'UserPaymentServiceProvider'] as const;

function readUser(wrapper: Record<string, unknown>): SessionUser | undefined {
  if ('UserApiKey' in wrapper) {
    const parsed = UserApiKey.safeParse(wrapper['UserApiKey']);
    if (!parsed.success) return undefined;
    const requested = first(parsed.data.requested_by_user);
    const granted = first(parsed.data.granted_by_user);
    return {
      userId: parsed.data.id,
      userType: 'UserApiKey',
      userDisplayName: granted?.display_name ?? requested?.display_name ?? null,
      timeoutSeconds: requested?.session_timeout,
    };
  }
  for (const userType of PLAIN_USER_TYPES) {
    if (!(userType in wrapper)) continue;
    const parsed = UserCore.safeParse(wrapper[userType]);
    if (!parsed.success) return undefined;
    const u = parsed.data;
    return { userId: u.id, userType, userDisplayName: u.display_name ?? u.name ?? null, timeoutSeconds: u.session_timeout };
  }
  return undefined;
}

function first<T>(anchored: Record<string, T> | undefined): T | undefined {
  return anchored ? Object.values(anchored)[0] : undefined;
}

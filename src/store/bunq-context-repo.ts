/**
 * Persistence of the ONE upstream bunq API context (row id 'primary'). EVERY secret (API key,
 * client RSA private key, installation token, session token) is sealed with SecretBox, its
 * purpose string bound in as AAD, so the raw row holds no usable credential. The API key is
 * also kept as a sha256 fingerprint so `init` can tell "same key" without decrypting.
 * Public material (client public key, bunq's server public key) is stored as plain PEM.
 */
import { createHash } from 'node:crypto';
import type { SecretBox } from '../lib/secret-box';
import type { Db } from './client';

const ROW_ID = 'primary';

export const SECRET_PURPOSE = {
  apiKey: 'bunq.apiKey',
  clientPrivateKey: 'bunq.clientPrivateKey',
  installationToken: 'bunq.installationToken',
  sessionToken: 'bunq.sessionToken',
} as const;

/** Everything the installation and device-server steps produced (bunq-api.md §2.1, §2.2). */
export interface StoredInstallation {
  baseUrl: string;
  apiKey: string;
  clientPrivateKeyPem: string;
  clientPublicKeyPem: string;
  installationId: number;
  installationToken: string;
  serverPublicKeyPem: string;
  deviceServerId: number;
}

/** The current session-server session and the user it belongs to (bunq-api.md §2.3, §2.4). */
export interface StoredSession {
  sessionId: number;
  token: string;
  expiresAt: Date;
  timeoutSeconds: number;
  userId: number;
  userType: string;
  userDisplayName: string | null;
}

export interface StoredBunqContext extends StoredInstallation {
  apiKeyFingerprint: string;
  session: StoredSession | undefined;
}

/** What can be read without the master key. */
export interface BunqContextMeta {
  baseUrl: string;
  apiKeyFingerprint: string;
}

export function apiKeyFingerprint(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

interface SessionColumns {
  sessionId: number | null;
  sessionTokenCipher: string | null;
  sessionExpiresAt: Date | null;
  sessionTimeoutSeconds: number | null;
  bunqUserId: number | null;
  bunqUserType: string | null;
  bunqUserDisplayName: string | null;
}

function sessionOf(row: SessionColumns, open: (sealed: string, purpose: string) => string): StoredSession | undefined {
  const { sessionId, sessionTokenCipher, sessionExpiresAt, sessionTimeoutSeconds, bunqUserId, bunqUserType } = row;
  if (
    sessionId === null ||
    sessionTokenCipher === null ||
    sessionExpiresAt === null ||
    sessionTimeoutSeconds === null ||
    bunqUserId === null ||
    bunqUserType === null
  ) {
    return undefined;
  }
  return {
    sessionId,
    token: open(sessionTokenCipher, SECRET_PURPOSE.sessionToken),
    expiresAt: sessionExpiresAt,
    timeoutSeconds: sessionTimeoutSeconds,
    userId: bunqUserId,
    userType: bunqUserType,
    userDisplayName: row.bunqUserDisplayName,
  };
}

export class BunqContextRepository {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  async loadMeta(): Promise<BunqContextMeta | undefined> {
    const row = await this.db.bunqContext.findUnique({
      where: { id: ROW_ID },
      select: { baseUrl: true, apiKeyFingerprint: true },
    });
    return row ?? undefined;
  }

  /** Decrypts the stored context; throws if the master key is wrong or a value was tampered with. */
  async load(): Promise<StoredBunqContext | undefined> {
    const row = await this.db.bunqContext.findUnique({ where: { id: ROW_ID } });
    if (!row) return undefined;
    const open = (sealed: string, purpose: string): string => this.box.open(sealed, purpose);
    return {
      baseUrl: row.baseUrl,
      apiKey: open(row.apiKeyCipher, SECRET_PURPOSE.apiKey),
      apiKeyFingerprint: row.apiKeyFingerprint,
      clientPrivateKeyPem: open(row.clientPrivateKeyCipher, SECRET_PURPOSE.clientPrivateKey),
      clientPublicKeyPem: row.clientPublicKeyPem,
      installationId: row.installationId,
      installationToken: open(row.installationTokenCipher, SECRET_PURPOSE.installationToken),
      serverPublicKeyPem: row.serverPublicKeyPem,
      deviceServerId: row.deviceServerId,
      session: sessionOf(row, open),
    };
  }

  /**
   * Only the current session (what another instance may have renewed meanwhile); undefined when
   * there is none.
   */
  async loadSession(): Promise<StoredSession | undefined> {
    const row = await this.db.bunqContext.findUnique({
      where: { id: ROW_ID },
      select: {
        sessionId: true,
        sessionTokenCipher: true,
        sessionExpiresAt: true,
        sessionTimeoutSeconds: true,
        bunqUserId: true,
        bunqUserType: true,
        bunqUserDisplayName: true,
      },
    });
    return row ? sessionOf(row, (sealed, purpose) => this.box.open(sealed, purpose)) : undefined;
  }

  /** Writes a new installation + device (replacing any previous context, session cleared). */
  async saveInstallation(ctx: StoredInstallation): Promise<void> {
    const data = {
      baseUrl: ctx.baseUrl,
      apiKeyCipher: this.box.seal(ctx.apiKey, SECRET_PURPOSE.apiKey),
      apiKeyFingerprint: apiKeyFingerprint(ctx.apiKey),
      clientPrivateKeyCipher: this.box.seal(ctx.clientPrivateKeyPem, SECRET_PURPOSE.clientPrivateKey),
      clientPublicKeyPem: ctx.clientPublicKeyPem,
      installationId: ctx.installationId,
      installationTokenCipher: this.box.seal(ctx.installationToken, SECRET_PURPOSE.installationToken),
      serverPublicKeyPem: ctx.serverPublicKeyPem,
      deviceServerId: ctx.deviceServerId,
      sessionId: null,
      sessionTokenCipher: null,
      sessionExpiresAt: null,
      sessionTimeoutSeconds: null,
      bunqUserId: null,
      bunqUserType: null,
      bunqUserDisplayName: null,
    };
    await this.db.bunqContext.upsert({ where: { id: ROW_ID }, create: { id: ROW_ID, ...data }, update: data });
  }

  /** Records a freshly opened session; the row must exist (saveInstallation first). */
  async saveSession(session: StoredSession): Promise<void> {
    await this.db.bunqContext.update({
      where: { id: ROW_ID },
      data: {
        sessionId: session.sessionId,
        sessionTokenCipher: this.box.seal(session.token, SECRET_PURPOSE.sessionToken),
        sessionExpiresAt: session.expiresAt,
        sessionTimeoutSeconds: session.timeoutSeconds,
        bunqUserId: session.userId,
        bunqUserType: session.userType,
        bunqUserDisplayName: session.userDisplayName,
      },
    });
  }

  async delete(): Promise<void> {
    await this.db.bunqContext.deleteMany({ where: { id: ROW_ID } });
  }
}

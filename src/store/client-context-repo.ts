/**
 * The bunq clients' own API contexts with the gateway (issue #5): installations, devices and
 * sessions, durable because clients never re-install on their own (bunq-clients.md §2.2, §4.10).
 * Installation and session tokens are stored only as sha256 hashes; a device keeps the sha256
 * of the gateway token it was registered with (the same value Token.keyHash holds), so a
 * rotated or revoked token no longer opens or keeps a session.
 */
import { z } from 'zod';
import type { Db } from './client';
import type { SqliteTokenReader } from './token-reader';

export interface ClientInstallationRecord {
  readonly id: number;
  readonly clientPublicKeyPem: string;
}

export interface ClientDeviceRecord {
  readonly id: number;
  readonly installationId: number;
  readonly tokenId: string;
  readonly secretHash: string;
  /** ['*'] = any IP. */
  readonly permittedIps: readonly string[];
}

export interface ClientSessionRecord {
  readonly id: number;
  readonly installationId: number;
  readonly tokenId: string;
  readonly secretHash: string;
  readonly timeoutSeconds: number;
  readonly expiresAt: Date;
  readonly device: ClientDeviceRecord;
  readonly installation: ClientInstallationRecord;
}

const IpList = z.array(z.string());

type DeviceRow = NonNullable<Awaited<ReturnType<Db['clientDevice']['findUnique']>>>;

function toDevice(row: Pick<DeviceRow, 'id' | 'installationId' | 'tokenId' | 'secretHash' | 'permittedIps'>): ClientDeviceRecord {
  return {
    id: row.id,
    installationId: row.installationId,
    tokenId: row.tokenId,
    secretHash: row.secretHash,
    permittedIps: IpList.parse(JSON.parse(row.permittedIps)),
  };
}

/** A session row joined with its device and installation (Prisma's include, or token-reader.ts). */
export function toSessionRecord(row: {
  id: number;
  installationId: number;
  tokenId: string;
  secretHash: string;
  timeoutSeconds: number;
  expiresAt: Date;
  device: DeviceRow | Omit<DeviceRow, 'description' | 'createdAt'>;
  installation: { id: number; clientPublicKeyPem: string };
}): ClientSessionRecord {
  return {
    id: row.id,
    installationId: row.installationId,
    tokenId: row.tokenId,
    secretHash: row.secretHash,
    timeoutSeconds: row.timeoutSeconds,
    expiresAt: row.expiresAt,
    device: toDevice(row.device),
    installation: { id: row.installation.id, clientPublicKeyPem: row.installation.clientPublicKeyPem },
  };
}

export class ClientContextRepository {
  /** `reader`: the per-call session look-up on SQLite's query-only connection; else (or busy) Prisma. */
  constructor(
    private readonly db: Db,
    private readonly reader?: Pick<SqliteTokenReader, 'findSession'>,
  ) {}

  async createInstallation(tokenHash: string, clientPublicKeyPem: string, at: Date): Promise<number> {
    const row = await this.db.clientInstallation.create({ data: { tokenHash, clientPublicKeyPem, createdAt: at } });
    return row.id;
  }

  async findInstallation(tokenHash: string): Promise<ClientInstallationRecord | null> {
    const row = await this.db.clientInstallation.findUnique({ where: { tokenHash } });
    return row ? { id: row.id, clientPublicKeyPem: row.clientPublicKeyPem } : null;
  }

  async createDevice(d: Omit<ClientDeviceRecord, 'id'> & { description: string }, at: Date): Promise<number> {
    const row = await this.db.clientDevice.create({
      data: { ...d, permittedIps: JSON.stringify(d.permittedIps), createdAt: at },
    });
    return row.id;
  }

  /** The newest device of this installation registered with this secret. */
  async findDevice(installationId: number, secretHash: string): Promise<ClientDeviceRecord | null> {
    const row = await this.db.clientDevice.findFirst({ where: { installationId, secretHash }, orderBy: { id: 'desc' } });
    return row ? toDevice(row) : null;
  }

  /** A new session replaces every earlier session of the installation (one per installation). */
  async replaceSession(s: { tokenHash: string; device: ClientDeviceRecord; timeoutSeconds: number; expiresAt: Date }, at: Date): Promise<number> {
    return this.db.$transaction(async (tx) => {
      await tx.clientSession.deleteMany({ where: { installationId: s.device.installationId } });
      const row = await tx.clientSession.create({
        data: {
          tokenHash: s.tokenHash,
          installationId: s.device.installationId,
          deviceId: s.device.id,
          tokenId: s.device.tokenId,
          secretHash: s.device.secretHash,
          timeoutSeconds: s.timeoutSeconds,
          expiresAt: s.expiresAt,
          createdAt: at,
        },
      });
      return row.id;
    });
  }

  /**
   * Read on every call made with a session token: through Prisma that cost ~1 ms of CPU per
   * call (query compilation), so SQLite reads it with a prepared statement (token-reader.ts).
   */
  async findSession(tokenHash: string): Promise<ClientSessionRecord | null> {
    const fast = this.reader?.findSession(tokenHash);
    if (fast !== undefined) return fast;
    const row = await this.db.clientSession.findUnique({ where: { tokenHash }, include: { device: true, installation: true } });
    return row ? toSessionRecord(row) : null;
  }

  async extendSession(id: number, expiresAt: Date): Promise<void> {
    await this.db.clientSession.updateMany({ where: { id }, data: { expiresAt } });
  }

  async deleteSession(id: number): Promise<void> {
    await this.db.clientSession.deleteMany({ where: { id } });
  }
}

/**
 * API-context records (bunq-api.md §2): installation (client key + 64-hex token), device-server
 * (API key bound to IPs or "*", §10) and session (token with sliding expiry, §2.4).
 */
import type { KeyObject } from 'node:crypto';

export interface Installation {
  id: number;
  tokenId: number;
  token: string;
  clientPublicKeyPem: string;
  clientPublicKey: KeyObject;
  createdAt: number;
}

export interface Device {
  id: number;
  installationId: number;
  userId: number;
  apiKey: string;
  description: string;
  /** '*' = wildcard key (bunq-api.md §10); otherwise the IPs allowed to use it. */
  permittedIps: string[] | '*';
  createdAt: number;
}

export interface Session {
  id: number;
  token: string;
  installationId: number;
  deviceId: number;
  userId: number;
  createdAt: number;
  expiresAt: number;
}

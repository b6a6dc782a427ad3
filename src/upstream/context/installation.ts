/**
 * POST /v1/installation (bunq-api.md §2.1): a fresh RSA-2048 client key, its public half sent
 * as an SPKI "BEGIN PUBLIC KEY" PEM; NO auth header and NO signature on this call. The answer
 * is read by position [Id, Token, ServerPublicKey] and cannot be verified (there is no server
 * key yet — the SDKs skip it too, §3.3); the returned server key must be RSA ≥ 2048 bits.
 */
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { callBunq } from '../call-bunq';
import { BunqApiError } from '../bunq-errors';
import { InstallationResponse } from '../schemas';
import { loadRsaPublicKey } from '../signing';
import { jsonBytes, parseHandshake, type HandshakeIo } from './handshake-io';

const generateRsa = promisify(generateKeyPair);

export interface ClientKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

export interface Installation {
  installationId: number;
  installationToken: string;
  serverPublicKeyPem: string;
  serverKey: KeyObject;
}

/** RSA-2048 (bunq-api.md §3.1: PY `_RSA_KEY_SIZE = 2048`), PKCS#8 private, SPKI public. */
export async function generateClientKeyPair(): Promise<ClientKeyPair> {
  const { privateKey, publicKey } = await generateRsa('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey.trim() };
}

export async function postInstallation(io: HandshakeIo, clientPublicKeyPem: string): Promise<Installation> {
  const res = await callBunq(
    io.transport,
    {
      method: 'POST',
      target: `${io.base.prefix}/installation`,
      body: jsonBytes({ client_public_key: clientPublicKeyPem }),
    },
    io.logger,
  );
  const { Response: r } = parseHandshake(InstallationResponse, res, 'installation');
  const serverPublicKeyPem = r[2].ServerPublicKey.server_public_key;
  let serverKey: KeyObject;
  try {
    serverKey = loadRsaPublicKey(serverPublicKeyPem);
  } catch (cause) {
    throw new BunqApiError(res.status, 'installation returned an unusable server public key', {
      outcome: 'unknown',
      responseId: res.responseId,
      cause,
    });
  }
  return { installationId: r[0].Id.id, installationToken: r[1].Token.token, serverPublicKeyPem, serverKey };
}

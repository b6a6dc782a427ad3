/**
 * POST /v1/device-server (bunq-api.md §2.2): installation token, body signed (all SDKs sign it),
 * `{description, secret: <API key>, permitted_ips?}`; answer [Id], signature verified.
 * permitted_ips (§10): when OMITTED bunq binds the key to the IP this call comes from — the
 * most restrictive choice and bunq's recommendation for production, so it is our default.
 * `["*"]` makes it a wildcard key (any IP); explicit IPs (bunq: "v4 or v6", SW DeviceServer)
 * allow exactly those (add "*" to keep the wildcard).
 */
import { isIP } from 'node:net';
import { callBunq } from '../call-bunq';
import { DeviceServerResponse } from '../schemas';
import type { InstallationCredentials } from './session-server';
import { jsonBytes, parseHandshake, type HandshakeIo } from './handshake-io';

export const DEFAULT_DEVICE_DESCRIPTION = 'bunq-scope-gateway';

export function validatePermittedIps(ips: readonly string[] | undefined): void {
  if (ips === undefined) return;
  if (ips.length === 0) throw new TypeError('permittedIps must not be empty (omit it to bind to the calling IP)');
  for (const ip of ips) {
    if (ip !== '*' && isIP(ip) === 0) throw new TypeError(`permittedIps: not an IP address or "*": ${ip}`);
  }
}

export async function postDeviceServer(
  io: HandshakeIo,
  creds: InstallationCredentials,
  opts: { description: string; permittedIps: readonly string[] | undefined },
): Promise<number> {
  const body = {
    description: opts.description,
    secret: creds.apiKey,
    ...(opts.permittedIps ? { permitted_ips: [...opts.permittedIps] } : {}),
  };
  const res = await callBunq(
    io.transport,
    {
      method: 'POST',
      target: `${io.base.prefix}/device-server`,
      body: jsonBytes(body),
      token: creds.installationToken,
      signingKey: creds.signingKey,
      serverKey: creds.serverKey,
    },
    io.logger,
  );
  return parseHandshake(DeviceServerResponse, res, 'device-server').Response[0].Id.id;
}

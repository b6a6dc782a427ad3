/**
 * A device's permitted_ips (bunq-api.md §2.2, §10): absent or empty binds the device to the
 * IP it registered from; any "*" entry allows every IP; otherwise the listed addresses. Checked
 * at session-server and on every session call (400 bad credentials, as bunq answers).
 */
import { isIP } from 'node:net';
import { GatewayError } from '../lib/errors';

const plain = (ip: string): string => (ip.startsWith('::ffff:') ? ip.slice(7) : ip);

export function permittedIpsFrom(requested: readonly string[] | undefined, callerIp: string): string[] {
  if (requested === undefined || requested.length === 0) return [plain(callerIp)];
  if (requested.includes('*')) return ['*'];
  for (const ip of requested) {
    if (isIP(ip) === 0) throw new GatewayError('body_invalid', 400, `permitted_ips: "${ip.slice(0, 45)}" is not an IP address.`, { details: { field: 'permitted_ips' } });
  }
  return requested.map(plain);
}

export function isPermittedIp(permitted: readonly string[], ip: string): boolean {
  return permitted.includes('*') || permitted.includes(plain(ip));
}

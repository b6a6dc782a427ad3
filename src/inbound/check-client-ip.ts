/**
 * A token (and each of its ancestors) may name the client IPs or CIDR ranges it can be used
 * from; an empty list means any. Matching uses node's BlockList, which understands IPv4,
 * IPv6 and IPv4-mapped IPv6 addresses.
 */
import { BlockList, isIP } from 'node:net';
import { Forbidden } from '../lib/errors';
import type { Principal } from './authenticate';

const cache = new Map<string, BlockList>();

export function compileAllowlist(entries: readonly string[]): BlockList {
  const key = entries.join(',');
  let list = cache.get(key);
  if (list) return list;
  list = new BlockList();
  for (const entry of entries) {
    const { address, prefix, family } = parseEntry(entry);
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, prefix, family);
  }
  cache.set(key, list);
  return list;
}

/**
 * Parses "address" or "address/prefix" strictly. A typo must never widen a list: Number('')
 * is 0, so a lenient parser would read "10.0.0.0/" as "/0" (all of IPv4).
 */
function parseEntry(entry: string): { address: string; prefix?: number; family: 'ipv4' | 'ipv6' } {
  const match = /^([^/]+)(?:\/([0-9]{1,3}))?$/.exec(entry);
  const address = match?.[1];
  const version = address === undefined ? 0 : isIP(address);
  if (!match || address === undefined || version === 0) {
    throw new TypeError(`not an IP address or CIDR range: ${entry}`);
  }
  const family = version === 6 ? 'ipv6' : 'ipv4';
  if (match[2] === undefined) return { address, family };
  const prefix = Number(match[2]);
  if (prefix > (version === 6 ? 128 : 32)) throw new TypeError(`CIDR prefix out of range: ${entry}`);
  return { address, prefix, family };
}

export function isAllowedIp(entries: readonly string[], ip: string): boolean {
  if (entries.length === 0) return true;
  const list = compileAllowlist(entries);
  const plain = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
  return isIP(plain) !== 0 && list.check(plain, family);
}

export function checkClientIp(principal: Principal, ip: string): void {
  for (const token of [...principal.ancestors, principal.token]) {
    if (!isAllowedIp(token.ipAllowlist, ip)) {
      throw new Forbidden('ip_not_allowed', `This token may not be used from ${ip}.`, { client_ip: ip });
    }
  }
}

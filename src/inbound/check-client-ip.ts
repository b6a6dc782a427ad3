/**
 * A token (and each of its ancestors) may name the client IPs or CIDR ranges it can be used
 * from; an empty list means any.
 *
 * Matching is per address family: an IPv4 client (also one that arrives IPv4-mapped,
 * `::ffff:a.b.c.d`) is checked against the IPv4 entries only, an IPv6 client against the IPv6
 * entries only. node's BlockList alone would check an IPv4 address against IPv6 ranges through
 * its mapped form, so `::/64` or `::/0`, meant as IPv6 ranges, would let every IPv4 client in.
 * An entry written in the mapped form (`::ffff:10.0.0.0/104`) means IPv4 and is read as such.
 */
import { BlockList, isIP } from 'node:net';
import { LRUCache } from 'lru-cache';
import { Forbidden } from '../lib/errors';
import type { Principal } from './authenticate';

interface CompiledAllowlist {
  readonly ipv4: BlockList;
  readonly ipv6: BlockList;
}

/**
 * Compiled lists by their entries. Bounded: a token holder can derive children with lists of
 * their own (narrower ones), so the number of distinct lists is not the owner's alone.
 */
const cache = new LRUCache<string, CompiledAllowlist>({ max: 1_000 });

const MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

export function compileAllowlist(entries: readonly string[]): CompiledAllowlist {
  const key = entries.join(',');
  let list = cache.get(key);
  if (list) return list;
  list = { ipv4: new BlockList(), ipv6: new BlockList() };
  for (const entry of entries) {
    const { address, prefix, family } = parseEntry(entry);
    const target = family === 'ipv4' ? list.ipv4 : list.ipv6;
    if (prefix === undefined) target.addAddress(address, family);
    else target.addSubnet(address, prefix, family);
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
  const prefix = match[2] === undefined ? undefined : Number(match[2]);
  if (prefix !== undefined && prefix > (version === 6 ? 128 : 32)) throw new TypeError(`CIDR prefix out of range: ${entry}`);
  const mapped = MAPPED.exec(address)?.[1];
  if (version === 6 && mapped !== undefined && (prefix === undefined || prefix >= 96)) {
    return prefix === undefined ? { address: mapped, family: 'ipv4' } : { address: mapped, prefix: prefix - 96, family: 'ipv4' };
  }
  const family = version === 6 ? 'ipv6' : 'ipv4';
  return prefix === undefined ? { address, family } : { address, prefix, family };
}

export function isAllowedIp(entries: readonly string[], ip: string): boolean {
  if (entries.length === 0) return true;
  const list = compileAllowlist(entries);
  const plain = MAPPED.exec(ip)?.[1] ?? ip;
  const version = isIP(plain);
  if (version === 4) return list.ipv4.check(plain, 'ipv4');
  if (version === 6) return list.ipv6.check(plain, 'ipv6');
  return false;
}

export function checkClientIp(principal: Principal, ip: string): void {
  for (const token of [...principal.ancestors, principal.token]) {
    if (!isAllowedIp(token.ipAllowlist, ip)) {
      throw new Forbidden('ip_not_allowed', `This token may not be used from ${ip}.`, { client_ip: ip });
    }
  }
}

import { checkClientIp, compileAllowlist, isAllowedIp } from '../../../src/inbound/check-client-ip';
import type { Principal } from '../../../src/inbound/authenticate';
import { GatewayError } from '../../../src/lib/errors';
import type { TokenRecord } from '../../../src/store/token-repo';

describe('isAllowedIp', () => {
  test('an empty list allows any address', () => {
    for (const ip of ['127.0.0.1', '203.0.113.9', '::1', '::ffff:10.0.0.1']) expect(isAllowedIp([], ip)).toBe(true);
  });

  test('an exact IPv4 address', () => {
    expect(isAllowedIp(['192.0.2.10'], '192.0.2.10')).toBe(true);
    expect(isAllowedIp(['192.0.2.10'], '192.0.2.11')).toBe(false);
  });

  test('a CIDR range', () => {
    expect(isAllowedIp(['10.0.0.0/8'], '10.255.1.2')).toBe(true);
    expect(isAllowedIp(['10.0.0.0/8'], '11.0.0.1')).toBe(false);
    expect(isAllowedIp(['192.0.2.0/30'], '192.0.2.3')).toBe(true);
    expect(isAllowedIp(['192.0.2.0/30'], '192.0.2.4')).toBe(false);
  });

  test('IPv6 addresses and ranges', () => {
    expect(isAllowedIp(['::1'], '::1')).toBe(true);
    expect(isAllowedIp(['2001:db8::/32'], '2001:db8:abcd::1')).toBe(true);
    expect(isAllowedIp(['2001:db8::/32'], '2001:db9::1')).toBe(false);
    expect(isAllowedIp(['2001:db8::1'], '2001:0db8:0000:0000:0000:0000:0000:0001')).toBe(true);
  });

  test('IPv4-mapped IPv6 client addresses match IPv4 entries', () => {
    expect(isAllowedIp(['10.1.2.3'], '::ffff:10.1.2.3')).toBe(true);
    expect(isAllowedIp(['10.0.0.0/8'], '::ffff:10.9.9.9')).toBe(true);
    expect(isAllowedIp(['10.0.0.0/8'], '::ffff:11.9.9.9')).toBe(false);
  });

  test('an IPv4 client does not match an IPv6-only list', () => {
    expect(isAllowedIp(['2001:db8::/32'], '10.0.0.1')).toBe(false);
  });

  // node's BlockList checks IPv4 addresses against IPv6 ranges through their mapped form
  // (::ffff:a.b.c.d), which every range below ::/80 contains: "any IPv6" must not mean "any IPv4".
  test('an IPv6 range that contains the IPv4-mapped block never lets an IPv4 client in', () => {
    for (const range of ['::/0', '::/64', '::/80', '::ffff:0:0/95']) {
      expect([range, isAllowedIp([range], '203.0.113.9')]).toEqual([range, false]);
      expect([range, isAllowedIp([range], '::ffff:203.0.113.9')]).toEqual([range, false]);
    }
    expect(isAllowedIp(['::/0'], '2001:db8::1')).toBe(true);
  });

  test('an entry written IPv4-mapped means IPv4', () => {
    expect(isAllowedIp(['::ffff:10.1.2.3'], '10.1.2.3')).toBe(true);
    expect(isAllowedIp(['::ffff:10.0.0.0/104'], '10.200.0.1')).toBe(true);
    expect(isAllowedIp(['::ffff:10.0.0.0/104'], '::ffff:10.200.0.1')).toBe(true);
    expect(isAllowedIp(['::ffff:10.0.0.0/104'], '11.0.0.1')).toBe(false);
    expect(() => compileAllowlist(['::ffff:10.0.0.0/129'])).toThrow();
  });

  test('a missing or garbage client address never matches a non-empty list', () => {
    expect(isAllowedIp(['10.0.0.0/8'], '')).toBe(false);
    expect(isAllowedIp(['10.0.0.0/8'], 'localhost')).toBe(false);
    expect(isAllowedIp(['0.0.0.0/0'], 'garbage')).toBe(false);
  });

  test('several entries: any one matching is enough', () => {
    expect(isAllowedIp(['192.0.2.10', '10.0.0.0/8', '::1'], '::1')).toBe(true);
    expect(isAllowedIp(['192.0.2.10', '10.0.0.0/8', '::1'], '10.2.3.4')).toBe(true);
    expect(isAllowedIp(['192.0.2.10', '10.0.0.0/8', '::1'], '172.16.0.1')).toBe(false);
  });
});

describe('compileAllowlist', () => {
  test.each([['not-an-ip'], ['10.0.0.0/33'], ['10.0.0.0/abc'], ['::1/129'], ['10.0.0.0/-1'], ['300.1.1.1'], [''], ['*']])('refuses %p', (entry) => {
    expect(() => compileAllowlist([entry])).toThrow();
  });

  // A typo must never widen a list: "10.0.0.0/" is not "/0" (every IPv4 address), and
  // "10.0.0.0/8/9" is not "10.0.0.0/8".
  // A lenient Number() parse would read "" as 0 ("10.0.0.0/" = all of IPv4) and " 8" as 8.
  test.each([['10.0.0.0/'], ['10.0.0.0/8/9'], ['10.0.0.0/ 8']])('refuses the malformed CIDR %p', (entry) => {
    expect(() => compileAllowlist([entry])).toThrow();
  });
});

function record(id: string, ipAllowlist: string[]): TokenRecord {
  return {
    id,
    jti: `${id}-jti`,
    name: id,
    grant: { scopes: ['read-user'], accounts: [1], recentDays: 30 },
    preset: null,
    parentId: null,
    ancestry: [],
    ipAllowlist,
    ratePerMinute: null,
    ratePerDay: null,
    expiresAt: new Date(Date.now() + 86_400_000),
    revokedAt: null,
    revokedReason: null,
    createdAt: new Date(),
    rotatedAt: null,
    lastUsedAt: null,
    lastUsedIp: null,
  };
}

describe('checkClientIp', () => {
  test("the token's list and every ancestor's list apply", () => {
    const principal: Principal = {
      token: record('child', ['10.0.0.0/8']),
      ancestors: [record('root', ['10.1.0.0/16']), record('mid', [])],
    };
    expect(() => checkClientIp(principal, '10.1.2.3')).not.toThrow();
    let err: unknown;
    try {
      checkClientIp(principal, '10.2.0.1');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe('ip_not_allowed');
    expect((err as GatewayError).status).toBe(403);
    expect((err as GatewayError).details['client_ip']).toBe('10.2.0.1');
  });

  test('an empty list on the token does not override a parent restriction', () => {
    const principal: Principal = { token: record('child', []), ancestors: [record('root', ['192.0.2.1'])] };
    expect(() => checkClientIp(principal, '192.0.2.1')).not.toThrow();
    expect(() => checkClientIp(principal, '192.0.2.2')).toThrow(GatewayError);
  });

  test('no lists anywhere: any IP', () => {
    expect(() => checkClientIp({ token: record('t', []), ancestors: [] }, '198.51.100.7')).not.toThrow();
  });
});

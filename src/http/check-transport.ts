/**
 * Tokens travel only over TLS (bunq-clients.md §4.12: the clients accept http:// URLs, and the
 * `secret` or session token would then cross the network in clear text). A request on a
 * plain-HTTP connection is refused BEFORE any credential in it is looked at, unless it comes
 * from this machine (loopback: a local client, or a TLS-terminating proxy on the same host) or
 * the owner has set GATEWAY_ALLOW_INSECURE_HTTP=true (a proxy on a network the owner trusts).
 * Health endpoints carry no token and are not affected.
 */
import { isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../lib/errors';

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (plain === '::1') return true;
  return isIP(plain) === 4 && plain.startsWith('127.');
}

/** The refusal for a request that may not carry a token over this connection, if any. */
export function transportRefusal(allowInsecureHttp: boolean, req: Pick<IncomingMessage, 'socket'>): GatewayError | undefined {
  const encrypted = (req.socket as Partial<TLSSocket>).encrypted === true;
  if (encrypted || allowInsecureHttp || isLoopback(req.socket.remoteAddress)) return undefined;
  return new GatewayError(
    'insecure_transport',
    403,
    'This gateway accepts tokens only over HTTPS (or from the gateway machine itself): use an https:// URL. The owner can allow plain HTTP on a trusted network with GATEWAY_ALLOW_INSECURE_HTTP=true.',
  );
}

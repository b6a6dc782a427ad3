// A tiny fake bunq for unit tests: node:http, its own RSA-2048 server key, the installation /
// device-server / session-server handshake, signed bodies (bunq-api.md §3.3), and per-path
// overrides so a test can answer anything (tampered bodies, bad signatures, errors, delays).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Whether X-Bunq-Client-Signature verified against the installed client key (undefined: absent). */
  signatureValid: boolean | undefined;
}

export interface Reply {
  status?: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** 'valid' (default), 'none', 'wrong-key', or a custom header value. */
  signature?: 'valid' | 'none' | 'wrong-key' | { header: string };
  /** Body actually sent differs from the signed one (tampering in transit). */
  tamper?: (signed: Buffer) => Buffer;
  delayMs?: number;
  /** Destroy the socket after reading the request, without answering. */
  destroy?: boolean;
}

export type Handler = (req: Recorded) => Reply | undefined;

const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
/** One server key per test file is enough (and RSA key generation is slow). */
const sharedServerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

export class FakeBunq {
  readonly requests: Recorded[] = [];
  readonly serverKey = sharedServerKey;
  sessionTimeout = 3600;
  clientKey: KeyObject | undefined;
  validSessions = new Set<string>();
  installationToken = randomBytes(32).toString('hex');
  sessionCount = 0;
  #handlers: Handler[] = [];
  #server = http.createServer((req, res) => void this.#serve(req, res));
  url = '';

  static async start(): Promise<FakeBunq> {
    const fake = new FakeBunq();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  get baseUrl(): string {
    return `${this.url}/v1`;
  }

  /** First matching handler wins; return undefined to fall through. */
  on(handler: Handler): void {
    this.#handlers.unshift(handler);
  }

  reset(): void {
    this.#handlers = [];
    this.requests.length = 0;
  }

  expireSessions(): void {
    this.validSessions.clear();
  }

  calls(path: string, method?: string): Recorded[] {
    return this.requests.filter((r) => r.url.split('?')[0] === path && (!method || r.method === method));
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const sig = req.headers['x-bunq-client-signature'];
    const rec: Recorded = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body,
      signatureValid:
        typeof sig === 'string' && this.clientKey
          ? verify('sha256', body, this.clientKey, Buffer.from(sig, 'base64'))
          : undefined,
    };
    this.requests.push(rec);
    let reply: Reply | undefined;
    for (const h of this.#handlers) if ((reply = h(rec))) break;
    reply ??= this.#default(rec);
    if (reply.destroy) return void req.socket.destroy();
    if (reply.delayMs) {
      const ms = reply.delayMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        res.once('close', () => (clearTimeout(timer), resolve()));
      });
    }
    if (res.destroyed) return;
    const signed = Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(reply.body ?? '', 'utf8');
    const sent = reply.tamper ? reply.tamper(signed) : signed;
    const headers: Record<string, string> = { 'content-type': 'application/json', ...reply.headers };
    const mode = reply.signature ?? 'valid';
    if (mode === 'valid' || mode === 'wrong-key') {
      const key = mode === 'valid' ? this.serverKey : otherKey;
      headers['x-bunq-server-signature'] = sign('sha256', signed, key).toString('base64');
    } else if (mode !== 'none') headers['x-bunq-server-signature'] = mode.header;
    headers['x-bunq-client-response-id'] = `resp-${this.requests.length}`;
    res.writeHead(reply.status ?? 200, headers);
    res.end(sent);
  }

  #default(rec: Recorded): Reply {
    const path = rec.url.split('?')[0];
    const auth = rec.headers['x-bunq-client-authentication'];
    if (rec.method === 'POST' && path === '/v1/installation') {
      const pem = (JSON.parse(rec.body.toString()) as { client_public_key: string }).client_public_key;
      this.clientKey = createPublicKey(pem);
      const serverPem = createPublicKey(this.serverKey).export({ type: 'spki', format: 'pem' }).toString();
      return ok([{ Id: { id: 7 } }, { Token: { id: 1, token: this.installationToken } }, { ServerPublicKey: { server_public_key: serverPem } }], 'none');
    }
    if (path === '/v1/device-server' || path === '/v1/session-server') {
      if (auth !== this.installationToken || rec.signatureValid !== true) return error(401, 'Insufficient authorisation.');
      if (path === '/v1/device-server') return ok([{ Id: { id: 35 } }]);
      const token = randomBytes(32).toString('hex');
      this.validSessions.add(token);
      this.sessionCount += 1;
      return ok([
        { Id: { id: 100 + this.sessionCount } },
        { Token: { id: 100 + this.sessionCount, token } },
        { UserPerson: { id: 1822, display_name: 'Test Person', session_timeout: this.sessionTimeout } },
      ]);
    }
    if (typeof auth !== 'string' || !this.validSessions.has(auth)) return error(401, 'Insufficient authorisation.');
    return ok([{ Echo: { method: rec.method, path } }]);
  }
}

export function ok(response: unknown[], signature: Reply['signature'] = 'valid'): Reply {
  return { status: 200, body: JSON.stringify({ Response: response }), signature };
}

export function error(status: number, description: string): Reply {
  return {
    status,
    body: JSON.stringify({ Error: [{ error_description: description, error_description_translated: description }] }),
  };
}

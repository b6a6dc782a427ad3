/**
 * A small, independent bunq client for the emulator tests: node:crypto RSA keys, undici requests
 * with raw bodies (no Content-Type unless asked, like bunq2ynab), request signing over the exact
 * body bytes and server-signature verification (bunq-api.md §2, §3).
 */
import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { request } from 'undici';

let sharedKeys: { privateKey: KeyObject; publicKey: KeyObject } | null = null;
export function clientKeys(): { privateKey: KeyObject; publicKey: KeyObject } {
  sharedKeys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
  return sharedKeys;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
  text: string;
  json: any;
}

export interface CallOptions {
  body?: string | object;
  /** 'installation' | 'session' | none (null) | a literal token. Default: session if present. */
  auth?: 'installation' | 'session' | null | { token: string };
  /** true: sign the body; false: no header; 'wrong': a signature over other bytes. Default true when authenticated. */
  sign?: boolean | 'wrong';
  headers?: Record<string, string>;
  userAgent?: string | null;
}

export const signWith = (key: KeyObject, bytes: Buffer): string => sign('sha256', bytes, key).toString('base64');

export class BunqTestClient {
  installationToken: string | null = null;
  serverPublicKeyPem: string | null = null;
  sessionToken: string | null = null;
  sessionId: number | null = null;
  userId: number | null = null;
  user: any = null;
  readonly keys = clientKeys();

  constructor(readonly origin: string) {}

  publicKeyPem(): string {
    return String(this.keys.publicKey.export({ type: 'spki', format: 'pem' }));
  }

  async call(method: string, path: string, opts: CallOptions = {}): Promise<RawResponse> {
    const bodyText = opts.body === undefined ? '' : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const bytes = Buffer.from(bodyText, 'utf8');
    const headers: Record<string, string> = { 'cache-control': 'no-cache', ...opts.headers };
    if (opts.userAgent !== null) headers['user-agent'] = opts.userAgent ?? 'emulator-test-client/1.0';
    const auth = opts.auth === undefined ? (this.sessionToken ? 'session' : null) : opts.auth;
    const token = auth === 'installation' ? this.installationToken : auth === 'session' ? this.sessionToken : auth?.token ?? null;
    if (token) headers['x-bunq-client-authentication'] = token;
    const doSign = opts.sign ?? token !== null;
    if (doSign === 'wrong') headers['x-bunq-client-signature'] = signWith(this.keys.privateKey, Buffer.from(`${bodyText}x`));
    else if (doSign) headers['x-bunq-client-signature'] = signWith(this.keys.privateKey, bytes);
    const url = `${this.origin}${path.startsWith('/v1') || path.startsWith('/_emulator') ? path : `/v1${path}`}`;
    const res = await request(url, { method: method as 'GET', headers, ...(bodyText === '' && method === 'GET' ? {} : { body: bytes }) });
    const raw = Buffer.from(await res.body.arrayBuffer());
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
    const text = raw.toString('utf8');
    let json: unknown = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return { status: res.statusCode, headers: flat, bytes: raw, text, json };
  }

  verifyServerSignature(res: RawResponse): boolean {
    const sig = res.headers['x-bunq-server-signature'];
    if (!sig || !this.serverPublicKeyPem) return false;
    return verify('sha256', res.bytes, createPublicKey(this.serverPublicKeyPem), Buffer.from(sig, 'base64'));
  }

  async createSandboxUser(kind: 'person' | 'company' = 'person'): Promise<string> {
    const res = await this.call('POST', `/sandbox-user-${kind}`, { auth: null, sign: false, body: '{}' });
    if (res.status !== 200) throw new Error(`sandbox user: ${res.status} ${res.text}`);
    return res.json.Response[0].ApiKey.api_key as string;
  }

  async install(pem = this.publicKeyPem()): Promise<RawResponse> {
    const res = await this.call('POST', '/installation', { auth: null, sign: false, body: { client_public_key: pem } });
    if (res.status === 200) {
      this.installationToken = res.json.Response[1].Token.token;
      this.serverPublicKeyPem = res.json.Response[2].ServerPublicKey.server_public_key;
    }
    return res;
  }

  registerDevice(apiKey: string, permittedIps?: string[], opts: CallOptions = {}): Promise<RawResponse> {
    const body = { description: 'emulator test', secret: apiKey, ...(permittedIps ? { permitted_ips: permittedIps } : {}) };
    return this.call('POST', '/device-server', { auth: 'installation', body, ...opts });
  }

  async startSession(apiKey: string, opts: CallOptions = {}): Promise<RawResponse> {
    const res = await this.call('POST', '/session-server', { auth: 'installation', body: { secret: apiKey }, ...opts });
    if (res.status === 200) {
      this.sessionId = res.json.Response[0].Id.id;
      this.sessionToken = res.json.Response[1].Token.token;
      const wrapper = res.json.Response[2];
      this.user = wrapper.UserPerson ?? wrapper.UserCompany;
      this.userId = this.user.id;
    }
    return res;
  }

  async handshake(apiKey: string, permittedIps: string[] = ['*']): Promise<void> {
    for (const [name, res] of [
      ['installation', await this.install()],
      ['device-server', await this.registerDevice(apiKey, permittedIps)],
      ['session-server', await this.startSession(apiKey)],
    ] as const) {
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${res.text}`);
    }
  }
}

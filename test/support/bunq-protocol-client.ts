/**
 * A bunq client written from bunq's documented protocol alone (bunq-api.md §2–§4; bunq-clients.md
 * §3–§4), for testing the gateway from the outside. It imports NOTHING from src/: node:crypto
 * for RSA-2048 keys, PKCS#1 v1.5 SHA-256 signatures over the exact body bytes, and verification
 * of X-Bunq-Server-Signature over the exact response bytes with the key from the installation.
 * Bodies go out as bunq2ynab sends them: json.dumps-style spacing, no Content-Type.
 */
import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { request, Agent } from 'undici';

export interface BunqResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly bytes: Buffer;
  readonly json: any;
}

export interface SendOptions {
  /** 'installation' | 'session' | none | a literal token. Default: the session if there is one. */
  auth?: 'installation' | 'session' | null | { token: string };
  /** true: sign the exact body bytes; false: no header; 'wrong': a signature over other bytes. */
  sign?: boolean | 'wrong';
  headers?: Record<string, string>;
}

let keys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;
/** One RSA-2048 key pair per test process (keygen is slow on a busy machine). */
export function sharedClientKeys(): { privateKey: KeyObject; publicKey: KeyObject } {
  keys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
  return keys;
}

/** Python's json.dumps(obj) with its default separators (", " and ": "). */
export function pythonJson(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(/\n */g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']').replace(/\{ /g, '{').replace(/ \}/g, '}');
}

export class BunqProtocolClient {
  installationToken: string | null = null;
  serverPublicKey: KeyObject | null = null;
  sessionToken: string | null = null;
  sessionId: number | null = null;
  user: { type: string; value: any } | null = null;
  readonly keys = sharedClientKeys();

  constructor(
    readonly baseUrl: string,
    readonly dispatcher?: Agent,
  ) {}

  async send(method: string, path: string, body: unknown, opts: SendOptions = {}): Promise<BunqResponse> {
    const text = body === undefined ? '' : typeof body === 'string' ? body : pythonJson(body);
    const bytes = Buffer.from(text, 'utf8');
    const headers: Record<string, string> = { 'cache-control': 'no-cache', 'user-agent': 'independent-bunq-client/1.0', ...opts.headers };
    const auth = opts.auth === undefined ? (this.sessionToken ? 'session' : null) : opts.auth;
    const token = auth === 'installation' ? this.installationToken : auth === 'session' ? this.sessionToken : (auth?.token ?? null);
    if (token) headers['x-bunq-client-authentication'] = token;
    const signing = opts.sign ?? false;
    if (signing === 'wrong') headers['x-bunq-client-signature'] = this.signature(Buffer.from(`${text} `));
    else if (signing) headers['x-bunq-client-signature'] = this.signature(bytes);
    const res = await request(`${this.baseUrl}${path}`, {
      method: method as 'GET',
      headers,
      ...(text === '' ? {} : { body: bytes }),
      ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
    });
    const raw = Buffer.from(await res.body.arrayBuffer());
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
    let json: unknown = null;
    try {
      json = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : null;
    } catch {
      json = null;
    }
    return { status: res.statusCode, headers: flat, bytes: raw, json };
  }

  signature(bytes: Buffer): string {
    return sign('sha256', bytes, this.keys.privateKey).toString('base64');
  }

  /** bunq-api.md §3.3: the body-only signature, with the key from the installation answer. */
  verified(res: BunqResponse): boolean {
    const signature = res.headers['x-bunq-server-signature'];
    if (!signature || !this.serverPublicKey) return false;
    return verify('sha256', res.bytes, this.serverPublicKey, Buffer.from(signature, 'base64'));
  }

  async install(lineEnd: '\n' | '\r\n' = '\n'): Promise<BunqResponse> {
    const pem = String(this.keys.publicKey.export({ type: 'spki', format: 'pem' })).replace(/\n/g, lineEnd);
    const res = await this.send('POST', '/v1/installation', { client_public_key: pem }, { auth: null });
    if (res.status === 200) {
      // By position (sdk_python's installation adapter): [0] Id, [1] Token, [2] ServerPublicKey.
      this.installationToken = res.json.Response[1].Token.token;
      this.serverPublicKey = createPublicKey(res.json.Response[2].ServerPublicKey.server_public_key);
    }
    return res;
  }

  registerDevice(secret: string, permittedIps?: string[], opts: SendOptions = {}): Promise<BunqResponse> {
    const body = { description: 'independent client', secret, ...(permittedIps ? { permitted_ips: permittedIps } : {}) };
    return this.send('POST', '/v1/device-server', body, { auth: 'installation', sign: true, ...opts });
  }

  async startSession(secret: string, opts: SendOptions = {}): Promise<BunqResponse> {
    const res = await this.send('POST', '/v1/session-server', { secret }, { auth: 'installation', sign: true, ...opts });
    if (res.status === 200) {
      this.sessionId = res.json.Response[0].Id.id;
      this.sessionToken = res.json.Response[1].Token.token;
      const [type, value] = Object.entries(res.json.Response[2] as Record<string, unknown>)[0]!;
      this.user = { type, value };
    }
    return res;
  }

  async handshake(secret: string, permittedIps?: string[]): Promise<void> {
    for (const [step, res] of [
      ['installation', await this.install()],
      ['device-server', await this.registerDevice(secret, permittedIps)],
      ['session-server', await this.startSession(secret)],
    ] as const) {
      if (res.status !== 200) throw new Error(`${step}: ${res.status} ${res.bytes.toString('utf8')}`);
    }
  }
}

// Shared by the attack corpus (issue #8): a raw HTTP/1.1 client (so the bytes on the wire are
// exactly the ones a case writes: no URL normalisation, no header clean-up), counting what the
// recording emulator received, and the table runner every attack file uses.
import net from 'node:net';
import type { TestGateway } from '../../helpers/test-gateway';

export interface RawRequest {
  readonly method: string;
  readonly target: string;
  /** Sent in this order, duplicates kept. Authorization is NOT added automatically. */
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: string | Buffer;
  /** Skip the automatic Content-Length (e.g. to send Transfer-Encoding instead). */
  readonly noContentLength?: boolean;
  /** Give up waiting for the connection to close after this long (default 5 s). */
  readonly timeoutMs?: number;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
  /** The bunq-style error code, when the body is a gateway error envelope. */
  readonly errorCode: string | undefined;
}

function dechunk(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', pos);
    if (eol === -1) break;
    const size = parseInt(body.subarray(pos, eol).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(body.subarray(eol + 2, eol + 2 + size));
    pos = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

function parseResponse(raw: Buffer): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  if (split === -1) return { status: 0, headers: {}, text: '', errorCode: undefined };
  const head = raw.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = raw.subarray(split + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  const text = body.toString('utf8');
  let errorCode: string | undefined;
  try {
    const parsed = JSON.parse(text) as { Error?: { error_code?: string }[] };
    errorCode = parsed.Error?.[0]?.error_code;
  } catch {
    errorCode = undefined;
  }
  return { status, headers, text, errorCode };
}

/** One request on a fresh connection (Connection: close), bytes exactly as given. */
export function sendRaw(baseUrl: string, r: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const body = r.body === undefined ? undefined : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body, 'utf8');
    const lines = [`${r.method} ${r.target} HTTP/1.1`, `Host: ${url.host}`, 'Connection: close'];
    for (const [name, value] of r.headers ?? []) lines.push(`${name}: ${value}`);
    if (body !== undefined && !r.noContentLength) lines.push(`Content-Length: ${body.length}`);
    // A server that answered but keeps the connection open (e.g. waiting for a body that was
    // announced and never sent) still gave its answer: resolve with what arrived.
    socket.setTimeout(r.timeoutMs ?? 5_000, () => {
      resolve(parseResponse(Buffer.concat(chunks)));
      socket.destroy();
    });
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve(parseResponse(Buffer.concat(chunks))) : reject(err)));
    socket.on('close', () => resolve(parseResponse(Buffer.concat(chunks))));
    socket.write(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), body ?? Buffer.alloc(0)]));
  });
}

/** Requests the emulator received for the bunq API proper (the gateway's own handshake excluded). */
export function upstreamCount(t: TestGateway): number {
  return t.emulator.control.requestCount({ pathPrefix: '/v1/user' });
}

/** What one attack must produce: the exact status and error code (null: no body is possible, e.g. HEAD or a parser-level 400). */
export interface Expected {
  readonly status: number;
  readonly code: string | null;
}

export interface AttackCase {
  readonly name: string;
  readonly request: () => RawRequest;
  readonly expect: Expected;
}

/** Sends the attack and asserts the refusal AND that nothing reached bunq meanwhile. */
export async function expectRefused(t: TestGateway, c: AttackCase): Promise<RawResponse> {
  const before = upstreamCount(t);
  const beforeAll = t.emulator.control.requestCount();
  const res = await sendRaw(t.url, c.request());
  const after = upstreamCount(t);
  const afterAll = t.emulator.control.requestCount();
  expect({ status: res.status, code: res.errorCode ?? null }).toEqual({ status: c.expect.status, code: c.expect.code });
  // Nothing under /v1/user…, and nothing at all (handshake paths included): the gateway's own
  // session is set up before the suite and does not renew within it.
  expect({ user: after - before, any: afterAll - beforeAll }).toEqual({ user: 0, any: 0 });
  return res;
}

export const JSON_CT: readonly [string, string] = ['Content-Type', 'application/json'];
export const auth = (token: string): readonly [string, string] => ['Authorization', `Bearer ${token}`];

/** An IBAN outside every allowlist used here (valid mod-97). */
export const PAYEE = 'NL91ABNA0417164300';
export const OTHER_IBAN = 'DE89370400440532013000';

export function paymentJson(value: string, iban = PAYEE, extra = ''): string {
  return `{"amount":{"value":"${value}","currency":"EUR"},"counterparty_alias":{"type":"IBAN","value":"${iban}","name":"Payee"},"description":"invoice"${extra}}`;
}

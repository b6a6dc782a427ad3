/**
 * Per-request context handed to route handlers: the raw body (signatures are checked over these
 * exact bytes, bunq-api.md §3.1), lazily parsed JSON (whatever the Content-Type — bunq2ynab and
 * the Python SDK send none, bunq-clients.md §2.3), who is calling, and whether a valid signature
 * was present (so a handler can demand one, e.g. PUT draft-payment ACCEPTED, §3.2).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Emulator } from '../emulator';
import type { Device, Installation, Json, Session, User } from '../core/types';
import { BunqHttpError, TEXT, signatureRequired } from './errors';

export class RequestContext {
  params: Record<string, number> = {};
  installation: Installation | null = null;
  session: Session | null = null;
  device: Device | null = null;
  user: User | null = null;
  signed = false;
  #json: Json | undefined;

  constructor(
    readonly em: Emulator,
    readonly method: string,
    readonly path: string,
    readonly query: URLSearchParams,
    readonly headers: IncomingHttpHeaders,
    readonly rawBody: Buffer,
    readonly ip: string,
    readonly now: number,
  ) {}

  header(name: string): string | null {
    const v = this.headers[name.toLowerCase()];
    if (Array.isArray(v)) return v[0] ?? null;
    return v ?? null;
  }

  get clientRequestId(): string | null {
    return this.header('x-bunq-client-request-id');
  }

  /** The body as a JSON object; an empty body counts as {}. */
  json(): Json {
    if (this.#json) return this.#json;
    const text = this.rawBody.toString('utf8').trim();
    let parsed: unknown = {};
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new BunqHttpError(400, TEXT.invalidJson);
      }
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BunqHttpError(400, TEXT.invalidJson);
    this.#json = parsed as Json;
    return this.#json;
  }

  requireSignature(): void {
    if (!this.signed) throw signatureRequired();
  }

  /** The session user; handlers behind auth 'session' always have one. */
  get me(): User {
    if (!this.user) throw new BunqHttpError(401, TEXT.insufficientAuthorisation);
    return this.user;
  }
}

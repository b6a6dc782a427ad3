/**
 * Turns bunq's raw answer into a trusted value or a typed error, in this order:
 *  1. X-Bunq-Server-Signature over the EXACT body bytes, BEFORE anything is parsed
 *     (bunq-api.md §3.3). REQUIRED on every 2xx once an installation exists (what the official
 *     SDKs and bunq-js-client do, bunq-clients.md §1.5/§3); bunq signs errors too, so a signature
 *     present on an error is verified and a mismatch rejected; an unsigned error is accepted
 *     (the SDKs never check error bodies).
 *  2. 3xx: never followed, an error. 429: rate limited (§7).
 *  3. Content-Type must be JSON and the body valid UTF-8 JSON before it is parsed.
 *  4. Exactly 200 is success (§5.2: the only success code the SDKs accept); any other status is
 *     bunq's error envelope {"Error":[{"error_description":…}]} → BunqApiError.
 */
import type { KeyObject } from 'node:crypto';
import { BunqApiError, UpstreamRateLimited, UpstreamSignatureInvalid } from './bunq-errors';
import { BunqErrorEnvelope } from './schemas';
import { verifyBody } from './signing';
import type { RawResponse } from './transport';

/** bunq documents no Retry-After (bunq-api.md §7); its windows are 3 s (30 s for session-server). */
export const DEFAULT_RETRY_AFTER_SECONDS = 3;

export interface TrustedBody {
  bodyText: string;
  json: unknown;
}

const NOT_JSON = Symbol('not-json');
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readBunqResponse(
  raw: RawResponse,
  serverKey: KeyObject | undefined,
  retryAfterDefault = DEFAULT_RETRY_AFTER_SECONDS,
): TrustedBody {
  const responseId = raw.headers['x-bunq-client-response-id'];
  const success = raw.status >= 200 && raw.status < 300;
  if (serverKey) {
    const signature = raw.headers['x-bunq-server-signature'];
    if (signature === undefined) {
      if (success) throw new UpstreamSignatureInvalid('bunq response carries no X-Bunq-Server-Signature');
    } else if (!verifyBody(serverKey, raw.body, signature)) {
      throw new UpstreamSignatureInvalid('X-Bunq-Server-Signature does not match the response body');
    }
  }
  if (raw.status >= 300 && raw.status < 400) {
    throw new BunqApiError(raw.status, `unexpected redirect (HTTP ${raw.status}); redirects are never followed`, {
      outcome: 'unknown',
      responseId,
    });
  }
  if (raw.status === 429) throw new UpstreamRateLimited(retryAfter(raw.headers['retry-after'], retryAfterDefault));

  const parsed = parseJson(raw);
  if (raw.status === 200) {
    if (parsed === NOT_JSON) {
      throw new BunqApiError(200, 'response is not JSON', { outcome: 'unknown', responseId });
    }
    return parsed;
  }
  const envelope = parsed === NOT_JSON ? undefined : BunqErrorEnvelope.safeParse(parsed.json);
  const description = envelope?.success ? envelope.data.Error[0].error_description : undefined;
  const definite = raw.status >= 400 && raw.status < 500 && description !== undefined;
  throw new BunqApiError(raw.status, description ?? `unexpected HTTP ${raw.status}`, {
    outcome: definite ? 'definite' : 'unknown',
    responseId,
  });
}

function parseJson(raw: RawResponse): TrustedBody | typeof NOT_JSON {
  const type = (raw.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return NOT_JSON;
  try {
    const bodyText = utf8.decode(raw.body);
    return { bodyText, json: JSON.parse(bodyText) as unknown };
  } catch {
    return NOT_JSON;
  }
}

function retryAfter(header: string | undefined, fallback: number): number {
  const seconds = header === undefined ? NaN : Number(header);
  return Number.isInteger(seconds) && seconds > 0 && seconds <= 300 ? seconds : fallback;
}

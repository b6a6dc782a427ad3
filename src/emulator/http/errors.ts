/**
 * bunq errors: HTTP status + {"Error":[{"error_description","error_description_translated"}]}
 * (bunq-api.md §5.2). Texts marked [observed] are bunq's own; the others are our choice where the
 * reference says [UNKNOWN] (§12.9: "use generic English text") — exported so tests and the
 * gateway can match them exactly.
 */
export class BunqHttpError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(description);
    this.name = 'BunqHttpError';
  }
}

export const TEXT = {
  /** [observed] expired/unknown session or wrong token type (§2.4, §12.2). */
  insufficientAuthorisation: 'Insufficient authorisation.',
  /** [observed] wrong API key or IP (§2.2, §10). */
  badCredentials: 'User credentials are incorrect. Incorrect API key or IP address.',
  /** [observed] must-sign call without X-Bunq-Client-Signature, HTTP 466 (§3.4). */
  signatureRequired: 'For this operation a request signature is required. Check the urls for more information.',
  /** [observed] signature does not verify, HTTP 400 (§3.4 [CONFLICT]: 400 in practice). */
  signatureInvalid: 'The request signature is invalid.',
  /** [UNKNOWN] our text for a reused X-Bunq-Client-Request-Id on POST (§4.1, §12.7). */
  requestIdReused: 'The X-Bunq-Client-Request-Id has already been used for this device.',
  /** [UNKNOWN] our text; User-Agent is required (§4.1, SW param required:true). */
  userAgentMissing: 'Missing required header: User-Agent.',
  /** [UNKNOWN] generic texts (§12.9). */
  routeNotFound: 'Route not found.',
  objectNotFound: 'The requested object could not be found.',
  methodNotAllowed: 'Method not allowed for this endpoint.',
  invalidJson: 'The request body is not valid JSON.',
  insufficientFunds: 'The balance of the monetary account is insufficient for this payment.',
} as const;

/** [observed] 429 body (§7): "Too many requests. You can do a maximum of 3 calls per 3 second to this endpoint." */
export function tooManyRequestsText(limit: number, windowSeconds: number): string {
  return `Too many requests. You can do a maximum of ${limit} calls per ${windowSeconds} second to this endpoint.`;
}

export const badRequest = (text: string): BunqHttpError => new BunqHttpError(400, text);
export const notFound = (): BunqHttpError => new BunqHttpError(404, TEXT.objectNotFound);
export const unauthorised = (): BunqHttpError => new BunqHttpError(401, TEXT.insufficientAuthorisation);
export const badCredentials = (): BunqHttpError => new BunqHttpError(400, TEXT.badCredentials);
/** bunq-api.md §3.4: the 466 answer points at the documentation (url_together_post). */
export const signatureRequired = (): BunqHttpError =>
  new BunqHttpError(466, TEXT.signatureRequired, {
    error_additional_parameter: [{ url_together_post: 'https://doc.bunq.com/basics/signing' }],
  });

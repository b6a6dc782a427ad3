/**
 * The two forms a gateway token is handed out in, both shown to the owner once:
 * - bearer form: "bgw_" + a JWT. The fixed prefix makes a leaked token recognisable to
 *   secret scanners and people, as GitHub's "ghp_" and Stripe's "sk_live_" are.
 * - bunq-key form: 64 lowercase hex characters, the shape of a bunq API key, because some
 *   existing clients refuse anything else (bunq2ynab checks ^[0-9a-f]{64}$,
 *   shared/reference/bunq-clients.md §2.1).
 * Only hashes and ids are stored; neither form can be recovered from the database.
 */
import { createHash, randomBytes } from 'node:crypto';

export const BEARER_PREFIX = 'bgw_';
/** Longest bearer token accepted at all; anything longer is refused before parsing. */
export const MAX_BEARER_LENGTH = 2048;

const BUNQ_KEY_FORM = /^[0-9a-f]{64}$/;

export function isBunqKeyForm(value: string): boolean {
  return BUNQ_KEY_FORM.test(value);
}

export function newBunqKeyForm(): string {
  return randomBytes(32).toString('hex');
}

/** sha256 is enough here: the secret is 256 random bits, so there is nothing to brute-force. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

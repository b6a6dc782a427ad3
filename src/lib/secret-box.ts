/**
 * Secrets at rest (the bunq API key, the RSA private key, installation and session tokens,
 * token-signing keys) are sealed with AES-256-GCM under one master key. Each value gets a
 * fresh 96-bit nonce; the record's purpose is bound in as additional authenticated data so a
 * ciphertext cannot be moved to another column and still decrypt.
 *
 * Format: "v1.<nonce b64url>.<ciphertext b64url>.<tag b64url>".
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const TAG_LENGTH = 16;

export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new TypeError('master key must be 32 bytes');
    this.#key = Buffer.from(key);
  }

  seal(plaintext: string, purpose: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    cipher.setAAD(Buffer.from(purpose, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', nonce, ct, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(sealed: string, purpose: string): string {
    const [version, nonce, ct, tag] = sealed.split('.');
    if (version !== 'v1' || nonce === undefined || ct === undefined || tag === undefined) {
      throw new Error('sealed secret has an unknown format');
    }
    const tagBytes = Buffer.from(tag, 'base64url');
    // GCM accepts truncated tags unless told the length; a 4-byte tag is 32 bits of integrity.
    if (tagBytes.length !== TAG_LENGTH) throw new Error('sealed secret has an unknown format');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(nonce, 'base64url'), {
      authTagLength: TAG_LENGTH,
    });
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(tagBytes);
    try {
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    } catch (cause) {
      // Wrong master key or tampered data: say so without revealing anything else.
      throw new Error('a stored secret could not be decrypted (wrong master key or tampered data)', { cause });
    }
  }
}

import {createCipheriv, createDecipheriv, hkdfSync, randomBytes} from 'node:crypto';

/** Shortest secret accepted: 32 characters, e.g. `openssl rand -base64 32` (44). */
export const MIN_SECRET_LENGTH = 32;
const VERSION = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** An AES-256-GCM key derived from one secret. */
export type SealKey = Buffer;

/**
 * One key per secret, through HKDF so a secret is never used as a key directly and the same
 * secret used elsewhere yields an unrelated key here.
 */
export function deriveSealKeys(secrets: readonly string[]): SealKey[] {
  return secrets.map((secret) => Buffer.from(hkdfSync('sha256', secret, 'poly-chat', 'conversation cookie v1', 32)));
}

/**
 * Authenticated encryption of `plaintext` with the first key: `v1.` + base64url(iv | ciphertext | tag).
 * `context` (e.g. the cookie name) is bound in as associated data, so a sealed value does not open
 * anywhere else.
 */
export function seal(keys: readonly SealKey[], plaintext: string, context: string): string {
  const key = keys[0];
  if (key === undefined) throw new Error('seal: no key');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return VERSION + Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64url');
}

/** The plaintext, or null when the value was not sealed by one of `keys` for `context`, or was altered. */
export function unseal(keys: readonly SealKey[], sealed: string, context: string): string | null {
  if (!sealed.startsWith(VERSION)) return null;
  const bytes = Buffer.from(sealed.slice(VERSION.length), 'base64url');
  if (bytes.length < IV_BYTES + TAG_BYTES) return null;
  const iv = bytes.subarray(0, IV_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const ciphertext = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
  // Every key opens: the first seals, the others are still accepted while a rotation rolls out.
  for (const key of keys) {
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, {authTagLength: TAG_BYTES});
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      // Not this key (or tampered): try the next.
    }
  }
  return null;
}

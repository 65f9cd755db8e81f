import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/**
 * Encrypts secrets that must be stored readable (TOTP secrets, payment provider keys) with AES-256-GCM
 * under DATA_ENCRYPTION_KEY. Each value gets a random 12-byte IV and is stored as
 * `v1:<iv>:<tag>:<ciphertext>` (base64url), so a later key or algorithm can be told apart by its version.
 *
 * `context` (e.g. `users.totp_secret:<user id>`) is bound as additional authenticated data: a value copied
 * to another row or column does not decrypt there. Pass the same context to `open` as to `seal`.
 */
@Injectable()
export class SecretBox {
  private readonly key: Buffer;

  constructor(@Inject(AppConfig) config: Pick<AppConfig, 'DATA_ENCRYPTION_KEY'>) {
    const key = Buffer.from(config.DATA_ENCRYPTION_KEY ?? '', 'base64');
    if (key.length !== KEY_BYTES) {
      throw new SecretBoxError('DATA_ENCRYPTION_KEY must be 32 random bytes in base64.');
    }
    this.key = key;
  }

  seal(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv, tag, ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join(':');
  }

  /** Decrypts a value made by `seal`; throws SecretBoxError if it was altered, or made with another key or context. */
  open(sealed: string, context = ''): string {
    const parts = sealed.split(':');
    if (parts[0] !== VERSION) {
      throw new SecretBoxError(`Cannot decrypt: unknown format (expected a "${VERSION}:" value).`);
    }
    if (parts.length !== 4 || !parts.slice(1).every((part) => BASE64URL.test(part))) {
      throw new SecretBoxError('Cannot decrypt: malformed value.');
    }
    const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new SecretBoxError('Cannot decrypt: malformed value.');
    }
    const decipher = createDecipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(
        'Cannot decrypt: the value was altered, or encrypted with another DATA_ENCRYPTION_KEY or context.',
      );
    }
  }
}

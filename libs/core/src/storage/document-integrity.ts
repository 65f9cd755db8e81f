import { createHash } from 'node:crypto';
import type { StoredDocumentMeta } from './document-storage';

export const sha256Hex = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

/** A stored document whose bytes no longer match the SHA-256 recorded when it was written. */
export class DocumentIntegrityError extends Error {
  constructor(meta: Pick<StoredDocumentMeta, 'id' | 'orgId'>) {
    super(`Stored document ${meta.id} of org ${meta.orgId} fails its SHA-256 check`);
    this.name = 'DocumentIntegrityError';
  }
}

/** Returns the content when it still has the recorded hash and size; throws otherwise (never serves bad bytes). */
export function verified(meta: StoredDocumentMeta, content: Buffer): Buffer {
  if (content.length !== meta.size || sha256Hex(content) !== meta.sha256)
    throw new DocumentIntegrityError(meta);
  return content;
}

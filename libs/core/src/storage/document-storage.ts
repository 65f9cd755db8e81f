/** What is known of a stored document without reading its content. */
export interface StoredDocumentMeta {
  id: string;
  orgId: string;
  filename: string;
  contentType: string;
  /** Hex SHA-256 of the content, checked on every read. */
  sha256: string;
  size: number;
  createdAt: Date;
}

export interface NewDocument {
  orgId: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * Where generated files (invoice and credit-note PDFs) live. Postgres by default; a filesystem adapter for
 * deployments that prefer files (DOCUMENT_STORAGE). Documents are write-once: a document never changes.
 */
export abstract class DocumentStorage {
  /** Stores the content (in the caller's transaction when there is one) and returns its metadata. */
  abstract put(document: NewDocument): Promise<StoredDocumentMeta>;

  /** The document of this org, or null; another org's document is null too. */
  abstract get(orgId: string, id: string): Promise<{ meta: StoredDocumentMeta; content: Buffer } | null>;
}

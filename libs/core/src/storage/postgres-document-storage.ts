import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { isUuid } from '../database/base.entity';
import { StoredDocument } from './document.entity';
import { sha256Hex, verified } from './document-integrity';
import { DocumentStorage, NewDocument, StoredDocumentMeta } from './document-storage';

const toMeta = ({ content: _content, ...meta }: StoredDocument): StoredDocumentMeta => meta;

/** Documents in the `documents` table (bytea): written in the caller's transaction, backed up with the rest. */
@Injectable()
export class PostgresDocumentStorage extends DocumentStorage {
  constructor(private readonly tx: TransactionContext) {
    super();
  }

  async put(document: NewDocument): Promise<StoredDocumentMeta> {
    const row = this.tx.manager.create(StoredDocument, {
      orgId: document.orgId,
      filename: document.filename,
      contentType: document.contentType,
      sha256: sha256Hex(document.content),
      size: document.content.length,
      content: document.content,
    });
    await this.tx.manager.insert(StoredDocument, row);
    return toMeta(row);
  }

  async get(orgId: string, id: string): Promise<{ meta: StoredDocumentMeta; content: Buffer } | null> {
    if (!isUuid(orgId) || !isUuid(id)) return null;
    const row = await this.tx.manager.findOneBy(StoredDocument, { orgId, id });
    if (!row) return null;
    const meta = toMeta(row);
    return { meta, content: verified(meta, row.content) };
  }
}

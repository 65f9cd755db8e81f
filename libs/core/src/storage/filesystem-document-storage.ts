import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { isUuid, newId } from '../database/base.entity';
import { sha256Hex, verified } from './document-integrity';
import { DocumentStorage, NewDocument, StoredDocumentMeta } from './document-storage';

type MetaFile = Omit<StoredDocumentMeta, 'createdAt'> & { createdAt: string };

/**
 * Documents as files under DOCUMENT_STORAGE_DIR: `<org id>/<id>` holds the bytes and `<org id>/<id>.json`
 * the metadata. Both are written to a temporary name and renamed, so a reader never sees half a file; the
 * metadata goes last, so a document exists once its metadata does. Ids are UUIDs (checked), so no path
 * can leave the directory. Not transactional: a rolled-back caller leaves an unreferenced file behind.
 */
@Injectable()
export class FilesystemDocumentStorage extends DocumentStorage {
  private readonly root: string;

  constructor(config: AppConfig) {
    super();
    this.root = resolve(config.DOCUMENT_STORAGE_DIR);
  }

  async put(document: NewDocument): Promise<StoredDocumentMeta> {
    if (!isUuid(document.orgId)) throw new RangeError(`Not an organisation id: ${document.orgId}`);
    const meta: StoredDocumentMeta = {
      id: newId(),
      orgId: document.orgId,
      filename: document.filename,
      contentType: document.contentType,
      sha256: sha256Hex(document.content),
      size: document.content.length,
      createdAt: new Date(),
    };
    const dir = join(this.root, meta.orgId);
    await mkdir(dir, { recursive: true });
    await writeAtomically(join(dir, meta.id), document.content);
    await writeAtomically(join(dir, `${meta.id}.json`), JSON.stringify(meta));
    return meta;
  }

  async get(orgId: string, id: string): Promise<{ meta: StoredDocumentMeta; content: Buffer } | null> {
    if (!isUuid(orgId) || !isUuid(id)) return null;
    const base = join(this.root, orgId, id);
    const raw = await readFile(`${base}.json`, 'utf8').catch(notFoundAsNull);
    if (raw === null) return null;
    const stored = JSON.parse(raw) as MetaFile;
    const meta: StoredDocumentMeta = { ...stored, createdAt: new Date(stored.createdAt) };
    if (meta.orgId !== orgId || meta.id !== id) return null;
    return { meta, content: verified(meta, await readFile(base)) };
  }
}

async function writeAtomically(path: string, data: Buffer | string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

function notFoundAsNull(error: NodeJS.ErrnoException): null {
  if (error.code === 'ENOENT') return null;
  throw error;
}

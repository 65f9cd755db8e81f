import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { newId } from '../database/base.entity';
import { TransactionContext } from '../database/transaction-context';
import { DocumentIntegrityError } from './document-integrity';
import { DocumentStorage } from './document-storage';
import { FilesystemDocumentStorage } from './filesystem-document-storage';
import { PostgresDocumentStorage } from './postgres-document-storage';

const content = Buffer.from('%PDF-1.4 a document');

describe('DocumentStorage adapters', () => {
  let dataSource: DataSource;
  let dir: string;
  let adapters: {
    name: string;
    storage: DocumentStorage;
    corrupt: (orgId: string, id: string) => Promise<void>;
  }[];

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL as string)).initialize();
    dir = await mkdtemp(join(tmpdir(), 'documents-'));
    const config = Object.assign(new AppConfig(), { DOCUMENT_STORAGE_DIR: dir });
    adapters = [
      {
        name: 'postgres',
        storage: new PostgresDocumentStorage(new TransactionContext(dataSource)),
        corrupt: async (_orgId, id) => {
          await dataSource.query(`UPDATE documents SET content = 'tampered' WHERE id = $1`, [id]);
        },
      },
      {
        name: 'filesystem',
        storage: new FilesystemDocumentStorage(config),
        corrupt: (orgId, id) => writeFile(join(dir, orgId, id), 'tampered'),
      },
    ];
  });

  afterAll(async () => {
    await dataSource.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['postgres', 'filesystem'])(
    '%s: stores with SHA-256 and size, reads back, only for its org',
    async (name) => {
      const { storage } = adapters.find((a) => a.name === name)!;
      const orgId = newId();
      const meta = await storage.put({
        orgId,
        filename: 'INV-1.pdf',
        contentType: 'application/pdf',
        content,
      });
      expect(meta).toMatchObject({
        orgId,
        filename: 'INV-1.pdf',
        contentType: 'application/pdf',
        size: content.length,
      });
      expect(meta.sha256).toBe(createHash('sha256').update(content).digest('hex'));
      const read = await storage.get(orgId, meta.id);
      expect(read?.content.equals(content)).toBe(true);
      expect(read?.meta).toMatchObject({ id: meta.id, sha256: meta.sha256, size: meta.size });
      expect(await storage.get(newId(), meta.id)).toBeNull();
      expect(await storage.get(orgId, newId())).toBeNull();
      expect(await storage.get(orgId, '../../etc/passwd')).toBeNull();
    },
  );

  it.each(['postgres', 'filesystem'])(
    '%s: refuses to serve bytes that no longer match their SHA-256',
    async (name) => {
      const { storage, corrupt } = adapters.find((a) => a.name === name)!;
      const orgId = newId();
      const meta = await storage.put({
        orgId,
        filename: 'INV-2.pdf',
        contentType: 'application/pdf',
        content,
      });
      await corrupt(orgId, meta.id);
      await expect(storage.get(orgId, meta.id)).rejects.toBeInstanceOf(DocumentIntegrityError);
    },
  );

  it('filesystem: keeps documents under <dir>/<org id>/, no temporary files left', async () => {
    const { storage } = adapters.find((a) => a.name === 'filesystem')!;
    const orgId = newId();
    const meta = await storage.put({ orgId, filename: 'x.pdf', contentType: 'application/pdf', content });
    expect((await readdir(join(dir, orgId))).sort()).toEqual([meta.id, `${meta.id}.json`].sort());
  });
});

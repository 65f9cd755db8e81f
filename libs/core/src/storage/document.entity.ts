import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { newId } from '../database/base.entity';

/** A stored file (PostgresDocumentStorage). Write-once: no updated_at, the content never changes. */
@Entity('documents')
export class StoredDocument {
  @PrimaryColumn('uuid')
  id: string = newId();

  @Index()
  @Column('uuid')
  orgId: string;

  @Column('text')
  filename: string;

  @Column('text')
  contentType: string;

  @Column('char', { length: 64 })
  sha256: string;

  @Column('integer')
  size: number;

  @Column('bytea')
  content: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Check, Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';

export const DOCUMENT_SOURCES = ['invoice', 'credit_note'] as const;
export type DocumentSource = (typeof DOCUMENT_SOURCES)[number];

/**
 * The PDF of a finalized invoice or a credit note: rendered once, never changed. The unique key settles a
 * race between two renders (the loser reuses the winner's row). `documentId` is in DocumentStorage (no
 * foreign key: it may be a file); the template version used is kept (null template = the built-in one).
 */
@Entity('rendered_documents')
@Index('rendered_documents_source_key', ['orgId', 'sourceType', 'sourceId'], { unique: true })
@Check('rendered_documents_source_type_check', `source_type IN ('invoice', 'credit_note')`)
export class RenderedDocument extends TenantEntity {
  @Column('text')
  sourceType: DocumentSource;

  @Column('uuid')
  sourceId: string;

  @Column('uuid')
  documentId: string;

  @Column('uuid', { nullable: true })
  templateId: string | null;

  @Column('integer')
  templateVersion: number;
}

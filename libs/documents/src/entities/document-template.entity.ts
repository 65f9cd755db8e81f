import { Check, Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';

export const TEMPLATE_KINDS = ['invoice', 'credit_note'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TEMPLATE_STATUSES = ['draft', 'active', 'retired'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/**
 * One version of an organisation's custom template (Handlebars HTML + CSS). Versions never change once
 * created; activating one retires the previously active version of its kind (at most one active per kind).
 */
@Entity('document_templates')
@Index('document_templates_org_id_kind_version_key', ['orgId', 'kind', 'version'], { unique: true })
@Index('document_templates_one_active_key', ['orgId', 'kind'], { unique: true, where: `status = 'active'` })
@Check('document_templates_kind_check', `kind IN ('invoice', 'credit_note')`)
@Check('document_templates_status_check', `status IN ('draft', 'active', 'retired')`)
@Check('document_templates_version_check', 'version > 0')
export class DocumentTemplate extends TenantEntity {
  @Column('text')
  kind: TemplateKind;

  /** 1, 2, 3… per organisation and kind. */
  @Column('integer')
  version: number;

  @Column('text')
  html: string;

  @Column('text')
  css: string;

  @Column('text')
  status: TemplateStatus;

  @Column('timestamptz', { nullable: true })
  activatedAt: Date | null;
}

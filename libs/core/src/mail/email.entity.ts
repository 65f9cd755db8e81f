import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../database/base.entity';

export enum EmailStatus {
  Queued = 'queued',
  Sent = 'sent',
  Failed = 'failed',
}

/** A stored document attached to an email: a reference, its content is read from DocumentStorage at send time. */
export interface EmailAttachment {
  documentId: string;
  filename: string;
  contentType: string;
}

/** One outgoing email, rendered when queued so that what was sent can always be shown again. */
@Entity('emails')
@Index('emails_org_created_idx', ['orgId', 'id'])
@Index('emails_org_customer_idx', ['orgId', 'customerId', 'id'])
@Index('emails_dedupe_key_key', ['dedupeKey'], { unique: true })
export class Email extends BaseEntity {
  /** The sending organisation; null for platform mail (e.g. operator test messages). */
  @Column('uuid', { nullable: true })
  orgId: string | null;

  /** The customer it was sent to, when it concerns one. */
  @Column('uuid', { nullable: true })
  customerId: string | null;

  @Column('text', { array: true })
  to: string[];

  @Column('text', { array: true, default: '{}' })
  cc: string[];

  @Column('text', { nullable: true })
  replyTo: string | null;

  @Column('text')
  template: string;

  @Column('text')
  subject: string;

  @Column('text')
  html: string;

  @Column('text')
  text: string;

  @Column('jsonb', { default: () => "'[]'" })
  attachments: EmailAttachment[];

  /** What caused it (e.g. `invoice.finalized:<event id>`): a second email for the same cause is never queued. */
  @Column('text', { nullable: true })
  dedupeKey: string | null;

  @Index()
  @Column('text', { default: EmailStatus.Queued })
  status: EmailStatus;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('text', { nullable: true })
  providerMessageId: string | null;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;
}

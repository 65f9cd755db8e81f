import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../database/base.entity';

export enum EmailStatus {
  Queued = 'queued',
  Sent = 'sent',
  Failed = 'failed',
}

/** One outgoing email, rendered when queued so that what was sent can always be shown again. */
@Entity('emails')
@Index('emails_org_created_idx', ['orgId', 'id'])
export class Email extends BaseEntity {
  /** The sending organisation; null for platform mail (e.g. operator test messages). */
  @Column('uuid', { nullable: true })
  orgId: string | null;

  @Column('text', { array: true })
  to: string[];

  @Column('text', { array: true, default: '{}' })
  cc: string[];

  @Column('text')
  template: string;

  @Column('text')
  subject: string;

  @Column('text')
  html: string;

  @Column('text')
  text: string;

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

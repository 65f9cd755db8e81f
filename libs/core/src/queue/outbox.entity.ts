import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { newId } from '../database/base.entity';
import type { EnqueueOptions } from './jobs';

/** A job written in the same transaction as the business change that caused it, awaiting relay. */
@Entity('outbox')
@Index('outbox_pending_idx', ['id'], { where: 'sent_at IS NULL' })
export class OutboxMessage {
  @PrimaryColumn('uuid')
  id: string = newId();

  @Column('text')
  jobName: string;

  @Column('jsonb')
  payload: object;

  @Column('jsonb', { default: {} })
  options: EnqueueOptions;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;
}

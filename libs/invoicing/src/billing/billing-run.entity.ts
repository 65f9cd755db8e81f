import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@app/core';

/** One pass of the billing schedule (or a manual trigger) across every organisation's due cycles. */
@Entity('billing_runs')
export class BillingRun extends BaseEntity {
  @Column('text')
  trigger: 'schedule' | 'manual';

  @Column('int')
  cyclesTotal: number;

  @Column('int', { default: 0 })
  processed: number;

  @Column('int', { default: 0 })
  invoiced: number;

  @Column('int', { default: 0 })
  skipped: number;

  @Column('int', { default: 0 })
  failed: number;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;
}
